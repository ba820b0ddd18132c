// The fields a candidate's profile shares between the candidate's own form
// (app/schemas/profile.ts) and the counsellor's assisted registration
// (app/schemas/candidate.ts). Messages of their own come from the form's namespace.
import { z } from "zod";
import { addMonths } from "~/utils/dates";
import { LANGUAGE_CODES, REGION_CODES, TRADE_CODES } from "~/utils/reference";
import { AVAILABILITIES, DISABILITIES, EDUCATION_LEVELS, MIGRANT_STATUSES } from "../../db/enums";
import { ifValidSoFar, multilineText, optionalText, personName } from "./fields";

export const MAX_TRADES = 5;
export const SKILLS_MAX = 300;
export const MIN_AGE = 14;
export const MAX_AGE = 80;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The field builders, with their own messages in the namespace `ns` (`candidate`, `counsellor`). */
export function profileFields(ns: "candidate" | "counsellor") {
  // A field posted twice (a tampered form) is refused rather than guessed at. An
  // absent field goes on to `inner`, which says whether it was required.
  const single = <T extends z.ZodType>(inner: T) =>
    z
      .custom<unknown>((value) => !Array.isArray(value), { error: `${ns}:errors.repeated` })
      .optional()
      .pipe(inner);

  /** A select or radio group: one of the codes, or nothing ("" or absent). */
  const optionalChoice = <const T extends readonly string[]>(values: T) =>
    single(
      z
        .string({ error: "validation.choose" })
        .optional()
        .refine((v) => !v || values.includes(v), { error: "validation.choose" })
        .transform((v) => (v ? (v as T[number]) : null)),
    );

  /** A checkbox group: each ticked code once, codes outside the list refused. */
  const codeList = (values: readonly string[], max: number, tooMany: string) =>
    z
      .union([z.string(), z.array(z.string())], { error: "validation.invalid" })
      .optional()
      .transform((v) => [...new Set(v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v])])
      .refine((list) => list.every((code) => values.includes(code)), { error: "validation.choose" })
      .refine((list) => list.length <= max, { error: tooMany });

  const checkbox = single(
    z
      .string({ error: "validation.invalid" })
      .optional()
      .refine((v) => v === undefined || v === "on", { error: "validation.invalid" })
      .transform((v) => v === "on"),
  );

  /** A birth date giving an age between 14 and 80 today; empty means not given. */
  const birthDate = (today: string) =>
    single(
      z
        .string({ error: "validation.invalid" })
        .trim()
        .optional()
        .refine((v) => !v || (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))), { error: "validation.dateInvalid" })
        .refine((v) => !v || (v <= addMonths(today, -12 * MIN_AGE) && v > addMonths(today, -12 * (MAX_AGE + 1))), {
          error: `${ns}:errors.birthDateRange`,
          ...ifValidSoFar,
        })
        .transform((v) => v || null),
    );

  const experienceYears = single(
    z
      .string({ error: "validation.invalid" })
      .trim()
      .optional()
      .refine((v) => !v || /^\d{1,3}$/.test(v), { error: "validation.number" })
      .transform((v) => (v ? Number(v) : null))
      .refine((v) => v === null || v <= 60, { error: `${ns}:errors.experienceRange` }),
  );

  /** The fields both forms ask alike: the name, the birth date, the place, education, work and the two private ones. */
  const sharedFields = (today: string) => ({
    firstName: single(personName),
    lastName: single(personName),
    birthDate: birthDate(today),
    region: optionalChoice(REGION_CODES),
    commune: single(optionalText(80)).transform((v) => v ?? null),
    educationLevel: optionalChoice(EDUCATION_LEVELS),
    trades: codeList(TRADE_CODES, MAX_TRADES, `${ns}:errors.tooManyTrades`),
    skills: single(multilineText(SKILLS_MAX)).transform((v) => v ?? null),
    languages: codeList(LANGUAGE_CODES, LANGUAGE_CODES.length, "validation.choose"),
    experienceYears,
    availability: optionalChoice(AVAILABILITIES),
    drivingLicence: checkbox,
    disability: optionalChoice(DISABILITIES),
    migrantStatus: optionalChoice(MIGRANT_STATUSES),
  });

  return { single, optionalChoice, checkbox, sharedFields };
}
