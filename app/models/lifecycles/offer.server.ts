// The one write path of offers: every status move goes through transitionOffer,
// which checks the table of lifecycles/offer.ts, writes the status with the
// columns that go with it, the audit row and the notification. Other changes
// of an offer's row (its content) go through updateOfferFields, which cannot
// touch the status.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { notifyOrganisation } from "~/models/notifications.server";
import { ensureShortCode } from "~/models/offer-codes.server";
import { applicantAccess, isOrgMember } from "~/models/organisations.server";
import type { Db, Tx } from "~/utils/db.server";
import { applications, type OfferStatus, offers, organisations, type VerificationStatus } from "../../../db/schema";
import { findMove, type LifecycleRole, type MoveResult, statusesAllowing } from "./lifecycle";
import { isSuspendedByReports, NO_AUDIT, type OfferAction, offerLifecycle, withoutAnsweredFlags } from "./offer";

/** Who moves the offer: `employer` is made `owner` when a member of the offer's organisation. */
export type OfferActor = { userId: number | null; roles: readonly LifecycleRole[] };

export type OfferMove = {
  offerId: number;
  action: OfferAction;
  actor: OfferActor;
  /** The moderation flags a save gives the offer (its risk rules' codes). */
  flags?: string[];
  /** A counsellor's reason: the rejection reason, and told to the organisation. */
  reason?: string | null;
  /** The audit row's detail, as each caller has always written it. */
  detail?: Record<string, unknown>;
  ip?: string;
  /** When the move happens (a report's time); now by default. */
  at?: Date;
};

type Offer = typeof offers.$inferSelect;
type OfferRow = { offer: Offer; orgStatus: VerificationStatus };

const hiredCount = (tx: Db | Tx, offerId: number) =>
  tx
    .select({ n: sql<number>`count(*)` })
    .from(applications)
    .where(and(eq(applications.offerId, offerId), eq(applications.status, "hired")))
    .get()?.n ?? 0;

/** Null when the guard holds, else the reason the move is refused. */
function guardRefusal(tx: Db | Tx, guard: string | undefined, row: OfferRow, actor: OfferActor): string | null {
  const { offer, orgStatus } = row;
  switch (guard) {
    case undefined:
      return null;
    // Reports took it down: only a counsellor's decision brings it back.
    case "notReported":
      return offer.moderationFlags.includes("reported") ? "underReview" : null;
    case "orgVerified":
      return orgStatus === "verified" ? null : "orgNotVerified";
    case "publishable":
      return guardRefusal(tx, "notReported", row, actor) ?? guardRefusal(tx, "orgVerified", row, actor);
    // A suspended or rejected organisation's applications wait for a counsellor.
    case "applicantsNotWithheld":
      return actor.userId !== null && applicantAccess(tx, actor.userId, offer.orgId)?.withheld ? "withheld" : null;
    case "suspendedByReports":
      return isSuspendedByReports(offer.status, offer.moderationFlags) ? null : "notSuspendedByReports";
    // Fewer hires than positions: the undone hire freed one.
    case "positionLeft":
      return hiredCount(tx, offer.id) < offer.positions ? null : "positionsFull";
    default:
      throw new Error(`offer lifecycle: unknown guard ${guard}`);
  }
}

/** The columns a move writes besides the status. */
function columnsOf(move: OfferMove, offer: Offer, now: Date) {
  switch (move.action) {
    case "saveDraft":
    case "submitForReview":
      return { moderationFlags: move.flags ?? [], rejectionReason: null };
    case "submit":
      return { moderationFlags: move.flags ?? [], rejectionReason: null, publishedAt: offer.publishedAt ?? now };
    case "close":
    case "fill":
    case "fillByHire":
    case "expire":
      return { closedAt: now };
    case "reopenAfterUndoneHire":
      return { closedAt: null };
    case "suspendByReports":
      return { moderationFlags: [...new Set([...offer.moderationFlags, "reported"])] };
    // The reports and the resubmission are answered: a new report starts a new count.
    case "publish":
      return {
        publishedAt: offer.publishedAt ?? now,
        rejectionReason: null,
        moderationFlags: withoutAnsweredFlags(offer.moderationFlags),
      };
    case "republish":
      return { moderationFlags: withoutAnsweredFlags(offer.moderationFlags) };
    case "reject":
    case "upholdReports":
      return { rejectionReason: move.reason ?? null };
  }
}

