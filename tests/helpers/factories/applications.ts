// The one builder of applications, inserted directly (no checks, no events).
import type { Db } from "../../../app/utils/db.server";
import { type ApplicationStatus, applications } from "../../../db/schema";

/** An application with any column set (its creation time, message, CV ...). */
export function insertApplicationWith(db: Db, values: typeof applications.$inferInsert) {
  return db.insert(applications).values(values).returning().get();
}

/** An application to an offer, submitted unless told. */
export function insertApplication(
  db: Db,
  values: { offerId: number; candidateId: number; status?: ApplicationStatus },
) {
  return insertApplicationWith(db, { ...values, status: values.status ?? "submitted" });
}
