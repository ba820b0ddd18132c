// The one write path of an application's status. Each move is checked against
// the table, writes the status and the columns that go with it, a row of the
// application's history, the audit line of a hire, and tells the candidate.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { notifyCandidate } from "~/models/messages.server";
import { notifyOrganisation } from "~/models/notifications.server";
import { isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  type ApplicationStatus,
  applicationEvents,
  applications,
  offers,
  type REFUSAL_REASONS,
} from "../../../db/schema";
import {
  type ApplicationAction,
  applicationLifecycle,
  BULK_ACTIONS,
  type BulkApplicationAction,
  HISTORY_ONLY,
} from "./application";
import { undoHireConsequences, undoneHireRefusal } from "./hire-undo.server";
import { findMove, type LifecycleRole, statusesAllowing } from "./lifecycle";
import { transitionOffer } from "./offer.server";
import { createPlacement } from "./placement.server";

/** Who moves the application, as the caller has checked it (a member of the offer's organisation, its candidate). */
export type ApplicationActor = { userId: number; roles: LifecycleRole | readonly LifecycleRole[] };

export type ApplicationMoveDetail = {
  interviewAt?: string | null;
  interviewPlace?: string | null;
  refusalReason?: (typeof REFUSAL_REASONS)[number] | null;
  /** The employer's words to the candidate, kept in the history. */
  note?: string | null;
  /** First day of work, for a hire (default: today). */
  startDate?: string | null;
  /** Why the candidate declines a job offer (a code of OFFER_DECLINE_REASONS); their words go in `note`. */
  declineReason?: string | null;
  /** When the move happens (the undo window is counted from the hire); now by default. */
  now?: Date;
};

export type ApplicationMoveResult =
  | { ok: true; from: ApplicationStatus; to: ApplicationStatus; offerFilled: boolean }
  | {
      ok: false;
      reason:
        | "notFound"
        | "notAllowed"
        | "missing_interview"
        | "missing_refusal_reason"
        | "positions_full"
        | "offer_not_accepted"
        | "already_answered"
        | "missing_decline_reason"
        | "undo_expired";
    };

export type ApplicationMove = {
  applicationId: number;
  action: Exclude<ApplicationAction, BulkApplicationAction>;
  actor: ApplicationActor;
  detail?: ApplicationMoveDetail;
};

/**
 * Moves one application. Run it in an immediate transaction: a hire counts the
 * hires first, and never goes beyond the offer's positions even when many
 * requests race. The last hire fills the offer and closes its other open
 * applications. Refusals: `notFound`, `notAllowed` (not a move of the table for
 * this actor from the current status), `missing_interview`,
 * `missing_refusal_reason`, `positions_full`, `offer_not_accepted` (a hire from
 * an offer the candidate has not accepted), `already_answered`,
 * `missing_decline_reason`, `undo_expired` (past the undo window of a hire).
 */
