// The reports' partnership view by programme and by convention, protected exactly as the
// reports: 4 people → "< 5", 5 → shown; a complement hidden when a small figure could be
// worked out from the total, and conventions protected inside their programme.
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportFilters } from "../../app/models/indicators.server";
import { partnershipIndicators } from "../../app/models/partnership-indicators.server";
import { isSuppressed, type Shown } from "../../app/models/suppression";
import type { Db } from "../../app/utils/db.server";
import { type OfferType, trainingOutcomes } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertOffer } from "../helpers/factories/offers";
import { insertConvention, insertPartnership, insertProgramme, programmeText } from "../helpers/factories/partnerships";
import {
  insertCountedOrganisation,
  insertPlacementFor,
  insertRegisteredCandidate,
  markFollowup,
} from "../helpers/placements";

const PERIOD: ReportFilters = { from: "2026-01", to: "2026-06" };
const seen = (value: Shown) => (isSuppressed(value) ? (value.complement ? "hidden" : "< 5") : value);

let db: Db;
const programme: Record<string, number> = {};
const convention: Record<string, number> = {};

function conventionIn(programmeId: number, name: string) {
  const orgId = insertCountedOrganisation(db, { name });
  const partnership = insertPartnership(db, { orgId, programmeId, status: "active" });
  const { convention: c } = insertConvention(db, partnership, {
    startDate: "2026-01-01",
    endDate: "2026-12-31",
    commitments: [{ offerType: "apprentissage", quantity: 10 }],
  });
  const offerId = (type: OfferType) =>
    insertOffer(db, {
      orgId,
      type,
      contract: type === "emploi" ? "cdd" : type,
      conventionId: c.id,
      commitmentKey: 1,
      publishedAt: new Date("2026-01-02T09:00:00Z"),
    }).id;
  return { id: c.id, orgId, offerId };
}

/** `n` people placed on the convention's offer of that type, starting on `startDate`. */
function place(c: ReturnType<typeof conventionIn>, n: number, type: OfferType, startDate = "2026-01-05") {
  const offerId = c.offerId(type);
  return Array.from({ length: n }, () =>
    insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), orgId: c.orgId, offerId, type, startDate }),
  );
}

beforeAll(() => {
  db = createTestDb();
  const add = (key: string, title: string, position: number) => {
    programme[key] = insertProgramme(db, {
      position,
      texts: { fr: programmeText(title), en: programmeText(`${title} (en)`) },
    }).id;
  };
  add("river", "Apprentis du fleuve", 1);
  add("tiny", "Petit programme", 2);
  add("one", "Un seul", 3);
  add("five", "Cinq", 4);
  add("training", "Formations", 5);

  const c1 = conventionIn(programme.river!, "Garage 1");
  const c2 = conventionIn(programme.river!, "Garage 2");
  const c3 = conventionIn(programme.tiny!, "Atelier 3");
  const c4 = conventionIn(programme.one!, "Atelier 4");
  const c5 = conventionIn(programme.five!, "Atelier 5");
  const c6 = conventionIn(programme.training!, "Centre 6");
  Object.assign(convention, { c1: c1.id, c2: c2.id, c3: c3.id, c4: c4.id, c5: c5.id, c6: c6.id });

  for (const id of place(c1, 5, "apprentissage")) markFollowup(db, id, 3, true);
  place(c2, 4, "apprentissage");
  place(c3, 4, "emploi");
  place(c4, 1, "emploi");
  for (const id of place(c5, 5, "emploi")) markFollowup(db, id, 3, true);
  // Before the period: never counted.
  place(c5, 3, "emploi", "2025-11-02");
  for (const id of place(c6, 5, "formation"))
    db.insert(trainingOutcomes).values({ placementId: id, outcome: "completed", recordedOn: "2026-03-01" }).run();
});

const byProgramme = (filters = PERIOD) =>
  Object.fromEntries(partnershipIndicators(db, filters).programmes.map((p) => [p.titles.fr ?? "", p]));

describe("the partnership view of the reports", () => {
  it("people placed by programme: 4 → '< 5', 5 → shown, and the total", () => {
    const results = partnershipIndicators(db, PERIOD);
    expect(seen(results.total.placed)).toBe(24);
    const placed = Object.fromEntries(results.programmes.map((p) => [p.titles.fr ?? "", seen(p.placed)]));
    expect(placed).toEqual({
      "Apprentis du fleuve": 9,
      "Petit programme": "< 5",
      "Un seul": "< 5",
      Cinq: 5,
      Formations: 5,
    });
  });

  it("a convention is protected inside its programme: a small one hides its neighbour as a complement", () => {
    const conventions = Object.fromEntries(
      partnershipIndicators(db, PERIOD).conventions.map((c) => [c.id, seen(c.placed)]),
    );
    expect(conventions[convention.c1!]).toBe("hidden");
    expect(conventions[convention.c2!]).toBe("< 5");
    expect(conventions[convention.c3!]).toBe("< 5");
    expect(conventions[convention.c5!]).toBe(5);
  });

  it("placed by type inside a programme: zeros hidden, so the only type shown is hidden too", () => {
    const five = byProgramme().Cinq!;
    expect(five.placedByType.map((c) => [c.key, seen(c.value)])).toEqual([
      ["emploi", "hidden"],
      ["apprentissage", "< 5"],
      ["stage", "< 5"],
      ["formation", "< 5"],
    ]);
  });

  it("still in work at 3 months: rates where 5 people or more, a complement hidden beside the zeros", () => {
    const results = partnershipIndicators(db, PERIOD);
    expect(seen(results.total.retention3)).toBe(1);
    const programmes = byProgramme();
    expect(seen(programmes["Apprentis du fleuve"]!.retention3)).toBe("hidden");
    expect(seen(programmes.Cinq!.retention3)).toBe(1);
    expect(seen(programmes.Cinq!.retention6)).toBe("< 5");
  });

  it("trainings completed in the period, protected the same way; offers published shown as they are", () => {
    const results = partnershipIndicators(db, PERIOD);
    expect(seen(results.total.completed)).toBe(5);
    expect(seen(byProgramme().Formations!.completed)).toBe("hidden");
    expect(results.total.offersPublished).toBe(7);
    expect(byProgramme()["Un seul"]!.offersPublished).toBe(1);
  });

  it("follows the report's filters: offer type and candidate's region", () => {
    const formation = partnershipIndicators(db, { ...PERIOD, offerType: "formation" });
    expect(seen(formation.total.placed)).toBe(5);
    expect(formation.programmes[0]!.placedByType.map((c) => c.key)).toEqual(["formation"]);
    expect(seen(partnershipIndicators(db, { ...PERIOD, region: "kayes" }).total.placed)).toBe("< 5");
  });

  it("no count of people under five anywhere in what it returns (rates and offers aside)", () => {
    const small: string[] = [];
    const notPeople = /(\.id|\.programmeId|\.offersPublished|\.retention[36])$/;
    const walk = (value: unknown, path: string) => {
      if (typeof value === "number" && value < 5 && !notPeople.test(path)) small.push(path);
      if (value && typeof value === "object")
        for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    walk(partnershipIndicators(db, PERIOD), "results");
    expect(small).toEqual([]);
  });
});
