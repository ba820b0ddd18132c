import { and, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import {
  offers,
  OFFER_TYPES,
  organisations,
  type Contract,
  type OfferStatus,
  type OfferType,
} from "../../db/schema";
import type { OfferInput, OfferIntent } from "../schemas/offer";
import { isoToday } from "../utils/dates";
import type { Db, Tx } from "../utils/db.server";
import type { FieldErrors } from "../utils/forms";
import { recordAudit } from "./audit.server";
import { closeOpenApplications } from "./lifecycles/application.server";
import { checkOfferRules, riskFlags } from "./offer-rules";
import { applicantAccess, getEmployerMembership, isOrgMember } from "./organisations.server";

/**
 * An offer anyone can see and apply to: published by a verified organisation,
 * and its closing date not passed (it stops showing the day after, with no job).
 */
export const isOpenOffer = (today = isoToday()) =>
  and(
    eq(offers.status, "published"),
    gte(offers.closingDate, today),
    eq(organisations.verificationStatus, "verified"),
  );

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

const recentCounts = new WeakMap<Db, { day: string; until: number; counts: Record<OfferType, number> }>();

/**
 * openOfferCounts as the home page shows them to every visitor: counted again
 * at most once a minute (and each new day), since counting 60 000 open offers
 * takes about 14 ms and the figures need not be newer than a minute.
 */
export function recentOpenOfferCounts(db: Db, now = Date.now(), today = isoToday()): Record<OfferType, number> {
  const kept = recentCounts.get(db);
  if (kept && kept.day === today && now < kept.until) return kept.counts;
  const counts = openOfferCounts(db, today);
  recentCounts.set(db, { day: today, until: now + 60_000, counts });
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
export function newestOpenOfferIds(db: Db, filters: ListingFilters, limit: number, offset = 0, today = isoToday()): number[] {
  return db
    .all<{ id: number }>(
      sql`SELECT ${offers.id} AS id ${openOffersListed(filters, today)}
          ORDER BY ${offers.publishedAt} DESC, ${offers.id} DESC LIMIT ${limit} OFFSET ${offset}`,
    )
    .map((row) => row.id);
}

/** How many open offers there are with these filters, counting no further than `cap`. */
export function countOpenOffers(db: Db, filters: ListingFilters, cap: number, today = isoToday()): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 ${openOffersListed(filters, today)} LIMIT ${cap})`)!.n;
}

/** Rows of `read` for these ids, in the order of the ids. */
export function inIdOrder<T extends { id: number }>(ids: number[], read: (ids: number[]) => T[]): T[] {
  if (ids.length === 0) return [];
  const byId = new Map(read(ids).map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}

export function latestOpenOffers(db: Db, limit = 6, orgId?: number) {
  const summaries = (where: SQL | undefined) => db.select(offerSummaryColumns).from(offers).crossJoin(organisations).where(where);
  if (orgId === undefined) {
    return inIdOrder(newestOpenOfferIds(db, {}, limit), (ids) => summaries(and(inArray(offers.id, ids), eq(organisations.id, offers.orgId))).all());
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

/** An offer of the employer's own organisation, or null (never another organisation's). */
export function findOfferOfMember(db: Db | Tx, userId: number, offerId: number) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer || !isOrgMember(db, userId, offer.orgId)) return null;
  return offer;
}

export function listOffersOfOrg(db: Db, orgId: number, status?: OfferStatus) {
  return db
    .select({
      id: offers.id,
      title: offers.title,
      type: offers.type,
      status: offers.status,
      closingDate: offers.closingDate,
      publishedAt: offers.publishedAt,
      createdAt: offers.createdAt,
      positions: offers.positions,
      applicants: sql<number>`(SELECT count(*) FROM applications a WHERE a.offer_id = "offers"."id")`,
      waiting: sql<number>`(SELECT count(*) FROM applications a WHERE a.offer_id = "offers"."id" AND a.status = 'submitted')`,
    })
    .from(offers)
    .where(and(eq(offers.orgId, orgId), status ? eq(offers.status, status) : undefined))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .all();
}

export type SaveOfferResult =
  | { ok: true; offerId: number; status: OfferStatus; flags: string[] }
  | { ok: false; fieldErrors: FieldErrors; formError?: string };

function publishedCountOfOrg(db: Db | Tx, orgId: number, exceptOfferId?: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(offers)
      .where(
        and(
          eq(offers.orgId, orgId),
          sql`${offers.publishedAt} IS NOT NULL`,
          exceptOfferId === undefined ? undefined : ne(offers.id, exceptOfferId),
        ),
      )
      .get()?.n ?? 0
  );
}

/**
 * Where a submitted offer goes: a verified organisation's offer is published at
 * once unless a risk rule holds it for a counsellor (`pending`, with the rules'
 * codes). An unverified organisation cannot submit.
 */
function statusOnSubmit(db: Db | Tx, orgId: number, input: OfferInput, offerId?: number) {
  const flags = riskFlags({
    text: `${input.title}\n${input.description}`,
    publishedOffersOfOrg: publishedCountOfOrg(db, orgId, offerId),
  });
  return { status: (flags.length > 0 ? "pending" : "published") as OfferStatus, flags };
}

/**
 * Creates or updates an offer of the employer's organisation. `draft` saves it
 * as a draft whatever its content's risks; `submit` checks every rule, then
 * publishes it or holds it for moderation. Editing a published offer runs the
 * risk rules again (but not "first offer").
 */
export function saveOffer(
  db: Db,
  { userId, offerId, input, intent, today = isoToday() }: {
    userId: number;
    offerId?: number;
    input: OfferInput;
    intent: OfferIntent;
    today?: string;
  },
): SaveOfferResult | null {
  const membership = getEmployerMembership(db, userId);
  if (!membership) return null;
  const existing = offerId === undefined ? undefined : findOfferOfMember(db, userId, offerId);
  if (offerId !== undefined && !existing) return null;
  const orgId = existing?.orgId ?? membership.org.id;

  if (existing && !["draft", "pending", "published", "rejected"].includes(existing.status)) {
    return { ok: false, fieldErrors: {}, formError: "offer.rules.notEditable" };
  }
  // Reports took it down: only a counsellor's decision brings it back.
  if (existing?.moderationFlags.includes("reported")) {
    return { ok: false, fieldErrors: {}, formError: "offer.rules.underReview" };
  }
  const fieldErrors = checkOfferRules(input, today);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const org = existing ? db.select().from(organisations).where(eq(organisations.id, orgId)).get()! : membership.org;
  const wasPublished = existing?.status === "published";
  let status: OfferStatus = "draft";
  let flags: string[] = [];
  if (intent === "submit" || wasPublished) {
    if (org.verificationStatus !== "verified") {
      return { ok: false, fieldErrors: {}, formError: `offer.rules.orgNotVerified.${org.verificationStatus}` };
    }
    ({ status, flags } = statusOnSubmit(db, orgId, input, existing?.id));
    if (wasPublished) flags = flags.filter((f) => f !== "first_offer");
    if (wasPublished && flags.length === 0) status = "published";
  }
  // A rejected offer, edited, goes back to a counsellor (marked `resubmitted`) and
  // keeps that mark while it is a draft again.
  const resubmitted = existing?.status === "rejected" || existing?.moderationFlags.includes("resubmitted");
  if (resubmitted) {
    flags = [...new Set([...flags, "resubmitted"])];
    if (status === "published") status = "pending";
  }

  const now = new Date();
  const values = {
    ...input,
    status,
    moderationFlags: flags,
    rejectionReason: null,
    updatedAt: now,
    publishedAt: status === "published" ? (existing?.publishedAt ?? now) : (existing?.publishedAt ?? null),
  };
  const saved = db.transaction((tx) => {
    const id = existing
      ? (tx.update(offers).set(values).where(eq(offers.id, existing.id)).run(), existing.id)
      : tx
          .insert(offers)
          .values({ ...values, orgId, createdBy: userId })
          .returning({ id: offers.id })
          .get().id;
    recordAudit(tx, {
      actorId: userId,
      action: existing ? "offer.updated" : "offer.created",
      subjectType: "offer",
      subjectId: id,
      detail: { status, flags },
    });
    return id;
  });
  return { ok: true, offerId: saved, status, flags };
}

/** A copy of one of the organisation's offers, as a new draft to edit. */
export function duplicateOffer(db: Db, userId: number, offerId: number) {
  const source = findOfferOfMember(db, userId, offerId);
  if (!source) return null;
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt: _p, closedAt: _cl, ...copy } = source;
  return db.transaction((tx) => {
    const id = tx
      .insert(offers)
      .values({ ...copy, status: "draft", moderationFlags: [], rejectionReason: null, createdBy: userId })
      .returning({ id: offers.id })
      .get().id;
    recordAudit(tx, { actorId: userId, action: "offer.duplicated", subjectType: "offer", subjectId: id, detail: { from: offerId } });
    return id;
  });
}

/**
 * Closes an offer (`closed`) or marks it `filled`. Its open applications close
 * with the reason `position_filled`, and their candidates are told. A suspended
 * or rejected organisation cannot: its applications wait for a counsellor.
 */
export function endOffer(db: Db, userId: number, offerId: number, outcome: "closed" | "filled") {
  const offer = findOfferOfMember(db, userId, offerId);
  if (!offer) return null;
  if (applicantAccess(db, userId, offer.orgId)?.withheld) return { ok: false as const, reason: "withheld" as const };
  if (!["published", "pending", "draft"].includes(offer.status)) return { ok: false as const, reason: "notOpen" as const };
  db.transaction((tx) => {
    tx.update(offers).set({ status: outcome, closedAt: new Date(), updatedAt: new Date() }).where(eq(offers.id, offerId)).run();
    closeOpenApplications(tx, offer.id, offer.title, userId);
    recordAudit(tx, { actorId: userId, action: `offer.${outcome}`, subjectType: "offer", subjectId: offerId });
  });
  return { ok: true as const };
}

export { closeOpenApplications };

/**
 * Marks `expired` the published offers whose closing date has passed (`npm run
 * jobs`). Pages already hide them from the day after; this keeps statuses true.
 * Their applications stay open: the closing date ends applying, not hiring.
 */
export function expireOffers(db: Db, today = isoToday()) {
  return db
    .update(offers)
    .set({ status: "expired", closedAt: new Date(), updatedAt: new Date() })
    .where(and(inArray(offers.status, ["published", "pending"]), lt(offers.closingDate, today)))
    .run().changes;
}
