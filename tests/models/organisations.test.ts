import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getEmployerMembership, listMembers, updateOrganisation } from "../../app/models/organisations.server";
import { organisationSchema } from "../../app/schemas/organisation";
import type { Db } from "../../app/utils/db.server";
import { parseForm } from "../../app/utils/forms";
import { auditLog, organisations, type VerificationStatus } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { addMember, insertEmployer, insertUser } from "../helpers/factories";
import { toFormData } from "../helpers/offers";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const FORM = {
  name: "Atelier Traoré et Frères",
  rccm: "",
  nif: "",
  sector: "btp",
  region: "bamako",
  commune: "Commune IV",
  description: "Menuiserie et construction depuis 1998.",
  contactName: "Moussa Traoré",
  contactPhone: "76 12 34 56",
  contactEmail: "Contact@Atelier.ML",
  membership: "cnpm",
};

const parse = (changes: Record<string, string> = {}) =>
  parseForm(organisationSchema, toFormData({ ...FORM, ...changes }));
const input = (changes: Record<string, string> = {}) => {
  const form = parse(changes);
  if (!form.ok) throw new Error(JSON.stringify(form.fieldErrors));
  return form.data;
};
const orgRow = (id: number) => db.select().from(organisations).where(eq(organisations.id, id)).get()!;
const audits = () => db.select().from(auditLog).where(eq(auditLog.action, "organisation.updated")).all();

async function orgWithStatus(status: VerificationStatus, reason: string | null = null) {
  const { user, org } = await insertEmployer(db, status, "Atelier Traoré et Frères");
  db.update(organisations).set({ verificationReason: reason }).where(eq(organisations.id, org.id)).run();
  return { user, org };
}

describe("organisationSchema", () => {
  it("normalises the contact phone and e-mail, and empties optional fields", () => {
    expect(input()).toMatchObject({
      contactPhone: "+22376123456",
      contactEmail: "contact@atelier.ml",
      rccm: undefined,
      nif: undefined,
    });
  });

  it.each([
    ["an empty name", { name: "" }, "name", "validation.required"],
    ["a 10 000-character name", { name: "A".repeat(10_000) }, "name", "validation.tooLong"],
    ["a bad RCCM", { rccm: "<script>" }, "rccm", "validation.rccmInvalid"],
    ["a NIF with an SQL fragment", { nif: "1' OR '1'='1" }, "nif", "validation.nifInvalid"],
    ["an unknown sector", { sector: "piraterie" }, "sector", "validation.choose"],
    ["an unknown region", { region: "paris" }, "region", "validation.choose"],
    ["an 81-character commune", { commune: "c".repeat(81) }, "commune", "validation.tooLong"],
    ["a 1 001-character description", { description: "d".repeat(1001) }, "description", "validation.tooLong"],
    ["a French phone number", { contactPhone: "+33 6 12 34 56 78" }, "contactPhone", "validation.phoneInvalid"],
    ["a bad e-mail", { contactEmail: "moussa@" }, "contactEmail", "validation.emailInvalid"],
    ["an unknown membership", { membership: "ugtm" }, "membership", "validation.choose"],
  ])("refuses %s", (_label, changes, field, message) => {
    const form = parse(changes);
    expect(form.ok).toBe(false);
    expect(!form.ok && form.fieldErrors[field]).toBe(message);
  });

  it("accepts valid RCCM and NIF numbers, and a 1 000-character description", () => {
    expect(input({ rccm: "MA.BKO.2019.B.1234", nif: "084123456M", description: "d".repeat(1000) })).toMatchObject({
      rccm: "MA.BKO.2019.B.1234",
      nif: "084123456M",
    });
  });
});

