import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { fraudReports, users } from "../../db/schema";
import { anonymiseAccount } from "./own-account.server";

export const INACTIVE_MONTHS = 24;
export const REPORT_DETAILS_MONTHS = 12;

const monthsAgo = (months: number, now: number) => {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

/**
 * Candidates with no login for 24 months (or, never logged in, registered 24
 * months ago) are anonymised exactly as a deletion would.
 */
export function anonymiseInactiveCandidates(db: Db, now = Date.now()) {
  const cutoff = monthsAgo(INACTIVE_MONTHS, now);
  const inactive = db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "candidat"),
        isNull(users.deletedAt),
        or(lt(users.lastLoginAt, cutoff), and(isNull(users.lastLoginAt), lt(users.createdAt, cutoff))),
      ),
    )
    .all();
  for (const { id } of inactive) anonymiseAccount(db, id, { actorId: null, reason: "inactive" });
  return inactive.length;
}

/** Free-text details of reports older than 12 months are cleared (the reason code stays). */
export function clearOldReportDetails(db: Db, now = Date.now()) {
  return db
    .update(fraudReports)
    .set({ details: null, reporterIpHash: null })
    .where(
      and(
        lt(fraudReports.createdAt, monthsAgo(REPORT_DETAILS_MONTHS, now)),
        or(isNotNull(fraudReports.details), isNotNull(fraudReports.reporterIpHash)),
      ),
    )
    .run().changes;
}
