// The platform's periodic work, by name: the server's scheduler (app/server/scheduler.ts)
// runs it on its schedule, and `npm run outbox | alerts | jobs` run one task by hand.
import type { Db } from "~/utils/db.server";
import type { Transport } from "~/utils/transports.server";
import { runAlerts } from "./alerts.server";
import { expireOffers } from "./offers.server";
import { eraseFinishedSecrets, sendPendingMessages } from "./outbox.server";
import { runPartnershipChores } from "./partnership-chores.server";
import { anonymiseInactiveCandidates, clearOldReportDetails } from "./retention.server";
import { rebuildReportCounts } from "./statistics-counts.server";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Sends the pending SMS and e-mails. */
export function sendOutbox(db: Db, transport: Transport, now = Date.now()) {
  return sendPendingMessages(db, transport, now);
}

/** Queues one digest a day per candidate of the new offers matching their alerts. */
export function queueAlerts(db: Db, now = Date.now()) {
  return runAlerts(db, now);
}

/** The daily chores. Pages never wait for them: an offer past its closing date is already hidden. */
export function runChores(db: Db, now = Date.now()) {
  const expired = expireOffers(db);
  const anonymised = anonymiseInactiveCandidates(db, now);
  const cleared = clearOldReportDetails(db, now);
  const erased = eraseFinishedSecrets(db);
  const partnerships = runPartnershipChores(db, now);
  // After the anonymisations: the reports count everyone again from today's profiles.
  const counted = rebuildReportCounts(db, now);
  // SQLite's advice for long-lived databases: refresh the planner's statistics where they went stale.
  db.$client.pragma("optimize");
  return { expired, anonymised, cleared, erased, partnerships, counted };
}

/** When a task is due: every minute, or once a day at an hour of Bamako time (UTC all year, no DST). */
export type Schedule = { every: "minute" } | { dailyAtHour: number };

export const SCHEDULED_TASKS = {
  chores: { schedule: { dailyAtHour: 2 } },
  alerts: { schedule: { dailyAtHour: 7 } },
  outbox: { schedule: { every: "minute" } },
} satisfies Record<string, { schedule: Schedule }>;

export type TaskName = keyof typeof SCHEDULED_TASKS;
/** In this order when several are due together: the morning's digests leave in the same minute. */
export const TASK_NAMES = Object.keys(SCHEDULED_TASKS) as TaskName[];

/** The latest time at or before `now` the task was due (a missed slot is still due: a stopped server catches up). */
export function latestSlot(schedule: Schedule, now: number) {
  if ("every" in schedule) return Math.floor(now / MINUTE) * MINUTE;
  const today = Math.floor(now / DAY) * DAY + schedule.dailyAtHour * 60 * MINUTE;
  return today <= now ? today : today - DAY;
}

export async function runTask(name: TaskName, db: Db, transport: Transport, now = Date.now()) {
  switch (name) {
    case "outbox":
      return sendOutbox(db, transport, now);
    case "alerts":
      return queueAlerts(db, now);
    case "chores":
      return runChores(db, now);
  }
}
