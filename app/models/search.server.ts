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
  const terms = [...new Set(words.filter((w) => !STOP_WORDS.has(w)).map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
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
 */
export function searchOffers(db: Db, filters: SearchFilters, today = isoToday()) {
  const match = filters.q ? toFtsQuery(filters.q) : null;
  const conditions = and(
    eq(organisations.id, offers.orgId),
    isOpenOffer(today),
    filters.type ? eq(offers.type, filters.type) : undefined,
    filters.region ? eq(offers.region, filters.region) : undefined,
    filters.sector ? eq(offers.sector, filters.sector) : undefined,
    filters.contract ? eq(offers.contract, filters.contract) : undefined,
  );
  const candidates = match
    ? db
        .select({ id: sql<number>`offers_fts.rowid`.as("id"), score: sql<number>`bm25(offers_fts, 8.0, 1.0, 3.0)`.as("score") })
        .from(sql`offers_fts`)
        .crossJoin(offers)
        .crossJoin(organisations)
        .where(and(sql`offers_fts MATCH ${match}`, sql`${offers.id} = offers_fts.rowid`, conditions))
        .orderBy(sql`offers_fts.rowid desc`)
        .limit(RESULT_CAP + 1)
        .as("candidates")
    : null;
  const found = db
    .select({ n: sql<number>`count(*)` })
    .from(candidates ?? db.select({ one: sql`1` }).from(offers).crossJoin(organisations).where(conditions).limit(RESULT_CAP + 1).as("open"))
    .get()!.n;
  const total = Math.min(found, RESULT_CAP);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const columns = { ...offerSummaryColumns, description: offers.description };
  const byDate = [desc(offers.publishedAt), desc(offers.id)];
  const items = candidates
    ? db
        .select(columns)
        .from(candidates)
        .crossJoin(offers)
        .crossJoin(organisations)
        .where(and(sql`${offers.id} = candidates.id`, eq(organisations.id, offers.orgId)))
        .orderBy(...(filters.sort === "date" ? byDate : [sql`candidates.score`, ...byDate]))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .all()
    : db.select(columns).from(offers).crossJoin(organisations).where(conditions).orderBy(...byDate).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).all();
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
