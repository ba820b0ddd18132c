import { Form, Link } from "react-router";
import { FormErrorSummary, TextareaField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { CONTACT_MAX, NEED_MAX } from "~/schemas/programme";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

/** Who is reading the programme, as far as the interest form is concerned. */
export type InterestViewer =
  | { kind: "employer"; companyName: string; openRequestId: number | null }
  | { kind: "noCompany" | "visitor" | "candidate" | "staff" };

export type InterestRefusal = { fieldErrors: FieldErrors; values: FormValues; formError?: string; openId?: number };

/**
 * The company's two fields and what may be done with them: an employer sends them; a visitor
 * creates the company's account (or logs in) first and comes back to the same fields, kept.
 */
export function InterestForm({
  viewer,
  prefill,
  refused,
}: {
  viewer: InterestViewer;
  prefill: { need: string; contact: string };
  refused?: InterestRefusal;
}) {
  const { t } = useTranslation("programmes");
  const busy = useBusy();
  if (viewer.kind === "candidate") {
    return (
      <p>
        {t("interest.candidate")}{" "}
        <Link to="/offres" className="inline-flex min-h-11 items-center">
          {t("interest.candidateLink")}
        </Link>
      </p>
    );
  }
  if (viewer.kind === "staff") {
    return (
      <p>
        {t("interest.staff")}{" "}
        <Link to="/conseiller/partenariats" className="inline-flex min-h-11 items-center">
          {t("interest.staffLink")}
        </Link>
      </p>
    );
  }
  if (viewer.kind === "noCompany") return <Notice tone="info">{t("interest.noCompany")}</Notice>;
  const openId = refused?.openId ?? (viewer.kind === "employer" ? viewer.openRequestId : null);
  if (openId) {
    return (
      <Notice tone="info" role={refused ? "status" : null}>
        {t("interest.alreadyOpen")}{" "}
        <Link to={`/employeur/partenariats/${openId}`} className="inline-flex min-h-11 items-center">
          {t("interest.alreadyOpenLink")}
        </Link>
      </Notice>
    );
  }
  const errors = refused?.fieldErrors;
  const values = refused?.values ?? prefill;
  return (
    <Form method="post" className="space-y-4" noValidate>
      <FormErrorSummary errors={errors} message={refused?.formError} />
      <p>{viewer.kind === "employer" ? t("interest.company", { name: viewer.companyName }) : t("interest.intro")}</p>
      <TextareaField
        label={t("interest.need")}
        hint={t("interest.needHint")}
        name="need"
        rows={4}
        maxLength={NEED_MAX}
        required
        defaultValue={values.need}
        error={errors?.need}
      />
      <TextareaField
        label={t("interest.contact")}
        hint={t("interest.contactHint")}
        name="contact"
        rows={2}
        maxLength={CONTACT_MAX}
        required
        defaultValue={values.contact}
        error={errors?.contact}
      />
      {viewer.kind === "employer" ? (
        <button type="submit" name="intent" value="send" className="btn" disabled={busy}>
          {t("interest.send")}
        </button>
      ) : (
        <>
          <p className="text-stone-700">{t("interest.visitorIntro")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" name="intent" value="signup" className="btn" disabled={busy}>
              {t("interest.signup")}
            </button>
            <button type="submit" name="intent" value="login" className="btn-secondary" disabled={busy}>
              {t("interest.login")}
            </button>
          </div>
        </>
      )}
    </Form>
  );
}
