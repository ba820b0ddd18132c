// "Job offer: do you accept?" with its two answers, on the candidate's list of
// applications and on the counsellor's file of a candidate (who answers for them).
// Declining folds open (<details>) to ask why: works without JavaScript.
import { Form } from "react-router";
import { SelectField, TextareaField } from "~/components/Field";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

export type OfferAnswerRefusal = { applicationId: number; fieldErrors: FieldErrors; values: FormValues };

export function OfferAnswerForms({
  applicationId,
  intent,
  reasons,
  wordsMax,
  refused,
  onBehalf = false,
}: {
  applicationId: number;
  /** The `intent` the page's action reads. */
  intent: string;
  reasons: readonly string[];
  wordsMax: number;
  /** What a refused answer on this application sent back. */
  refused?: OfferAnswerRefusal;
  /** A counsellor answering for the candidate. */
  onBehalf?: boolean;
}) {
  const { t } = useTranslation("answers");
  const busy = useBusy();
  const errors = refused?.fieldErrors ?? {};
  const values = refused?.values ?? {};
  return (
    <section aria-labelledby={`answer-${applicationId}`} className="space-y-3 rounded border-2 border-brand-600 p-3">
      <h3 id={`answer-${applicationId}`} className="font-semibold">
        {t(onBehalf ? "question.onBehalf" : "question.self")}
      </h3>
      <p className="text-sm text-stone-700">{t(onBehalf ? "hint.onBehalf" : "hint.self")}</p>
      {errors.answer ? (
        <p role="alert" className="font-semibold text-red-700">
          {t(String(errors.answer))}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="applicationId" value={applicationId} />
        <input type="hidden" name="answer" value="accept" />
        <button type="submit" className="btn min-h-11 w-full sm:w-auto" disabled={busy}>
          {t("accept")}
        </button>
      </Form>
      <details open={values.answer === "decline" ? true : undefined}>
        <summary className="flex min-h-11 cursor-pointer items-center font-medium text-red-800">{t("decline")}</summary>
        <Form method="post" className="mt-2 space-y-3" noValidate>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="answer" value="decline" />
          <SelectField
            label={t("reason")}
            name="reason"
            required
            placeholder={t("choose")}
            options={reasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
            defaultValue={values.reason ?? ""}
            error={errors.reason}
          />
          <TextareaField
            label={t("words")}
            name="words"
            rows={3}
            maxLength={wordsMax}
            hint={t("wordsHint", { max: wordsMax })}
            defaultValue={values.words}
            error={errors.words}
          />
          <button type="submit" className="btn min-h-11 bg-red-700 hover:bg-red-800" disabled={busy}>
            {t("declineConfirm")}
          </button>
        </Form>
      </details>
    </section>
  );
}
