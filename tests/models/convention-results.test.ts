// @vitest-environment jsdom
// A convention's results against its commitments, from real rows: offers (published or
// not, without a key, with a key an amendment removed), applications, placements, their
// follow-ups answered yes or no, trainings completed, certified or dropped; an amendment
// raising a quantity keeps the results; another convention's rows are never counted.
// Then what the company and the counsellor read of them.
import { render, screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { ConventionResults } from "../../app/components/partnerships/ConventionResults";
import {
  type ConventionResultsData,
  conventionResults,
  resultsForOrg,
} from "../../app/models/convention-results.server";
import type { Db } from "../../app/utils/db.server";
import {
  conventionCommitments,
  conventions,
  conventionVersions,
  type OfferType,
  trainingOutcomes,
} from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplication } from "../helpers/factories/applications";
import { insertOffer } from "../helpers/factories/offers";
import { insertConvention, insertPartnership, insertProgramme } from "../helpers/factories/partnerships";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import {
  insertCountedOrganisation,
  insertPlacementFor,
  insertRegisteredCandidate,
  markFollowup,
} from "../helpers/placements";

const TODAY = "2026-05-01";
let db: Db;
let garage: number;
let conventionId: number;

function signedConvention(orgId: number, commitments: { offerType: OfferType; quantity: number; key: number }[]) {
  const programmeId = insertProgramme(db).id;
  const partnership = insertPartnership(db, { orgId, programmeId, status: "active" });
  return insertConvention(db, partnership, { startDate: "2026-01-01", endDate: "2026-12-31", commitments }).convention
    .id;
}

function offerFor(orgId: number, convention: number, key: number | null, type: OfferType, published = true) {
  return insertOffer(db, {
    orgId,
    type,
    contract: type === "emploi" ? "cdd" : type,
    conventionId: convention,
    commitmentKey: key,
    status: published ? "published" : "draft",
  }).id;
}

function placeOn(offerId: number, type: OfferType, orgId = garage) {
  const candidateId = insertRegisteredCandidate(db);
  insertApplication(db, { offerId, candidateId, status: "hired" });
  return insertPlacementFor(db, { candidateId, orgId, offerId, type, startDate: "2026-01-05" });
}

function outcome(placementId: number, value: "completed" | "certified" | "dropped_out") {
  db.insert(trainingOutcomes).values({ placementId, outcome: value, recordedOn: "2026-04-01" }).run();
}

/** A follow-up answered "still in work" on a training: it must never count. */
function trainingFollowupAnswered(placementId: number) {
  db.$client
    .prepare(
      `INSERT INTO placement_followups (placement_id, months_after, due_date, done_at, still_employed)
       VALUES (?, 1, '2026-02-05', 1, 1)
       ON CONFLICT (placement_id, months_after) DO UPDATE SET done_at = 1, still_employed = 1`,
    )
    .run(placementId);
}

beforeAll(() => {
  db = createTestDb();
  garage = insertCountedOrganisation(db, { name: "Garage Sanogo" });
  conventionId = signedConvention(garage, [
    { offerType: "apprentissage", quantity: 3, key: 1 },
    { offerType: "formation", quantity: 4, key: 2 },
    { offerType: "emploi", quantity: 2, key: 3 },
  ]);
  const apprentices = offerFor(garage, conventionId, 1, "apprentissage");
  const moreApprentices = offerFor(garage, conventionId, 1, "apprentissage");
  offerFor(garage, conventionId, 1, "apprentissage", false);
  const training = offerFor(garage, conventionId, 2, "formation");
  offerFor(garage, conventionId, 3, "emploi");
  const noKey = offerFor(garage, conventionId, null, "emploi");
  const removedKey = offerFor(garage, conventionId, 9, "emploi");

  // Two apprentices placed, a third who applied to both offers of the commitment without being taken.
  const first = placeOn(apprentices, "apprentissage");
  const second = placeOn(apprentices, "apprentissage");
  const third = insertRegisteredCandidate(db);
  insertApplication(db, { offerId: apprentices, candidateId: third });
  insertApplication(db, { offerId: moreApprentices, candidateId: third });
  markFollowup(db, first, 1, true);
  markFollowup(db, first, 3, true);
  markFollowup(db, second, 1, true);
  markFollowup(db, second, 3, false);

  const trainees = [placeOn(training, "formation"), placeOn(training, "formation"), placeOn(training, "formation")];
  outcome(trainees[0]!, "completed");
  outcome(trainees[1]!, "certified");
  outcome(trainees[2]!, "dropped_out");
  trainingFollowupAnswered(trainees[0]!);

  placeOn(noKey, "emploi");
  placeOn(removedKey, "emploi");

  // Another company's convention, same keys: none of it is ours.
  const other = insertCountedOrganisation(db, { name: "Boulangerie" });
  const otherConvention = signedConvention(other, [{ offerType: "apprentissage", quantity: 2, key: 1 }]);
  const otherOffer = offerFor(other, otherConvention, 1, "apprentissage");
  markFollowup(db, placeOn(otherOffer, "apprentissage", other), 1, true);
});

