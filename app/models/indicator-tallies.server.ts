// The arithmetic of the indicators: counts per category of each breakdown, then
// protected (./suppression.ts) as counts, rates or medians.

import { REGION_CODES, SECTOR_CODES } from "~/utils/reference";
import { CHANNELS, MIGRANT_STATUSES, OFFER_TYPES, SEXES } from "../../db/schema";
import { type CountRow, UNKNOWN } from "./statistics-counts.server";
import {
  type Cell,
  isSuppressed,
  protectBreakdown,
  protectCount,
  protectMedian,
  protectRate,
  protectRateBreakdown,
  type Shown,
} from "./suppression";

export const AGE_BANDS = ["15-17", "18-24", "25-35", "36+"] as const;

export const DIMENSIONS = ["sex", "ageBand", "migrantStatus", "region", "sector", "offerType", "channel"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Every category of each breakdown, in the order shown; they add up to the total. */
export const CATEGORIES: Record<Dimension, readonly string[]> = {
  sex: [...SEXES, UNKNOWN],
  ageBand: [...AGE_BANDS, UNKNOWN],
  migrantStatus: [...MIGRANT_STATUSES, UNKNOWN],
  region: [...REGION_CODES, UNKNOWN],
  sector: [...SECTOR_CODES, UNKNOWN],
  offerType: OFFER_TYPES,
  // How the application came: online, through a counsellor, by phone, USSD or SMS (never unknown).
  channel: CHANNELS,
};

export type Breakdown = { dimension: Dimension; cells: Cell[] };
export type CountIndicator = { kind: "count"; total: Shown; breakdowns: Breakdown[] };
/** `value` is a share (0 to 1) of `population` people. */
export type RateIndicator = { kind: "rate"; value: Shown; population: Shown; breakdowns: Breakdown[] };
/** `value` is a number of days, the median over `population` people. */
export type MedianIndicator = { kind: "median"; value: Shown; population: Shown; breakdowns: Breakdown[] };

export type Dims = Partial<Record<Dimension, string | null>>;

/** Counts per category of each breakdown; an unknown or unlisted value counts as "unknown". */
export class Tally {
  total = 0;
  readonly cells = new Map<Dimension, Map<string, number>>();

  add(dims: Dims, n = 1) {
    this.total += n;
    for (const [dimension, value] of Object.entries(dims) as [Dimension, string | null][])
      this.addTo(dimension, value, n);
  }

  addTo(dimension: Dimension, value: string | null | undefined, n: number) {
    const category = value && CATEGORIES[dimension].includes(value) ? value : UNKNOWN;
    let map = this.cells.get(dimension);
    if (!map) {
      map = new Map();
      this.cells.set(dimension, map);
    }
    map.set(category, (map.get(category) ?? 0) + n);
  }

  counts(dimension: Dimension) {
    const map = this.cells.get(dimension);
    return CATEGORIES[dimension].map((key) => ({ key, n: map?.get(key) ?? 0 }));
  }
}

/** Values (days) per category of each breakdown, for medians. */
export class Values {
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

export function countIndicator(tally: Tally, dimensions: Dimension[]): CountIndicator {
  const total = protectCount(tally.total);
  return {
    kind: "count",
    total,
    breakdowns: dimensions.map((dimension) => ({
      dimension,
      cells: protectBreakdown(tally.counts(dimension), !isSuppressed(total)),
    })),
  };
}

export function rateIndicator(counted: Tally, population: Tally, dimensions: Dimension[]): RateIndicator {
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

export function medianIndicator(values: Values, dimensions: Dimension[]): MedianIndicator {
  return {
    kind: "median",
    value: protectMedian(values.all),
    population: protectCount(values.all.length),
    breakdowns: dimensions.map((dimension) => ({
      dimension,
      cells: CATEGORIES[dimension].map((key) => ({
        key,
        value: protectMedian(values.cells.get(`${dimension}:${key}`) ?? []),
      })),
    })),
  };
}

/** Adds up the monthly counts' rows: totals, region and offer type from the "all" rows. */
export function tallyCounts(rows: CountRow[], withOffer: boolean) {
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

/** A breakdown by month: counts, or a rate per month. */
export function monthly(months: string[], counts: Map<string, number>, totalShown: boolean): Cell[] {
  return protectBreakdown(
    months.map((key) => ({ key, n: counts.get(key) ?? 0 })),
    totalShown,
  );
}
