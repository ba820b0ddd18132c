import { z } from "zod";
import { isCalendarDate, isoToday } from "~/utils/dates";
import { REFUSAL_REASONS } from "../../db/enums";
import { ifValidSoFar, PRINTABLE, PRINTABLE_MULTILINE } from "./fields";
import { isId } from "./params";

export const MESSAGE_MAX = 2000;
export const PLACE_MAX = 200;
export const NOTE_MAX = 500;

/** The apply form: an optional message and the CV choice (`""`: send without a CV). */
export const applySchema = z.object({
  message: z
    .string({ error: "validation.invalid" })
    .trim()
    .max(MESSAGE_MAX, { error: "applications:errors.messageTooLong" })
    .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
    .optional()
    .transform((value) => value || null),
  cvFileId: z
    .string({ error: "applications:errors.cvInvalid" })
    .refine((value) => value === "" || isId(value), { error: "applications:errors.cvInvalid" })
    .optional()
    .transform((value) => (value ? Number(value) : null)),
});
export type ApplyForm = z.output<typeof applySchema>;

/** A real calendar moment written as `value` (no 30 February rolled into March), on a day the portal counts with. */
function isRealDate(value: string, suffix: string) {
  const time = Date.parse(`${value}${suffix}`);
  return isCalendarDate(value.slice(0, 10)) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

// `datetime-local` sends `2026-03-10T09:30`; Mali is on UTC, so it is read as UTC.
const interviewAt = z
  .string({ error: "applications:errors.interviewAtRequired" })
  .trim()
  .min(1, { error: "applications:errors.interviewAtRequired" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "applications:errors.interviewAtInvalid", ...ifValidSoFar })
  .refine((value) => isRealDate(value, ":00Z"), { error: "applications:errors.interviewAtInvalid", ...ifValidSoFar })
  .refine((value) => value.slice(0, 10) >= isoToday(), {
    error: "applications:errors.interviewAtPast",
    ...ifValidSoFar,
  });

const isoDate = z
  .string({ error: "applications:errors.startDateInvalid" })
  .trim()
  .regex(/^(?:|\d{4}-\d{2}-\d{2})$/, { error: "applications:errors.startDateInvalid" })
  .refine((value) => value === "" || isRealDate(value, "T00:00:00Z"), {
    error: "applications:errors.startDateInvalid",
    ...ifValidSoFar,
  })
  .optional()
  .transform((value) => value || null);

const place = z
  .string({ error: "applications:errors.placeRequired" })
  .trim()
  .min(1, { error: "applications:errors.placeRequired" })
  .max(PLACE_MAX, { error: "applications:errors.placeTooLong" })
  .regex(PRINTABLE, { error: "validation.invalidCharacters", ...ifValidSoFar });

const note = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(NOTE_MAX, { error: "applications:errors.noteTooLong" })
  .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
  .optional()
  .transform((value) => value || null);

/** One move of the employer's pipeline, told apart by `to` (each is its own small form). */
export const moveSchema = z.discriminatedUnion(
  "to",
  [
    z.object({ to: z.literal("shortlisted") }),
    z.object({ to: z.literal("interview"), interviewAt, interviewPlace: place }),
    z.object({ to: z.literal("offered") }),
    z.object({ to: z.literal("hired"), startDate: isoDate }),
    z.object({
      to: z.literal("rejected"),
      refusalReason: z.enum(REFUSAL_REASONS, { error: "applications:errors.refusalReasonRequired" }),
      note,
    }),
  ],
  { error: "applications:errors.unknownMove" },
);
export type MoveForm = z.output<typeof moveSchema>;
