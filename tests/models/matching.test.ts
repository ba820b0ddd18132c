// Matching: hand-made candidates against one offer, the reasons given, who is
// never proposed, and the SQL shortcut checked against scoring everyone.
import { beforeEach, describe, expect, it } from "vitest";
import { applyToOffer } from "../../app/models/applications.server";
import { scoreMatch } from "../../app/models/match-score";
import { matchCandidatesForOffer, matchOffersForCandidate } from "../../app/models/matching.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { TRADES } from "../../app/utils/reference";
import type { EducationLevel } from "../../db/schema";
import { type CandidateFields, insertCounselledCandidate, insertMatchingOffer } from "../helpers/counsellor";
import { createTestDb } from "../helpers/db";
import { insertOrganisation } from "../helpers/factories";

let db: Db;
let orgId: number;

beforeEach(() => {
  db = createTestDb();
  orgId = insertOrganisation(db, { name: "Bâtiments Koné" }).id;
});

/** A mason's job in Kalaban Coro (Koulikoro), CAP at least, French and Bambara. */
const masonOffer = (changes = {}) =>
  insertMatchingOffer(db, orgId, { minEducation: "cap", languages: ["fr", "bm"], ...changes });

const names = (result: ReturnType<typeof matchCandidatesForOffer>) => result!.candidates.map((c) => c.firstName);

