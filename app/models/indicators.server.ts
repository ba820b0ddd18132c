// The indicators of /conseiller/rapports and its CSV: did people
// get work, did they keep it, broken down by sex, age band, migrant status,
// region, sector and offer type. Every figure about people leaves this module
// already protected (./suppression.ts): a group of fewer than five people is the
// marker { suppressed: true }, never a number.
//
// Periods are whole months (`from` and `to` as YYYY-MM, both included). Candidates
// registered and applications come from the monthly counts (./statistics-counts.server.ts);
// placements, follow-ups, offers and employers are counted live (a few thousand rows).
import { MIGRANT_STATUSES, OFFER_TYPES, SEXES, type OfferType } from "../../db/schema";
import { DAY_MS } from "../utils/dates";
import type { Db } from "../utils/db.server";
import { REGION_CODES, SECTOR_CODES, type Region } from "../utils/reference";
import { ageBand } from "./applications.server";
import { readCounts, refreshReportCounts, UNKNOWN, type CountRow } from "./statistics-counts.server";
import {
  isSuppressed,
  protectBreakdown,
  protectCount,
  protectMedian,
  protectRate,
  protectRateBreakdown,
  type Cell,
  type Shown,
} from "./suppression";

export type ReportFilters = { from: string; to: string; region?: Region; partnerId?: number; offerType?: OfferType };

export const AGE_BANDS = ["15-17", "18-24", "25-35", "36+"] as const;

export const DIMENSIONS = ["sex", "ageBand", "migrantStatus", "region", "sector", "offerType"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Every category of each breakdown, in the order shown; they add up to the total. */
export const CATEGORIES: Record<Dimension, readonly string[]> = {
  sex: [...SEXES, UNKNOWN],
  ageBand: [...AGE_BANDS, UNKNOWN],
  migrantStatus: [...MIGRANT_STATUSES, UNKNOWN],
  region: [...REGION_CODES, UNKNOWN],
  sector: [...SECTOR_CODES, UNKNOWN],
  offerType: OFFER_TYPES,
};

const PEOPLE: Dimension[] = ["sex", "ageBand", "migrantStatus", "region"];
const WITH_OFFER: Dimension[] = [...PEOPLE, "sector", "offerType"];

export type Breakdown = { dimension: Dimension; cells: Cell[] };
export type CountIndicator = { kind: "count"; total: Shown; breakdowns: Breakdown[] };
/** `value` is a share (0 to 1) of `population` people. */
export type RateIndicator = { kind: "rate"; value: Shown; population: Shown; breakdowns: Breakdown[] };
/** `value` is a number of days, the median over `population` people. */
export type MedianIndicator = { kind: "median"; value: Shown; population: Shown; breakdowns: Breakdown[] };

export type Indicators = {
  period: { from: string; to: string; start: string; end: string; months: string[] };
  people: {
    registered: CountIndicator;
    applications: CountIndicator;
    placements: CountIndicator;
    placementRate: RateIndicator;
    medianDaysToPlacement: MedianIndicator;
    retention3: RateIndicator;
    retention6: RateIndicator;
  };
  /** Offers and organisations are not people: shown as they are. */
  market: { offersPublished: { total: number; byType: { key: OfferType; value: number }[] }; verifiedEmployers: number };
  /** One cell per month of the period (key YYYY-MM), for the charts. */
  series: { placements: Cell[]; retention3: Cell[]; retention6: Cell[] };
};

// ---- periods ------------------------------------------------------------------

export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 240; guard++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) break;
    months.push(month);
    if (++m > 12) (m = 1), y++;
  }
  return months;
}

