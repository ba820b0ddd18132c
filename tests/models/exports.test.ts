// The CSV exports, read back: BOM, CRLF, quoting, accents, no names or phones or
// migrant status per person, "< 5" for hidden cells, an audit row per export;
// in French `;` and decimal commas (French Excel), in English `,` and points.
// Bad input tried: an employer name that Excel would run as a formula (=, +, -, @),
// one with a comma, quotes and a line break.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indicatorsCsv, neutraliseFormula, placementsCsv, type Translate } from "../../app/models/exports.server";
import type { Db } from "../../app/utils/db.server";
import { auditLog } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertStaff } from "../helpers/factories/staff";
import { createTestI18n } from "../helpers/i18n";
import {
  insertCountedOrganisation,
  insertPlacementFor,
  insertRegisteredCandidate,
  markFollowup,
} from "../helpers/placements";

/** RFC 4180 read back: quoted fields may hold separators, doubled quotes and line breaks. */
function parseCsv(text: string, separator = ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === separator) {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) endRow();
  return rows;
}

let db: Db;
let t: Translate;
let counsellor: number;
const PERIOD = { from: "2026-01", to: "2026-06" };

beforeAll(async () => {
  db = createTestDb();
  const i18n = await createTestI18n("fr");
  t = i18n.getFixedT("fr", ["reports", "placements", "common"]) as unknown as Translate;
  counsellor = insertStaff(db).id;
  const garage = insertCountedOrganisation(db, { name: "Garage Sanogo & Fils", sector: "mecanique" });
  // Six women from Ségou, returnees, with names and phones that must not leave the portal.
  for (let i = 0; i < 6; i++) {
    const id = insertRegisteredCandidate(db, {
      firstName: "Maïmouna",
      lastName: `Kéïta${i}`,
      phone: `+2237600000${i}`,
      sex: "f",
      region: "segou",
      migrantStatus: "returnee",
      birthDate: "2001-05-20",
      registeredOn: "2026-01-15",
    });
    const p = insertPlacementFor(db, { candidateId: id, orgId: garage, startDate: "2026-02-01" });
    markFollowup(db, p, 1, i < 5);
  }
  // Employer names typed by someone: a formula, and commas, quotes and a line break.
  insertPlacementFor(db, {
    candidateId: insertRegisteredCandidate(db, { registeredOn: "2026-01-20" }),
    employerName: '=HYPERLINK("http://evil")',
    startDate: "2026-03-01",
  });
  insertPlacementFor(db, {
    candidateId: insertRegisteredCandidate(db, { registeredOn: "2026-01-20" }),
    employerName: 'Atelier "Le Fleuve", Ségou\nannexe',
    startDate: "2026-03-02",
  });
  // Outside the period.
  insertPlacementFor(db, {
    candidateId: insertRegisteredCandidate(db, { registeredOn: "2025-01-20" }),
    employerName: "Ancien",
    startDate: "2025-12-31",
  });
});

