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
