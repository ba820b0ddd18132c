// Indicators on a hand-made dataset whose every figure is known: registrations,
// applications, placements, retention at 3 and 6 months, median days to placement,
// placement rate; the region, partner and offer-type filters; age bands at their
// boundaries; and no count of people under five anywhere in what the model returns.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Breakdown } from "../../app/models/indicator-tallies.server";
import { computeIndicators, type Indicators, type ReportFilters } from "../../app/models/indicators.server";
import { rebuildReportCounts } from "../../app/models/statistics-counts.server";
import { isSuppressed, type Shown } from "../../app/models/suppression";
import type { Db } from "../../app/utils/db.server";
import { candidateProfiles } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertStaff } from "../helpers/factories/staff";
import {
  insertApplicationOn,
  insertCountedOrganisation,
  insertPlacementFor,
  insertPublishedOffer,
  insertRegisteredCandidate,
  markFollowup,
  type PersonInput,
} from "../helpers/placements";

const PERIOD = { from: "2026-01", to: "2026-06" } as const;

/** What a reader sees of a figure. */
const seen = (value: Shown) => (isSuppressed(value) ? (value.complement ? "hidden" : "< 5") : value);
const cells = (breakdowns: Breakdown[], dimension: string) =>
  Object.fromEntries(breakdowns.find((b) => b.dimension === dimension)!.cells.map((c) => [c.key, seen(c.value)]));

function many(db: Db, n: number, person: PersonInput) {
  return Array.from({ length: n }, () => insertRegisteredCandidate(db, person));
}

/**
 * A: 10 women, Bamako, 25, returnees, followed by an OIM counsellor, registered 10 Feb 2026; 8 placed (emploi).
 * B: 6 men, Ségou, 20, not migrants, followed by ANPE, registered 5 Mar 2026; 5 placed (apprenticeship, employer outside the portal).
 * C: 2 girls, Ségou, 16, registered by ANPE (no counsellor), 1 Apr 2026.
 * D: 5 people, Bamako, sex and birth date unknown, 1 May 2026.
 * E: 6 women registered in Sept 2025 (before the period), OIM, placed 5 Oct 2025: their 3- and 6-month follow-ups fall in the period.
 * Old: 3 registered in Nov 2025, nothing else.
 */
