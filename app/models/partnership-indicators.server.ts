// The reports' partnership view: by programme and by convention, the people placed
// (by type), still in work at 3 and 6 months, trainees who completed, for the report's
// period and filters — protected as every figure about people in the reports (./suppression.ts).
// Offers published are not people: shown as they are.
//
// Conventions sit inside programmes and programmes add up to the total: a programme's
// figure minus its shown conventions would give a hidden convention back. So each
// programme's conventions are protected as a breakdown of the programme's figure, and
// all of them are hidden when that figure is.

import type { Db } from "~/utils/db.server";
import { OFFER_TYPES, type OfferType, type ProgrammeTexts } from "../../db/schema";
import { PROFILES, peopleFilter } from "./indicator-rows.server";
import type { ReportFilters } from "./indicators.server";
import {
  type Cell,
  COMPLEMENT,
  isSuppressed,
  MIN_CELL,
  protectBreakdown,
  protectCount,
  type Shown,
  SUPPRESSED,
} from "./suppression";

export type PartnershipRow = {
  placed: Shown;
  retention3: Shown;
  retention6: Shown;
  completed: Shown;
  offersPublished: number;
};
export type ProgrammeRow = PartnershipRow & {
  id: number;
  titles: Partial<Record<keyof ProgrammeTexts, string>>;
  /** Placed by offer type, a breakdown of `placed`. */
  placedByType: Cell[];
};
export type ConventionRow = PartnershipRow & { id: number; reference: string; programmeId: number };
export type PartnershipIndicators = { total: PartnershipRow; programmes: ProgrammeRow[]; conventions: ConventionRow[] };

type Convention = { id: number; reference: string; programmeId: number; texts: string };
type Counts = Map<number, number>;
type Protected = { total: Shown; programmes: Map<number, Shown>; conventions: Map<number, Shown> };

const sumOf = (counts: Counts, ids: number[]) => ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);

/** A count per convention, protected at the three levels: all conventions, programmes, conventions. */
function protectNested(counts: Counts, programmes: Map<number, number[]>): Protected {
  const all = [...programmes.values()].flat();
  const total = protectCount(sumOf(counts, all));
  const programmeIds = [...programmes.keys()];
  const programmeCells = protectBreakdown(
    programmeIds.map((id) => ({ key: String(id), n: sumOf(counts, programmes.get(id)!) })),
    !isSuppressed(total),
  );
  const result: Protected = { total, programmes: new Map(), conventions: new Map() };
  programmeIds.forEach((programmeId, i) => {
    const shown = programmeCells[i]!.value;
    result.programmes.set(programmeId, shown);
    const ids = programmes.get(programmeId)!;
    const cells = ids.map((id) => ({ key: String(id), n: counts.get(id) ?? 0 }));
    const protectedCells = isSuppressed(shown)
      ? cells.map((c) => ({ key: c.key, value: c.n < MIN_CELL ? SUPPRESSED : COMPLEMENT }))
      : protectBreakdown(cells, true);
    for (const [j, id] of ids.entries()) result.conventions.set(id, protectedCells[j]!.value);
  });
  return result;
}

function rate(kept: Shown, recorded: Shown): Shown {
  if (!isSuppressed(kept) && !isSuppressed(recorded)) return kept / recorded;
  const small = (isSuppressed(kept) && !kept.complement) || (isSuppressed(recorded) && !recorded.complement);
  return small ? SUPPRESSED : COMPLEMENT;
}

const bump = (counts: Counts, id: number, n: number) => counts.set(id, (counts.get(id) ?? 0) + n);

