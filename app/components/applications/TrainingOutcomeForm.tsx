import { Form } from "react-router";
import { ChoiceGroup, TextField } from "~/components/Field";
import type { TrainingView } from "~/models/training-outcomes.server";
import { useFormat } from "~/utils/format";
import type { RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

const INTENT = "trainingOutcome";

/**
 * How a training ended, where its outcome is recorded (the trainer's application
 * page, the counsellor's placements): the outcome so far, then the outcomes still
 * possible as radios, the certificate's name and the day it ended.
 */
export function TrainingOutcomeForm({
  training,
  today,
  sent,
  compact = false,
}: {
  training: TrainingView;
  today: string;
  /** The refused form, when it was this one. */
  sent?: RefusedForm & { values: { intent?: string; placementId?: string } };
  /** In a list: the heading is left to the row. */
  compact?: boolean;
}) {
  const { t } = useTranslation("training");
  const format = useFormat();
  const busy = useBusy();
  const mine = sent?.values.intent === INTENT && sent.values.placementId === String(training.placementId);
  const refused = mine ? sent : undefined;
  const headingId = `training-${training.placementId}`;
  return (
    <section aria-labelledby={headingId} className={compact ? "space-y-2" : "card space-y-3"}>
      <h2 id={headingId} className={compact ? "font-semibold" : "text-lg font-semibold"}>
        {t("form.heading")}
      </h2>
      <p>
        {t(`status.${training.status}`)}
        {training.recordedOn ? ` · ${format.date(training.recordedOn)}` : null}
        {training.certificate ? ` · ${t("form.certificateShown", { certificate: training.certificate })}` : null}
      </p>
      {training.actions.length > 0 ? (
        <Form method="post" className="space-y-3" noValidate aria-label={t("form.heading")}>
          <input type="hidden" name="intent" value={INTENT} />
          <input type="hidden" name="placementId" value={training.placementId} />
          {refused?.formError ? <p className="font-semibold text-red-700">{t(refused.formError)}</p> : null}
          <ChoiceGroup
            legend={t("form.outcome")}
            name="outcome"
            choices={training.actions.map((value) => ({ value, label: t(`outcome.${value}`) }))}
            selected={refused?.values.outcome ? [refused.values.outcome] : []}
            error={refused?.fieldErrors.outcome}
          />
          <TextField
            label={t("form.certificate")}
            name="certificate"
            maxLength={200}
            hint={t("form.certificateHint")}
            defaultValue={refused?.values.certificate}
            error={refused?.fieldErrors.certificate}
          />
          <TextField
            label={t("form.recordedOn")}
            name="recordedOn"
            type="date"
            min={training.startDate}
            max={today}
            defaultValue={refused?.values.recordedOn ?? today}
            error={refused?.fieldErrors.recordedOn}
          />
          <button type="submit" className="btn" disabled={busy}>
            {t("form.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