describe("placements CSV", () => {
  it("is UTF-8 with a BOM, CRLF line ends, every text quoted, accents intact, `;` between cells in French", () => {
    const csv = placementsCsv(db, PERIOD, { actorId: counsellor, t, locale: "fr", today: "2026-11-29" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe(
      '"N° placement";"Premier jour";"Type";"Contrat";"Employeur";"Secteur";"Région du candidat";"Sexe";"Tranche d\'âge au début";"Suivi à 1 mois";"Suivi à 3 mois";"Suivi à 6 mois";"Fin";"Motif de fin"',
    );
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/\n(?![^"]*"(;|$))/); // no bare LF outside a quoted field
    expect(Buffer.from(csv, "utf8").includes(Buffer.from("Ségou", "utf8"))).toBe(true);
  });

  it("has one row per placement of the period, with sex, age band, region and follow-ups; no name, phone or migrant status", () => {
    const csv = placementsCsv(db, PERIOD, { actorId: counsellor, t, locale: "fr", today: "2026-11-29" });
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toHaveLength(14);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual([
      expect.stringMatching(/^\d+$/),
      "2026-02-01",
      "Emploi",
      "CDD",
      "Garage Sanogo & Fils",
      "Mécanique",
      "Ségou",
      "Femmes",
      "18 à 24 ans",
      "en poste",
      "non enregistré",
      "non enregistré",
      "",
      "",
    ]);
    expect(rows.filter((r) => r[9] === "plus en poste")).toHaveLength(1);
    for (const forbidden of ["Maïmouna", "Kéïta", "+22376", "76000000", "Migrant de retour", "returnee"])
      expect(csv).not.toContain(forbidden);
  });

  it("an employer name Excel would run as a formula is neutralised; commas, quotes and line breaks survive quoting", () => {
    const rows = parseCsv(placementsCsv(db, PERIOD, { actorId: counsellor, t, locale: "fr" }).slice(1));
    const employers = rows.map((r) => r[4]);
    expect(employers).toContain('\'=HYPERLINK("http://evil")');
    expect(employers).toContain('Atelier "Le Fleuve", Ségou\nannexe');
    expect(neutraliseFormula("+22370000001")).toBe("'+22370000001");
    expect(neutraliseFormula("-1")).toBe("'-1");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("Garage")).toBe("Garage");
  });

  it("writes an audit row with the filters and the number of rows", () => {
    const before = db.select().from(auditLog).where(eq(auditLog.action, "export.placements_csv")).all().length;
    placementsCsv(db, { ...PERIOD, region: "segou" }, { actorId: counsellor, t, locale: "fr", ip: "41.73.2.2" });
    const rows = db.select().from(auditLog).where(eq(auditLog.action, "export.placements_csv")).all();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorId: counsellor,
      ip: "41.73.2.2",
      detail: { filters: { from: "2026-01", to: "2026-06", region: "segou" }, rows: 6 },
    });
  });
});

