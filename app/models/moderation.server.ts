// A counsellor's decisions: verifying employer organisations, publishing or
// rejecting held offers, answering the reports on an offer. The lists they
// decide from are in moderation-queues.server.ts.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { fraudReports, offers } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { findMove } from "./lifecycles/lifecycle";
import { isSuspendedByReports, offerLifecycle } from "./lifecycles/offer";
import { transitionOffer } from "./lifecycles/offer.server";
import { transitionOrganisation } from "./lifecycles/organisation.server";
import { notifyOrganisation } from "./notifications.server";

export type OrganisationDecision = "verify" | "reject" | "suspend";
export type OfferDecision = "publish" | "reject";
export type ReportDecision = "dismiss" | "suspend";

function requireReason(decision: string, reason: string | undefined): string {
  const text = reason?.trim();
  // The form's schema refuses it first; this guards other callers.
  if (!text) throw new Error(`moderation: the decision "${decision}" needs a reason`);
  return text;
}

/**
 * Verifies, rejects (with a reason) or suspends (with a reason) an employer
 * organisation, writes the audit log and tells its members. Null when the
 * organisation does not exist, is not an employer, or was already decided
 * (two counsellors on the same list: the second does not overwrite the first).
 */
export function decideOrganisation(
  db: Db,
  {
    counsellorId,
    orgId,
    decision,
    reason,
    ip,
  }: { counsellorId: number; orgId: number; decision: OrganisationDecision; reason?: string; ip?: string },
) {
  const why = decision === "verify" ? null : requireReason(decision, reason);
  return db.transaction((tx) => {
    const actor = { userId: counsellorId, roles: ["counsellor"] as const };
    const moved = transitionOrganisation(tx, { orgId, action: decision, actor, reason: why, ip });
    return moved.ok ? { status: moved.to } : null;
  });
}

/** The open reports of an offer. */
const openReportsOf = (offerId: number) => and(eq(fraudReports.offerId, offerId), eq(fraudReports.status, "open"));

/** Answers the open reports of an offer. */
function closeOpenReports(tx: Tx, offerId: number, status: "dismissed" | "upheld", counsellorId: number) {
  tx.update(fraudReports)
    .set({ status, decidedBy: counsellorId, decidedAt: new Date() })
    .where(openReportsOf(offerId))
    .run();
}

/** An offer with the number of its open reports; null when it does not exist. */
function findOfferWithReports(tx: Tx, offerId: number) {
  const offer = tx.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer) return null;
  const reports =
    tx.select({ n: sql<number>`count(*)` }).from(fraudReports).where(openReportsOf(offerId)).get()?.n ?? 0;
  return { offer, reports };
}

/** What a counsellor's decision on one offer carries. */
type OfferDecisionInput<Decision> = {
  counsellorId: number;
  offerId: number;
  decision: Decision;
  reason?: string;
  ip?: string;
};

/**
 * Publishes a held offer, or rejects it with a reason. Its open reports are
 * answered by the same decision (dismissed when published, upheld when
 * rejected). Null when the offer does not exist or is no longer pending; an
 * offer of an organisation that is not verified cannot be published.
 */
export function decideOffer(db: Db, input: OfferDecisionInput<OfferDecision>) {
  const { counsellorId, offerId, decision, reason, ip } = input;
  const why = decision === "reject" ? requireReason(decision, reason) : null;
  return db.transaction((tx) => {
    const found = findOfferWithReports(tx, offerId);
    if (!found) return null;
    const { offer, reports } = found;
    const moved = transitionOffer(tx, {
      offerId,
      action: decision,
      actor: { userId: counsellorId, roles: ["counsellor"] },
      reason: why,
      detail: { flags: offer.moderationFlags, ...(reports > 0 ? { reports } : {}), ...(why ? { reason: why } : {}) },
      ip,
    });
    if (!moved.ok) return moved.reason === "orgNotVerified" ? { error: "moderation.orgNotVerified" as const } : null;
    closeOpenReports(tx, offerId, decision === "publish" ? "dismissed" : "upheld", counsellorId);
    return { status: moved.to as "published" | "rejected" };
  });
}

/**
 * Answers the open reports on an offer. Dismissed: the offer is published
 * again if the reports had suspended it. Upheld (`suspend`, with a reason): the
 * offer is taken down (`rejected`, with the reason). Either way the employer is
 * told and the audit log written. Null when the offer has no open report.
 */
export function decideReports(db: Db, input: OfferDecisionInput<ReportDecision>) {
  const { counsellorId, offerId, decision, reason, ip } = input;
  const why = decision === "suspend" ? requireReason(decision, reason) : null;
  return db.transaction((tx) => {
    const found = findOfferWithReports(tx, offerId);
    if (!found || found.reports === 0) return null;
    const { offer, reports } = found;
    // A counsellor had published it before the reports: dismissed, it goes back online as it was.
    const suspendedByReports = isSuspendedByReports(offer.status, offer.moderationFlags);
    const action = decision === "suspend" ? "upholdReports" : suspendedByReports ? "republish" : null;
    let offerStatus = offer.status;
    if (action) {
      const to = findMove(offerLifecycle, action, offer.status, "counsellor")?.to;
      const detail = { reports, from: offer.status, to, ...(why ? { reason: why } : {}) };
      const actor = { userId: counsellorId, roles: ["counsellor"] as const };
      const moved = transitionOffer(tx, { offerId, action, actor, detail, reason: why, ip });
      if (!moved.ok) throw new Error(`decideReports: ${moved.reason}`);
      offerStatus = moved.to;
    } else {
      // Not a status move: the reports alone are answered.
      const detail = { reports, from: offer.status, to: offer.status };
      recordAudit(tx, {
        actorId: counsellorId,
        action: "report.dismissed",
        subjectType: "offer",
        subjectId: offerId,
        detail,
        ip,
      });
      notifyOrganisation(tx, offer.orgId, {
        kind: "moderation.offer.reportsDismissed",
        payload: { offerTitle: offer.title, reason: null },
        link: `/employeur/offres/${offerId}`,
      });
    }
    closeOpenReports(tx, offerId, decision === "dismiss" ? "dismissed" : "upheld", counsellorId);
    return { reports, offerStatus };
  });
}
