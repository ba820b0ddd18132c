import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { LANGUAGE_CODES, REGION_CODES, SECTOR_CODES, TRADE_CODES } from "~/utils/reference";
import { CONTRACTS, type Contract, EDUCATION_LEVELS, OFFER_TYPES } from "../../db/enums";
import { multilineText, oneOf, optionalText, requiredText } from "./fields";

const date = (required: boolean) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .refine((v) => (v === "" ? !required : isCalendarDate(v)), {
      error: required ? "offer.form.dateRequired" : "validation.dateInvalid",
    })
    .transform((v) => (v === "" ? undefined : v));

const wholeNumber = (min: number, max: number, required: boolean) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    // People write 50 000 or 50.000: spaces and dots between thousands are accepted.
    .transform((v) => v.replace(/[\s.\u202f\u00a0]/g, ""))
    .refine((v) => (v === "" ? !required : /^\d{1,9}$/.test(v)), {
      error: required ? "validation.required" : "validation.number",
    })
    .transform((v) => (v === "" ? undefined : Number(v)))
    .refine((v) => v === undefined || (v >= min && v <= max), {
      error: "validation.numberRange",
    });

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string({ error: "validation.choose" })
    .refine((v) => v === "" || (values as readonly string[]).includes(v), { error: "validation.choose" })
    .transform((v) => (v === "" ? undefined : (v as T[number])));

import { CONTRACTS_BY_TYPE } from "./offer-types";

export { CONTRACTS_BY_TYPE };

// A checkbox group: absent when nothing is ticked, a string for one box, a list for several.
const stringList = z
  .union([z.string(), z.array(z.string())], { error: "validation.invalid" })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v === "" ? [] : [v]));

/** The posting form, for the four types. Fields that do not apply to a type are ignored. */
export const offerSchema = z
  .object({
    type: oneOf(OFFER_TYPES),
    title: requiredText(120).refine((v) => v.length >= 4, { error: "offer.form.titleTooShort" }),
    description: multilineText(5000).refine((v) => v !== undefined && v.length >= 30, {
      error: "offer.form.descriptionTooShort",
    }),
    sector: oneOf(SECTOR_CODES),
    trade: optionalChoice(TRADE_CODES as unknown as [string, ...string[]]),
    region: oneOf(REGION_CODES as unknown as [string, ...string[]]),
    commune: optionalText(80),
    positions: wholeNumber(1, 500, true),
    minEducation: optionalChoice(EDUCATION_LEVELS),
    languages: stringList.refine(
      (list) =>
        list.length <= LANGUAGE_CODES.length && list.every((l) => (LANGUAGE_CODES as readonly string[]).includes(l)),
      {
        error: "validation.choose",
      },
    ),
    startDate: date(false),
    closingDate: date(true),
    contract: optionalChoice(CONTRACTS),
    payAmount: wholeNumber(0, 10_000_000, false),
    payPeriod: optionalChoice(["month", "day"] as const),
    durationMonths: wholeNumber(1, 48, false),
    provider: optionalText(120),
    endDate: date(false),
    certificate: optionalText(120),
    // A convention's commitment, `<conventionId>:<key>`; absent when the form had no such field (nothing to change).
    commitment: z
      .string({ error: "validation.choose" })
      .trim()
      .regex(/^(\d{1,9}:\d{1,5})?$/, { error: "validation.choose" })
      .optional()
      .transform((v) => {
        if (v === undefined) return undefined;
        const [conventionId, key] = v.split(":").map(Number);
        return v === "" ? null : { conventionId: conventionId!, key: key! };
      }),
  })
  // Runs even when other fields are refused, so that an empty form shows every message at once.
  .superRefine(
    (offer, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (offer.type === "emploi") {
        if (!offer.contract || !CONTRACTS_BY_TYPE.emploi.includes(offer.contract))
          issue("contract", "validation.choose");
        if (offer.payAmount === undefined) issue("payAmount", "offer.form.payRequired");
        if (!offer.payPeriod) issue("payPeriod", "validation.choose");
      }
      if ((offer.type === "apprentissage" || offer.type === "stage") && offer.durationMonths === undefined) {
        issue("durationMonths", "offer.form.durationRequired");
      }
      if (offer.type === "formation") {
        if (!offer.provider) issue("provider", "validation.required");
        if (!offer.startDate) issue("startDate", "offer.form.dateRequired");
        if (!offer.endDate) issue("endDate", "offer.form.dateRequired");
        else if (offer.startDate && offer.endDate < offer.startDate) issue("endDate", "offer.form.endBeforeStart");
      }
    },
    { when: ({ value }) => typeof value === "object" && value !== null },
  )
  .transform((offer) => {
    // Keep only what the type uses, so a changed type leaves no stray field behind.
    const type = offer.type;
    const contract: Contract = type === "emploi" ? offer.contract! : (CONTRACTS_BY_TYPE[type][0] as Contract);
    return {
      type,
      title: offer.title,
      description: offer.description!,
      sector: offer.sector,
      trade: offer.trade ?? null,
      region: offer.region,
      commune: offer.commune ?? null,
      positions: offer.positions!,
      minEducation: offer.minEducation ?? null,
      languages: [...new Set(offer.languages)],
      startDate: offer.startDate ?? null,
      closingDate: offer.closingDate!,
      contract,
      payAmount: type === "formation" ? null : (offer.payAmount ?? null),
      payPeriod: type === "emploi" ? (offer.payPeriod ?? "month") : ("month" as const),
      durationMonths: type === "emploi" ? null : (offer.durationMonths ?? null),
      provider: type === "formation" ? (offer.provider ?? null) : null,
      endDate: type === "formation" ? (offer.endDate ?? null) : null,
      certificate: type === "formation" ? (offer.certificate ?? null) : null,
      commitment: offer.commitment,
    };
  });

export type OfferInput = z.output<typeof offerSchema>;

export const OFFER_INTENTS = ["draft", "submit"] as const;
export type OfferIntent = (typeof OFFER_INTENTS)[number];
