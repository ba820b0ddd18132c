// Finding accounts and lines by words of a name or e-mail, accents and case ignored (admin pages).
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { foldText } from "~/utils/text";

const MAX_TERMS = 6;

// SQLite's LIKE ignores case for ASCII only: "maiga" would miss "Maïga". A function
// registered once per connection folds a row's text (case and accents) and checks that
// every word is in it: one call per row, which keeps 200 000 accounts well under a second.
const withWords = new WeakSet<object>();

// The accented letters of French and Malian names, folded without Unicode normalisation
// (three times faster per row); any other letter goes through foldText.
const ACCENTED = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ";
const PLAIN = [
  "a",
  "a",
  "a",
  "a",
  "a",
  "a",
  "ae",
  "c",
  "e",
  "e",
  "e",
  "e",
  "i",
  "i",
  "i",
  "i",
  "n",
  "o",
  "o",
  "o",
  "o",
  "o",
  "o",
  "u",
  "u",
  "u",
  "u",
  "y",
  "y",
];
const FOLD = new Map([...ACCENTED].map((letter, i) => [letter, PLAIN[i]!]));
const quickFold = (text: string) =>
  text.toLowerCase().replace(/[^\p{ASCII}]/gu, (letter) => FOLD.get(letter) ?? foldText(letter));

export function hasWords(db: Db, text: SQL, words: string[]) {
  if (!withWords.has(db.$client)) {
    db.$client.function("baara_has_words", { deterministic: true }, (haystack: unknown, needles: unknown) => {
      if (typeof haystack !== "string" || typeof needles !== "string") return 0;
      const folded = quickFold(haystack);
      return needles.split(" ").every((word) => folded.includes(word)) ? 1 : 0;
    });
    withWords.add(db.$client);
  }
  return sql`baara_has_words(${text}, ${words.join(" ")}) = 1`;
}

/** The words of a search, folded like the text they are looked for in. */
export const wordsOf = (text: string) => quickFold(text).split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);

/** `LIKE '%text%'` with the text's own % and _ taken literally. */
export function contains(expression: SQL, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${expression} LIKE ${pattern} ESCAPE '\\'`;
}

export const pageOf = (page: number | undefined, total: number, size: number) => {
  const pageCount = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, page ?? 1), pageCount), pageCount };
};
