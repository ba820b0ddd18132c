import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { offers, organisations, type Contract, type OfferType } from "../../db/schema";
import { isoToday } from "../utils/dates";
import type { Db } from "../utils/db.server";
import { foldText } from "./offer-rules";
import { isOpenOffer, offerSummaryColumns } from "./offers.server";

export const PAGE_SIZE = 20;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

// Words that every offer contains or that carry no meaning on their own.
const STOP_WORDS = new Set(
  "le la les l de des du d un une et ou en au aux a pour par sur avec dans the of and or in for to an".split(" "),
);

/**
 * Turns whatever was typed into a safe FTS5 query: words only (letters and
 * digits), each quoted and used as a prefix, all required. Quotes, `*`, NEAR,
 * OR, parentheses and emoji become plain text or disappear, so no input can
 * make an FTS syntax error. Returns null when no word is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = foldText(input.slice(0, 2000)).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((w) => !STOP_WORDS.has(w)).map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
  return terms.length === 0 ? null : terms.map((term) => `"${term}"*`).join(" ");
}

export type SearchFilters = {
  q?: string;
  type?: OfferType;
  region?: string;
  sector?: string;
  contract?: Contract;
  sort?: "relevance" | "date";
  page?: number;
};

/** Published, open offers matching the words and filters, 20 a page, with the total. */
export function searchOffers(db: Db, filters: SearchFilters, today = isoToday()) {
  const match = filters.q ? toFtsQuery(filters.q) : null;
  const conditions: (SQL | undefined)[] = [
    isOpenOffer(today),
    filters.type ? eq(offers.type, filters.type) : undefined,
    filters.region ? eq(offers.region, filters.region) : undefined,
    filters.sector ? eq(offers.sector, filters.sector) : undefined,
    filters.contract ? eq(offers.contract, filters.contract) : undefined,
    match ? sql`${offers.id} IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ${match})` : undefined,
  ];
  const where = and(...conditions);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(offers)
      .innerJoin(organisations, eq(organisations.id, offers.orgId))
      .where(where)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const byRelevance = match && filters.sort !== "date";
  const items = byRelevance
    ? db
        .select({ ...offerSummaryColumns, description: offers.description })
        .from(sql`offers_fts`)
        .innerJoin(offers, sql`${offers.id} = offers_fts.rowid`)
        .innerJoin(organisations, eq(organisations.id, offers.orgId))
        .where(and(sql`offers_fts MATCH ${match}`, ...conditions.slice(0, 5)))
        // Title words weigh most, then the commune, then the description.
        .orderBy(sql`bm25(offers_fts, 8.0, 1.0, 3.0)`, desc(offers.publishedAt))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .all()
    : db
        .select({ ...offerSummaryColumns, description: offers.description })
        .from(offers)
        .innerJoin(organisations, eq(organisations.id, offers.orgId))
        .where(where)
        .orderBy(desc(offers.publishedAt), desc(offers.id))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .all();
  return {
    total,
    page,
    pageCount,
    items: items.map(({ description, ...item }) => ({ ...item, excerpt: excerpt(description) })),
  };
}

function excerpt(text: string, length = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, flat.lastIndexOf(" ", length))}…`;
}
