// A person registered by a counsellor sets their own password with a one-time
// code received by SMS: 6 digits, only their SHA-256 kept, valid 24 hours, once.
import { eq } from "drizzle-orm";
import { DAY_MS } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { users } from "../../db/schema";
import { auditAt, checkOneTimeCode, issueOneTimeCode, takeOneTimeCode } from "./one-time-codes.server";

export const CODE_TTL_MS = DAY_MS;
/** Where the SMS sends the person. */
export const ACTIVATION_PATH = "/activer-compte";

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
  return issueOneTimeCode(db, {
    userId,
    purpose: "set_password",
    kind: "digits",
    ttlMs: CODE_TTL_MS,
    message: {
      channel: "sms",
      recipient: user.phone,
      template: "setPassword",
      locale: user.locale,
      values: { link: ACTIVATION_PATH },
      secrets: (code) => ({ code }),
    },
    actorId,
    now,
  });
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
  const user = db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).get();
  const check = checkOneTimeCode(
    db,
    "set_password",
    { identifier: phone, userId: user?.id, code: input.code },
    { ip, now },
  );
  if (!check.ok) return check;

  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx): ActivationResult => {
    if (!takeOneTimeCode(tx, check.codeId, now)) return { ok: false, reason: "used" };
    // The code came by SMS to this number: it is theirs.
    tx.update(users)
      .set({ passwordHash, lastLoginAt: new Date(now), phoneConfirmedAt: new Date(now) })
      .where(eq(users.id, check.userId))
      .run();
    auditAt(tx, now, {
      actorId: check.userId,
      action: "account.activated",
      subjectType: "user",
      subjectId: check.userId,
      ip,
    });
    return { ok: true, userId: check.userId };
  });
}
