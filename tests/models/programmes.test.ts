// Programmes: the form's validation (French whole, other languages whole or absent,
// figures within bounds, partners that are partner organisations), the language
// fallback, the admins' writes with their audit lines, and the public list's order.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  createProgramme,
  getProgramme,
  listAllProgrammes,
  listPublishedProgrammes,
  moveProgramme,
  partnerNames,
  programmeText,
  setProgrammeStatus,
  updateProgramme,
} from "../../app/models/programmes.server";
import { fieldName, type ProgrammeInput, programmeSchema, TEXT_FIELDS } from "../../app/schemas/programme";
import type { Db } from "../../app/utils/db.server";
import { parseForm } from "../../app/utils/forms";
import { programmes } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import {
  insertAdmin,
  insertEmployer,
  insertPartner,
  insertProgramme,
  programmeText as sampleText,
} from "../helpers/factories";
import { toFormData } from "../helpers/offers";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const FRENCH = {
  fr_title: "Apprentissage en atelier",
  fr_summary: "Accueillez des apprentis : l'APEJ paie leur allocation.",
  fr_eligibility: "Entreprises formelles (RCCM) de Bamako et Koulikoro.",
  fr_companyCommits: "Accueillir et encadrer les apprentis pendant 6 mois.",
  fr_partnersBring: "Allocation mensuelle de 25 000 FCFA, assurance.",
  fr_steps: "Manifester son intérêt\n\n  Rencontre avec un conseiller  \nSignature de la convention",
  fr_documents: "RCCM\nNIF",
};
const FORM = {
  kind: "apprenticeship",
  ...FRENCH,
  stipendFcfa: "25 000",
  trainingFcfa: "",
  durationMonths: "6",
  insurance: "on",
};

function parse(fields: Record<string, string | string[]>) {
  return parseForm(programmeSchema, toFormData(fields));
}

function valid(fields: Record<string, string | string[]> = FORM): ProgrammeInput {
  const result = parse(fields);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.data;
}

