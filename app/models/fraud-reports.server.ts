import { createHash } from "node:crypto";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { type FRAUD_REASONS, fraudReports, offers, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { transitionOffer } from "./lifecycles/offer.server";

/** Open reports, from that many different reporters, that take an offer down until a counsellor decides. */
export const REPORTERS_TO_SUSPEND = 3;
/** How old an account must be when it reports for its report to count towards a suspension. */
export const ACCOUNT_AGE_TO_COUNT_MS = DAY_MS;
/** Reports one address (or one account) may send in 24 hours. */
export const REPORTS_PER_DAY = 5;
export const REPORT_WINDOW_MS = DAY_MS;

export const hashIp = (ip: string) => createHash("sha256").update(`baara-report:${ip}`).digest("hex");

export type FraudReason = (typeof FRAUD_REASONS)[number];

export type ReportResult =
  | { ok: true; suspended: boolean }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "not_found" };

// Who a report counts as towards a suspension. An account counts once, whatever
// its address. All visitors together count as one: a whole town shares one
// carrier address, and one person can change theirs at will. An account made
// less than a day before its report counts as nobody (null): making accounts
// costs nothing. Every report still reaches the counsellors.
const reporterKey = sql`CASE
  WHEN ${fraudReports.reporterId} IS NULL THEN 'visitors'
  WHEN ${users.createdAt} <= ${fraudReports.createdAt} - ${ACCOUNT_AGE_TO_COUNT_MS} THEN 'u' || ${fraudReports.reporterId}
END`;

/**
 * Records a report on an offer. One address, or one account whatever its
 * address, may send 5 reports in 24 hours. Open reports from three reporters
 * (see reporterKey) suspend a published offer: it goes back to `pending` with the flag
 * `reported`, out of search, until a counsellor decides; its organisation is
 * told (never who reported it). The address itself is not stored, only a hash.
 */
export function reportOffer(
  db: Db,
  input: { offerId: number; reporterId: number | null; ip: string; reason: FraudReason; details?: string },
  now = Date.now(),
): ReportResult {
  const ipHash = hashIp(input.ip);
  return db.transaction((tx): ReportResult => {
    const offer = tx.select().from(offers).where(eq(offers.id, input.offerId)).get();
    if (!offer) return { ok: false, reason: "not_found" };

    const sameSender = and(
      gt(fraudReports.createdAt, new Date(now - REPORT_WINDOW_MS)),
      or(
        eq(fraudReports.reporterIpHash, ipHash),
        input.reporterId ? eq(fraudReports.reporterId, input.reporterId) : undefined,
      ),
    );
    const recent = tx.select({ n: sql<number>`count(*)` }).from(fraudReports).where(sameSender).get()?.n ?? 0;
    if (recent >= REPORTS_PER_DAY) {
      // A slot frees up when the report that brought the count to the limit is 24 hours old.
      const freeing = tx
        .select({ createdAt: fraudReports.createdAt })
        .from(fraudReports)
        .where(sameSender)
        .orderBy(asc(fraudReports.createdAt))
        .limit(1)
        .offset(recent - REPORTS_PER_DAY)
        .get();
      const wait = freeing ? freeing.createdAt.getTime() + REPORT_WINDOW_MS - now : REPORT_WINDOW_MS;
      return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }

    tx.insert(fraudReports)
      .values({
        offerId: offer.id,
        reporterId: input.reporterId,
        reporterIpHash: ipHash,
        reason: input.reason,
        details: input.details ?? null,
        createdAt: new Date(now),
      })
      .run();
    recordAudit(tx, {
      actorId: input.reporterId,
      action: "report.created",
      subjectType: "offer",
      subjectId: offer.id,
      detail: { reason: input.reason },
    });

    const reporters =
      tx
        .select({ n: sql<number>`count(DISTINCT ${reporterKey})` })
        .from(fraudReports)
        .leftJoin(users, eq(users.id, fraudReports.reporterId))
        .where(and(eq(fraudReports.offerId, offer.id), eq(fraudReports.status, "open")))
        .get()?.n ?? 0;
    if (reporters < REPORTERS_TO_SUSPEND) return { ok: true, suspended: false };

    // Only a published offer is taken down (the offer lifecycle says so); any other stays as it is.
    const moved = transitionOffer(tx, {
      offerId: offer.id,
      action: "suspendByReports",
      actor: { userId: null, roles: ["system"] },
      detail: { reporters },
      at: new Date(now),
    });
    return { ok: true, suspended: moved.ok };
  });
}
