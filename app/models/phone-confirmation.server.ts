// Confirming that a phone number is the person's: a 6-digit code sent to it, typed on /confirmer-telephone.
// A new number (a correction at sign-up, a change later) waits in its code's row (one_time_codes.phone) and
// becomes the account's only once confirmed, so a number that belongs to someone else is never taken.
import { and, desc, eq, gt, ne, or } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { oneTimeCodes, outbox, users } from "../../db/schema";
import { LOGIN_WINDOW_MS, PHONE_CODES_PER_WINDOW } from "./limits.server";
import { auditAt, type CodeCheck, checkOneTimeCode, issueOneTimeCode, takeOneTimeCode } from "./one-time-codes.server";

export const PHONE_CODE_TTL_MS = 30 * 60 * 1000;
/** Where the SMS sends the person. */
export const CONFIRM_PHONE_PATH = "/confirmer-telephone";

function latestCode(db: Db | Tx, userId: number) {
  return db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, "confirm_phone")))
    .orderBy(desc(oneTimeCodes.id))
    .get();
}

export type PhoneState = {
  /** The number being confirmed: the one a live code was sent to, else the account's. */
  phone: string | null;
  confirmed: boolean;
  /** A code sent to `phone` can still be typed. */
  codeLive: boolean;
  /** The account's number, which stays until `phone` is confirmed. */
  accountPhone: string | null;
  accountConfirmed: boolean;
};

export function phoneState(db: Db | Tx, userId: number, now = Date.now()): PhoneState {
  const user = db
    .select({ phone: users.phone, confirmedAt: users.phoneConfirmedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  const code = latestCode(db, userId);
  const codeLive = Boolean(code && !code.usedAt && code.expiresAt.getTime() > now);
  const phone = (codeLive ? code?.phone : null) ?? user?.phone ?? null;
  const accountConfirmed = Boolean(user?.phone && user.confirmedAt);
  return {
    phone,
    confirmed: accountConfirmed && phone === user?.phone,
    codeLive,
    accountPhone: user?.phone ?? null,
    accountConfirmed,
  };
}

/** Seconds before another code may go to this account or this number, or 0. */
function codeWait(db: Db | Tx, userId: number, phone: string, now: number) {
  const recent = db
    .select({ createdAt: oneTimeCodes.createdAt })
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.purpose, "confirm_phone"),
        or(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.phone, phone)),
        gt(oneTimeCodes.createdAt, new Date(now - LOGIN_WINDOW_MS)),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .offset(PHONE_CODES_PER_WINDOW - 1)
    .get();
  return recent ? Math.max(1, Math.ceil((recent.createdAt.getTime() + LOGIN_WINDOW_MS - now) / 1000)) : 0;
}

function belongsToAnother(db: Db | Tx, phone: string, userId: number) {
  const other = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), ne(users.id, userId)))
    .get();
  return other !== undefined;
}

export type PhoneCodeResult =
  | { ok: true; phone: string }
  | { ok: false; reason: "no_phone" | "already_confirmed" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Sends a confirmation code to `phone` (a new number) or, without it, again to the number being confirmed.
 * A number that belongs to another account gets the same answer and a code row, but no SMS: its owner is
 * not bothered, and whoever typed it learns nothing (the code they wait for never comes).
 */
export function sendPhoneCode(
  db: Db,
  userId: number,
  { phone, ip, now = Date.now() }: { phone?: string; ip?: string; now?: number } = {},
): PhoneCodeResult {
  const state = phoneState(db, userId, now);
  const target = phone ?? state.phone;
  if (!target) return { ok: false, reason: "no_phone" };
  if (target === state.accountPhone && state.accountConfirmed) return { ok: false, reason: "already_confirmed" };
  const wait = codeWait(db, userId, target, now);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  const locale = db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? "fr";
  const takenByAnother = belongsToAnother(db, target, userId);
  db.transaction((tx) => {
    const issued = issueOneTimeCode(tx, {
      userId,
      purpose: "confirm_phone",
      kind: "digits",
      ttlMs: PHONE_CODE_TTL_MS,
      phone: target,
      message: {
        channel: "sms",
        recipient: target,
        template: "confirmPhone",
        locale,
        values: { link: CONFIRM_PHONE_PATH },
        secrets: (code) => ({ code }),
      },
      actorId: userId,
      ip,
      now,
    });
    if (takenByAnother)
      tx.delete(outbox)
        .where(eq(outbox.dedupeKey, `confirm_phone:${issued.codeId}`))
        .run();
    if (target !== state.accountPhone) {
      auditAt(tx, now, {
        actorId: userId,
        action: "account.phone_change_requested",
        subjectType: "user",
        subjectId: userId,
        ip,
      });
    }
  });
  return { ok: true, phone: target };
}

export type PhoneConfirmation =
  | { ok: true; phone: string }
  | (CodeCheck & { ok: false })
  | { ok: false; reason: "unavailable" };

/**
 * The code sent to the number being confirmed: it becomes the account's number, confirmed.
 * Same rules as every code (once, 30 minutes, void after 5 wrong tries, throttled per number and address).
 */
export function confirmPhone(
  db: Db,
  userId: number,
  code: string,
  { ip, now = Date.now() }: { ip?: string; now?: number } = {},
): PhoneConfirmation {
  const identifier = phoneState(db, userId, now).phone ?? `user:${userId}`;
  const check = checkOneTimeCode(db, "confirm_phone", { identifier, userId, code }, { ip, now });
  if (!check.ok) return check;
  const phone = check.phone;
  return db.transaction((tx): PhoneConfirmation => {
    if (!phone || !takeOneTimeCode(tx, check.codeId, now)) return { ok: false, reason: "used" };
    // Only someone holding this number reads this answer: another account took it since the code was sent.
    if (belongsToAnother(tx, phone, userId)) return { ok: false, reason: "unavailable" };
    const before = tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId)).get();
    tx.update(users)
      .set({ phone, phoneConfirmedAt: new Date(now) })
      .where(eq(users.id, userId))
      .run();
    const action = before?.phone === phone ? "account.phone_confirmed" : "account.phone_changed";
    auditAt(tx, now, { actorId: userId, action, subjectType: "user", subjectId: userId, ip });
    return { ok: true, phone };
  });
}
