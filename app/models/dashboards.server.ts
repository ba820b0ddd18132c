import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { DAY_MS, isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import {
  type ApplicationStatus,
  applications,
  auditLog,
  candidateProfiles,
  memberships,
  type OfferStatus,
  offers,
  organisations,
  users,
} from "../../db/schema";
import { callbacksWaiting } from "./callback-requests.server";
import { candidateApplicationRows } from "./candidate-applications.server";
import { moderationCounts } from "./moderation-queues.server";
import { partnershipCounts } from "./partnerships.server";
import { countFollowupsToDo } from "./placements.server";

const count = sql<number>`count(*)`;

function tally<K extends string>(rows: { key: K; n: number }[]): Partial<Record<K, number>> {
  return Object.fromEntries(rows.map((r) => [r.key, r.n])) as Partial<Record<K, number>>;
}

/** A candidate's own applications: how many in each status, and the latest ones. */
export function candidateDashboard(db: Db, userId: number) {
  const byStatus = tally<ApplicationStatus>(
    db
      .select({ key: applications.status, n: count })
      .from(applications)
      .where(eq(applications.candidateId, userId))
      .groupBy(applications.status)
      .all(),
  );
  const latest = candidateApplicationRows(db, userId, 10);
  const profile = db
    .select({ firstName: candidateProfiles.firstName, consentAt: candidateProfiles.consentAt })
    .from(candidateProfiles)
    .where(eq(candidateProfiles.userId, userId))
    .get();
  return { byStatus, latest, profile: profile ?? null };
}

/** The organisations an employer belongs to, with their offers and applicants counted. */
export function employerDashboard(db: Db, userId: number) {
  const orgs = db
    .select({
      id: organisations.id,
      name: organisations.name,
      verificationStatus: organisations.verificationStatus,
      verificationReason: organisations.verificationReason,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organisations.kind, "employer")))
    .orderBy(organisations.name)
    .all();
  const orgIds = orgs.map((o) => o.id);
  if (orgIds.length === 0) return { orgs, offersByStatus: {}, applicationsByStatus: {}, latestOffers: [] };

  const offersByStatus = tally<OfferStatus>(
    db
      .select({ key: offers.status, n: count })
      .from(offers)
      .where(inArray(offers.orgId, orgIds))
      .groupBy(offers.status)
      .all(),
  );
  const applicationsByStatus = tally<ApplicationStatus>(
    db
      .select({ key: applications.status, n: count })
      .from(applications)
      .innerJoin(offers, eq(offers.id, applications.offerId))
      .where(inArray(offers.orgId, orgIds))
      .groupBy(applications.status)
      .all(),
  );
  const latestOffers = db
    .select({
      id: offers.id,
      title: offers.title,
      status: offers.status,
      closingDate: offers.closingDate,
      applicants: sql<number>`(SELECT count(*) FROM applications a WHERE a.offer_id = "offers"."id")`,
    })
    .from(offers)
    .where(inArray(offers.orgId, orgIds))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(8)
    .all();
  return { orgs, offersByStatus, applicationsByStatus, latestOffers };
}

/**
 * What waits for a counsellor: each figure is the number of rows of the list it
 * links to (moderation queues, their caseload, the follow-ups to do, the call-backs to make).
 */
export function counsellorDashboard(db: Db, userId: number) {
  const partner = db
    .select({ name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organisations.kind, "partner")))
    .get();
  const queues = moderationCounts(db);
  const caseload = db
    .select({ n: count })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .where(and(eq(candidateProfiles.counsellorId, userId), eq(users.role, "candidat"), isNull(users.deletedAt)))
    .get();
  return {
    partnerName: partner?.name ?? null,
    pendingOrganisations: queues.organisations,
    pendingIdentityChanges: queues.identity,
    pendingOffers: queues.offers,
    reportedOffers: queues.reportedOffers,
    caseload: caseload?.n ?? 0,
    followupsDue: countFollowupsToDo(db),
    callbacks: callbacksWaiting(db),
    partnerships: partnershipCounts(db, isoToday()),
  };
}

/**
 * Accounts per role (active and disabled, as the accounts page filters them), organisations
 * per kind and status, and the sign-ins of the last 24 hours (as the log's `depuis=24h` reads them).
 */
export function adminDashboard(db: Db, now = Date.now()) {
  const usersByRole = db
    .select({
      role: users.role,
      active: sql<number>`sum(${users.disabledAt} IS NULL)`,
      disabled: sql<number>`sum(${users.disabledAt} IS NOT NULL)`,
    })
    .from(users)
    .where(isNull(users.deletedAt))
    .groupBy(users.role)
    .all();
  const organisationsByStatus = db
    .select({ kind: organisations.kind, status: organisations.verificationStatus, n: count })
    .from(organisations)
    .groupBy(organisations.kind, organisations.verificationStatus)
    .all();
  const since = new Date(now - DAY_MS);
  const logins = tally<string>(
    db
      .select({ key: auditLog.action, n: count })
      .from(auditLog)
      .where(and(inArray(auditLog.action, ["auth.login", "auth.login_failed"]), gt(auditLog.createdAt, since)))
      .groupBy(auditLog.action)
      .all(),
  );
  return {
    usersByRole,
    organisationsByStatus,
    loginsLastDay: logins["auth.login"] ?? 0,
    failedLoginsLastDay: logins["auth.login_failed"] ?? 0,
  };
}
