// The convention form (signing and amending): fixed fields, then rows of commitments
// (`c0_quantity`, `c1_trade`…) and contributions (`k0_description`…) that a page
// without JavaScript renders in a number it chooses. A wholly empty row is ignored.
import { z } from "zod";
import { addMonths, isCalendarDate } from "~/utils/dates";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { formValues } from "~/utils/forms";
import { REGION_CODES, TRADE_CODES } from "~/utils/reference";
import { COMMITMENT_AUDIENCES, OFFER_TYPES } from "../../db/enums";
import { ifValidSoFar, multilineText, oneOf, requiredText } from "./fields";

export const MAX_COMMITMENTS = 20;
export const MAX_CONTRIBUTIONS = 10;
export const MAX_YEARS = 5;
export const SIGNATORIES_MAX = 2000;
export const REASON_MAX = 1000;
export const REFERENCE_MAX = 40;

const COMMITMENT_FIELDS = ["key", "offerType", "quantity", "trade", "region", "durationMonths", "audience"] as const;
const CONTRIBUTION_FIELDS = ["partnerId", "description", "amountFcfa"] as const;

const date = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .refine(isCalendarDate, { error: "validation.dateInvalid" });

const whole = (min: number, max: number, required: boolean) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    // 50 000 or 50.000: spaces and dots between thousands are accepted.
    .transform((v) => v.replace(/[\s.\u202f\u00a0]/g, ""))
    .refine((v) => v !== "" || !required, { error: "validation.required" })
    .refine((v) => v === "" || /^\d{1,10}$/.test(v), { error: "validation.number", ...ifValidSoFar })
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= min && v <= max), { error: "validation.numberRange" });

const optionalCode = <T extends string>(codes: readonly T[]) =>
  z
    .string({ error: "validation.choose" })
    .refine((v) => v === "" || (codes as readonly string[]).includes(v), { error: "validation.choose" })
    .transform((v) => (v === "" ? null : (v as T)));

const commitmentSchema = z.object({
  row: z.number(),
  key: whole(1, 10_000, false),
  offerType: oneOf(OFFER_TYPES),
  quantity: whole(1, 10_000, true).transform((v) => v ?? 0),
  trade: optionalCode(TRADE_CODES),
  region: optionalCode(REGION_CODES),
  durationMonths: whole(1, 60, false),
  audience: oneOf(COMMITMENT_AUDIENCES),
});

const contributionSchema = z.object({
  row: z.number(),
  partnerId: whole(1, 1e12, true).transform((v) => v ?? 0),
  description: requiredText(300),
  amountFcfa: whole(0, 1_000_000_000, false),
});

const rows = <S extends z.ZodType>(schema: S, max: number) =>
  z.array(schema).max(max, { error: "conventions:errors.tooManyRows" });

const terms = {
  signedOn: date,
  startDate: date,
  endDate: date,
  commitments: rows(commitmentSchema, MAX_COMMITMENTS).min(1, { error: "conventions:errors.noCommitment" }),
  contributions: rows(contributionSchema, MAX_CONTRIBUTIONS),
};

function checkDates(value: { startDate: string; endDate: string }, ctx: z.RefinementCtx) {
  if (!isCalendarDate(value.startDate) || !isCalendarDate(value.endDate)) return;
  if (value.endDate <= value.startDate)
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "conventions:errors.endBeforeStart" });
  else if (value.endDate > addMonths(value.startDate, MAX_YEARS * 12))
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "conventions:errors.tooLong" });
}

const dateCheck = { when: ({ value }: { value: unknown }) => typeof value === "object" && value !== null };

export const signConventionSchema = z
  .object({
    reference: requiredText(REFERENCE_MAX).regex(/^[\p{L}\p{N}][\p{L}\p{N} /_.-]*$/u, {
      error: "conventions:errors.referenceInvalid",
    }),
    signatories: multilineText(SIGNATORIES_MAX).refine((v) => v !== undefined, { error: "validation.required" }),
    partnerIds: z
      .array(
        z
          .string()
          .regex(/^[1-9]\d{0,11}$/, { error: "validation.choose" })
          .transform(Number),
        {
          error: "validation.choose",
        },
      )
      .max(20, { error: "validation.choose" }),
    ...terms,
  })
  .superRefine(checkDates, dateCheck);

export const amendConventionSchema = z
  .object({
    reason: requiredText(REASON_MAX).refine((v) => v.length >= 3, { error: "conventions:errors.reasonTooShort" }),
    ...terms,
  })
  .superRefine(checkDates, dateCheck);

export type SignConventionInput = z.output<typeof signConventionSchema>;
export type AmendConventionInput = z.output<typeof amendConventionSchema>;
export type CommitmentInput = z.output<typeof commitmentSchema>;
export type ContributionInput = z.output<typeof contributionSchema>;

/** How many rows of each kind the posted form had (hidden fields), within bounds. */
export function rowCounts(formData: FormData) {
  const count = (name: string, max: number) => {
    const n = Number(formData.get(name));
    return Number.isInteger(n) && n > 0 ? Math.min(n, max) : 0;
  };
  return { commitments: count("commitmentRows", MAX_COMMITMENTS + 3), contributions: count("contributionRows", 13) };
}

/** The non-empty rows of one kind, each with its index in the form (to put its errors back on it). */
function postedRows(formData: FormData, prefix: string, fields: readonly string[], count: number, skip: string[]) {
  const found: Record<string, string | number>[] = [];
  for (let row = 0; row < count; row++) {
    const value = (field: string) => {
      const v = formData.get(`${prefix}${row}_${field}`);
      return typeof v === "string" ? v : "";
    };
    // A row ticked "remove", or with nothing typed (defaults such as the audience aside), is left out.
    if (value("remove") === "on") continue;
    if (fields.every((field) => skip.includes(field) || value(field).trim() === "")) continue;
    found.push({ row, ...Object.fromEntries(fields.map((field) => [field, value(field)])) });
  }
  return found;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: FormValues };

/** Reads and checks the posted convention form; errors are keyed by the form's field names. */
export function parseConventionForm<S extends typeof signConventionSchema | typeof amendConventionSchema>(
  schema: S,
  formData: FormData,
): Parsed<z.output<S>> {
  const counts = rowCounts(formData);
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const input = {
    reference: text("reference"),
    signatories: text("signatories"),
    reason: text("reason"),
    signedOn: text("signedOn"),
    startDate: text("startDate"),
    endDate: text("endDate"),
    partnerIds: formData.getAll("partnerIds").filter((v) => typeof v === "string" && v !== ""),
    commitments: postedRows(formData, "c", COMMITMENT_FIELDS, counts.commitments, ["key", "audience"]),
    contributions: postedRows(formData, "k", CONTRIBUTION_FIELDS, counts.contributions, []),
  };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [first, index, field] = issue.path;
    let name = String(first ?? "form");
    if ((first === "commitments" || first === "contributions") && typeof index === "number") {
      const row = input[first][index]?.row;
      name = `${first === "commitments" ? "c" : "k"}${row}_${String(field ?? "")}`;
    }
    fieldErrors[name] ??= /^[a-z][\w-]*(:[\w-]+)?(\.[\w-]+)+$/.test(issue.message)
      ? issue.message
      : "validation.invalid";
  }
  return { ok: false, fieldErrors, values: formValues(formData) };
}
