// "Call me back", asked from the USSD menu by someone who cannot read or type much: one open request per
// number, which any counsellor takes (so that two do not call the same person) and marks done once they called.
import { and, asc, count, desc, eq, isNotNull, isNull, min, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "~/utils/db.server";
import { callbackRequests, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { pageOf } from "./name-search.server";

export const CALLBACKS_PAGE_SIZE = 25;
export const CALLBACK_STATUSES = ["open", "mine", "done"] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
type Locale = (typeof callbackRequests.$inferSelect)["locale"];

/** A new request for this number, or the one still open (asking again changes nothing). */
export function requestCallback(
  db: Db,
  { phone, userId, locale, now = Date.now() }: { phone: string; userId: number | null; locale: Locale; now?: number },
): { id: number; alreadyOpen: boolean } {
  return db.transaction(
    (tx) => {
      const open = tx
        .select({ id: callbackRequests.id })
        .from(callbackRequests)
        .where(and(eq(callbackRequests.phone, phone), isNull(callbackRequests.doneAt)))
        .get();
      if (open) return { id: open.id, alreadyOpen: true };
      const { id } = tx
        .insert(callbackRequests)
        .values({ phone, userId, locale, createdAt: new Date(now) })
        .returning({ id: callbackRequests.id })
        .get();
      recordAudit(tx, { actorId: userId, action: "callback.requested", subjectType: "callback", subjectId: id });
      return { id, alreadyOpen: false };
    },
    { behavior: "immediate" },
  );
}

const person = alias(users, "person");
const taker = alias(users, "taker");

function whereOf(status: CallbackStatus, counsellorId: number) {
  if (status === "done") return isNotNull(callbackRequests.doneAt);
  const open = isNull(callbackRequests.doneAt);
  return status === "mine" ? and(open, eq(callbackRequests.takenBy, counsellorId)) : open;
}

/**
 * One page of requests: open ones (taken or not) and the counsellor's own oldest first, done ones newest first.
 * The person is the account that asked, else the live account with that number, if any.
 */
export function listCallbacks(
  db: Db,
  { status, page, counsellorId }: { status: CallbackStatus; page?: number; counsellorId: number },
) {
  const where = whereOf(status, counsellorId);
  const total = db.select({ n: count() }).from(callbackRequests).where(where).get()?.n ?? 0;
  const current = pageOf(page, total, CALLBACKS_PAGE_SIZE);
  const order =
    status === "done"
      ? [desc(callbackRequests.doneAt), desc(callbackRequests.id)]
      : [asc(callbackRequests.createdAt), asc(callbackRequests.id)];
  const rows = db
    .select({
      id: callbackRequests.id,
      phone: callbackRequests.phone,
      locale: callbackRequests.locale,
      createdAt: callbackRequests.createdAt,
      takenAt: callbackRequests.takenAt,
      doneAt: callbackRequests.doneAt,
      takenBy: callbackRequests.takenBy,
      takerName: taker.displayName,
      personId: person.id,
      personName: person.displayName,
      personRole: person.role,
    })
    .from(callbackRequests)
    .leftJoin(taker, eq(taker.id, callbackRequests.takenBy))
    .leftJoin(
      person,
      and(
        isNull(person.deletedAt),
        or(
          eq(person.id, callbackRequests.userId),
          and(isNull(callbackRequests.userId), eq(person.phone, callbackRequests.phone)),
        ),
      ),
    )
    .where(where)
    .orderBy(...order)
    .limit(CALLBACKS_PAGE_SIZE)
    .offset((current.page - 1) * CALLBACKS_PAGE_SIZE)
    .all();
  return { total, ...current, rows };
}

/** Requests not called back yet (the open tab's rows), and since when the oldest waits (for the dashboard). */
export function callbacksWaiting(db: Db) {
  const row = db
    .select({ n: count(), oldest: min(callbackRequests.createdAt) })
    .from(callbackRequests)
    .where(isNull(callbackRequests.doneAt))
    .get();
  return { count: row?.n ?? 0, oldestAt: row?.oldest ? new Date(row.oldest) : null };
}

export type CallbackRefusal =
  | { ok: false; reason: "notFound" | "done" | "notTaken" }
  | { ok: false; reason: "taken" | "notYours"; takenBy: { id: number | null; name: string | null } };
export type CallbackResult = { ok: true } | CallbackRefusal;

function current(db: Db | Tx, id: number) {
  return db
    .select({
      takenBy: callbackRequests.takenBy,
      doneAt: callbackRequests.doneAt,
      takerName: taker.displayName,
    })
    .from(callbackRequests)
    .leftJoin(taker, eq(taker.id, callbackRequests.takenBy))
    .where(eq(callbackRequests.id, id))
    .get();
}

const isAdmin = (db: Db | Tx, userId: number) =>
  db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role === "admin";

/** The counsellor takes an open request nobody has; a taken one is refused with who took it. */
export function takeCallback(db: Db, id: number, counsellorId: number, now = Date.now()): CallbackResult {
  return db.transaction(
    (tx): CallbackResult => {
      const row = current(tx, id);
      if (!row) return { ok: false, reason: "notFound" };
      if (row.doneAt) return { ok: false, reason: "done" };
      if (row.takenBy !== null) {
        return row.takenBy === counsellorId
          ? { ok: true }
          : { ok: false, reason: "taken", takenBy: { id: row.takenBy, name: row.takerName } };
      }
      tx.update(callbackRequests)
        .set({ takenBy: counsellorId, takenAt: new Date(now) })
        .where(eq(callbackRequests.id, id))
        .run();
      recordAudit(tx, { actorId: counsellorId, action: "callback.taken", subjectType: "callback", subjectId: id });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** A taken request, by its taker or an admin: "done" marks it called, "release" gives it back to the queue. */
function settle(db: Db, id: number, actorId: number, move: "done" | "release", now: number): CallbackResult {
  return db.transaction(
    (tx): CallbackResult => {
      const row = current(tx, id);
      if (!row) return { ok: false, reason: "notFound" };
      if (row.doneAt) return { ok: false, reason: "done" };
      if (row.takenBy === null) return { ok: false, reason: "notTaken" };
      if (row.takenBy !== actorId && !isAdmin(tx, actorId)) {
        return { ok: false, reason: "notYours", takenBy: { id: row.takenBy, name: row.takerName } };
      }
      tx.update(callbackRequests)
        .set(move === "done" ? { doneAt: new Date(now) } : { takenBy: null, takenAt: null })
        .where(eq(callbackRequests.id, id))
        .run();
      recordAudit(
        tx,
        move === "done"
          ? { actorId, action: "callback.done", subjectType: "callback", subjectId: id }
          : { actorId, action: "callback.released", subjectType: "callback", subjectId: id },
      );
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export const completeCallback = (db: Db, id: number, counsellorId: number, now = Date.now()) =>
  settle(db, id, counsellorId, "done", now);

export const releaseCallback = (db: Db, id: number, counsellorId: number, now = Date.now()) =>
  settle(db, id, counsellorId, "release", now);

/** How many requests are in each tab, for the tabs' labels. */
export function callbackTabCounts(db: Db, counsellorId: number) {
  const row = db
    .select({
      open: sql<number>`sum(${callbackRequests.doneAt} IS NULL)`,
      mine: sql<number>`sum(${callbackRequests.doneAt} IS NULL AND ${callbackRequests.takenBy} = ${counsellorId})`,
    })
    .from(callbackRequests)
    .get();
  return { open: Number(row?.open ?? 0), mine: Number(row?.mine ?? 0) };
}
