// The counsellor's forms about candidates: the search of /conseiller/candidats,
// assigning, assisted registration, notes, referring; and the public form that
// sets a password with the SMS code (/activer-compte).
import { z } from "zod";
import { normalizeMaliPhone } from "~/utils/phone";
import { REGION_CODES, TRADE_CODES } from "~/utils/reference";
import { CONSENT_METHODS, SEXES } from "../../db/enums";
import { ifValidSoFar, newPassword, optionalEmail, optionalPhone, PRINTABLE_MULTILINE, smsCode } from "./fields";
import { idField, isId } from "./params";
import { profileFields } from "./profile-fields";

export const NOTE_MAX = 2000;
export const SEARCH_MAX = 100;
/** The checkbox groups of the assisted registration form. */
export const ASSISTED_LISTS = ["trades", "languages"];
/** Consent taken by a counsellor is oral or written ("online" is the person's own). */
export const ASSISTED_CONSENT_METHODS = CONSENT_METHODS.filter((m) => m !== "online") as ["oral", "written"];

const { single, optionalChoice, checkbox, sharedFields } = profileFields("counsellor");

/** A numeric id posted by a form; anything else is not an id. */
export const formId = single(idField("counsellor:errors.notFound"));

/**
 * A counsellor registers a person: the fields of the candidate's own profile,
 * a phone and an e-mail that may both be empty, the language of their SMS, and
 * how the person gave their consent (required: oral or written).
 */
export function assistedRegistrationSchema(today: string) {
  return z.strictObject(
    {
      ...sharedFields(today),
      phone: single(optionalPhone).transform((v) => v ?? null),
      email: single(optionalEmail).transform((v) => v ?? null),
      locale: single(z.enum(["fr", "en"], { error: "validation.choose" })),
      sex: optionalChoice(SEXES),
      smsConsent: checkbox,
      consentMethod: single(z.enum(ASSISTED_CONSENT_METHODS, { error: "counsellor:errors.consentMethodRequired" })),
    },
    { error: "counsellor:errors.unknownField" },
  );
}
export type AssistedRegistration = z.output<ReturnType<typeof assistedRegistrationSchema>>;

// The search is a GET form: a value that makes no sense is dropped, never an error page.
const lenient = <T extends z.ZodType>(inner: T) => inner.optional().catch(undefined);

export const candidateSearchSchema = z.object({
  q: lenient(
    z
      .string()
      .trim()
      .max(SEARCH_MAX)
      .transform((v) => v || undefined),
  ),
  region: lenient(z.enum(REGION_CODES)),
  trade: lenient(z.enum(TRADE_CODES as [string, ...string[]])),
  status: lenient(z.enum(["looking", "placed"])),
  mine: lenient(z.literal("1").transform(() => true)),
  page: lenient(z.coerce.number().int().min(1).max(10_000)),
});
export type CandidateSearch = z.output<typeof candidateSearchSchema>;

/** The list's assign buttons: to myself, or to the colleague chosen in the select. */
export const assignSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("assign.self"), candidateId: formId }),
    z.object({ intent: z.literal("assign.colleague"), candidateId: formId, counsellorId: formId }),
  ],
  { error: "counsellor:errors.unknownIntent" },
);

const noteBody = single(
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(NOTE_MAX, { error: "validation.tooLong" })
    .regex(PRINTABLE_MULTILINE, { error: "validation.invalidCharacters", ...ifValidSoFar }),
);

// By phone: the offer picked in the list, or its number typed when it is not listed.
const byPhone = <I extends "phone" | "phone.review">(intent: I) =>
  z
    .object({
      intent: z.literal(intent),
      offerId: single(z.string().trim().optional()),
      otherOfferId: single(z.string().trim().max(20, { error: "counsellor:errors.notFound" }).optional()),
    })
    .transform((v, ctx) => {
      const raw = v.otherOfferId || v.offerId;
      if (!raw) {
        ctx.addIssue({ code: "custom", path: ["otherOfferId"], message: "counsellor:errors.offerRequired" });
        return z.NEVER;
      }
      if (!isId(raw)) {
        ctx.addIssue({ code: "custom", path: ["otherOfferId"], message: "counsellor:errors.notFound" });
        return z.NEVER;
      }
      return { intent: v.intent, offerId: Number(raw) };
    });

/** The forms of a candidate's file, told apart by `intent`. */
export const candidateFileSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("note.add"), body: noteBody }),
    z.object({ intent: z.literal("refer"), offerId: formId }),
    z.object({ intent: z.literal("refer.review"), offerId: formId }),
    byPhone("phone"),
    byPhone("phone.review"),
    z.object({ intent: z.literal("code.resend") }),
    z.object({ intent: z.literal("password.reset") }),
    z.object({ intent: z.literal("assign.self") }),
  ],
  { error: "counsellor:errors.unknownIntent" },
);
export type CandidateFileInput = z.output<typeof candidateFileSchema>;

/** The matching page's "Proposer" (`review`: shows what will be sent) and its confirmation (`refer`: sends). */
export const referSchema = z.object({
  intent: z.enum(["review", "refer"], { error: "counsellor:errors.unknownIntent" }),
  candidateId: formId,
});

/** /activer-compte: phone, the 6-digit code of the SMS, the new password twice. */
export const activationSchema = z
  .object({
    phone: single(
      z
        .string({ error: "validation.required" })
        .trim()
        .min(1, { error: "validation.required" })
        .max(30, { error: "validation.phoneInvalid" })
        .transform((value, ctx) => {
          const phone = normalizeMaliPhone(value);
          if (!phone) {
            ctx.addIssue({ code: "custom", message: "validation.phoneInvalid" });
            return z.NEVER;
          }
          return phone;
        }),
    ),
    code: single(smsCode("counsellor:activation.errors.codeFormat")),
    password: single(newPassword),
    passwordConfirm: single(z.string({ error: "validation.required" })),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.passwordConfirm) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
    }
  });
