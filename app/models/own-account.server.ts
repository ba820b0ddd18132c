// The signed-in person's own account: password, language, export of their data, deletion.
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import {
  applicationEvents,
  applications,
  auditLog,
  candidateNotes,
  candidateProfiles,
  candidateTrades,
  files,
  fraudReports,
  notifications,
  offers,
  oneTimeCodes,
  orgInvitations,
  outbox,
  placements,
  savedSearches,
  sessions,
  trainingOutcomes,
  users,
  verifiedSkills,
} from "../../db/schema";
import { recordAudit } from "./audit.server";
import { eraseApplicationDetailsOf, withdrawApplicationsWithAccount } from "./lifecycles/application.server";
import { canMove, type LifecycleRole } from "./lifecycles/lifecycle";
import { forgetContactOnOrganisations } from "./lifecycles/organisation.server";
import { erasePlacementNotesOf } from "./lifecycles/placement.server";
import { eraseTrainingDetailsOf } from "./lifecycles/training.server";
import { userLifecycle, userStatus } from "./lifecycles/user";
import { transitionUser } from "./lifecycles/user.server";
import { PASSWORD_CHECK_FAILED, passwordCheckWait } from "./limits.server";
import { withFollowups } from "./placements.server";

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks a logged-in person's current password, throttled like logins: a
 * stolen session must not become unlimited guesses. Failures go to the audit log.
 */
export async function checkCurrentPassword(
  db: Db,
  userId: number,
  password: string,
  { purpose, ip }: { purpose: "change_password" | "delete_account" | "set_pin"; ip?: string },
): Promise<PasswordCheck> {
  const wait = passwordCheckWait(db, userId);
  const entry = { actorId: userId, subjectType: "user", subjectId: userId, detail: { purpose }, ip };
  if (wait > 0) {
    recordAudit(db, { ...entry, action: "auth.password_check_throttled" });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  }
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!(await verifyPassword(password, user?.passwordHash ?? null))) {
    if (user) recordAudit(db, { ...entry, action: PASSWORD_CHECK_FAILED });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true };
}

/** The message under the password field and the answer's status when the check failed (429 with Retry-After when throttled). */
export function passwordRefusal(check: Exclude<PasswordCheck, { ok: true }>) {
  return check.reason === "rate_limited"
    ? {
        message: "validation.tooManyPasswordChecks",
        init: { status: 429, headers: { "Retry-After": String(check.retryAfterSeconds) } },
      }
    : { message: "candidate:errors.wrongPassword", init: { status: 400 } };
}

/** Changes a password after checking the current one; every session ends (the page logs the person in again). */
export async function changePassword(
  db: Db,
  userId: number,
  current: string,
  next: string,
  ip?: string,
): Promise<PasswordCheck> {
  const check = await checkCurrentPassword(db, userId, current, { purpose: "change_password", ip });
  if (!check.ok) return check;
  const passwordHash = await hashPassword(next);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, { actorId: userId, action: "account.password_changed", subjectType: "user", subjectId: userId });
  });
  return { ok: true };
}

