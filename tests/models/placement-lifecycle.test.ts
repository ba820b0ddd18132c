// The placement lifecycle as a matrix: recording a placement, ending it and
// recording a follow-up, each tried from every status by every role against the
// real database through the one write path. The expected outcomes are written
// once below (not read from the table). Allowed: the row changes and the audit
// line is written. Refused: nothing changes.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { transitionApplication } from "../../app/models/lifecycles/application.server";
import { LIFECYCLE_ROLES, type LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import { placementActionsFor } from "../../app/models/lifecycles/placement";
import { createPlacement, recordPlacement, transitionPlacement } from "../../app/models/lifecycles/placement.server";
import { recordFollowupAnswer } from "../../app/models/lifecycles/placement-followup.server";
import { addMonths, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, placementFollowups, placements } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplication, insertCandidate, insertEmployer, insertOffer, insertUser } from "../helpers/factories";

const STAFF: readonly LifecycleRole[] = ["counsellor", "admin"];
/** Who may record a placement: a counsellor or an admin, never anyone else. */
const MAY_RECORD: readonly LifecycleRole[] = STAFF;
/** Ending: only an active placement, by a counsellor or an admin. */
const MAY_END: Record<"active" | "ended", readonly LifecycleRole[]> = { active: STAFF, ended: [] };
/** A follow-up: recorded once, by a counsellor or an admin. */
const MAY_RECORD_FOLLOWUP: Record<"due" | "done", readonly LifecycleRole[]> = { due: STAFF, done: [] };

let db: Db;
let candidateId: number;
let staffId: number;
let n = 0;

beforeAll(async () => {
  db = createTestDb();
  candidateId = (await insertCandidate(db)).id;
  staffId = (await insertUser(db, { role: "conseiller" })).id;
});

const today = isoToday();
const started = addMonths(today, -2);
/** A placement of its own for each case, started two months ago: its 1-month follow-up is due. */
function placementOf(status: "active" | "ended") {
  const id = createPlacement(db, {
    candidateId,
    orgId: null,
    employerName: `Atelier ${++n}`,
    type: "emploi",
    contract: "journalier",
    startDate: started,
    recordedBy: staffId,
  });
  if (status === "ended")
    db.update(placements).set({ endedAt: today, endReason: "resigned" }).where(eq(placements.id, id)).run();
  return id;
}
const placementRow = (id: number) => db.select().from(placements).where(eq(placements.id, id)).get()!;
const followupsOf = (id: number) =>
  db
    .select()
    .from(placementFollowups)
    .where(eq(placementFollowups.placementId, id))
    .orderBy(placementFollowups.monthsAfter)
    .all();
const auditsOf = (action: string, subjectId: number) =>
  db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, String(subjectId)))
    .all()
    .filter((a) => a.action === action);

describe("record: a placement found outside the portal", () => {
  it.each(LIFECYCLE_ROLES)("by %s", (role) => {
    const employerName = `Menuiserie ${++n}`;
    const result = recordPlacement(db, {
      actor: { userId: staffId, roles: role },
      input: { candidateId, employerName, type: "emploi", contract: "journalier", startDate: today },
    });
    const rows = db.select().from(placements).where(eq(placements.employerName, employerName)).all();
    if (!MAY_RECORD.includes(role)) {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(rows).toEqual([]);
      return;
    }
    expect(result).toEqual({ ok: true, placementId: rows[0]!.id });
    expect(rows[0]).toMatchObject({ endedAt: null, recordedBy: staffId });
    expect(followupsOf(rows[0]!.id).map((f) => [f.monthsAfter, f.doneAt])).toEqual([
      [1, null],
      [3, null],
      [6, null],
    ]);
    expect(auditsOf("placement.recorded", rows[0]!.id)).toHaveLength(1);
  });

  it("a hire on the portal starts one too, audited as the hire", async () => {
    const { user: employer, org } = await insertEmployer(db);
    const offer = insertOffer(db, { orgId: org.id, positions: 5 });
    const application = insertApplication(db, { offerId: offer.id, candidateId, status: "interview" });
    db.transaction((tx) =>
      transitionApplication(tx, {
        applicationId: application.id,
        action: "hired",
        actor: { userId: employer.id, roles: "employer" },
      }),
    );
    const row = db.select().from(placements).where(eq(placements.applicationId, application.id)).get()!;
    expect(row).toMatchObject({ endedAt: null, orgId: org.id, recordedBy: employer.id });
    expect(followupsOf(row.id)).toHaveLength(3);
    expect(auditsOf("application.hired", application.id)).toHaveLength(1);
  });
});

