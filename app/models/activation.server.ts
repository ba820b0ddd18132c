// A person registered by a counsellor sets their own password with a one-time
// code received by SMS: 6 digits, only their SHA-256 kept, valid 24 hours, once.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, gte, isNull, type SQL, sql } from "drizzle-orm";
import { DAY_MS } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { auditLog, oneTimeCodes, outbox, users } from "../../db/schema";
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS } from "./limits.server";
import { secretPayload } from "./outbox.server";

export const CODE_TTL_MS = DAY_MS;
/** Wrong codes for one person before their code is void (a new one must be asked for). */
export const MAX_CODE_ATTEMPTS = 5;
/** Where the SMS sends the person. */
export const ACTIVATION_PATH = "/activer-compte";

const FAILED = "account.activation_failed";

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

function sameHash(a: string, b: string) {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

// Written with the given time (not the database's clock), so that the windows can be tested.
function audit(
  db: Db | Tx,
  now: number,
  entry: {
    actorId?: number | null;
    action: string;
    subjectType: string;
    subjectId: string | number;
    ip?: string | null;
    detail?: Record<string, unknown>;
  },
) {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: String(entry.subjectId),
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
      createdAt: new Date(now),
    })
    .run();
}

/**
 * A new code for a person with a phone: older codes are void (and their SMS,
 * if not sent yet, is dropped); the SMS carries the code and the link, in the
 * person's language. Null for a person without a phone or a deleted account.
 */
export function issueSetPasswordCode(
  db: Db | Tx,
  userId: number,
  { actorId = null, now = Date.now() }: { actorId?: number | null; now?: number } = {},
) {
  const user = db
    .select({ phone: users.phone, locale: users.locale, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user?.phone || user.deletedAt) return null;
  db.update(oneTimeCodes)
    .set({ usedAt: new Date(now) })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, "set_password"), isNull(oneTimeCodes.usedAt)))
    .run();
  db.delete(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.template, "setPassword"), eq(outbox.status, "pending")))
    .run();
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const row = db
    .insert(oneTimeCodes)
    .values({
      userId,
      purpose: "set_password",
      codeHash: hashCode(code),
      expiresAt: new Date(now + CODE_TTL_MS),
      createdAt: new Date(now),
    })
    .returning({ id: oneTimeCodes.id })
    .get();
  // The code must be in the SMS: that is its purpose. Only its hash is kept in one_time_codes,
  // and the outbox erases it once the SMS is sent.
  db.insert(outbox)
    .values({
      channel: "sms",
      recipient: user.phone,
      userId,
      template: "setPassword",
      locale: user.locale,
      payload: secretPayload({ link: ACTIVATION_PATH }, { code }),
      dedupeKey: `set_password:${row.id}`,
    })
    .run();
  audit(db, now, { actorId, action: "account.code_issued", subjectType: "user", subjectId: userId });
  return { codeId: row.id, code };
}

/** Too many failed activations in the last 15 minutes for this phone, or from this address (bounds as for logins). */
export function activationThrottled(db: Db, phone: string, ip: string, now = Date.now()) {
  const since = new Date(now - LOGIN_WINDOW_MS);
  const count = (who: SQL) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(and(eq(auditLog.action, FAILED), gt(auditLog.createdAt, since), who))
      .get()?.n ?? 0;
  if (count(eq(auditLog.subjectId, phone)) >= LOGIN_FAILURES_PER_ACCOUNT) return true;
  // A counsellor's office or a whole town may share one address.
  return ip !== "unknown" && count(eq(auditLog.ip, ip)) >= LOGIN_FAILURES_PER_ADDRESS;
}

export type ActivationResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "expired" | "used" | "rate_limited" };

/**
 * Sets the password of the person whose phone and code these are. The code
 * works once, for 24 hours, and is void after 5 wrong codes for that person.
 * A wrong code, an unknown phone and a replaced code all answer "invalid";
 * "expired" and "used" are told only to someone who typed the right code.
 */
export async function activateAccount(
  db: Db,
  input: { phone: string; code: string; password: string; ip?: string },
  now = Date.now(),
): Promise<ActivationResult> {
  const phone = normalizeMaliPhone(input.phone) ?? input.phone.trim();
  const ip = input.ip ?? "unknown";
  if (activationThrottled(db, phone, ip, now)) {
    audit(db, now, { action: "account.activation_throttled", subjectType: "identifier", subjectId: phone, ip });
    return { ok: false, reason: "rate_limited" };
  }
  const user = db.select().from(users).where(eq(users.phone, phone)).get();
  const active = user && !user.deletedAt && !user.disabledAt ? user : undefined;
  const latest = active
    ? db
        .select()
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.userId, active.id), eq(oneTimeCodes.purpose, "set_password")))
        .orderBy(desc(oneTimeCodes.id))
        .get()
    : undefined;

  if (!active || !latest || !sameHash(hashCode(input.code.trim()), latest.codeHash)) {
    audit(db, now, { actorId: active?.id ?? null, action: FAILED, subjectType: "identifier", subjectId: phone, ip });
    if (active && latest && !latest.usedAt) voidAfterTooManyAttempts(db, active.id, latest, now);
    return { ok: false, reason: "invalid" };
  }
  if (latest.usedAt) return { ok: false, reason: "used" };
  if (latest.expiresAt.getTime() < now) return { ok: false, reason: "expired" };

  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx): ActivationResult => {
    // Only one of two racing requests with the same code gets it.
    const taken = tx
      .update(oneTimeCodes)
      .set({ usedAt: new Date(now) })
      .where(and(eq(oneTimeCodes.id, latest.id), isNull(oneTimeCodes.usedAt)))
      .run();
    if (taken.changes !== 1) return { ok: false, reason: "used" };
    tx.update(users)
      .set({ passwordHash, lastLoginAt: new Date(now) })
      .where(eq(users.id, active.id))
      .run();
    audit(tx, now, { actorId: active.id, action: "account.activated", subjectType: "user", subjectId: active.id, ip });
    return { ok: true, userId: active.id };
  });
}

/** The 5th wrong code since this code was sent voids it. */
function voidAfterTooManyAttempts(db: Db, userId: number, code: typeof oneTimeCodes.$inferSelect, now: number) {
  const attempts =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, FAILED),
          eq(auditLog.actorId, userId),
          gte(auditLog.createdAt, code.createdAt),
          gt(auditLog.createdAt, new Date(now - CODE_TTL_MS)),
        ),
      )
      .get()?.n ?? 0;
  if (attempts < MAX_CODE_ATTEMPTS) return;
  db.update(oneTimeCodes)
    .set({ usedAt: new Date(now) })
    .where(eq(oneTimeCodes.id, code.id))
    .run();
  audit(db, now, {
    actorId: userId,
    action: "account.code_voided",
    subjectType: "user",
    subjectId: userId,
    detail: { attempts },
  });
}
