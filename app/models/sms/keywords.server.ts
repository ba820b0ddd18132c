// What an inbound SMS asks for: its first word is a keyword in French, Bambara or
// English, whatever its case, accents or spacing ("  offres  Maçon ségou",
// "SƐBƐN 4017 1234"); the words after it are its arguments.
import { toGsm7 } from "~/utils/gsm7";
import { foldText } from "~/utils/text";

export type SmsKeyword = "offres" | "postuler" | "statut" | "aide" | "stop" | "start" | "unknown";
/** The language a keyword is written in; STOP and START are the same in French and English. */
export type KeywordLanguage = "fr" | "bm" | "en" | null;

const KEYWORDS: Record<string, [SmsKeyword, KeywordLanguage]> = {
  offres: ["offres", "fr"],
  offre: ["offres", "fr"],
  baara: ["offres", "bm"],
  jobs: ["offres", "en"],
  postuler: ["postuler", "fr"],
  postule: ["postuler", "fr"],
  seben: ["postuler", "bm"],
  apply: ["postuler", "en"],
  statut: ["statut", "fr"],
  cogo: ["statut", "bm"],
  status: ["statut", "en"],
  aide: ["aide", "fr"],
  deme: ["aide", "bm"],
  help: ["aide", "en"],
  stop: ["stop", null],
  arret: ["stop", "fr"],
  arrete: ["stop", "fr"],
  jo: ["stop", "bm"],
  start: ["start", null],
  damine: ["start", "bm"],
};

/** Only the beginning of a long text is read: no keyword needs more. */
const READ_CHARS = 500;

export type ParsedSms = {
  keyword: SmsKeyword;
  language: KeywordLanguage;
  /** The words after the keyword, as typed. */
  args: string[];
  /** The text as it may be stored: the PIN replaced by "****". */
  masked: string;
};

/** A word as keywords and regions are compared: GSM-7 letters (ɛ → e), lower case, no accents. */
export const foldWord = (word: string) => foldText(toGsm7(word)).replace(/[^a-z0-9]/g, "");

const PIN_MASK = "****";

export function parseSms(text: string): ParsedSms {
  const words = [...text.slice(0, READ_CHARS).matchAll(/[\p{L}\p{M}\p{N}]+/gu)];
  const [keyword, language] = (words[0] && KEYWORDS[foldWord(words[0][0])]) || ["unknown", null];
  const args = words.slice(1).map((match) => match[0]);
  // Where the PIN is: after the offer's code (POSTULER), after STATUT; in any other text
  // (a misspelt keyword) every four-digit word, since it may be one.
  const isPin = (position: number, word: string) => {
    if (keyword === "postuler") return position >= 2;
    if (keyword === "statut") return position >= 1;
    return position >= 1 && /^\d{4}$/.test(word);
  };
  let masked = text;
  for (const [position, match] of [...words.entries()].reverse()) {
    if (!isPin(position, match[0])) continue;
    const at = match.index ?? 0;
    masked = `${masked.slice(0, at)}${PIN_MASK}${masked.slice(at + match[0].length)}`;
  }
  return { keyword, language, args, masked };
}
