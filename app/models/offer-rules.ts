// The rules an offer must follow (DESIGN.md "Trust and data protection"), as data
// and pure functions, so that the form, the model and the tests share one copy.
import type { Contract } from "../../db/schema";
import { addDays } from "../utils/dates";
import { SMIG_FCFA } from "../utils/reference";
import type { FieldErrors } from "../utils/forms";

/** Lower-cased, accents removed: rules are written once, without accents. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export type ContactFound = { kind: "phone" | "email" | "link"; text: string };

const CONTACT_PATTERNS: { kind: ContactFound["kind"]; pattern: RegExp }[] = [
  { kind: "email", pattern: /[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\))\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu },
  {
    kind: "link",
    pattern: /\b(?:https?:\/\/|www\.)\S+|\b[\p{L}\p{N}-]+\.(?:com|ml|org|net|fr|info|biz|io|me|co|africa)(?:\/\S*)?\b|\bwa\.me\/\S*/giu,
  },
  // A Malian number however it is spaced (70 12 34 56, +223-70.12.34.56), or any
  // international one written with + or 00.
  {
    kind: "phone",
    pattern: /(?<!\d)(?:(?:\+|00)\s?223[\s.-]?)?[2-9]\d(?:[\s.-]?\d{2}){3}(?!\d)|(?:\+|\b00)\d(?:[\s.-]?\d){7,}/g,
  },
];

// 2026-12-01, 01/12/2026 and 2026-2027 have eight digits too, but are dates.
const DATE_LIKE = /^(?:\d{4}[-/.]\d{2}[-/.]\d{2}|\d{2}[-/.]\d{2}[-/.]\d{4}|\d{4}\s?[-/]\s?\d{4})$/;

/** Phone numbers, e-mail addresses and links in a text (contact goes through the portal). */
export function findContactDetails(text: string): ContactFound[] {
  const found: ContactFound[] = [];
  let rest = text;
  for (const { kind, pattern } of CONTACT_PATTERNS) {
    for (const match of rest.matchAll(pattern)) {
      const text = match[0].trim();
      if (!(kind === "phone" && DATE_LIKE.test(text))) found.push({ kind, text });
    }
    // An e-mail's domain is not reported again as a link.
    rest = rest.replace(pattern, " ");
  }
  return found;
}

export type RiskRuleCode = "first_offer" | "asks_money" | "work_abroad" | "reported" | "resubmitted";

export type RiskContext = { text: string; publishedOffersOfOrg: number };

type RiskRule = { code: RiskRuleCode; holds: (context: RiskContext) => boolean };

const mentions = (words: string[]) => {
  const pattern = new RegExp(`(?:^|[^\\p{L}])(?:${words.join("|")})(?=$|[^\\p{L}])`, "u");
  return ({ text }: RiskContext) => pattern.test(foldText(text));
};

/**
 * The risk rules that hold a verified organisation's offer for a counsellor
 * before it is published. Each has a code, whose reason is written in locales
 * (`moderation.flag.<code>`). Words are written without accents.
 */
export const RISK_RULES: RiskRule[] = [
  { code: "first_offer", holds: ({ publishedOffersOfOrg }) => publishedOffersOfOrg === 0 },
  {
    code: "asks_money",
    holds: mentions([
      "frais de dossier",
      "frais d'inscription",
      "frais de formation a payer",
      "frais de recrutement",
      "caution",
      "payer",
      "payez",
      "paiement",
      "versement",
      "verser",
      "cotisation",
      "orange money",
      "moov money",
      "mobile money",
      "wave",
      "application fee",
      "deposit",
    ]),
  },
  {
    code: "work_abroad",
    holds: mentions([
      "visa",
      "passeport",
      "europe",
      "etranger",
      "libye",
      "algerie",
      "maroc",
      "tunisie",
      "arabie",
      "saoudite",
      "dubai",
      "qatar",
      "koweit",
      "liban",
      "espagne",
      "italie",
      "france",
      "allemagne",
      "canada",
      "abroad",
      "overseas",
    ]),
  },
];

/** The codes of the risk rules that hold this offer. */
export function riskFlags(context: RiskContext): RiskRuleCode[] {
  return RISK_RULES.filter((rule) => rule.holds(context)).map((rule) => rule.code);
}

export type OfferRuleInput = {
  title: string;
  description: string;
  contract: Contract;
  payAmount?: number | null;
  payPeriod?: string | null;
  closingDate: string;
};

const CONTRACTS_UNDER_SMIG_RULE: Contract[] = ["cdi", "cdd"];
const MAX_CLOSING_DAYS = 366;

/**
 * The business rules of an offer's content, as field errors: closing date in the
 * future (at most a year ahead), no pay under the SMIG for cdi and cdd (monthly),
 * no phone, e-mail or link in title or description.
 */
export function checkOfferRules(input: OfferRuleInput, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (input.closingDate <= today) errors.closingDate = "offer.rules.closingDateFuture";
  else if (input.closingDate > addDays(today, MAX_CLOSING_DAYS)) errors.closingDate = "offer.rules.closingDateTooFar";

  if (CONTRACTS_UNDER_SMIG_RULE.includes(input.contract)) {
    if (input.payPeriod !== "month") errors.payPeriod = "offer.rules.monthlyPayRequired";
    else if (input.payAmount == null || input.payAmount < SMIG_FCFA) {
      errors.payAmount = { key: "offer.rules.underSmig", values: { smig: SMIG_FCFA } };
    }
  }

  for (const field of ["title", "description"] as const) {
    const found = findContactDetails(input[field]);
    if (found.length > 0) {
      errors[field] = {
        key: `offer.rules.contactIn.${found[0]!.kind}`,
        values: { found: found.map((f) => f.text).join(", ") },
      };
    }
  }
  return errors;
}
