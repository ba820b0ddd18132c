import { z } from "zod";
import { FRAUD_REASONS } from "../../db/enums";
import { ifValidSoFar, PRINTABLE_MULTILINE } from "./fields";

export const DETAILS_MAX = 2000;

/** The report form of /offres/:offerId/signaler. `website` is the trap for robots, checked by the action. */
export const reportSchema = z
  .object({
    reason: z.enum(FRAUD_REASONS, { error: "moderation:report.errors.reasonRequired" }),
    details: z
      .string({ error: "validation.invalid" })
      .trim()
      .max(DETAILS_MAX, { error: "moderation:report.errors.detailsTooLong" })
      .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar })
      .optional()
      .transform((value) => (value ? value : undefined)),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.details) {
      ctx.addIssue({ code: "custom", path: ["details"], message: "moderation:report.errors.detailsRequired" });
    }
  });
export type ReportInput = z.output<typeof reportSchema>;
