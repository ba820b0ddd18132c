import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { amendConvention, signConvention } from "../../app/models/conventions.server";
import { proposeReference } from "../../app/models/conventions-form.server";
import { usableCommitments } from "../../app/models/conventions-offers.server";
import { conventionForPartnership } from "../../app/models/conventions-view.server";
import type { Db } from "../../app/utils/db.server";
import {
  conventionCommitments,
  conventions,
  conventionVersions,
  notifications,
  partnershipEvents,
  partnerships,
} from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import {
  insertCounsellor,
  insertEmployer,
  insertOffer,
  insertPartner,
  insertPartnership,
  insertProgramme,
} from "../helpers/factories";

let db: Db;
const NOW = new Date("2026-03-20T10:00:00Z");
const REQUESTED = new Date("2026-01-05T10:00:00Z");

async function setup() {
  const oim = insertPartner(db, "Organisation internationale pour les migrations", "OIM");
  const apej = insertPartner(db, "Agence pour la promotion de l'emploi des jeunes", "APEJ");
  const counsellor = insertCounsellor(db, oim, "Fatoumata Konaté");
  const { user: employer, org } = await insertEmployer(db);
  const programme = insertProgramme(db);
  const partnership = insertPartnership(db, {
    orgId: org.id,
    programmeId: programme.id,
    status: "documents_received",
    createdAt: REQUESTED,
  });
  const actor = { userId: counsellor.id, roles: ["counsellor"] as const };
  return { oim, apej, counsellor, employer, org, programme, partnership, actor };
}

const mechanics = {
  offerType: "apprentissage" as const,
  quantity: 10,
  trade: "mecanicien_auto",
  region: "sikasso",
  durationMonths: 12,
  audience: "youth" as const,
};
const hiring = { offerType: "emploi" as const, quantity: 5, trade: null, region: "bamako", durationMonths: null };

type Setup = Awaited<ReturnType<typeof setup>>;
const sign = (s: Setup, overrides: Partial<Parameters<typeof signConvention>[1]> = {}) =>
  signConvention(db, {
    partnershipId: s.partnership.id,
    reference: "OIM-2026-001",
    signedOn: "2026-03-10",
    startDate: "2026-04-01",
    endDate: "2027-03-31",
    signatories: "Directeur, OIM Mali\nGérant, Atelier",
    partnerIds: [s.oim.id, s.apej.id],
    contributions: [{ partnerId: s.oim.id, description: "Allocation mensuelle", amountFcfa: 25_000 }],
    commitments: [mechanics, hiring],
    actor: s.actor,
    now: NOW,
    ...overrides,
  });

beforeEach(() => {
  db = createTestDb();
});

describe("signing a convention", () => {
  it("writes the signed version with commitments 1..n and moves the partnership to signed", async () => {
    const s = await setup();
    const result = sign(s);
    expect(result.ok).toBe(true);
    const view = conventionForPartnership(db, s.partnership.id)!;
    expect(view).toMatchObject({ reference: "OIM-2026-001", status: "signed", org: { id: s.org.id } });
    expect(view.current).toMatchObject({ version: 1, startDate: "2026-04-01", reason: null });
    expect(view.current.createdByName).toBe("Fatoumata Konaté");
    expect(view.current.partners.map((p) => p.name)).toEqual(["OIM", "APEJ"]);
    expect(view.current.commitments.map((c) => [c.key, c.quantity])).toEqual([
      [1, 10],
      [2, 5],
    ]);
    expect(view.current.contributions[0]).toMatchObject({ partnerName: "OIM", amountFcfa: 25_000 });
    const events = db.select().from(partnershipEvents).where(eq(partnershipEvents.partnershipId, s.partnership.id));
    expect(events.all().map((e) => [e.toStatus, e.happenedOn])).toEqual([["signed", "2026-03-10"]]);
    // One act, one audit line: the lifecycle's.
    expect(auditRows(db, "partnership.signed")).toHaveLength(1);
    expect(auditRows(db, "convention.signed")).toHaveLength(0);
  });

  it("writes nothing when the lifecycle refuses the signing", async () => {
    const s = await setup();
    db.update(partnerships).set({ status: "meeting_held" }).where(eq(partnerships.id, s.partnership.id)).run();
    expect(sign(s)).toMatchObject({ ok: false, reason: "notAllowed" });
    expect(sign(s, { signedOn: "2026-12-01" }).ok).toBe(false);
    expect(db.select().from(conventions).all()).toHaveLength(0);
    expect(db.select().from(conventionVersions).all()).toHaveLength(0);
    expect(db.select().from(conventionCommitments).all()).toHaveLength(0);
  });

  it("refuses a date in the future, a partner that is not one, and a reference already used", async () => {
    const s = await setup();
    db.update(partnerships).set({ status: "documents_received" }).run();
    expect(sign(s, { signedOn: "2026-04-02" })).toMatchObject({ ok: false, reason: "date_in_future" });
    expect(sign(s, { partnerIds: [s.org.id] })).toMatchObject({ ok: false, reason: "partner_invalid" });
    expect(db.select().from(conventions).all()).toHaveLength(0);
    expect(sign(s).ok).toBe(true);
    const other = insertPartnership(db, {
      orgId: s.org.id,
      programmeId: s.programme.id,
      status: "documents_received",
      createdAt: REQUESTED,
    });
    const again = sign({ ...s, partnership: other });
    expect(again).toMatchObject({ ok: false, reason: "reference_taken", field: "reference" });
    expect(proposeReference(db, "OIM", "2026")).toBe("OIM-2026-002");
  });
});