/** First day of the month after `month` (YYYY-MM → YYYY-MM-DD). */
function nextMonthStart(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

const dayMs = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const isoDateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// ---- tallies --------------------------------------------------------------------

type Dims = Partial<Record<Dimension, string | null>>;

/** Counts per category of each breakdown; an unknown or unlisted value counts as "unknown". */
class Tally {
  total = 0;
  readonly cells = new Map<Dimension, Map<string, number>>();

  add(dims: Dims, n = 1) {
    this.total += n;
    for (const [dimension, value] of Object.entries(dims) as [Dimension, string | null][]) this.addTo(dimension, value, n);
  }

  addTo(dimension: Dimension, value: string | null | undefined, n: number) {
    const category = value && CATEGORIES[dimension].includes(value) ? value : UNKNOWN;
    let map = this.cells.get(dimension);
    if (!map) this.cells.set(dimension, (map = new Map()));
    map.set(category, (map.get(category) ?? 0) + n);
  }

  counts(dimension: Dimension) {
    const map = this.cells.get(dimension);
    return CATEGORIES[dimension].map((key) => ({ key, n: map?.get(key) ?? 0 }));
  }
}

/** Values (days) per category of each breakdown, for medians. */
class Values {
  readonly all: number[] = [];
  readonly cells = new Map<string, number[]>();

  add(dims: Dims, value: number) {
    this.all.push(value);
    for (const [dimension, raw] of Object.entries(dims) as [Dimension, string | null][]) {
      const category = raw && CATEGORIES[dimension].includes(raw) ? raw : UNKNOWN;
      const key = `${dimension}:${category}`;
      const list = this.cells.get(key);
      if (list) list.push(value);
      else this.cells.set(key, [value]);
    }
  }
}

function countIndicator(tally: Tally, dimensions: Dimension[]): CountIndicator {
  const total = protectCount(tally.total);
  return {
    kind: "count",
    total,
    breakdowns: dimensions.map((dimension) => ({ dimension, cells: protectBreakdown(tally.counts(dimension), !isSuppressed(total)) })),
  };
}

function rateIndicator(counted: Tally, population: Tally, dimensions: Dimension[]): RateIndicator {
  const value = protectRate(counted.total, population.total);
  const shownPopulation = protectCount(population.total);
  const shown = { rateShown: !isSuppressed(value), populationShown: !isSuppressed(shownPopulation) };
  return {
    kind: "rate",
    value,
    population: shownPopulation,
    breakdowns: dimensions.map((dimension) => ({
      dimension,
      cells: protectRateBreakdown(counted.counts(dimension), population.counts(dimension), shown),
    })),
  };
}

function medianIndicator(values: Values, dimensions: Dimension[]): MedianIndicator {
  return {
    kind: "median",
    value: protectMedian(values.all),
    population: protectCount(values.all.length),
    breakdowns: dimensions.map((dimension) => ({
      dimension,
      cells: CATEGORIES[dimension].map((key) => ({ key, value: protectMedian(values.cells.get(`${dimension}:${key}`) ?? []) })),
    })),
  };
}

/** The breakdowns worth showing: none by region inside one region, none by type for one type. */
function dimensionsFor(filters: ReportFilters, dimensions: Dimension[]) {
  return dimensions.filter((d) => !(d === "region" && filters.region) && !(d === "offerType" && filters.offerType));
}

// ---- the measures --------------------------------------------------------------

/** Adds up the monthly counts' rows: totals, region and offer type from the "all" rows. */
function tallyCounts(rows: CountRow[], withOffer: boolean) {
  const tally = new Tally();
  for (const row of rows) {
    if (row.dimension === "all") {
      tally.total += row.n;
      tally.addTo("region", row.region, row.n);
      if (withOffer) tally.addTo("offerType", row.offerType, row.n);
    } else {
      tally.addTo(row.dimension as Dimension, row.category, row.n);
    }
  }
  return tally;
}

/** `cp` is the candidate's profile: region and partner filters of the people-indicators. */
export function peopleFilter(filters: ReportFilters) {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filters.region) clauses.push("cp.region = ?"), params.push(filters.region);
  if (filters.partnerId) {
    const members = "SELECT m.user_id FROM memberships m JOIN organisations po ON po.id = m.org_id AND po.kind = 'partner' WHERE m.org_id = ?";
    clauses.push(`(cp.counsellor_id IN (${members}) OR cp.registered_by IN (${members}))`);
    params.push(filters.partnerId, filters.partnerId);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(""), params };
}

type Person = { sex: string | null; birthDate: string | null; migrantStatus: string | null; region: string | null };
const personDims = (p: Person, on: string): Dims => ({
  sex: p.sex,
  ageBand: ageBand(p.birthDate, on),
  migrantStatus: p.migrantStatus,
  region: p.region,
});

