import { and, eq, inArray, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { foldText } from "~/utils/text";
import { type Contract, type OfferType, offers, organisations } from "../../db/schema";
import { countOpenOffers, inIdOrder, newestOpenOfferIds, offerSummaryColumns, openOfferWhere } from "./offers.server";
import { closestWord } from "./search-vocabulary.server";
import { tradeSynonyms, withAccents } from "./trade-synonyms";

export const PAGE_SIZE = 20;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

// Words that every offer contains or that carry no meaning on their own.
const STOP_WORDS = new Set(
  "le la les l de des du d un une et ou en au aux a pour par sur avec dans the of and in for to an".split(" "),
);

type Term = { folded: string; typed: string };

/** The words of a search as the index sees them (folded), each with the word as it was typed. */
function searchTerms(input: string): Term[] {
  const terms = new Map<string, string>();
  for (const typed of input.slice(0, 2000).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    for (const word of foldText(typed).match(/[\p{L}\p{N}]+/gu) ?? []) {
      const folded = word.slice(0, MAX_TERM_LENGTH);
      if (!STOP_WORDS.has(word) && !terms.has(folded)) terms.set(folded, typed);
    }
  }
  return [...terms].slice(0, MAX_TERMS).map(([folded, typed]) => ({ folded, typed }));
}

// A one-letter prefix ("Commune I") would match most of the index: one letter is a whole word.
const phrase = (word: string) => (word.length > 1 ? `"${word}"*` : `"${word}"`);

/** Each term's words (any of them will do), all terms required (FTS5 wants AND written beside parentheses). */
const ftsQuery = (alternatives: string[][]) =>
  alternatives.some((words) => words.length > 1)
    ? alternatives.map((words) => `(${words.map(phrase).join(" OR ")})`).join(" AND ")
    : alternatives.map((words) => phrase(words[0]!)).join(" ");

/**
 * Turns whatever was typed into a safe FTS5 query: words only (letters and
 * digits), each quoted and used as a prefix, all required. Quotes, `*`, NEAR,
 * OR, parentheses and emoji become plain text or disappear, so no input can
 * make an FTS syntax error. Returns null when no word is left.
 */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  return terms.length === 0 ? null : ftsQuery(terms.map((term) => [term.folded]));
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

// Added to the bm25 score (negative, lower is better) of an offer without the words shown.
const SHOWN_WORDS_FIRST = 1e9;

/** A search in quotes ("mecano") is searched as typed, never widened. */
const isQuoted = (q: string) => /^\s*(".*"|«.*»)\s*$/su.test(q);

/** Whether some open offer, whatever the filters, has a word starting with this one. */
function inOpenOffers(db: Db, word: string, today: string) {
  return (
    db
      .select({ id: offers.id })
      .from(sql`offers_fts`)
      .crossJoin(offers)
      .crossJoin(organisations)
      .where(
        and(sql`offers_fts MATCH ${phrase(word)}`, sql`${offers.id} = offers_fts.rowid`, openOfferWhere({}, today)),
      )
      .limit(1)
      .get() !== undefined
  );
}

/**
 * The search to try when the words as typed find nothing: each word that no open
 * offer contains is replaced by its trade's other names (mécano → mécanicien,
 * garagiste…) or by the nearest word of the index (mecanisien → mecanicien),
 * itself replaced by its trade's names when no open offer contains it either.
 * A word some open offer contains is kept: the filters, not the word, emptied
 * the page. Null when no word was replaced; `shown` is the search as the page words it, and
 * `shownFirst` the search of those words alone, whose offers come first (a trade's usual name).
 */
function widenedSearch(db: Db, terms: Term[], today: string) {
  let replaced = false;
  const alternatives = terms.map((term) => {
    if (inOpenOffers(db, term.folded, today)) return { words: [term.folded], shown: term.typed };
    const nearest = tradeSynonyms(term.folded).length > 0 ? term.folded : closestWord(db, term.folded);
    if (!nearest) return { words: [term.folded], shown: term.typed };
    const words = nearest !== term.folded && inOpenOffers(db, nearest, today) ? [nearest] : tradeSynonyms(nearest);
    if (words.length === 0) return { words: [term.folded], shown: term.typed };
    replaced = true;
    return { words, shown: withAccents(words[0]!) };
  });
  if (!replaced) return null;
  return {
    match: ftsQuery(alternatives.map((a) => a.words)),
    shown: alternatives.map((a) => a.shown).join(" "),
    shownFirst: alternatives.some((a) => a.words.length > 1) ? ftsQuery(alternatives.map((a) => [a.words[0]!])) : null,
  };
}

/**
 * Published, open offers matching the words and filters, 20 a page, with the
 * total (at most RESULT_CAP; `capped` says there are more). Offers drive every
 * join (CROSS JOIN: SQLite would otherwise start from organisations and read
 * every open offer). With words, FTS5 walks its index newest id first and stops
 * after RESULT_CAP open matches, each scored with bm25: the work is bounded
 * whatever the word, and identical to ranking everything below the cap.
 * When the words find nothing, misspelt or unknown words are replaced (see
 * widenedSearch) and `widenedTo` says what was searched instead.
 * Without words, the newest open offers are counted and listed along
 * offers_listing_idx (newestOpenOfferIds, countOpenOffers).
 */
export function searchOffers(db: Db, filters: SearchFilters, today = isoToday()) {
  const terms = filters.q ? searchTerms(filters.q) : [];
  const byIds = (ids: number[]) =>
    inIdOrder(ids, (some) =>
      db
        .select({ ...offerSummaryColumns, description: offers.description })
        .from(offers)
        .crossJoin(organisations)
        .where(and(inArray(offers.id, some), eq(organisations.id, offers.orgId)))
        .all(),
    );
  // One pass over the index: the matches (at most RESULT_CAP + 1) with their score and date.
  const matchesOf = (match: string) =>
    db
      .select({ id: offers.id, score: sql<number>`bm25(offers_fts, 8.0, 1.0, 3.0)`, publishedAt: offers.publishedAt })
      .from(sql`offers_fts`)
      .crossJoin(offers)
      .crossJoin(organisations)
      .where(and(sql`offers_fts MATCH ${match}`, sql`${offers.id} = offers_fts.rowid`, openOfferWhere(filters, today)))
      .orderBy(sql`offers_fts.rowid desc`)
      .limit(RESULT_CAP + 1)
      .all();
  let found: number;
  let widenedTo: string | null = null;
  let pageOf: (page: number) => ReturnType<typeof byIds>;
  if (terms.length > 0) {
    let matches = matchesOf(ftsQuery(terms.map((term) => [term.folded])));
    const widened = matches.length === 0 && !isQuoted(filters.q!) ? widenedSearch(db, terms, today) : null;
    if (widened) {
      matches = matchesOf(widened.match);
      if (matches.length > 0) widenedTo = widened.shown;
      if (matches.length > 0 && widened.shownFirst) {
        // "driver": chauffeurs, the word shown, before plant operators. Both walks go newest first,
        // so every offer of the first within the cap of the second is within its own cap.
        const first = new Set(matchesOf(widened.shownFirst).map((m) => m.id));
        for (const m of matches) if (!first.has(m.id)) m.score += SHOWN_WORDS_FIRST;
      }
    }
    // Ranked here, then only the page's 20 offers are read.
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
    widenedTo,
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
