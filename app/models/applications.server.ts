// Applications as the candidate makes them: applying (once per offer, 30 a day),
// withdrawing (their list is in candidate-applications.server.ts); and the employer's
// moves, which go through the application's lifecycle. What employers see is in applicants.server.ts.
import { and, eq, gt, sql } from "drizzle-orm";
import { DAY_MS, isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  type ApplicationStatus,
  applicationEvents,
  applications,
  type CHANNELS,
  files,
  offers,
  organisations,
  type REFUSAL_REASONS,
  users,
} from "../../db/schema";
import { canWithdraw, type EmployerMove } from "./lifecycles/application";
import { transitionApplication } from "./lifecycles/application.server";
import { isOpenOffer } from "./offers.server";
import { type ApplicantsWithheld, applicantAccess } from "./organisations.server";

/** Applications one candidate may send in 24 hours (spam and scripted mass-applying). */
export const APPLICATIONS_PER_DAY = 30;

export type ApplyInput = {
  candidateId: number;
  offerId: number;
  message?: string | null;
  cvFileId?: number | null;
  channel?: (typeof CHANNELS)[number];
  /** The counsellor who applies on the candidate's behalf, or refers them. */
  referredBy?: number | null;
};

export type ApplyResult =
  | { ok: true; applicationId: number }
  | { ok: false; reason: "offer_not_open" | "daily_limit" | "not_candidate" | "invalid_cv" }
  | { ok: false; reason: "already_applied"; applicationId: number };

function existingApplication(db: Db | Tx, offerId: number, candidateId: number) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.offerId, offerId), eq(applications.candidateId, candidateId)))
    .get();
}

/**
 * One application per candidate and offer — a second attempt (also two racing
 * ones: the unique index decides) gets the existing one back. A closed, filled,
 * expired or unpublished offer refuses, and so does a 31st application in a day.
 */
export function applyToOffer(db: Db, input: ApplyInput, now = Date.now()): ApplyResult {
  const candidate = db
    .select({ role: users.role, deletedAt: users.deletedAt, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, input.candidateId))
    .get();
  if (!candidate || candidate.role !== "candidat" || candidate.deletedAt || candidate.disabledAt)
    return { ok: false, reason: "not_candidate" };

  const existing = existingApplication(db, input.offerId, input.candidateId);
  if (existing) return { ok: false, reason: "already_applied", applicationId: existing.id };

  // Only one of the candidate's own files can go with their application.
  if (input.cvFileId != null) {
    const cv = db.select({ ownerId: files.ownerId }).from(files).where(eq(files.id, input.cvFileId)).get();
    if (cv?.ownerId !== input.candidateId) return { ok: false, reason: "invalid_cv" };
  }

  const open = db
    .select({ id: offers.id, title: offers.title, orgId: offers.orgId })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(and(eq(offers.id, input.offerId), isOpenOffer(isoToday(new Date(now)))))
    .get();
  if (!open) return { ok: false, reason: "offer_not_open" };

  const today =
    db
      .select({ n: sql<number>`count(*)` })
      .from(applications)
      .where(and(eq(applications.candidateId, input.candidateId), gt(applications.createdAt, new Date(now - DAY_MS))))
      .get()?.n ?? 0;
  if (today >= APPLICATIONS_PER_DAY) return { ok: false, reason: "daily_limit" };

  // Who sent it: the counsellor applying on the candidate's behalf (or taking it by
  // phone); a candidate who applies themselves after a referral sent it themselves.
  const channel = input.channel ?? "self";
  const actor = channel !== "self" && input.referredBy ? input.referredBy : input.candidateId;
  try {
    const id = db.transaction((tx) => {
      const application = tx
        .insert(applications)
        .values({
          offerId: input.offerId,
          candidateId: input.candidateId,
          channel,
          referredBy: input.referredBy ?? null,
          message: input.message ?? null,
          cvFileId: input.cvFileId ?? null,
        })
        .returning({ id: applications.id })
        .get();
      tx.insert(applicationEvents)
        .values({ applicationId: application.id, actorId: actor, fromStatus: null, toStatus: "submitted" })
        .run();
      return application.id;
    });
    return { ok: true, applicationId: id };
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: applications\./.test(error.message)) {
      const raced = existingApplication(db, input.offerId, input.candidateId);
      if (raced) return { ok: false, reason: "already_applied", applicationId: raced.id };
    }
    throw error;
  }
}

