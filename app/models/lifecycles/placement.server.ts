// The one write path of placements: recording one, ending it (follow-ups are
// in placement-followup.server.ts). Each checks the table and its guard, writes
// the row and the audit line.
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { CONTRACTS_BY_TYPE } from "~/schemas/offer-types";
import { EMPLOYER_NAME_MAX, END_NOTE_MAX, type PlacementEndReason } from "~/schemas/placement";
import { addDays, addMonths, isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  type Contract,
  type OfferType,
  organisations,
  placementFollowups,
  placements,
  users,
} from "../../../db/schema";
import { findMove, type LifecycleRole } from "./lifecycle";
import { FOLLOWUP_MONTHS, placementLifecycle, placementStatus } from "./placement";

/** Work found outside the portal may be recorded a little ahead of its first day… */
export const MANUAL_START_MAX_AHEAD_DAYS = 30;
/** …and up to two years back (the reports' longest view); older is surely a typing error. */
export const MANUAL_START_MAX_BACK_MONTHS = 24;

/** Who acts, as the page has checked it (counsellors and admins reach the placements page). */
export type PlacementActor = { userId: number; roles: LifecycleRole | readonly LifecycleRole[] };
export type When = { now?: Date; ip?: string };

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

/**
 * Writes a placement with its three follow-ups, due at start + 1, 3 and 6 months (a hire's or a counsellor's).
 * A training has none: it is followed by its outcome (lifecycles/training.ts), not by retention.
 */
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
  if (input.type === "formation") return placement.id;
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

/** A hire undone by its employer never happened: its placement and follow-ups go (an undo within 48 hours). */
export function removeHirePlacement(db: Db | Tx, applicationId: number) {
  const placement = db
    .select({ id: placements.id })
    .from(placements)
    .where(eq(placements.applicationId, applicationId))
    .get();
  if (!placement) return;
  db.delete(placementFollowups).where(eq(placementFollowups.placementId, placement.id)).run();
  db.delete(placements).where(eq(placements.id, placement.id)).run();
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
        | "notAllowed"
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

const asList = (roles: PlacementActor["roles"]): readonly LifecycleRole[] =>
  typeof roles === "string" ? [roles] : roles;

/**
 * Work a candidate found outside the portal, recorded by a counsellor: it
 * counts in the reports like a hire, with the same three follow-ups.
 */
export function recordPlacement(
  db: Db,
  { actor, input, now = new Date(), ip }: { actor: PlacementActor; input: ManualPlacementInput } & When,
): ManualPlacementResult {
  const move = placementLifecycle.moves.find(
    (m) => m.action === "record" && m.by.some((role) => asList(actor.roles).includes(role)),
  );
  if (!move) return { ok: false, reason: "notAllowed" };
  const candidate = db
    .select({ role: users.role, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, input.candidateId))
    .get();
  if (!candidate || candidate.role !== "candidat" || candidate.deletedAt)
    return { ok: false, reason: "candidate_not_found" };

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
  if (input.startDate < addMonths(today, -MANUAL_START_MAX_BACK_MONTHS))
    return { ok: false, reason: "start_too_early" };
  if (
    input.payAmount != null &&
    !(Number.isInteger(input.payAmount) && input.payAmount >= 0 && input.payAmount <= 100_000_000)
  ) {
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
      recordedBy: actor.userId,
    });
    recordAudit(tx, {
      actorId: actor.userId,
      action: move.audit,
      subjectType: "placement",
      subjectId: id,
      detail: { candidateId: input.candidateId },
      ip,
    });
    return id;
  });
  return { ok: true, placementId };
}

export type EndInput = { endedOn: string; reason: PlacementEndReason; note?: string | null };

export type EndResult =
  | { ok: true; closedFollowups: number }
  | {
      ok: false;
      reason: "notAllowed" | "already_ended" | "before_start" | "date_in_future" | "note_required" | "note_too_long";
    };

/**
 * Ends a placement on a date, with a coded reason (and a note, required for
 * "other"). The follow-ups not yet recorded whose due date is on or after the
 * end are recorded at once as "no longer in work" (no note): the person had
 * left by then, and retention counts them so. Those due before the end stay
 * open: whether the person was still there then is for the counsellor to say.
 * Null for an unknown placement.
 */
export function transitionPlacement(
  db: Db,
  {
    placementId,
    action,
    actor,
    detail,
    now = new Date(),
    ip,
  }: { placementId: number; action: "end"; actor: PlacementActor; detail: EndInput } & When,
): EndResult | null {
  const placement = db.select().from(placements).where(eq(placements.id, placementId)).get();
  if (!placement) return null;
  const move = findMove(placementLifecycle, action, placementStatus(placement), actor.roles);
  if (!move) return { ok: false, reason: placement.endedAt ? "already_ended" : "notAllowed" };
  if (detail.endedOn > isoToday(now)) return { ok: false, reason: "date_in_future" };
  if (detail.endedOn < placement.startDate) return { ok: false, reason: "before_start" };
  if (detail.reason === "other" && !detail.note) return { ok: false, reason: "note_required" };
  if ((detail.note?.length ?? 0) > END_NOTE_MAX) return { ok: false, reason: "note_too_long" };

  return db.transaction((tx): EndResult => {
    const changed = tx
      .update(placements)
      .set({ endedAt: detail.endedOn, endReason: detail.reason, endNote: detail.note || null })
      .where(and(eq(placements.id, placementId), isNull(placements.endedAt)))
      .run();
    if (changed.changes === 0) return { ok: false, reason: "already_ended" };
    const closed = tx
      .update(placementFollowups)
      .set({ doneAt: now, stillEmployed: false, note: null, recordedBy: actor.userId })
      .where(
        and(
          eq(placementFollowups.placementId, placementId),
          isNull(placementFollowups.doneAt),
          gte(placementFollowups.dueDate, detail.endedOn),
        ),
      )
      .run();
    recordAudit(tx, {
      actorId: actor.userId,
      action: move.audit,
      subjectType: "placement",
      subjectId: placementId,
      detail: { endedOn: detail.endedOn, reason: detail.reason, closedFollowups: closed.changes },
      ip,
    });
    return { ok: true, closedFollowups: closed.changes };
  });
}

/** A deleted account's placements stay for the statistics, without the counsellors' words about the person. */
export function erasePlacementNotesOf(tx: Db | Tx, candidateId: number) {
  const ids = tx.select({ id: placements.id }).from(placements).where(eq(placements.candidateId, candidateId)).all();
  if (ids.length)
    tx.update(placementFollowups)
      .set({ note: null })
      .where(
        inArray(
          placementFollowups.placementId,
          ids.map((p) => p.id),
        ),
      )
      .run();
  tx.update(placements).set({ endNote: null }).where(eq(placements.candidateId, candidateId)).run();
}
