// A placement's lifecycle: recorded (by a counsellor, or by an employer's hire),
// then ended once, with a reason. Each of its follow-ups (1, 3 and 6 months
// after the start) is recorded once. "Overdue" is not stored: it is a follow-up
// still due whose date has passed, worked out when the lists are read.
import { type LifecycleRole, lifecycle, movesFrom } from "./lifecycle";

/** Follow-ups of every placement: is the person still in work 1, 3 and 6 months after starting? */
export const FOLLOWUP_MONTHS = [1, 3, 6] as const;
/** A follow-up may be recorded from this many days before its due date (the counsellor calls ahead). */
export const DUE_WINDOW_DAYS = 7;

export const PLACEMENT_STATUSES = ["active", "ended"] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Stored as the end date: none while the person is in work. */
export const placementStatus = (placement: { endedAt: string | null }): PlacementStatus =>
  placement.endedAt === null ? "active" : "ended";

/** Creations have no `from`: they make the row. */
export const placementLifecycle = lifecycle({
  entity: "placement",
  statuses: PLACEMENT_STATUSES,
  moves: [
    {
      action: "record",
      from: [],
      to: "active",
      by: ["counsellor", "admin"],
      guard:
        "a living candidate; one employer, of the portal or named; a contract of the type; " +
        "a start at most 30 days ahead and 24 months back; a valid pay; not sent twice",
      audit: "placement.recorded",
    },
    // A hire on the portal starts a placement; the application's write path writes its audit line.
    // The employer may undo the hire within 48 hours: the placement and its follow-ups are then removed.
    { action: "hire", from: [], to: "active", by: ["employer"], audit: "application.hired" },
    {
      action: "end",
      from: ["active"],
      to: "ended",
      by: ["counsellor", "admin"],
      guard: "ended between the start and today, with a coded reason (and a note for `other`)",
      audit: "placement.ended",
    },
  ],
});

export const FOLLOWUP_STATUSES = ["due", "done"] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const followupStatus = (followup: { doneAt: Date | null }): FollowupStatus =>
  followup.doneAt === null ? "due" : "done";

export const followupLifecycle = lifecycle({
  entity: "placement follow-up",
  statuses: FOLLOWUP_STATUSES,
  moves: [
    {
      action: "record",
      from: ["due"],
      to: "done",
      by: ["counsellor", "admin"],
      guard: "on a day not in the future, from a week before the due date",
      audit: "placement.followup_recorded",
    },
    // Ending a placement answers "no longer in work" for the follow-ups due on or after its end.
    { action: "answered_by_end", from: ["due"], to: "done", by: ["counsellor", "admin"], audit: "placement.ended" },
  ],
});

/** What a page may offer on a placement: the moves this role may make from its status. */
export const placementActionsFor = (placement: { endedAt: string | null }, role: LifecycleRole) =>
  movesFrom(placementLifecycle, placementStatus(placement), role).map((move) => move.action);