const commitment = (results: ConventionResultsData | null, key: number) =>
  results!.commitments.find((c) => c.key === key)!;

describe("a convention's results against its commitments", () => {
  it("counts offers published, people who applied and placed, by commitment", () => {
    const apprentices = commitment(conventionResults(db, conventionId, TODAY), 1);
    expect(apprentices).toMatchObject({ offerType: "apprentissage", quantity: 3, audience: "all" });
    expect(apprentices).toMatchObject({ offersPublished: 2, applied: 3, placed: 2 });
    expect(apprentices.placedByType).toEqual({ emploi: 0, apprentissage: 2, stage: 0, formation: 0 });
  });

  it("still in work from the follow-ups: answered yes of answered; due once the date has passed", () => {
    const { retention } = commitment(conventionResults(db, conventionId, TODAY), 1);
    expect(retention.m1).toEqual({ stillInWork: 2, answered: 2, due: 2 });
    expect(retention.m3).toEqual({ stillInWork: 1, answered: 2, due: 2 });
    expect(retention.m6).toEqual({ stillInWork: 0, answered: 0, due: 0 });
    expect(commitment(conventionResults(db, conventionId, "2026-03-01"), 1).retention.m3.due).toBe(0);
  });

  it("trainings count admitted, completed (certified included), certified and dropped out; never follow-ups", () => {
    const training = commitment(conventionResults(db, conventionId, TODAY), 2);
    expect(training.trainees).toEqual({ admitted: 3, completed: 2, droppedOut: 1, certified: 1 });
    expect(training.retention.m1).toEqual({ stillInWork: 0, answered: 0, due: 0 });
  });

  it("totals add the commitments; offers without a key or with an unknown one are counted apart", () => {
    const results = conventionResults(db, conventionId, TODAY)!;
    expect(results.totals).toMatchObject({ quantity: 9, offersPublished: 4, placed: 5, applied: 6 });
    expect(results.unassigned).toMatchObject({ offersPublished: 2, placed: 2, applied: 2 });
    expect(commitment(results, 3)).toMatchObject({ offersPublished: 1, applied: 0, placed: 0 });
  });

  it("an unknown convention has no results", () => {
    expect(conventionResults(db, 999_999, TODAY)).toBeNull();
  });

  it("the company's list: placed of committed, per convention", () => {
    expect(resultsForOrg(db, garage)).toEqual([expect.objectContaining({ conventionId, committed: 9, placed: 5 })]);
  });

  it("an amendment raising a quantity keeps the results; a commitment it removes goes to the offers apart", () => {
    const amended = createTestDb();
    const before = { db, garage };
    db = amended;
    try {
      garage = insertCountedOrganisation(db, { name: "Garage amendé" });
      const id = signedConvention(garage, [
        { offerType: "apprentissage", quantity: 3, key: 1 },
        { offerType: "emploi", quantity: 2, key: 3 },
      ]);
      const apprentices = offerFor(garage, id, 1, "apprentissage");
      placeOn(apprentices, "apprentissage");
      placeOn(offerFor(garage, id, 3, "emploi"), "emploi");
      const version = db
        .insert(conventionVersions)
        .values({
          conventionId: id,
          version: 2,
          startDate: "2026-01-01",
          endDate: "2027-06-30",
          signatories: "Directeur, OIM Mali",
          signedOn: "2026-03-01",
          reason: "Plus d'apprentis",
        })
        .returning()
        .get();
      db.insert(conventionCommitments)
        .values({ versionId: version.id, key: 1, offerType: "apprentissage", quantity: 5 })
        .run();
      db.update(conventions).set({ currentVersion: 2 }).where(eq(conventions.id, id)).run();

      const results = conventionResults(db, id, TODAY)!;
      expect(results.commitments).toHaveLength(1);
      expect(commitment(results, 1)).toMatchObject({ quantity: 5, placed: 1, offersPublished: 1 });
      expect(results.unassigned).toMatchObject({ offersPublished: 1, placed: 1 });
      expect(results.totals).toMatchObject({ quantity: 5, placed: 1 });
    } finally {
      ({ db, garage } = before);
    }
  });

  it("reads a convention's placements through the offers' index, not the whole placements table", () => {
    const plan = db.$client
      .prepare(
        "EXPLAIN QUERY PLAN SELECT p.id FROM offers o JOIN placements p ON p.offer_id = o.id WHERE o.convention_id = ?",
      )
      .all(conventionId) as { detail: string }[];
    expect(plan.map((row) => row.detail).join("\n")).toMatch(/placements_offer_idx/);
  });
});

