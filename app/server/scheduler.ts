// The server's own schedule, no cron: each minute it runs every task whose slot came
// (outbox each minute, alerts at 07:00, chores at 02:00, Bamako time = UTC), and sends the
// outbox a second after something queued a message a person waits for. Across processes
// sharing the database (the cluster's workers), each run is taken by one of them through its lease.
import { hostname } from "node:os";
import { onOutboxWake } from "~/models/outbox-wake.server";
import { latestSlot, runTask, SCHEDULED_TASKS, TASK_NAMES, type TaskName } from "~/models/scheduled-tasks.server";
import { claimLease, LEASE_MS, releaseLease, renewLease, startedSince } from "~/models/task-leases.server";
import type { Db } from "~/utils/db.server";
import type { Transport } from "~/utils/transports.server";

const MINUTE = 60_000;
const WAKE_DELAY_MS = 1_000;

type Timer = unknown;
/** Time as the scheduler sees it: the tests drive it by hand. */
export type Clock = {
  now(): number;
  setTimeout(callback: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

const errorText = (error: unknown) => String(error instanceof Error ? error.message : error).slice(0, 200);

export type SchedulerOptions = {
  db: Db;
  transport: Transport;
  clock?: Clock;
  holder?: string;
  leaseMs?: number;
  log?: (line: string) => void;
};

/** Off with SCHEDULER=off, and in tests unless one turns it on (SCHEDULER=on). */
export function schedulerEnabled(env = process.env) {
  if (env.SCHEDULER === "off") return false;
  return env.NODE_ENV !== "test" || env.SCHEDULER === "on";
}

export function startScheduler({
  db,
  transport,
  clock = systemClock,
  holder = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
  leaseMs = LEASE_MS,
  log = (line) => process.stdout.write(`${line}\n`),
}: SchedulerOptions) {
  /** Each run in progress, resolving to whether this process took its lease. */
  const running = new Map<TaskName, Promise<boolean>>();
  const timers = new Set<Timer>();
  let stopped = false;
  let wakeTimer: Timer | undefined;
  let wokenWhileRunning = false;

  function later(callback: () => void, ms: number) {
    const timer = clock.setTimeout(() => {
      timers.delete(timer);
      if (!stopped) callback();
    }, ms);
    timers.add(timer);
    return timer;
  }

  function logRun(name: TaskName, started: number, summary: Record<string, unknown>) {
    // Counts and times only: nothing personal.
    const finished = clock.now();
    log(JSON.stringify({ time: new Date(finished).toISOString(), task: name, ms: finished - started, ...summary }));
  }

  async function run(name: TaskName, slot: number) {
    const started = clock.now();
    try {
      if (!claimLease(db, name, holder, slot, started, leaseMs)) return false;
    } catch (error) {
      logRun(name, started, { ok: false, error: `lease: ${errorText(error)}` });
      return false;
    }
    // Renewed while a slow gateway keeps the outbox busy.
    let renewal: Timer | undefined;
    const renew = () => {
      let kept = false;
      try {
        kept = renewLease(db, name, holder, clock.now(), leaseMs);
      } catch {
        // The next renewal or the release tells; the run itself goes on.
      }
      if (kept) renewal = later(renew, leaseMs / 3);
    };
    renewal = later(renew, leaseMs / 3);
    let summary: Record<string, unknown>;
    try {
      summary = { ok: true, ...(await runTask(name, db, transport, started)) };
    } catch (error) {
      summary = { ok: false, error: errorText(error) };
    }
    clock.clearTimeout(renewal);
    timers.delete(renewal);
    try {
      releaseLease(db, name, holder, clock.now(), JSON.stringify(summary));
    } catch (error) {
      summary = { ...summary, release: errorText(error) };
    }
    logRun(name, started, summary);
    return true;
  }

  function start(name: TaskName, slot: number) {
    if (running.has(name)) return running.get(name);
    const promise = run(name, slot).finally(() => {
      running.delete(name);
      if (name === "outbox" && wokenWhileRunning) {
        wokenWhileRunning = false;
        wake();
      }
    });
    running.set(name, promise);
    return promise;
  }

  async function tick() {
    const now = clock.now();
    for (const name of TASK_NAMES) {
      if (stopped) return;
      await start(name, latestSlot(SCHEDULED_TASKS[name].schedule, now));
    }
  }

  let ticking: Promise<void> = Promise.resolve();
  function scheduleTick() {
    const now = clock.now();
    later(
      () => {
        ticking = tick();
        scheduleTick();
      },
      MINUTE - (now % MINUTE),
    );
  }

  function wake() {
    if (stopped) return;
    if (running.has("outbox")) {
      wokenWhileRunning = true;
      return;
    }
    if (wakeTimer !== undefined) return;
    // A second's grace: the messages a request queues together leave in one run.
    wakeTimer = later(() => {
      wakeTimer = undefined;
      const wokenAt = clock.now();
      void start("outbox", wokenAt)?.then((claimed) => {
        // Another process holds the outbox: its run may have read the queue before this message
        // came. Woken again each second until a run that started after the wake takes it.
        if (!claimed && !startedSince(db, "outbox", wokenAt)) wake();
      });
    }, WAKE_DELAY_MS);
  }

  const stopListening = onOutboxWake(wake);
  // At once: a slot missed while the server was down is due now.
  ticking = tick();
  scheduleTick();

  return {
    holder,
    /** Waits for what is running now (the tests' clock moves, then they wait). */
    async settled() {
      await ticking;
      await Promise.all(running.values());
    },
    /** No new run starts; waits for the current ones to finish before the database closes. */
    async stop() {
      stopped = true;
      stopListening();
      for (const timer of timers) clock.clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}

export type Scheduler = ReturnType<typeof startScheduler>;
