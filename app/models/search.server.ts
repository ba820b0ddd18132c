import { and, eq, inArray, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { foldText } from "~/utils/text";
import { type Contract, type OfferType, offers, organisations } from "../../db/schema";
import { countOpenOffers, inIdOrder, newestOpenOfferIds, offerSummaryColumns, openOfferWhere } from "./offers.server";

export const PAGE_SIZE = 20;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

// Words that every offer contains or that carry no meaning on their own.
const STOP_WORDS = new Set(
  "le la les l de des du d un une et ou en au aux a pour par sur avec dans the of and in for to an".split(" "),
);

/**
 * Turns whatever was typed into a safe FTS5 query: words only (letters and
 * digits), each quoted and used as a prefix, all required. Quotes, `*`, NEAR,
 * OR, parentheses and emoji become plain text or disappear, so no input can
 * make an FTS syntax error. Returns null when no word is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = foldText(input.slice(0, 2000)).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((w) => !STOP_WORDS.has(w)).map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(
    0,
    MAX_TERMS,
  );
  // A one-letter prefix ("Commune I") would match most of the index: one letter is a whole word.
  return terms.length === 0 ? null : terms.map((term) => (term.length > 1 ? `"${term}"*` : `"${term}"`)).join(" ");
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

/** Past this many results a page says "more than 1 000" and ranks the newest 1 000. */
export const RESULT_CAP = 1000;

/**
 * Published, open offers matching the words and filters, 20 a page, with the
 * total (at most RESULT_CAP; `capped` says there are more). Offers drive every
 * join (CROSS JOIN: SQLite would otherwise start from organisations and read
 * every open offer). With words, FTS5 walks its index newest id first and stops
 * after RESULT_CAP open matches, each scored with bm25: the work is bounded
 * whatever the word, and identical to ranking everything below the cap.
 * Without words, the newest open offers are counted and listed along
 * offers_listing_idx (newestOpenOfferIds, countOpenOffers).
 */
export function searchOffers(db: Db, filters: SearchFilters, today = isoToday()) {
  const match = filters.q ? toFtsQuery(filters.q) : null;
  const byIds = (ids: number[]) =>
    inIdOrder(ids, (some) =>
      db
        .select({ ...offerSummaryColumns, description: offers.description })
        .from(offers)
        .crossJoin(organisations)
        .where(and(inArray(offers.id, some), eq(organisations.id, offers.orgId)))
        .all(),
    );
  let found: number;
  let pageOf: (page: number) => ReturnType<typeof byIds>;
  if (match) {
    // One pass over the index: the matches (at most RESULT_CAP + 1) with their
    // score and date are ranked here, then only the page's 20 offers are read.
    const matches = db
      .select({ id: offers.id, score: sql<number>`bm25(offers_fts, 8.0, 1.0, 3.0)`, publishedAt: offers.publishedAt })
      .from(sql`offers_fts`)
      .crossJoin(offers)
      .crossJoin(organisations)
      .where(and(sql`offers_fts MATCH ${match}`, sql`${offers.id} = offers_fts.rowid`, openOfferWhere(filters, today)))
      .orderBy(sql`offers_fts.rowid desc`)
      .limit(RESULT_CAP + 1)
      .all();
    found = matches.length;
    matches.length = Math.min(matches.length, RESULT_CAP);
    const newest = (a: (typeof matches)[number], b: (typeof matches)[number]) =>
      (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || b.id - a.id;
    matches.sort(filters.sort === "date" ? newest : (a, b) => a.score - b.score || newest(a, b));
    pageOf = (page) => byIds(matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((m) => m.id));
  } else {
    found = countOpenOffers(db, filters, RESULT_CAP + 1, today);
    // Nothing counted, nothing to list (a second walk of the whole index for a region without offers).
    pageOf = (page) =>
      found === 0 ? [] : byIds(newestOpenOfferIds(db, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE, today));
  }
  const total = Math.min(found, RESULT_CAP);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const items = pageOf(page);
  return {
    total,
    capped: found > RESULT_CAP,
    page,
    pageCount,
    items: items.map(({ description, ...item }) => ({ ...item, excerpt: excerpt(description) })),
  };
}

function excerpt(text: string, length = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  const cut = flat.lastIndexOf(" ", length);
  return flat.length <= length ? flat : `${flat.slice(0, cut > 0 ? cut : length)}…`;
}
