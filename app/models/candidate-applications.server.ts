// A candidate's own applications as they read them: the list with its timelines,
// and the latest ones on their home page.
import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { applicationEvents, applications, offers, organisations } from "../../db/schema";
import { canAnswerOffer, canWithdraw, isOpen } from "./lifecycles/application";
import { mayReachApplicants } from "./organisations.server";

/**
 * A candidate's applications with their offer, newest first (the `limit` latest).
 * On hold while the organisation may no longer reach its applicants: the candidate
 * is told it waits, and why (never the counsellor's words).
 */
export function candidateApplicationRows(db: Db, candidateId: number, limit?: number) {
  const query = db
    .select({
      id: applications.id,
      status: applications.status,
      channel: applications.channel,
      refusalReason: applications.refusalReason,
      interviewAt: applications.interviewAt,
      interviewPlace: applications.interviewPlace,
      offerAnswer: applications.offerAnswer,
      offerAnswerReason: applications.offerAnswerReason,
      message: applications.message,
      createdAt: applications.createdAt,
      offerId: offers.id,
      offerTitle: offers.title,
      offerType: offers.type,
      offerStatus: offers.status,
      orgName: organisations.name,
      orgStatus: organisations.verificationStatus,
    })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(applications.candidateId, candidateId))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .$dynamic();
  const rows = limit === undefined ? query.all() : query.limit(limit).all();
  return rows.map(({ orgStatus, ...row }) => ({
    ...row,
    onHold: isOpen(row.status) && !mayReachApplicants(orgStatus) ? orgStatus : null,
  }));
}

/** A candidate's applications, newest first, each with its timeline. */
export function listCandidateApplications(db: Db, candidateId: number) {
  const rows = candidateApplicationRows(db, candidateId);
  const events = rows.length
    ? db
        .select({
          applicationId: applicationEvents.applicationId,
          fromStatus: applicationEvents.fromStatus,
          toStatus: applicationEvents.toStatus,
          createdAt: applicationEvents.createdAt,
        })
        .from(applicationEvents)
        .where(
          inArray(
            applicationEvents.applicationId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(applicationEvents.createdAt, applicationEvents.id)
        .all()
    : [];
  return rows.map((row) => ({
    ...row,
    canWithdraw: canWithdraw(row.status),
    // On hold, the employer could not read the answer: it waits too.
    canAnswerOffer: canAnswerOffer(row) && !row.onHold,
    timeline: events.filter((e) => e.applicationId === row.id),
  }));
}
