import { and, desc, eq, gte, sql } from "drizzle-orm";
import { offers, organisations, OFFER_TYPES, type OfferType } from "../../db/schema";
import type { Db } from "../utils/db.server";
import { isoToday } from "../utils/dates";

/** An offer anyone can see and apply to: published, and its closing date not passed. */
export const isOpenOffer = () => and(eq(offers.status, "published"), gte(offers.closingDate, isoToday()));

export function openOfferCounts(db: Db): Record<OfferType, number> {
  const rows = db
    .select({ type: offers.type, n: sql<number>`count(*)` })
    .from(offers)
    .where(isOpenOffer())
    .groupBy(offers.type)
    .all();
  const counts = Object.fromEntries(OFFER_TYPES.map((type) => [type, 0])) as Record<OfferType, number>;
  for (const row of rows) counts[row.type] = row.n;
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

export function latestOpenOffers(db: Db, limit = 6) {
  return db
    .select({
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
      orgName: organisations.name,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(isOpenOffer())
    .orderBy(desc(offers.publishedAt), desc(offers.id))
    .limit(limit)
    .all();
}

export type OfferSummary = ReturnType<typeof latestOpenOffers>[number];
