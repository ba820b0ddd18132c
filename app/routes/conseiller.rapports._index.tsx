import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/conseiller.rapports._index";
import { BarChart, type BarPoint } from "~/components/BarChart";
import { FormErrorSummary, SelectField } from "~/components/Field";
import { computeIndicators, partnerOrganisations } from "~/models/indicators.server";
import { OFFER_TYPES } from "../../db/enums";
import { modelFilters, monthChoices, parseReportFilters, PERIOD_PRESETS, reportSearch } from "~/schemas/report-filters";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";
import { REGION_CODES } from "~/utils/reference";

export const handle = { i18n: ["common", "reports"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  const query = parseReportFilters(new URL(request.url).searchParams);
  const db = getDb();
  const page = {
    query,
    report: computeIndicators(db, modelFilters(query)),
    partners: partnerOrganisations(db),
    months: monthChoices(),
  };
  // A month that does not exist: the last 12 months, with the form saying which field is wrong.
  return query.fieldErrors ? data(page, { status: 400 }) : page;
}

type Data = Route.ComponentProps["loaderData"];
type Report = Data["report"];
type Value = Report["people"]["registered"]["total"];
type As = "count" | "rate" | "days";
type Dimension = Report["people"]["registered"]["breakdowns"][number]["dimension"];

const COLORS = { placements: "#0f766e", retention3: "#0f766e", retention6: "#b45309" };

/** A figure as the page shows it: the number, "< 5" or "hidden". */
function useShow() {
  const { t } = useTranslation("reports");
  const format = useFormat();
  return (value: Value, as: As = "count") => {
    if (typeof value !== "number") return value.complement ? t("hidden") : t("small");
    if (as === "rate") return t("percent", { value: format.number(Math.round(value * 100)) });
    if (as === "days") return t("days", { value: format.number(Math.round(value)) });
    return format.number(value);
  };
}

function useLabels() {
  const { t, i18n } = useTranslation("reports");
  const monthFormat = new Intl.DateTimeFormat(intlLocale(i18n.language), { month: "short", year: "2-digit", timeZone: "UTC" });
  const longMonth = new Intl.DateTimeFormat(intlLocale(i18n.language), { month: "long", year: "numeric", timeZone: "UTC" });
  return {
    month: (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`)),
    longMonth: (m: string) => longMonth.format(new Date(`${m}-01T00:00:00Z`)),
    category: (dimension: Dimension, key: string) =>
      dimension === "region" || dimension === "sector" || dimension === "offerType"
        ? key === "unknown"
          ? t("unknown")
          : t(`common:${dimension}.${key}`)
        : t(`${dimension}.${key}`),
  };
}

export default function Reports({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("reports");
  const format = useFormat();
  const { report, query } = loaderData;
  const search = reportSearch(query);
  return (
    <div className="space-y-8">
      <title>{`${t("title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("intro")}</p>
      </div>
      <Filters data={loaderData} />
      <p className="font-semibold">{t("filters.period", { start: format.date(report.period.start), end: format.date(report.period.end) })}</p>
      <Headline report={report} />
      <SuppressionNote />
      <Charts report={report} />
      <Breakdowns report={report} />
      <section aria-labelledby="exports" className="card space-y-2">
        <h2 id="exports" className="text-xl font-semibold">{t("exports.heading")}</h2>
        <ul className="ml-5 list-disc">
          <li>
            <a href={`/conseiller/rapports/placements.csv?${search}`} download>{t("exports.placements")}</a>
          </li>
          <li>
            <a href={`/conseiller/rapports/indicateurs.csv?${search}`} download>{t("exports.indicators")}</a>
          </li>
        </ul>
        <p className="text-sm text-stone-600">{t("exports.note")}</p>
      </section>
    </div>
  );
}

function Filters({ data }: { data: Data }) {
  const { t } = useTranslation("reports");
  const labels = useLabels();
  const { query, months, partners } = data;
  const all = t("filters.all");
  return (
    <section aria-labelledby="filters" className="card space-y-3">
      <h2 id="filters" className="text-xl font-semibold">{t("filters.heading")}</h2>
      <nav aria-label={t("filters.presets")} className="flex flex-wrap gap-2">
        {PERIOD_PRESETS.map((n) => (
          <Link
            key={n}
            to={`?${reportSearch(query, { du: undefined, au: undefined, periode: String(n) })}`}
            className={query.preset === n ? "btn" : "btn-secondary"}
            aria-current={query.preset === n ? "true" : undefined}
          >
            {t("filters.preset", { n })}
          </Link>
        ))}
      </nav>
      <Form method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div className="sm:col-span-2 lg:col-span-3 empty:hidden">
          <FormErrorSummary errors={query.fieldErrors} />
        </div>
        <SelectField label={t("filters.from")} name="du" defaultValue={query.from} error={query.fieldErrors?.du} options={months.map((m) => ({ value: m, label: labels.longMonth(m) }))} />
        <SelectField label={t("filters.to")} name="au" defaultValue={query.to} error={query.fieldErrors?.au} options={months.map((m) => ({ value: m, label: labels.longMonth(m) }))} />
        <SelectField
          label={t("filters.region")}
          hint={t("filters.regionHint")}
          name="region"
          defaultValue={query.region ?? ""}
          placeholder={all}
          options={REGION_CODES.map((r) => ({ value: r, label: t(`common:region.${r}`) }))}
        />
        <SelectField
          label={t("filters.partner")}
          hint={t("filters.partnerHint")}
          name="partenaire"
          defaultValue={query.partnerId ? String(query.partnerId) : ""}
          placeholder={all}
          options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <SelectField
          label={t("filters.offerType")}
          name="type"
          defaultValue={query.offerType ?? ""}
          placeholder={all}
          options={OFFER_TYPES.map((type) => ({ value: type, label: t(`common:offerType.${type}`) }))}
        />
        <div className="flex items-end">
          <button type="submit" className="btn">{t("filters.apply")}</button>
        </div>
      </Form>
    </section>
  );
}

function Headline({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const show = useShow();
  const format = useFormat();
  const p = report.people;
  const of = (key: "ofPeople" | "ofFollowups", population: Value) => (typeof population === "number" ? t(key, { n: format.number(population) }) : undefined);
  const items: { key: string; value: string; help?: string }[] = [
    { key: "registered", value: show(p.registered.total) },
    { key: "applications", value: show(p.applications.total) },
    { key: "placements", value: show(p.placements.total) },
    { key: "placementRate", value: show(p.placementRate.value, "rate"), help: of("ofPeople", p.placementRate.population) },
    { key: "medianDays", value: show(p.medianDaysToPlacement.value, "days"), help: t("indicators.medianDays.help") },
    { key: "retention3", value: show(p.retention3.value, "rate"), help: of("ofFollowups", p.retention3.population) },
    { key: "retention6", value: show(p.retention6.value, "rate"), help: of("ofFollowups", p.retention6.population) },
    { key: "offersPublished", value: format.number(report.market.offersPublished.total) },
    { key: "verifiedEmployers", value: format.number(report.market.verifiedEmployers), help: t("indicators.verifiedEmployers.help") },
  ];
  return (
    <section aria-labelledby="headline">
      <h2 id="headline" className="mb-2 text-xl font-semibold">{t("headline.heading")}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {items.map((item) => (
          <div key={item.key} className="card">
            <dt className="text-sm text-stone-600">{t(`indicators.${item.key}.title`)}</dt>
            <dd className="text-2xl font-bold">{item.value}</dd>
            {item.help ? <dd className="text-sm text-stone-600">{item.help}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

function SuppressionNote() {
  const { t } = useTranslation("reports");
  return (
    <aside aria-labelledby="suppression" className="rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
      <h2 id="suppression" className="font-semibold">{t("suppression.heading")}</h2>
      <p>{t("suppression.small")}</p>
      <p>{t("suppression.hidden")}</p>
      <p>{t("suppression.rates")}</p>
    </aside>
  );
}

function Charts({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const show = useShow();
  const labels = useLabels();
  const months = report.period.months;
  const cell = (value: Value, as: As) => ({ value: typeof value === "number" ? value : null, text: show(value, as) });
  const placements: BarPoint[] = months.map((m, i) => ({ label: labels.month(m), cells: [cell(report.series.placements[i]!.value, "count")] }));
  const retention: BarPoint[] = months.map((m, i) => ({
    label: labels.month(m),
    cells: [cell(report.series.retention3[i]!.value, "rate"), cell(report.series.retention6[i]!.value, "rate")],
  }));
  return (
    <section aria-labelledby="charts" className="space-y-6">
      <h2 id="charts" className="text-xl font-semibold">{t("charts.heading")}</h2>
      <figure className="grid gap-4 lg:grid-cols-2">
        <BarChart id="chart-placements" title={t("charts.placements")} description={t("charts.placementsDesc")} series={[{ name: t("indicators.placements.title"), color: COLORS.placements }]} points={placements} />
        <ChartTable caption={t("charts.placements")} columns={[t("indicators.placements.title")]} months={months} rows={placements} />
      </figure>
      <figure className="grid gap-4 lg:grid-cols-2">
        <BarChart
          id="chart-retention"
          title={t("charts.retention")}
          description={t("charts.retentionDesc")}
          series={[
            { name: t("indicators.retention3.title"), color: COLORS.retention3 },
            { name: t("indicators.retention6.title"), color: COLORS.retention6 },
          ]}
          points={retention}
          max={1}
        />
        <ChartTable caption={t("charts.retention")} columns={[t("indicators.retention3.title"), t("indicators.retention6.title")]} months={months} rows={retention} />
      </figure>
    </section>
  );
}

function ChartTable({ caption, columns, months, rows }: { caption: string; columns: string[]; months: string[]; rows: BarPoint[] }) {
  const { t } = useTranslation("reports");
  const labels = useLabels();
  return (
    // Focusable, so that a keyboard user can scroll the table on a small screen.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="min-w-full text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="text-left">{t("charts.month")}</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="text-right">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={months[i]} className="border-t border-stone-200">
              <th scope="row" className="text-left font-normal">{labels.longMonth(months[i]!)}</th>
              {row.cells.map((c, j) => (
                <td key={j} className="text-right tabular-nums">{c.text}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One table per breakdown: its categories in rows, the indicators that have it in columns. */
function Breakdowns({ report }: { report: Report }) {
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
  ];
  const dimensions = [...new Set(indicators.flatMap((i) => i.breakdowns.map((b) => b.dimension)))];
  return (
    <section aria-labelledby="breakdowns" className="space-y-6">
      <h2 id="breakdowns" className="text-xl font-semibold">{t("breakdowns.heading")}</h2>
      {dimensions.map((dimension) => {
        const columns = indicators.filter((i) => i.breakdowns.some((b) => b.dimension === dimension));
        const keys = columns[0]!.breakdowns.find((b) => b.dimension === dimension)!.cells.map((c) => c.key);
        return (
          <div
            key={dimension}
            className="overflow-x-auto"
            tabIndex={0}
            role="region"
            aria-label={t("breakdowns.caption", { dimension: t(`dimension.${dimension}`) })}
          >
            <table className="min-w-full text-sm">
              <caption className="text-left text-lg font-semibold">{t("breakdowns.caption", { dimension: t(`dimension.${dimension}`) })}</caption>
              <thead>
                <tr>
                  <td />
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className="px-2 text-right align-bottom">{t(`indicators.${c.key}.title`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key} className="border-t border-stone-200">
                    <th scope="row" className="text-left font-normal">{labels.category(dimension, key)}</th>
                    {columns.map((c) => {
                      const value = c.breakdowns.find((b) => b.dimension === dimension)!.cells.find((cell) => cell.key === key)!.value;
                      return (
                        <td key={c.key} className="px-2 text-right tabular-nums">{show(value, c.as)}</td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
