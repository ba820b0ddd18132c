// The lists the employer's forms offer. They come from db/enums.ts, which has
// no Drizzle import, so that the page's JavaScript stays small.
import { CONTRACTS_BY_TYPE } from "~/schemas/offer-types";
import { EDUCATION_LEVELS, MEMBERSHIPS, OFFER_STATUSES, OFFER_TYPES } from "../../db/enums";

export const OFFER_TYPE_CHOICES = OFFER_TYPES;
export const EMPLOI_CONTRACT_CHOICES = CONTRACTS_BY_TYPE.emploi;
export const EDUCATION_CHOICES = EDUCATION_LEVELS;
export const OFFER_STATUS_CHOICES = OFFER_STATUSES;
export const MEMBERSHIP_CHOICES = MEMBERSHIPS;
