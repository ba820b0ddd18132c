import { z } from "zod";
import { PROGRAMME_KINDS, type ProgrammeText, type ProgrammeTexts } from "../../db/enums";
import { ifValidSoFar, oneOf, PRINTABLE, PRINTABLE_MULTILINE } from "./fields";
import { idField } from "./params";

export const PROGRAMME_LANGUAGES = ["fr", "en", "bm"] as const;
export type ProgrammeLanguage = (typeof PROGRAMME_LANGUAGES)[number];

/** A programme's text fields, with the most characters each may hold (steps and documents: per line). */
export const TEXT_LIMITS = {
  title: 120,
  summary: 400,
  eligibility: 2000,
  companyCommits: 2000,
  partnersBring: 2000,
  steps: 300,
  documents: 300,
} as const;
export type TextField = keyof typeof TEXT_LIMITS;
export const TEXT_FIELDS = Object.keys(TEXT_LIMITS) as TextField[];
const LIST_FIELDS: readonly TextField[] = ["steps", "documents"];
export const MAX_LINES = 20;
export const MAX_AMOUNT_FCFA = 100_000_000;
export const MAX_DURATION_MONTHS = 60;

/** The form's name of a text field in one language: `fr_title`, `en_steps`. */
export const fieldName = (lang: ProgrammeLanguage, field: TextField) => `${lang}_${field}`;

const ADMIN = "programmes-admin:errors";

const text = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .regex(max > TEXT_LIMITS.title ? PRINTABLE_MULTILINE : PRINTABLE, {
      error: "validation.invalidCharacters",
      ...ifValidSoFar,
    })
    .optional();

// One item a line, blank lines dropped; the whole textarea is measured first so that a huge paste costs one check.
const lines = z
  .string({ error: "validation.invalid" })
  .max(MAX_LINES * (TEXT_LIMITS.steps + 2), { error: `${ADMIN}.tooManyLines` })
  .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
  .transform((v) =>
    v
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length <= MAX_LINES, { error: `${ADMIN}.tooManyLines`, ...ifValidSoFar })
  .refine((list) => list.every((line) => line.length <= TEXT_LIMITS.steps), {
    error: `${ADMIN}.lineTooLong`,
    ...ifValidSoFar,
  })
  .optional();

const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    // People write 50 000 or 50.000: spaces and dots between thousands are accepted.
    .transform((v) => v.replace(/[\s.\u202f\u00a0]/g, ""))
    .refine((v) => v === "" || /^\d{1,10}$/.test(v), { error: "validation.number" })
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= min && v <= max), { error: "validation.numberRange", ...ifValidSoFar })
    .optional()
    .transform((v) => v ?? null);

const idList = z
  .union([z.string(), z.array(z.string())], { error: "validation.invalid" })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v === "" ? [] : [v]))
  .refine((list) => list.length <= 50 && list.every((id) => /^[1-9]\d{0,11}$/.test(id)), {
    error: `${ADMIN}.partnerUnknown`,
  })
  .transform((list) => [...new Set(list.map(Number))]);

const textShape = Object.fromEntries(
  PROGRAMME_LANGUAGES.flatMap((lang) =>
    TEXT_FIELDS.map((field) => [
      fieldName(lang, field),
      LIST_FIELDS.includes(field) ? lines : text(TEXT_LIMITS[field]),
    ]),
  ),
) as Record<string, typeof lines | ReturnType<typeof text>>;

type RawTexts = Record<string, string | string[] | undefined>;

/**
 * French is whole (every field filled); English and Bambara are either absent or whole, so that
 * a page never mixes two languages field by field: a missing language reads the French entire.
 */
function checkLanguages(raw: RawTexts, ctx: z.RefinementCtx) {
  for (const lang of PROGRAMME_LANGUAGES) {
    const filled = (field: TextField) => {
      const value = raw[fieldName(lang, field)];
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    };
    if (lang !== "fr" && !TEXT_FIELDS.some(filled)) continue;
    for (const field of TEXT_FIELDS) {
      if (filled(field)) continue;
      const message = lang === "fr" ? "validation.required" : `${ADMIN}.languageIncomplete`;
      ctx.addIssue({ code: "custom", path: [fieldName(lang, field)], message });
    }
  }
}

function toTexts(raw: RawTexts): ProgrammeTexts {
  const one = (lang: ProgrammeLanguage): ProgrammeText =>
    Object.fromEntries(TEXT_FIELDS.map((field) => [field, raw[fieldName(lang, field)]])) as ProgrammeText;
  const texts: ProgrammeTexts = { fr: one("fr") };
  for (const lang of ["en", "bm"] as const) {
    if (TEXT_FIELDS.some((field) => raw[fieldName(lang, field)]?.length)) texts[lang] = one(lang);
  }
  return texts;
}

/** The admin's programme form: kind, texts in up to three languages, the figures, the partners. */
export const programmeSchema = z
  .object({
    kind: oneOf(PROGRAMME_KINDS),
    ...textShape,
    stipendFcfa: wholeNumber(0, MAX_AMOUNT_FCFA),
    trainingFcfa: wholeNumber(0, MAX_AMOUNT_FCFA),
    durationMonths: wholeNumber(1, MAX_DURATION_MONTHS),
    insurance: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    partnerIds: idList,
  })
  // Runs even when other fields are refused, so that every missing text shows at once.
  .superRefine((input, ctx) => checkLanguages(input as unknown as RawTexts, ctx), {
    when: ({ value }) => typeof value === "object" && value !== null,
  })
  .transform((input) => ({
    kind: input.kind,
    texts: toTexts(input as unknown as RawTexts),
    stipendFcfa: input.stipendFcfa,
    trainingFcfa: input.trainingFcfa,
    durationMonths: input.durationMonths,
    insurance: input.insurance,
    partnerIds: input.partnerIds,
  }));
export type ProgrammeInput = z.output<typeof programmeSchema>;

/** The list's buttons: publish, archive, move up or down one programme. */
export const programmeMoveSchema = z.object({
  intent: z.enum(["publish", "archive", "up", "down"], { error: "programmes-admin:errors.unknownIntent" }),
  programmeId: idField("programmes-admin:errors.notFound"),
});

export const NEED_MAX = 1000;
export const CONTACT_MAX = 200;

const requiredMultiline = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(max, { error: "validation.tooLong" })
    .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar });

/** A company's interest in a programme: what it would like to do, and how and when to reach it. */
export const interestSchema = z.object({
  need: requiredMultiline(NEED_MAX),
  contact: requiredMultiline(CONTACT_MAX),
});
export type InterestInput = z.output<typeof interestSchema>;
