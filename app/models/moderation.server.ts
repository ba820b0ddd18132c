import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { fraudReports, offers, organisations } from "../../db/schema";
import type { Db } from "../utils/db.server";
import { recordAudit } from "./audit.server";
import { notifyOrganisation } from "./notifications.server";

export type OrganisationDecision = "verify" | "reject" | "suspend";
export type OfferDecision = "publish" | "reject";
export type ReportDecision = "dismiss" | "suspend";

/** Employer organisations waiting for verification, oldest first. */
export function pendingOrganisations(db: Db) {
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
    .all();
}

/** Offers held for a counsellor, with the rules that held them, oldest first. */
export function pendingOffers(db: Db) {
  return db
    .select({
      id: offers.id,
      title: offers.title,
      description: offers.description,
      type: offers.type,
      region: offers.region,
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
    .all();
}

/** Offers with open fraud reports, the most reported first, with each report. */
export function openReports(db: Db) {
  const rows = db
    .select({
      id: fraudReports.id,
      reason: fraudReports.reason,
      details: fraudReports.details,
      createdAt: fraudReports.createdAt,
      offerId: offers.id,
      offerTitle: offers.title,
      offerStatus: offers.status,
      orgName: organisations.name,
    })
    .from(fraudReports)
    .innerJoin(offers, eq(offers.id, fraudReports.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(fraudReports.status, "open"))
    .orderBy(desc(fraudReports.createdAt))
    .all();
  const byOffer = new Map<number, { offerId: number; offerTitle: string; offerStatus: string; orgName: string; reports: typeof rows }>();
  for (const row of rows) {
    const group = byOffer.get(row.offerId) ?? { offerId: row.offerId, offerTitle: row.offerTitle, offerStatus: row.offerStatus, orgName: row.orgName, reports: [] };
    group.reports.push(row);
    byOffer.set(row.offerId, group);
  }
  return [...byOffer.values()].sort((a, b) => b.reports.length - a.reports.length);
}

const ORG_STATUS: Record<OrganisationDecision, "verified" | "rejected" | "suspended"> = {
  verify: "verified",
  reject: "rejected",
  suspend: "suspended",
};

/** Verifies, rejects (with a reason) or suspends an employer organisation. */
export function decideOrganisation(
  db: Db,
  { counsellorId, orgId, decision, reason, ip }: { counsellorId: number; orgId: number; decision: OrganisationDecision; reason?: string; ip?: string },
) {
  const org = db.select().from(organisations).where(and(eq(organisations.id, orgId), eq(organisations.kind, "employer"))).get();
  if (!org) return null;
  const status = ORG_STATUS[decision];
  db.transaction((tx) => {
    tx.update(organisations)
      .set({
        verificationStatus: status,
        verificationReason: decision === "verify" ? null : (reason ?? null),
        verifiedAt: decision === "verify" ? new Date() : org.verifiedAt,
        verifiedBy: counsellorId,
        updatedAt: new Date(),
      })
      .where(eq(organisations.id, orgId))
      .run();
    recordAudit(tx, { actorId: counsellorId, action: `organisation.${status}`, subjectType: "organisation", subjectId: orgId, detail: reason ? { reason } : undefined, ip });
    notifyOrganisation(tx, orgId, { kind: `moderation.organisation.${status}`, payload: { orgName: org.name, reason: reason ?? null }, link: "/employeur/organisation" });
  });
  return { status };
}

/** Publishes a held offer, or rejects it with a reason. */
export function decideOffer(
  db: Db,
  { counsellorId, offerId, decision, reason, ip }: { counsellorId: number; offerId: number; decision: OfferDecision; reason?: string; ip?: string },
) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer || offer.status !== "pending") return null;
  const org = db.select().from(organisations).where(eq(organisations.id, offer.orgId)).get()!;
  if (decision === "publish" && org.verificationStatus !== "verified") return { error: "moderation.orgNotVerified" as const };
  db.transaction((tx) => {
    tx.update(offers)
      .set(
        decision === "publish"
          ? { status: "published", publishedAt: offer.publishedAt ?? new Date(), rejectionReason: null, updatedAt: new Date() }
          : { status: "rejected", rejectionReason: reason ?? null, updatedAt: new Date() },
      )
      .where(eq(offers.id, offerId))
      .run();
    if (decision === "publish") {
      // Publishing again after a suspension answers the open reports too.
      tx.update(fraudReports)
        .set({ status: "dismissed", decidedBy: counsellorId, decidedAt: new Date() })
        .where(and(eq(fraudReports.offerId, offerId), eq(fraudReports.status, "open")))
        .run();
    }
    recordAudit(tx, { actorId: counsellorId, action: decision === "publish" ? "offer.published" : "offer.rejected", subjectType: "offer", subjectId: offerId, detail: reason ? { reason } : undefined, ip });
    notifyOrganisation(tx, offer.orgId, {
      kind: decision === "publish" ? "moderation.offer.published" : "moderation.offer.rejected",
      payload: { offerTitle: offer.title, reason: reason ?? null },
      link: `/employeur/offres/${offerId}`,
    });
  });
  return { status: decision === "publish" ? "published" : "rejected" };
}

/**
 * Answers the open reports on an offer: dismissed (the offer is published again
 * if the reports had suspended it), or upheld, which takes the offer down
 * (`rejected`, with the reason) and tells the employer.
 */
export function decideReports(
  db: Db,
  { counsellorId, offerId, decision, reason, ip }: { counsellorId: number; offerId: number; decision: ReportDecision; reason?: string; ip?: string },
) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer) return null;
  const open = db.select({ id: fraudReports.id }).from(fraudReports).where(and(eq(fraudReports.offerId, offerId), eq(fraudReports.status, "open"))).all();
  if (open.length === 0) return null;
  const suspendedByReports = offer.status === "pending" && offer.moderationFlags.includes("reported");
  db.transaction((tx) => {
    tx.update(fraudReports)
      .set({ status: decision === "dismiss" ? "dismissed" : "upheld", decidedBy: counsellorId, decidedAt: new Date() })
      .where(inArray(fraudReports.id, open.map((r) => r.id)))
      .run();
    if (decision === "suspend") {
      tx.update(offers).set({ status: "rejected", rejectionReason: reason ?? null, updatedAt: new Date() }).where(eq(offers.id, offerId)).run();
      notifyOrganisation(tx, offer.orgId, { kind: "moderation.offer.suspended", payload: { offerTitle: offer.title, reason: reason ?? null }, link: `/employeur/offres/${offerId}` });
    } else if (suspendedByReports) {
      const flags = offer.moderationFlags.filter((flag) => flag !== "reported");
      tx.update(offers)
        .set(flags.length === 0 ? { status: "published", moderationFlags: flags, updatedAt: new Date() } : { moderationFlags: flags })
        .where(eq(offers.id, offerId))
        .run();
    }
    recordAudit(tx, { actorId: counsellorId, action: decision === "dismiss" ? "report.dismissed" : "report.upheld", subjectType: "offer", subjectId: offerId, detail: { reports: open.length, ...(reason ? { reason } : {}) }, ip });
  });
  return { reports: open.length };
}

export function moderationCounts(db: Db) {
  const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  const count = sql<number>`count(*)`;
  return {
    organisations: one(db.select({ n: count }).from(organisations).where(and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "pending")))),
    offers: one(db.select({ n: count }).from(offers).where(eq(offers.status, "pending"))),
    reports: one(db.select({ n: count }).from(fraudReports).where(eq(fraudReports.status, "open"))),
  };
}
