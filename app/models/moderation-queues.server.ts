// What waits for a counsellor on the moderation page: organisations to verify,
// offers held by the risk rules or by reports, and the counts of each list.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { fraudReports, offers, organisations } from "../../db/schema";
import { isSuspendedByReports } from "./lifecycles/offer";

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

export function moderationCounts(db: Db) {
  const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  const count = sql<number>`count(*)`;
  return {
    organisations: one(
      db
        .select({ n: count })
        .from(organisations)
        .where(and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "pending"))),
    ),
    offers: one(db.select({ n: count }).from(offers).where(eq(offers.status, "pending"))),
    reports: one(db.select({ n: count }).from(fraudReports).where(eq(fraudReports.status, "open"))),
    reportedOffers: one(
      db
        .select({ n: sql<number>`count(DISTINCT ${fraudReports.offerId})` })
        .from(fraudReports)
        .where(eq(fraudReports.status, "open")),
    ),
  };
}
