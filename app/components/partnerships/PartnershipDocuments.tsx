import { Form } from "react-router";
import { CardSection } from "~/components/CardSection";
import { FormErrorSummary, TextField } from "~/components/Field";
import { ItemActionForm } from "~/components/ItemActionForm";
import type { RefusedPartnershipForm } from "~/models/partnership-page-actions.server";
import type { StaffPartnership } from "~/models/partnerships.server";
import { DOCUMENT_LABEL_MAX } from "~/schemas/partnerships";
import { useFormat } from "~/utils/format";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { refusedFor } from "./PartnershipSections";

/** The partnership's PDFs (downloaded through /fichiers/:id) and the form that adds one. */
export function PartnershipDocuments({
  documents,
  refused,
}: {
  documents: StaffPartnership["documents"];
  refused: RefusedPartnershipForm | undefined;
}) {
  const { t } = useTranslation("partnerships");
  const format = useFormat();
  const busy = useBusy();
  const form = refusedFor(refused, "document.add");
  return (
    <CardSection id="documents" title={t("detail.documents")}>
      {documents.length === 0 ? (
        <p>{t("detail.noDocuments")}</p>
      ) : (
        <ul className="space-y-3">
          {documents.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
              <div className="min-w-0">
                <a
                  href={`/fichiers/${d.fileId}`}
                  className="inline-block min-h-11 py-2 font-semibold break-words"
                  aria-label={t("detail.download", { label: d.label })}
                >
                  {d.label}
                </a>
                <p className="text-sm text-stone-700">
                  {d.name} ·{" "}
                  {t("detail.uploadedBy", { date: format.date(d.createdAt, "medium"), name: d.uploaderName ?? "—" })}
                </p>
              </div>
              <ItemActionForm
                fields={{ documentId: d.id }}
                intent="document.remove"
                className="btn-secondary"
                disabled={busy}
                aria-label={t("detail.removeLabel", { label: d.label })}
              >
                {t("detail.remove")}
              </ItemActionForm>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
        <FormErrorSummary errors={form?.fieldErrors} />
        <TextField
          label={t("detail.documentLabel")}
          hint={t("detail.documentLabelHint")}
          name="label"
          maxLength={DOCUMENT_LABEL_MAX}
          defaultValue={form?.values.label}
          error={form?.fieldErrors.label}
        />
        <TextField
          label={t("detail.documentFile")}
          hint={t("detail.documentFileHint")}
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          error={form?.fieldErrors.file}
        />
        <button type="submit" name="intent" value="document.add" className="btn" disabled={busy}>
          {t("detail.upload")}
        </button>
      </Form>
    </CardSection>
  );
}
