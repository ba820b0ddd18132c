// The one write path of a partnership's status: a company's request creates
// the row, every later step goes through transitionPartnership, checked against
// the table of partnership.ts. Each writes the status, the dated step, the next
// step's due date, the audit line, and tells the company.
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { versionInForce } from "~/models/convention-terms.server";
import { notifyOrganisation } from "~/models/notifications.server";
import { isOrgMember } from "~/models/organisations.server";
import { addDays, isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  conventions,
  conventionVersions,
  type PartnershipDeclineReason,
  type PartnershipStatus,
  partnershipEvents,
  partnerships,
  programmes,
} from "../../../db/schema";
import { findMove, type LifecycleRole, type MoveResult } from "./lifecycle";
import { NEXT_STEP_DAYS, OPEN_PARTNERSHIP_STATUSES, type PartnershipAction, partnershipLifecycle } from "./partnership";

/** Who acts, as the page has checked the role; `employer` becomes `owner` when a member of the company. */
export type PartnershipActor = { userId: number | null; roles: readonly LifecycleRole[] };

export type PartnershipRequest = {
  orgId: number;
  programmeId: number;
  need: string;
  contact: string;
  actor: PartnershipActor;
  now?: Date;
  ip?: string;
};

/**
 * A company's request to join a programme: refused unless the actor is a member
 * of the company and the programme is published, and when the company already
 * has an open request for the same programme (`already_open`, with its id).
 */
export function requestPartnership(
  tx: Db | Tx,
  { orgId, programmeId, need, contact, actor, now = new Date(), ip }: PartnershipRequest,
): { ok: true; id: number } | { ok: false; reason: "notAllowed" | "programme_closed" | "already_open"; id?: number } {
  const member = actor.userId !== null && actor.roles.includes("employer") && isOrgMember(tx, actor.userId, orgId);
  if (!member) return { ok: false, reason: "notAllowed" };
  const programme = tx.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (programme?.status !== "published") return { ok: false, reason: "programme_closed" };
  const open = tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      and(
        eq(partnerships.orgId, orgId),
        eq(partnerships.programmeId, programmeId),
        inArray(partnerships.status, [...OPEN_PARTNERSHIP_STATUSES, "active"]),
      ),
    )
    .get();
  if (open) return { ok: false, reason: "already_open", id: open.id };

  const today = isoToday(now);
  const id = tx
    .insert(partnerships)
    .values({
      orgId,
      programmeId,
      need,
      contact,
      requestedBy: actor.userId,
      statusChangedAt: now,
      nextStepDue: addDays(today, NEXT_STEP_DAYS.requested ?? 0),
      createdAt: now,
    })
    .returning({ id: partnerships.id })
    .get().id;
  tx.insert(partnershipEvents)
    .values({ partnershipId: id, toStatus: "requested", happenedOn: today, actorId: actor.userId, createdAt: now })
    .run();
  recordAudit(tx, {
    actorId: actor.userId,
    action: "partnership.requested",
    subjectType: "partnership",
    subjectId: id,
    ip,
  });
  notifyOrganisation(tx, orgId, {
    kind: "partnership.requested",
    payload: { programmeId },
    link: `/employeur/partenariats/${id}`,
  });
  return { ok: true, id };
}

export type PartnershipMove = {
  partnershipId: number;
  action: Exclude<PartnershipAction, "request">;
  actor: PartnershipActor;
  /** The day the step took place (today by default): never in the future nor before the request. */
  happenedOn?: string;
  note?: string | null;
  declineReason?: PartnershipDeclineReason | null;
  /** The next step's due date chosen by the counsellor; by default NEXT_STEP_DAYS after the step. */
  nextStepDue?: string | null;
  now?: Date;
  ip?: string;
};

export type PartnershipRefusal =
  | "notFound"
  | "notAllowed"
  | "date_in_future"
  | "date_before_request"
  | "no_convention"
  | "start_not_reached"
  | "end_not_reached"
  | "missing_reason"
  | "missing_note";

type Partnership = typeof partnerships.$inferSelect;

/** The convention's version in force, if signed. */
function currentTerms(tx: Db | Tx, partnershipId: number) {
  return tx
    .select({ startDate: conventionVersions.startDate, endDate: conventionVersions.endDate })
    .from(conventions)
    .innerJoin(conventionVersions, versionInForce)
    .where(eq(conventions.partnershipId, partnershipId))
    .get();
}

