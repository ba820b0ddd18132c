// Placements as the counsellors' page reads them: the list with its filters,
// the follow-ups due and overdue, the employers to choose from. Recording,
// ending and following up go through the placement's lifecycle.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import { addDays, isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import {
  type Contract,
  candidateProfiles,
  type OfferType,
  organisations,
  placementFollowups,
  placements,
  users,
} from "../../db/schema";
import { DUE_WINDOW_DAYS } from "./lifecycles/placement";
import {
  type EndInput,
  type ManualPlacementInput,
  type PlacementActor,
  recordPlacement,
  transitionPlacement,
  type When,
} from "./lifecycles/placement.server";
import { type FollowupInput, recordFollowupAnswer } from "./lifecycles/placement-followup.server";
import { contains, pageOf } from "./name-search.server";

export { createPlacement, type ManualPlacementInput } from "./lifecycles/placement.server";

export const PLACEMENTS_PAGE_SIZE = 25;

// ---- reading --------------------------------------------------------------------

const candidateName = sql<string>`coalesce(${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}, ${users.displayName})`;
const employer = sql<string>`coalesce(${organisations.name}, ${placements.employerName}, '')`;

/** The terms of a placement as every list shows them. */
export const placementTermsColumns = {
  type: placements.type,
  contract: placements.contract,
  startDate: placements.startDate,
  payAmount: placements.payAmount,
  endedAt: placements.endedAt,
  endReason: placements.endReason,
};

/** A query on placements joined to their candidate, the candidate's profile and the portal's employer (if any). */
function withCandidateAndEmployer(query: SQLiteSelect) {
  return query
    .innerJoin(users, eq(users.id, placements.candidateId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, placements.candidateId))
    .leftJoin(organisations, eq(organisations.id, placements.orgId));
}

/** Each placement with its follow-ups, the first month first. */
export function withFollowups<P extends { id: number }>(db: Db, rows: P[]) {
  const followups = rows.length
    ? db
        .select()
        .from(placementFollowups)
        .where(
          inArray(
            placementFollowups.placementId,
            rows.map((p) => p.id),
          ),
        )
        .orderBy(placementFollowups.monthsAfter)
        .all()
    : [];
  return rows.map((p) => ({ ...p, followups: followups.filter((f) => f.placementId === p.id) }));
}

/** Part of the employer's name: an organisation of the portal, or the name typed for work found elsewhere. */
const employerMatches = (text: string) =>
  or(contains(sql`${organisations.name}`, text), contains(sql`${placements.employerName}`, text));

export type PlacementFilters = {
  status?: "ongoing" | "ended";
  region?: string;
  /** Part of the employer's name (an organisation of the portal, or the name typed for work found elsewhere). */
  employer?: string;
  /** First day of work between these dates (YYYY-MM-DD, both included). */
  from?: string;
  to?: string;
  /** Only the candidates this counsellor follows. */
  counsellorId?: number;
  /** Only this placement (the one whose end form the page opens). */
  placementId?: number;
  page?: number;
};

