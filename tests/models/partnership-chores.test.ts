// The partnerships' daily chores: a reminder to the counsellor responsible once per overdue due date (every
// counsellor when nobody follows it), partnerships started on their convention's start date and closed past
// its end date by the system, the version in force deciding.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { advancePartnershipsByDates, remindOverduePartnerships } from "../../app/models/partnership-chores.server";
import { runChores } from "../../app/models/scheduled-tasks.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, conventions, conventionVersions, notifications, partnerships, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertEmployer } from "../helpers/factories/employers";
import { insertConvention, insertPartnership, insertProgramme } from "../helpers/factories/partnerships";
import { insertStaff } from "../helpers/factories/staff";

const DAY = 86_400_000;
const today = isoToday();
let db: Db;
let orgId: number;
let programmeId: number;
let counsellor: number;
let others: number[];

beforeAll(async () => {
  db = createTestDb();
  orgId = (await insertEmployer(db, "verified", "Garage Sahel")).org.id;
  programmeId = insertProgramme(db).id;
  counsellor = insertStaff(db).id;
  others = [insertStaff(db).id, insertStaff(db).id];
  // A disabled counsellor is told nothing.
  const disabled = insertStaff(db).id;
  db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled)).run();
});

beforeEach(() => {
  db.delete(notifications).run();
  db.delete(partnerships).run();
});

const reminders = () =>
  db
    .select({ userId: notifications.userId, kind: notifications.kind, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.kind, "partnership.overdue"))
    .all();

describe("reminders of overdue steps", () => {
  it("tells the counsellor responsible once per due date, and again after a new date passes", () => {
    const p = insertPartnership(db, { orgId, programmeId, nextStepDue: addDays(today, -2), counsellorId: counsellor });
    const dueToday = insertPartnership(db, { orgId, programmeId, nextStepDue: today, counsellorId: counsellor });
    insertPartnership(db, { orgId, programmeId, status: "active", nextStepDue: addDays(today, -9) });

    expect(remindOverduePartnerships(db)).toBe(1);
    expect(reminders()).toEqual([
      { userId: counsellor, kind: "partnership.overdue", link: `/conseiller/partenariats/${p.id}` },
    ]);
    expect(db.select().from(partnerships).where(eq(partnerships.id, p.id)).get()!.remindedAt).not.toBeNull();
    expect(remindOverduePartnerships(db)).toBe(0);
    expect(reminders()).toHaveLength(1);

    // Rescheduled to tomorrow, then missed again: a new reminder (and the one due today is now late too).
    db.update(partnerships)
      .set({ nextStepDue: addDays(today, 1) })
      .where(eq(partnerships.id, p.id))
      .run();
    expect(remindOverduePartnerships(db, Date.now() + 3 * DAY)).toBe(2);
    expect(
      reminders()
        .map((r) => r.link)
        .sort(),
    ).toEqual(
      [
        `/conseiller/partenariats/${p.id}`,
        `/conseiller/partenariats/${p.id}`,
        `/conseiller/partenariats/${dueToday.id}`,
      ].sort(),
    );
  });

  it("tells every active counsellor of an overdue partnership nobody follows", () => {
    insertPartnership(db, { orgId, programmeId, nextStepDue: addDays(today, -1) });
    remindOverduePartnerships(db);
    expect(
      reminders()
        .map((r) => r.userId)
        .sort(),
    ).toEqual([counsellor, ...others].sort());
  });
});

function signed(start: string, end: string, status: "signed" | "active" = "signed") {
  const p = insertPartnership(db, { orgId, programmeId, status, nextStepDue: start });
  insertConvention(db, p, { startDate: start, endDate: end, commitments: [{ offerType: "stage", quantity: 3 }] });
  return p.id;
}

const statusOf = (id: number) => db.select().from(partnerships).where(eq(partnerships.id, id)).get()!.status;

describe("the convention's dates", () => {
  it("starts signed partnerships whose start date has come, as the system, and leaves the others", () => {
    const starting = signed(today, addDays(today, 365));
    const later = signed(addDays(today, 1), addDays(today, 365));
    expect(advancePartnershipsByDates(db)).toEqual({ activated: 1, closed: 0 });
    expect([statusOf(starting), statusOf(later)]).toEqual(["active", "signed"]);
    const audit = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(starting)))
      .all();
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["partnership.activated", null]]);
  });

  it("closes active and signed partnerships past their end date, on the version in force", () => {
    const ended = signed(addDays(today, -200), addDays(today, -1), "active");
    const endsToday = signed(addDays(today, -200), today, "active");
    const neverStarted = signed(addDays(today, -30), addDays(today, -2));
    // An amendment extended this one: version 2 is in force.
    const extended = signed(addDays(today, -200), addDays(today, -1), "active");
    const convention = db.select().from(conventions).where(eq(conventions.partnershipId, extended)).get()!;
    db.insert(conventionVersions)
      .values({
        conventionId: convention.id,
        version: 2,
        startDate: addDays(today, -200),
        endDate: addDays(today, 90),
        signatories: "Directeur",
        reason: "Prolongation",
        signedOn: addDays(today, -5),
      })
      .run();
    db.update(conventions).set({ currentVersion: 2 }).where(eq(conventions.id, convention.id)).run();

    expect(advancePartnershipsByDates(db)).toEqual({ activated: 0, closed: 2 });
    expect([ended, endsToday, neverStarted, extended].map(statusOf)).toEqual(["closed", "active", "closed", "active"]);
    expect(advancePartnershipsByDates(db)).toEqual({ activated: 0, closed: 0 });
  });

  it("runs with the other daily chores", () => {
    const starting = signed(today, addDays(today, 365));
    insertPartnership(db, { orgId, programmeId, nextStepDue: addDays(today, -1), counsellorId: counsellor });
    const done = runChores(db);
    expect(done.partnerships).toEqual({ reminded: 1, activated: 1, closed: 0 });
    expect(statusOf(starting)).toBe("active");
  });
});
