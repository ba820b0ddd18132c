// Placements and their follow-ups, inserted directly (no follow-ups are made
// for them: tests add the ones they need).

import { addDays, isoToday } from "../../../app/utils/dates";
import type { Db } from "../../../app/utils/db.server";
import { placementFollowups, placements } from "../../../db/schema";

/** A placement in a job that started 200 days ago. */
export function insertPlacement(db: Db, values: { candidateId: number; orgId?: number }) {
  return db
    .insert(placements)
    .values({
      candidateId: values.candidateId,
      orgId: values.orgId ?? null,
      type: "emploi",
      contract: "cdd",
      startDate: addDays(isoToday(), -200),
    })
    .returning()
    .get();
}

export function insertFollowup(
  db: Db,
  values: { placementId: number; monthsAfter: number; dueDate: string; doneAt?: Date | null },
) {
  db.insert(placementFollowups)
    .values({
      placementId: values.placementId,
      monthsAfter: values.monthsAfter,
      dueDate: values.dueDate,
      doneAt: values.doneAt ?? null,
    })
    .run();
}
