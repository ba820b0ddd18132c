// The offer form's data: the posted form as the schema reads it, a saved offer as the
// form's values, and what saving tells on the offer's page. No React, so routes' actions use it.
import { OFFER_TYPE_CHOICES } from "~/components/choices";
import type { FormValues } from "~/utils/forms";
import type { OfferType } from "../../db/enums";

// Pay and duration exist in several types' fieldsets: each copy has its own name
// (`stage_durationMonths`) so that a form posted with every fieldset is not ambiguous.
const TYPED_FIELDS: Record<OfferType, readonly string[]> = {
  emploi: ["payAmount"],
  apprentissage: ["durationMonths", "payAmount"],
  stage: ["durationMonths", "payAmount"],
  formation: [],
};
const TYPED_NAME = /^(emploi|apprentissage|stage|formation)_/;
// The fields that only one type's section holds (besides pay and duration).
const SECTION_FIELDS = ["contract", "payPeriod", "provider", "endDate", "certificate"];

export const isOfferType = (value: unknown): value is OfferType =>
  typeof value === "string" && (OFFER_TYPE_CHOICES as readonly string[]).includes(value);

/**
 * The posted form as offerSchema reads it: pay and duration from the chosen
 * type's fieldset, and `languages` even when none is ticked.
 */
export function offerFormInput(formData: FormData): FormData {
  const input = new FormData();
  for (const [key, value] of formData) if (!TYPED_NAME.test(key)) input.append(key, value);
  // No language ticked: the browser sends no `languages` at all, which means none.
  if (!formData.has("languages")) input.set("languages", "");
  // The form holds only its type's section: the other types' fields are not posted, and mean empty.
  for (const field of SECTION_FIELDS) if (!formData.has(field)) input.set(field, "");
  const type = formData.get("type");
  for (const field of ["payAmount", "durationMonths"]) {
    const used = isOfferType(type) && TYPED_FIELDS[type].includes(field);
    input.set(field, (used ? formData.get(`${type}_${field}`) : null) ?? "");
  }
  return input;
}

type OfferLike = {
  type: OfferType;
  title: string;
  description: string;
  sector: string;
  trade: string | null;
  region: string;
  commune: string | null;
  contract: string;
  positions: number;
  payAmount: number | null;
  payPeriod: string;
  durationMonths: number | null;
  minEducation: string | null;
  languages: string[];
  provider: string | null;
  endDate: string | null;
  certificate: string | null;
  startDate: string | null;
  closingDate: string;
  conventionId?: number | null;
  commitmentKey?: number | null;
};

/** A saved offer as the form's values (the inverse of offerFormInput). */
export function offerFormValues(offer: OfferLike): { values: FormValues; languages: string[] } {
  const text = (v: string | number | null) => (v === null ? "" : String(v));
  const values: FormValues = {
    type: offer.type,
    title: offer.title,
    description: offer.description,
    sector: offer.sector,
    trade: text(offer.trade),
    region: offer.region,
    commune: text(offer.commune),
    contract: offer.type === "emploi" ? offer.contract : "",
    positions: String(offer.positions),
    payPeriod: offer.payPeriod,
    minEducation: text(offer.minEducation),
    provider: text(offer.provider),
    endDate: text(offer.endDate),
    certificate: text(offer.certificate),
    startDate: text(offer.startDate),
    closingDate: offer.closingDate,
    commitment: offer.conventionId && offer.commitmentKey ? `${offer.conventionId}:${offer.commitmentKey}` : "",
  };
  for (const field of TYPED_FIELDS[offer.type]) {
    values[`${offer.type}_${field}`] = text(field === "payAmount" ? offer.payAmount : offer.durationMonths);
  }
  return { values, languages: offer.languages };
}

/** What saving or ending an offer tells on its page (a flash message): the status it is in now. */
export const offerSavedFlash = (status: string) => ({
  message: `employer:offerPage.saved.${status}`,
  values: { status },
});

/** What duplicating an offer tells on the copy's page. */
export const OFFER_COPIED_FLASH = { message: "employer:offerPage.copied" };