describe("the programme form", () => {
  it("reads the French texts, one step and one document a line, amounts as people write them", () => {
    const input = valid();
    expect(input.texts.fr.steps).toEqual([
      "Manifester son intérêt",
      "Rencontre avec un conseiller",
      "Signature de la convention",
    ]);
    expect(input.texts.fr.documents).toEqual(["RCCM", "NIF"]);
    expect(input.texts.en).toBeUndefined();
    expect(input).toMatchObject({ stipendFcfa: 25_000, trainingFcfa: null, durationMonths: 6, insurance: true });
  });

  it("requires every French text", () => {
    const result = parse({ kind: "apprenticeship" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const field of TEXT_FIELDS) expect(result.fieldErrors[fieldName("fr", field)]).toBe("validation.required");
    expect(result.values.kind).toBe("apprenticeship");
  });

  it("takes English or Bambara whole, or not at all", () => {
    const result = parse({ ...FORM, en_title: "Workshop apprenticeships" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.en_summary).toBe("programmes-admin:errors.languageIncomplete");
    expect(result.fieldErrors.en_title).toBeUndefined();
    expect(result.fieldErrors.bm_title).toBeUndefined();

    const english = Object.fromEntries(
      Object.entries(FRENCH).map(([key, value]) => [key.replace("fr_", "en_"), value]),
    );
    expect(valid({ ...FORM, ...english }).texts.en?.steps).toHaveLength(3);
  });

  it("refuses texts too long, too many lines, a line too long, control characters", () => {
    const result = parse({
      ...FORM,
      fr_title: "T".repeat(121),
      fr_summary: "S".repeat(10_000_000),
      fr_steps: Array.from({ length: 21 }, (_, i) => `Étape ${i}`).join("\n"),
      fr_documents: "D".repeat(301),
      fr_eligibility: "Entreprises\u0000",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({
      fr_title: "validation.tooLong",
      fr_summary: "validation.tooLong",
      fr_steps: "programmes-admin:errors.tooManyLines",
      fr_documents: "programmes-admin:errors.lineTooLong",
      fr_eligibility: "validation.invalidCharacters",
    });
  });

  it("keeps markup and SQL as the plain text they are", () => {
    const input = valid({ ...FORM, fr_title: "<script>alert(1)</script>", fr_summary: "'; DROP TABLE programmes; --" });
    expect(input.texts.fr.title).toBe("<script>alert(1)</script>");
    expect(input.texts.fr.summary).toBe("'; DROP TABLE programmes; --");
  });

  it("bounds the figures: whole FCFA up to 100 000 000, 1 to 60 months", () => {
    const result = parse({ ...FORM, stipendFcfa: "100 000 001", trainingFcfa: "12,5", durationMonths: "0" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({
      stipendFcfa: "validation.numberRange",
      trainingFcfa: "validation.number",
      durationMonths: "validation.numberRange",
    });
    expect(parse({ ...FORM, kind: "<script>" }).ok).toBe(false);
    expect(parse({ ...FORM, partnerIds: ["1", "x'; --"] }).ok).toBe(false);
  });
});

describe("the page's language", () => {
  const programme = { texts: { fr: sampleText("Apprentissage"), bm: sampleText("Baara degeli") } };

  it("reads the chosen language when written, the French whole otherwise", () => {
    expect(programmeText(programme, "bm")).toEqual({ text: programme.texts.bm, lang: "bm" });
    expect(programmeText(programme, "en")).toEqual({ text: programme.texts.fr, lang: "fr" });
    expect(programmeText(programme, "fr").lang).toBe("fr");
  });
});

describe("admins' writes", () => {
  it("creates a draft at the end of the list, audited, seen by admins only", async () => {
    const admin = await insertAdmin(db);
    insertProgramme(db, { position: 4 });
    const created = createProgramme(db, admin.id, valid(), "10.0.0.9");
    if (!created.ok) throw new Error("refused");
    const row = db.select().from(programmes).where(eq(programmes.id, created.id)).get()!;
    expect(row).toMatchObject({ status: "draft", position: 5, stipendFcfa: 25_000, updatedBy: admin.id });
    expect(getProgramme(db, created.id)).toBeNull();
    expect(getProgramme(db, created.id, { admin: true })?.id).toBe(created.id);
    expect(auditRows(db, "programme.created")).toMatchObject([
      { actorId: admin.id, subjectType: "programme", subjectId: String(created.id), ip: "10.0.0.9" },
    ]);
  });

  it("takes partner organisations only", async () => {
    const admin = await insertAdmin(db);
    const oim = insertPartner(db, "OIM Mali", "OIM");
    const { org } = await insertEmployer(db);
    expect(createProgramme(db, admin.id, { ...valid(), partnerIds: [org.id] }, "ip")).toEqual({
      ok: false,
      fieldErrors: { partnerIds: "programmes-admin:errors.partnerUnknown" },
    });
    const created = createProgramme(db, admin.id, { ...valid(), partnerIds: [oim.id] });
    expect(created.ok).toBe(true);
    expect(partnerNames(db, [oim.id, org.id])).toEqual([{ id: oim.id, name: "OIM Mali", shortName: "OIM" }]);
  });

  it("updates, publishes, archives and publishes again, each audited; refuses what the status forbids", async () => {
    const admin = await insertAdmin(db);
    const { id } = insertProgramme(db, { status: "draft" });
    expect(updateProgramme(db, admin.id, id, valid())).toEqual({ ok: true, id });
    expect(auditRows(db, "programme.updated")[0]?.detail).toMatchObject({ changed: expect.arrayContaining(["texts"]) });
    expect(updateProgramme(db, admin.id, 999_999, valid())).toBeNull();

    expect(setProgrammeStatus(db, admin.id, id, "publish")).toEqual({ ok: true });
    expect(setProgrammeStatus(db, admin.id, id, "publish")).toEqual({ ok: false, reason: "notAllowed" });
    expect(listPublishedProgrammes(db).map((p) => p.id)).toEqual([id]);
    expect(setProgrammeStatus(db, admin.id, id, "archive")).toEqual({ ok: true });
    expect(listPublishedProgrammes(db)).toEqual([]);
    expect(getProgramme(db, id)?.status).toBe("archived");
    expect(setProgrammeStatus(db, admin.id, id, "publish")).toEqual({ ok: true });
    expect(setProgrammeStatus(db, admin.id, 999_999, "archive")).toEqual({ ok: false, reason: "notFound" });
    expect(auditRows(db, "programme.published")).toHaveLength(2);
    expect(auditRows(db, "programme.archived")).toHaveLength(1);
  });

  it("moves a programme by one place, even among equal positions", async () => {
    const admin = await insertAdmin(db);
    const [a, b, c] = [1, 1, 1].map((position) => insertProgramme(db, { position }).id);
    const order = () => listAllProgrammes(db).map((p) => p.id);
    expect(order()).toEqual([a, b, c]);
    moveProgramme(db, admin.id, c!, "up");
    expect(order()).toEqual([a, c, b]);
    moveProgramme(db, admin.id, a!, "down");
    expect(order()).toEqual([c, a, b]);
    expect(moveProgramme(db, admin.id, c!, "up")).toEqual({ ok: true });
    expect(order()).toEqual([c, a, b]);
    expect(moveProgramme(db, admin.id, 999_999, "up")).toEqual({ ok: false, reason: "notFound" });
    expect(auditRows(db, "programme.moved")).toHaveLength(2);
  });
});
