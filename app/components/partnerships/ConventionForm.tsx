// Signing (the whole convention) or amending it (dates, commitments, contributions
// and the reason). Rows come in the number the page chose; "add lines" posts the
// form back with more, everything typed kept, so that it works without JavaScript.
import { Form } from "react-router";
import { bindFields, ChoiceGroup, FormErrorSummary, TextareaField, TextField, useErrorText } from "~/components/Field";
import { CommitmentRow, ContributionRow } from "~/components/partnerships/ConventionFormRows";
import { REASON_MAX, REFERENCE_MAX, SIGNATORIES_MAX } from "~/schemas/convention";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

export type ConventionFormProps = {
  mode: "sign" | "amend";
  values: FormValues;
  /** The partners ticked (signing). */
  partnerIds: string[];
  /** Signing: every partner organisation; amending: the convention's partners. */
  partners: { id: number; name: string }[];
  rows: { commitments: number; contributions: number };
  errors: FieldErrors;
  formError?: string;
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function ConventionForm({ mode, values, partnerIds, partners, rows, errors, formError }: ConventionFormProps) {
  const { t } = useTranslation("conventions");
  const busy = useBusy();
  const errorText = useErrorText();
  const field = bindFields(values, errors);
  return (
    <Form method="post" className="card space-y-5" noValidate>
      <FormErrorSummary errors={errors} message={formError} />
      <input type="hidden" name="commitmentRows" value={rows.commitments} />
      <input type="hidden" name="contributionRows" value={rows.contributions} />
      {mode === "sign" ? (
        <TextField
          label={t("form.reference")}
          hint={t("form.referenceHint")}
          {...field("reference")}
          maxLength={REFERENCE_MAX}
        />
      ) : (
        <TextareaField
          label={t("form.reason")}
          hint={t("form.reasonHint")}
          {...field("reason")}
          maxLength={REASON_MAX}
          rows={3}
        />
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t(mode === "sign" ? "form.signedOn" : "form.amendedOn")} {...field("signedOn")} type="date" />
        <TextField label={t("form.startDate")} {...field("startDate")} type="date" />
        <TextField label={t("form.endDate")} hint={t("form.datesHint")} {...field("endDate")} type="date" />
      </div>
      {mode === "sign" ? (
        <>
          <TextareaField
            label={t("form.signatories")}
            hint={t("form.signatoriesHint")}
            {...field("signatories")}
            maxLength={SIGNATORIES_MAX}
            rows={3}
          />
          <ChoiceGroup
            legend={t("form.partners")}
            name="partnerIds"
            multiple
            choices={partners.map((p) => ({ value: String(p.id), label: p.name }))}
            selected={partnerIds}
            error={errors.partnerIds}
          />
        </>
      ) : null}
      <section className="space-y-3" aria-labelledby="commitments-title">
        <h2 id="commitments-title" className="text-lg font-semibold">
          {t("form.commitments")}
        </h2>
        <p className="text-sm text-stone-700">{t("form.commitmentsHint")}</p>
        {errors.commitments ? <p className="font-semibold text-red-700">{errorText(errors.commitments)}</p> : null}
        {range(rows.commitments).map((row) => (
          <CommitmentRow key={row} row={row} values={values} errors={errors} />
        ))}
      </section>
      <section className="space-y-3" aria-labelledby="contributions-title">
        <h2 id="contributions-title" className="text-lg font-semibold">
          {t("form.contributions")}
        </h2>
        <p className="text-sm text-stone-700">{t("form.contributionsHint")}</p>
        {errors.contributions ? <p className="font-semibold text-red-700">{errorText(errors.contributions)}</p> : null}
        {range(rows.contributions).map((row) => (
          <ContributionRow key={row} row={row} values={values} errors={errors} partners={partners} />
        ))}
      </section>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
          {t(mode === "sign" ? "form.sign" : "form.amend")}
        </button>
        <button type="submit" name="intent" value="addRows" formNoValidate className="btn-secondary" disabled={busy}>
          {t("form.addRows")}
        </button>
      </div>
    </Form>
  );
}
