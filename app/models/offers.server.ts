// Offers as everyone sees them: which are open, the counts and listings of
// the home and search pages, one offer's page; and the daily expiry. An
// organisation's own offers, as its employers change them, are in
// employer-offers.server.ts.
import { and, desc, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { type Contract, OFFER_TYPES, type OfferType, offers, organisations } from "../../db/schema";
import { publicDataVersion } from "./data-version.server";
import { expireOffersPastClosing } from "./lifecycles/offer.server";
import { isOrgMember } from "./organisations.server";

/**
 * An offer anyone can see and apply to: published by a verified organisation,
 * and its closing date not passed (it stops showing the day after, with no job).
 */
export const isOpenOffer = (today = isoToday()) =>
  and(eq(offers.status, "published"), gte(offers.closingDate, today), eq(organisations.verificationStatus, "verified"));

export function openOfferCounts(db: Db, today = isoToday()): Record<OfferType, number> {
  // Read from the covering index offers_open_idx alone; the few verified
  // organisations are one small set, not a join per offer.
  const rows = db
    .select({ type: offers.type, n: sql<number>`count(*)` })
    .from(offers)
    .where(
      and(
        eq(offers.status, "published"),
        gte(offers.closingDate, today),
        sql`${offers.orgId} IN (SELECT id FROM organisations WHERE verification_status = 'verified')`,
      ),
    )
    .groupBy(offers.type)
    .all();
  const counts = Object.fromEntries(OFFER_TYPES.map((type) => [type, 0])) as Record<OfferType, number>;
  for (const row of rows) counts[row.type] = row.n;
  return counts;
}

const recentCounts = new WeakMap<
  Db,
  { day: string; version: number; until: number; counts: Record<OfferType, number> }
>();

/**
 * openOfferCounts as the home page shows them to every visitor: counted again at most
 * once a minute (and each new day, and after any offer or organisation changed), since
 * counting 60 000 open offers takes about 14 ms and a cached home page must not show
 * counts older than its newest offer.
 */
export function recentOpenOfferCounts(db: Db, now = Date.now(), today = isoToday()): Record<OfferType, number> {
  const kept = recentCounts.get(db);
  const version = publicDataVersion(db);
  if (kept && kept.day === today && kept.version === version && now < kept.until) return kept.counts;
  const counts = openOfferCounts(db, today);
  recentCounts.set(db, { day: today, version, until: now + 60_000, counts });
  return counts;
}

export function verifiedEmployerCount(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(organisations)
      .where(and(eq(organisations.kind, "employer"), eq(organisations.verificationStatus, "verified")))
      .get()?.n ?? 0
  );
}

export const offerSummaryColumns = {
  id: offers.id,
  title: offers.title,
  type: offers.type,
  region: offers.region,
  commune: offers.commune,
  contract: offers.contract,
  payAmount: offers.payAmount,
  payPeriod: offers.payPeriod,
  closingDate: offers.closingDate,
  publishedAt: offers.publishedAt,
  orgId: offers.orgId,
  orgName: organisations.name,
};

export type ListingFilters = { type?: OfferType; region?: string; sector?: string; contract?: Contract };

/** Open offers with these filters, offers joined to their organisation (CROSS JOIN, offers first). */
export function openOfferWhere(filters: ListingFilters, today = isoToday()) {
  return and(
    eq(organisations.id, offers.orgId),
    isOpenOffer(today),
    filters.type ? eq(offers.type, filters.type) : undefined,
    filters.region ? eq(offers.region, filters.region) : undefined,
    filters.sector ? eq(offers.sector, filters.sector) : undefined,
    filters.contract ? eq(offers.contract, filters.contract) : undefined,
  );
}

// Open offers read along offers_listing_idx: the closing date and the filters are in the index, so
// SQLite checks them without reading a row. Left to choose, at 100 000 offers it took offers_open_idx
// and read every open offer (90 ms to list the newest 20, 100 ms to count a region with none).
const openOffersListed = (filters: ListingFilters, today: string) =>
  sql`FROM ${offers} INDEXED BY offers_listing_idx CROSS JOIN ${organisations} WHERE ${openOfferWhere(filters, today)}`;

/** Ids of open offers, newest first, one page of them: walked from the newest, stopping after the page. */
export function newestOpenOfferIds(
  db: Db,
  filters: ListingFilters,
  limit: number,
  offset = 0,
  today = isoToday(),
): number[] {
  return db
    .all<{ id: number }>(
      sql`SELECT ${offers.id} AS id ${openOffersListed(filters, today)}
          ORDER BY ${offers.publishedAt} DESC, ${offers.id} DESC LIMIT ${limit} OFFSET ${offset}`,
    )
    .map((row) => row.id);
}

/** How many open offers there are with these filters, counting no further than `cap`. */
export function countOpenOffers(db: Db, filters: ListingFilters, cap: number, today = isoToday()): number {
  return db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 ${openOffersListed(filters, today)} LIMIT ${cap})`,
  )!.n;
}

/** Rows of `read` for these ids, in the order of the ids. */
export function inIdOrder<T extends { id: number }>(ids: number[], read: (ids: number[]) => T[]): T[] {
  if (ids.length === 0) return [];
  const byId = new Map(read(ids).map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}

export function latestOpenOffers(db: Db, limit = 6, orgId?: number) {
  const summaries = (where: SQL | undefined) =>
    db.select(offerSummaryColumns).from(offers).crossJoin(organisations).where(where);
  if (orgId === undefined) {
    return inIdOrder(newestOpenOfferIds(db, {}, limit), (ids) =>
      summaries(and(inArray(offers.id, ids), eq(organisations.id, offers.orgId))).all(),
    );
  }
  // One organisation's offers: few, found along offers_org_status_idx.
  return summaries(and(eq(organisations.id, offers.orgId), isOpenOffer(), eq(offers.orgId, orgId)))
    .orderBy(desc(offers.publishedAt), desc(offers.id))
    .limit(limit)
    .all();
}

export type OfferSummary = ReturnType<typeof latestOpenOffers>[number];

export type Viewer = { id: number; role: string } | null;

/**
 * An offer as its page shows it. Open offers are public; any other (draft,
 * pending, closed, expired ...) only to its organisation's members and to
 * counsellors and admins. Everyone else gets null (a 404, not a 403: an
 * unpublished offer's existence is not revealed).
 */
export function getOfferForViewer(db: Db, offerId: number, viewer: Viewer) {
  const row = db
    .select({
      offer: offers,
      org: {
        id: organisations.id,
        name: organisations.name,
        verificationStatus: organisations.verificationStatus,
        region: organisations.region,
        commune: organisations.commune,
        sector: organisations.sector,
      },
      isOpen: sql<number>`${isOpenOffer()}`,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(offers.id, offerId))
    .get();
  if (!row) return null;
  const isOpen = Boolean(row.isOpen);
  if (isOpen) return { ...row, isOpen };
  const privileged =
    viewer !== null &&
    (viewer.role === "conseiller" || viewer.role === "admin" || isOrgMember(db, viewer.id, row.offer.orgId));
  return privileged ? { ...row, isOpen } : null;
}

/**
 * Marks `expired` the published offers whose closing date has passed (`npm run
 * jobs`). Pages already hide them from the day after; this keeps statuses true.
 * Their applications stay open: the closing date ends applying, not hiring.
 */
export function expireOffers(db: Db, today = isoToday()) {
  return expireOffersPastClosing(db, today);
}
