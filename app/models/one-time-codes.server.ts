// One-time codes sent by SMS or e-mail: setting a first password, resetting it, confirming a phone.
// Only a SHA-256 is kept; a new code voids the older ones of its purpose; a code works once, until it
// expires, and is void after MAX_CODE_ATTEMPTS wrong tries. Failures are audit rows, which the limits count.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, gte, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { auditLog, type ONE_TIME_CODE_PURPOSES, oneTimeCodes, outbox, users } from "../../db/schema";
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS } from "./limits.server";
import { secretPayload } from "./outbox.server";

export type CodePurpose = (typeof ONE_TIME_CODE_PURPOSES)[number];

/** Wrong codes for one person before their code is void (a new one must be asked for). */
export const MAX_CODE_ATTEMPTS = 5;

/** The audit actions of each purpose: `<prefix>_failed` is a wrong code, `<prefix>_throttled` a refused try. */
const ACTION_PREFIX: Record<CodePurpose, string> = {
  set_password: "account.activation",
  reset_password: "account.password_reset",
  confirm_phone: "account.phone_confirmation",
};
const failedAction = (purpose: CodePurpose) => `${ACTION_PREFIX[purpose]}_failed`;
const ALL_FAILED_ACTIONS = Object.keys(ACTION_PREFIX).map((purpose) => failedAction(purpose as CodePurpose));

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

function sameHash(a: string, b: string) {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** 6 digits to type from an SMS, or a long random token for a link. */
export function newSecret(kind: "digits" | "token") {
  return kind === "digits" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : randomBytes(32).toString("base64url");
}

// Written with the given time (not the database's clock), so that the windows can be tested.
export function auditAt(
  db: Db | Tx,
  now: number,
  entry: {
    actorId?: number | null;
    action: string;
    subjectType: string;
    subjectId: string | number | null;
    ip?: string | null;
    detail?: Record<string, unknown>;
  },
) {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId === null ? null : String(entry.subjectId),
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
      createdAt: new Date(now),
    })
    .run();
}

export type CodeMessage = {
  channel: "sms" | "email";
  recipient: string;
  template: string;
  locale: Locale;
  /** What the message shows besides the secret (the link, when it does not carry the secret). */
  values?: Record<string, unknown>;
  /** The payload keys that hold the secret: erased from the outbox once the message is sent. */
  secrets: (secret: string) => Record<string, string>;
};

/**
 * A new code of `purpose` for a person, queued in its message: the person's older codes of
 * that purpose are void, and their messages, if not sent yet, dropped. Audited with `actorId`.
 */
export function issueOneTimeCode(
  db: Db | Tx,
  input: {
    userId: number;
    purpose: CodePurpose;
    kind: "digits" | "token";
    ttlMs: number;
    message: CodeMessage;
    phone?: string;
    actorId?: number | null;
    ip?: string | null;
    now?: number;
  },
) {
  const { userId, purpose, message, now = Date.now() } = input;
  db.update(oneTimeCodes)
    .set({ usedAt: new Date(now) })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)))
    .run();
  db.delete(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.template, message.template), eq(outbox.status, "pending")))
    .run();
  const code = newSecret(input.kind);
  const row = db
    .insert(oneTimeCodes)
    .values({
      userId,
      purpose,
      phone: input.phone ?? null,
      codeHash: hashSecret(code),
      expiresAt: new Date(now + input.ttlMs),
      createdAt: new Date(now),
    })
    .returning({ id: oneTimeCodes.id })
    .get();
  // The code must be in the message: that is its purpose. The outbox erases it once the message is sent.
  db.insert(outbox)
    .values({
      channel: message.channel,
      recipient: message.recipient,
      userId,
      template: message.template,
      locale: message.locale,
      payload: secretPayload(message.values ?? {}, message.secrets(code)),
      dedupeKey: `${purpose}:${row.id}`,
    })
    .run();
  auditAt(db, now, {
    actorId: input.actorId ?? null,
    action: "account.code_issued",
    subjectType: "user",
    subjectId: userId,
    ip: input.ip,
    detail: { purpose, channel: message.channel },
  });
  return { codeId: row.id, code };
}

/**
 * Too many wrong codes (any purpose) in the last 15 minutes naming this identifier, or from this
 * address: the bounds of logins. `identifier` null (a link's token) counts only the address.
 */