function buildDataset(db: Db) {
  const oim = insertCountedOrganisation(db, { kind: "partner", name: "OIM Mali" });
  const anpe = insertCountedOrganisation(db, { kind: "partner", name: "ANPE" });
  const kadia = insertStaff(db, { orgId: oim }).id;
  const seydou = insertStaff(db, { orgId: anpe }).id;
  const garage = insertCountedOrganisation(db, {
    name: "Garage Sanogo",
    sector: "mecanique",
    verifiedAt: new Date("2025-06-01T00:00:00Z"),
  });
  insertCountedOrganisation(db, { name: "Vérifiée plus tard", verifiedAt: new Date("2026-08-01T00:00:00Z") });
  insertCountedOrganisation(db, { name: "En attente", verifiedAt: null });
  const mechanic = insertPublishedOffer(db, {
    orgId: garage,
    type: "emploi",
    sector: "mecanique",
    region: "bamako",
    publishedOn: "2026-02-01",
  });
  const apprentice = insertPublishedOffer(db, {
    orgId: garage,
    type: "apprentissage",
    sector: "btp",
    region: "segou",
    publishedOn: "2026-03-01",
  });
  insertPublishedOffer(db, { orgId: garage, type: "stage", publishedOn: "2025-11-01" });

  const a = many(db, 10, {
    sex: "f",
    birthDate: "2000-06-15",
    region: "bamako",
    migrantStatus: "returnee",
    counsellorId: kadia,
    registeredOn: "2026-02-10",
  });
  const b = many(db, 6, {
    sex: "m",
    birthDate: "2005-03-01",
    region: "segou",
    migrantStatus: "none",
    counsellorId: seydou,
    registeredOn: "2026-03-05",
  });
  many(db, 2, { sex: "f", birthDate: "2010-01-01", region: "segou", registeredBy: seydou, registeredOn: "2026-04-01" });
  many(db, 5, { sex: null, birthDate: null, region: "bamako", registeredOn: "2026-05-01" });
  const e = many(db, 6, {
    sex: "f",
    birthDate: "1985-01-01",
    region: "kayes",
    migrantStatus: "refugee",
    counsellorId: kadia,
    registeredOn: "2025-09-01",
  });
  many(db, 3, { registeredOn: "2025-11-20" });

  for (const c of a) insertApplicationOn(db, { offerId: mechanic, candidateId: c, on: "2026-02-15" });
  for (const c of b) insertApplicationOn(db, { offerId: apprentice, candidateId: c, on: "2026-03-10" });
  insertApplicationOn(db, { offerId: mechanic, candidateId: e[0]!, on: "2025-12-01" });

  // A: 10, 15, 20, 30, 40, 50, 60, 70 days after registering (10 Feb).
  const aStarts = [
    "2026-02-20",
    "2026-02-25",
    "2026-03-02",
    "2026-03-12",
    "2026-03-22",
    "2026-04-01",
    "2026-04-11",
    "2026-04-21",
  ];
  const aPlacements = aStarts.map((startDate, i) =>
    insertPlacementFor(db, { candidateId: a[i]!, orgId: garage, offerId: mechanic, type: "emploi", startDate }),
  );
  // B: 30, 30, 45, 45, 90 days after registering (5 Mar).
  const bStarts = ["2026-04-04", "2026-04-04", "2026-04-19", "2026-04-19", "2026-06-03"];
  bStarts.forEach((startDate, i) => {
    insertPlacementFor(db, { candidateId: b[i]!, employerName: "Chantier Traoré", type: "apprentissage", startDate });
  });
  const ePlacements = e.map((candidateId) =>
    insertPlacementFor(db, { candidateId, orgId: garage, type: "emploi", startDate: "2025-10-05" }),
  );

  // 3 months, due in the period: A's first five (May–June) — 3 still in work, 1 not, 1 not recorded; E's six (Jan) all in work.
  markFollowup(db, aPlacements[0]!, 3, true);
  markFollowup(db, aPlacements[1]!, 3, true);
  markFollowup(db, aPlacements[2]!, 3, true);
  markFollowup(db, aPlacements[3]!, 3, false);
  for (const p of ePlacements) markFollowup(db, p, 3, true);
  // 6 months, due 5 April: five of E still in work, one not.
  ePlacements.forEach((p, i) => {
    markFollowup(db, p, 6, i < 5);
  });
  return { oim, anpe };
}

let db: Db;
let partners: { oim: number; anpe: number };
let report: Indicators;
const compute = (filters: Partial<ReportFilters> = {}) => computeIndicators(db, { ...PERIOD, ...filters });

beforeAll(() => {
  db = createTestDb();
  partners = buildDataset(db);
  report = compute();
});

