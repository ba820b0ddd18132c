// "Offres similaires" under an offer: other open offers of the same trade or sector.
import { and, eq, inArray, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { offers, organisations } from "../../db/schema";
import { inIdOrder, offerSummaryColumns, openOfferWhere } from "./offers.server";

export const SIMILAR_OFFERS = 4;
// Similar offers are looked for among this many of the newest open offers: the work stays a short
// walk of offers_listing_idx (no row read) even for a sector that has no other offer.
const WINDOW = 3000;
// How many of the sector's offers are read to find those of the same trade.
const CANDIDATES = 24;

type Reference = { id: number; sector: string; trade: string | null; region: string };

/**
 * Up to four open offers of the same sector as `offer`, never itself: those of its region first,
 * then the others; in each group those of the same trade first, then the newest. Only the
 * CANDIDATES rows found are read (`tests/bench`: EXPLAIN QUERY PLAN walks offers_listing_idx).
 */
export function similarOpenOffers(db: Db, offer: Reference, today = isoToday()) {
  const found = db.all<{ id: number; nearby: number }>(
    sql`SELECT id, region = ${offer.region} AS nearby FROM (
          SELECT ${offers.id} AS id, ${offers.sector} AS sector, ${offers.region} AS region,
                 ${offers.publishedAt} AS published_at
          FROM ${offers} INDEXED BY offers_listing_idx CROSS JOIN ${organisations}
          WHERE ${openOfferWhere({}, today)}
          ORDER BY ${offers.publishedAt} DESC, ${offers.id} DESC LIMIT ${WINDOW})
        WHERE sector = ${offer.sector} AND id <> ${offer.id}
        ORDER BY nearby DESC, published_at DESC, id DESC LIMIT ${CANDIDATES}`,
  );
  if (found.length === 0) return [];
  const rows = inIdOrder(
    found.map((row) => row.id),
    (ids) =>
      db
        .select({ ...offerSummaryColumns, trade: offers.trade })
        .from(offers)
        .crossJoin(organisations)
        .where(and(inArray(offers.id, ids), eq(organisations.id, offers.orgId)))
        .all(),
  );
  const nearby = new Set(found.filter((row) => row.nearby).map((row) => row.id));
  // Rank: region first, then trade, then the order found (newest first).
  const rank = (row: (typeof rows)[number], i: number) =>
    (nearby.has(row.id) ? 0 : 2 * CANDIDATES) + (offer.trade && row.trade === offer.trade ? 0 : CANDIDATES) + i;
  return rows
    .map((row, i) => ({ row, rank: rank(row, i) }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, SIMILAR_OFFERS)
    .map(({ row: { trade: _trade, ...summary } }) => summary);
}