describe("matchCandidatesForOffer", () => {
  it("ranks by score: same trade and commune first, then same trade and region, then the rest", () => {
    const offer = masonOffer();
    insertCounselledCandidate(db, {
      firstName: "Sidiki",
      trades: ["carreleur"],
      region: "bamako",
      educationLevel: "bac",
    }); // 12 + 8
    insertCounselledCandidate(db, {
      firstName: "Bakary",
      trades: ["macon"],
      region: "koulikoro",
      commune: "Kati",
      educationLevel: "cap",
      languages: ["bm"],
    }); // 40 + 15 + 8 + 4
    insertCounselledCandidate(db, {
      firstName: "Adama",
      trades: ["macon"],
      region: "koulikoro",
      commune: "Kalaban Coro",
      educationLevel: "bt",
      languages: ["fr", "bm"],
      availability: "immediate",
    }); // 40 + 25 + 8 + 8 + 6
    insertCounselledCandidate(db, {
      firstName: "Fanta",
      trades: ["cuisinier"],
      region: "koulikoro",
      educationLevel: "cap",
    }); // 15 + 8

    const result = matchCandidatesForOffer(db, offer.id)!;
    expect(names(result)).toEqual(["Adama", "Bakary", "Fanta", "Sidiki"]);
    expect(result.candidates.map((c) => c.score)).toEqual([87, 67, 23, 20]);
    expect(result.total).toBe(4);
    expect(result.candidates[0]!.reasons).toEqual([
      { key: "sameTrade", trade: "macon" },
      { key: "sameCommune", commune: "Kalaban Coro" },
      { key: "education", level: "bt" },
      { key: "languages", count: 2 },
      { key: "availableNow" },
    ]);
    expect(result.candidates[3]!.reasons).toEqual([
      { key: "skillsInCommon", count: 1 },
      { key: "education", level: "bac" },
    ]);
  });

  it("counts the candidate's own skill words found in the offer, but not words like « dans » or « ainsi »", () => {
    const offer = masonOffer({
      description: "Travaux de coffrage et de maçonnerie dans une villa, ainsi que le crépissage.",
    });
    const skilled = insertCounselledCandidate(db, {
      firstName: "Issa",
      region: "koulikoro",
      educationLevel: "cap",
      skills: "Coffrage, maçonnerie, crepissage.",
    });
    const vague = insertCounselledCandidate(db, {
      firstName: "Oumar",
      region: "koulikoro",
      educationLevel: "cap",
      skills: "Je travaille dans le commerce, ainsi que la vente.",
    });
    const result = matchCandidatesForOffer(db, offer.id)!;
    const byId = new Map(result.candidates.map((c) => [c.userId, c]));
    expect(byId.get(skilled.id)!.reasons).toContainEqual({ key: "skillsInCommon", count: 3 });
    expect(byId.get(vague.id)!.reasons.find((r) => r.key === "skillsInCommon")).toBeUndefined();
    expect(byId.get(skilled.id)!.score - byId.get(vague.id)!.score).toBe(36);
  });

  it("leaves out anyone below the minimum education, and people without an education level", () => {
    const offer = masonOffer();
    insertCounselledCandidate(db, {
      firstName: "Below",
      trades: ["macon"],
      region: "koulikoro",
      commune: "Kalaban Coro",
      educationLevel: "def",
    });
    insertCounselledCandidate(db, {
      firstName: "Unknown",
      trades: ["macon"],
      region: "koulikoro",
      educationLevel: null,
    });
    insertCounselledCandidate(db, {
      firstName: "Exact",
      trades: ["macon"],
      region: "koulikoro",
      educationLevel: "cap",
    });
    expect(names(matchCandidatesForOffer(db, offer.id))).toEqual(["Exact"]);
  });

  it("leaves out candidates who already applied, deleted or disabled accounts, and people who gave no consent", () => {
    const offer = masonOffer({ minEducation: null });
    const fields: CandidateFields = { trades: ["macon"], region: "koulikoro" };
    const applied = insertCounselledCandidate(db, { ...fields, firstName: "Applied" });
    insertCounselledCandidate(db, { ...fields, firstName: "Deleted", deleted: true });
    insertCounselledCandidate(db, { ...fields, firstName: "Disabled", disabled: true });
    insertCounselledCandidate(db, { ...fields, firstName: "NoConsent", consent: false });
    insertCounselledCandidate(db, { ...fields, firstName: "Kept" });
    expect(applyToOffer(db, { candidateId: applied.id, offerId: offer.id }).ok).toBe(true);
    const result = matchCandidatesForOffer(db, offer.id)!;
    expect(names(result)).toEqual(["Kept"]);
    expect(result.total).toBe(1);
  });

  it("gives the same commune (written without accents or capitals) more than the same region", () => {
    const offer = masonOffer({ region: "segou", commune: "Ségou", minEducation: null });
    const sameCommune = insertCounselledCandidate(db, {
      firstName: "Commune",
      trades: ["macon"],
      region: "segou",
      commune: "SEGOU",
    });
    const sameRegion = insertCounselledCandidate(db, {
      firstName: "Region",
      trades: ["macon"],
      region: "segou",
      commune: "Markala",
    });
    const result = matchCandidatesForOffer(db, offer.id)!;
    expect(names(result)).toEqual(["Commune", "Region"]);
    expect(result.candidates[0]!.reasons).toContainEqual({ key: "sameCommune", commune: "Ségou" });
    expect(result.candidates[0]!.reasons).not.toContainEqual({ key: "sameRegion" });
    expect(result.candidates[1]!.reasons).toContainEqual({ key: "sameRegion" });
    expect(result.candidates[0]!.score - result.candidates[1]!.score).toBe(10);
    expect([sameCommune.id, sameRegion.id]).toEqual(result.candidates.map((c) => c.userId));
  });

  it("names the driving licence for a driver's job", () => {
    const offer = masonOffer({
      title: "Chauffeur livreur",
      sector: "transport",
      trade: "chauffeur",
      minEducation: null,
    });
    insertCounselledCandidate(db, {
      firstName: "Moussa",
      trades: ["chauffeur"],
      region: "koulikoro",
      drivingLicence: true,
    });
    expect(matchCandidatesForOffer(db, offer.id)!.candidates[0]!.reasons).toContainEqual({ key: "drivingLicence" });
  });

  it("does not propose someone of another region with no trade of the offer's sector", () => {
    const offer = masonOffer({ minEducation: null });
    insertCounselledCandidate(db, {
      firstName: "Far",
      trades: ["cuisinier"],
      region: "kayes",
      availability: "immediate",
    });
    expect(matchCandidatesForOffer(db, offer.id)!.candidates).toEqual([]);
  });

  it("is null for an unknown offer, and says whether the offer accepts applications", () => {
    expect(matchCandidatesForOffer(db, 999_999)).toBeNull();
    expect(matchCandidatesForOffer(db, masonOffer().id)!.isOpen).toBe(true);
    expect(matchCandidatesForOffer(db, masonOffer({ status: "draft" }).id)!.isOpen).toBe(false);
    expect(matchCandidatesForOffer(db, masonOffer({ closingDate: addDays(isoToday(), -1) }).id)!.isOpen).toBe(false);
  });

  it("gives exactly the best candidates that scoring everyone would give (the SQL shortcut loses no one)", () => {
    const offer = masonOffer({
      description: "Coffrage, ferraillage et maçonnerie de fondations ; lecture de plans ; carrelage des terrasses.",
    });
    // 120 candidates from a fixed pseudo-random sequence: trades, places, levels, skills.
    let seed = 7;
    const pick = <T>(list: readonly T[]) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return list[seed % list.length]!;
    };
    const tradeCodes = ["macon", "carreleur", "ferrailleur", "plombier", "cuisinier", "chauffeur", "vendeur"];
    const skills = [
      null,
      "Coffrage et ferraillage.",
      "Lecture de plans, coffrage, maçonnerie, carrelage.",
      "Vente et caisse.",
      "Carrelage",
    ];
    const people: (CandidateFields & { id: number })[] = [];
    for (let i = 0; i < 120; i++) {
      const fields: CandidateFields = {
        firstName: `P${i}`,
        lastName: pick(["Traoré", "Diallo", "Keïta", "Sangaré"]),
        trades: [...new Set([pick(tradeCodes), pick(tradeCodes)])].slice(0, pick([0, 1, 2])),
        region: pick(["koulikoro", "koulikoro", "bamako", "kayes"]),
        commune: pick([null, "Kalaban Coro", "kalaban coro", "Kati"]),
        educationLevel: pick([null, "def", "cap", "bt", "bac"] as (EducationLevel | null)[]),
        languages: pick([[], ["bm"], ["fr", "bm"], ["fr"]]),
        availability: pick([null, "immediate", "later"] as const),
        skills: pick(skills),
      };
      people.push({ ...fields, id: insertCounselledCandidate(db, fields).id });
    }
    const offerSide = { ...offer, needsLicence: false };
    const sectorTrades = Object.entries(TRADES)
      .filter(([, s]) => s === offer.sector)
      .map(([t]) => t);
    const expected = people
      .filter((p) => p.trades!.some((t) => sectorTrades.includes(t)) || p.region === offer.region)
      .map((p) => ({
        p,
        match: scoreMatch(offerSide, {
          trades: p.trades!,
          skills: p.skills ?? null,
          region: p.region ?? null,
          commune: p.commune ?? null,
          educationLevel: p.educationLevel ?? null,
          languages: p.languages!,
          availability: p.availability ?? null,
          drivingLicence: false,
        }),
      }))
      .filter((r) => r.match !== null);
    expected.sort(
      (a, b) => b.match!.score - a.match!.score || a.p.lastName!.localeCompare(b.p.lastName!, "fr") || a.p.id - b.p.id,
    );

    for (const limit of [1, 5, 10, 200]) {
      const result = matchCandidatesForOffer(db, offer.id, limit)!;
      expect(result.total).toBe(expected.length);
      expect(result.candidates.map((c) => [c.userId, c.score])).toEqual(
        expected.slice(0, limit).map((r) => [r.p.id, r.match!.score]),
      );
    }
  });
});

