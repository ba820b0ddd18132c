import { z } from "zod";
import { normalizeMaliPhone } from "~/utils/phone";
import { SECTOR_CODES } from "~/utils/reference";
import { MEMBERSHIPS } from "../../db/enums";
import {
  newPassword,
  oneOf,
  optionalNif,
  optionalRccm,
  personName,
  placeAndContactFields,
  requiredText,
  ticked,
} from "./fields";

/** The organisation page's form. Registration numbers stay optional (informal workshops). */
export const organisationSchema = z.object({
  name: requiredText(120),
  rccm: optionalRccm,
  nif: optionalNif,
  sector: oneOf(SECTOR_CODES),
  ...placeAndContactFields,
  membership: oneOf(MEMBERSHIPS),
});

export type OrganisationInput = z.output<typeof organisationSchema>;

/** A colleague to invite: one phone number or one e-mail address, in one box. */
export const invitationSchema = z.object({
  contact: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(254, { error: "validation.tooLong" })
    .transform((value, ctx): { phone?: string; email?: string } => {
      if (value.includes("@")) {
        const email = z.email().safeParse(value.toLowerCase());
        if (email.success) return { email: email.data };
        ctx.addIssue({ code: "custom", message: "validation.emailInvalid" });
        return z.NEVER;
      }
      const phone = normalizeMaliPhone(value);
      if (phone) return { phone };
      ctx.addIssue({ code: "custom", message: "employer:invite.contactInvalid" });
      return z.NEVER;
    }),
});

/** The invited person's account: the contact comes from the invitation, not from the form. */
export const invitedAccountSchema = z
  .object({
    firstName: personName,
    lastName: personName,
    password: newPassword,
    passwordConfirm: z.string({ error: "validation.required" }),
    consent: ticked("validation.consentRequired"),
  })
  .refine((value) => value.password === value.passwordConfirm, {
    path: ["passwordConfirm"],
    error: "validation.passwordMismatch",
    // Checked even when another field is wrong, so that every message shows at once.
    when: ({ value }) => {
      const v = (value ?? {}) as { password?: unknown; passwordConfirm?: unknown };
      return typeof v.password === "string" && typeof v.passwordConfirm === "string";
    },
  });

export type InvitedAccountInput = z.output<typeof invitedAccountSchema>;
