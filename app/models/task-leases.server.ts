// Several server processes may share one database: a scheduled task runs in the one
// process holding its lease (a row of task_leases). A lease lasts a few minutes and is
// renewed while the task runs, so a crashed holder's lease simply runs out.
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { taskLeases } from "../../db/schema";

export const LEASE_MS = 5 * 60_000;

/**
 * Takes the lease of `name` for the run due at `slot` (its scheduled time), in one
 * UPDATE: refused while another process holds an unexpired lease, and refused when a
 * run already started at or after `slot` and finished (the slot is done). A run whose
 * holder vanished (lease expired, never released) is taken over and done again.
 */
export function claimLease(db: Db, name: string, holder: string, slot: number, now: number, leaseMs = LEASE_MS) {
  db.insert(taskLeases).values({ name }).onConflictDoNothing().run();
  return (
    db
      .update(taskLeases)
      .set({ holder, leaseUntil: new Date(now + leaseMs), lastStartedAt: new Date(now) })
      .where(
        and(
          eq(taskLeases.name, name),
          or(isNull(taskLeases.leaseUntil), lt(taskLeases.leaseUntil, new Date(now)), eq(taskLeases.holder, holder)),
          or(
            isNull(taskLeases.lastStartedAt),
            lt(taskLeases.lastStartedAt, new Date(slot)),
            isNotNull(taskLeases.holder),
          ),
        ),
      )
      .run().changes === 1
  );
}

/** Keeps the lease while the task still runs; false when another process took it over meanwhile. */
export function renewLease(db: Db, name: string, holder: string, now: number, leaseMs = LEASE_MS) {
  return (
    db
      .update(taskLeases)
      .set({ leaseUntil: new Date(now + leaseMs) })
      .where(and(eq(taskLeases.name, name), eq(taskLeases.holder, holder)))
      .run().changes === 1
  );
}

/** The run is over: the lease is free again, with what the run did (or why it failed). */
export function releaseLease(db: Db, name: string, holder: string, now: number, result: string) {
  db.update(taskLeases)
    .set({ holder: null, leaseUntil: null, lastFinishedAt: new Date(now), lastResult: result.slice(0, 500) })
    .where(and(eq(taskLeases.name, name), eq(taskLeases.holder, holder)))
    .run();
}

/** Whether a run of `name` started at or after `at` (in whichever process). */
export function startedSince(db: Db, name: string, at: number) {
  const lease = db.select({ at: taskLeases.lastStartedAt }).from(taskLeases).where(eq(taskLeases.name, name)).get();
  return lease?.at != null && lease.at.getTime() >= at;
}

/** Every task's last run, for the admins and the tests. */
export function listLeases(db: Db) {
  return db.select().from(taskLeases).orderBy(taskLeases.name).all();
}
