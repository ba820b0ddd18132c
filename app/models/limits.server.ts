// Every limit against password guessing and flooding, in one place. Whole
// Malian towns share one carrier address (carrier-grade NAT) and a job fair
// shares one Wi-Fi: the strict bounds go per account and per (address,
// identifier); an address alone meets only a bound no crowd of honest people reaches.
import { and, desc, eq, gt, inArray, notExists, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { auditLog, users } from "../../db/schema";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins on one account, whatever identifier (phone or e-mail) named it. */
export const LOGIN_FAILURES_PER_ACCOUNT = 5;
/** Failed logins with one identifier from one address. */
export const LOGIN_FAILURES_PER_ADDRESS_AND_IDENTIFIER = 5;
/** Failed logins from one address, all identifiers together (typos later followed by a success not counted). */
export const LOGIN_FAILURES_PER_ADDRESS = 100;

/** Wrong current passwords (to change it or delete the account) on one account, in LOGIN_WINDOW_MS. */
export const PASSWORD_CHECK_FAILURES_PER_ACCOUNT = 5;

export const REGISTRATION_WINDOW_MS = 60 * 60 * 1000;
/** Accounts one address may create in an hour (a job fair's Wi-Fi signs up 60 people). */
export const REGISTRATIONS_PER_ADDRESS = 200;
/** Registrations refused because the phone or e-mail has an account, per address in an hour (enumeration). */
export const REGISTRATION_REFUSALS_PER_ADDRESS = 20;
/** Refused registrations naming one phone or e-mail, from any address, in an hour. */
export const REGISTRATION_REFUSALS_PER_IDENTIFIER = 5;

/** Password-reset messages asked for one phone or e-mail, from any address, in REGISTRATION_WINDOW_MS (an hour). */
export const RESET_REQUESTS_PER_IDENTIFIER = 3;
/** Password-reset requests from one address in an hour (a town behind one carrier address forgets passwords too). */
export const RESET_REQUESTS_PER_ADDRESS = 100;
export const RESET_REQUESTED = "account.password_reset_requested";

/** Phone-confirmation codes sent for one account, or to one number, in LOGIN_WINDOW_MS (sign-up's first included). */
export const PHONE_CODES_PER_WINDOW = 3;

// The audit log is the counter: every refused attempt is one row.
export const LOGIN_FAILED = "auth.login_failed";
export const PASSWORD_CHECK_FAILED = "auth.password_check_failed";
export const REGISTRATION_REFUSED = "account.registration_refused";
export const ACCOUNT_REGISTERED = "account.registered";

/**
 * Seconds until fewer than `max` audit rows matching `where` are younger than
 * `windowMs` (when the max-th newest leaves the window), or 0 if fewer already are.
 */
function waitBelow(db: Db, where: SQL | undefined, max: number, windowMs: number, now: number): number {
  const row = db
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(and(where, gt(auditLog.createdAt, new Date(now - windowMs))))
    .orderBy(desc(auditLog.createdAt))
    .limit(1)
    .offset(max - 1)
    .get();
  return row ? Math.max(1, Math.ceil((row.at.getTime() + windowMs - now) / 1000)) : 0;
}

type Account = { id: number; phone: string | null; email: string | null; lastLoginAt: Date | null };

/**
 * Seconds before this identifier may be tried again from this address, or 0.
 * A successful login forgives the account's earlier failures (it needs the
 * password, so nobody can forgive someone else's); failures with an unknown
 * identifier count the same way, so the answer never says whether it exists.
 */
export function loginWait(
  db: Db,
  { identifier, ip, account }: { identifier: string; ip: string; account?: Account },
  now = Date.now(),
) {
  const failed = eq(auditLog.action, LOGIN_FAILED);
  const sinceLogin = account?.lastLoginAt ? gt(auditLog.createdAt, account.lastLoginAt) : undefined;
  const contacts = [account?.phone, account?.email].filter((c): c is string => Boolean(c));
  const namesAccount = account
    ? or(eq(auditLog.actorId, account.id), contacts.length ? inArray(auditLog.subjectId, contacts) : undefined)
    : eq(auditLog.subjectId, identifier);
  const waits = [
    waitBelow(db, and(failed, namesAccount, sinceLogin), LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_MS, now),
  ];
  // Requests whose address is unknown are not one crowd.
  if (ip !== "unknown") {
    const fromHere = eq(auditLog.ip, ip);
    const pair = and(failed, fromHere, eq(auditLog.subjectId, identifier), sinceLogin);
    waits.push(waitBelow(db, pair, LOGIN_FAILURES_PER_ADDRESS_AND_IDENTIFIER, LOGIN_WINDOW_MS, now));
    // Typos of people who then logged in were not an attack from this address.
    const forgiven = db
      .select({ one: sql`1` })
      .from(users)
      .where(and(eq(users.id, auditLog.actorId), gt(users.lastLoginAt, auditLog.createdAt)));
    waits.push(
      waitBelow(db, and(failed, fromHere, notExists(forgiven)), LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS, now),
    );
  }
  return Math.max(...waits);
}

/** Seconds before this person's current password may be checked again (to change it or delete the account), or 0. */
export function passwordCheckWait(db: Db, userId: number, now = Date.now()) {
  const where = and(eq(auditLog.action, PASSWORD_CHECK_FAILED), eq(auditLog.actorId, userId));
  return waitBelow(db, where, PASSWORD_CHECK_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_MS, now);
}

export type RegistrationLimit = { reason: "too_many_accounts" | "too_many_refusals"; retryAfterSeconds: number };

/**
 * Whether a registration from this address with these contact details must
 * wait: too many accounts created from the address, or too many refused
 * because the phone or e-mail had an account (from the address, or naming one
 * of these contacts from anywhere). Null when it may go ahead.
 */
export function registrationWait(
  db: Db,
  { ip, contacts }: { ip: string; contacts: (string | null | undefined)[] },
  now = Date.now(),
): RegistrationLimit | null {
  const refused = eq(auditLog.action, REGISTRATION_REFUSED);
  const fromHere = ip === "unknown" ? undefined : eq(auditLog.ip, ip);
  const refusals = [
    ...contacts
      .filter((c): c is string => Boolean(c))
      .map((c) =>
        waitBelow(
          db,
          and(refused, eq(auditLog.subjectId, c)),
          REGISTRATION_REFUSALS_PER_IDENTIFIER,
          REGISTRATION_WINDOW_MS,
          now,
        ),
      ),
    fromHere
      ? waitBelow(db, and(refused, fromHere), REGISTRATION_REFUSALS_PER_ADDRESS, REGISTRATION_WINDOW_MS, now)
      : 0,
  ];
  const created = fromHere
    ? waitBelow(
        db,
        and(eq(auditLog.action, ACCOUNT_REGISTERED), fromHere),
        REGISTRATIONS_PER_ADDRESS,
        REGISTRATION_WINDOW_MS,
        now,
      )
    : 0;
  if (created > 0) return { reason: "too_many_accounts", retryAfterSeconds: created };
  const wait = Math.max(...refusals);
  return wait > 0 ? { reason: "too_many_refusals", retryAfterSeconds: wait } : null;
}

/**
 * Seconds before a password reset may be asked again for this identifier or from this address, or 0.
 * Requests are counted whether or not an account matches, so a 429 never says which exists.
 */
export function resetRequestWait(db: Db, { identifier, ip }: { identifier: string; ip: string }, now = Date.now()) {
  const requested = eq(auditLog.action, RESET_REQUESTED);
  const forIdentifier = and(requested, eq(auditLog.subjectId, identifier));
  const waits = [waitBelow(db, forIdentifier, RESET_REQUESTS_PER_IDENTIFIER, REGISTRATION_WINDOW_MS, now)];
  if (ip !== "unknown") {
    const fromHere = and(requested, eq(auditLog.ip, ip));
    waits.push(waitBelow(db, fromHere, RESET_REQUESTS_PER_ADDRESS, REGISTRATION_WINDOW_MS, now));
  }
  return Math.max(...waits);
}
