// Training outcomes through their one write path, against the real database:
// who may record which outcome from which status, the refusals (another
// organisation, a job placement, a missing certificate, impossible dates), the
// verified skill a completion earns, and no follow-ups for a training.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { moveApplication } from "../../app/models/applications.server";
import type { LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import { createPlacement } from "../../app/models/lifecycles/placement.server";
import { applicationStatusKey, type TrainingStatus, trainingActionsFor } from "../../app/models/lifecycles/training";
import { recordTrainingOutcome } from "../../app/models/lifecycles/training.server";
import { anonymiseAccount, exportPersonalData } from "../../app/models/own-account.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import {
  notifications,
  placementFollowups,
  placements,
  type TrainingOutcome,
  trainingOutcomes,
  verifiedSkills,
} from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertApplication, insertCandidate, insertEmployer, insertOffer, insertUser } from "../helpers/factories";

let db: Db;
let candidateId: number;
let staffId: number;
let trainer: Awaited<ReturnType<typeof insertEmployer>>;
let stranger: Awaited<ReturnType<typeof insertEmployer>>;
let offerId: number;
const today = isoToday();
const started = addDays(today, -60);

beforeAll(async () => {
  db = createTestDb();
  candidateId = (await insertCandidate(db)).id;
  staffId = (await insertUser(db, { role: "conseiller" })).id;
  trainer = await insertEmployer(db, "verified", "Centre de formation Sanogo");
  stranger = await insertEmployer(db);
  offerId = insertOffer(db, {
    orgId: trainer.org.id,
    type: "formation",
    contract: "formation",
    title: "Formation en soudure",
    trade: "soudeur",
    provider: "CFP de Bamako",
  }).id;
});

function trainingPlacement(type: "formation" | "emploi" = "formation") {
  return createPlacement(db, {
    candidateId,
    orgId: trainer.org.id,
    offerId: type === "formation" ? offerId : null,
    type,
    contract: type === "formation" ? "formation" : "cdd",
    startDate: started,
    recordedBy: staffId,
  });
}

/** A placement brought to a status by a counsellor. */
function placementAt(status: TrainingStatus) {
  const id = trainingPlacement();
  const steps: TrainingOutcome[] = status === "admitted" ? [] : status === "certified" ? ["certified"] : [status];
  for (const outcome of steps)
    expect(record(id, outcome, ["counsellor"], staffId, { certificate: "CAP" })).toMatchObject({ ok: true });
  return id;
}

function record(
  placementId: number,
  outcome: TrainingOutcome,
  roles: LifecycleRole[],
  userId: number,
  extra: { certificate?: string; recordedOn?: string } = {},
) {
  return recordTrainingOutcome(db, { placementId, outcome, actor: { userId, roles }, ...extra });
}

// Written once here, not read from the table: staff and the organisation that trained.
const MAY: Record<TrainingStatus, TrainingOutcome[]> = {
  admitted: ["completed", "dropped_out", "certified"],
  completed: ["certified"],
  dropped_out: [],
  certified: [],
};

