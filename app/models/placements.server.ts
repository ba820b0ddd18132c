import { placementFollowups, placements, type Contract, type OfferType } from "../../db/schema";
import { addMonths } from "../utils/dates";
import type { Db, Tx } from "../utils/db.server";

/** Follow-ups of every placement: is the person still in work 1, 3 and 6 months after starting? */
export const FOLLOWUP_MONTHS = [1, 3, 6] as const;

export type PlacementInput = {
  candidateId: number;
  orgId: number | null;
  employerName?: string | null;
  offerId?: number | null;
  applicationId?: number | null;
  type: OfferType;
  contract: Contract;
  startDate: string;
  payAmount?: number | null;
  recordedBy: number | null;
};

/** Records a placement with its three follow-ups, due at start + 1, 3 and 6 months. */
export function createPlacement(db: Db | Tx, input: PlacementInput) {
  const placement = db
    .insert(placements)
    .values({
      candidateId: input.candidateId,
      orgId: input.orgId,
      employerName: input.employerName ?? null,
      offerId: input.offerId ?? null,
      applicationId: input.applicationId ?? null,
      type: input.type,
      contract: input.contract,
      startDate: input.startDate,
      payAmount: input.payAmount ?? null,
      recordedBy: input.recordedBy,
    })
    .returning({ id: placements.id })
    .get();
  db.insert(placementFollowups)
    .values(
      FOLLOWUP_MONTHS.map((months) => ({
        placementId: placement.id,
        monthsAfter: months,
        dueDate: addMonths(input.startDate, months),
      })),
    )
    .run();
  return placement.id;
}
