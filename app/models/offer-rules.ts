// The rules an offer must follow, as data
// and pure functions, so that the model and the tests share one copy. Server
// side only: the text rules read through rule-text.server (Unicode's confusables).

import { addDays } from "~/utils/dates";
import type { FieldErrors } from "~/utils/forms";
import { SMIG_FCFA } from "~/utils/reference";
import type { Contract } from "../../db/schema";
import { findContactDetails } from "./contact-details.server";
import { squeeze, wordReadings } from "./rule-text.server";

export { type ContactFound, findContactDetails } from "./contact-details.server";

export type RiskRuleCode = "first_offer" | "asks_money" | "work_abroad" | "reported" | "resubmitted";

export type RiskContext = { text: string; publishedOffersOfOrg: number };

type RiskRule = { code: RiskRuleCode; holds: (context: RiskContext) => boolean };

/**
 * The words of the risk rules, written without accents, with their stems and
 * common misspellings as small patterns: `(a|b)` one or the other, `?` the
 * letter or group before may be missing, a space or an apostrophe any
 * separator or none. They are read against wordReadings (doubled letters
 * single, i and l alike, leetspeak and look-alike letters undone), whole words
 * only. Past participles (paye, verse) are left out: "salaire payé chaque mois".
 */
// An employer pays salaries: "paiement des salaires" asks nobody for money.
const NOT_SALARIES = "(?! (le |les |du |des |de )?salaires?)";

export const RISK_WORDS = {
  asks_money: [
    "fr(ai|e|ei)(s|t|x)? (de |d')?(dosier|inscription|recrutement|candidature|adhesion|placement|traitement|ouverture de dosier)",
    "frais de formation a (payer|verser|regler)",
    "caution",
    "causion",
    `pa(y|i)(er|ez|ons)${NOT_SALARIES}`,
    `pa(y|i)e?ment${NOT_SALARIES}`,
    `vers(er|ez|ons|ement)${NOT_SALARIES}`,
    "cotis(ation|er|ez)(?! (sociale|inps|amo|patronale|retraite))",
    "(orange|moov|mobile|sama) money",
    "om",
    "wave",
    "western union",
    "money ?gram",
    "envo(y|i)(er|ez) (de )?l'argent",
    "(application|registration|processing) fee",
    "deposit",
  ],
  work_abroad: [
    "visas?",
    "viza",
    "pas(e )?port",
    "eu?rop(e|a)",
    "(a l')?etranger",
    "l(i|y)b(i|y)(e|a)",
    "al(g|j)er(ie|ia)",
    "maro(c|k)",
    "morocco",
    "tunisi(e|a)",
    "arabie",
    "saoudite",
    "saudi",
    "d(o)?uba(i|y)",
    "emirats",
    "(q|k)atar",
    "koweit",
    "kuwait",
    "liban",
    "lebanon",
    "espagne",
    "spain",
    "ital(ie|y)",
    "france",
    "allemagne",
    "germany",
    "belgique",
    "suisse",
    "turquie",
    "russie",
    "oman",
    "canada",
    "abroad",
    "overseas",
  ],
} satisfies Partial<Record<RiskRuleCode, string[]>>;

/** One pattern for a list of words, in the form the texts are read in. */
function wordsPattern(list: string[]): RegExp {
  const alternatives = list.map((word) => squeeze(word).replace(/[il]/g, "[il]").replace(/[ ']+/g, "[^a-z0-9]*"));
  return new RegExp(`(?<![a-z0-9])(?:${alternatives.join("|")})(?![a-z0-9])`);
}

// The rules run one after the other on one text: it is read once.
let lastRead: { text: string; readings: string[] } = { text: "", readings: [""] };
function readingsOf(text: string) {
  if (lastRead.text !== text) lastRead = { text, readings: wordReadings(text) };
  return lastRead.readings;
}

const mentions = (list: string[]) => {
  const pattern = wordsPattern(list);
  return ({ text }: RiskContext) => readingsOf(text).some((reading) => pattern.test(reading));
};

/**
 * The risk rules that hold a verified organisation's offer for a counsellor
 * before it is published. Each has a code, whose reason is written in locales
 * (`moderation.flag.<code>`).
 */
export const RISK_RULES: RiskRule[] = [
  { code: "first_offer", holds: ({ publishedOffersOfOrg }) => publishedOffersOfOrg === 0 },
  { code: "asks_money", holds: mentions(RISK_WORDS.asks_money) },
  { code: "work_abroad", holds: mentions(RISK_WORDS.work_abroad) },
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
