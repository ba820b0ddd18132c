import { z } from "zod";
import { REGION_CODES, SECTOR_CODES } from "~/utils/reference";
import {
  newPassword,
  oneOf,
  optionalEmail,
  optionalNif,
  optionalPhone,
  optionalRccm,
  personName,
  requiredText,
  ticked,
} from "./fields";

const person = z.object({
  firstName: personName,
  lastName: personName,
  phone: optionalPhone,
  email: optionalEmail,
  password: newPassword,
  passwordConfirm: z.string({ error: "validation.required" }),
  consent: ticked("validation.consentRequired"),
});

const candidate = person.extend({ accountType: z.literal("candidat") });

const employer = person.extend({
  accountType: z.literal("employeur"),
  orgName: requiredText(120),
  rccm: optionalRccm,
  nif: optionalNif,
  sector: oneOf(SECTOR_CODES),
  region: oneOf(REGION_CODES as [string, ...string[]]),
});

export const registrationSchema = z
  .discriminatedUnion("accountType", [candidate, employer], { error: "validation.accountType" })
  .superRefine(
    (value, ctx) => {
      if (!value.phone && !value.email) {
        ctx.addIssue({ code: "custom", path: ["phone"], message: "validation.contactRequired" });
      }
      if (value.password !== value.passwordConfirm) {
        ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
      }
      // Also when other fields are refused: every message shows at once.
    },
    { when: ({ value }) => typeof value === "object" && value !== null },
  );

export type Registration = z.output<typeof registrationSchema>;

export const loginSchema = z.object({
  identifier: requiredText(254),
  password: z
    .string({ error: "validation.required" })
    .min(1, { error: "validation.required" })
    .max(128, { error: "validation.invalidCredentials" }),
  redirectTo: z.string().max(2000).optional(),
});