describe("updateOrganisation", () => {
  it("saves every field for a member and writes the audit log", async () => {
    const { user, org } = await orgWithStatus("pending");
    expect(updateOrganisation(db, user.id, input({ rccm: "MA.BKO.2019.B.1234" }), "41.73.1.1")).toEqual({
      status: "pending",
      backToVerification: false,
      identityRequest: null,
    });
    expect(orgRow(org.id)).toMatchObject({
      name: "Atelier Traoré et Frères",
      rccm: "MA.BKO.2019.B.1234",
      nif: null,
      commune: "Commune IV",
      description: "Menuiserie et construction depuis 1998.",
      contactPhone: "+22376123456",
      contactEmail: "contact@atelier.ml",
      membership: "cnpm",
      verificationStatus: "pending",
    });
    const [audit] = audits();
    expect(audit).toMatchObject({
      actorId: user.id,
      subjectType: "organisation",
      subjectId: String(org.id),
      ip: "41.73.1.1",
    });
    expect(audit!.detail).toMatchObject({ changed: expect.arrayContaining(["rccm", "commune", "membership"]) });
  });

  it("lets a member who is not the owner edit too", async () => {
    const { org } = await orgWithStatus("verified");
    const colleague = await insertUser(db, { role: "employeur", email: "collegue@atelier.ml" });
    addMember(db, colleague.id, org.id, "member");
    expect(updateOrganisation(db, colleague.id, input({ description: "Nouveau texte" }))).toMatchObject({
      status: "verified",
    });
    expect(orgRow(org.id).description).toBe("Nouveau texte");
  });

  it("answers null to an account without an organisation and changes nothing", async () => {
    const { org } = await orgWithStatus("verified");
    const outsider = await insertUser(db, { role: "employeur", email: "dehors@atelier.ml" });
    expect(updateOrganisation(db, outsider.id, input({ name: "Piraté" }))).toBeNull();
    expect(orgRow(org.id).name).toBe("Atelier Traoré et Frères");
    expect(audits()).toEqual([]);
  });

  it.each([
    ["name", { name: "Atelier Traoré SARL" }],
    ["rccm", { rccm: "MA.BKO.2020.B.9999" }],
    ["nif", { nif: "084123456M" }],
  ])("sends a rejected organisation back to verification when its %s changes", async (field, changes) => {
    const { user, org } = await orgWithStatus("rejected", "RCCM introuvable");
    expect(updateOrganisation(db, user.id, input(changes))).toEqual({
      status: "pending",
      backToVerification: true,
      identityRequest: null,
    });
    expect(orgRow(org.id)).toMatchObject({ verificationStatus: "pending", verificationReason: null });
    expect(audits()[0]!.detail).toMatchObject({
      identityChanged: [field],
      statusBefore: "rejected",
      statusAfter: "pending",
      previousReason: "RCCM introuvable",
    });
  });

  it("keeps a rejected organisation rejected (with its reason) when only other fields change", async () => {
    const { user, org } = await orgWithStatus("rejected", "RCCM introuvable");
    expect(updateOrganisation(db, user.id, input({ description: "Autre présentation" }))).toEqual({
      status: "rejected",
      backToVerification: false,
      identityRequest: null,
    });
    expect(orgRow(org.id)).toMatchObject({ verificationStatus: "rejected", verificationReason: "RCCM introuvable" });
  });

  it("keeps a verified organisation's checked NIF until a counsellor accepts the new one, and notes the request in the audit log", async () => {
    const { user, org } = await orgWithStatus("verified");
    expect(updateOrganisation(db, user.id, input({ nif: "084123456M" }))).toEqual({
      status: "verified",
      backToVerification: false,
      identityRequest: "requested",
    });
    expect(orgRow(org.id)).toMatchObject({ verificationStatus: "verified", nif: null });
    expect(audits()[0]!.detail).toMatchObject({ identityRequested: ["nif"] });
  });

  it("keeps a suspended organisation suspended whatever changes", async () => {
    const { user, org } = await orgWithStatus("suspended", "Offres frauduleuses");
    expect(updateOrganisation(db, user.id, input({ name: "Nouveau nom" }))).toMatchObject({ status: "suspended" });
    expect(orgRow(org.id)).toMatchObject({
      verificationStatus: "suspended",
      verificationReason: "Offres frauduleuses",
    });
  });
});

describe("listMembers", () => {
  it("lists the organisation's members, the owner first", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const b = await insertUser(db, { role: "employeur", email: "b@atelier.ml", displayName: "Aminata Bagayoko" });
    const z = await insertUser(db, { role: "employeur", email: "z@atelier.ml", displayName: "Zoumana Coulibaly" });
    addMember(db, z.id, org.id, "member");
    addMember(db, b.id, org.id, "member");
    const { org: other } = await insertEmployer(db, "verified", "Autre");
    expect(listMembers(db, org.id).map((m) => [m.displayName, m.role])).toEqual([
      ["Moussa Traoré", "owner"],
      ["Aminata Bagayoko", "member"],
      ["Zoumana Coulibaly", "member"],
    ]);
    expect(listMembers(db, other.id)).toHaveLength(1);
    expect(getEmployerMembership(db, user.id)?.role).toBe("owner");
  });
});
