// A status lifecycle as data. Each entity with a status (offer, organisation,
// placement, application, user) declares one table of moves in its own module
// beside this one: from which statuses, to which, who may, the guard checked
// first, the audit action written and the notification queued. The entity's
// write path (`*.server.ts` beside it) is the only code that changes the
// status, and the pages ask the same table which actions to show. No
// database import here: the tables are read in the browser too.

/**
 * Who is making a move, as the lifecycle sees them: `owner` is the side the
 * entity belongs to (a member of the offer's organisation, the candidate of an
 * application, the person of an account), `system` the daily chores.
 */
export const LIFECYCLE_ROLES = ["owner", "candidate", "employer", "counsellor", "admin", "system"] as const;
export type LifecycleRole = (typeof LIFECYCLE_ROLES)[number];

export type Move<S extends string, A extends string = string> = {
  /** The name a page posts (`intent`) and the tests use. */
  action: A;
  from: readonly S[];
  to: S;
  by: readonly LifecycleRole[];
  /** A rule checked on the entity before the move, named for the reader; its code is in the write path. */
  guard?: string;
  /** The audit action written with the move. */
  audit: string;
  /** The notification kind (a key under `notifications:`) queued for the other side, if any. */
  notify?: string;
};

export type Lifecycle<S extends string, A extends string = string> = {
  entity: string;
  statuses: readonly S[];
  moves: readonly Move<S, A>[];
};

/** Declares a lifecycle, checking that every move names known statuses (a typo fails at load). */
export function lifecycle<S extends string, const A extends string>(table: Lifecycle<S, A>): Lifecycle<S, A> {
  for (const move of table.moves) {
    for (const status of [...move.from, move.to]) {
      if (!table.statuses.includes(status))
        throw new Error(`${table.entity}: unknown status ${status} in ${move.action}`);
    }
  }
  return table;
}

/** The moves a role may make from a status, in the table's order. */
export function movesFrom<S extends string, A extends string>(
  table: Lifecycle<S, A>,
  from: S,
  roles: LifecycleRole | readonly LifecycleRole[],
): Move<S, A>[] {
  const asking = typeof roles === "string" ? [roles] : roles;
  return table.moves.filter((move) => move.from.includes(from) && move.by.some((role) => asking.includes(role)));
}

/** The named move if this role may make it from this status, else undefined. */
export function findMove<S extends string, A extends string>(
  table: Lifecycle<S, A>,
  action: A,
  from: S,
  roles: LifecycleRole | readonly LifecycleRole[],
): Move<S, A> | undefined {
  return movesFrom(table, from, roles).find((move) => move.action === action);
}

/** Whether an action is offered to this role from this status (what a page asks before showing a button). */
export const canMove = <S extends string, A extends string>(
  table: Lifecycle<S, A>,
  action: A,
  from: S,
  roles: LifecycleRole | readonly LifecycleRole[],
) => findMove(table, action, from, roles) !== undefined;

/** The statuses from which some move with this action exists (for a query that picks rows a chore may move). */
export const statusesAllowing = <S extends string, A extends string>(table: Lifecycle<S, A>, action: A) => [
  ...new Set(table.moves.filter((move) => move.action === action).flatMap((move) => move.from)),
];

/** The outcome of a write path: done, or refused with a code the page turns into a message. */
export type MoveResult<S extends string> =
  | { ok: true; from: S; to: S }
  | { ok: false; reason: "notFound" | "notAllowed" | (string & {}) };
