import { z } from "zod";
import { ifValidSoFar, PRINTABLE_MULTILINE } from "./fields";
import { idField } from "./params";

export const REASON_MAX = 500;

const subjectId = idField("moderation:errors.notFound");

/** The reason the employer will read: required to reject or suspend. */
const reason = z
  .string({ error: "moderation:errors.reasonRequired" })
  .trim()
  .min(1, { error: "moderation:errors.reasonRequired" })
  .max(REASON_MAX, { error: "moderation:errors.reasonTooLong" })
  .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar });

export const MODERATION_INTENTS = [
  "org.verify",
  "org.reject",
  "org.suspend",
  "offer.publish",
  "offer.reject",
  "reports.dismiss",
  "reports.suspend",
  "identity.accept",
  "identity.refuse",
] as const;
export type ModerationIntent = (typeof MODERATION_INTENTS)[number];

/** The forms of /conseiller/moderation: one per decision, told apart by `intent`. */
export const moderationSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("org.verify"), orgId: subjectId }),
    z.object({ intent: z.literal("org.reject"), orgId: subjectId, reason }),
    z.object({ intent: z.literal("org.suspend"), orgId: subjectId, reason }),
    z.object({ intent: z.literal("offer.publish"), offerId: subjectId }),
    z.object({ intent: z.literal("offer.reject"), offerId: subjectId, reason }),
    z.object({ intent: z.literal("reports.dismiss"), offerId: subjectId }),
    z.object({ intent: z.literal("reports.suspend"), offerId: subjectId, reason }),
    z.object({ intent: z.literal("identity.accept"), requestId: subjectId }),
    z.object({ intent: z.literal("identity.refuse"), requestId: subjectId, reason }),
  ],
  { error: "moderation:errors.unknownIntent" },
);
export type ModerationInput = z.output<typeof moderationSchema>;
