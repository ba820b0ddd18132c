// The platform operator's work on accounts: finding them, their role, disabling, creating counsellors.
import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { CounsellorInput } from "~/schemas/admin";
import type { Db, Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { hashPassword } from "~/utils/password.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { endAllSessions } from "~/utils/session.server";
import { memberships, organisations, type Role, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { type UserStatus, userStatus } from "./lifecycles/user";
import { otherActiveAdmins, transitionUser } from "./lifecycles/user.server";
import { contains, hasWords, pageOf, wordsOf } from "./name-search.server";
import { contactsTaken } from "./registration.server";

export const USERS_PAGE_SIZE = 25;

/**
 * Words typed in the search box: a phone number in any Malian spelling
 * (`70 00 00 01`, `+223 70000001`, or 4+ digits of it), or words that must each
 * appear in the name or the e-mail address (accents and case ignored).
 */
function userMatch(db: Db, q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  const digits = text.replace(/[\s.\-()+]/g, "");
  if (/^\d{4,}$/.test(digits)) {
    const phone = normalizeMaliPhone(text);
    const national = digits.replace(/^(00223|223)(?=\d{8}$)/, "");
    return phone ? eq(users.phone, phone) : contains(sql`${users.phone}`, national);
  }
  return hasWords(db, sql`${users.displayName} || ' ' || ifnull(${users.email}, '')`, wordsOf(text));
}

const STATUS_CONDITIONS: Record<UserStatus, SQL> = {
  active: and(isNull(users.disabledAt), isNull(users.deletedAt))!,
  disabled: and(isNotNull(users.disabledAt), isNull(users.deletedAt))!,
  deleted: isNotNull(users.deletedAt),
};

export type UserFilters = { q?: string; role?: Role; status?: UserStatus; page?: number };

/**
 * Accounts matching the filters, newest first, 25 a page, each with the
 * organisations it belongs to (employer or partner).
 */
export function searchUsers(db: Db, filters: UserFilters) {
  const where = and(
    filters.q ? userMatch(db, filters.q) : undefined,
    filters.role ? eq(users.role, filters.role) : undefined,
    filters.status ? STATUS_CONDITIONS[filters.status] : undefined,
  );
  const pageRows = (page: number) =>
    db
      .select({
        id: users.id,
        role: users.role,
        displayName: users.displayName,
        phone: users.phone,
        email: users.email,
        createdAt: users.createdAt,
        lastLoginAt: users.lastLoginAt,
        disabledAt: users.disabledAt,
        deletedAt: users.deletedAt,
        // Counted in the same pass: a name search reads every account once, not twice.
        total: sql<number>`count(*) OVER ()`,
      })
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE)
      .all();
  let page = Math.max(1, filters.page ?? 1);
  let rows = pageRows(page);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    // Past the last page (a stale link): show the last one.
    total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
    page = pageOf(page, total, USERS_PAGE_SIZE).page;
    rows = total > 0 ? pageRows(page) : [];
  }
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const orgs = rows.length
    ? db
        .select({
          userId: memberships.userId,
          id: organisations.id,
          name: organisations.name,
          shortName: organisations.shortName,
          kind: organisations.kind,
        })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .where(
          inArray(
            memberships.userId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(organisations.name))
        .all()
    : [];
  const items = rows.map(({ total: _t, ...row }) => ({
    ...row,
    status: userStatus(row),
    organisations: orgs.filter((o) => o.userId === row.id).map(({ userId: _u, ...org }) => org),
  }));
  return { items, total, page, pageCount };
}

export type AdminError = { ok: false; error: string };
const refuse = (key: string): AdminError => ({ ok: false, error: `admin:errors.${key}` });

/**
 * The account an admin acts on, or why they may not: not their own account (they
 * would lock themselves out), not a deleted one, not the last active admin.
 * Reading and writing in one transaction keeps two admins acting on each other
 * at the same moment from leaving none.
 */
function checkTarget(tx: Db | Tx, adminId: number, userId: number, { losesAdmin }: { losesAdmin: boolean }) {
  const target = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!target) return null;
  if (target.id === adminId) return refuse("notOnYourself");
  if (target.deletedAt) return refuse("accountDeleted");
  if (losesAdmin && target.role === "admin" && !target.disabledAt && otherActiveAdmins(tx, target.id) === 0) {
    return refuse("lastAdmin");
  }
  return target;
}

