// Trainings in the indicators: admissions counted apart from placements (which
// stay work: jobs, apprenticeships, internships), the completion rate of the
// trainings whose outcome is recorded, and small groups hidden as everywhere.
import { beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../app/models/indicators.server";
import { isSuppressed, type Shown } from "../../app/models/suppression";
import type { Db } from "../../app/utils/db.server";
import { type TrainingOutcome, trainingOutcomes } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import {
  insertCountedOrganisation,
  insertPlacementFor,
  insertPublishedOffer,
  insertRegisteredCandidate,
} from "../helpers/placements";

const PERIOD = { from: "2026-01", to: "2026-06" } as const;
const seen = (value: Shown) => (isSuppressed(value) ? (value.complement ? "hidden" : "< 5") : value);

let db: Db;

/**
 * 8 women in Bamako admitted to a sewing training on 15 Feb 2026: 5 completed, 1 certified, 2 dropped out.
 * 3 men in Ségou admitted on 1 Mar 2026, no outcome yet. 6 people placed in a job on 1 Apr 2026.
 */
beforeAll(() => {
  db = createTestDb();
  const centre = insertCountedOrganisation(db, { name: "Centre de couture", sector: "textile" });
  const offerId = insertPublishedOffer(db, { orgId: centre, type: "formation", sector: "textile" });
  const outcomes: TrainingOutcome[] = [
    "completed",
    "completed",
    "completed",
    "completed",
    "completed",
    "certified",
    "dropped_out",
    "dropped_out",
  ];
  for (const outcome of outcomes) {
    const candidateId = insertRegisteredCandidate(db, { sex: "f", region: "bamako" });
    const placementId = insertPlacementFor(db, {
      candidateId,
      orgId: centre,
      offerId,
      type: "formation",
      startDate: "2026-02-15",
    });
    db.insert(trainingOutcomes).values({ placementId, outcome, recordedOn: "2026-05-30" }).run();
  }
  for (let i = 0; i < 3; i++) {
    const candidateId = insertRegisteredCandidate(db, { sex: "m", region: "segou" });
    insertPlacementFor(db, { candidateId, orgId: centre, offerId, type: "formation", startDate: "2026-03-01" });
  }
  for (let i = 0; i < 6; i++)
    insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-04-01" });
});

describe("trainings in the indicators", () => {
  it("admissions are counted apart: 11 admitted, and the placements stay the 6 people in work", () => {
    const { people } = computeIndicators(db, PERIOD);
    expect(seen(people.admittedToTraining.total)).toBe(11);
    expect(seen(people.placements.total)).toBe(6);
    expect(people.placements.breakdowns.find((b) => b.dimension === "offerType")!.cells).toContainEqual({
      key: "formation",
      value: expect.objectContaining({ suppressed: true }),
    });
    expect(seen(people.placementRate.value)).toBe(6 / 17);
  });

  it("completion rate: 6 completed or certified of the 8 with an outcome (the 3 without one are not counted)", () => {
    const { people } = computeIndicators(db, PERIOD);
    expect(seen(people.trainingCompletion.value)).toBe(0.75);
    expect(seen(people.trainingCompletion.population)).toBe(8);
    const bySex = people.trainingCompletion.breakdowns.find((b) => b.dimension === "sex")!;
    // No man has an outcome: the women's rate would give theirs away by subtraction, so it is hidden too.
    expect(Object.fromEntries(bySex.cells.map((c) => [c.key, seen(c.value)]))).toMatchObject({ f: "hidden", m: "< 5" });
  });

  it("a small group is hidden: the 3 in Ségou are '< 5', and their rate with no outcome is not shown", () => {
    const { people } = computeIndicators(db, { ...PERIOD, region: "segou" });
    expect(seen(people.admittedToTraining.total)).toBe("< 5");
    expect(seen(people.trainingCompletion.value)).toBe("< 5");
  });

  it("filtered on jobs, no training is counted; on trainings, no placement", () => {
    const jobs = computeIndicators(db, { ...PERIOD, offerType: "emploi" }).people;
    expect(seen(jobs.admittedToTraining.total)).toBe("< 5");
    expect(seen(jobs.placements.total)).toBe(6);
    const trainings = computeIndicators(db, { ...PERIOD, offerType: "formation" }).people;
    expect(seen(trainings.admittedToTraining.total)).toBe(11);
    expect(seen(trainings.placements.total)).toBe("< 5");
  });
});