/** Seconds until a candidate at the daily limit may apply again (the oldest of the day's applications turns 24 hours old). */
export function dailyLimitRetryAfter(db: Db, candidateId: number, now = Date.now()) {
  const oldest = db
    .select({ createdAt: applications.createdAt })
    .from(applications)
    .where(and(eq(applications.candidateId, candidateId), gt(applications.createdAt, new Date(now - DAY_MS))))
    .orderBy(applications.createdAt)
    .get();
  if (!oldest) return 60;
  return Math.max(60, Math.ceil((oldest.createdAt.getTime() + DAY_MS - now) / 1000));
}

/** The candidate's application to one offer, if they sent one. */
export function candidateApplicationFor(db: Db, candidateId: number, offerId: number) {
  return (
    db
      .select({ id: applications.id, status: applications.status, createdAt: applications.createdAt })
      .from(applications)
      .where(and(eq(applications.offerId, offerId), eq(applications.candidateId, candidateId)))
      .get() ?? null
  );
}

export type ClosedBecause = "closed" | "filled" | "expired";

/**
 * The offer a candidate wants to apply to, open or closed — with the reason a
 * page can tell (closed, filled, expired: `isOpenOffer` turned around). Null
 * for an offer that was never public (draft, pending, rejected) or whose
 * organisation is not verified: its existence is not revealed.
 */
export function offerToApplyTo(db: Db, offerId: number, today = isoToday()) {
  const row = db
    .select({
      id: offers.id,
      title: offers.title,
      region: offers.region,
      commune: offers.commune,
      status: offers.status,
      closingDate: offers.closingDate,
      orgId: organisations.id,
      orgName: organisations.name,
      verificationStatus: organisations.verificationStatus,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(offers.id, offerId))
    .get();
  if (!row || row.verificationStatus !== "verified") return null;
  const { verificationStatus: _, ...offer } = row;
  let closedBecause: ClosedBecause | null;
  if (row.status === "published") closedBecause = row.closingDate < today ? "expired" : null;
  else if (row.status === "closed" || row.status === "filled" || row.status === "expired") closedBecause = row.status;
  else return null;
  return { ...offer, isOpen: closedBecause === null, closedBecause };
}

/** The candidate withdraws one of their own open applications. */
export function withdrawApplication(db: Db, candidateId: number, applicationId: number) {
  const application = db
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.candidateId, candidateId)))
    .get();
  if (!application) return null;
  if (!canWithdraw(application.status)) return { ok: false as const, reason: "not_open" as const };
  db.transaction((tx) =>
    transitionApplication(tx, {
      applicationId,
      action: "withdrawn",
      actor: { userId: candidateId, roles: "candidate" },
    }),
  );
  return { ok: true as const };
}

export type MoveInput = {
  employerId: number;
  applicationId: number;
  to: EmployerMove;
  interviewAt?: string | null;
  interviewPlace?: string | null;
  refusalReason?: (typeof REFUSAL_REASONS)[number] | null;
  note?: string | null;
  /** First day of work, for a hire (default: today). */
  startDate?: string | null;
};

export type MoveResult =
  | { ok: true; status: ApplicationStatus; offerFilled: boolean }
  | {
      ok: false;
      reason: "not_allowed" | "positions_full" | "missing_refusal_reason" | "missing_interview" | "offer_not_accepted";
    }
  | { ok: false; reason: "withheld"; withheld: ApplicantsWithheld };

/**
 * An employer moves an application of one of their organisation's offers
 * (null for anyone else), through the application's lifecycle.
 */
export function moveApplication(db: Db, input: MoveInput): MoveResult | null {
  const row = db
    .select({ orgId: offers.orgId })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(eq(applications.id, input.applicationId))
    .get();
  const access = row ? applicantAccess(db, input.employerId, row.orgId) : null;
  if (!access) return null;
  if (access.withheld) return { ok: false, reason: "withheld", withheld: access.withheld };
  const { employerId, applicationId, to, ...detail } = input;
  const result = db.transaction(
    (tx) =>
      transitionApplication(tx, {
        applicationId,
        action: to,
        actor: { userId: employerId, roles: "employer" },
        detail,
      }),
    { behavior: "immediate" },
  );
  if (result.ok) return { ok: true, status: result.to, offerFilled: result.offerFilled };
  if (
    result.reason === "positions_full" ||
    result.reason === "missing_refusal_reason" ||
    result.reason === "missing_interview" ||
    result.reason === "offer_not_accepted"
  ) {
    return { ok: false, reason: result.reason };
  }
  return { ok: false, reason: "not_allowed" };
}

/** Age band (never the birth date) as employers may see it. */
export function ageBand(birthDate: string | null, today = isoToday()): string | null {
  if (!birthDate) return null;
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (age < 18) return "15-17";
  if (age <= 24) return "18-24";
  if (age <= 35) return "25-35";
  return "36+";
}
