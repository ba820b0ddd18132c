// Undoing a mistaken hire, part of the application's write path
// (transitionApplication): the undo window, and what the hire had done —
// the placement and its follow-ups, the offer it filled, the applications
// that fill closed — put back as it was, everyone concerned told.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { notifyCandidate } from "~/models/messages.server";
import { notifyUsers } from "~/models/notifications.server";
import type { Db, Tx } from "~/utils/db.server";
import {
  type ApplicationStatus,
  applicationEvents,
  applications,
  candidateProfiles,
  type offers,
} from "../../../db/schema";
import { type ApplicationAction, applicationLifecycle, isOpen, UNDO_HIRE_HOURS } from "./application";
import { findMove } from "./lifecycle";
import { transitionOffer } from "./offer.server";
import { removeHirePlacement } from "./placement.server";

/** The row of history that made the application `hired` (the latest one). */
export function hireEventOf(db: Db | Tx, applicationId: number) {
  return db
    .select({ fromStatus: applicationEvents.fromStatus, createdAt: applicationEvents.createdAt })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.toStatus, "hired")))
    .orderBy(desc(applicationEvents.id))
    .get();
}

/** Null when the hire may be undone back to `to` (the status it came from) at `now`, else why not. */
export function undoneHireRefusal(
  tx: Db | Tx,
  applicationId: number,
  to: ApplicationStatus,
  now: Date,
): "notAllowed" | "undo_expired" | null {
  const hire = hireEventOf(tx, applicationId);
  if (!hire || hire.fromStatus !== to) return "notAllowed";
  return now.getTime() - hire.createdAt.getTime() < UNDO_HIRE_HOURS * 3600_000 ? null : "undo_expired";
}

type Application = typeof applications.$inferSelect;
type Offer = typeof offers.$inferSelect;

/**
 * What follows the application's own move back: its placement goes, the
 * counsellor following the candidate is told, and if the hire had filled the
 * offer, the offer is published again and the applications its fill closed
 * return to the status they had.
 */
export function undoHireConsequences(
  tx: Tx,
  { application, offer, actorId }: { application: Application; offer: Offer; actorId: number },
) {
  const hire = hireEventOf(tx, application.id)!;
  removeHirePlacement(tx, application.id);
  const counsellor = tx
    .select({ id: candidateProfiles.counsellorId })
    .from(candidateProfiles)
    .where(eq(candidateProfiles.userId, application.candidateId))
    .get()?.id;
  if (counsellor) {
    notifyUsers(tx, [counsellor], {
      kind: "application.hireUndoneForCounsellor",
      payload: { offerId: offer.id, offerTitle: offer.title },
      link: `/conseiller/candidats/${application.candidateId}`,
    });
  }
  const hiredLeft =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(applications)
      .where(and(eq(applications.offerId, offer.id), eq(applications.status, "hired")))
      .get()?.n ?? 0;
  // A manual fill with positions left is the employer's choice: only a fill by the hires is undone.
  if (offer.status !== "filled" || hiredLeft + 1 !== offer.positions) return;
  transitionOffer(tx, {
    offerId: offer.id,
    action: "reopenAfterUndoneHire",
    actor: { userId: actorId, roles: ["employer"] },
  });
  reopenClosedByFill(tx, offer, hire.createdAt, actorId);
}

/** The applications closed by the fill (since the hire) and still closed, back to the status their history names. */
function reopenClosedByFill(tx: Tx, offer: Offer, since: Date, actorId: number) {
  const closed = tx
    .select({
      id: applications.id,
      candidateId: applications.candidateId,
      status: applications.status,
      before: applicationEvents.fromStatus,
    })
    .from(applicationEvents)
    .innerJoin(applications, eq(applications.id, applicationEvents.applicationId))
    .where(
      and(
        eq(applications.offerId, offer.id),
        eq(applications.refusalReason, "position_filled"),
        eq(applicationEvents.note, "position_filled"),
        gte(applicationEvents.createdAt, since),
      ),
    )
    .all();
  const now = new Date();
  for (const row of closed) {
    if (!row.before || !isOpen(row.before)) continue;
    const move = findMove(applicationLifecycle, `reopened_to_${row.before}` as ApplicationAction, row.status, "system");
    if (!move) continue;
    tx.update(applications)
      .set({ status: move.to, refusalReason: null, updatedAt: now })
      .where(eq(applications.id, row.id))
      .run();
    tx.insert(applicationEvents)
      .values({ applicationId: row.id, actorId, fromStatus: row.status, toStatus: move.to, note: "hire_undone" })
      .run();
    notifyCandidate(tx, row.candidateId, {
      kind: move.notify!,
      template: move.notify!,
      payload: { offerId: offer.id, offerTitle: offer.title },
      link: "/candidat/candidatures",
      dedupeKey: `application:${row.id}:reopened:${now.getTime()}`,
    });
  }
}
