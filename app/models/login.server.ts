// Logging in: finding an account by phone or e-mail and checking its password, throttled.
import { eq } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { type Role, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { LOGIN_FAILED, loginWait } from "./limits.server";

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

export type LoginResult =
  | { ok: true; user: { id: number; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks a login. Says only "invalid" whatever was wrong (unknown account, wrong
 * password, disabled account), and refuses to check at all while the account,
 * the identifier from this address or the address is over its limit (limits.server.ts).
 */
export async function authenticate(
  db: Db,
  { identifier, password, ip }: { identifier: string; password: string; ip: string },
): Promise<LoginResult> {
  const normalized = normalizeIdentifier(identifier);
  const user = findUserByIdentifier(db, normalized);
  const wait = loginWait(db, { identifier: normalized, ip, account: user });
  if (wait > 0) {
    recordAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.login_throttled",
      subjectType: "identifier",
      subjectId: normalized,
      ip,
    });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  }
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !passwordOk || user.disabledAt || user.deletedAt) {
    recordAudit(db, {
      actorId: user?.id ?? null,
      action: LOGIN_FAILED,
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
