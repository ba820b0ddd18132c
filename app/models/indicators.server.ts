// The indicators of /conseiller/rapports and its CSV: did people
// get work, did they keep it, did they finish their training, broken down by sex, age band, migrant status,
// region, sector and offer type (applications also by channel). Every figure about people leaves this module
// already protected (./suppression.ts): a group of fewer than five people is the
// marker { suppressed: true }, never a number.
//
// Periods are whole months (`from` and `to` as YYYY-MM, both included). Candidates
// registered and applications come from the monthly counts (./statistics-counts.server.ts);
// placements, follow-ups, offers and employers are counted live (a few thousand rows,
// read by ./indicator-rows.server.ts). The counting and protecting: ./indicator-tallies.server.ts.

import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { Region } from "~/utils/reference";
import type { OfferType } from "../../db/schema";
import { ageBand } from "./applications.server";
import {
  dayMs,
  followupRows,
  offersPublished,
  type Person,
  placedRegistrants,
  placementRows,
  trainingRows,
  verifiedEmployers,
} from "./indicator-rows.server";
import {
  type CountIndicator,
  countIndicator,
  type Dimension,
  type Dims,
  type MedianIndicator,
  medianIndicator,
  monthly,
  type RateIndicator,
  rateIndicator,
  Tally,
  tallyCounts,
  Values,
} from "./indicator-tallies.server";
import { readCounts, refreshReportCounts } from "./statistics-counts.server";
import { type Cell, isSuppressed, protectRateBreakdown } from "./suppression";

export type ReportFilters = { from: string; to: string; region?: Region; partnerId?: number; offerType?: OfferType };

const PEOPLE: Dimension[] = ["sex", "ageBand", "migrantStatus", "region"];
const WITH_OFFER: Dimension[] = [...PEOPLE, "sector", "offerType"];
const APPLICATIONS: Dimension[] = [...WITH_OFFER, "channel"];

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
    /** Admissions to a training that began in the period (not placements: see indicator-rows.server.ts). */
    admittedToTraining: CountIndicator;
    /** Completed or certified, of the admissions whose outcome is recorded. */
    trainingCompletion: RateIndicator;
  };
  /** Offers and organisations are not people: shown as they are. */
  market: {
    offersPublished: { total: number; byType: { key: OfferType; value: number }[] };
    verifiedEmployers: number;
  };
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
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** First day of the month after `month` (YYYY-MM → YYYY-MM-DD). */
function nextMonthStart(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

const isoDateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The breakdowns worth showing: none by region inside one region, none by type for one type. */
function dimensionsFor(filters: ReportFilters, dimensions: Dimension[]) {
  return dimensions.filter((d) => !(d === "region" && filters.region) && !(d === "offerType" && filters.offerType));
}

// ---- the measures --------------------------------------------------------------

const personDims = (p: Person, on: string): Dims => ({
  sex: p.sex,
  ageBand: ageBand(p.birthDate, on),
  migrantStatus: p.migrantStatus,
  region: p.region,
});

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
  const counted = {
    fromMonth: filters.from,
    toMonth: filters.to,
    region: filters.region,
    partnerId: filters.partnerId,
    offerType: filters.offerType,
  };

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
  for (const row of placedRegistrants(db, filters, start, endExclusive))
    placed.add(personDims(row, isoDateOf(row.registeredAt)));

  const retention = {
    3: { kept: new Tally(), recorded: new Tally() },
    6: { kept: new Tally(), recorded: new Tally() },
  };
  const retentionByMonth = {
    3: { kept: new Map<string, number>(), recorded: new Map<string, number>() },
    6: { kept: new Map<string, number>(), recorded: new Map<string, number>() },
  };
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

  const admitted = new Tally();
  const trained = { finished: new Tally(), recorded: new Tally() };
  for (const row of trainingRows(db, filters, start, endExclusive)) {
    const dims = personDims(row, row.startDate);
    admitted.add({ ...dims, sector: row.sector });
    if (row.outcome === null) continue;
    trained.recorded.add(dims);
    if (row.outcome !== "dropped_out") trained.finished.add(dims);
  }

  const people = {
    registered: countIndicator(registered, dimensionsFor(filters, PEOPLE)),
    applications: countIndicator(applications, dimensionsFor(filters, APPLICATIONS)),
    placements: countIndicator(placements, dimensionsFor(filters, WITH_OFFER)),
    placementRate: rateIndicator(placed, registered, dimensionsFor(filters, PEOPLE)),
    medianDaysToPlacement: medianIndicator(days, dimensionsFor(filters, PEOPLE)),
    retention3: rateIndicator(retention[3].kept, retention[3].recorded, dimensionsFor(filters, PEOPLE)),
    retention6: rateIndicator(retention[6].kept, retention[6].recorded, dimensionsFor(filters, PEOPLE)),
    admittedToTraining: countIndicator(admitted, dimensionsFor(filters, [...PEOPLE, "sector"])),
    trainingCompletion: rateIndicator(trained.finished, trained.recorded, dimensionsFor(filters, PEOPLE)),
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
    market: {
      offersPublished: offersPublished(db, filters, start, endExclusive),
      verifiedEmployers: verifiedEmployers(db, filters, endExclusive),
    },
    series: {
      placements: monthly(months, placementsByMonth, !isSuppressed(people.placements.total)),
      retention3: monthlyRate(3, people.retention3),
      retention6: monthlyRate(6, people.retention6),
    },
  };
}
