// A verified organisation's new name, RCCM or NIF is a request: the checked
// identity stays public until a counsellor accepts the new one.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  decideIdentityRequest,
  pendingIdentityRequest,
  pendingIdentityRequests,
  withdrawIdentityRequest,
} from "../../app/models/identity-requests.server";
import { updateOrganisation } from "../../app/models/organisations.server";
import { organisationSchema } from "../../app/schemas/organisation";
import type { Db } from "../../app/utils/db.server";
import { parseForm } from "../../app/utils/forms";
import { notifications, organisations, outbox } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { addMember, insertEmployer, insertUser, ORGANISATION_FORM_REST } from "../helpers/factories";
import { toFormData } from "../helpers/offers";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const FORM = {
  name: "Atelier Traoré et Frères",
  rccm: "MA.BKO.2019.B.1234",
  nif: "084123456M",
  ...ORGANISATION_FORM_REST,
};

function input(changes: Record<string, string> = {}) {
  const form = parseForm(organisationSchema, toFormData({ ...FORM, ...changes }));
  if (!form.ok) throw new Error(JSON.stringify(form.fieldErrors));
  return form.data;
}
const orgRow = (id: number) => db.select().from(organisations).where(eq(organisations.id, id)).get()!;

async function verifiedOrg() {
  const { user, org } = await insertEmployer(db, "verified", "Atelier Traoré et Frères");
  db.update(organisations).set({ rccm: FORM.rccm, nif: FORM.nif }).where(eq(organisations.id, org.id)).run();
  const counsellor = await insertUser(db, { role: "conseiller", displayName: "Kadia Konaté" });
  return { user, org, counsellorId: counsellor.id };
}

describe("a verified organisation changing its identity", () => {
  it.each([
    ["name", { name: "Agence Nationale pour l'Emploi" }],
    ["rccm", { rccm: "MA.BKO.2024.B.9999" }],
    ["nif", { nif: "099999999Z" }],
  ])("keeps its checked %s public and files a request", async (field, changes) => {
    const { user, org } = await verifiedOrg();
    const result = updateOrganisation(db, user.id, input({ ...changes, description: "Nouveau texte" }), "41.73.1.1");
    expect(result).toEqual({ status: "verified", backToVerification: false, identityRequest: "requested" });
    expect(orgRow(org.id)).toMatchObject({
      name: "Atelier Traoré et Frères",
      rccm: "MA.BKO.2019.B.1234",
      nif: "084123456M",
      verificationStatus: "verified",
      // Other fields are ordinary updates.
      description: "Nouveau texte",
    });
    expect(pendingIdentityRequest(db, org.id)).toMatchObject({
      ...FORM_IDENTITY,
      ...changes,
      requestedBy: user.id,
      status: "pending",
    });
    expect(auditRows(db, "organisation.identity.requested")[0]).toMatchObject({
      actorId: user.id,
      subjectId: String(org.id),
      ip: "41.73.1.1",
    });
    expect(auditRows(db, "organisation.identity.requested")[0]!.detail).toMatchObject({ fields: [field] });
  });

  it("replaces its pending request with a new one, and withdraws it by going back to the checked identity", async () => {
    const { user, org } = await verifiedOrg();
    updateOrganisation(db, user.id, input({ name: "Premier nom" }));
    const first = pendingIdentityRequest(db, org.id)!;
    expect(updateOrganisation(db, user.id, input({ name: "Second nom" }))).toMatchObject({
      identityRequest: "requested",
    });
    expect(pendingIdentityRequest(db, org.id)).toMatchObject({ id: first.id, name: "Second nom" });
    // The same request sent again is nothing new.
    expect(updateOrganisation(db, user.id, input({ name: "Second nom" }))).toMatchObject({ identityRequest: null });
    expect(updateOrganisation(db, user.id, input())).toMatchObject({ identityRequest: "withdrawn" });
    expect(pendingIdentityRequest(db, org.id)).toBeNull();
    expect(orgRow(org.id).name).toBe("Atelier Traoré et Frères");
  });

  it("lets any member withdraw the request; an employer of another organisation cannot", async () => {
    const { user, org } = await verifiedOrg();
    const colleague = await insertUser(db, { role: "employeur", email: "collegue@atelier.ml" });
    addMember(db, colleague.id, org.id, "member");
    const { user: rival } = await insertEmployer(db, "verified", "Garage Rival");
    updateOrganisation(db, user.id, input({ name: "Nouveau nom" }));
    expect(withdrawIdentityRequest(db, rival.id)).toBe(false);
    expect(pendingIdentityRequest(db, org.id)).not.toBeNull();
    expect(withdrawIdentityRequest(db, colleague.id, "41.73.1.2")).toBe(true);
    expect(pendingIdentityRequest(db, org.id)).toBeNull();
    expect(auditRows(db, "organisation.identity.withdrawn")[0]).toMatchObject({
      actorId: colleague.id,
      subjectId: String(org.id),
    });
    expect(withdrawIdentityRequest(db, colleague.id)).toBe(false);
  });

  it("keeps today's behaviour for a rejected organisation: it goes back to pending, no request", async () => {
    const { user, org } = await insertEmployer(db, "rejected", "Atelier Refusé");
    expect(updateOrganisation(db, user.id, input({ name: "Atelier Corrigé" }))).toEqual({
      status: "pending",
      backToVerification: true,
      identityRequest: null,
    });
    expect(orgRow(org.id).name).toBe("Atelier Corrigé");
    expect(pendingIdentityRequest(db, org.id)).toBeNull();
  });
});