describe("indicators CSV", () => {
  it("lists indicator, breakdown, category, value, with '< 5' and 'masqué' for hidden cells and never a small number", () => {
    const csv = indicatorsCsv(db, PERIOD, { actorId: counsellor, t, locale: "fr", ip: "41.73.2.3" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(["Indicateur", "Ventilation", "Catégorie", "Valeur"]);
    const value = (indicator: string, breakdown: string, category = "") =>
      rows.find((r) => r[0] === indicator && r[1] === breakdown && r[2] === category)?.[3];

    expect(value("Période", "")).toBe("2026-01-01 – 2026-06-30");
    expect(value("Placements (début dans la période)", "Total")).toBe("8");
    // Ségou 6, Bamako 2, every other region 0: Ségou is hidden too, or 8 − 6 would give Bamako's 2 back.
    expect(value("Placements (début dans la période)", "région", "Ségou")).toBe("masqué");
    expect(value("Placements (début dans la période)", "région", "District de Bamako")).toBe("< 5");
    expect(value("Placements (début dans la période)", "région", "Kidal")).toBe("< 5");
    expect(value("Placements (début dans la période)", "statut migratoire", "Migrant de retour")).toBe("masqué");
    expect(value("Candidats inscrits", "Total")).toBe("8");
    // Eight women, no man, no one unknown: showing 8 would say "0 men" — hidden.
    expect(value("Candidats inscrits", "sexe", "Femmes")).toBe("masqué");
    expect(value("Candidats inscrits", "sexe", "Hommes")).toBe("< 5");
    expect(value("Taux de placement (%)", "Total")).toBe("100");
    expect(value("Délai médian inscription → placement (jours)", "Total")).toBe("17");
    expect(value("Offres publiées", "Total")).toBe("0"); // offers are not people: shown as they are

    // No cell of a count of people shows a number under 5.
    const peopleIndicators = ["Candidats inscrits", "Candidatures", "Placements (début dans la période)"];
    for (const row of rows.filter((r) => peopleIndicators.includes(r[0]!))) {
      if (/^\d+$/.test(row[3]!)) expect(Number(row[3]), row.join(" | ")).toBeGreaterThanOrEqual(5);
      else expect(["< 5", "masqué"], row.join(" | ")).toContain(row[3]);
    }
    expect(db.select().from(auditLog).where(eq(auditLog.action, "export.indicators_csv")).all()).toMatchObject([
      { actorId: counsellor, ip: "41.73.2.3", detail: { filters: { from: "2026-01", to: "2026-06" } } },
    ]);
  });

  it("names the filters in the file, in English too", async () => {
    const en = (await createTestI18n("en")).getFixedT("en", [
      "reports",
      "placements",
      "common",
    ]) as unknown as Translate;
    const rows = parseCsv(
      indicatorsCsv(
        db,
        { ...PERIOD, region: "segou", offerType: "emploi" },
        { actorId: counsellor, t: en, locale: "en" },
      ).slice(1),
      ",",
    );
    expect(rows[0]).toEqual(["Indicator", "Breakdown", "Category", "Value"]);
    expect(rows.find((r) => r[0] === "Region")?.[3]).toBe("Ségou");
    expect(rows.find((r) => r[0] === "Offer type")?.[3]).toBe("Job");
  });
});

describe("the spreadsheet's language", () => {
  // Twelve people registered, seven placed: a placement rate of 58.3 %.
  let rateDb: Db;
  beforeAll(() => {
    rateDb = createTestDb();
    const garage = insertCountedOrganisation(rateDb, { name: "Garage; Diallo, Frères" });
    for (let i = 0; i < 12; i++) {
      const id = insertRegisteredCandidate(rateDb, { registeredOn: "2026-01-15" });
      if (i < 7) insertPlacementFor(rateDb, { candidateId: id, orgId: garage, startDate: "2026-02-01" });
    }
  });

  it("in French: `;` between cells, a decimal comma, the number unquoted, a `;` inside a name quoted", async () => {
    const csv = indicatorsCsv(rateDb, PERIOD, { actorId: counsellor, t, locale: "fr" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"Taux de placement (%)";"Total";"";58,3\r\n');
    expect(parseCsv(csv.slice(1)).find((r) => r[0] === "Taux de placement (%)")?.[3]).toBe("58,3");
    const placements = placementsCsv(rateDb, PERIOD, { actorId: counsellor, t, locale: "fr" });
    expect(parseCsv(placements.slice(1))[1]![4]).toBe("Garage; Diallo, Frères");
  });

  it("in English: `,` between cells and a decimal point", async () => {
    const en = (await createTestI18n("en")).getFixedT("en", [
      "reports",
      "placements",
      "common",
    ]) as unknown as Translate;
    const csv = indicatorsCsv(rateDb, PERIOD, { actorId: counsellor, t: en, locale: "en" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"Placement rate (%)","Total","",58.3\r\n');
    const placements = placementsCsv(rateDb, PERIOD, { actorId: counsellor, t: en, locale: "en" });
    expect(parseCsv(placements.slice(1), ",")[1]![4]).toBe("Garage; Diallo, Frères");
  });

  it("a formula typed as an employer's name is neutralised in both languages", () => {
    const formulaDb = createTestDb();
    insertPlacementFor(formulaDb, {
      candidateId: insertRegisteredCandidate(formulaDb, { registeredOn: "2026-01-20" }),
      employerName: "=1+2;@SUM(A1)",
      startDate: "2026-03-01",
    });
    for (const [locale, separator] of [
      ["fr", ";"],
      ["en", ","],
    ] as const) {
      const rows = parseCsv(placementsCsv(formulaDb, PERIOD, { actorId: counsellor, t, locale }).slice(1), separator);
      expect(rows[1]![4]).toBe("'=1+2;@SUM(A1)");
    }
  });
});
