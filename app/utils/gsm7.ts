// SMS travel in GSM-7 (160 characters a segment) unless one character is outside it:
// then the whole message goes in UCS-2 (70 a segment) and costs two or three times as
// much. French fits with its own letters (é è à ù É Ç are GSM-7; ê â î ô û ç are not),
// and Bamanankan's ɛ ɔ ɲ ŋ are written e o ny ng, the way phones without them write it.

const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// Each costs two septets (an escape, then the character).
const EXTENSION = "^{}\\[~]|€\f";

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

const FOLDS: Record<string, string> = {
  ɛ: "e",
  Ɛ: "E",
  ɔ: "o",
  Ɔ: "O",
  ɲ: "ny",
  Ɲ: "Ny",
  ŋ: "ng",
  Ŋ: "Ng",
  ç: "c",
  œ: "oe",
  Œ: "OE",
  "’": "'",
  "‘": "'",
  "“": '"',
  "”": '"',
  "«": '"',
  "»": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  // The alerts digest's separator between offer titles.
  "·": "-",
  "\u00a0": " ",
  "\u202f": " ",
  "\t": " ",
};

export const isGsm7 = (text: string) => [...text].every((char) => basic.has(char) || extension.has(char));

/**
 * The text in GSM-7 letters: characters GSM-7 lacks become their plain letter
 * (ê → e, ɛ → e, ɲ → ny, « → "), and anything with no such letter becomes "?".
 */
export function toGsm7(text: string): string {
  let result = "";
  for (const char of text) {
    if (basic.has(char) || extension.has(char)) result += char;
    else if (char in FOLDS) result += FOLDS[char];
    else {
      const plain = char.normalize("NFD").replace(/\p{M}/gu, "");
      result += plain !== char && [...plain].every((c) => basic.has(c)) ? plain : "?";
    }
  }
  return result;
}

export type SmsShape = { encoding: "gsm7" | "ucs2"; units: number; segments: number };

/** How an SMS is sent: its encoding, its length in that encoding's units, its segments (153 or 67 each once split). */
export function smsShape(text: string): SmsShape {
  if (isGsm7(text)) {
    const units = [...text].reduce((sum, char) => sum + (extension.has(char) ? 2 : 1), 0);
    return { encoding: "gsm7", units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: "ucs2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
