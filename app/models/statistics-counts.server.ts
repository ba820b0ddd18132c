// The monthly counts behind the reports' two big measures: candidates registered
// and applications sent (db/schema.ts, report_monthly_counts). Counting a million
// applications with their candidate and offer takes seconds in SQLite; summing a
// year of these rows takes milliseconds.
//
// Each row is counted once, with the candidate's details as they are when it is
// counted: `refreshReportCounts` (run before every report) adds the candidates and
// applications created since the last run, by id; `rebuildReportCounts` (run every
// night by `npm run jobs`) counts everything again, so that a profile completed or
// corrected later (sex, birth date, region) and deleted rows are taken into account.
import type { Db } from "~/utils/db.server";
import { ageBand } from "./applications.server";

export const COUNTED_MEASURES = ["registered", "applications"] as const;
export type CountedMeasure = (typeof COUNTED_MEASURES)[number];

/** The breakdowns kept per row; region and offer type are columns of their own. */
export const COUNTED_DIMENSIONS = ["all", "sex", "ageBand", "migrantStatus", "sector", "channel"] as const;

export const UNKNOWN = "unknown";

type Source = {
  id: number;
  createdAt: number;
  sex: string | null;
  birthDate: string | null;
  migrantStatus: string | null;
  region: string | null;
  counsellorId: number | null;
  registeredBy: number | null;
  sector?: string | null;
  offerType?: string | null;
  channel?: string;
};

const SOURCES: Record<CountedMeasure, { table: string; select: string }> = {
  // Every candidate account, its profile if it still has one (an anonymised account keeps its place, details unknown).
  registered: {
    table: "users",
    select: `SELECT u.id, u.created_at AS createdAt, cp.sex, cp.birth_date AS birthDate, cp.migrant_status AS migrantStatus,
        cp.region, cp.counsellor_id AS counsellorId, cp.registered_by AS registeredBy
      FROM users u LEFT JOIN candidate_profiles cp ON cp.user_id = u.id
      WHERE u.role = 'candidat' AND u.id > ? AND u.id <= ?`,
  },
  applications: {
    table: "applications",
    select: `SELECT a.id, a.created_at AS createdAt, cp.sex, cp.birth_date AS birthDate, cp.migrant_status AS migrantStatus,
        cp.region, cp.counsellor_id AS counsellorId, cp.registered_by AS registeredBy, o.sector, o.type AS offerType,
        a.channel
      FROM applications a JOIN offers o ON o.id = a.offer_id LEFT JOIN candidate_profiles cp ON cp.user_id = a.candidate_id
      WHERE a.id > ? AND a.id <= ?`,
  },
};