export function codeThrottled(db: Db, identifier: string | null, ip: string, now = Date.now()) {
  const since = new Date(now - LOGIN_WINDOW_MS);
  const count = (who: SQL) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(and(inArray(auditLog.action, ALL_FAILED_ACTIONS), gt(auditLog.createdAt, since), who))
      .get()?.n ?? 0;
  if (identifier !== null && count(eq(auditLog.subjectId, identifier)) >= LOGIN_FAILURES_PER_ACCOUNT) return true;
  // A counsellor's office or a whole town may share one address.
  return ip !== "unknown" && count(eq(auditLog.ip, ip)) >= LOGIN_FAILURES_PER_ADDRESS;
}

export type CodeCheck =
  | { ok: true; codeId: number; userId: number; phone: string | null }
  | { ok: false; reason: "invalid" | "expired" | "used" | "rate_limited" };

/** Whose code is tried: the person an identifier names (typed code), or the token of a link. */
export type CodeOwner = { identifier: string; userId: number | undefined; code: string } | { token: string };

/**
 * Checks a code of `purpose` without using it (`takeOneTimeCode` does, in the caller's transaction).
 * A wrong code, an unknown, disabled or deleted account and a replaced code all answer "invalid";
 * "expired" and "used" are told only to someone who has the right code.
 */
export function checkOneTimeCode(
  db: Db,
  purpose: CodePurpose,
  owner: CodeOwner,
  { ip = "unknown", now = Date.now() }: { ip?: string; now?: number } = {},
): CodeCheck {
  const identifier = "identifier" in owner ? owner.identifier : null;
  if (codeThrottled(db, identifier, ip, now)) {
    const action = `${ACTION_PREFIX[purpose]}_throttled`;
    auditAt(db, now, { action, subjectType: "identifier", subjectId: identifier, ip });
    return { ok: false, reason: "rate_limited" };
  }
  const ofPurpose = eq(oneTimeCodes.purpose, purpose);
  const found =
    "token" in owner
      ? db
          .select()
          .from(oneTimeCodes)
          .where(and(ofPurpose, eq(oneTimeCodes.codeHash, hashSecret(owner.token))))
          .get()
      : owner.userId === undefined
        ? undefined
        : db
            .select()
            .from(oneTimeCodes)
            .where(and(ofPurpose, eq(oneTimeCodes.userId, owner.userId)))
            .orderBy(desc(oneTimeCodes.id))
            .get();
  const matches = found && ("token" in owner || sameHash(hashSecret(owner.code.trim()), found.codeHash));
  const active = found && activeAccount(db, found.userId);
  if (!found || !matches || !active) {
    const actorId = "token" in owner ? null : (owner.userId ?? null);
    auditAt(db, now, { actorId, action: failedAction(purpose), subjectType: "identifier", subjectId: identifier, ip });
    if (found && active && !found.usedAt) voidAfterTooManyAttempts(db, purpose, found, now);
    return { ok: false, reason: "invalid" };
  }
  if (found.usedAt) return { ok: false, reason: "used" };
  if (found.expiresAt.getTime() < now) return { ok: false, reason: "expired" };
  return { ok: true, codeId: found.id, userId: found.userId, phone: found.phone };
}

function activeAccount(db: Db, userId: number) {
  const user = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt), isNull(users.disabledAt)))
    .get();
  return Boolean(user);
}

/** Uses a checked code: false when a racing request took it first (only one of them gets it). */
export function takeOneTimeCode(tx: Db | Tx, codeId: number, now = Date.now()) {
  const taken = tx
    .update(oneTimeCodes)
    .set({ usedAt: new Date(now) })
    .where(and(eq(oneTimeCodes.id, codeId), isNull(oneTimeCodes.usedAt)))
    .run();
  return taken.changes === 1;
}

/** The 5th wrong code since this code was sent voids it. */
function voidAfterTooManyAttempts(db: Db, purpose: CodePurpose, code: typeof oneTimeCodes.$inferSelect, now: number) {
  const attempts =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, failedAction(purpose)),
          eq(auditLog.actorId, code.userId),
          gte(auditLog.createdAt, code.createdAt),
        ),
      )
      .get()?.n ?? 0;
  if (attempts < MAX_CODE_ATTEMPTS) return;
  takeOneTimeCode(db, code.id, now);
  auditAt(db, now, {
    actorId: code.userId,
    action: "account.code_voided",
    subjectType: "user",
    subjectId: code.userId,
    detail: { attempts, purpose },
  });
}
