import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

export type Figures = {
  stipendFcfa: number | null;
  trainingFcfa: number | null;
  insurance: boolean;
  durationMonths: number | null;
};

/** What the partners pay and for how long, as a short list; a figure the programme does not have is left out. */
export function ProgrammeFigures({ figures }: { figures: Figures }) {
  const { t } = useTranslation("programmes");
  const format = useFormat();
  const rows: [string, string][] = [];
  if (figures.stipendFcfa !== null)
    rows.push([t("figures.stipend"), t("figures.stipendValue", { amount: format.money(figures.stipendFcfa) })]);
  if (figures.trainingFcfa !== null)
    rows.push([t("figures.training"), t("figures.trainingValue", { amount: format.money(figures.trainingFcfa) })]);
  if (figures.insurance) rows.push([t("figures.insurance"), t("figures.insuranceYes")]);
  if (figures.durationMonths !== null)
    rows.push([t("figures.duration"), t("figures.durationValue", { count: figures.durationMonths })]);
  if (rows.length === 0) return null;
  return (
    <dl aria-label={t("figures.label")} className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-stone-600">{label}</dt>
          <dd className="font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
