// The server's own schedule, driven by a hand-moved clock: the outbox each minute (and a second
// after a wake), alerts at 07:00 and chores at 02:00 Bamako time, each run by one process only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { wakeOutbox } from "../../app/models/outbox-wake.server";
import { listLeases } from "../../app/models/task-leases.server";
import { type Clock, type Scheduler, schedulerEnabled, startScheduler } from "../../app/server/scheduler";
import { type Db, openDb } from "../../app/utils/db.server";
import type { OutgoingMessage, Transport } from "../../app/utils/transports.server";
import { outbox, taskLeases } from "../../db/schema";
import { createTestDb } from "../helpers/db";

const at = (iso: string) => Date.parse(iso);

type Timer = { at: number; order: number; callback: () => void };

/** A clock that moves only when told, firing the timers due on the way (then waiting for their runs). */
function handClock(start: number) {
  let now = start;
  let order = 0;
  const timers: Timer[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, order: order++, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      const index = timers.indexOf(timer as Timer);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  const schedulers: Scheduler[] = [];
  async function moveTo(target: number) {
    for (;;) {
      timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = timers[0];
      if (!next || next.at > target) break;
      timers.shift();
      now = next.at;
      next.callback();
      for (const scheduler of schedulers) await scheduler.settled();
    }
    now = target;
  }
  return { clock, schedulers, moveTo, moveBy: (ms: number) => moveTo(now + ms) };
}

function recorder() {
  const sent: OutgoingMessage[] = [];
  const transport: Transport = {
    name: "test",
    async send(message) {
      sent.push(message);
    },
  };
  return { transport, sent };
}

type Run = { time: string; task: string; ok: boolean; [key: string]: unknown };

const started: Scheduler[] = [];
afterEach(async () => {
  for (const scheduler of started.splice(0)) await scheduler.stop();
});

function schedule(db: Db, hand: ReturnType<typeof handClock>, transport: Transport, holder = "process-a") {
  const runs: Run[] = [];
  const scheduler = startScheduler({
    db,
    transport,
    clock: hand.clock,
    holder,
    log: (line) => runs.push(JSON.parse(line)),
  });
  started.push(scheduler);
  hand.schedulers.push(scheduler);
  return { scheduler, runs };
}

const queue = (db: Db, recipient = "+22370000001") =>
  db
    .insert(outbox)
    .values({
      channel: "sms",
      recipient,
      template: "application.shortlisted",
      locale: "fr",
      payload: { offerTitle: "Maçon", link: "/candidat/candidatures" },
    })
    .returning()
    .get();
const statusOf = (db: Db, id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!.status;
const timesOf = (runs: Run[], task: string) => runs.filter((r) => r.task === task).map((r) => r.time.slice(11, 19));

describe("the schedule", () => {
  it("sends the outbox at each minute, and catches up at start with what was missed", async () => {
    const db = createTestDb();
    const hand = handClock(at("2030-01-01T10:00:30Z"));
    const { transport, sent } = recorder();
    const { scheduler, runs } = schedule(db, hand, transport);
    await scheduler.settled();
    // Never run before: the day's chores and alerts are due at once, and the outbox.
    expect(runs.map((r) => r.task)).toEqual(["chores", "alerts", "outbox"]);

    const message = queue(db);
    await hand.moveTo(at("2030-01-01T10:00:59Z"));
    expect(statusOf(db, message.id)).toBe("pending");
    await hand.moveTo(at("2030-01-01T10:01:00Z"));
    expect(statusOf(db, message.id)).toBe("sent");
    expect(sent.map((m) => m.recipient)).toEqual(["+22370000001"]);

    await hand.moveTo(at("2030-01-01T10:04:30Z"));
    expect(timesOf(runs, "outbox")).toEqual(["10:00:30", "10:01:00", "10:02:00", "10:03:00", "10:04:00"]);
    expect(timesOf(runs, "chores")).toHaveLength(1);
    // One JSON line per run, counts only: no number, no text.
    expect(runs[3]).toMatchObject({ task: "outbox", ok: true, sent: 1, failed: 0, retried: 0, stopped: 0 });
    expect(JSON.stringify(runs)).not.toContain("+22370000001");
    const lease = listLeases(db).find((l) => l.name === "outbox")!;
    expect(lease).toMatchObject({ holder: null, lastFinishedAt: new Date(at("2030-01-01T10:04:00Z")) });
    expect(JSON.parse(lease.lastResult!)).toMatchObject({ ok: true, sent: 0 });
  });

  it("queues the alerts at 07:00 and runs the chores at 02:00, Bamako time (UTC), once a day", async () => {
    const db = createTestDb();
    const hand = handClock(at("2030-01-01T01:30:00Z"));
    const { scheduler, runs } = schedule(db, hand, recorder().transport);
    await scheduler.settled();
    // Yesterday's slots, missed: done at start.
    expect(timesOf(runs, "chores")).toEqual(["01:30:00"]);
    expect(timesOf(runs, "alerts")).toEqual(["01:30:00"]);

    await hand.moveTo(at("2030-01-01T01:59:59Z"));
    expect(timesOf(runs, "chores")).toEqual(["01:30:00"]);
    await hand.moveTo(at("2030-01-01T02:00:00Z"));
    expect(timesOf(runs, "chores")).toEqual(["01:30:00", "02:00:00"]);
    await hand.moveTo(at("2030-01-01T06:59:00Z"));
    expect(timesOf(runs, "alerts")).toEqual(["01:30:00"]);
    await hand.moveTo(at("2030-01-01T07:00:00Z"));
    expect(timesOf(runs, "alerts")).toEqual(["01:30:00", "07:00:00"]);
    await hand.moveTo(at("2030-01-02T07:30:00Z"));
    expect(runs.filter((r) => r.task === "chores").map((r) => r.time)).toEqual([
      "2030-01-01T01:30:00.000Z",
      "2030-01-01T02:00:00.000Z",
      "2030-01-02T02:00:00.000Z",
    ]);
    expect(timesOf(runs, "alerts")).toEqual(["01:30:00", "07:00:00", "07:00:00"]);
    expect(runs.every((r) => r.ok)).toBe(true);
  });

  it("sends a second after a wake, without waiting for the minute", async () => {
    const db = createTestDb();
    const hand = handClock(at("2030-01-01T10:00:10Z"));
    const { scheduler } = schedule(db, hand, recorder().transport);
    await scheduler.settled();
    const message = queue(db);
    wakeOutbox();
    wakeOutbox();
    await hand.moveBy(999);
    expect(statusOf(db, message.id)).toBe("pending");
    await hand.moveBy(1);
    expect(statusOf(db, message.id)).toBe("sent");
  });

  it("starts nothing once stopped", async () => {
    const db = createTestDb();
    const hand = handClock(at("2030-01-01T10:00:10Z"));
    const { scheduler, runs } = schedule(db, hand, recorder().transport);
    await scheduler.settled();
    await scheduler.stop();
    const message = queue(db);
    wakeOutbox();
    await hand.moveTo(at("2030-01-01T10:05:00Z"));
    expect(statusOf(db, message.id)).toBe("pending");
    expect(runs).toHaveLength(3);
  });
});

describe("several processes on one database", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function sharedFile() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-scheduler-"));
    dirs.push(dir);
    return path.join(dir, "baara.db");
  }

  it("runs each task once per slot, whichever process takes it, and sends each message once", async () => {
    const file = sharedFile();
    const [first, second] = [openDb(file), openDb(file)];
    try {
      const hand = handClock(at("2030-01-01T01:59:30Z"));
      const { transport, sent } = recorder();
      const a = schedule(first, hand, transport, "process-a");
      const b = schedule(second, hand, transport, "process-b");
      await a.scheduler.settled();
      await b.scheduler.settled();
      const ids = [queue(first).id, queue(second, "+22370000002").id];
      await hand.moveTo(at("2030-01-01T02:03:00Z"));
      const runs = [...a.runs, ...b.runs];
      expect(timesOf(runs, "chores").sort()).toEqual(["01:59:30", "02:00:00"]);
      expect(timesOf(runs, "alerts")).toEqual(["01:59:30"]);
      expect(timesOf(runs, "outbox").sort()).toEqual(["01:59:30", "02:00:00", "02:01:00", "02:02:00", "02:03:00"]);
      expect(sent.map((m) => m.id).sort()).toEqual(ids);
    } finally {
      for (const scheduler of started.splice(0)) await scheduler.stop();
      first.$client.close();
      second.$client.close();
    }
  });

  it("sends a woken message within seconds while another process holds the outbox, not at the next minute", async () => {
    const db = createTestDb();
    const hand = handClock(at("2030-01-01T10:00:10Z"));
    const { scheduler } = schedule(db, hand, recorder().transport);
    await scheduler.settled();
    // Another process's outbox run started before the message was queued: it may not see it.
    db.update(taskLeases)
      .set({ holder: "process-b", leaseUntil: new Date(at("2030-01-01T10:05:00Z")) })
      .where(eq(taskLeases.name, "outbox"))
      .run();
    const message = queue(db);
    wakeOutbox();
    await hand.moveTo(at("2030-01-01T10:00:15Z"));
    expect(statusOf(db, message.id)).toBe("pending");
    db.update(taskLeases).set({ holder: null, leaseUntil: null }).where(eq(taskLeases.name, "outbox")).run();
    await hand.moveTo(at("2030-01-01T10:00:16Z"));
    expect(statusOf(db, message.id)).toBe("sent");
  });

  it("takes over the lease of a process that died while running, once the lease has run out", async () => {
    const db = createTestDb();
    const start = at("2030-01-01T02:01:00Z");
    // A process took the 02:00 chores and the outbox, then died: its leases last until 02:05.
    for (const name of ["chores", "outbox"]) {
      db.insert(taskLeases)
        .values({
          name,
          holder: "dead-process",
          leaseUntil: new Date(at("2030-01-01T02:05:00Z")),
          lastStartedAt: new Date(at("2030-01-01T02:00:00Z")),
        })
        .run();
    }
    const message = queue(db);
    const hand = handClock(start);
    const { scheduler, runs } = schedule(db, hand, recorder().transport);
    await scheduler.settled();
    await hand.moveTo(at("2030-01-01T02:05:00Z"));
    expect(timesOf(runs, "chores")).toEqual([]);
    expect(statusOf(db, message.id)).toBe("pending");
    await hand.moveTo(at("2030-01-01T02:06:00Z"));
    expect(timesOf(runs, "chores")).toEqual(["02:06:00"]);
    expect(statusOf(db, message.id)).toBe("sent");
    expect(listLeases(db).every((lease) => lease.holder === null)).toBe(true);
  });
});

describe("schedulerEnabled", () => {
  it("is on for the server, off with SCHEDULER=off, and off in tests unless one turns it on", () => {
    expect(schedulerEnabled({ NODE_ENV: "production" })).toBe(true);
    expect(schedulerEnabled({})).toBe(true);
    expect(schedulerEnabled({ NODE_ENV: "production", SCHEDULER: "off" })).toBe(false);
    expect(schedulerEnabled({ NODE_ENV: "test" })).toBe(false);
    expect(schedulerEnabled({ NODE_ENV: "test", SCHEDULER: "on" })).toBe(true);
  });
});
