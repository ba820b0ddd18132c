// Offer forms and employers for the employer-side tests (offers, organisations,
// invitations). The form goes through the real schema, as the posting page does.
import { type OfferInput, offerSchema } from "../../app/schemas/offer";
import { addDays, isoToday } from "../../app/utils/dates";

/** A valid job offer as the form posts it (strings), with changes. */
export function offerFields(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    type: "emploi",
    title: "Maçon qualifié",
    description: "Construction d'une villa à Kalaban Coro. Trois ans d'expérience, travail du lundi au samedi.",
    sector: "btp",
    trade: "macon",
    region: "koulikoro",
    commune: "Kalaban Coro",
    positions: "2",
    minEducation: "",
    languages: ["fr", "bm"],
    startDate: "",
    closingDate: addDays(isoToday(), 30),
    contract: "cdd",
    payAmount: "75 000",
    payPeriod: "month",
    durationMonths: "",
    provider: "",
    endDate: "",
    certificate: "",
    ...changes,
  };
}

/** The parsed input of a valid job offer (what saveOffer receives). */
export function offerInput(changes: Record<string, string | string[]> = {}): OfferInput {
  return offerSchema.parse(offerFields(changes));
}

export { toFormData } from "./route";

/**
 * The same offer as the posting page sends it: pay and duration under the name
 * of the type's own fieldset (`emploi_payAmount`, `stage_durationMonths`).
 */
export function offerFormFields(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const { payAmount, durationMonths, ...fields } = offerFields(changes);
  const type = String(fields.type);
  return { ...fields, [`${type}_payAmount`]: payAmount ?? "", [`${type}_durationMonths`]: durationMonths ?? "" };
}