const PERSON_COLUMNS = "cp.sex, cp.birth_date AS birthDate, cp.migrant_status AS migrantStatus, cp.region";
// A profile row is wide (skills, notes' neighbours): the look-ups read this narrow index instead (migration 0003).
export const PROFILES = "candidate_profiles AS cp INDEXED BY candidate_profiles_report_idx";

function placementRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT p.start_date AS startDate, p.type, coalesce(o.sector, g.sector) AS sector, cp.created_at AS registeredAt, ${PERSON_COLUMNS}
         FROM placements p
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
         LEFT JOIN offers o ON o.id = p.offer_id
         LEFT JOIN organisations g ON g.id = p.org_id
        WHERE p.start_date >= ? AND p.start_date < ?${people.sql}${type}`,
    )
    .all(start, endExclusive, ...people.params, ...(filters.offerType ? [filters.offerType] : [])) as (Person & {
    startDate: string;
    type: string;
    sector: string | null;
    registeredAt: number | null;
  })[];
}

/** Candidates registered in the period who have a placement (of the type, if one is chosen). */
function placedRegistrants(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT u.created_at AS registeredAt, ${PERSON_COLUMNS}
         FROM users u
         LEFT JOIN ${PROFILES} ON cp.user_id = u.id
        WHERE u.id IN (SELECT p.candidate_id FROM placements p WHERE 1 = 1${type})
          AND u.created_at >= ? AND u.created_at < ?${people.sql}`,
    )
    .all(...(filters.offerType ? [filters.offerType] : []), dayMs(start), dayMs(endExclusive), ...people.params) as (Person & { registeredAt: number })[];
}

function followupRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT f.months_after AS monthsAfter, f.due_date AS dueDate, f.still_employed AS stillEmployed, p.start_date AS startDate, ${PERSON_COLUMNS}
         FROM placement_followups f
         JOIN placements p ON p.id = f.placement_id
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
        WHERE f.months_after IN (3, 6) AND f.due_date >= ? AND f.due_date < ? AND f.done_at IS NOT NULL${people.sql}${type}`,
    )
    .all(start, endExclusive, ...people.params, ...(filters.offerType ? [filters.offerType] : [])) as (Person & {
    monthsAfter: 3 | 6;
    dueDate: string;
    stillEmployed: number | null;
    startDate: string;
  })[];
}

function offersPublished(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const clauses = ["published_at >= ?", "published_at < ?"];
  const params: (string | number)[] = [dayMs(start), dayMs(endExclusive)];
  if (filters.region) clauses.push("region = ?"), params.push(filters.region);
  if (filters.offerType) clauses.push("type = ?"), params.push(filters.offerType);
  const rows = db.$client
    .prepare(`SELECT type, count(*) AS n FROM offers WHERE ${clauses.join(" AND ")} GROUP BY type`)
    .all(...params) as { type: OfferType; n: number }[];
  const byType = OFFER_TYPES.filter((t) => !filters.offerType || t === filters.offerType).map((key) => ({
    key,
    value: rows.find((r) => r.type === key)?.n ?? 0,
  }));
  return { total: byType.reduce((sum, c) => sum + c.value, 0), byType };
}

/** Employers verified at the end of the period (and still verified today). */
function verifiedEmployers(db: Db, filters: ReportFilters, endExclusive: string) {
  const region = filters.region ? " AND region = ?" : "";
  const row = db.$client
    .prepare(`SELECT count(*) AS n FROM organisations WHERE kind = 'employer' AND verification_status = 'verified' AND verified_at < ?${region}`)
    .get(dayMs(endExclusive), ...(filters.region ? [filters.region] : [])) as { n: number };
  return row.n;
}

/** A breakdown by month: counts, or a rate per month. */
function monthly(months: string[], counts: Map<string, number>, totalShown: boolean): Cell[] {
  return protectBreakdown(months.map((key) => ({ key, n: counts.get(key) ?? 0 })), totalShown);
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Every indicator of the period, protected. Filters: region (the candidate's for
 * people, the offer's or employer's for offers and employers), partner (candidates
 * whose counsellor or registrar belongs to it; offers and employers are not
 * filtered by partner), offer type (applications, placements, follow-ups and
 * offers; not registrations — the placement rate then counts placements of that type).
 */
export function computeIndicators(db: Db, filters: ReportFilters): Indicators {
  refreshReportCounts(db);
  const months = monthsOf(filters.from, filters.to);
  const start = `${filters.from}-01`;
  const endExclusive = nextMonthStart(filters.to);
  const counted = { fromMonth: filters.from, toMonth: filters.to, region: filters.region, partnerId: filters.partnerId, offerType: filters.offerType };

  const registered = tallyCounts(readCounts(db, "registered", counted), false);
  const applications = tallyCounts(readCounts(db, "applications", counted), true);

  const placements = new Tally();
  const days = new Values();
  const placementsByMonth = new Map<string, number>();
  for (const row of placementRows(db, filters, start, endExclusive)) {
    const dims = personDims(row, row.startDate);
    placements.add({ ...dims, sector: row.sector, offerType: row.type });
    bump(placementsByMonth, row.startDate.slice(0, 7));
    // Work that began before the person registered says nothing about time to placement.
    if (row.registeredAt === null) continue;
    const waited = Math.round((dayMs(row.startDate) - dayMs(isoDateOf(row.registeredAt))) / DAY_MS);
    if (waited >= 0) days.add(dims, waited);
  }

  const placed = new Tally();
  for (const row of placedRegistrants(db, filters, start, endExclusive)) placed.add(personDims(row, isoDateOf(row.registeredAt)));

  const retention = { 3: { kept: new Tally(), recorded: new Tally() }, 6: { kept: new Tally(), recorded: new Tally() } };
  const retentionByMonth = { 3: { kept: new Map<string, number>(), recorded: new Map<string, number>() }, 6: { kept: new Map<string, number>(), recorded: new Map<string, number>() } };
  for (const row of followupRows(db, filters, start, endExclusive)) {
    const dims = personDims(row, row.startDate);
    const month = row.dueDate.slice(0, 7);
    retention[row.monthsAfter].recorded.add(dims);
    bump(retentionByMonth[row.monthsAfter].recorded, month);
    if (row.stillEmployed) {
      retention[row.monthsAfter].kept.add(dims);
      bump(retentionByMonth[row.monthsAfter].kept, month);
    }
  }

  const people = {
    registered: countIndicator(registered, dimensionsFor(filters, PEOPLE)),
    applications: countIndicator(applications, dimensionsFor(filters, WITH_OFFER)),
    placements: countIndicator(placements, dimensionsFor(filters, WITH_OFFER)),
    placementRate: rateIndicator(placed, registered, dimensionsFor(filters, PEOPLE)),
    medianDaysToPlacement: medianIndicator(days, dimensionsFor(filters, PEOPLE)),
    retention3: rateIndicator(retention[3].kept, retention[3].recorded, dimensionsFor(filters, PEOPLE)),
    retention6: rateIndicator(retention[6].kept, retention[6].recorded, dimensionsFor(filters, PEOPLE)),
  };

  const monthlyRate = (m: 3 | 6, indicator: RateIndicator) =>
    protectRateBreakdown(
      months.map((key) => ({ key, n: retentionByMonth[m].kept.get(key) ?? 0 })),
      months.map((key) => ({ key, n: retentionByMonth[m].recorded.get(key) ?? 0 })),
      { rateShown: !isSuppressed(indicator.value), populationShown: !isSuppressed(indicator.population) },
    );

  return {
    period: { from: filters.from, to: filters.to, start, end: isoDateOf(dayMs(endExclusive) - DAY_MS), months },
    people,
    market: { offersPublished: offersPublished(db, filters, start, endExclusive), verifiedEmployers: verifiedEmployers(db, filters, endExclusive) },
    series: {
      placements: monthly(months, placementsByMonth, !isSuppressed(people.placements.total)),
      retention3: monthlyRate(3, people.retention3),
      retention6: monthlyRate(6, people.retention6),
    },
  };
}

/** The partner organisations a report may be limited to. */
export function partnerOrganisations(db: Db) {
  return db.$client
    .prepare("SELECT id, name, short_name AS shortName FROM organisations WHERE kind = 'partner' ORDER BY name")
    .all() as { id: number; name: string; shortName: string | null }[];
}

export function partnerName(db: Db, partnerId: number) {
  return partnerOrganisations(db).find((p) => p.id === partnerId)?.name ?? null;
}
