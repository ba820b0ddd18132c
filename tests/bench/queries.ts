// The benchmark's fixed 200 searches: trade words as people type them (with and
// without accents, cut short, two words), half of them with filters. Derived only
// from the reference lists, so every run and every machine searches the same.
import fs from "node:fs";
import path from "node:path";
import type { SearchFilters } from "../../app/models/search.server";
import { REGION_CODES, REGIONS, SECTOR_CODES } from "../../app/utils/reference";
import { foldText } from "../../app/utils/text";
import { OFFER_TYPES } from "../../db/schema";

const common = JSON.parse(fs.readFileSync(path.resolve("locales/fr/common.json"), "utf8")) as {
  trade: Record<string, string>;
};
const LABELS = Object.values(common.trade);
const COMMUNES = REGION_CODES.map((code) => REGIONS[code][0]);

/** The main word of a trade's label: "Agent de sécurité" → "sécurité", "Mécanicien auto" → "mécanicien". */
function mainWord(label: string) {
  const words = label
    .toLowerCase()
    .split(/[\s'-]+/)
    .filter((w) => w.length > 3);
  return words[0] === "agent" || words[0] === "aide" ? words.at(-1)! : words[0]!;
}

/** Two words: the label itself when it has two, else the word and a town. */
function twoWords(label: string, i: number) {
  const words = label
    .toLowerCase()
    .split(/[\s'-]+/)
    .filter((w) => w.length > 2 && w !== "des");
  return words.length >= 2 ? `${words[0]} ${words.at(-1)}` : `${words[0]} ${COMMUNES[i % COMMUNES.length]}`;
}

function filtersFor(i: number): Omit<SearchFilters, "q"> {
  if (i % 2 === 0) return {};
  switch ((i >> 1) % 3) {
    case 0:
      return { type: OFFER_TYPES[i % OFFER_TYPES.length] };
    case 1:
      return { region: REGION_CODES[i % REGION_CODES.length] };
    default:
      return { sector: SECTOR_CODES[i % SECTOR_CODES.length], type: "emploi" };
  }
}

/** 50 trades × (accented word, folded word, 5-letter prefix, two words) = 200 searches. */
export function benchQueries(): SearchFilters[] {
  const texts = LABELS.flatMap((label, i) => {
    const word = mainWord(label);
    return [word, foldText(word), foldText(word).slice(0, 5), twoWords(label, i)];
  });
  return texts.map((q, i) => ({ q, ...filtersFor(i) }));
}

/** A letter dropped from the middle of a word: "mecanicien" → "mecancien". */
const misspelt = (word: string) => word.slice(0, word.length >> 1) + word.slice((word.length >> 1) + 1);

/**
 * Searches whose words are in no offer, so that the search is widened: each trade's main word with a
 * letter dropped (words of 6 letters or more), and other names of trades, half of them with filters.
 */
export function benchWidenedQueries(): SearchFilters[] {
  const typos = LABELS.map((label) => foldText(mainWord(label)))
    .filter((word) => word.length >= 6)
    .map(misspelt);
  const otherNames = ["mecano", "garagiste", "driver", "welder", "tailor", "plumber", "barbier", "vigile", "cook"];
  return [...typos, ...otherNames].map((q, i) => ({ q, ...filtersFor(i) }));
}

/** A few everyday searches the HTTP benchmark rotates through. */
export const HTTP_QUERIES = [
  "electricien",
  "mécanicien moto",
  "chauffeur",
  "couture",
  "apprenti",
  "soudeur bamako",
  "vendeur",
  "stage",
];

/**
 * Browsing without words, as people open /offres and pick filters: no filter, each type, each
 * region, each sector, a type in each region, and later pages.
 */
export function benchBrowsing(): SearchFilters[] {
  return [
    {},
    { page: 2 },
    { page: 10 },
    { page: 50 },
    ...OFFER_TYPES.map((type) => ({ type })),
    ...REGION_CODES.map((region) => ({ region })),
    ...SECTOR_CODES.map((sector) => ({ sector })),
    ...REGION_CODES.map((region, i) => ({ region, type: OFFER_TYPES[i % OFFER_TYPES.length] })),
  ];
}
