import { z } from "zod";
import { normalizeMaliPhone } from "~/utils/phone";
import { REGION_CODES } from "~/utils/reference";

// Letters (any script, with accents), spaces, apostrophes, hyphens and dots:
// N'Diaye, Ag Mohamed, Maïga. Tags, digits and SQL punctuation are refused.
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
// Any printable text: control characters (other than line breaks) are refused.
// One character class each, no alternation: the regex never backtracks, whatever the length.
export const PRINTABLE = /^[^\p{Cc}]*$/u;
export const PRINTABLE_MULTILINE = /^[\P{Cc}\n\r\t]*$/u;

/**
 * For the checks after a field's length (or format): they run only while the field
 * has no issue yet, so a 10 MB value costs one length check. zod runs every check by
 * default; `abort: true` would do the same but also silence the form's cross-field
 * checks (the password confirmation), so that not every message shows at once.
 * zod honours `when` on every check, string formats included.
 */
export const ifValidSoFar = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const requiredText = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(max, { error: "validation.tooLong" })
    .regex(PRINTABLE, { error: "validation.invalidCharacters", ...ifValidSoFar });

export const optionalText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .regex(PRINTABLE, { error: "validation.invalidCharacters", ...ifValidSoFar })
    .optional()
    .transform((value) => (value ? value : undefined));

export const multilineText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
    .optional()
    .transform((value) => (value ? value : undefined));

export const personName = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(60, { error: "validation.tooLong" })
  .regex(PERSON_NAME, { error: "validation.nameInvalid", ...ifValidSoFar });

/** A Malian phone number, normalised to +223XXXXXXXX; empty means none. */
export const optionalPhone = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(30, { error: "validation.phoneInvalid" })
  .transform((value, ctx) => {
    if (!value) return undefined;
    const phone = normalizeMaliPhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "validation.phoneInvalid" });
      return z.NEVER;
    }
    return phone;
  })
  .optional();

/** An e-mail address, lower-cased; empty means none. */
export const optionalEmail = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(254, { error: "validation.tooLong" })
  .transform((value, ctx) => {
    if (!value) return undefined;
    const parsed = z.email().safeParse(value.toLowerCase());
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "validation.emailInvalid" });
      return z.NEVER;
    }
    return parsed.data;
  })
  .optional();

export const newPassword = z
  .string({ error: "validation.required" })
  .min(1, { error: "validation.required" })
  .min(8, { error: "validation.passwordTooShort" })
  .max(128, { error: "validation.passwordTooLong" });

/** The 6 digits of a code received by SMS, spaces ignored; `formatError` when it is not 6 digits. */
export const smsCode = (formatError: string) =>
  z
    .string({ error: "validation.required" })
    .max(30, { error: formatError })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "validation.required" })
        .regex(/^\d{6}$/, { error: formatError }),
    );

/** A checkbox that must be ticked. */
export const ticked = (error: string) => z.literal("on", { error });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, error = "validation.choose") =>
  z.enum(values, { error });

/** An optional RCCM (trade register) number, e.g. MA.BKO.2019.B.1234. */
export const optionalRccm = optionalText(40).refine((v) => v === undefined || /^[A-Za-z0-9.\-/ ]{5,40}$/.test(v), {
  error: "validation.rccmInvalid",
});

/** An optional NIF (tax number), e.g. 084123456M. */
export const optionalNif = optionalText(15).refine((v) => v === undefined || /^[A-Za-z0-9]{6,15}$/.test(v), {
  error: "validation.nifInvalid",
});

/** Where an organisation or a partner body is and how to reach it: their forms' common fields. */
export const placeAndContactFields = {
  region: oneOf(REGION_CODES as [string, ...string[]]),
  commune: optionalText(80),
  description: multilineText(1000),
  contactName: optionalText(120),
  contactPhone: optionalPhone,
  contactEmail: optionalEmail,
};