/** Placements, newest first, with their candidate, employer and follow-ups. */
export function listPlacements(db: Db, filters: PlacementFilters = {}) {
  const where = and(
    filters.status === "ongoing"
      ? isNull(placements.endedAt)
      : filters.status === "ended"
        ? isNotNull(placements.endedAt)
        : undefined,
    filters.region ? eq(candidateProfiles.region, filters.region) : undefined,
    filters.employer ? employerMatches(filters.employer) : undefined,
    filters.from ? gte(placements.startDate, filters.from) : undefined,
    filters.to ? lte(placements.startDate, filters.to) : undefined,
    filters.counsellorId ? eq(candidateProfiles.counsellorId, filters.counsellorId) : undefined,
    filters.placementId ? eq(placements.id, filters.placementId) : undefined,
  );
  const base = <T extends Record<string, unknown>>(columns: T) =>
    withCandidateAndEmployer(
      db
        .select(columns as never)
        .from(placements)
        .$dynamic(),
    ).where(where);
  const total = (base({ n: sql<number>`count(*)` }).get() as { n: number } | undefined)?.n ?? 0;
  const { page, pageCount } = pageOf(filters.page, total, PLACEMENTS_PAGE_SIZE);
  const rows = base({
    id: placements.id,
    candidateId: placements.candidateId,
    candidateName,
    region: candidateProfiles.region,
    orgId: placements.orgId,
    employer,
    ...placementTermsColumns,
    endNote: placements.endNote,
    fromPortal: sql<boolean>`${placements.applicationId} IS NOT NULL`.mapWith(Boolean),
  })
    .orderBy(desc(placements.startDate), desc(placements.id))
    .limit(PLACEMENTS_PAGE_SIZE)
    .offset((page - 1) * PLACEMENTS_PAGE_SIZE)
    .all() as {
    id: number;
    candidateId: number;
    candidateName: string;
    region: string | null;
    orgId: number | null;
    employer: string;
    type: OfferType;
    contract: Contract;
    startDate: string;
    payAmount: number | null;
    endedAt: string | null;
    endReason: string | null;
    endNote: string | null;
    fromPortal: boolean;
  }[];
  const followups = rows.length
    ? db
        .select({
          id: placementFollowups.id,
          placementId: placementFollowups.placementId,
          monthsAfter: placementFollowups.monthsAfter,
          dueDate: placementFollowups.dueDate,
          doneAt: placementFollowups.doneAt,
          stillEmployed: placementFollowups.stillEmployed,
          note: placementFollowups.note,
        })
        .from(placementFollowups)
        .where(
          inArray(
            placementFollowups.placementId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(placementFollowups.monthsAfter))
        .all()
    : [];
  return {
    total,
    page,
    pageCount,
    placements: rows.map((row) => ({ ...row, followups: followups.filter((f) => f.placementId === row.id) })),
  };
}

export const FOLLOWUPS_PAGE_SIZE = 25;

export type FollowupFilters = {
  /** `overdue`: the due date is past; `week`: due from today to seven days ahead; neither: both. */
  window?: "overdue" | "week";
  /** Which follow-up: 1, 3 or 6 months after the first day of work. */
  monthsAfter?: number;
  region?: string;
  /** Part of the employer's name. */
  employer?: string;
  /** Only the candidates this counsellor follows. */
  counsellorId?: number;
  page?: number;
  today?: string;
};

/** A query on follow-ups not yet recorded, due by the end of the window, with their placement and people. */
function followupsQuery(db: Db, filters: FollowupFilters) {
  const today = filters.today ?? isoToday();
  const where = and(
    isNull(placementFollowups.doneAt),
    // A training is followed by its outcome, not by calls at 1, 3 and 6 months (older rows may have them).
    ne(placements.type, "formation"),
    filters.window === "overdue"
      ? lt(placementFollowups.dueDate, today)
      : lte(placementFollowups.dueDate, addDays(today, DUE_WINDOW_DAYS)),
    filters.window === "week" ? gte(placementFollowups.dueDate, today) : undefined,
    filters.monthsAfter ? eq(placementFollowups.monthsAfter, filters.monthsAfter) : undefined,
    filters.region ? eq(candidateProfiles.region, filters.region) : undefined,
    filters.employer ? employerMatches(filters.employer) : undefined,
    filters.counsellorId ? eq(candidateProfiles.counsellorId, filters.counsellorId) : undefined,
  );
  return <T extends Record<string, unknown>>(select: T) =>
    withCandidateAndEmployer(
      db
        .select(select as never)
        .from(placementFollowups)
        .innerJoin(placements, eq(placements.id, placementFollowups.placementId))
        .$dynamic(),
    ).where(where);
}

/** How many follow-ups the list of these filters holds (the dashboard's figure). */
export function countFollowupsToDo(db: Db, filters: FollowupFilters = {}) {
  const from = followupsQuery(db, filters);
  return (from({ n: sql<number>`count(*)` }).get() as { n: number } | undefined)?.n ?? 0;
}

/**
 * Follow-ups not yet recorded, overdue (due date past) and due within the next
 * seven days, the most urgent first, 25 a page, each with its candidate and employer.
 */
export function followupsToDo(db: Db, filters: FollowupFilters = {}) {
  const total = countFollowupsToDo(db, filters);
  const { page, pageCount } = pageOf(filters.page, total, FOLLOWUPS_PAGE_SIZE);
  const from = followupsQuery(db, filters);
  const items = from({
    id: placementFollowups.id,
    placementId: placements.id,
    monthsAfter: placementFollowups.monthsAfter,
    dueDate: placementFollowups.dueDate,
    candidateId: placements.candidateId,
    candidateName,
    candidatePhone: users.phone,
    region: candidateProfiles.region,
    employer,
    startDate: placements.startDate,
  })
    .orderBy(asc(placementFollowups.dueDate), asc(placementFollowups.id))
    .limit(FOLLOWUPS_PAGE_SIZE)
    .offset((page - 1) * FOLLOWUPS_PAGE_SIZE)
    .all() as {
    id: number;
    placementId: number;
    monthsAfter: number;
    dueDate: string;
    candidateId: number;
    candidateName: string;
    candidatePhone: string | null;
    region: string | null;
    employer: string;
    startDate: string;
  }[];
  return { items, total, page, pageCount };
}

// ---- recording --------------------------------------------------------------------

// The page admits counsellors and admins, who may make the same moves.
const staff = (userId: number): PlacementActor => ({ userId, roles: "counsellor" });

/** A counsellor records one follow-up, once (see recordFollowupAnswer). */
export function recordFollowup(
  db: Db,
  counsellorId: number,
  followupId: number,
  input: FollowupInput,
  when: When = {},
) {
  return recordFollowupAnswer(db, { followupId, actor: staff(counsellorId), detail: input, ...when });
}

/** A counsellor ends a placement on a date, with a coded reason (see transitionPlacement). */
export function endPlacement(db: Db, counsellorId: number, placementId: number, input: EndInput, when: When = {}) {
  return transitionPlacement(db, { placementId, action: "end", actor: staff(counsellorId), detail: input, ...when });
}

/** Work a candidate found outside the portal, recorded by their counsellor (see recordPlacement). */
export function recordManualPlacement(db: Db, counsellorId: number, input: ManualPlacementInput, when: When = {}) {
  return recordPlacement(db, { actor: staff(counsellorId), input, ...when });
}

/** Employers of the portal to choose from when recording work found outside it. */
export function employerChoices(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, "employer"), inArray(organisations.verificationStatus, ["verified", "pending"])))
    .orderBy(asc(organisations.name))
    .all();
}
