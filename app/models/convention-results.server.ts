// What a convention has produced against each of its commitments: offers published,
// people who applied, placed, still in work 1, 3 and 6 months on, trainees who completed.
// Not suppressed: only the company (its own conventions) and counsellors see these
// figures, and they know the people behind them. The reports show them protected
// (./partnership-indicators.server.ts).
//
// Commitments are those of the current version; their `key` stays across amendments,
// so an amendment that raises a quantity keeps what was already done. Offers linked to
// the convention without a key, or with a key the current version no longer has, are
// counted apart (`unassigned`), never inside a commitment nor the totals.

import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { type CommitmentAudience, OFFER_TYPES, type OfferType } from "../../db/schema";

export type Retention = { stillInWork: number; answered: number; due: number };
export type Measures = {
  offersPublished: number;
  applied: number;
  placed: number;
  placedByType: Record<OfferType, number>;
  retention: { m1: Retention; m3: Retention; m6: Retention };
  trainees: { admitted: number; completed: number; droppedOut: number; certified: number };
};
export type CommitmentResult = Measures & {
  key: number;
  offerType: OfferType;
  quantity: number;
  trade: string | null;
  region: string | null;
  audience: CommitmentAudience;
};
export type ConventionResultsData = {
  reference: string;
  commitments: CommitmentResult[];
  totals: Measures & { quantity: number };
  /** Offers of the convention outside the current commitments; null when there are none. */
  unassigned: Measures | null;
};

const RETENTION_MONTHS = { 1: "m1", 3: "m3", 6: "m6" } as const;

export function emptyMeasures(): Measures {
  const retention = () => ({ stillInWork: 0, answered: 0, due: 0 });
  return {
    offersPublished: 0,
    applied: 0,
    placed: 0,
    placedByType: Object.fromEntries(OFFER_TYPES.map((t) => [t, 0])) as Record<OfferType, number>,
    retention: { m1: retention(), m3: retention(), m6: retention() },
    trainees: { admitted: 0, completed: 0, droppedOut: 0, certified: 0 },
  };
}

function addInto(into: Measures, from: Measures) {
  into.offersPublished += from.offersPublished;
  into.applied += from.applied;
  into.placed += from.placed;
  for (const t of OFFER_TYPES) into.placedByType[t] += from.placedByType[t];
  for (const m of ["m1", "m3", "m6"] as const) {
    into.retention[m].stillInWork += from.retention[m].stillInWork;
    into.retention[m].answered += from.retention[m].answered;
    into.retention[m].due += from.retention[m].due;
  }
  for (const k of ["admitted", "completed", "droppedOut", "certified"] as const) into.trainees[k] += from.trainees[k];
}

