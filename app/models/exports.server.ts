// The two CSV exports of /conseiller/rapports. They leave the portal (Excel,
// e-mail), so: no names, phones or e-mail addresses; no migrant status or
// disability per person (shown in reports only as aggregates);
// indicators already protected by the indicators model. Written with
// csv-stringify: UTF-8 with a BOM (Excel opens the accents right), every text
// quoted, CRLF line ends; in French `;` between cells and decimal commas, as a
// French Excel expects, in English commas and points. Every export is a row of the audit log.
import { stringify } from "csv-stringify/sync";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { ageBand } from "./applications.server";
import { recordAudit } from "./audit.server";
import { PROFILES, partnerName, peopleFilter } from "./indicator-rows.server";
import type { Breakdown } from "./indicator-tallies.server";
import { computeIndicators, monthsOf, type ReportFilters } from "./indicators.server";
import { type PartnershipRow, partnershipIndicators } from "./partnership-indicators.server";
import { isSuppressed, type Shown } from "./suppression";

/** A translation function (i18next's `t`), bound to the reports namespace. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `locale` is the language of `t`: it also chooses the separator and the decimal mark. */
export type ExportContext = { actorId: number; ip?: string; t: Translate; locale: Locale; today?: string };

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a
 * formula: an employer's name typed by someone could. Such text gets a leading
 * apostrophe (OWASP "CSV injection").
 */
