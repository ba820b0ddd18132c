import { z } from "zod";
import { normalizeMaliPhone } from "../utils/phone";

// Letters (any script, with accents), spaces, apostrophes, hyphens and dots:
// N'Diaye, Ag Mohamed, Maïga. Tags, digits and SQL punctuation are refused.
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
// Any printable text: control characters (other than line breaks) are refused.
// One character class each, no alternation: the regex never backtracks, whatever the length.
export const PRINTABLE = /^[^\p{Cc}]*$/u;
export const PRINTABLE_MULTILINE = /^[\P{Cc}\n\r\t]*$/u;

// Every text field checks its length first and stops there (`abort`): zod would
// otherwise run the later checks, and their regexes, on a megabyte-long value.

export const requiredText = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(max, { error: "validation.tooLong", abort: true })
    .regex(PRINTABLE, { error: "validation.invalidCharacters" });

export const optionalText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong", abort: true })
    .regex(PRINTABLE, { error: "validation.invalidCharacters" })
    .optional()
    .transform((value) => (value ? value : undefined));

export const multilineText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong", abort: true })
    .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters" })
    .optional()
    .transform((value) => (value ? value : undefined));

export const personName = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(60, { error: "validation.tooLong", abort: true })
  .regex(PERSON_NAME, { error: "validation.nameInvalid" });

/** A Malian phone number, normalised to +223XXXXXXXX; empty means none. */
export const optionalPhone = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(30, { error: "validation.phoneInvalid", abort: true })
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
  .max(254, { error: "validation.tooLong", abort: true })
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
  .max(128, { error: "validation.passwordTooLong", abort: true });

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
