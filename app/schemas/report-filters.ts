import { z } from "zod";
import { isoToday } from "~/utils/dates";
import { REGION_CODES, type Region } from "~/utils/reference";
import { OFFER_TYPES, type OfferType } from "../../db/enums";
import { idParamSchema } from "./params";

/** The quick choices of the filter form: the last 3, 6 or 12 months, this month included. */
export const PERIOD_PRESETS = [3, 6, 12] as const;
export const DEFAULT_PRESET = 12;
/** How far back the month lists go, and the longest period one report covers. */
export const MONTHS_BACK = 36;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The first month a report may cover: dates before it (or past this month) are not in the portal. */
export const FIRST_REPORT_MONTH = "2000-01";
const MONTH_INVALID = "reports:filters.monthInvalid";

export type ReportQuery = {
  from: string;
  to: string;
  region?: Region;
  partnerId?: number;
  offerType?: OfferType;
  /** The preset the period matches, if it does (to show it as chosen). */
  preset?: number;
  /** `du` or `au` named a month that does not exist or that no report covers: answered 400. */
  fieldErrors?: { du?: string; au?: string };
};

/** `YYYY-MM` shifted by whole months. */
export function shiftMonth(month: string, by: number) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The months a report may start or end on, newest first. */
export function monthChoices(today = isoToday()) {
  const current = today.slice(0, 7);
  return Array.from({ length: MONTHS_BACK }, (_, i) => shiftMonth(current, -i));
}

const querySchema = z.object({
  periode: z.coerce
    .number()
    .refine((n) => (PERIOD_PRESETS as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  region: z
    .enum(REGION_CODES as [Region, ...Region[]])
    .optional()
    .catch(undefined),
  partenaire: idParamSchema.optional().catch(undefined),
  type: z.enum(OFFER_TYPES).optional().catch(undefined),
});

/**
 * The report's filters from the query string. A filter that makes no sense is
 * dropped, a period given backwards is turned round, a period longer than
 * MONTHS_BACK is shortened. A month that does not exist, or that no report
 * covers (before FIRST_REPORT_MONTH, after this month: 0000-01, 9999-12), is
 * named in `fieldErrors` and the last 12 months are shown. Without a period:
 * the last 12 months.
 */
export function parseReportFilters(searchParams: URLSearchParams, today = isoToday()): ReportQuery {
  const input: Record<string, string> = {};
  for (const key of ["periode", "region", "partenaire", "type"]) {
    const value = searchParams.get(key);
    if (value) input[key] = value;
  }
  const q: { du?: string; au?: string } & z.output<typeof querySchema> = querySchema.parse(input);
  const current = today.slice(0, 7);
  const fieldErrors: NonNullable<ReportQuery["fieldErrors"]> = {};
  for (const key of ["du", "au"] as const) {
    const value = searchParams.get(key);
    if (!value) continue;
    if (MONTH.test(value) && value >= FIRST_REPORT_MONTH && value <= current) q[key] = value;
    else fieldErrors[key] = MONTH_INVALID;
  }
  const refused = Object.keys(fieldErrors).length > 0;
  let from: string;
  let to: string;
  if (!refused && (q.du || q.au)) {
    to = q.au ?? current;
    from = q.du ?? shiftMonth(to, -(DEFAULT_PRESET - 1));
    if (from > to) [from, to] = [to, from];
    if (from < shiftMonth(to, -(MONTHS_BACK - 1))) from = shiftMonth(to, -(MONTHS_BACK - 1));
  } else {
    const months = q.periode ?? DEFAULT_PRESET;
    to = current;
    from = shiftMonth(current, -(months - 1));
  }
  const preset = to === current ? PERIOD_PRESETS.find((n) => shiftMonth(current, -(n - 1)) === from) : undefined;
  return {
    from,
    to,
    region: q.region,
    partnerId: q.partenaire,
    offerType: q.type,
    preset,
    ...(refused ? { fieldErrors } : {}),
  };
}

/** The query string of a report (same filters, e.g. for the CSV links). */
export function reportSearch(filters: ReportQuery, overrides: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    du: filters.from,
    au: filters.to,
    region: filters.region,
    partenaire: filters.partnerId ? String(filters.partnerId) : undefined,
    type: filters.offerType,
    ...overrides,
  };
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
}

/** The filters the indicators model takes (the preset only marks the page's choice). */
export function modelFilters({ preset: _, fieldErrors: __, ...filters }: ReportQuery) {
  return filters;
}
