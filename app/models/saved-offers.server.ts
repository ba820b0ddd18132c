// Offers a candidate keeps to read again or apply to later ("Sauvegarder").
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { offers, organisations, savedOffers } from "../../db/schema";
import { isOpenOffer, offerSummaryColumns, type Viewer } from "./offers.server";

export const SAVED_PAGE_SIZE = 25;

/**
 * Keeps an open offer in the candidate's list; saving it again changes nothing. An offer the
 * public cannot see (draft, rejected, closed...) cannot be saved: false, answered as a 404.
 */
export function saveOffer(db: Db, userId: number, offerId: number, today = isoToday()): boolean {
  const open = db
    .select({ id: offers.id })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(and(eq(offers.id, offerId), isOpenOffer(today)))
    .get();
  if (!open) return false;
  db.insert(savedOffers).values({ userId, offerId }).onConflictDoNothing().run();
  return true;
}

/** Takes the offer out of the list, whatever its status now; removing it twice changes nothing. */
export function unsaveOffer(db: Db, userId: number, offerId: number) {
  db.delete(savedOffers)
    .where(and(eq(savedOffers.userId, userId), eq(savedOffers.offerId, offerId)))
    .run();
}

/**
 * What the save buttons of a page show to `viewer`: a candidate's saved offers among `offerIds`,
 * a visitor's buttons lead to the login page, other roles see none.
 */
export type SaveState = { as: "candidate"; savedIds: number[] } | { as: "visitor" } | null;

export function saveStateFor(db: Db, viewer: Viewer, offerIds: number[]): SaveState {
  if (viewer === null) return { as: "visitor" };
  if (viewer.role !== "candidat") return null;
  const savedIds =
    offerIds.length === 0
      ? []
      : db
          .select({ offerId: savedOffers.offerId })
          .from(savedOffers)
          .where(and(eq(savedOffers.userId, viewer.id), inArray(savedOffers.offerId, offerIds)))
          .all()
          .map((row) => row.offerId);
  return { as: "candidate", savedIds };
}

/** How many offers the candidate saved, and how many of them are still open. */
export function savedOfferCounts(db: Db, userId: number, today = isoToday()) {
  const row = db
    .select({ total: count(), open: sql<number>`coalesce(sum(${isOpenOffer(today)}), 0)` })
    .from(savedOffers)
    .innerJoin(offers, eq(offers.id, savedOffers.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(savedOffers.userId, userId))
    .get();
  return { total: row?.total ?? 0, open: row?.open ?? 0 };
}

/**
 * One page of the candidate's saved offers: open ones first, each group most recently saved first;
 * those closed, expired or withdrawn since are marked (`isOpen` false) and come last.
 */
export function listSavedOffers(db: Db, userId: number, requestedPage = 1, today = isoToday()) {
  const { total } = savedOfferCounts(db, userId, today);
  const pageCount = Math.max(1, Math.ceil(total / SAVED_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const isOpen = sql<number>`${isOpenOffer(today)}`;
  const items = db
    .select({ ...offerSummaryColumns, savedAt: savedOffers.createdAt, isOpen })
    .from(savedOffers)
    .innerJoin(offers, eq(offers.id, savedOffers.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(savedOffers.userId, userId))
    .orderBy(desc(isOpen), desc(savedOffers.createdAt), desc(savedOffers.offerId))
    .limit(SAVED_PAGE_SIZE)
    .offset((page - 1) * SAVED_PAGE_SIZE)
    .all()
    .map((item) => ({ ...item, isOpen: Boolean(item.isOpen) }));
  return { items, total, page, pageCount };
}