/**
 * Gives an account another role; it applies from the person's next page (the
 * session reads the role each time). Memberships are kept: an employer made
 * candidate keeps their organisation rows, which no page reads for a candidate,
 * and they count again if the role comes back.
 * Null when the account does not exist.
 */
export function changeRole(db: Db, adminId: number, userId: number, role: Role, ip?: string) {
  return db.transaction((tx) => {
    const target = checkTarget(tx, adminId, userId, { losesAdmin: role !== "admin" });
    if (!target || "ok" in target) return target;
    if (target.role === role) return { ok: true as const, changed: false };
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordAudit(tx, {
      actorId: adminId,
      action: "admin.role_changed",
      subjectType: "user",
      subjectId: userId,
      detail: { from: target.role, to: role },
      ip,
    });
    return { ok: true as const, changed: true };
  });
}

/**
 * Disables an account (it can no longer log in, and every open session ends at
 * once) or enables it again. Null when the account does not exist.
 */
export function setDisabled(db: Db, adminId: number, userId: number, disabled: boolean, ip?: string) {
  const result = db.transaction((tx) => {
    const target = checkTarget(tx, adminId, userId, { losesAdmin: disabled });
    if (!target || "ok" in target) return target;
    if (Boolean(target.disabledAt) === disabled) return { ok: true as const, changed: false };
    const actor = { userId: adminId, roles: ["admin"] as const };
    const moved = transitionUser(tx, { userId, action: disabled ? "disable" : "enable", actor, ip });
    // checkTarget refused already what the lifecycle's guards refuse.
    if (!moved.ok) throw new Error(`setDisabled: ${moved.reason}`);
    return { ok: true as const, changed: true };
  });
  // After the commit; a session of a disabled account is refused anyway (getSessionUser).
  if (disabled && result && result.ok && result.changed) endAllSessions(db, userId);
  return result;
}

// Letters and digits that cannot be misread for one another (no 0/o, 1/l/i).
const READABLE = "abcdefghjkmnpqrstuvwxyz23456789";

/** A random password of 12 readable characters in three groups: `k7pm-x3qa-9rtd`. */
export function temporaryPassword() {
  const chars = Array.from({ length: 12 }, () => READABLE[randomInt(READABLE.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

export type CreatedCounsellor = { ok: true; userId: number; displayName: string; temporaryPassword: string };

/**
 * Creates a counsellor's account, member of a partner body. Admins never choose
 * passwords: the account gets a random temporary one, stored hashed and given
 * back once, for the admin to hand over (the counsellor changes it in their account).
 */
export async function createCounsellor(
  db: Db,
  adminId: number,
  input: CounsellorInput,
  ip?: string,
): Promise<CreatedCounsellor | { ok: false; fieldErrors: FieldErrors }> {
  const email = input.email?.toLowerCase();
  const phone = input.phone;
  if (!email && !phone) return { ok: false, fieldErrors: { email: "validation.contactRequired" } };
  const partner = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, input.partnerOrgId), eq(organisations.kind, "partner")))
    .get();
  const taken = contactsTaken(db, phone, email);
  const fieldErrors: FieldErrors = {};
  if (!partner) fieldErrors.partnerOrgId = "admin:errors.partnerRequired";
  if (taken.email) fieldErrors.email = "admin:errors.emailTaken";
  if (taken.phone) fieldErrors.phone = "admin:errors.phoneTaken";
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const displayName = `${input.firstName} ${input.lastName}`;
  try {
    const userId = db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({ role: "conseiller", email: email ?? null, phone: phone ?? null, passwordHash, displayName })
        .returning({ id: users.id })
        .get();
      tx.insert(memberships).values({ userId: user.id, orgId: partner!.id, role: "member" }).run();
      recordAudit(tx, {
        actorId: adminId,
        action: "admin.user_created",
        subjectType: "user",
        subjectId: user.id,
        detail: { role: "conseiller", partnerOrgId: partner!.id },
        ip,
      });
      return user.id;
    });
    return { ok: true, userId, displayName, temporaryPassword: password };
  } catch (error) {
    // Someone registered with the same contact while the password was being hashed.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      const again = contactsTaken(db, phone, email);
      return {
        ok: false,
        fieldErrors: again.email ? { email: "admin:errors.emailTaken" } : { phone: "admin:errors.phoneTaken" },
      };
    }
    throw error;
  }
}