/** The partner organisations each counsellor belongs to. */
function partnersByStaff(db: Db) {
  const rows = db.$client
    .prepare(
      "SELECT m.user_id AS userId, m.org_id AS orgId FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE o.kind = 'partner'",
    )
    .all() as { userId: number; orgId: number }[];
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.orgId]);
  return map;
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** Counts the rows of one measure with ids in (from, to] and adds them to the table. */
function countRows(db: Db, measure: CountedMeasure, fromId: number, toId: number, partners: Map<number, number[]>) {
  const tally = new Map<string, number>();
  const rows = db.$client.prepare(SOURCES[measure].select).iterate(fromId, toId) as IterableIterator<Source>;
  for (const row of rows) {
    const date = new Date(row.createdAt).toISOString().slice(0, 10);
    const month = monthOf(row.createdAt);
    const region = row.region ?? UNKNOWN;
    const type = row.offerType ?? "";
    const orgs = new Set([
      0,
      ...(row.counsellorId ? (partners.get(row.counsellorId) ?? []) : []),
      ...(row.registeredBy ? (partners.get(row.registeredBy) ?? []) : []),
    ]);
    const cells: [string, string][] = [
      ["all", ""],
      ["sex", row.sex ?? UNKNOWN],
      ["ageBand", ageBand(row.birthDate, date) ?? UNKNOWN],
      ["migrantStatus", row.migrantStatus ?? UNKNOWN],
    ];
    if (measure === "applications") cells.push(["sector", row.sector ?? UNKNOWN], ["channel", row.channel ?? UNKNOWN]);
    for (const partner of orgs) {
      for (const [dimension, category] of cells) {
        const key = [partner, month, region, type, dimension, category].join("\u0000");
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
    }
  }
  const upsert = db.$client.prepare(
    `INSERT INTO report_monthly_counts (measure, partner_id, month, region, offer_type, dimension, category, n)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  for (const [key, n] of tally) {
    const [partner, month, region, type, dimension, category] = key.split("\u0000") as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    upsert.run(measure, Number(partner), month, region, type, dimension, category, n);
  }
  return tally.size;
}

function lastCounted(db: Db, measure: CountedMeasure) {
  const row = db.$client.prepare("SELECT last_id AS lastId FROM report_refresh WHERE measure = ?").get(measure) as
    | { lastId: number }
    | undefined;
  return row?.lastId ?? 0;
}

const maxIdOf = (db: Db, measure: CountedMeasure) =>
  (db.$client.prepare(`SELECT coalesce(max(id), 0) AS maxId FROM ${SOURCES[measure].table}`).get() as { maxId: number })
    .maxId;

function catchUp(db: Db, measure: CountedMeasure, partners: () => Map<number, number[]>) {
  const from = lastCounted(db, measure);
  const maxId = maxIdOf(db, measure);
  if (maxId <= from) return 0;
  countRows(db, measure, from, maxId, partners());
  db.$client
    .prepare(
      "INSERT INTO report_refresh (measure, last_id) VALUES (?, ?) ON CONFLICT DO UPDATE SET last_id = excluded.last_id",
    )
    .run(measure, maxId);
  return maxId - from;
}

/** Applications counted before they were counted by channel too: everything is counted again, once. */
function countedBeforeChannels(db: Db) {
  const has = (dimension: string) =>
    db.$client
      .prepare("SELECT 1 FROM report_monthly_counts WHERE measure = 'applications' AND dimension = ? LIMIT 1")
      .get(dimension) !== undefined;
  return has("all") && !has("channel");
}

/**
 * Adds what was created since the last refresh. Nothing new (the usual case): two
 * index reads and no lock. Otherwise one immediate transaction, which reads the
 * watermark again: two reports opened at once never count the same rows twice.
 * Usually a few rows; after the migration that created the table, everything
 * (seconds on a big base).
 */
export function refreshReportCounts(db: Db) {
  if (countedBeforeChannels(db)) return rebuildReportCounts(db);
  if (COUNTED_MEASURES.every((measure) => maxIdOf(db, measure) <= lastCounted(db, measure))) return 0;
  let cached: Map<number, number[]> | undefined;
  const partners = () => (cached ??= partnersByStaff(db));
  return db.$client
    .transaction(() => COUNTED_MEASURES.map((measure) => catchUp(db, measure, partners)).reduce((a, b) => a + b, 0))
    .immediate();
}

/** Counts everything again from the current profiles (the nightly job). */
export function rebuildReportCounts(db: Db, now = Date.now()) {
  return db.$client
    .transaction(() => {
      db.$client.prepare("DELETE FROM report_monthly_counts").run();
      db.$client.prepare("DELETE FROM report_refresh").run();
      const partners = partnersByStaff(db);
      const counted = COUNTED_MEASURES.map((measure) => catchUp(db, measure, () => partners));
      db.$client.prepare("UPDATE report_refresh SET rebuilt_at = ?").run(now);
      return counted.reduce((a, b) => a + b, 0);
    })
    .immediate();
}

export type CountFilters = {
  fromMonth: string;
  toMonth: string;
  partnerId?: number;
  region?: string;
  offerType?: string;
};

export type CountRow = {
  month: string;
  region: string;
  offerType: string;
  dimension: string;
  category: string;
  n: number;
};

/** The summed rows of one measure over whole months, filtered; callers add them up per breakdown. */
export function readCounts(db: Db, measure: CountedMeasure, filters: CountFilters): CountRow[] {
  const where = ["measure = ?", "partner_id = ?", "month BETWEEN ? AND ?"];
  const params: (string | number)[] = [measure, filters.partnerId ?? 0, filters.fromMonth, filters.toMonth];
  if (filters.region) {
    where.push("region = ?");
    params.push(filters.region);
  }
  if (filters.offerType && measure === "applications") {
    where.push("offer_type = ?");
    params.push(filters.offerType);
  }
  // Per breakdown, months and regions summed up; the "all" rows keep month, region and type for the other breakdowns.
  return db.$client
    .prepare(
      `SELECT '' AS month, '' AS region, '' AS offerType, dimension, category, sum(n) AS n
         FROM report_monthly_counts WHERE ${where.join(" AND ")} AND dimension <> 'all' GROUP BY dimension, category
       UNION ALL
       SELECT month, region, offer_type AS offerType, dimension, category, sum(n) AS n
         FROM report_monthly_counts WHERE ${where.join(" AND ")} AND dimension = 'all' GROUP BY month, region, offer_type`,
    )
    .all(...params, ...params) as CountRow[];
}
