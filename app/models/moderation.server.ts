import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { fraudReports, offers, organisations, type VerificationStatus } from "../../db/schema";
import type { Db, Tx } from "../utils/db.server";
import { recordAudit } from "./audit.server";
import { transitionOrganisation } from "./lifecycles/organisation.server";
import { notifyOrganisation } from "./notifications.server";

export type OrganisationDecision = "verify" | "reject" | "suspend";
export type OfferDecision = "publish" | "reject";
export type ReportDecision = "dismiss" | "suspend";

/** How many items of each list the moderation page shows (the headings give the totals). */
export const MODERATION_LIST_LIMIT = 50;
const EXCERPT_LENGTH = 300;

/** Employer organisations waiting for verification, oldest first. */
export function pendingOrganisations(db: Db, limit = MODERATION_LIST_LIMIT) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      rccm: organisations.rccm,
      nif: organisations.nif,
      sector: organisations.sector,
      region: organisations.region,
      commune: organisations.commune,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
      contactEmail: organisations.contactEmail,
      membership: organisations.membership,
      createdAt: organisations.createdAt,
    })
    .from(organisations)
    .where(and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "pending")))
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(limit)
    .all();
}

/** Offers held for a counsellor, with the rules that held them, oldest first. */
export function pendingOffers(db: Db, limit = MODERATION_LIST_LIMIT) {
  return db
    .select({
      id: offers.id,
      title: offers.title,
      // The page shows an excerpt: no need to send 5 000 characters per offer.
      excerpt: sql<string>`substr(${offers.description}, 1, ${EXCERPT_LENGTH})`,
      truncated: sql<boolean>`length(${offers.description}) > ${EXCERPT_LENGTH}`.mapWith(Boolean),
      type: offers.type,
      region: offers.region,
      commune: offers.commune,
      moderationFlags: offers.moderationFlags,
      updatedAt: offers.updatedAt,
      orgId: organisations.id,
      orgName: organisations.name,
      orgStatus: organisations.verificationStatus,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(offers.status, "pending"))
    .orderBy(asc(offers.updatedAt), asc(offers.id))
    .limit(limit)
    .all();
}

/**
 * Offers with open fraud reports, the most reported first, with each report
 * (reason, details, date: never who sent it).
 */
export function openReports(db: Db, limit = MODERATION_LIST_LIMIT) {
  const rows = db
    .select({
      id: fraudReports.id,
      reason: fraudReports.reason,
      details: fraudReports.details,
      createdAt: fraudReports.createdAt,
      offerId: offers.id,
      offerTitle: offers.title,
      offerStatus: offers.status,
      offerFlags: offers.moderationFlags,
      orgId: organisations.id,
      orgName: organisations.name,
    })
    .from(fraudReports)
    .innerJoin(offers, eq(offers.id, fraudReports.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(fraudReports.status, "open"))
    .orderBy(desc(fraudReports.createdAt), desc(fraudReports.id))
    .all();
  type Group = {
    offerId: number;
    offerTitle: string;
    offerStatus: string;
    suspendedByReports: boolean;
    orgId: number;
    orgName: string;
    reports: { id: number; reason: string; details: string | null; createdAt: Date }[];
  };
  const byOffer = new Map<number, Group>();
  for (const row of rows) {
    let group = byOffer.get(row.offerId);
    if (!group) {
      group = {
        offerId: row.offerId,
        offerTitle: row.offerTitle,
        offerStatus: row.offerStatus,
        suspendedByReports: isSuspendedByReports(row.offerStatus, row.offerFlags),
        orgId: row.orgId,
        orgName: row.orgName,
        reports: [],
      };
      byOffer.set(row.offerId, group);
    }
    group.reports.push({ id: row.id, reason: row.reason, details: row.details, createdAt: row.createdAt });
  }
  // Stable sort: equal counts keep the order of their latest report.
  return [...byOffer.values()].sort((a, b) => b.reports.length - a.reports.length).slice(0, limit);
}

/** Reports took it down (reportOffer): a counsellor had published it before. */
const isSuspendedByReports = (status: string, flags: string[]) => status === "pending" && flags.includes("reported");

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
  { counsellorId, orgId, decision, reason, ip }: { counsellorId: number; orgId: number; decision: OrganisationDecision; reason?: string; ip?: string },
) {
  const why = decision === "verify" ? null : requireReason(decision, reason);
  return db.transaction((tx) => {
    const actor = { userId: counsellorId, roles: ["counsellor"] as const };
    const moved = transitionOrganisation(tx, { orgId, action: decision, actor, reason: why, ip });
    return moved.ok ? { status: moved.to } : null;
  });
}

/** Answers the open reports of an offer; gives how many there were. */
function closeOpenReports(tx: Tx, offerId: number, status: "dismissed" | "upheld", counsellorId: number) {
  return tx
    .update(fraudReports)
    .set({ status, decidedBy: counsellorId, decidedAt: new Date() })
    .where(and(eq(fraudReports.offerId, offerId), eq(fraudReports.status, "open")))
    .run().changes;
}

/**
 * Publishes a held offer, or rejects it with a reason. Its open reports are
 * answered by the same decision (dismissed when published, upheld when
 * rejected). Null when the offer does not exist or is no longer pending; an
 * offer of an organisation that is not verified cannot be published.
 */
export function decideOffer(
  db: Db,
  { counsellorId, offerId, decision, reason, ip }: { counsellorId: number; offerId: number; decision: OfferDecision; reason?: string; ip?: string },
) {
  const why = decision === "reject" ? requireReason(decision, reason) : null;
  return db.transaction((tx) => {
    const row = tx
      .select({ offer: offers, orgStatus: organisations.verificationStatus })
      .from(offers)
      .innerJoin(organisations, eq(organisations.id, offers.orgId))
      .where(eq(offers.id, offerId))
      .get();
    if (!row || row.offer.status !== "pending") return null;
    const { offer } = row;
    if (decision === "publish" && row.orgStatus !== "verified") return { error: "moderation.orgNotVerified" as const };
    const now = new Date();
    const status = decision === "publish" ? ("published" as const) : ("rejected" as const);
    tx.update(offers)
      .set(
        decision === "publish"
          ? {
              status,
              publishedAt: offer.publishedAt ?? now,
              rejectionReason: null,
              // The reports and the resubmission are answered: a new report starts a new count.
              moderationFlags: offer.moderationFlags.filter((flag) => flag !== "reported" && flag !== "resubmitted"),
              updatedAt: now,
            }
          : { status, rejectionReason: why, updatedAt: now },
      )
      .where(eq(offers.id, offerId))
      .run();
    const reports = closeOpenReports(tx, offerId, decision === "publish" ? "dismissed" : "upheld", counsellorId);
    recordAudit(tx, {
      actorId: counsellorId,
      action: `offer.${status}`,
      subjectType: "offer",
      subjectId: offerId,
      detail: { flags: offer.moderationFlags, ...(reports > 0 ? { reports } : {}), ...(why ? { reason: why } : {}) },
      ip,
    });
    notifyOrganisation(tx, offer.orgId, {
      kind: `moderation.offer.${status}`,
      payload: { offerTitle: offer.title, reason: why },
      link: `/employeur/offres/${offerId}`,
    });
    return { status };
  });
}

/**
 * Answers the open reports on an offer. Dismissed: the offer is published
 * again if the reports had suspended it. Upheld (`suspend`, with a reason): the
 * offer is taken down (`rejected`, with the reason). Either way the employer is
 * told and the audit log written. Null when the offer has no open report.
 */
export function decideReports(
  db: Db,
  { counsellorId, offerId, decision, reason, ip }: { counsellorId: number; offerId: number; decision: ReportDecision; reason?: string; ip?: string },
) {
  const why = decision === "suspend" ? requireReason(decision, reason) : null;
  return db.transaction((tx) => {
    const offer = tx.select().from(offers).where(eq(offers.id, offerId)).get();
    if (!offer) return null;
    const open = tx
      .select({ id: fraudReports.id })
      .from(fraudReports)
      .where(and(eq(fraudReports.offerId, offerId), eq(fraudReports.status, "open")))
      .all();
    if (open.length === 0) return null;
    tx.update(fraudReports)
      .set({ status: decision === "dismiss" ? "dismissed" : "upheld", decidedBy: counsellorId, decidedAt: new Date() })
      .where(inArray(fraudReports.id, open.map((r) => r.id)))
      .run();

    let offerStatus = offer.status;
    let kind: string;
    if (decision === "suspend") {
      offerStatus = "rejected";
      tx.update(offers).set({ status: offerStatus, rejectionReason: why, updatedAt: new Date() }).where(eq(offers.id, offerId)).run();
      kind = "moderation.offer.suspended";
    } else if (isSuspendedByReports(offer.status, offer.moderationFlags)) {
      // A counsellor had published it before the reports: it goes back online as it was.
      offerStatus = "published";
      tx.update(offers)
        .set({ status: offerStatus, moderationFlags: offer.moderationFlags.filter((f) => f !== "reported" && f !== "resubmitted"), updatedAt: new Date() })
        .where(eq(offers.id, offerId))
        .run();
      kind = "moderation.offer.republished";
    } else {
      kind = "moderation.offer.reportsDismissed";
    }
    recordAudit(tx, {
      actorId: counsellorId,
      action: decision === "dismiss" ? "report.dismissed" : "report.upheld",
      subjectType: "offer",
      subjectId: offerId,
      detail: { reports: open.length, from: offer.status, to: offerStatus, ...(why ? { reason: why } : {}) },
      ip,
    });
    notifyOrganisation(tx, offer.orgId, {
      kind,
      payload: { offerTitle: offer.title, reason: why },
      link: `/employeur/offres/${offerId}`,
    });
    return { reports: open.length, offerStatus };
  });
}

export function moderationCounts(db: Db) {
  const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  const count = sql<number>`count(*)`;
  return {
    organisations: one(db.select({ n: count }).from(organisations).where(and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "pending")))),
    offers: one(db.select({ n: count }).from(offers).where(eq(offers.status, "pending"))),
    reports: one(db.select({ n: count }).from(fraudReports).where(eq(fraudReports.status, "open"))),
    reportedOffers: one(db.select({ n: sql<number>`count(DISTINCT ${fraudReports.offerId})` }).from(fraudReports).where(eq(fraudReports.status, "open"))),
  };
}
