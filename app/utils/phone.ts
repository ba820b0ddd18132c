// Malian numbers have 8 digits; mobiles start with 5 to 9, landlines with 2 or 4.
const MALI_NATIONAL = /^[2-9]\d{7}$/;

/**
 * Normalises a Malian phone number to E.164 (`+22370000001`). Accepts
 * `70 00 00 01`, `70000001`, `+223 70 00 00 01`, `00223 70000001` (spaces, dots
 * and dashes ignored). Returns null for anything else.
 */
export function normalizeMaliPhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  const national = compact.replace(/^(\+223|00223|223(?=\d{8}$))/, "");
  return MALI_NATIONAL.test(national) ? `+223${national}` : null;
}

/** `+22370000001` → `70 00 00 01`, the way people in Mali write it. */
export function formatMaliPhone(e164: string): string {
  const national = e164.startsWith("+223") ? e164.slice(4) : e164;
  return national.replace(/(\d{2})(?=\d)/g, "$1 ");
}

export type PhoneDisplay = {
  /** `+223 76 30 37 19` for a Malian number; anything else as it was typed. */
  text: string;
  /**
   * `tel:+22376303719` and `https://wa.me/22376303719` (the international number
   * without `+`); null when the text is not a number one can call.
   */
  links: { tel: string; whatsapp: string } | null;
};

// Another country's number written in full: + or 00, a country code, 8 to 15 digits in all (E.164).
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;

/**
 * How a person's number is shown to those who may call them: a Malian number
 * grouped by two after +223, with a call link and a WhatsApp link; another
 * country's full number as typed, with both links; anything else as typed, without links.
 */
export function displayPhone(stored: string): PhoneDisplay {
  const mali = normalizeMaliPhone(stored);
  if (mali) {
    return { text: `+223 ${formatMaliPhone(mali)}`, links: linksTo(mali.slice(1)) };
  }
  const text = stored.trim();
  const digits = INTERNATIONAL.exec(text.replace(/[\s.\-()]/g, ""))?.[1];
  // A number beginning with Mali's code that is not a Malian number is a typing mistake.
  return { text, links: digits && !digits.startsWith("223") ? linksTo(digits) : null };
}

function linksTo(internationalDigits: string) {
  return { tel: `tel:+${internationalDigits}`, whatsapp: `https://wa.me/${internationalDigits}` };
}