describe("end: every (from, role)", () => {
  const cases = (["active", "ended"] as const).flatMap((from) => LIFECYCLE_ROLES.map((role) => ({ from, role })));
  it.each(cases)("from $from by $role", ({ from, role }) => {
    const id = placementOf(from);
    const before = placementRow(id);
    const result = transitionPlacement(db, {
      placementId: id,
      action: "end",
      actor: { userId: staffId, roles: role },
      detail: { endedOn: today, reason: "contract_ended" },
    });
    if (!MAY_END[from].includes(role)) {
      expect(result).toEqual({ ok: false, reason: from === "ended" ? "already_ended" : "notAllowed" });
      expect(placementRow(id)).toEqual(before);
      expect(auditsOf("placement.ended", id)).toEqual([]);
      return;
    }
    expect(result).toEqual({ ok: true, closedFollowups: 2 });
    expect(placementRow(id)).toMatchObject({ endedAt: today, endReason: "contract_ended" });
    expect(auditsOf("placement.ended", id)).toHaveLength(1);
    // The follow-ups due after the end are answered "no longer in work"; the one due before stays to be recorded.
    expect(followupsOf(id).map((f) => [f.monthsAfter, f.doneAt !== null, f.stillEmployed])).toEqual([
      [1, false, null],
      [3, true, false],
      [6, true, false],
    ]);
  });
});

describe("record a follow-up: every (from, role)", () => {
  const cases = (["due", "done"] as const).flatMap((from) => LIFECYCLE_ROLES.map((role) => ({ from, role })));
  it.each(cases)("from $from by $role", ({ from, role }) => {
    const followup = followupsOf(placementOf("active"))[0]!;
    if (from === "done") {
      db.update(placementFollowups)
        .set({ doneAt: new Date(), stillEmployed: true })
        .where(eq(placementFollowups.id, followup.id))
        .run();
    }
    const before = db.select().from(placementFollowups).where(eq(placementFollowups.id, followup.id)).get();
    const result = recordFollowupAnswer(db, {
      followupId: followup.id,
      actor: { userId: staffId, roles: role },
      detail: { stillEmployed: false },
    });
    const after = db.select().from(placementFollowups).where(eq(placementFollowups.id, followup.id)).get()!;
    if (!MAY_RECORD_FOLLOWUP[from].includes(role)) {
      expect(result).toEqual({ ok: false, reason: from === "done" ? "already_recorded" : "notAllowed" });
      expect(after).toEqual(before);
      expect(auditsOf("placement.followup_recorded", followup.id)).toEqual([]);
      return;
    }
    expect(result).toEqual({
      ok: true,
      placementId: followup.placementId,
      stillEmployed: false,
      placementOngoing: true,
    });
    expect(after).toMatchObject({ stillEmployed: false, recordedBy: staffId });
    expect(after.doneAt).toBeInstanceOf(Date);
    expect(auditsOf("placement.followup_recorded", followup.id)).toHaveLength(1);
  });
});

describe("what the placements page offers", () => {
  const cases = (["active", "ended"] as const).flatMap((status) => LIFECYCLE_ROLES.map((role) => ({ status, role })));
  it.each(cases)("on an $status placement to $role: the end form only where ending is allowed", ({ status, role }) => {
    const placement = { endedAt: status === "ended" ? today : null };
    expect(placementActionsFor(placement, role)).toEqual(MAY_END[status].includes(role) ? ["end"] : []);
  });
});
