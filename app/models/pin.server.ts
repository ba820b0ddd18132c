// The 4-digit PIN that lets a phone without internet act for its account (USSD menu, SMS keywords).
// Hashed like a password; four digits are guessed quickly, so wrong ones lock the account's PIN for a while.
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { auditLog, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { LOGIN_WINDOW_MS } from "./limits.server";

/** Wrong PINs on one account in LOGIN_WINDOW_MS (15 minutes) before it is locked. */
export const PIN_FAILURES_PER_ACCOUNT = 5;
export const PIN_FAILED = "auth.pin_failed";

const SEQUENCES = "0123456789";
/** The first PINs anyone tries: one digit four times, a run up or down, and a few keypad and year patterns. */
export function isWeakPin(pin: string) {
  if (/^(\d)\1{3}$/.test(pin)) return true;
  if (SEQUENCES.includes(pin) || [...SEQUENCES].reverse().join("").includes(pin)) return true;
  return ["1212", "1122", "1010", "2580", "0852", "1004", "2000", "6969", "1313"].includes(pin);
}

export type PinRefusal = "format" | "weak";

export function hasPin(db: Db, userId: number) {
  const row = db.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, userId)).get();
  return Boolean(row?.pinHash);
}

/** Sets or replaces the account's PIN (its hash only; the audit row never holds it). */
export async function setPin(
  db: Db,
  userId: number,
  pin: string,
  { actorId, ip }: { actorId: number | null; ip?: string },
): Promise<{ ok: true } | { ok: false; reason: PinRefusal }> {
  if (!/^\d{4}$/.test(pin)) return { ok: false, reason: "format" };
  if (isWeakPin(pin)) return { ok: false, reason: "weak" };
  const pinHash = await hashPassword(pin);
  const changed = hasPin(db, userId);
  db.update(users).set({ pinHash }).where(eq(users.id, userId)).run();
  recordAudit(db, {
    actorId,
    action: "account.pin_set",
    subjectType: "user",
    subjectId: userId,
    ip,
    detail: { changed },
  });
  return { ok: true };
}

/** Seconds before this account's PIN may be tried again (when the oldest of 5 recent wrong ones leaves), or 0. */
export function pinWait(db: Db | Tx, userId: number, now = Date.now()) {
  const row = db
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, PIN_FAILED),
        eq(auditLog.subjectType, "user"),
        eq(auditLog.subjectId, String(userId)),
        gt(auditLog.createdAt, new Date(now - LOGIN_WINDOW_MS)),
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(1)
    .offset(PIN_FAILURES_PER_ACCOUNT - 1)
    .get();
  return row ? Math.max(1, Math.ceil((row.at.getTime() + LOGIN_WINDOW_MS - now) / 1000)) : 0;
}

/**
 * "ok" when the PIN is the account's; "wrong" otherwise (counted); "locked" while 5 wrong ones are recent,
 * without looking at the PIN, and as soon as the fifth wrong one is typed.
 */
export async function checkPin(db: Db, userId: number, pin: string, now = Date.now()) {
  // The try is counted before the slow check and forgotten if right: tries sent at once cannot slip past the bound.
  const attempt = db.transaction(
    (tx) => {
      if (pinWait(tx, userId, now) > 0) return null;
      return tx
        .insert(auditLog)
        .values({ action: "auth.pin_failed", subjectType: "user", subjectId: String(userId), createdAt: new Date(now) })
        .returning({ id: auditLog.id })
        .get();
    },
    { behavior: "immediate" },
  );
  if (!attempt) return "locked" as const;
  const row = db.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, userId)).get();
  // verifyPassword spends the same time when there is no PIN, so the answer's delay says nothing.
  if (await verifyPassword(pin.slice(0, 16), row?.pinHash ?? null)) {
    db.delete(auditLog).where(eq(auditLog.id, attempt.id)).run();
    return "ok" as const;
  }
  return pinWait(db, userId, now) > 0 ? ("locked" as const) : ("wrong" as const);
}