export function transitionApplication(
  tx: Tx,
  { applicationId, action, actor, detail = {} }: ApplicationMove,
): ApplicationMoveResult {
  if ((BULK_ACTIONS as readonly string[]).includes(action)) return { ok: false, reason: "notAllowed" };
  if (action === "rejected" && !detail.refusalReason) return { ok: false, reason: "missing_refusal_reason" };
  if (action === "interview" && !detail.interviewAt) return { ok: false, reason: "missing_interview" };
  if (action === "decline_offer" && !detail.declineReason) return { ok: false, reason: "missing_decline_reason" };
  const current = tx.select().from(applications).where(eq(applications.id, applicationId)).get();
  if (!current) return { ok: false, reason: "notFound" };
  const move = findMove(applicationLifecycle, action, current.status, actor.roles);
  if (!move) return { ok: false, reason: "notAllowed" };
  const offer = tx.select().from(offers).where(eq(offers.id, current.offerId)).get()!;
  const now = detail.now ?? new Date();
  const answering = action === "accept_offer" || action === "decline_offer";
  if (answering && current.offerAnswer !== null) return { ok: false, reason: "already_answered" };
  if (action === "hired" && current.status === "offered" && current.offerAnswer !== "accepted") {
    return { ok: false, reason: "offer_not_accepted" };
  }
  const undoing = action === "undo_hire_to_interview" || action === "undo_hire_to_offered";
  const undoRefusal = undoing ? undoneHireRefusal(tx, current.id, move.to, now) : null;
  if (undoRefusal) return { ok: false, reason: undoRefusal };

  let offerFilled = false;
  if (move.to === "hired") {
    const hired =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(applications)
        .where(and(eq(applications.offerId, offer.id), eq(applications.status, "hired")))
        .get()?.n ?? 0;
    if (hired >= offer.positions) return { ok: false, reason: "positions_full" };
    offerFilled = hired + 1 === offer.positions;
  }

  tx.update(applications)
    .set({
      status: move.to,
      updatedAt: new Date(),
      ...(action === "interview"
        ? { interviewAt: detail.interviewAt, interviewPlace: detail.interviewPlace ?? null }
        : {}),
      ...(action === "rejected" ? { refusalReason: detail.refusalReason } : {}),
      ...(answering
        ? {
            offerAnswer: action === "accept_offer" ? ("accepted" as const) : ("declined" as const),
            offerAnswerReason: action === "decline_offer" ? detail.declineReason : null,
            offerAnsweredAt: now,
          }
        : {}),
    })
    .where(eq(applications.id, current.id))
    .run();
  // The history holds changes of status (an accepted offer stays `offered`: its audit row tells it).
  if (move.to !== current.status) {
    tx.insert(applicationEvents)
      .values({
        applicationId: current.id,
        actorId: actor.userId,
        fromStatus: current.status,
        toStatus: move.to,
        note: detail.note ?? null,
      })
      .run();
  }

  if (move.to === "hired") {
    createPlacement(tx, {
      candidateId: current.candidateId,
      orgId: offer.orgId,
      offerId: offer.id,
      applicationId: current.id,
      type: offer.type,
      contract: offer.contract,
      startDate: detail.startDate ?? isoToday(),
      payAmount: offer.payAmount,
      recordedBy: actor.userId,
    });
  }
  if (move.audit !== HISTORY_ONLY) {
    recordAudit(tx, {
      actorId: actor.userId,
      action: move.audit,
      subjectType: "application",
      subjectId: current.id,
      ...(answering
        ? { detail: { reason: detail.declineReason ?? null, onBehalf: actor.userId !== current.candidateId } }
        : {}),
    });
  }
  if (undoing) undoHireConsequences(tx, { application: current, offer, actorId: actor.userId });
  if (move.notify && answering) {
    // The candidate's answer goes to the employer who made the offer.
    notifyOrganisation(tx, offer.orgId, {
      kind: move.notify,
      payload: { offerId: offer.id, offerTitle: offer.title, reason: detail.declineReason ?? null },
      link: `/employeur/offres/${offer.id}/candidatures/${current.id}`,
    });
  } else if (move.notify) {
    // A hire on a training offer is an admission: its own words, not "you are hired".
    const news = move.to === "hired" && offer.type === "formation" ? "application.admitted" : move.notify;
    notifyCandidate(tx, current.candidateId, {
      kind: news,
      template: news,
      payload: {
        offerId: offer.id,
        offerTitle: offer.title,
        interviewAt: detail.interviewAt ?? null,
        interviewPlace: detail.interviewPlace ?? null,
        refusalReason: detail.refusalReason ?? null,
        note: detail.note ?? null,
      },
      link: "/candidat/candidatures",
      // An undone hire may come back to a status already told: its news is its own.
      dedupeKey: undoing
        ? `application:${current.id}:hire_undone:${now.getTime()}`
        : `application:${current.id}:${move.to}`,
    });
  }
  if (offerFilled) {
    // The offer's own lifecycle fills it: a hire is possible only while it has open applications.
    transitionOffer(tx, {
      offerId: offer.id,
      action: "fillByHire",
      actor: { userId: actor.userId, roles: ["employer"] },
    });
    closeOpenApplications(tx, offer.id, offer.title, actor.userId);
  }
  return { ok: true, from: current.status, to: move.to, offerFilled };
}

/** The applications that `where` picks and `action` may still move. */
function applicationsAllowing(tx: Db | Tx, where: SQL, action: ApplicationAction) {
  return tx
    .select({ id: applications.id, status: applications.status, candidateId: applications.candidateId })
    .from(applications)
    .where(and(where, inArray(applications.status, statusesAllowing(applicationLifecycle, action))))
    .all();
}

/** Moves several applications at once, each with its row of history. */
function moveApplications(
  tx: Db | Tx,
  moved: { id: number; status: ApplicationStatus }[],
  columns: { status: ApplicationStatus; refusalReason?: (typeof REFUSAL_REASONS)[number]; updatedAt: Date },
  event: { actorId: number | null; note?: string },
) {
  tx.update(applications)
    .set(columns)
    .where(
      inArray(
        applications.id,
        moved.map((a) => a.id),
      ),
    )
    .run();
  tx.insert(applicationEvents)
    .values(moved.map((a) => ({ applicationId: a.id, fromStatus: a.status, toStatus: columns.status, ...event })))
    .run();
}

/** Closes every open application of an offer with `position_filled` and tells the candidates. */
export function closeOpenApplications(tx: Db | Tx, offerId: number, offerTitle: string, actorId: number | null) {
  const move = applicationLifecycle.moves.find((m) => m.action === "position_filled")!;
  const open = applicationsAllowing(tx, eq(applications.offerId, offerId), "position_filled");
  if (open.length === 0) return 0;
  const now = new Date();
  moveApplications(
    tx,
    open,
    { status: move.to, refusalReason: "position_filled", updatedAt: now },
    { actorId, note: "position_filled" },
  );
  for (const application of open) {
    notifyCandidate(tx, application.candidateId, {
      kind: move.notify!,
      template: move.notify!,
      payload: { offerId, offerTitle },
      link: "/candidat/candidatures",
      dedupeKey: `application:${application.id}:position_filled`,
    });
  }
  return open.length;
}

/** An account being deleted withdraws its open applications: no employer waits on a ghost. */
export function withdrawApplicationsWithAccount(tx: Db | Tx, candidateId: number, actorId: number | null) {
  const open = applicationsAllowing(tx, eq(applications.candidateId, candidateId), "withdrawn_with_account");
  if (open.length === 0) return;
  moveApplications(tx, open, { status: "withdrawn", updatedAt: new Date() }, { actorId });
}

/** What a deleted account's applications said about the person goes; the rows stay for the statistics. */
export function eraseApplicationDetailsOf(tx: Db | Tx, candidateId: number) {
  tx.update(applications)
    .set({ message: null, cvFileId: null, interviewPlace: null })
    .where(eq(applications.candidateId, candidateId))
    .run();
}
