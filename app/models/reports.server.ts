import { createHash } from "node:crypto";
import { and, eq, gt, or, sql } from "drizzle-orm";
import { fraudReports, offers, type FRAUD_REASONS } from "../../db/schema";
import type { Db } from "../utils/db.server";
import { recordAudit } from "./audit.server";
import { notifyOrganisation } from "./notifications.server";

/** Open reports on one offer that take it down until a counsellor decides. */
export const REPORTS_TO_SUSPEND = 3;
/** Reports one address (or one account) may send in 24 hours. */
export const REPORTS_PER_DAY = 5;

export const hashIp = (ip: string) => createHash("sha256").update(`baara-report:${ip}`).digest("hex");

export type ReportResult = { ok: true; suspended: boolean } | { ok: false; reason: "rate_limited" };

/**
 * Records a report on an offer. Three open reports suspend it: it goes back to
 * `pending` with the flag `reported`, out of search, until a counsellor decides.
 */
export function reportOffer(
  db: Db,
  input: { offerId: number; reporterId: number | null; ip: string; reason: (typeof FRAUD_REASONS)[number]; details?: string },
  now = Date.now(),
): ReportResult {
  const ipHash = hashIp(input.ip);
  const since = new Date(now - 24 * 60 * 60 * 1000);
  const recent =
    db
      .select({ n: sql<number>`count(*)` })
      .from(fraudReports)
      .where(
        and(
          gt(fraudReports.createdAt, since),
          or(eq(fraudReports.reporterIpHash, ipHash), input.reporterId ? eq(fraudReports.reporterId, input.reporterId) : undefined),
        ),
      )
      .get()?.n ?? 0;
  if (recent >= REPORTS_PER_DAY) return { ok: false, reason: "rate_limited" };

  return db.transaction((tx) => {
    tx.insert(fraudReports)
      .values({ offerId: input.offerId, reporterId: input.reporterId, reporterIpHash: ipHash, reason: input.reason, details: input.details ?? null })
      .run();
    const open =
      tx.select({ n: sql<number>`count(*)` }).from(fraudReports).where(and(eq(fraudReports.offerId, input.offerId), eq(fraudReports.status, "open"))).get()?.n ?? 0;
    const offer = tx.select().from(offers).where(eq(offers.id, input.offerId)).get()!;
    recordAudit(tx, { actorId: input.reporterId, action: "report.created", subjectType: "offer", subjectId: input.offerId, detail: { reason: input.reason } });
    if (open >= REPORTS_TO_SUSPEND && offer.status === "published") {
      tx.update(offers)
        .set({ status: "pending", moderationFlags: [...new Set([...offer.moderationFlags, "reported"])], updatedAt: new Date() })
        .where(eq(offers.id, offer.id))
        .run();
      recordAudit(tx, { action: "offer.suspended_by_reports", subjectType: "offer", subjectId: offer.id, detail: { open } });
      notifyOrganisation(tx, offer.orgId, { kind: "moderation.offer.reported", payload: { offerTitle: offer.title }, link: `/employeur/offres/${offer.id}` });
      return { ok: true as const, suspended: true };
    }
    return { ok: true as const, suspended: false };
  });
}