describe("who may record which outcome", () => {
  for (const status of ["admitted", "completed", "dropped_out", "certified"] as const) {
    for (const outcome of ["completed", "dropped_out", "certified"] as const) {
      const allowed = MAY[status].includes(outcome);
      it(`${status} → ${outcome}: ${allowed ? "allowed" : "refused"} for a counsellor, an admin and the trainer`, () => {
        for (const [roles, userId] of [
          [["counsellor"], staffId],
          [["admin"], staffId],
          [["employer"], trainer.user.id],
        ] as const) {
          const id = placementAt(status);
          const result = record(id, outcome, [...roles], userId, { certificate: "CAP soudure" });
          expect(result.ok).toBe(allowed);
          if (allowed)
            expect(trainingActionsFor(status, roles[0] === "employer" ? "owner" : roles[0])).toContain(outcome);
        }
      });
    }
  }

  it("refuses an employer of another organisation as if the training did not exist, and a candidate", async () => {
    const id = placementAt("admitted");
    expect(record(id, "completed", ["employer"], stranger.user.id)).toEqual({ ok: false, reason: "notFound" });
    expect(record(id, "completed", ["candidate"], candidateId)).toMatchObject({ ok: false, reason: "notAllowed" });
    expect(db.select().from(trainingOutcomes).where(eq(trainingOutcomes.placementId, id)).get()).toBeUndefined();
  });

  it("refuses a placement in a job and an unknown placement", () => {
    expect(record(trainingPlacement("emploi"), "completed", ["counsellor"], staffId)).toEqual({
      ok: false,
      reason: "not_training",
    });
    expect(record(999_999, "completed", ["counsellor"], staffId)).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("what an outcome needs", () => {
  it("a certificate's name to certify, of at most 200 letters", () => {
    const id = placementAt("admitted");
    expect(record(id, "certified", ["counsellor"], staffId, { certificate: "  " })).toEqual({
      ok: false,
      reason: "certificate_required",
    });
    expect(record(id, "certified", ["counsellor"], staffId, { certificate: "C".repeat(201) })).toEqual({
      ok: false,
      reason: "certificate_too_long",
    });
  });

  it("a real day between the start and today", () => {
    const id = placementAt("admitted");
    const tries = [
      [addDays(today, 1), "date_in_future"],
      [addDays(started, -1), "date_before_start"],
      ["2026-02-30", "invalid_date"],
      ["'; DROP TABLE placements; --", "invalid_date"],
    ] as const;
    for (const [recordedOn, reason] of tries)
      expect(record(id, "completed", ["counsellor"], staffId, { recordedOn })).toEqual({ ok: false, reason });
    expect(record(id, "completed", ["counsellor"], staffId, { recordedOn: started })).toMatchObject({ ok: true });
  });
});

describe("the verified skill", () => {
  it("is written once at completion, then updated with the certificate that came later", () => {
    const id = placementAt("admitted");
    expect(record(id, "completed", ["employer"], trainer.user.id)).toEqual({
      ok: true,
      from: "admitted",
      to: "completed",
    });
    const skills = () => db.select().from(verifiedSkills).where(eq(verifiedSkills.placementId, id)).all();
    expect(skills()).toMatchObject([
      { candidateId, skill: "soudeur", certificate: null, provider: "CFP de Bamako", verifiedBy: trainer.user.id },
    ]);
    expect(record(id, "certified", ["counsellor"], staffId, { certificate: "CAP soudure" })).toEqual({
      ok: true,
      from: "completed",
      to: "certified",
    });
    expect(skills()).toMatchObject([{ skill: "soudeur", certificate: "CAP soudure", verifiedBy: staffId }]);
    expect(db.select().from(trainingOutcomes).where(eq(trainingOutcomes.placementId, id)).get()).toMatchObject({
      outcome: "certified",
      certificate: "CAP soudure",
    });
    expect(auditRows(db, "training.completed").some((row) => row.subjectId === String(id))).toBe(true);
    expect(auditRows(db, "training.certified").some((row) => row.subjectId === String(id))).toBe(true);
  });

  it("is not earned by dropping out, and the candidate is told only of a completion", () => {
    const id = placementAt("admitted");
    const told = () => db.select().from(notifications).where(eq(notifications.userId, candidateId)).all().length;
    const before = told();
    expect(record(id, "dropped_out", ["counsellor"], staffId)).toMatchObject({ ok: true });
    expect(db.select().from(verifiedSkills).where(eq(verifiedSkills.placementId, id)).all()).toEqual([]);
    expect(told()).toBe(before);
    expect(record(placementAt("admitted"), "completed", ["counsellor"], staffId)).toMatchObject({ ok: true });
    expect(told()).toBe(before + 1);
  });
});

describe("follow-ups", () => {
  it("are made for a job, never for a training", () => {
    const count = (id: number) =>
      db.select().from(placementFollowups).where(eq(placementFollowups.placementId, id)).all().length;
    expect(count(trainingPlacement("emploi"))).toBe(3);
    expect(count(trainingPlacement("formation"))).toBe(0);
  });
});

describe("the person's data", () => {
  it("exports their training outcomes and verified skills, and deleting the account erases what names them", async () => {
    const learner = (await insertCandidate(db)).id;
    const placementId = createPlacement(db, {
      candidateId: learner,
      orgId: trainer.org.id,
      offerId,
      type: "formation",
      contract: "formation",
      startDate: started,
      recordedBy: staffId,
    });
    expect(
      recordTrainingOutcome(db, {
        placementId,
        outcome: "certified",
        certificate: "CAP soudure",
        actor: { userId: staffId, roles: ["counsellor"] },
      }),
    ).toMatchObject({ ok: true });
    const exported = exportPersonalData(db, learner)!;
    expect(exported.trainingOutcomes).toMatchObject([
      { placementId, outcome: "certified", certificate: "CAP soudure" },
    ]);
    expect(exported.verifiedSkills).toMatchObject([{ skill: "soudeur", certificate: "CAP soudure" }]);

    anonymiseAccount(db, learner, { actorId: learner, reason: "self" });
    expect(db.select().from(verifiedSkills).where(eq(verifiedSkills.candidateId, learner)).all()).toEqual([]);
    // The outcome stays for the completion rate, without the certificate's name.
    expect(db.select().from(trainingOutcomes).where(eq(trainingOutcomes.placementId, placementId)).get()).toMatchObject(
      {
        outcome: "certified",
        certificate: null,
      },
    );
  });
});

describe("an admission", () => {
  it("is what a hire on a training offer tells the candidate, with no follow-up made", async () => {
    const learner = (await insertCandidate(db)).id;
    const application = insertApplication(db, { offerId, candidateId: learner, status: "interview" });
    expect(
      moveApplication(db, {
        employerId: trainer.user.id,
        applicationId: application.id,
        to: "hired",
        startDate: today,
      }),
    ).toMatchObject({ ok: true, status: "hired" });
    const told = db.select().from(notifications).where(eq(notifications.userId, learner)).all();
    expect(told.map((n) => n.kind)).toEqual(["application.admitted"]);
    const placement = db.select().from(placements).where(eq(placements.applicationId, application.id)).get()!;
    expect(placement.type).toBe("formation");
    expect(db.select().from(placementFollowups).where(eq(placementFollowups.placementId, placement.id)).all()).toEqual(
      [],
    );
    expect(applicationStatusKey("hired", "formation")).toBe("admitted");
    expect(applicationStatusKey("hired", "emploi")).toBe("hired");
  });
});