export function neutraliseFormula(text: string) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV download's headers: never cached (figures about people), always saved as a file. */
export function csvDownloadHeaders(fileName: string) {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** A download refused for its filters: the form's message as text, in the person's language. */
export function refusedDownload(t: Translate, messages: string[]) {
  return new Response(`${[...new Set(messages)].map((key) => t(key)).join("\n")}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A French Excel reads `;` between cells and `66,7` as a number; an English one `,` and `66.7`. */
export function csvFormat(locale: Locale) {
  return locale !== "en" ? { delimiter: ";", decimal: "," } : { delimiter: ",", decimal: "." };
}

function toCsv(rows: (string | number)[][], locale: Locale) {
  const { delimiter, decimal } = csvFormat(locale);
  return stringify(rows, {
    bom: true,
    delimiter,
    record_delimiter: "windows",
    quoted_string: true,
    // A number stays unquoted, so that the spreadsheet reads it as a number.
    cast: { number: (value) => String(value).replace(".", decimal) },
  });
}

function auditExport(db: Db, action: string, filters: ReportFilters, rows: number, { actorId, ip }: ExportContext) {
  recordAudit(db, { actorId, action, subjectType: "report", detail: { filters: { ...filters }, rows }, ip });
}

type FollowupCell = { months: number; dueDate: string; doneAt: number | null; stillEmployed: number | null };

/** One row per placement starting in the period (same filters as the report). */
export function placementsCsv(db: Db, filters: ReportFilters, context: ExportContext) {
  const { t } = context;
  const today = context.today ?? isoToday();
  const months = monthsOf(filters.from, filters.to);
  const start = `${months[0]}-01`;
  const end = `${months.at(-1)}-31`;
  const people = peopleFilter(filters);
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.start_date AS startDate, p.type, p.contract, coalesce(g.name, p.employer_name, '') AS employer,
              coalesce(o.sector, g.sector) AS sector, cp.region, cp.sex, cp.birth_date AS birthDate,
              p.ended_at AS endedAt, p.end_reason AS endReason,
              (SELECT json_group_array(json_object('months', f.months_after, 'dueDate', f.due_date, 'doneAt', f.done_at, 'stillEmployed', f.still_employed))
                 FROM placement_followups f WHERE f.placement_id = p.id) AS followups
         FROM placements p
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
         LEFT JOIN offers o ON o.id = p.offer_id
         LEFT JOIN organisations g ON g.id = p.org_id
        WHERE p.start_date >= ? AND p.start_date <= ?${people.sql}${filters.offerType ? " AND p.type = ?" : ""}
        ORDER BY p.start_date, p.id`,
    )
    .all(start, end, ...people.params, ...(filters.offerType ? [filters.offerType] : [])) as {
    id: number;
    startDate: string;
    type: string;
    contract: string;
    employer: string;
    sector: string | null;
    region: string | null;
    sex: string | null;
    birthDate: string | null;
    endedAt: string | null;
    endReason: string | null;
    followups: string;
  }[];

  const unknown = t("unknown");
  const label = (prefix: string, code: string | null) =>
    code ? t(`${prefix}.${code}`, { defaultValue: code }) : unknown;
  const followup = (cells: FollowupCell[], months: number) => {
    const f = cells.find((c) => c.months === months);
    if (!f) return "";
    if (f.doneAt !== null) return t(f.stillEmployed ? "csv.inWork" : "csv.notInWork");
    return t(f.dueDate > today ? "csv.upcoming" : "csv.notRecorded");
  };
  const header = [
    "id",
    "startDate",
    "type",
    "contract",
    "employer",
    "sector",
    "region",
    "sex",
    "ageBand",
    "followup1",
    "followup3",
    "followup6",
    "endedAt",
    "endReason",
  ].map((k) => t(`csv.placementColumns.${k}`));
  const body = rows.map((r) => {
    const cells = JSON.parse(r.followups) as FollowupCell[];
    return [
      r.id,
      r.startDate,
      label("common:offerType", r.type),
      label("common:contract", r.contract),
      neutraliseFormula(r.employer),
      label("common:sector", r.sector),
      label("common:region", r.region),
      label("sex", r.sex),
      label("ageBand", ageBand(r.birthDate, r.startDate)),
      followup(cells, 1),
      followup(cells, 3),
      followup(cells, 6),
      r.endedAt ?? "",
      r.endReason ? label("placements:endReason", r.endReason) : "",
    ];
  });
  auditExport(db, "export.placements_csv", filters, body.length, context);
  return toCsv([header, ...body], context.locale);
}

/** "< 5" for a small group, "hidden" for a figure hidden as its complement; numbers as they are. */
function cellText(value: Shown, t: Translate, as: "count" | "rate" | "days") {
  if (isSuppressed(value)) return value.complement ? t("hidden") : t("small");
  if (as === "rate") return Math.round(value * 1000) / 10;
  if (as === "days") return Math.round(value);
  return value;
}

/** Indicator, breakdown, category, value: every figure of the report, protected as on the page. */
export function indicatorsCsv(db: Db, filters: ReportFilters, context: ExportContext) {
  const { t } = context;
  const report = computeIndicators(db, filters);
  const rows: (string | number)[][] = [
    [
      t("csv.indicatorColumns.indicator"),
      t("csv.indicatorColumns.breakdown"),
      t("csv.indicatorColumns.category"),
      t("csv.indicatorColumns.value"),
    ],
  ];

  const all = t("filters.all");
  rows.push([t("csv.period"), "", "", `${report.period.start} – ${report.period.end}`]);
  rows.push([t("filters.region"), "", "", filters.region ? t(`common:region.${filters.region}`) : all]);
  rows.push([
    t("filters.partner"),
    "",
    "",
    filters.partnerId ? neutraliseFormula(partnerName(db, filters.partnerId) ?? "?") : all,
  ]);
  rows.push([t("filters.offerType"), "", "", filters.offerType ? t(`common:offerType.${filters.offerType}`) : all]);

  const category = (dimension: string, key: string) =>
    dimension === "region" || dimension === "sector" || dimension === "offerType"
      ? key === "unknown"
        ? t("unknown")
        : t(`common:${dimension}.${key}`)
      : t(`${dimension}.${key}`);
  const add = (name: string, as: "count" | "rate" | "days", headline: Shown, breakdowns: Breakdown[]) => {
    const indicator = t(`indicators.${name}.csv`);
    rows.push([indicator, t("total"), "", cellText(headline, t, as)]);
    for (const b of breakdowns)
      for (const cell of b.cells)
        rows.push([
          indicator,
          t(`dimension.${b.dimension}`),
          category(b.dimension, cell.key),
          cellText(cell.value, t, as),
        ]);
  };
  const p = report.people;
  add("registered", "count", p.registered.total, p.registered.breakdowns);
  add("applications", "count", p.applications.total, p.applications.breakdowns);
  add("placements", "count", p.placements.total, p.placements.breakdowns);
  add("placementRate", "rate", p.placementRate.value, p.placementRate.breakdowns);
  add("medianDays", "days", p.medianDaysToPlacement.value, p.medianDaysToPlacement.breakdowns);
  add("retention3", "rate", p.retention3.value, p.retention3.breakdowns);
  add("retention6", "rate", p.retention6.value, p.retention6.breakdowns);
  add("admittedToTraining", "count", p.admittedToTraining.total, p.admittedToTraining.breakdowns);
  add("trainingCompletion", "rate", p.trainingCompletion.value, p.trainingCompletion.breakdowns);

  const offers = t("indicators.offersPublished.csv");
  rows.push([offers, t("total"), "", report.market.offersPublished.total]);
  for (const c of report.market.offersPublished.byType)
    rows.push([offers, t("dimension.offerType"), t(`common:offerType.${c.key}`), c.value]);
  rows.push([t("indicators.verifiedEmployers.csv"), t("total"), "", report.market.verifiedEmployers]);

  const month = t("dimension.month");
  for (const c of report.series.placements)
    rows.push([t("indicators.placements.csv"), month, c.key, cellText(c.value, t, "count")]);
  for (const c of report.series.retention3)
    rows.push([t("indicators.retention3.csv"), month, c.key, cellText(c.value, t, "rate")]);
  for (const c of report.series.retention6)
    rows.push([t("indicators.retention6.csv"), month, c.key, cellText(c.value, t, "rate")]);
  rows.push(...partnershipRows(db, filters, context));

  auditExport(db, "export.indicators_csv", filters, rows.length - 1, context);
  return toCsv(rows, context.locale);
}

/** The partnership view of the report: one row per measure and programme, then per convention. */
function partnershipRows(db: Db, filters: ReportFilters, { t, locale }: ExportContext) {
  const results = partnershipIndicators(db, filters);
  const rows: (string | number)[][] = [];
  const add = (dimension: "programme" | "convention", category: string, row: PartnershipRow) => {
    const at = [t(`dimension.${dimension}`), neutraliseFormula(category)];
    rows.push([t("partnerships.csv.placed"), ...at, cellText(row.placed, t, "count")]);
    rows.push([t("partnerships.csv.retention3"), ...at, cellText(row.retention3, t, "rate")]);
    rows.push([t("partnerships.csv.retention6"), ...at, cellText(row.retention6, t, "rate")]);
    rows.push([t("partnerships.csv.completed"), ...at, cellText(row.completed, t, "count")]);
    rows.push([t("partnerships.csv.offersPublished"), ...at, row.offersPublished]);
  };
  const titles = new Map(results.programmes.map((p) => [p.id, p.titles[locale] || p.titles.fr || ""]));
  for (const p of results.programmes) {
    add("programme", titles.get(p.id)!, p);
    for (const c of p.placedByType)
      rows.push([
        t("partnerships.csv.placedOfType", { type: t(`common:offerType.${c.key}`) }),
        t("dimension.programme"),
        neutraliseFormula(titles.get(p.id)!),
        cellText(c.value, t, "count"),
      ]);
  }
  add("programme", t("partnerships.allConventions"), results.total);
  for (const c of results.conventions) add("convention", c.reference, c);
  return rows;
}