/** The measures of every offer of a convention, by the offer's commitment key (null: no key). Four queries. */
function measuresByKey(db: Db, conventionId: number, today: string) {
  const byKey = new Map<number | null, Measures>();
  const of = (key: number | null) => {
    let m = byKey.get(key);
    if (!m) {
      m = emptyMeasures();
      byKey.set(key, m);
    }
    return m;
  };
  const offers = db.$client
    .prepare(
      `SELECT o.commitment_key AS key, count(*) AS offers,
              (SELECT count(DISTINCT a.candidate_id) FROM applications a
                 JOIN offers k ON k.id = a.offer_id
                WHERE k.convention_id = o.convention_id AND k.commitment_key IS o.commitment_key) AS applied
         FROM offers o WHERE o.convention_id = ? AND o.published_at IS NOT NULL GROUP BY o.commitment_key`,
    )
    .all(conventionId) as { key: number | null; offers: number; applied: number }[];
  for (const row of offers) {
    of(row.key).offersPublished = row.offers;
    of(row.key).applied = row.applied;
  }

  const placed = db.$client
    .prepare(
      `SELECT o.commitment_key AS key, p.type, t.outcome, count(*) AS n
         FROM offers o JOIN placements p ON p.offer_id = o.id
         LEFT JOIN training_outcomes t ON t.placement_id = p.id
        WHERE o.convention_id = ? GROUP BY o.commitment_key, p.type, t.outcome`,
    )
    .all(conventionId) as { key: number | null; type: OfferType; outcome: string | null; n: number }[];
  for (const row of placed) {
    const m = of(row.key);
    m.placed += row.n;
    m.placedByType[row.type] += row.n;
    if (row.type !== "formation") continue;
    m.trainees.admitted += row.n;
    if (row.outcome === "completed" || row.outcome === "certified") m.trainees.completed += row.n;
    if (row.outcome === "certified") m.trainees.certified += row.n;
    if (row.outcome === "dropped_out") m.trainees.droppedOut += row.n;
  }

  // Trainings are measured by their completion, not by follow-ups.
  const followups = db.$client
    .prepare(
      `SELECT o.commitment_key AS key, f.months_after AS months,
              sum(f.due_date <= ?) AS due, sum(f.done_at IS NOT NULL) AS answered,
              sum(f.done_at IS NOT NULL AND f.still_employed = 1) AS stillInWork
         FROM offers o JOIN placements p ON p.offer_id = o.id
         JOIN placement_followups f ON f.placement_id = p.id
        WHERE o.convention_id = ? AND p.type <> 'formation' AND f.months_after IN (1, 3, 6)
        GROUP BY o.commitment_key, f.months_after`,
    )
    .all(today, conventionId) as {
    key: number | null;
    months: 1 | 3 | 6;
    due: number;
    answered: number;
    stillInWork: number;
  }[];
  for (const row of followups) {
    const r = of(row.key).retention[RETENTION_MONTHS[row.months]];
    r.due = row.due;
    r.answered = row.answered;
    r.stillInWork = row.stillInWork;
  }
  return byKey;
}

export function conventionResults(db: Db, conventionId: number, today = isoToday()): ConventionResultsData | null {
  const convention = db.$client
    .prepare(
      `SELECT c.reference, v.id AS versionId FROM conventions c
         JOIN convention_versions v ON v.convention_id = c.id AND v.version = c.current_version
        WHERE c.id = ?`,
    )
    .get(conventionId) as { reference: string; versionId: number } | undefined;
  if (!convention) return null;
  const terms = db.$client
    .prepare(
      `SELECT key, offer_type AS offerType, quantity, trade, region, audience
         FROM convention_commitments WHERE version_id = ? ORDER BY key`,
    )
    .all(convention.versionId) as Omit<CommitmentResult, keyof Measures>[];

  const byKey = measuresByKey(db, conventionId, today);
  const totals = { ...emptyMeasures(), quantity: 0 };
  const commitments = terms.map((term) => {
    const measures = byKey.get(term.key) ?? emptyMeasures();
    byKey.delete(term.key);
    addInto(totals, measures);
    totals.quantity += term.quantity;
    return { ...term, ...measures };
  });
  // What is left was linked without a key, or to a commitment an amendment removed.
  let unassigned: Measures | null = null;
  for (const measures of byKey.values()) {
    unassigned ??= emptyMeasures();
    addInto(unassigned, measures);
  }
  return { reference: convention.reference, commitments, totals, unassigned };
}

/** One line per convention of a company, newest first: people placed of those committed. */
export function resultsForOrg(db: Db, orgId: number) {
  return db.$client
    .prepare(
      `SELECT c.id AS conventionId, c.reference,
              (SELECT coalesce(sum(k.quantity), 0) FROM convention_versions v
                 JOIN convention_commitments k ON k.version_id = v.id
                WHERE v.convention_id = c.id AND v.version = c.current_version) AS committed,
              (SELECT count(*) FROM offers o JOIN placements p ON p.offer_id = o.id
                WHERE o.convention_id = c.id AND o.commitment_key IN (
                  SELECT k.key FROM convention_versions v JOIN convention_commitments k ON k.version_id = v.id
                   WHERE v.convention_id = c.id AND v.version = c.current_version)) AS placed
         FROM conventions c WHERE c.org_id = ? ORDER BY c.signed_on DESC, c.id DESC`,
    )
    .all(orgId) as { conventionId: number; reference: string; committed: number; placed: number }[];
}
