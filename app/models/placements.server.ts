import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  candidateProfiles,
  organisations,
  placementFollowups,
  placements,
  users,
  type Contract,
  type OfferType,
} from "../../db/schema";
import { CONTRACTS_BY_TYPE } from "../schemas/offer-types";
import { END_NOTE_MAX, EMPLOYER_NAME_MAX, FOLLOWUP_NOTE_MAX, PLACEMENT_END_REASONS, type PlacementEndReason } from "../schemas/placement";
import { addDays, addMonths, isoToday } from "../utils/dates";
import type { Db, Tx } from "../utils/db.server";
import { recordAudit } from "./audit.server";

/** Follow-ups of every placement: is the person still in work 1, 3 and 6 months after starting? */
export const FOLLOWUP_MONTHS = [1, 3, 6] as const;

export { END_NOTE_MAX, EMPLOYER_NAME_MAX, FOLLOWUP_NOTE_MAX, PLACEMENT_END_REASONS, type PlacementEndReason };
/** Follow-ups listed as "due" this many days ahead. */
export const DUE_WINDOW_DAYS = 7;
/** Work found outside the portal may be recorded a little ahead of its first day… */
export const MANUAL_START_MAX_AHEAD_DAYS = 30;
/** …and up to two years back (the reports' longest view); older is surely a typing error. */
export const MANUAL_START_MAX_BACK_MONTHS = 24;
export const PLACEMENTS_PAGE_SIZE = 50;

export type PlacementInput = {
  candidateId: number;
  orgId: number | null;
  employerName?: string | null;
  offerId?: number | null;
  applicationId?: number | null;
  type: OfferType;
  contract: Contract;
  startDate: string;
  payAmount?: number | null;
  recordedBy: number | null;
};

/** Records a placement with its three follow-ups, due at start + 1, 3 and 6 months. */
export function createPlacement(db: Db | Tx, input: PlacementInput) {
  const placement = db
    .insert(placements)
    .values({
      candidateId: input.candidateId,
      orgId: input.orgId,
      employerName: input.employerName ?? null,
      offerId: input.offerId ?? null,
      applicationId: input.applicationId ?? null,
      type: input.type,
      contract: input.contract,
      startDate: input.startDate,
      payAmount: input.payAmount ?? null,
      recordedBy: input.recordedBy,
    })
    .returning({ id: placements.id })
    .get();
  db.insert(placementFollowups)
    .values(
      FOLLOWUP_MONTHS.map((months) => ({
        placementId: placement.id,
        monthsAfter: months,
        dueDate: addMonths(input.startDate, months),
      })),
    )
    .run();
  return placement.id;
}

// ---- reading --------------------------------------------------------------------

const candidateName = sql<string>`coalesce(${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}, ${users.displayName})`;
const employer = sql<string>`coalesce(${organisations.name}, ${placements.employerName}, '')`;

