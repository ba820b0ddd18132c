import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { CONTRACTS, OFFER_TYPES } from "../../db/enums";
import { multilineText, optionalText } from "./fields";
import { idField, isId } from "./params";

export const PLACEMENT_END_REASONS = [
  "contract_ended",
  "resigned",
  "dismissed",
  "business_closed",
  "moved",
  "other",
] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];

export const FOLLOWUP_NOTE_MAX = 1000;
export const END_NOTE_MAX = 500;
export const EMPLOYER_NAME_MAX = 120;

const isRealDate = (value: string) => isCalendarDate(value) && value >= "2000-01-01";

/** A day typed in a date field (YYYY-MM-DD, as browsers send it). */
const isoDate = z
  .string({ error: "placements:errors.dateRequired" })
  .trim()
  .min(1, { error: "placements:errors.dateRequired" })
  .refine((v) => isRealDate(v), { error: "placements:errors.dateInvalid" });

const optionalIsoDate = z
  .string({ error: "placements:errors.dateInvalid" })
  .trim()
  .refine((v) => v === "" || isRealDate(v), { error: "placements:errors.dateInvalid" })
  .optional()
  .transform((v) => v || undefined);

const note = multilineText;

const followupSchema = z.object({
  intent: z.literal("followup"),
  followupId: idField("placements:errors.notFound"),
  stillEmployed: z
    .enum(["yes", "no"], { error: "placements:errors.stillEmployedRequired" })
    .transform((v) => v === "yes"),
  note: note(FOLLOWUP_NOTE_MAX),
  doneOn: optionalIsoDate,
});

const endSchema = z
  .object({
    intent: z.literal("end"),
    placementId: idField("placements:errors.notFound"),
    endedOn: isoDate,
    reason: z.enum(PLACEMENT_END_REASONS, { error: "placements:errors.reasonRequired" }),
    note: note(END_NOTE_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "placements:errors.noteRequired" });
  });

/** Pay as people type it: `50000`, `50 000`, `50.000`; empty means not known. */
const pay = z
  .string({ error: "placements:errors.payInvalid" })
  .trim()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const digits = v.replace(/[\s.\u202f\u00a0]/g, "");
    if (!/^\d{1,9}$/.test(digits)) {
      ctx.addIssue({ code: "custom", message: "placements:errors.payInvalid" });
      return z.NEVER;
    }
    return Number(digits);
  })
  .optional();

const manualSchema = z
  .object({
    intent: z.literal("manual"),
    candidateId: idField("placements:errors.candidateRequired"),
    orgId: z
      .string()
      .trim()
      .refine((v) => v === "" || isId(v), { error: "placements:errors.employerNotFound" })
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
    employerName: optionalText(EMPLOYER_NAME_MAX),
    type: z.enum(OFFER_TYPES, { error: "validation.choose" }),
    contract: z.enum(CONTRACTS, { error: "validation.choose" }),
    startDate: isoDate,
    payAmount: pay,
  })
  .superRefine((value, ctx) => {
    if (value.orgId === undefined && value.employerName === undefined) {
      ctx.addIssue({ code: "custom", path: ["employerName"], message: "placements:errors.employerRequired" });
    }
    if (value.orgId !== undefined && value.employerName !== undefined) {
      ctx.addIssue({ code: "custom", path: ["employerName"], message: "placements:errors.employerBoth" });
    }
  });

/** The forms of /conseiller/placements, told apart by `intent`. */
export const placementActionSchema = z.discriminatedUnion("intent", [followupSchema, endSchema, manualSchema], {
  error: "placements:errors.unknownIntent",
});
export type PlacementAction = z.output<typeof placementActionSchema>;