/** What a person's account says about them, as their export and their file show it. */
export const accountColumns = {
  phone: users.phone,
  email: users.email,
  displayName: users.displayName,
  locale: users.locale,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

/** Everything Baara keeps about a person, as one JSON document (their right of access). */
export function exportPersonalData(db: Db, userId: number, ip?: string) {
  const user = db
    .select({
      id: users.id,
      role: users.role,
      ...accountColumns,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get() ?? null;
  const myApplications = db
    .select({ application: applications, offerTitle: offers.title })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(eq(applications.candidateId, userId))
    .all();
  const applicationIds = myApplications.map((a) => a.application.id);
  const events = applicationIds.length
    ? db.select().from(applicationEvents).where(inArray(applicationEvents.applicationId, applicationIds)).all()
    : [];
  const myPlacements = db.select().from(placements).where(eq(placements.candidateId, userId)).all();
  const myFiles = db.select().from(files).where(eq(files.ownerId, userId)).all();
  recordAudit(db, { actorId: userId, action: "account.exported", subjectType: "user", subjectId: userId, ip });
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    profile,
    trades: db
      .select({ trade: candidateTrades.trade })
      .from(candidateTrades)
      .where(eq(candidateTrades.userId, userId))
      .all()
      .map((t) => t.trade),
    applications: myApplications.map(({ application, offerTitle }) => ({
      ...application,
      offerTitle,
      timeline: events.filter((e) => e.applicationId === application.id),
    })),
    placements: withFollowups(db, myPlacements),
    trainingOutcomes: myPlacements.length
      ? db
          .select()
          .from(trainingOutcomes)
          .where(
            inArray(
              trainingOutcomes.placementId,
              myPlacements.map((p) => p.id),
            ),
          )
          .all()
      : [],
    verifiedSkills: db.select().from(verifiedSkills).where(eq(verifiedSkills.candidateId, userId)).all(),
    files: myFiles.map(({ data, ...meta }) => ({ ...meta, base64: data.toString("base64") })),
    savedSearches: db.select().from(savedSearches).where(eq(savedSearches.userId, userId)).all(),
    notifications: db.select().from(notifications).where(eq(notifications.userId, userId)).all(),
    activity: db
      .select({ action: auditLog.action, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId))
      .all(),
  };
}

type DeletionReason = "self" | "inactive" | "admin";
/** Who deletes the account, as its lifecycle knows them. */
const DELETED_BY = { self: "owner", admin: "admin", inactive: "system" } as const satisfies Record<
  DeletionReason,
  LifecycleRole
>;

/**
 * Deletes a person: profile, files, contact details, messages, notes and
 * sessions go; the account becomes an empty tombstone so that their
 * applications and placements remain as anonymous rows for the statistics.
 * Their open applications are withdrawn (no employer waits on a ghost).
 * Also used for accounts inactive for 24 months.
 */
export function anonymiseAccount(
  db: Db,
  userId: number,
  { actorId, reason, ip }: { actorId: number | null; reason: DeletionReason; ip?: string },
) {
  const actor = { userId: actorId, roles: [DELETED_BY[reason]] };
  db.transaction((tx) => {
    const person = tx.select().from(users).where(eq(users.id, userId)).get();
    // Asked first: nothing of theirs is erased unless the account may be deleted.
    if (!person || !canMove(userLifecycle, "delete", userStatus(person), actor.roles)) return;
    const contacts = [person.phone, person.email].filter((c): c is string => Boolean(c));

    withdrawApplicationsWithAccount(tx, userId, actorId);
    eraseApplicationDetailsOf(tx, userId);
    // Employers' notes on their applications are about them (and may name them).
    tx.update(applicationEvents)
      .set({ note: null })
      .where(
        inArray(
          applicationEvents.applicationId,
          tx.select({ id: applications.id }).from(applications).where(eq(applications.candidateId, userId)),
        ),
      )
      .run();
    tx.delete(candidateProfiles).where(eq(candidateProfiles.userId, userId)).run();
    tx.delete(candidateTrades).where(eq(candidateTrades.userId, userId)).run();
    tx.delete(candidateNotes).where(eq(candidateNotes.candidateId, userId)).run();
    tx.delete(files).where(eq(files.ownerId, userId)).run();
    tx.delete(savedSearches).where(eq(savedSearches.userId, userId)).run();
    tx.delete(notifications).where(eq(notifications.userId, userId)).run();
    tx.delete(outbox).where(eq(outbox.userId, userId)).run();
    tx.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    // Their reports stay as evidence against the offer, but no longer say who sent them: the text
    // may hold their phone, and an address hash is reversible (there are only 2^32 IPv4 addresses).
    tx.update(fraudReports)
      .set({ reporterId: null, details: null, reporterIpHash: null })
      .where(eq(fraudReports.reporterId, userId))
      .run();
    erasePlacementNotesOf(tx, userId);
    eraseTrainingDetailsOf(tx, userId);
    tx.update(auditLog).set({ ip: null }).where(eq(auditLog.actorId, userId)).run();
    if (contacts.length) {
      // Failed and throttled logins name the account by the phone or e-mail that was typed.
      tx.update(auditLog)
        .set({ subjectId: null, ip: null })
        .where(and(eq(auditLog.subjectType, "identifier"), inArray(auditLog.subjectId, contacts)))
        .run();
      // Messages and invitations addressed to them before the account was linked.
      tx.delete(outbox).where(inArray(outbox.recipient, contacts)).run();
      tx.delete(orgInvitations)
        .where(or(inArray(orgInvitations.phone, contacts), inArray(orgInvitations.email, contacts)))
        .run();
    }
    forgetContactOnOrganisations(tx, { userId, contacts, displayName: person.displayName });
    const moved = transitionUser(tx, { userId, action: "delete", actor, detail: { reason }, ip });
    if (!moved.ok) throw new Error(`anonymiseAccount: ${moved.reason}`);
  });
}

/**
 * A person deletes their own account: only with their password (a borrowed
 * phone with an open session is not enough).
 */
export async function deleteOwnAccount(db: Db, userId: number, password: string, ip?: string): Promise<PasswordCheck> {
  const check = await checkCurrentPassword(db, userId, password, { purpose: "delete_account", ip });
  if (!check.ok) return check;
  anonymiseAccount(db, userId, { actorId: userId, reason: "self", ip });
  return check;
}

export function setUserLocale(db: Db, userId: number, locale: Locale) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}
