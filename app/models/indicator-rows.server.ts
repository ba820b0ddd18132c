// What the live indicators read from the database: placements, follow-ups, offers
// and employers of a period, with the candidate's details the breakdowns need.
// "Placements" are work (jobs, apprenticeships, internships); an admission to a
// training is counted apart, with its outcome (trainingRows).

import type { Db } from "~/utils/db.server";
import { OFFER_TYPES, type OfferType, type TrainingOutcome } from "../../db/schema";
import type { ReportFilters } from "./indicators.server";

/** Midnight UTC of a YYYY-MM-DD date, in milliseconds. */
export const dayMs = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** `cp` is the candidate's profile: region and partner filters of the people-indicators. */
export function peopleFilter(filters: ReportFilters) {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filters.region) {
    clauses.push("cp.region = ?");
    params.push(filters.region);
  }
  if (filters.partnerId) {
    const members =
      "SELECT m.user_id FROM memberships m JOIN organisations po ON po.id = m.org_id AND po.kind = 'partner' WHERE m.org_id = ?";
    clauses.push(`(cp.counsellor_id IN (${members}) OR cp.registered_by IN (${members}))`);
    params.push(filters.partnerId, filters.partnerId);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(""), params };
}

export type Person = {
  sex: string | null;
  birthDate: string | null;
  migrantStatus: string | null;
  region: string | null;
};

const PERSON_COLUMNS = "cp.sex, cp.birth_date AS birthDate, cp.migrant_status AS migrantStatus, cp.region";
// A profile row is wide (skills, notes' neighbours): the look-ups read this narrow index instead (migration 0003).
export const PROFILES = "candidate_profiles AS cp INDEXED BY candidate_profiles_report_idx";

export function placementRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT p.start_date AS startDate, p.type, coalesce(o.sector, g.sector) AS sector, cp.created_at AS registeredAt, ${PERSON_COLUMNS}
         FROM placements p
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
         LEFT JOIN offers o ON o.id = p.offer_id
         LEFT JOIN organisations g ON g.id = p.org_id
        WHERE p.start_date >= ? AND p.start_date < ? AND p.type <> 'formation'${people.sql}${type}`,
    )
    .all(start, endExclusive, ...people.params, ...(filters.offerType ? [filters.offerType] : [])) as (Person & {
    startDate: string;
    type: string;
    sector: string | null;
    registeredAt: number | null;
  })[];
}

/** Candidates registered in the period who have a placement (of the type, if one is chosen). */
export function placedRegistrants(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT u.created_at AS registeredAt, ${PERSON_COLUMNS}
         FROM users u
         LEFT JOIN ${PROFILES} ON cp.user_id = u.id
        WHERE u.id IN (SELECT p.candidate_id FROM placements p WHERE p.type <> 'formation'${type})
          AND u.created_at >= ? AND u.created_at < ?${people.sql}`,
    )
    .all(
      ...(filters.offerType ? [filters.offerType] : []),
      dayMs(start),
      dayMs(endExclusive),
      ...people.params,
    ) as (Person & { registeredAt: number })[];
}

export function followupRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  return db.$client
    .prepare(
      `SELECT f.months_after AS monthsAfter, f.due_date AS dueDate, f.still_employed AS stillEmployed, p.start_date AS startDate, ${PERSON_COLUMNS}
         FROM placement_followups f
         JOIN placements p ON p.id = f.placement_id
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
        WHERE f.months_after IN (3, 6) AND f.due_date >= ? AND f.due_date < ? AND f.done_at IS NOT NULL
          AND p.type <> 'formation'${people.sql}${type}`,
    )
    .all(start, endExclusive, ...people.params, ...(filters.offerType ? [filters.offerType] : [])) as (Person & {
    monthsAfter: 3 | 6;
    dueDate: string;
    stillEmployed: number | null;
    startDate: string;
  })[];
}

/** Admissions to a training that began in the period, with the outcome recorded since (null: none yet). */
export function trainingRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  if (filters.offerType && filters.offerType !== "formation") return [];
  const people = peopleFilter(filters);
  return db.$client
    .prepare(
      `SELECT p.start_date AS startDate, coalesce(o.sector, g.sector) AS sector, t.outcome, ${PERSON_COLUMNS}
         FROM placements p
         LEFT JOIN training_outcomes t ON t.placement_id = p.id
         LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id
         LEFT JOIN offers o ON o.id = p.offer_id
         LEFT JOIN organisations g ON g.id = p.org_id
        WHERE p.type = 'formation' AND p.start_date >= ? AND p.start_date < ?${people.sql}`,
    )
    .all(start, endExclusive, ...people.params) as (Person & {
    startDate: string;
    sector: string | null;
    outcome: TrainingOutcome | null;
  })[];
}

export function offersPublished(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const clauses = ["published_at >= ?", "published_at < ?"];
  const params: (string | number)[] = [dayMs(start), dayMs(endExclusive)];
  if (filters.region) {
    clauses.push("region = ?");
    params.push(filters.region);
  }
  if (filters.offerType) {
    clauses.push("type = ?");
    params.push(filters.offerType);
  }
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
export function verifiedEmployers(db: Db, filters: ReportFilters, endExclusive: string) {
  const region = filters.region ? " AND region = ?" : "";
  const row = db.$client
    .prepare(
      `SELECT count(*) AS n FROM organisations WHERE kind = 'employer' AND verification_status = 'verified' AND verified_at < ?${region}`,
    )
    .get(dayMs(endExclusive), ...(filters.region ? [filters.region] : [])) as { n: number };
  return row.n;
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