describe("the period's figures", () => {
  it("candidates registered: 23 in the period (not the 9 before it), by sex, age band, migrant status and region", () => {
    const r = report.people.registered;
    expect(r.total).toBe(23);
    expect(cells(r.breakdowns, "sex")).toEqual({ f: 12, m: 6, unknown: 5 });
    // 15–17 (2) and 36+ (0) hold 2 people together: "unknown" (5) is hidden too, or 23 − 10 − 6 would give them away.
    expect(cells(r.breakdowns, "ageBand")).toEqual({
      "15-17": "< 5",
      "18-24": 6,
      "25-35": 10,
      "36+": "< 5",
      unknown: "hidden",
    });
    // Three statuses with nobody (0 together): "none" (6), the smallest shown, is hidden with them.
    expect(cells(r.breakdowns, "migrantStatus")).toEqual({
      returnee: 10,
      none: "hidden",
      unknown: 7,
      refugee: "< 5",
      internal_displaced: "< 5",
      other_migrant: "< 5",
    });
    expect(cells(r.breakdowns, "region")).toMatchObject({ bamako: 15, segou: "hidden", kayes: "< 5", unknown: "< 5" });
  });

  it.each([
    {
      title: "applications: 16, also by sector and offer type",
      metric: "applications",
      total: 16,
      offerType: { emploi: 10, apprentissage: "hidden", stage: "< 5", formation: "< 5" },
      sector: { mecanique: 10, btp: "hidden", commerce: "< 5", unknown: "< 5" },
    },
    {
      title: "placements starting in the period: 13, by type and sector (an employer outside the portal has no sector)",
      metric: "placements",
      total: 13,
      // stage and formation hold 0 people: apprenticeship (5) is hidden with them.
      offerType: { emploi: 8, apprentissage: "hidden", stage: "< 5", formation: "< 5" },
      sector: { mecanique: 8, unknown: "hidden", btp: "< 5" },
      sex: { f: 8, m: "hidden", unknown: "< 5" },
    },
  ] as const)("$title", ({ metric, total, offerType, sector, ...rest }) => {
    const r = report.people[metric];
    expect(r.total).toBe(total);
    expect(cells(r.breakdowns, "offerType")).toEqual(offerType);
    expect(cells(r.breakdowns, "sector")).toMatchObject(sector);
    if ("sex" in rest) expect(cells(r.breakdowns, "sex")).toEqual(rest.sex);
  });

  it("placement rate: 13 of the 23 registered in the period have a placement", () => {
    const r = report.people.placementRate;
    expect(r.value).toBeCloseTo(13 / 23);
    expect(r.population).toBe(23);
    // Ségou's population (8) is hidden in the registrations' breakdown: its rate (5 of 8) is too.
    expect(cells(r.breakdowns, "region")).toMatchObject({ bamako: 8 / 15, segou: "hidden", kayes: "< 5" });
    // Placed: women 8, men 5, unknown 0 → men hidden as the complement of the empty cell.
    expect(cells(r.breakdowns, "sex")).toEqual({ f: 8 / 12, m: "hidden", unknown: "< 5" });
  });

  it("median days from registration to placement: 40 (13 placements: 10 … 90 days)", () => {
    const r = report.people.medianDaysToPlacement;
    expect(r.value).toBe(40);
    expect(r.population).toBe(13);
    // Women (A): 10, 15, 20, 30, 40, 50, 60, 70 → 35. Men (B): 30, 30, 45, 45, 90 → 45.
    expect(cells(r.breakdowns, "sex")).toEqual({ f: 35, m: 45, unknown: "< 5" });
  });

  it("retention at 3 months: 9 of 10 recorded follow-ups due in the period were still in work; one not recorded is not counted", () => {
    const r = report.people.retention3;
    expect(r.value).toBeCloseTo(0.9);
    expect(r.population).toBe(10);
    // Bamako: 3 of 4 → hidden; Kayes: 6 of 6, hidden too, or 9 − 6 would give Bamako's 3 back.
    expect(cells(r.breakdowns, "region")).toMatchObject({ bamako: "< 5", kayes: "hidden" });
    expect(cells(r.breakdowns, "ageBand")).toMatchObject({ "25-35": "< 5", "36+": "hidden" });
  });

  it("retention at 6 months: 5 of 6", () => {
    expect(report.people.retention6.value).toBeCloseTo(5 / 6);
    expect(report.people.retention6.population).toBe(6);
  });

  it("offers published in the period per type, and employers verified by its end (offers and employers are not people: no hiding)", () => {
    expect(report.market.offersPublished).toEqual({
      total: 2,
      byType: [
        { key: "emploi", value: 1 },
        { key: "apprentissage", value: 1 },
        { key: "stage", value: 0 },
        { key: "formation", value: 0 },
      ],
    });
    expect(report.market.verifiedEmployers).toBe(1);
  });

  it("monthly series: placements per month (hidden where small, with the next smallest) and retention per month", () => {
    expect(report.period).toMatchObject({
      start: "2026-01-01",
      end: "2026-06-30",
      months: ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"],
    });
    // Feb 2, Mar 3, Apr 7, Jun 1: the small months hold 6 people together, so nothing more is hidden.
    expect(report.series.placements.map((c) => seen(c.value))).toEqual(["< 5", "< 5", "< 5", 7, "< 5", "< 5"]);
    // 3 months: January 6 of 6, May 2 of 2, June 1 of 2: January is hidden so that May and June stay so.
    expect(report.series.retention3.map((c) => seen(c.value))).toEqual(["hidden", "< 5", "< 5", "< 5", "< 5", "< 5"]);
    // 6 months: only April (5 of 6); shown, it would say that every other month had nobody.
    expect(report.series.retention6.map((c) => seen(c.value))).toEqual(["< 5", "< 5", "< 5", "hidden", "< 5", "< 5"]);
  });
});