describe("matchOffersForCandidate", () => {
  it("finds the same offer with the same score and reasons the other way round", () => {
    const offer = masonOffer();
    const other = masonOffer({
      title: "Cuisinier",
      sector: "hotellerie",
      trade: "cuisinier",
      region: "kayes",
      commune: "Kayes",
    });
    const adama = insertCounselledCandidate(db, {
      trades: ["macon"],
      region: "koulikoro",
      commune: "Kalaban Coro",
      educationLevel: "bt",
      languages: ["fr"],
      availability: "immediate",
    });
    const forOffer = matchCandidatesForOffer(db, offer.id)!.candidates.find((c) => c.userId === adama.id)!;
    const forCandidate = matchOffersForCandidate(db, adama.id);
    expect(forCandidate.map((o) => o.id)).toEqual([offer.id]);
    expect(forCandidate[0]!.score).toBe(forOffer.score);
    expect(forCandidate[0]!.reasons).toEqual(forOffer.reasons);
    expect(forCandidate.map((o) => o.id)).not.toContain(other.id);
  });

  it("leaves out offers already applied to and offers that are not open", () => {
    const applied = masonOffer({ title: "Déjà postulé" });
    masonOffer({ title: "Brouillon", status: "draft" });
    masonOffer({ title: "Fermée", status: "closed" });
    const open = masonOffer({ title: "Ouverte" });
    const candidate = insertCounselledCandidate(db, { trades: ["macon"], region: "koulikoro", educationLevel: "cap" });
    expect(applyToOffer(db, { candidateId: candidate.id, offerId: applied.id }).ok).toBe(true);
    expect(matchOffersForCandidate(db, candidate.id).map((o) => o.title)).toEqual(["Ouverte"]);
    expect(open.id).toBeGreaterThan(applied.id);
  });

  it("gives nothing for someone who is not a candidate", () => {
    expect(matchOffersForCandidate(db, 999_999)).toEqual([]);
  });
});
