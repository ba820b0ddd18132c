import { ScrollRegion } from "~/components/ScrollRegion";
import { useTranslation } from "~/utils/translation";
import { type As, type Report, useLabels, useShow } from "./figures";

/** One table per breakdown: its categories in rows, the indicators that have it in columns. */
export function Breakdowns({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const show = useShow();
  const labels = useLabels();
  const p = report.people;
  const indicators: { key: string; as: As; breakdowns: Report["people"]["registered"]["breakdowns"] }[] = [
    { key: "registered", as: "count", breakdowns: p.registered.breakdowns },
    { key: "applications", as: "count", breakdowns: p.applications.breakdowns },
    { key: "placements", as: "count", breakdowns: p.placements.breakdowns },
    { key: "placementRate", as: "rate", breakdowns: p.placementRate.breakdowns },
    { key: "medianDays", as: "days", breakdowns: p.medianDaysToPlacement.breakdowns },
    { key: "retention3", as: "rate", breakdowns: p.retention3.breakdowns },
    { key: "retention6", as: "rate", breakdowns: p.retention6.breakdowns },
    { key: "admittedToTraining", as: "count", breakdowns: p.admittedToTraining.breakdowns },
    { key: "trainingCompletion", as: "rate", breakdowns: p.trainingCompletion.breakdowns },
  ];
  const dimensions = [...new Set(indicators.flatMap((i) => i.breakdowns.map((b) => b.dimension)))];
  return (
    <section aria-labelledby="breakdowns" className="space-y-6">
      <h2 id="breakdowns" className="text-xl font-semibold">
        {t("breakdowns.heading")}
      </h2>
      {dimensions.map((dimension) => {
        const columns = indicators.filter((i) => i.breakdowns.some((b) => b.dimension === dimension));
        const keys = columns[0]!.breakdowns.find((b) => b.dimension === dimension)!.cells.map((c) => c.key);
        return (
          <ScrollRegion key={dimension} label={t("breakdowns.caption", { dimension: t(`dimension.${dimension}`) })}>
            <table className="min-w-full text-sm">
              <caption className="text-left text-lg font-semibold">
                {t("breakdowns.caption", { dimension: t(`dimension.${dimension}`) })}
              </caption>
              <thead>
                <tr>
                  <td />
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className="px-2 text-right align-bottom">
                      {t(`indicators.${c.key}.title`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key} className="border-t border-stone-200">
                    <th scope="row" className="text-left font-normal">
                      {labels.category(dimension, key)}
                    </th>
                    {columns.map((c) => {
                      const value = c.breakdowns
                        .find((b) => b.dimension === dimension)!
                        .cells.find((cell) => cell.key === key)!.value;
                      return (
                        <td key={c.key} className="px-2 text-right tabular-nums">
                          {show(value, c.as)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        );
      })}
    </section>
  );
}