describe("filters", () => {
  it("region: people by the candidate's region, offers by the offer's", () => {
    const segou = compute({ region: "segou" });
    expect(segou.people.registered.total).toBe(8);
    expect(segou.people.placements.total).toBe(5);
    expect(segou.people.applications.total).toBe(6);
    expect(segou.market.offersPublished.total).toBe(1);
    expect(segou.people.registered.breakdowns.map((b) => b.dimension)).not.toContain("region");
  });

  it("partner: candidates whose counsellor, or whoever registered them, belongs to it", () => {
    const oim = compute({ partnerId: partners.oim });
    expect(oim.people.registered.total).toBe(10);
    expect(oim.people.placements.total).toBe(8);
    expect(oim.people.retention3.value).toBeCloseTo(0.9);
    const anpe = compute({ partnerId: partners.anpe });
    expect(anpe.people.registered.total).toBe(8); // B (counsellor) + C (registered by ANPE)
    expect(anpe.people.applications.total).toBe(6);
  });

  it("offer type: applications, placements, follow-ups and offers of that type; the rate counts placements of that type", () => {
    const apprenticeships = compute({ offerType: "apprentissage" });
    expect(apprenticeships.people.applications.total).toBe(6);
    expect(apprenticeships.people.placements.total).toBe(5);
    expect(apprenticeships.people.registered.total).toBe(23);
    expect(apprenticeships.people.placementRate.value).toBeCloseTo(5 / 23);
    expect(apprenticeships.market.offersPublished.byType).toEqual([{ key: "apprentissage", value: 1 }]);
    expect(apprenticeships.people.placements.breakdowns.map((b) => b.dimension)).not.toContain("offerType");
  });

  it("an unknown partner or a region without anyone gives hidden figures, not an error", () => {
    const none = compute({ partnerId: 999_999, region: "kidal" });
    expect(none.people.registered.total).toEqual({ suppressed: true });
    expect(none.people.retention3.value).toEqual({ suppressed: true });
  });
});

describe("age bands at the event, at their boundaries", () => {
  it("18 on the day of registering is 18–24, the day before 15–17; 25 is 25–35; 36 is 36+; and age moves on by the application", () => {
    const fresh = createTestDb();
    const groups = [
      { birthDate: "2008-03-10" }, // 18 on 10 March 2026
      { birthDate: "2008-03-11" }, // 17 on 10 March, 18 on 11 March
      { birthDate: "2001-03-10" }, // 25
      { birthDate: "2001-03-11" }, // 24, then 25
      { birthDate: "1990-03-10" }, // 36
      { birthDate: "1990-03-11" }, // 35, then 36
      { birthDate: null },
    ];
    const offer = insertPublishedOffer(fresh, { orgId: insertCountedOrganisation(fresh) });
    for (const group of groups) {
      for (const id of many(fresh, 5, { ...group, registeredOn: "2026-03-10" }))
        insertApplicationOn(fresh, { offerId: offer, candidateId: id, on: "2026-03-11" });
    }
    const r = computeIndicators(fresh, { from: "2026-03", to: "2026-03" });
    expect(cells(r.people.registered.breakdowns, "ageBand")).toEqual({
      "15-17": 5,
      "18-24": 10,
      "25-35": 10,
      "36+": 5,
      unknown: 5,
    });
    // The next day, the three "day after" groups have had their birthday.
    expect(cells(r.people.applications.breakdowns, "ageBand")).toEqual({
      "15-17": "< 5",
      "18-24": 10,
      "25-35": 10,
      "36+": 10,
      unknown: "hidden",
    });
  });
});

