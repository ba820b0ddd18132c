// Reading the audit log: the admin's search by actor, action and dates.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { auditLog, users } from "../../db/schema";
import { contains, hasWords, pageOf, wordsOf } from "./name-search.server";

export const AUDIT_PAGE_SIZE = 25;

export type AuditFilters = {
  /** An account id, an e-mail address (or part of one), or words of a name. */
  actor?: string;
  action?: string;
  /** ISO dates, both included (Mali is on UTC). */
  from?: string;
  to?: string;
  /** Only the lines written after this moment (the last 24 hours, as the admin's dashboard counts them). */
  after?: Date;
  page?: number;
};

// Beyond this many matching accounts, the filter is a subquery (read again for the count).
const ACTOR_IDS_MAX = 1000;

/** The actor filter: the matching accounts are found first, then their lines through the actor index. */
function actorMatch(db: Db, actor: string): SQL | undefined {
  const text = actor.trim();
  if (!text) return undefined;
  if (/^\d{1,12}$/.test(text)) return eq(auditLog.actorId, Number(text));
  const match = text.includes("@")
    ? contains(sql`${users.email}`, text.toLowerCase())
    : hasWords(db, sql`${users.displayName}`, wordsOf(text));
  // Two builders: Drizzle's limit() changes the query it is called on.
  const accounts = () => db.select({ id: users.id }).from(users).where(match);
  const ids = accounts()
    .limit(ACTOR_IDS_MAX + 1)
    .all()
    .map((row) => row.id);
  return inArray(auditLog.actorId, ids.length <= ACTOR_IDS_MAX ? ids : accounts());
}

/** Lines of the audit log matching the filters, newest first, 25 a page, with the actor's name. */
export function searchAudit(db: Db, filters: AuditFilters) {
  const where = and(
    filters.actor ? actorMatch(db, filters.actor) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.from ? gte(auditLog.createdAt, new Date(`${filters.from}T00:00:00Z`)) : undefined,
    filters.to ? lt(auditLog.createdAt, new Date(`${addDays(filters.to, 1)}T00:00:00Z`)) : undefined,
    filters.after ? gt(auditLog.createdAt, filters.after) : undefined,
  );
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const { page, pageCount } = pageOf(filters.page, total, AUDIT_PAGE_SIZE);
  const items = db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      actorRole: users.role,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { items, total, page, pageCount };
}

/** Every action written in the log so far, for the filter's list. */
export function auditActions(db: Db): string[] {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.action))
    .all()
    .map((row) => row.action);
}