/** `%` and `_` typed by a person are letters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const like = (expression: SQL | AnyColumn, text: string) => sql`${expression} LIKE ${likePattern(text)} ESCAPE '\\'`;

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
  page?: number;
};

/** Placements, newest first, with their candidate, employer and follow-ups. */
export function listPlacements(db: Db, filters: PlacementFilters = {}) {
  const where = and(
    filters.status === "ongoing" ? isNull(placements.endedAt) : filters.status === "ended" ? isNotNull(placements.endedAt) : undefined,
    filters.region ? eq(candidateProfiles.region, filters.region) : undefined,
    filters.employer ? or(like(organisations.name, filters.employer), like(placements.employerName, filters.employer)) : undefined,
    filters.from ? gte(placements.startDate, filters.from) : undefined,
    filters.to ? lte(placements.startDate, filters.to) : undefined,
    filters.counsellorId ? eq(candidateProfiles.counsellorId, filters.counsellorId) : undefined,
  );
  const base = <T extends Record<string, unknown>>(columns: T) =>
    db
      .select(columns as never)
      .from(placements)
      .innerJoin(users, eq(users.id, placements.candidateId))
      .leftJoin(candidateProfiles, eq(candidateProfiles.userId, placements.candidateId))
      .leftJoin(organisations, eq(organisations.id, placements.orgId))
      .where(where);
  const total = (base({ n: sql<number>`count(*)` }).get() as { n: number } | undefined)?.n ?? 0;
  const page = Math.max(1, filters.page ?? 1);
  const rows = base({
    id: placements.id,
    candidateId: placements.candidateId,
    candidateName,
    region: candidateProfiles.region,
    orgId: placements.orgId,
    employer,
    type: placements.type,
    contract: placements.contract,
    startDate: placements.startDate,
    payAmount: placements.payAmount,
    endedAt: placements.endedAt,
    endReason: placements.endReason,
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
        .where(inArray(placementFollowups.placementId, rows.map((r) => r.id)))
        .orderBy(asc(placementFollowups.monthsAfter))
        .all()
    : [];
  return {
    total,
    page,
    pageSize: PLACEMENTS_PAGE_SIZE,
    placements: rows.map((row) => ({ ...row, followups: followups.filter((f) => f.placementId === row.id) })),
  };
}

/**
 * Follow-ups not yet recorded: overdue (due date past) and due (within the next
 * seven days), the most urgent first, each with its candidate and employer.
 */
export function followupsDue(db: Db, { today = isoToday(), counsellorId, limit = 50 }: { today?: string; counsellorId?: number; limit?: number } = {}) {
  const columns = {
    id: placementFollowups.id,
    placementId: placements.id,
    monthsAfter: placementFollowups.monthsAfter,
    dueDate: placementFollowups.dueDate,
    candidateId: placements.candidateId,
    candidateName,
    employer,
    startDate: placements.startDate,
  };
  const query = (when: SQL | undefined) => {
    const where = and(isNull(placementFollowups.doneAt), when, counsellorId ? eq(candidateProfiles.counsellorId, counsellorId) : undefined);
    const from = <T extends Record<string, unknown>>(select: T) =>
      db
        .select(select as never)
        .from(placementFollowups)
        .innerJoin(placements, eq(placements.id, placementFollowups.placementId))
        .innerJoin(users, eq(users.id, placements.candidateId))
        .leftJoin(candidateProfiles, eq(candidateProfiles.userId, placements.candidateId))
        .leftJoin(organisations, eq(organisations.id, placements.orgId))
        .where(where);
    const rows = from(columns).orderBy(asc(placementFollowups.dueDate), asc(placementFollowups.id)).limit(limit).all() as {
      id: number;
      placementId: number;
      monthsAfter: number;
      dueDate: string;
      candidateId: number;
      candidateName: string;
      employer: string;
      startDate: string;
    }[];
    const total = (from({ n: sql<number>`count(*)` }).get() as { n: number } | undefined)?.n ?? 0;
    return { rows, total };
  };
  const overdue = query(lt(placementFollowups.dueDate, today));
  const due = query(and(gte(placementFollowups.dueDate, today), lte(placementFollowups.dueDate, addDays(today, DUE_WINDOW_DAYS))));
  return { overdue: overdue.rows, overdueTotal: overdue.total, due: due.rows, dueTotal: due.total };
}

/** Candidates by name, phone or number, to pick one for a placement found outside the portal. */
export function findCandidatesByName(db: Db, query: string, limit = 10) {
  const text = query.trim().replace(/\s+/g, " ").slice(0, 60);
  if (text.length < 2) return [];
  const digits = text.replace(/\D/g, "");
  return db
    .select({
      id: users.id,
      name: candidateName,
      phone: users.phone,
      region: candidateProfiles.region,
      commune: candidateProfiles.commune,
    })
    .from(users)
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(
      and(
        eq(users.role, "candidat"),
        isNull(users.deletedAt),
        or(
          like(sql`${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}`, text),
          like(sql`${candidateProfiles.lastName} || ' ' || ${candidateProfiles.firstName}`, text),
          like(users.displayName, text),
          digits.length >= 4 ? like(users.phone, digits.slice(-8)) : undefined,
          /^\d{1,12}$/.test(text) ? eq(users.id, Number(text)) : undefined,
        ),
      ),
    )
    .orderBy(asc(candidateProfiles.lastName), asc(candidateProfiles.firstName), asc(users.id))
    .limit(limit)
    .all();
}

// ---- recording --------------------------------------------------------------------

export type FollowupInput = { stillEmployed: boolean; note?: string | null; doneOn?: string | null };

export type FollowupResult =
  | { ok: true; placementId: number; stillEmployed: boolean; placementOngoing: boolean }
  | { ok: false; reason: "already_recorded" | "not_due_yet" | "date_in_future" | "note_too_long" };

/**
 * A counsellor records one follow-up, once: was the person still in work? It may
 * be recorded from a week before its due date (the counsellor calls ahead) until
 * any time after. When the person no longer works there, the page offers to end
 * the placement (`placementOngoing`).
 */
export function recordFollowup(
  db: Db,
  counsellorId: number,
  followupId: number,
  input: FollowupInput,
  { now = new Date(), ip }: { now?: Date; ip?: string } = {},
): FollowupResult | null {
  const row = db
    .select({ followup: placementFollowups, endedAt: placements.endedAt })
    .from(placementFollowups)
    .innerJoin(placements, eq(placements.id, placementFollowups.placementId))
    .where(eq(placementFollowups.id, followupId))
    .get();
  if (!row) return null;
  const { followup } = row;
  if (followup.doneAt) return { ok: false, reason: "already_recorded" };
  if ((input.note?.length ?? 0) > FOLLOWUP_NOTE_MAX) return { ok: false, reason: "note_too_long" };
  const today = isoToday(now);
  const doneOn = input.doneOn ?? today;
  if (doneOn > today) return { ok: false, reason: "date_in_future" };
  if (doneOn < addDays(followup.dueDate, -DUE_WINDOW_DAYS)) return { ok: false, reason: "not_due_yet" };

  const recorded = db.transaction((tx) => {
    // The condition on done_at makes "once" hold even for two counsellors at the same moment.
    const changed = tx
      .update(placementFollowups)
      .set({
        doneAt: doneOn === today ? now : new Date(`${doneOn}T12:00:00Z`),
        stillEmployed: input.stillEmployed,
        note: input.note || null,
        recordedBy: counsellorId,
      })
      .where(and(eq(placementFollowups.id, followupId), isNull(placementFollowups.doneAt)))
      .run();
    if (changed.changes === 0) return false;
    recordAudit(tx, {
      actorId: counsellorId,
      action: "placement.followup_recorded",
      subjectType: "placement_followup",
      subjectId: followupId,
      detail: { placementId: followup.placementId, monthsAfter: followup.monthsAfter, stillEmployed: input.stillEmployed },
      ip,
    });
    return true;
  });
  if (!recorded) return { ok: false, reason: "already_recorded" };
  return { ok: true, placementId: followup.placementId, stillEmployed: input.stillEmployed, placementOngoing: row.endedAt === null };
}

export type EndInput = { endedOn: string; reason: PlacementEndReason; note?: string | null };

export type EndResult =
  | { ok: true; closedFollowups: number }
  | { ok: false; reason: "already_ended" | "before_start" | "date_in_future" | "note_required" | "note_too_long" };

/**
 * Ends a placement on a date, with a coded reason (and a note, required for
 * "other"). The follow-ups not yet recorded whose due date is on or after the
 * end are recorded at once as "no longer in work" (no note): the person had
 * left by then, and retention counts them so. Those due before the end stay
 * open: whether the person was still there then is for the counsellor to say.
 */
export function endPlacement(
  db: Db,
  counsellorId: number,
  placementId: number,
  input: EndInput,
  { now = new Date(), ip }: { now?: Date; ip?: string } = {},
): EndResult | null {
  const placement = db.select().from(placements).where(eq(placements.id, placementId)).get();
  if (!placement) return null;
  if (placement.endedAt) return { ok: false, reason: "already_ended" };
  if (input.endedOn > isoToday(now)) return { ok: false, reason: "date_in_future" };
  if (input.endedOn < placement.startDate) return { ok: false, reason: "before_start" };
  if (input.reason === "other" && !input.note) return { ok: false, reason: "note_required" };
  if ((input.note?.length ?? 0) > END_NOTE_MAX) return { ok: false, reason: "note_too_long" };

  return db.transaction((tx): EndResult => {
    const changed = tx
      .update(placements)
      .set({ endedAt: input.endedOn, endReason: input.reason, endNote: input.note || null })
      .where(and(eq(placements.id, placementId), isNull(placements.endedAt)))
      .run();
    if (changed.changes === 0) return { ok: false, reason: "already_ended" };
    const closed = tx
      .update(placementFollowups)
      .set({ doneAt: now, stillEmployed: false, note: null, recordedBy: counsellorId })
      .where(
        and(
          eq(placementFollowups.placementId, placementId),
          isNull(placementFollowups.doneAt),
          gte(placementFollowups.dueDate, input.endedOn),
        ),
      )
      .run();
    recordAudit(tx, {
      actorId: counsellorId,
      action: "placement.ended",
      subjectType: "placement",
      subjectId: placementId,
      detail: { endedOn: input.endedOn, reason: input.reason, closedFollowups: closed.changes },
      ip,
    });
    return { ok: true, closedFollowups: closed.changes };
  });
}

export type ManualPlacementInput = {
  candidateId: number;
  /** An employer of the portal, or… */
  orgId?: number | null;
  /** …the name of one that is not in it. */
  employerName?: string | null;
  type: OfferType;
  contract: Contract;
  startDate: string;
  payAmount?: number | null;
};

export type ManualPlacementResult =
  | { ok: true; placementId: number }
  | {
      ok: false;
      reason:
        | "candidate_not_found"
        | "employer_required"
        | "employer_not_found"
        | "employer_name_too_long"
        | "contract_mismatch"
        | "start_too_late"
        | "start_too_early"
        | "invalid_pay"
        | "duplicate";
    };

/**
 * Work a candidate found outside the portal, recorded by their counsellor: it
 * counts in the reports like a hire, with the same three follow-ups.
 */
export function recordManualPlacement(
  db: Db,
  counsellorId: number,
  input: ManualPlacementInput,
  { now = new Date(), ip }: { now?: Date; ip?: string } = {},
): ManualPlacementResult {
  const candidate = db.select({ role: users.role, deletedAt: users.deletedAt }).from(users).where(eq(users.id, input.candidateId)).get();
  if (!candidate || candidate.role !== "candidat" || candidate.deletedAt) return { ok: false, reason: "candidate_not_found" };

  const employerName = input.employerName?.trim() || null;
  const orgId = input.orgId ?? null;
  if ((orgId === null) === (employerName === null)) return { ok: false, reason: "employer_required" };
  if (employerName && employerName.length > EMPLOYER_NAME_MAX) return { ok: false, reason: "employer_name_too_long" };
  if (orgId !== null) {
    const org = db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, orgId)).get();
    if (org?.kind !== "employer") return { ok: false, reason: "employer_not_found" };
  }
  if (!CONTRACTS_BY_TYPE[input.type]?.includes(input.contract)) return { ok: false, reason: "contract_mismatch" };
  const today = isoToday(now);
  if (input.startDate > addDays(today, MANUAL_START_MAX_AHEAD_DAYS)) return { ok: false, reason: "start_too_late" };
  if (input.startDate < addMonths(today, -MANUAL_START_MAX_BACK_MONTHS)) return { ok: false, reason: "start_too_early" };
  if (input.payAmount != null && !(Number.isInteger(input.payAmount) && input.payAmount >= 0 && input.payAmount <= 100_000_000)) {
    return { ok: false, reason: "invalid_pay" };
  }

  // The same work sent twice (a double tap, a form sent again without JavaScript).
  const same = db
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.candidateId, input.candidateId),
        eq(placements.startDate, input.startDate),
        orgId !== null ? eq(placements.orgId, orgId) : sql`lower(${placements.employerName}) = lower(${employerName})`,
      ),
    )
    .get();
  if (same) return { ok: false, reason: "duplicate" };

  const placementId = db.transaction((tx) => {
    const id = createPlacement(tx, {
      candidateId: input.candidateId,
      orgId,
      employerName,
      type: input.type,
      contract: input.contract,
      startDate: input.startDate,
      payAmount: input.payAmount ?? null,
      recordedBy: counsellorId,
    });
    recordAudit(tx, { actorId: counsellorId, action: "placement.recorded", subjectType: "placement", subjectId: id, detail: { candidateId: input.candidateId }, ip });
    return id;
  });
  return { ok: true, placementId };
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