describe("keeping up with new data", () => {
  it("a candidate registered after a report is counted in the next one; a corrected profile moves at the nightly rebuild", () => {
    const fresh = createTestDb();
    const march = { from: "2026-03", to: "2026-03" };
    many(fresh, 5, { sex: "m", registeredOn: "2026-03-02" });
    many(fresh, 5, { sex: null, registeredOn: "2026-03-02" });
    expect(computeIndicators(fresh, march).people.registered.total).toBe(10);
    const late = many(fresh, 5, { sex: "f", registeredOn: "2026-03-20" });
    const second = computeIndicators(fresh, march);
    expect(second.people.registered.total).toBe(15);
    expect(cells(second.people.registered.breakdowns, "sex")).toEqual({ f: 5, m: 5, unknown: 5 });

    // Counted when first seen: a later correction waits for the rebuild (npm run jobs, nightly).
    fresh.update(candidateProfiles).set({ sex: "m" }).where(eq(candidateProfiles.userId, late[0]!)).run();
    expect(cells(computeIndicators(fresh, march).people.registered.breakdowns, "sex").f).toBe(5);
    rebuildReportCounts(fresh);
    expect(cells(computeIndicators(fresh, march).people.registered.breakdowns, "sex")).toEqual({
      f: "< 5",
      m: 6,
      unknown: "hidden",
    });
  });
});

/** Every count of people in the structure, with where it is. */
function peopleCounts(
  node: unknown,
  path: string,
  out: [string, unknown][] = [],
  inCount = false,
): [string, unknown][] {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      peopleCounts(item, `${path}[${i}]`, out, inCount);
    });
  } else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    const isCount = record.kind === "count" || inCount;
    for (const [key, value] of Object.entries(record)) {
      if (key === "population" || (isCount && (key === "total" || key === "value")))
        out.push([`${path}.${key}`, value]);
      else peopleCounts(value, `${path}.${key}`, out, isCount && key !== "key");
    }
  }
  return out;
}

describe("no count of people under five leaves the model", () => {
  it.each([
    ["no filter", {}],
    ["Ségou", { region: "segou" as const }],
    ["Kidal (nobody)", { region: "kidal" as const }],
    ["OIM", "oim"],
    ["stage", { offerType: "stage" as const }],
  ] as const)("walking the whole report (%s)", (_, filters) => {
    const r = compute(
      typeof filters === "string" ? { partnerId: partners[filters as keyof typeof partners] } : filters,
    );
    const counts = [
      ...peopleCounts(r.people, "people"),
      ...peopleCounts({ kind: "count", cells: r.series.placements }, "series.placements"),
    ];
    expect(counts.length).toBeGreaterThan(40);
    for (const [where, value] of counts) {
      if (isSuppressed(value)) {
        expect(Object.keys(value as object).sort(), where).toEqual(
          Object.keys(value as object)
            .filter((k) => k === "suppressed" || k === "complement")
            .sort(),
        );
      } else {
        expect(typeof value, where).toBe("number");
        expect(value as number, where).toBeGreaterThanOrEqual(5);
      }
    }
    // Nor any rate resting on fewer than five people counted: rates of a shown population ≥ 5 are ≥ 5 / population.
    const rates = [r.people.placementRate, r.people.retention3, r.people.retention6];
    for (const rate of rates) {
      if (!isSuppressed(rate.value) && !isSuppressed(rate.population))
        expect(Math.round(rate.value * rate.population)).toBeGreaterThanOrEqual(5);
    }
  });
});
