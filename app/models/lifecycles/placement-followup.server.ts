// The one write path of a placement's follow-ups: each is recorded once,
// checked against its table in placement.ts, with its audit line.
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { FOLLOWUP_NOTE_MAX } from "~/schemas/placement";
import { addDays, isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { placementFollowups, placements } from "../../../db/schema";
import { findMove } from "./lifecycle";
import { DUE_WINDOW_DAYS, followupLifecycle, followupStatus } from "./placement";
import type { PlacementActor, When } from "./placement.server";

export type FollowupInput = { stillEmployed: boolean; note?: string | null; doneOn?: string | null };

export type FollowupResult =
  | { ok: true; placementId: number; stillEmployed: boolean; placementOngoing: boolean }
  | { ok: false; reason: "notAllowed" | "already_recorded" | "not_due_yet" | "date_in_future" | "note_too_long" };

/**
 * Records one follow-up, once: was the person still in work? It may be
 * recorded from a week before its due date until any time after. When the
 * person no longer works there, the page offers to end the placement
 * (`placementOngoing`). Null for an unknown follow-up.
 */
export function recordFollowupAnswer(
  db: Db,
  {
    followupId,
    actor,
    detail,
    now = new Date(),
    ip,
  }: { followupId: number; actor: PlacementActor; detail: FollowupInput } & When,
): FollowupResult | null {
  const row = db
    .select({ followup: placementFollowups, endedAt: placements.endedAt })
    .from(placementFollowups)
    .innerJoin(placements, eq(placements.id, placementFollowups.placementId))
    .where(eq(placementFollowups.id, followupId))
    .get();
  if (!row) return null;
  const { followup } = row;
  const move = findMove(followupLifecycle, "record", followupStatus(followup), actor.roles);
  if (!move) return { ok: false, reason: followup.doneAt ? "already_recorded" : "notAllowed" };
  if ((detail.note?.length ?? 0) > FOLLOWUP_NOTE_MAX) return { ok: false, reason: "note_too_long" };
  const today = isoToday(now);
  const doneOn = detail.doneOn ?? today;
  if (doneOn > today) return { ok: false, reason: "date_in_future" };
  if (doneOn < addDays(followup.dueDate, -DUE_WINDOW_DAYS)) return { ok: false, reason: "not_due_yet" };

  const recorded = db.transaction((tx) => {
    // The condition on done_at makes "once" hold even for two counsellors at the same moment.
    const changed = tx
      .update(placementFollowups)
      .set({
        doneAt: doneOn === today ? now : new Date(`${doneOn}T12:00:00Z`),
        stillEmployed: detail.stillEmployed,
        note: detail.note || null,
        recordedBy: actor.userId,
      })
      .where(and(eq(placementFollowups.id, followupId), isNull(placementFollowups.doneAt)))
      .run();
    if (changed.changes === 0) return false;
    recordAudit(tx, {
      actorId: actor.userId,
      action: move.audit,
      subjectType: "placement_followup",
      subjectId: followupId,
      detail: {
        placementId: followup.placementId,
        monthsAfter: followup.monthsAfter,
        stillEmployed: detail.stillEmployed,
      },
      ip,
    });
    return true;
  });
  if (!recorded) return { ok: false, reason: "already_recorded" };
  return {
    ok: true,
    placementId: followup.placementId,
    stillEmployed: detail.stillEmployed,
    placementOngoing: row.endedAt === null,
  };
}
