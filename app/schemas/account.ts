import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/utils/i18n";
import { newPassword as newPasswordField } from "./fields";

const currentPassword = z
  .string({ error: "validation.required" })
  .min(1, { error: "validation.required" })
  .max(128, { error: "candidate:errors.wrongPassword" });

/** Changing one's password: the current one, the new one twice. */
export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword,
    newPassword: newPasswordField,
    passwordConfirm: z.string({ error: "validation.required" }),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.passwordConfirm) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
    }
  });

/** Deleting one's account: the password, and a box saying they understand it is final. */
export const deleteAccountSchema = z.object({
  intent: z.literal("delete"),
  password: currentPassword,
  understand: z.literal("on", { error: "candidate:errors.understandRequired" }),
});

/** The language of one's SMS and e-mails (the pages' language is the header's switch, a cookie). */
export const languageSchema = z.object({
  intent: z.literal("language"),
  locale: z.enum(SUPPORTED_LOCALES, { error: "candidate:errors.localeInvalid" }),
});
