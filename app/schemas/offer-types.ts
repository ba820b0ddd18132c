import type { Contract, OfferType } from "../../db/enums";

/** Contracts an offer of each type may have. */
export const CONTRACTS_BY_TYPE: Record<OfferType, readonly Contract[]> = {
  emploi: ["cdi", "cdd", "journalier", "saisonnier"],
  apprentissage: ["apprentissage"],
  stage: ["stage"],
  formation: ["formation"],
};
