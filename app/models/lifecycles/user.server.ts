// The one write path of account statuses: disabling, enabling and deleting go
// through transitionUser, which checks the table of lifecycles/user.ts, sets or
// clears users.disabledAt / users.deletedAt and writes the audit row. Other
// changes of an account (password, language, role) are ordinary updates.
import { and, count, eq, isNull, ne } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import type { Db, Tx } from "~/utils/db.server";
import { users } from "../../../db/schema";
import { findMove, type LifecycleRole, type MoveResult } from "./lifecycle";
import { type UserAction, type UserStatus, userLifecycle, userStatus } from "./user";

/** Who moves the account: made `owner` when it is their own. */
export type UserActor = { userId: number | null; roles: readonly LifecycleRole[] };

export type UserMove = {
  userId: number;
  action: UserAction;
  actor: UserActor;
  /** The audit row's detail, as each caller has always written it. */
  detail?: Record<string, unknown>;
  ip?: string;
};

type User = typeof users.$inferSelect;

/** Active admins other than this account: there must always be one left. */
export function otherActiveAdmins(tx: Db | Tx, userId: number) {
  return (
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), ne(users.id, userId), isNull(users.disabledAt), isNull(users.deletedAt)))
      .get()?.n ?? 0
  );
}

/** Null when the guard holds, else the reason the move is refused. */
function guardRefusal(tx: Db | Tx, guard: string | undefined, user: User, actor: UserActor): string | null {
  switch (guard) {
    case undefined:
      return null;
    // An admin would lock themselves out.
    case "notOnYourself":
      return user.id === actor.userId ? "notOnYourself" : null;
    case "notYourselfNorLastAdmin":
      return (
        guardRefusal(tx, "notOnYourself", user, actor) ??
        (user.role === "admin" && otherActiveAdmins(tx, user.id) === 0 ? "lastAdmin" : null)
      );
    default:
      throw new Error(`user lifecycle: unknown guard ${guard}`);
  }
}

/** The columns a move writes: the status is these time-stamps. */
function columnsOf(action: UserAction, now: Date) {
  switch (action) {
    case "disable":
      return { disabledAt: now };
    case "enable":
      return { disabledAt: null };
    // An empty tombstone: nothing left to reach or name the person by.
    case "delete":
      return { phone: null, email: null, passwordHash: null, displayName: "—", deletedAt: now };
  }
}

/**
 * Moves an account along its lifecycle: refused when the actor may not make
 * this move from its status (`notAllowed`) or the guard does not hold (its
 * reason); else sets the time-stamps and writes the audit row.
 */
export function transitionUser(tx: Db | Tx, move: UserMove): MoveResult<UserStatus> {
  const user = tx.select().from(users).where(eq(users.id, move.userId)).get();
  if (!user) return { ok: false, reason: "notFound" };
  const { actor } = move;
  const roles: LifecycleRole[] = actor.userId === user.id ? [...actor.roles, "owner"] : [...actor.roles];
  const from = userStatus(user);
  const step = findMove(userLifecycle, move.action, from, roles);
  if (!step) return { ok: false, reason: "notAllowed" };
  const refusal = guardRefusal(tx, step.guard, user, actor);
  if (refusal) return { ok: false, reason: refusal };

  tx.update(users).set(columnsOf(move.action, new Date())).where(eq(users.id, user.id)).run();
  recordAudit(tx, {
    actorId: actor.userId,
    action: step.audit,
    subjectType: "user",
    subjectId: user.id,
    detail: move.detail,
    ip: move.ip,
  });
  return { ok: true, from, to: step.to };
}
