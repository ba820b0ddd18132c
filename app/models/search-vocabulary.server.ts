// The words of the offers' index, kept in memory, to correct a misspelt search
// word: read once from FTS5's own vocabulary (fts5vocab), then topped up with
// the words of offers created since, and read again every day (for edits).
import type { Db } from "~/utils/db.server";
import { foldText } from "~/utils/text";
import { allowedDistance, soundingAlike, spellingDistance } from "./spelling-distance";
import { TRADE_VOCABULARY } from "./trade-synonyms";

type Vocabulary = {
  /** Each word and how many offers contain it (0 for a trade word no offer uses yet). */
  offersWith: Map<string, number>;
  /**
   * The words by first letter and length ("m10": mecanicien…), and by second letter and length ("_e11":
   * electricien…, for a first letter left out): a word is compared only with words of about its length
   * starting alike, a few thousand however large the index.
   */
  byStart: Map<string, string[]>;
  seenOfferId: number;
  loadedAt: number;
  /** Corrections already worked out (the same slips come back), forgotten when words are added. */
  corrections: Map<string, string | undefined>;
};

const RELOAD_AFTER_MS = 24 * 60 * 60 * 1000;
// Past this many new offers, reading the index's vocabulary again is quicker than their texts.
const MAX_OFFERS_READ = 2000;
const MAX_CORRECTIONS_KEPT = 10_000;
const TRADE_WORDS = new Set(TRADE_VOCABULARY);
const vocabularies = new WeakMap<Db, Vocabulary>();

function addWord(vocabulary: Vocabulary, word: string, offers: number) {
  const known = vocabulary.offersWith.get(word);
  if (known === undefined) {
    for (const key of [`${word[0]}${word.length}`, `_${word[1]}${word.length}`]) {
      const words = vocabulary.byStart.get(key);
      if (words) words.push(word);
      else vocabulary.byStart.set(key, [word]);
    }
  }
  vocabulary.offersWith.set(word, (known ?? 0) + offers);
}

const newestOfferId = (db: Db) =>
  (db.$client.prepare("SELECT coalesce(max(id), 0) AS id FROM offers").get() as { id: number }).id;

function loadVocabulary(db: Db): Vocabulary {
  db.$client.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.offers_fts_words USING fts5vocab(main, 'offers_fts', 'row')",
  );
  // One read transaction: the words and the newest offer id describe the same moment.
  return db.$client.transaction(() => {
    const vocabulary: Vocabulary = {
      offersWith: new Map(),
      byStart: new Map(),
      seenOfferId: newestOfferId(db),
      loadedAt: 0,
      corrections: new Map(),
    };
    const rows = db.$client.prepare("SELECT term, doc FROM temp.offers_fts_words").raw().all() as [string, number][];
    for (const [term, offers] of rows) addWord(vocabulary, term, offers);
    for (const word of TRADE_WORDS) addWord(vocabulary, word, 0);
    vocabulary.loadedAt = Date.now();
    return vocabulary;
  })();
}

/** The words of offers created since the vocabulary was read, tokenised like the index (folded letters and digits). */
function addNewOffers(db: Db, vocabulary: Vocabulary, newest: number) {
  const rows = db.$client
    .prepare("SELECT id, title || ' ' || description || ' ' || coalesce(commune, '') FROM offers WHERE id > ?")
    .raw()
    .all(vocabulary.seenOfferId) as [number, string][];
  for (const [, text] of rows) {
    for (const word of new Set(foldText(text).match(/[\p{L}\p{N}]+/gu))) addWord(vocabulary, word, 1);
  }
  vocabulary.seenOfferId = newest;
  vocabulary.corrections.clear();
}

function currentVocabulary(db: Db, now = Date.now()): Vocabulary {
  let vocabulary = vocabularies.get(db);
  const newest = newestOfferId(db);
  if (!vocabulary || now - vocabulary.loadedAt > RELOAD_AFTER_MS || newest - vocabulary.seenOfferId > MAX_OFFERS_READ) {
    vocabulary = loadVocabulary(db);
    vocabularies.set(db, vocabulary);
  } else if (newest > vocabulary.seenOfferId) {
    addNewOffers(db, vocabulary, newest);
  }
  return vocabulary;
}

/**
 * The word of the index (or of the trades' list) a misspelt folded word most
 * likely stands for: the nearest, then a trade's name, then the word in most
 * offers. Undefined when none is near enough (see allowedDistance).
 */
export function closestWord(db: Db, typed: string): string | undefined {
  if (allowedDistance(typed) === 0) return undefined;
  const vocabulary = currentVocabulary(db);
  if (vocabulary.corrections.has(typed)) return vocabulary.corrections.get(typed);
  if (vocabulary.corrections.size >= MAX_CORRECTIONS_KEPT) vocabulary.corrections.clear();
  const word = nearestWord(vocabulary, typed);
  vocabulary.corrections.set(typed, word);
  return word;
}

function nearestWord(vocabulary: Vocabulary, typed: string): string | undefined {
  const max = allowedDistance(typed);
  let best: { word: string; distance: number; trade: boolean; offers: number } | undefined;
  // Words starting with the same letter or one that sounds alike, with the second letter (an extra
  // first letter typed), or with any letter before the first one typed (a first letter left out).
  const starts = [...soundingAlike(typed[0]!), typed[1]!];
  for (let length = typed.length - 2 * max; length <= typed.length + 2 * max; length++) {
    const keys = [...starts.map((letter) => `${letter}${length}`), `_${typed[0]}${length}`];
    for (const word of keys.flatMap((key) => vocabulary.byStart.get(key) ?? [])) {
      if (word === typed) continue;
      const distance = spellingDistance(typed, word, best?.distance ?? max);
      if (distance === Infinity) continue;
      const candidate = { word, distance, trade: TRADE_WORDS.has(word), offers: vocabulary.offersWith.get(word)! };
      if (!best || isBetter(candidate, best)) best = candidate;
    }
  }
  return best?.word;
}

type Candidate = { distance: number; trade: boolean; offers: number };

const isBetter = (a: Candidate, b: Candidate) =>
  a.distance !== b.distance ? a.distance < b.distance : a.trade !== b.trade ? a.trade : a.offers > b.offers;
