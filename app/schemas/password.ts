import { z } from "zod";
import { normalizeMaliPhone } from "~/utils/phone";
import { newPassword, smsCode } from "./fields";

/** The phone number (normalised to +223…) or the e-mail address (lower-cased) of an account. */
const phoneOrEmail = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.tooLong" })
  .transform((value, ctx) => {
    const found = value.includes("@")
      ? z.email().safeParse(value.toLowerCase()).data
      : (normalizeMaliPhone(value) ?? undefined);
    if (!found) {
      ctx.addIssue({ code: "custom", message: "password:errors.identifierInvalid" });
      return z.NEVER;
    }
    return found;
  });

const twoPasswords = { password: newPassword, passwordConfirm: z.string({ error: "validation.required" }) };

function samePasswords(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
  }
}
// Also when other fields are refused: every message shows at once.
const whenObject = { when: ({ value }: { value: unknown }) => typeof value === "object" && value !== null };

/** /mot-de-passe-oublie: the account's phone or e-mail. */
export const forgottenPasswordSchema = z.object({ identifier: phoneOrEmail });

/** /nouveau-mot-de-passe with the SMS code: the phone or e-mail, the code, the new password twice. */
export const resetWithCodeSchema = z
  .object({ identifier: phoneOrEmail, code: smsCode("password:errors.codeFormat"), ...twoPasswords })
  .superRefine(samePasswords, whenObject);

/** /nouveau-mot-de-passe?jeton=…, from the e-mail's link: only the new password twice. */
export const resetWithTokenSchema = z.object(twoPasswords).superRefine(samePasswords, whenObject);
