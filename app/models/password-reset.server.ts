// A forgotten password: a 6-digit code by SMS to the account's phone, or else a link by e-mail,
// valid 30 minutes, once. Whoever asks gets the same answer whether or not an account matches.
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { RESET_PATH, RESET_TOKEN_PARAM } from "~/utils/password-reset";
import { type Role, sessions, users } from "../../db/schema";
import { RESET_REQUESTED, resetRequestWait } from "./limits.server";
import { normalizeIdentifier } from "./login.server";
import {
  auditAt,
  type CodeMessage,
  checkOneTimeCode,
  issueOneTimeCode,
  takeOneTimeCode,
} from "./one-time-codes.server";

export const RESET_CODE_TTL_MS = 30 * 60 * 1000;

type Recipient = { id: number; phone: string | null; email: string | null; locale: Locale };

/** A code by SMS when the account has a phone; else a link by e-mail (never to a `.invalid` placeholder). */
function resetMessage(user: Recipient): (CodeMessage & { kind: "digits" | "token" }) | null {
  if (user.phone) {
    const values = { link: RESET_PATH };
    const secrets = (code: string) => ({ code });
    return {
      kind: "digits",
      channel: "sms",
      recipient: user.phone,
      template: "passwordReset",
      locale: user.locale,
      values,
      secrets,
    };
  }
  if (!user.email || user.email.endsWith(".invalid")) return null;
  const secrets = (token: string) => ({ link: `${RESET_PATH}?${new URLSearchParams({ [RESET_TOKEN_PARAM]: token })}` });
  return {
    kind: "token",
    channel: "email",
    recipient: user.email,
    template: "passwordResetLink",
    locale: user.locale,
    secrets,
  };
}

/** Sends a reset code or link to an active account; null when it has no phone or e-mail to send it to. */
function sendReset(db: Db | Tx, user: Recipient, context: { actorId: number | null; ip?: string; now: number }) {
  const message = resetMessage(user);
  if (!message) return null;
  return issueOneTimeCode(db, {
    userId: user.id,
    purpose: "reset_password",
    kind: message.kind,
    ttlMs: RESET_CODE_TTL_MS,
    message,
    phone: message.channel === "sms" ? message.recipient : undefined,
    ...context,
  });
}

const recipientColumns = { id: users.id, phone: users.phone, email: users.email, locale: users.locale };

export type ResetRequest = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * "I forgot my password", for a phone or e-mail. Every request that is not throttled is one audit row
 * and one transaction, account or not, and no message leaves inline (the outbox sends it): the answer
 * and its time say nothing of whether an account matches. A disabled or deleted account gets nothing.
 */
export function requestPasswordReset(db: Db, input: { identifier: string; ip: string }, now = Date.now()) {
  const identifier = normalizeIdentifier(input.identifier);
  const { ip } = input;
  const wait = resetRequestWait(db, { identifier, ip }, now);
  if (wait > 0) {
    auditAt(db, now, {
      action: "account.password_reset_throttled",
      subjectType: "identifier",
      subjectId: identifier,
      ip,
    });
    return { ok: false, retryAfterSeconds: wait } satisfies ResetRequest;
  }
  db.transaction((tx) => {
    auditAt(tx, now, { action: RESET_REQUESTED, subjectType: "identifier", subjectId: identifier, ip });
    const column = identifier.includes("@") ? users.email : users.phone;
    const user = tx
      .select(recipientColumns)
      .from(users)
      .where(and(eq(column, identifier), isNull(users.deletedAt), isNull(users.disabledAt)))
      .get();
    if (user) sendReset(tx, user, { actorId: null, ip, now });
  });
  return { ok: true } satisfies ResetRequest;
}

export type StartedReset =
  | { ok: true; channel: "sms" | "email" }
  | { ok: false; reason: "not_found" | "disabled" | "no_contact" };

/**
 * A counsellor or an admin (the page checks the role) sends a candidate a reset code or link; they
 * never see it. Any living candidate: every counsellor may open every candidate's file. Audited
 * with them as actor.
 */
export function startPasswordReset(
  db: Db,
  staffId: number,
  candidateId: number,
  { ip, now = Date.now() }: { ip?: string; now?: number } = {},
): StartedReset {
  const user = db
    .select({ ...recipientColumns, role: users.role, disabledAt: users.disabledAt, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, candidateId))
    .get();
  if (!user || user.role !== "candidat" || user.deletedAt) return { ok: false, reason: "not_found" };
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  const message = resetMessage(user);
  if (!message) return { ok: false, reason: "no_contact" };
  db.transaction((tx) => sendReset(tx, user, { actorId: staffId, ip, now }));
  return { ok: true, channel: message.channel };
}

export type ResetResult =
  | { ok: true; userId: number; role: Role }
  | { ok: false; reason: "invalid" | "expired" | "used" | "rate_limited" };

/** A typed code with the phone or e-mail it was asked for, or the token of the e-mail's link. */
export type ResetProof = { identifier: string; code: string } | { token: string };

/**
 * Sets a new password with a reset code or link: works once, for 30 minutes, void after 5 wrong
 * codes, throttled like activation codes. The person's sessions all end (the caller opens a new
 * one); a code received by SMS on the account's phone also confirms that phone.
 */
export async function resetPassword(
  db: Db,
  input: { proof: ResetProof; password: string; ip?: string },
  now = Date.now(),
): Promise<ResetResult> {
  const ip = input.ip ?? "unknown";
  const { proof } = input;
  let owner: Parameters<typeof checkOneTimeCode>[2];
  if ("token" in proof) owner = { token: proof.token };
  else {
    const identifier = normalizeIdentifier(proof.identifier);
    const column = identifier.includes("@") ? users.email : users.phone;
    const user = db.select({ id: users.id }).from(users).where(eq(column, identifier)).get();
    owner = { identifier, userId: user?.id, code: proof.code };
  }
  const check = checkOneTimeCode(db, "reset_password", owner, { ip, now });
  if (!check.ok) return check;

  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx): ResetResult => {
    if (!takeOneTimeCode(tx, check.codeId, now)) return { ok: false, reason: "used" };
    const user = tx
      .select({ role: users.role, phone: users.phone, confirmedAt: users.phoneConfirmedAt })
      .from(users)
      .where(eq(users.id, check.userId))
      .get()!;
    const confirmsPhone = check.phone !== null && check.phone === user.phone && !user.confirmedAt;
    tx.update(users)
      .set({ passwordHash, lastLoginAt: new Date(now), ...(confirmsPhone ? { phoneConfirmedAt: new Date(now) } : {}) })
      .where(eq(users.id, check.userId))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, check.userId)).run();
    auditAt(tx, now, {
      actorId: check.userId,
      action: "account.password_reset",
      subjectType: "user",
      subjectId: check.userId,
      ip,
    });
    return { ok: true, userId: check.userId, role: user.role };
  });
}
