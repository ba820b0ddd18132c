import { z } from "zod";
import { ifValidSoFar, PRINTABLE_MULTILINE } from "./fields";

/** Why a candidate declines a job offer: a short coded list the reports can count, and optional words. */
export const OFFER_DECLINE_REASONS = ["pay", "distance", "hours", "other_job", "personal", "other"] as const;
export const DECLINE_WORDS_MAX = 300;

/** The candidate's (or their counsellor's) answer to a job offer, told apart by `answer`. */
export const offerAnswerSchema = z.discriminatedUnion(
  "answer",
  [
    z.object({ answer: z.literal("accept") }),
    z.object({
      answer: z.literal("decline"),
      reason: z.enum(OFFER_DECLINE_REASONS, { error: "answers:errors.reasonRequired" }),
      words: z
        .string({ error: "validation.invalid" })
        .trim()
        .max(DECLINE_WORDS_MAX, { error: "answers:errors.wordsTooLong" })
        .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
        .optional()
        .transform((value) => value || null),
    }),
  ],
  { error: "answers:errors.unknownAnswer" },
);
export type OfferAnswerForm = z.output<typeof offerAnswerSchema>;