const FORM_IDENTITY = { name: FORM.name, rccm: FORM.rccm, nif: FORM.nif };

describe("a counsellor deciding an identity request", () => {
  it("lists pending requests with the checked and the requested identity side by side", async () => {
    const { user, org } = await verifiedOrg();
    updateOrganisation(db, user.id, input({ name: "Agence Nationale pour l'Emploi", nif: "" }));
    expect(pendingIdentityRequests(db)).toEqual([
      expect.objectContaining({
        orgId: org.id,
        current: FORM_IDENTITY,
        requested: { name: "Agence Nationale pour l'Emploi", rccm: FORM.rccm, nif: null },
        requestedByName: "Moussa Traoré",
      }),
    ]);
  });

  it("accepting makes the new identity public, tells the employer and writes the audit log", async () => {
    const { user, org, counsellorId } = await verifiedOrg();
    updateOrganisation(db, user.id, input({ name: "Boulangerie Traoré", rccm: "" }));
    const request = pendingIdentityRequest(db, org.id)!;
    expect(
      decideIdentityRequest(db, { counsellorId, requestId: request.id, decision: "accept", ip: "41.73.8.8" }),
    ).toEqual({ status: "accepted" });
    expect(orgRow(org.id)).toMatchObject({
      name: "Boulangerie Traoré",
      rccm: null,
      nif: FORM.nif,
      verificationStatus: "verified",
      verifiedBy: counsellorId,
    });
    expect(pendingIdentityRequest(db, org.id)).toBeNull();
    expect(pendingIdentityRequests(db)).toEqual([]);
    expect(db.select().from(notifications).where(eq(notifications.userId, user.id)).all()).toEqual([
      expect.objectContaining({ kind: "moderation.identity.accepted", link: "/employeur/organisation" }),
    ]);
    expect(db.select().from(outbox).where(eq(outbox.userId, user.id)).all()).toEqual([
      expect.objectContaining({ template: "organisationIdentity.accepted", channel: "email" }),
    ]);
    expect(auditRows(db, "organisation.identity.accepted")[0]).toMatchObject({
      actorId: counsellorId,
      subjectId: String(org.id),
      ip: "41.73.8.8",
    });
    expect(auditRows(db, "organisation.identity.accepted")[0]!.detail).toMatchObject({
      before: FORM_IDENTITY,
      after: { name: "Boulangerie Traoré", rccm: null, nif: FORM.nif },
    });
  });

  it("refusing keeps the checked identity, tells the employer why and writes the audit log", async () => {
    const { user, org, counsellorId } = await verifiedOrg();
    updateOrganisation(db, user.id, input({ name: "Agence Nationale pour l'Emploi" }));
    const request = pendingIdentityRequest(db, org.id)!;
    expect(() =>
      decideIdentityRequest(db, { counsellorId, requestId: request.id, decision: "refuse", reason: "  " }),
    ).toThrow();
    expect(
      decideIdentityRequest(db, {
        counsellorId,
        requestId: request.id,
        decision: "refuse",
        reason: "Ce nom est celui d'un service public.",
      }),
    ).toEqual({ status: "refused" });
    expect(orgRow(org.id).name).toBe("Atelier Traoré et Frères");
    const [notification] = db.select().from(notifications).where(eq(notifications.userId, user.id)).all();
    expect(notification).toMatchObject({
      kind: "moderation.identity.refused",
      payload: expect.objectContaining({
        reason: "Ce nom est celui d'un service public.",
        requestedName: "Agence Nationale pour l'Emploi",
      }),
    });
    expect(
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.userId, user.id), eq(outbox.template, "organisationIdentity.refused")))
        .all(),
    ).toHaveLength(1);
    expect(auditRows(db, "organisation.identity.refused")[0]!.detail).toMatchObject({
      reason: "Ce nom est celui d'un service public.",
    });
  });

  it("answers null to a request already decided, withdrawn, unknown, or of an organisation no longer verified", async () => {
    const { user, org, counsellorId } = await verifiedOrg();
    updateOrganisation(db, user.id, input({ name: "Nom un" }));
    const first = pendingIdentityRequest(db, org.id)!;
    expect(decideIdentityRequest(db, { counsellorId, requestId: first.id, decision: "accept" })).not.toBeNull();
    expect(
      decideIdentityRequest(db, { counsellorId, requestId: first.id, decision: "refuse", reason: "Trop tard" }),
    ).toBeNull();
    expect(decideIdentityRequest(db, { counsellorId, requestId: 999_999, decision: "accept" })).toBeNull();

    updateOrganisation(db, user.id, input({ name: "Nom deux" }));
    const second = pendingIdentityRequest(db, org.id)!;
    withdrawIdentityRequest(db, user.id);
    expect(decideIdentityRequest(db, { counsellorId, requestId: second.id, decision: "accept" })).toBeNull();

    updateOrganisation(db, user.id, input({ name: "Nom trois" }));
    const third = pendingIdentityRequest(db, org.id)!;
    db.update(organisations).set({ verificationStatus: "suspended" }).where(eq(organisations.id, org.id)).run();
    expect(decideIdentityRequest(db, { counsellorId, requestId: third.id, decision: "accept" })).toBeNull();
    expect(orgRow(org.id).name).toBe("Nom un");
    expect(pendingIdentityRequests(db)).toEqual([]);
  });
});