describe("amending a convention", () => {
  it("adds versions and never overwrites one: who, when, why and the changes of each", async () => {
    const s = await setup();
    const signed = sign(s);
    if (!signed.ok) throw new Error("not signed");
    const admin = insertCounsellor(db, s.apej, "Ibrahim Coulibaly");
    const first = amendConvention(db, {
      conventionId: signed.id,
      reason: "Deux apprentis de plus",
      signedOn: "2026-03-15",
      endDate: "2027-06-30",
      commitments: [
        { ...mechanics, key: 1, quantity: 12 },
        { ...hiring, key: 2 },
      ],
      actor: s.actor,
      now: NOW,
    });
    expect(first).toEqual({ ok: true, version: 2 });
    const second = amendConvention(db, {
      conventionId: signed.id,
      reason: "L'embauche est remplacée par des stages",
      signedOn: "2026-03-18",
      commitments: [
        { ...mechanics, key: 1, quantity: 12 },
        { offerType: "stage", quantity: 3, trade: null, region: "bamako", durationMonths: 6 },
      ],
      contributions: [],
      actor: { userId: admin.id, roles: ["counsellor"] },
      now: NOW,
    });
    expect(second).toEqual({ ok: true, version: 3 });

    const view = conventionForPartnership(db, s.partnership.id)!;
    expect(view.history.map((v) => [v.version, v.createdByName, v.signedOn, v.reason])).toEqual([
      [3, "Ibrahim Coulibaly", "2026-03-18", "L'embauche est remplacée par des stages"],
      [2, "Fatoumata Konaté", "2026-03-15", "Deux apprentis de plus"],
      [1, "Fatoumata Konaté", "2026-03-10", null],
    ]);
    const [v3, v2, v1] = view.history;
    // The signed text is intact.
    expect(v1!.commitments.map((c) => [c.key, c.quantity])).toEqual([
      [1, 10],
      [2, 5],
    ]);
    expect(v1!.endDate).toBe("2027-03-31");
    expect(v1!.contributions).toHaveLength(1);
    expect(v2!.changes).toEqual([
      { kind: "endDate", from: "2027-03-31", to: "2027-06-30" },
      expect.objectContaining({ kind: "quantity", key: 1, from: 10, to: 12 }),
    ]);
    // The removed commitment's key is never given again: the new one is 3.
    expect(v3!.changes.map((c) => c.kind)).toEqual(["added", "removed", "contributions"]);
    expect(v3!.commitments.map((c) => c.key)).toEqual([1, 3]);
    expect(v3!.endDate).toBe("2027-06-30");
    expect(v3!.signatories).toBe(v1!.signatories);
    expect(view.current.version).toBe(3);
    expect(auditRows(db, "convention.amended")).toHaveLength(2);
    const told = db.select().from(notifications).where(eq(notifications.kind, "partnership.amended")).all();
    expect(told.map((n) => [n.userId, n.link])).toContainEqual([
      s.employer.id,
      `/employeur/partenariats/${s.partnership.id}`,
    ]);
  });

  it("refuses an amendment that changes nothing, inverted dates, and removing a commitment offers name", async () => {
    const s = await setup();
    const signed = sign(s);
    if (!signed.ok) throw new Error("not signed");
    const amend = (changes: Partial<Parameters<typeof amendConvention>[1]>) =>
      amendConvention(db, {
        conventionId: signed.id,
        reason: "Ajustement",
        signedOn: "2026-03-15",
        commitments: [
          { ...mechanics, key: 1 },
          { ...hiring, key: 2 },
        ],
        actor: s.actor,
        now: NOW,
        ...changes,
      });
    expect(amend({})).toMatchObject({ ok: false, reason: "unchanged" });
    expect(amend({ endDate: "2026-03-01" })).toMatchObject({ ok: false, reason: "dates_inverted" });
    insertOffer(db, { orgId: s.org.id, type: "emploi", conventionId: signed.id, commitmentKey: 2 });
    expect(amend({ commitments: [{ ...mechanics, key: 1 }] })).toMatchObject({
      ok: false,
      reason: "commitment_in_use",
      key: 2,
    });
    expect(amend({ commitments: [{ ...mechanics, key: 9 }] })).toMatchObject({ reason: "unknown_commitment" });
    expect(db.select().from(conventionVersions).all()).toHaveLength(1);
  });

  it("refuses once the convention is closed, and its commitments are no longer usable for offers", async () => {
    const s = await setup();
    const signed = sign(s);
    if (!signed.ok) throw new Error("not signed");
    expect(usableCommitments(db, s.org.id).map((c) => c.value)).toEqual([`${signed.id}:1`, `${signed.id}:2`]);
    db.update(partnerships).set({ status: "closed" }).where(eq(partnerships.id, s.partnership.id)).run();
    const refused = amendConvention(db, {
      conventionId: signed.id,
      reason: "Trop tard",
      signedOn: "2026-03-15",
      endDate: "2027-12-31",
      commitments: [{ ...mechanics, key: 1 }],
      actor: s.actor,
      now: NOW,
    });
    expect(refused).toMatchObject({ ok: false, reason: "notAllowed" });
    expect(usableCommitments(db, s.org.id)).toEqual([]);
    expect(db.select().from(conventionVersions).all()).toHaveLength(1);
  });
});