/**
 * Moves an offer along its lifecycle: refused when the actor may not make this
 * move from the offer's status (`notAllowed`) or the move's guard does not hold
 * (its reason); else writes the status, the audit row and the notification.
 */
export function transitionOffer(tx: Db | Tx, move: OfferMove): MoveResult<OfferStatus> {
  const row = tx
    .select({ offer: offers, orgStatus: organisations.verificationStatus })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(offers.id, move.offerId))
    .get();
  if (!row) return { ok: false, reason: "notFound" };
  const { offer } = row;
  const { actor } = move;
  const isOwner =
    actor.userId !== null && actor.roles.includes("employer") && isOrgMember(tx, actor.userId, offer.orgId);
  const roles: LifecycleRole[] = isOwner ? [...actor.roles, "owner"] : [...actor.roles];
  const step = findMove(offerLifecycle, move.action, offer.status, roles);
  if (!step) return { ok: false, reason: "notAllowed" };
  const refusal = guardRefusal(tx, step.guard, row, actor);
  if (refusal) return { ok: false, reason: refusal };

  const now = move.at ?? new Date();
  tx.update(offers)
    .set({ status: step.to, ...columnsOf(move, offer, now), updatedAt: now })
    .where(eq(offers.id, offer.id))
    .run();
  if (step.to === "published") ensureShortCode(tx, offer.id);
  if (step.audit !== NO_AUDIT) {
    recordAudit(tx, {
      actorId: actor.userId,
      action: step.audit,
      subjectType: "offer",
      subjectId: offer.id,
      detail: move.detail,
      ip: move.ip,
    });
  }
  if (step.notify) {
    notifyOrganisation(tx, offer.orgId, {
      kind: step.notify,
      // A counsellor's decision tells its reason (null when none); a report tells nothing more.
      payload: { offerTitle: offer.title, ...(move.reason === undefined ? {} : { reason: move.reason }) },
      link: `/employeur/offres/${offer.id}`,
    });
  }
  return { ok: true, from: offer.status, to: step.to };
}

type LifecycleColumns = "status" | "moderationFlags" | "rejectionReason" | "publishedAt" | "closedAt";
/** An offer's own content: never the status nor the columns that go with it. */
type NewOfferFields = Omit<
  typeof offers.$inferInsert,
  "id" | "orgId" | "createdBy" | "createdAt" | "shortCode" | LifecycleColumns
>;
export type OfferFields = Partial<NewOfferFields>;

export function updateOfferFields(tx: Db | Tx, offerId: number, fields: OfferFields) {
  tx.update(offers).set(fields).where(eq(offers.id, offerId)).run();
}

/**
 * A new offer of the organisation, in the status its first save gives it
 * (see saveOffer: a draft's saveDraft, submit or submitForReview); its id.
 */
export function insertOffer(
  tx: Db | Tx,
  {
    orgId,
    createdBy,
    fields,
    status,
    flags,
  }: {
    orgId: number;
    createdBy: number;
    fields: NewOfferFields;
    status: OfferStatus;
    flags: string[];
  },
): number {
  const now = new Date();
  const id = tx
    .insert(offers)
    .values({
      ...fields,
      orgId,
      createdBy,
      status,
      moderationFlags: flags,
      rejectionReason: null,
      updatedAt: now,
      publishedAt: status === "published" ? now : null,
    })
    .returning({ id: offers.id })
    .get().id;
  if (status === "published") ensureShortCode(tx, id);
  return id;
}

/**
 * The daily chore: offers whose closing date has passed become `expired`, in
 * one statement and with no audit row or notification, as the table says.
 */
export function expireOffersPastClosing(db: Db | Tx, today: string): number {
  const expire = offerLifecycle.moves.find((move) => move.action === "expire")!;
  const now = new Date();
  return db
    .update(offers)
    .set({ status: expire.to, closedAt: now, updatedAt: now })
    .where(and(inArray(offers.status, statusesAllowing(offerLifecycle, "expire")), lt(offers.closingDate, today)))
    .run().changes;
}