function nextMonthStart(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The rows counted, per convention: people filters on the candidate, the type on the placement. */
function countRows(db: Db, filters: ReportFilters, start: string, endExclusive: string) {
  const people = peopleFilter(filters);
  const type = filters.offerType ? " AND p.type = ?" : "";
  const typeParams = filters.offerType ? [filters.offerType] : [];
  const from = `FROM placements p JOIN offers o ON o.id = p.offer_id AND o.convention_id IS NOT NULL
     LEFT JOIN ${PROFILES} ON cp.user_id = p.candidate_id`;
  const placed = db.$client
    .prepare(
      `SELECT o.convention_id AS id, p.type, count(*) AS n ${from}
        WHERE p.start_date >= ? AND p.start_date < ?${people.sql}${type} GROUP BY o.convention_id, p.type`,
    )
    .all(start, endExclusive, ...people.params, ...typeParams) as { id: number; type: OfferType; n: number }[];
  // Retention as the reports count it: follow-ups due in the period and answered; trainings have completion instead.
  const followups = db.$client
    .prepare(
      `SELECT o.convention_id AS id, f.months_after AS months, count(*) AS recorded,
              sum(f.still_employed = 1) AS kept ${from}
         JOIN placement_followups f ON f.placement_id = p.id
        WHERE f.months_after IN (3, 6) AND f.due_date >= ? AND f.due_date < ? AND f.done_at IS NOT NULL
          AND p.type <> 'formation'${people.sql}${type} GROUP BY o.convention_id, f.months_after`,
    )
    .all(start, endExclusive, ...people.params, ...typeParams) as {
    id: number;
    months: 3 | 6;
    recorded: number;
    kept: number;
  }[];
  const completed = db.$client
    .prepare(
      `SELECT o.convention_id AS id, count(*) AS n ${from}
         JOIN training_outcomes t ON t.placement_id = p.id
        WHERE t.outcome IN ('completed', 'certified') AND t.recorded_on >= ? AND t.recorded_on < ?
          AND p.type = 'formation'${people.sql}${type} GROUP BY o.convention_id`,
    )
    .all(start, endExclusive, ...people.params, ...typeParams) as { id: number; n: number }[];
  const offerClauses = [filters.region ? " AND region = ?" : "", filters.offerType ? " AND type = ?" : ""].join("");
  const offers = db.$client
    .prepare(
      `SELECT convention_id AS id, count(*) AS n FROM offers
        WHERE convention_id IS NOT NULL AND published_at >= ? AND published_at < ?${offerClauses}
        GROUP BY convention_id`,
    )
    .all(
      Date.parse(`${start}T00:00:00Z`),
      Date.parse(`${endExclusive}T00:00:00Z`),
      ...(filters.region ? [filters.region] : []),
      ...typeParams,
    ) as { id: number; n: number }[];
  return { placed, followups, completed, offers };
}

export function partnershipIndicators(db: Db, filters: ReportFilters): PartnershipIndicators {
  const start = `${filters.from}-01`;
  const endExclusive = nextMonthStart(filters.to);
  const conventions = db.$client
    .prepare(
      `SELECT c.id, c.reference, c.programme_id AS programmeId, g.texts FROM conventions c
         JOIN programmes g ON g.id = c.programme_id
        WHERE c.signed_on < ? ORDER BY g.position, g.id, c.signed_on, c.id`,
    )
    .all(endExclusive) as Convention[];
  const programmes = new Map<number, number[]>();
  for (const c of conventions) programmes.set(c.programmeId, [...(programmes.get(c.programmeId) ?? []), c.id]);

  const rows = countRows(db, filters, start, endExclusive);
  const placed: Counts = new Map();
  const byType = new Map(OFFER_TYPES.map((t) => [t, new Map() as Counts]));
  for (const r of rows.placed) {
    bump(placed, r.id, r.n);
    bump(byType.get(r.type)!, r.id, r.n);
  }
  const kept = { 3: new Map() as Counts, 6: new Map() as Counts };
  const recorded = { 3: new Map() as Counts, 6: new Map() as Counts };
  for (const r of rows.followups) {
    bump(kept[r.months], r.id, r.kept);
    bump(recorded[r.months], r.id, r.recorded);
  }
  const offers: Counts = new Map(rows.offers.map((r) => [r.id, r.n]));

  const p = protectNested(placed, programmes);
  const k3 = protectNested(kept[3], programmes);
  const r3 = protectNested(recorded[3], programmes);
  const k6 = protectNested(kept[6], programmes);
  const r6 = protectNested(recorded[6], programmes);
  const done = protectNested(new Map(rows.completed.map((r) => [r.id, r.n])), programmes);
  const row = (pick: (x: Protected) => Shown, ids: number[]): PartnershipRow => ({
    placed: pick(p),
    retention3: rate(pick(k3), pick(r3)),
    retention6: rate(pick(k6), pick(r6)),
    completed: pick(done),
    offersPublished: sumOf(offers, ids),
  });

  return {
    total: row(
      (x) => x.total,
      conventions.map((c) => c.id),
    ),
    programmes: [...programmes.entries()].map(([id, ids]) => {
      const texts = JSON.parse(conventions.find((c) => c.programmeId === id)!.texts) as ProgrammeTexts;
      const shown = p.programmes.get(id)!;
      const types = OFFER_TYPES.filter((t) => !filters.offerType || t === filters.offerType);
      const counts = types.map((t) => ({ key: t, n: sumOf(byType.get(t)!, ids) }));
      return {
        ...row((x) => x.programmes.get(id)!, ids),
        id,
        titles: Object.fromEntries(Object.entries(texts).map(([lng, text]) => [lng, text?.title ?? ""])),
        placedByType: isSuppressed(shown)
          ? counts.map((c) => ({ key: c.key, value: c.n < MIN_CELL ? SUPPRESSED : COMPLEMENT }))
          : protectBreakdown(counts, true),
      };
    }),
    conventions: conventions.map((c) => ({
      ...row((x) => x.conventions.get(c.id)!, [c.id]),
      id: c.id,
      reference: c.reference,
      programmeId: c.programmeId,
    })),
  };
}