describe("a convention with 500 placements", () => {
  it("is counted in a handful of queries, well under the time of a page", () => {
    const big = createTestDb();
    const orgId = insertCountedOrganisation(big, { name: "Grand chantier" });
    const programmeId = insertProgramme(big).id;
    const partnership = insertPartnership(big, { orgId, programmeId, status: "active" });
    const { convention } = insertConvention(big, partnership, {
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      commitments: [{ offerType: "emploi", quantity: 600 }],
    });
    const offerId = insertOffer(big, { orgId, conventionId: convention.id, commitmentKey: 1, positions: 500 }).id;
    big.transaction((tx) => {
      for (let i = 0; i < 500; i++) {
        const candidateId = insertRegisteredCandidate(tx as unknown as Db);
        insertApplication(tx as unknown as Db, { offerId, candidateId, status: "hired" });
        insertPlacementFor(tx as unknown as Db, { candidateId, orgId, offerId, startDate: "2026-01-05" });
      }
    });
    const started = performance.now();
    const results = conventionResults(big, convention.id, TODAY)!;
    const elapsed = performance.now() - started;
    expect(results.totals).toMatchObject({ applied: 500, placed: 500 });
    expect(results.totals.retention.m3).toEqual({ stillInWork: 0, answered: 0, due: 500 });
    expect(elapsed).toBeLessThan(250);
  });
});

describe("what the company and the counsellor read", () => {
  async function show(lng: "fr" | "en") {
    const i18n = await createTestI18n(lng);
    const results = JSON.parse(JSON.stringify(conventionResults(db, conventionId, TODAY)));
    return render(createElement(WithI18n, { i18n }, createElement(ConventionResults, { results })));
  }

  it("a sentence per commitment, then the detail; the bar is decoration", async () => {
    const { unmount, container } = await show("fr");
    const items = screen.getAllByRole("listitem");
    expect(items[0]!.textContent).toContain("2 sur 3 apprentis placés");
    expect(items[1]!.textContent).toContain("3 sur 4 personnes admises en formation");
    expect(items[2]!.textContent).toContain("0 sur 2 salariés embauchés");
    expect(within(items[0]!).getByText("2 sur 2 encore en poste à 1 mois")).toBeTruthy();
    expect(within(items[0]!).getByText("1 sur 2 encore en poste à 3 mois")).toBeTruthy();
    expect(within(items[1]!).getByText("2 sur 3 ont terminé leur formation")).toBeTruthy();
    expect(screen.getByText("Au total : 5 sur 9 personnes placées")).toBeTruthy();
    expect(screen.getByText(/Comptés à part : 2 offres publiées et 2 personnes placées/)).toBeTruthy();
    expect(container.querySelectorAll('[aria-hidden="true"]')).toHaveLength(3);
    expect(screen.queryByRole("progressbar")).toBeNull();
    unmount();
  });

  it("reads in English", async () => {
    const { unmount } = await show("en");
    expect(screen.getByText("2 of 3 apprentices placed")).toBeTruthy();
    expect(screen.getByText("1 of 2 still in work at 3 months")).toBeTruthy();
    expect(screen.getByText("In all: 5 of 9 people placed")).toBeTruthy();
    unmount();
  });
});
