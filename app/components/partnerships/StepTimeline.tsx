import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { PartnershipStatus } from "../../../db/enums";

export type TimelineStep = { id: number; status: PartnershipStatus; happenedOn: string };

/** A partnership's steps in the order they took place, each with its day (a plain ordered list). */
export function StepTimeline({ steps, empty }: { steps: TimelineStep[]; empty: string }) {
  const { t } = useTranslation("partnerships");
  const format = useFormat();
  if (steps.length === 0) return <p>{empty}</p>;
  return (
    <ol className="space-y-2 border-l-2 border-brand-600 pl-4">
      {steps.map((step) => (
        <li key={step.id}>
          <span className="font-semibold">{t(`status.${step.status}`)}</span>{" "}
          <time dateTime={step.happenedOn} className="text-stone-700">
            {format.date(step.happenedOn, "long")}
          </time>
        </li>
      ))}
    </ol>
  );
}