function guardRefusal(tx: Db | Tx, guard: string | undefined, row: Partnership, move: PartnershipMove, on: string) {
  const terms = () => currentTerms(tx, row.id);
  switch (guard) {
    case undefined:
      return null;
    case "conventionWritten":
      return terms() ? null : "no_convention";
    case "startReached": {
      const t = terms();
      return !t ? "no_convention" : t.startDate <= on ? null : "start_not_reached";
    }
    case "endReachedOrNote": {
      const t = terms();
      if (t && t.endDate < on) return null;
      if (move.actor.roles.includes("system")) return "end_not_reached";
      return move.note?.trim() ? null : "missing_note";
    }
    case "codedReason":
      if (!move.declineReason) return "missing_reason";
      return move.declineReason === "other" && !move.note?.trim() ? "missing_note" : null;
    default:
      throw new Error(`partnership lifecycle: unknown guard ${guard}`);
  }
}

/** The next step's due date once `to` is reached: the counsellor's, the convention's start, or the default delay. */
function nextStepDueFor(tx: Db | Tx, row: Partnership, to: PartnershipStatus, move: PartnershipMove, on: string) {
  if (!OPEN_PARTNERSHIP_STATUSES.includes(to)) return null;
  if (move.nextStepDue) return move.nextStepDue;
  if (to === "signed") return currentTerms(tx, row.id)?.startDate ?? null;
  return addDays(on, NEXT_STEP_DAYS[to] ?? 0);
}

/**
 * Moves a partnership one step: refused when the actor may not make this move
 * from its status (`notAllowed`), the day is impossible, or the move's guard
 * does not hold; else writes the status, the step, the audit line and tells the
 * company's members. Run it in a transaction with whatever the step writes
 * besides (the convention, for `sign`).
 */
export function transitionPartnership(tx: Db | Tx, move: PartnershipMove): MoveResult<PartnershipStatus> {
  const row = tx.select().from(partnerships).where(eq(partnerships.id, move.partnershipId)).get();
  if (!row) return { ok: false, reason: "notFound" };
  const { actor } = move;
  const isOwner = actor.userId !== null && actor.roles.includes("employer") && isOrgMember(tx, actor.userId, row.orgId);
  const roles: LifecycleRole[] = isOwner ? [...actor.roles, "owner"] : [...actor.roles];
  const step = findMove(partnershipLifecycle, move.action, row.status, roles);
  if (!step) return { ok: false, reason: "notAllowed" };
  const now = move.now ?? new Date();
  const today = isoToday(now);
  const on = move.happenedOn ?? today;
  if (on > today) return { ok: false, reason: "date_in_future" };
  if (on < isoToday(row.createdAt)) return { ok: false, reason: "date_before_request" };
  const refusal = guardRefusal(tx, step.guard, row, move, on);
  if (refusal) return { ok: false, reason: refusal };

  const declining = step.to === "declined";
  tx.update(partnerships)
    .set({
      status: step.to,
      statusChangedAt: now,
      nextStepDue: nextStepDueFor(tx, row, step.to, move, on),
      remindedAt: null,
      updatedAt: now,
      ...(declining
        ? {
            declineReason: move.action === "withdraw" ? "company_withdrew" : (move.declineReason ?? null),
            declineNote: move.note ?? null,
          }
        : {}),
    })
    .where(eq(partnerships.id, row.id))
    .run();
  tx.insert(partnershipEvents)
    .values({
      partnershipId: row.id,
      fromStatus: row.status,
      toStatus: step.to,
      happenedOn: on,
      actorId: actor.userId,
      note: move.note ?? null,
      createdAt: now,
    })
    .run();
  recordAudit(tx, {
    actorId: actor.userId,
    action: step.audit,
    subjectType: "partnership",
    subjectId: row.id,
    detail: { from: row.status, on, ...(declining && move.declineReason ? { reason: move.declineReason } : {}) },
    ip: move.ip,
  });
  if (step.notify) {
    notifyOrganisation(tx, row.orgId, {
      kind: step.notify,
      payload: { on, reason: declining ? (move.declineReason ?? "company_withdrew") : null },
      link: `/employeur/partenariats/${row.id}`,
    });
  }
  return { ok: true, from: row.status, to: step.to };
}
