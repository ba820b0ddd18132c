import type { ComponentProps } from "react";
import { BarChart, type BarPoint } from "~/components/BarChart";
import { ScrollRegion } from "~/components/ScrollRegion";
import { useTranslation } from "~/utils/translation";
import { type As, type Report, useLabels, useShow, type Value } from "./figures";

const COLORS = { placements: "#0f766e", retention3: "#0f766e", retention6: "#b45309" };

export function Charts({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const show = useShow();
  const labels = useLabels();
  const months = report.period.months;
  const cell = (value: Value, as: As) => ({ value: typeof value === "number" ? value : null, text: show(value, as) });
  const placements: BarPoint[] = months.map((m, i) => ({
    label: labels.month(m),
    cells: [cell(report.series.placements[i]!.value, "count")],
  }));
  const retention: BarPoint[] = months.map((m, i) => ({
    label: labels.month(m),
    cells: [cell(report.series.retention3[i]!.value, "rate"), cell(report.series.retention6[i]!.value, "rate")],
  }));
  return (
    <section aria-labelledby="charts" className="space-y-6">
      <h2 id="charts" className="text-xl font-semibold">
        {t("charts.heading")}
      </h2>
      <ChartFigure
        id="chart-placements"
        title={t("charts.placements")}
        description={t("charts.placementsDesc")}
        series={[{ name: t("indicators.placements.title"), color: COLORS.placements }]}
        months={months}
        points={placements}
      />
      <ChartFigure
        id="chart-retention"
        title={t("charts.retention")}
        description={t("charts.retentionDesc")}
        series={[
          { name: t("indicators.retention3.title"), color: COLORS.retention3 },
          { name: t("indicators.retention6.title"), color: COLORS.retention6 },
        ]}
        months={months}
        points={retention}
        max={1}
      />
    </section>
  );
}

/** A chart beside the same figures as a table, for those who cannot see the chart. */
function ChartFigure({ months, ...chart }: ComponentProps<typeof BarChart> & { months: string[] }) {
  return (
    <figure className="grid gap-4 lg:grid-cols-2">
      <BarChart {...chart} />
      <ChartTable
        caption={chart.title}
        columns={chart.series.map((serie) => serie.name)}
        months={months}
        rows={chart.points}
      />
    </figure>
  );
}

function ChartTable({
  caption,
  columns,
  months,
  rows,
}: {
  caption: string;
  columns: string[];
  months: string[];
  rows: BarPoint[];
}) {
  const { t } = useTranslation("reports");
  const labels = useLabels();
  return (
    <ScrollRegion label={caption}>
      <table className="min-w-full text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="text-left">
              {t("charts.month")}
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className="text-right">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={months[i]} className="border-t border-stone-200">
              <th scope="row" className="text-left font-normal">
                {labels.longMonth(months[i]!)}
              </th>
              {row.cells.map((c, j) => (
                <td key={j} className="text-right tabular-nums">
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
