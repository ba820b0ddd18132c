import { and, eq, gt, lte, not, or, sql, type SQL } from "drizzle-orm";
import {
  auditLog,
  candidateProfiles,
  memberships,
  organisations,
  users,
  type Role,
} from "../../db/schema";
import type { Registration } from "../schemas/auth";
import type { Db } from "../utils/db.server";
import type { Locale } from "../utils/i18n";
import { hashPassword, verifyPassword } from "../utils/password.server";
import { normalizeMaliPhone } from "../utils/phone";
import { recordAudit } from "./audit.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Accounts one address may create in an hour (a cybercafé or a shared mobile address stays well below). */
export const REGISTRATIONS_PER_HOUR = 20;
export const LOGIN_MAX_FAILURES = 5;

/** A login identifier as stored: e-mail lower-cased, or a Malian phone in E.164. */
export function normalizeIdentifier(identifier: string): string {
  const trimmed = identifier.trim();
  if (trimmed.includes("@")) return trimmed.toLowerCase();
  return normalizeMaliPhone(trimmed) ?? trimmed;
}

export function findUserByIdentifier(db: Db, identifier: string) {
  const normalized = normalizeIdentifier(identifier);
  const column = normalized.includes("@") ? users.email : users.phone;
  return db.select().from(users).where(eq(column, normalized)).get();
}

/** Which of the given contact details already belong to an account. */
export function contactsTaken(db: Db, phone?: string, email?: string) {
  const conditions = [phone ? eq(users.phone, phone) : undefined, email ? eq(users.email, email) : undefined].filter(
    (c) => c !== undefined,
  );
  if (conditions.length === 0) return { phone: false, email: false };
  const rows = db.select({ phone: users.phone, email: users.email }).from(users).where(or(...conditions)).all();
  return {
    phone: Boolean(phone) && rows.some((r) => r.phone === phone),
    email: Boolean(email) && rows.some((r) => r.email === email),
  };
}

export class ContactTakenError extends Error {
  constructor(public readonly fields: { phone: boolean; email: boolean }) {
    super("contact already registered");
  }
}

/**
 * Creates the account of a candidate (with their consent, time-stamped) or of an
 * employer (with their organisation, `pending` until a counsellor verifies it).
 * Throws ContactTakenError when the phone or e-mail already has an account.
 */
export async function registerAccount(db: Db, registration: Registration, locale: Locale, ip?: string) {
  const input = { ...registration, email: registration.email?.toLowerCase() };
  const taken = contactsTaken(db, input.phone, input.email);
  if (taken.phone || taken.email) throw new ContactTakenError(taken);
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    return db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          role: input.accountType,
          phone: input.phone ?? null,
          email: input.email ?? null,
          passwordHash,
          displayName: `${input.firstName} ${input.lastName}`,
          locale,
          lastLoginAt: now,
        })
        .returning({ id: users.id, role: users.role })
        .get();
      if (input.accountType === "candidat") {
        tx.insert(candidateProfiles)
          .values({
            userId: user.id,
            firstName: input.firstName,
            lastName: input.lastName,
            consentAt: now,
            consentMethod: "online",
          })
          .run();
      } else {
        const org = tx
          .insert(organisations)
          .values({
            kind: "employer",
            name: input.orgName,
            rccm: input.rccm ?? null,
            nif: input.nif ?? null,
            sector: input.sector,
            region: input.region,
            contactName: `${input.firstName} ${input.lastName}`,
            contactPhone: input.phone ?? null,
            contactEmail: input.email ?? null,
            verificationStatus: "pending",
          })
          .returning({ id: organisations.id })
          .get();
        tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: "owner" }).run();
      }
      recordAudit(tx, {
        actorId: user.id,
        action: "account.registered",
        subjectType: "user",
        subjectId: user.id,
        detail: { role: user.role },
        ip,
      });
      return user;
    });
  } catch (error) {
    // Two registrations racing for the same phone or e-mail: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      throw new ContactTakenError(contactsTaken(db, input.phone, input.email));
    }
    throw error;
  }
}

export type LoginResult =
  | { ok: true; user: { id: number; role: Role } }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * The larger of the failed logins in the last 15 minutes for this identifier and
 * from this address. A successful login forgives that identifier's earlier typos.
 */
export function recentLoginFailures(db: Db, identifier: string, ip: string, now = Date.now()) {
  const since = new Date(now - LOGIN_WINDOW_MS);
  const lastLogin = findUserByIdentifier(db, identifier)?.lastLoginAt;
  const forgivenUntil = lastLogin && lastLogin > since ? lastLogin : since;
  const failures = and(eq(auditLog.action, "auth.login_failed"), gt(auditLog.createdAt, since));
  const forgiven = and(eq(auditLog.subjectId, identifier), lte(auditLog.createdAt, forgivenUntil));
  const count = (where: SQL | undefined) =>
    db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const byIdentifier = count(and(failures, eq(auditLog.subjectId, identifier), gt(auditLog.createdAt, forgivenUntil)));
  const byAddress = ip === "unknown" ? 0 : count(and(failures, eq(auditLog.ip, ip), not(forgiven!)));
  return Math.max(byIdentifier, byAddress);
}

/**
 * Checks a login. Says only "invalid" whatever was wrong (unknown account, wrong
 * password, disabled account), and refuses to check at all after 5 failures in
 * 15 minutes for one identifier or one address.
 */
export async function authenticate(
  db: Db,
  { identifier, password, ip }: { identifier: string; password: string; ip: string },
): Promise<LoginResult> {
  const normalized = normalizeIdentifier(identifier);
  if (recentLoginFailures(db, normalized, ip) >= LOGIN_MAX_FAILURES) {
    recordAudit(db, { action: "auth.login_throttled", subjectType: "identifier", subjectId: normalized, ip });
    return { ok: false, reason: "rate_limited" };
  }
  const user = findUserByIdentifier(db, normalized);
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !passwordOk || user.disabledAt || user.deletedAt) {
    recordAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.login_failed",
      subjectType: "identifier",
      subjectId: normalized,
      ip,
    });
    return { ok: false, reason: "invalid" };
  }
  db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)).run();
  recordAudit(db, { actorId: user.id, action: "auth.login", subjectType: "user", subjectId: user.id, ip });
  return { ok: true, user: { id: user.id, role: user.role } };
}

export function setUserLocale(db: Db, userId: number, locale: Locale) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** Seconds to wait before this address may register again, or 0 (from the audit log). */
export function registrationWait(db: Db, ip: string, now = Date.now()): number {
  if (ip === "unknown") return 0;
  const since = new Date(now - 60 * 60 * 1000);
  const rows = db
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.action, "account.registered"), eq(auditLog.ip, ip), gt(auditLog.createdAt, since)))
    .orderBy(auditLog.createdAt)
    .all();
  if (rows.length < REGISTRATIONS_PER_HOUR) return 0;
  return Math.max(1, Math.ceil((rows[0]!.at.getTime() + 60 * 60 * 1000 - now) / 1000));
}
