// What waits for a counsellor on the moderation page: organisations to verify,
// changes of identity, offers held by the risk rules or by reports. Each queue is
// read oldest first, 25 a page, filtered by age and by what it is about.
import { and, asc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { FRAUD_REASONS, OfferType } from "../../db/enums";
import { fraudReports, offers, organisations } from "../../db/schema";
import { pendingIdentityRequestCount, pendingIdentityRequests } from "./identity-requests.server";
import { isSuspendedByReports } from "./lifecycles/offer";
import { pageOf } from "./name-search.server";
import type { RiskRuleCode } from "./offer-rules";

export const MODERATION_PAGE_SIZE = 25;
const EXCERPT_LENGTH = 300;

/** Filters every queue has: waited at least `age` days (as of `now`), which page. */
type QueueFilters = { age?: number; page?: number; now?: number };
export type OrganisationQueueFilters = QueueFilters & { region?: string };
export type OfferQueueFilters = QueueFilters & { type?: OfferType; flag?: RiskRuleCode; region?: string };
export type ReportQueueFilters = QueueFilters & { reason?: (typeof FRAUD_REASONS)[number] };

/** The moment an item must have waited since to be `age` days old, if the filter is set. */
const waitedSince = ({ age, now = Date.now() }: QueueFilters) => (age ? new Date(now - age * DAY_MS) : undefined);

/** One page of a queue: the page asked for, or the last one when it is past the end. */
function paged<T>(total: number, filters: QueueFilters, rows: (limit: number, offset: number) => T[]) {
  const { page, pageCount } = pageOf(filters.page, total, MODERATION_PAGE_SIZE);
  const items = total > 0 ? rows(MODERATION_PAGE_SIZE, (page - 1) * MODERATION_PAGE_SIZE) : [];
  return { items, total, page, pageCount };
}

const count = sql<number>`count(*)`;
const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;

const pendingEmployer = and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "pending"));

/** Employer organisations waiting for verification, oldest first. */
export function pendingOrganisations(db: Db, filters: OrganisationQueueFilters = {}) {
  const since = waitedSince(filters);
  const where = and(
    pendingEmployer,
    filters.region ? eq(organisations.region, filters.region) : undefined,
    since ? lte(organisations.createdAt, since) : undefined,
  );
  const total = one(db.select({ n: count }).from(organisations).where(where));
  return paged(total, filters, (limit, offset) =>
    db
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
      .where(where)
      .orderBy(asc(organisations.createdAt), asc(organisations.id))
      .limit(limit)
      .offset(offset)
      .all(),
  );
}

/** Verified organisations' requests to change their name, RCCM or NIF, oldest first. */
export function pendingIdentityChanges(db: Db, filters: QueueFilters = {}) {
  const askedBefore = waitedSince(filters);
  const total = pendingIdentityRequestCount(db, askedBefore);
  return paged(total, filters, (limit, offset) => pendingIdentityRequests(db, { limit, offset, askedBefore }));
}

/** Offers held for a counsellor, with the rules that held them, oldest first. */
export function pendingOffers(db: Db, filters: OfferQueueFilters = {}) {
  const since = waitedSince(filters);
  const where = and(
    eq(offers.status, "pending"),
    filters.type ? eq(offers.type, filters.type) : undefined,
    filters.region ? eq(offers.region, filters.region) : undefined,
    filters.flag
      ? sql`EXISTS (SELECT 1 FROM json_each(${offers.moderationFlags}) WHERE value = ${filters.flag})`
      : undefined,
    since ? lte(offers.updatedAt, since) : undefined,
  );
  const total = one(db.select({ n: count }).from(offers).where(where));
  return paged(total, filters, (limit, offset) =>
    db
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
      .where(where)
      .orderBy(asc(offers.updatedAt), asc(offers.id))
      .limit(limit)
      .offset(offset)
      .all(),
  );
}

/**
 * Offers with open fraud reports, the one reported first at the top, each with
 * its open reports (reason, details, date: never who sent it). The reason filter
 * keeps the offers with at least one open report of that reason.
 */
export function openReports(db: Db, filters: ReportQueueFilters = {}) {
  const since = waitedSince(filters);
  const open = eq(fraudReports.status, "open");
  const withReason: SQL | undefined = filters.reason
    ? inArray(
        fraudReports.offerId,
        db
          .select({ id: fraudReports.offerId })
          .from(fraudReports)
          .where(and(open, eq(fraudReports.reason, filters.reason))),
      )
    : undefined;
  const firstReport = sql<Date>`min(${fraudReports.createdAt})`;
  const groups = db
    .select({ offerId: fraudReports.offerId, first: firstReport })
    .from(fraudReports)
    .where(and(open, withReason))
    .groupBy(fraudReports.offerId)
    .having(since ? sql`${firstReport} <= ${since.getTime()}` : undefined)
    .$dynamic();
  const total = one(db.select({ n: count }).from(groups.as("reported")));
  return paged(total, filters, (limit, offset) => {
    const page = groups
      .orderBy(asc(firstReport), asc(fraudReports.offerId))
      .limit(limit)
      .offset(offset)
      .all()
      .map((g) => g.offerId);
    return reportGroups(db, page);
  });
}

/** The offers of `offerIds` (in that order) with their open reports, the latest first. */
function reportGroups(db: Db, offerIds: number[]) {
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
    .where(and(eq(fraudReports.status, "open"), inArray(fraudReports.offerId, offerIds)))
    .orderBy(sql`${fraudReports.createdAt} DESC`, sql`${fraudReports.id} DESC`)
    .all();
  return offerIds.flatMap((offerId) => {
    const reports = rows.filter((r) => r.offerId === offerId);
    const first = reports[0];
    if (!first) return [];
    return [
      {
        offerId,
        offerTitle: first.offerTitle,
        offerStatus: first.offerStatus,
        suspendedByReports: isSuspendedByReports(first.offerStatus, first.offerFlags),
        orgId: first.orgId,
        orgName: first.orgName,
        reports: reports.map((r) => ({ id: r.id, reason: r.reason, details: r.details, createdAt: r.createdAt })),
      },
    ];
  });
}

/** How many items wait in each queue (reports: the reported offers, as the queue lists them; and the reports). */
export function moderationCounts(db: Db) {
  const openReport = eq(fraudReports.status, "open");
  return {
    organisations: one(db.select({ n: count }).from(organisations).where(pendingEmployer)),
    identity: pendingIdentityRequestCount(db),
    offers: one(db.select({ n: count }).from(offers).where(eq(offers.status, "pending"))),
    reports: one(db.select({ n: count }).from(fraudReports).where(openReport)),
    reportedOffers: one(
      db
        .select({ n: sql<number>`count(DISTINCT ${fraudReports.offerId})` })
        .from(fraudReports)
        .where(openReport),
    ),
  };
}
