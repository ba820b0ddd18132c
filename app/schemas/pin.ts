import { z } from "zod";

/** Setting one's PIN on the web: 4 digits twice, and the current password (the page may be on a shared computer). */
export const setPinSchema = z
  .object({
    intent: z.literal("pin"),
    pin: z
      .string({ error: "pin:errors.required" })
      .trim()
      .min(1, { error: "pin:errors.required" })
      .regex(/^\d{4}$/, { error: "pin:errors.format" }),
    pinConfirm: z
      .string({ error: "pin:errors.confirmRequired" })
      .trim()
      .min(1, { error: "pin:errors.confirmRequired" }),
    currentPassword: z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .max(128, { error: "candidate:errors.wrongPassword" }),
  })
  .superRefine((value, ctx) => {
    if (/^\d{4}$/.test(value.pin) && value.pin !== value.pinConfirm) {
      ctx.addIssue({ code: "custom", path: ["pinConfirm"], message: "pin:errors.mismatch" });
    }
  });
