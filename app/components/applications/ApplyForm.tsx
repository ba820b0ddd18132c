import { Form } from "react-router";
import { type Applicant, ApplicantProfile } from "~/components/ApplicantProfile";
import { FormErrorSummary, TextareaField, useErrorText } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { useFormat } from "~/utils/format";
import type { FieldError, FormValues, RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

type Cv = { id: number; name: string };
export type KeptDraft = { message: string; cv: "attach" | "none" };

// Buttons that leave for the profile page post the form, so that what was typed is kept for the way back.
const toProfile = (intent: "complete-profile" | "add-cv") => ({
  type: "submit" as const,
  name: "intent",
  value: intent,
});

/** What the form starts with: a refused form's values, else the draft kept while the profile was completed. */
function startingValues(refused: RefusedForm | undefined, draft: KeptDraft | null, cv: Cv | null): FormValues {
  if (refused) return refused.values;
  if (!draft) return {};
  return { message: draft.message, cvFileId: draft.cv === "attach" && cv ? String(cv.id) : "" };
}

/**
 * The apply form, short enough that "Envoyer ma candidature" is on a phone's first
 * screens: the message, the CV choice, what the profile lacks, then the employer's view folded.
 */
export function ApplyForm({
  refused,
  draft,
  cv,
  messageMax,
  preview,
  missingCount,
}: {
  refused: RefusedForm | undefined;
  draft: KeptDraft | null;
  cv: Cv | null;
  messageMax: number;
  preview: Applicant;
  /** How many of the profile's fields the completeness bar counts are empty. */
  missingCount: number;
}) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  const busy = useBusy();
  const errors = refused?.fieldErrors ?? {};
  const values = startingValues(refused, draft, cv);
  const chosenCv = values.cvFileId ?? (cv ? String(cv.id) : "");
  return (
    <Form method="post" className="space-y-4" noValidate>
      <FormErrorSummary message={refused?.formError} errors={errors} />
      <TextareaField
        label={t("apply.message")}
        hint={t("apply.messageHint", { max: format.number(messageMax) })}
        name="message"
        rows={4}
        maxLength={messageMax}
        defaultValue={values.message}
        error={errors.message}
      />
      <CvChoice cv={cv} chosen={chosenCv} error={errors.cvFileId} />
      {missingCount > 0 ? (
        <Notice tone="warning" role={null}>
          <p>{t("apply:incomplete.body", { count: missingCount })}</p>
          <button {...toProfile("complete-profile")} className="btn-secondary mt-2 min-h-11" disabled={busy}>
            {t("apply.completeProfile")}
          </button>
          <p className="mt-1 text-sm">{t("apply:incomplete.kept")}</p>
        </Notice>
      ) : null}
      <details className="card">
        <summary className="min-h-11 cursor-pointer py-2">
          <h2 className="inline text-lg font-semibold">{t("apply.previewTitle")}</h2>
        </summary>
        <div className="mt-2 space-y-3">
          <p className="text-sm text-stone-700">{t("apply.previewIntro")}</p>
          <ApplicantProfile applicant={preview} showMissing />
          <p className="text-sm text-stone-700">{t("apply.previewAlso")}</p>
          <button {...toProfile("complete-profile")} className="btn-secondary min-h-11" disabled={busy}>
            {t("apply:previewEdit")}
          </button>
          <h3 className="font-semibold">{t("apply.hiddenTitle")}</h3>
          <ul className="list-disc pl-6 text-sm text-stone-700">
            <li>{t("apply.hidden.migrantStatus")}</li>
            <li>{t("apply.hidden.disability")}</li>
            <li>{t("apply.hidden.birthDate")}</li>
            <li>{t("apply.hidden.notes")}</li>
          </ul>
        </div>
      </details>
      <button type="submit" className="btn min-h-11 w-full sm:w-auto" disabled={busy}>
        {t("apply.submit")}
      </button>
    </Form>
  );
}

/** Their CV or none (without a CV, nothing to choose); adding one goes to the profile and back. */
function CvChoice({ cv, chosen, error }: { cv: Cv | null; chosen: string; error: FieldError | undefined }) {
  const { t } = useTranslation("applications");
  const errorText = useErrorText();
  const busy = useBusy();
  const hint = (
    <div id="apply-cv-hint" className="text-sm text-stone-600">
      <p>{t("apply.cvHint")}</p>
      <button {...toProfile("add-cv")} className="min-h-11 text-brand-700 underline" disabled={busy}>
        {t("apply.cvUpload")}
      </button>
    </div>
  );
  if (!cv) {
    return (
      <div>
        <input type="hidden" name="cvFileId" value="" />
        {hint}
      </div>
    );
  }
  const choices = [
    { value: String(cv.id), label: t("apply.cvAttach", { name: cv.name }) },
    { value: "", label: t("apply.cvNone") },
  ];
  return (
    <fieldset
      aria-describedby={["apply-cv-hint", error ? "apply-cv-error" : null].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
    >
      <legend className="font-medium">{t("apply.cvLegend")}</legend>
      <div className="flex flex-wrap gap-x-4">
        {choices.map((choice) => (
          <label key={choice.value} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name="cvFileId"
              value={choice.value}
              className="h-5 w-5"
              defaultChecked={chosen === choice.value}
            />
            {choice.label}
          </label>
        ))}
      </div>
      {hint}
      {error ? (
        <p id="apply-cv-error" className="mt-1 text-sm font-semibold text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
