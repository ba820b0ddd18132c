// The counsellor's candidates: search, assignment, the file (audited at each
// view), notes, assisted registration with and without a phone.
// Bad input tried: an SQL fragment and `<script>` as search and note, empty and
// 2 001-character notes, a phone already registered, another organisation's
// counsellor, an employer as actor or target, unknown and non-candidate ids.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { applyToOffer } from "../../app/models/applications.server";
import { isPlaceholderEmail, registerAssisted } from "../../app/models/assisted-registration.server";
import { searchCandidates } from "../../app/models/candidate-search.server";
import {
  addNote,
  assignCounsellor,
  caseloadCount,
  getCandidateFile,
  listColleagues,
} from "../../app/models/candidates.server";
import { notifyCandidate } from "../../app/models/messages.server";
import { createPlacement } from "../../app/models/placements.server";
import { ContactTakenError } from "../../app/models/registration.server";
import { assistedRegistrationSchema } from "../../app/schemas/candidate";
import { isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, candidateProfiles, notifications, oneTimeCodes, outbox, placements, users } from "../../db/schema";
import { assistedFields, insertCounselledCandidate, insertMatchingOffer, userRow } from "../helpers/counsellor";
import { createTestDb } from "../helpers/db";
import { insertCounsellor, insertOrganisation, insertUser, registerEmployer } from "../helpers/factories";
import { toFormData } from "../helpers/offers";

let db: Db;

beforeEach(() => {
  db = createTestDb();
});

const auditRows = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

function assisted(changes: Record<string, string | string[]> = {}) {
  const raw = Object.fromEntries(toFormData(assistedFields(changes)).entries());
  const lists = assistedFields(changes);
  return assistedRegistrationSchema(isoToday()).parse({ ...raw, trades: lists.trades, languages: lists.languages });
}

describe("searchCandidates", () => {
  it("finds a name written without accents, in capitals, words in any order", async () => {
    const counsellor = await insertCounsellor(db);
    const aminata = insertCounselledCandidate(db, { firstName: "Aminata", lastName: "Maïga" });
    insertCounselledCandidate(db, { firstName: "Oumar", lastName: "Cissé" });
    for (const q of ["maiga", "MAÏGA", "aminata maiga", "Maiga Aminata", "  amina  "]) {
      expect(
        searchCandidates(db, counsellor.id, { q }).candidates.map((c) => c.userId),
        q,
      ).toEqual([aminata.id]);
    }
    expect(searchCandidates(db, counsellor.id, { q: "cisse" }).total).toBe(1);
    expect(searchCandidates(db, counsellor.id, { q: "Keïta" }).total).toBe(0);
  });

  it("finds a phone number however it is written", async () => {
    const counsellor = await insertCounsellor(db);
    const person = insertCounselledCandidate(db, { phone: "+22370123456" });
    insertCounselledCandidate(db, { phone: "+22370123457" });
    for (const q of ["70 12 34 56", "70123456", "+223 70 12 34 56", "0022370123456", "70-12-34-56", "70.12.34.56"]) {
      expect(
        searchCandidates(db, counsellor.id, { q }).candidates.map((c) => c.userId),
        q,
      ).toEqual([person.id]);
    }
  });

  it("filters by region, trade, placement and caseload", async () => {
    const me = await insertCounsellor(db);
    const colleague = await insertCounsellor(db, { id: me.orgId });
    const org = insertOrganisation(db);
    const placed = insertCounselledCandidate(db, {
      firstName: "Placed",
      region: "sikasso",
      trades: ["soudeur"],
      counsellorId: me.id,
    });
    const ended = insertCounselledCandidate(db, {
      firstName: "Ended",
      region: "sikasso",
      trades: ["soudeur"],
      counsellorId: colleague.id,
    });
    const looking = insertCounselledCandidate(db, { firstName: "Looking", region: "kayes", trades: ["vendeur"] });
    createPlacement(db, {
      candidateId: placed.id,
      orgId: org.id,
      type: "emploi",
      contract: "cdd",
      startDate: isoToday(),
      recordedBy: me.id,
    });
    const old = createPlacement(db, {
      candidateId: ended.id,
      orgId: org.id,
      type: "emploi",
      contract: "cdd",
      startDate: "2024-01-01",
      recordedBy: me.id,
    });
    db.update(placements).set({ endedAt: "2024-06-01", endReason: "contract_end" }).where(eq(placements.id, old)).run();

    const ids = (filters: Parameters<typeof searchCandidates>[2]) =>
      searchCandidates(db, me.id, filters)
        .candidates.map((c) => c.userId)
        .sort();
    expect(ids({ region: "sikasso" })).toEqual([placed.id, ended.id].sort());
    expect(ids({ trade: "vendeur" })).toEqual([looking.id]);
    expect(ids({ status: "placed" })).toEqual([placed.id]);
    // A placement that has ended counts as looking again.
    expect(ids({ status: "looking" })).toEqual([ended.id, looking.id].sort());
    expect(ids({ mine: true })).toEqual([placed.id]);
    expect(ids({ mine: true, status: "looking" })).toEqual([]);
    const row = searchCandidates(db, me.id, { q: "placed" }).candidates[0]!;
    expect(row).toMatchObject({ placed: true, counsellorName: me.displayName, trades: ["soudeur"], region: "sikasso" });
    expect(searchCandidates(db, me.id, { q: "ended" }).candidates[0]!.placed).toBe(false);
  });

  it("lists active candidates only, 25 a page with the total, and never migrant status or disability", async () => {
    const counsellor = await insertCounsellor(db);
    for (let i = 0; i < 30; i++)
      insertCounselledCandidate(db, {
        lastName: `Sangaré ${String(i).padStart(2, "0")}`,
        migrantStatus: "returnee",
        disability: "motor",
      });
    insertCounselledCandidate(db, { lastName: "Sangaré supprimé", deleted: true });
    await registerEmployer(db, { email: "patron@sangare.ml", lastName: "Sangaré" });

    const first = searchCandidates(db, counsellor.id, { q: "sangare" });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.candidates).toHaveLength(25);
    expect(first.candidates[0]!.lastName).toBe("Sangaré 00");
    const second = searchCandidates(db, counsellor.id, { q: "sangare", page: 2 });
    expect(second.candidates.map((c) => c.lastName)).toEqual([
      "Sangaré 25",
      "Sangaré 26",
      "Sangaré 27",
      "Sangaré 28",
      "Sangaré 29",
    ]);
    // A page past the end shows the last one.
    expect(searchCandidates(db, counsellor.id, { q: "sangare", page: 99 }).page).toBe(2);
    for (const row of first.candidates) {
      expect(Object.keys(row)).not.toContain("migrantStatus");
      expect(Object.keys(row)).not.toContain("disability");
      expect(JSON.stringify(row)).not.toContain("returnee");
    }
  });

  it("takes SQL fragments and tags as plain text", async () => {
    const counsellor = await insertCounsellor(db);
    insertCounselledCandidate(db);
    for (const q of ["'; DROP TABLE users; --", "<script>alert(1)</script>", "%", "_"]) {
      expect(searchCandidates(db, counsellor.id, { q }).total).toBe(0);
    }
    expect(db.select().from(users).all().length).toBeGreaterThan(0);
  });
});

describe("assignCounsellor", () => {
  it("assigns to oneself or a colleague of the same partner organisation, and writes it in the audit log", async () => {
    const me = await insertCounsellor(db, "OIM Mali");
    const colleague = await insertCounsellor(db, { id: me.orgId });
    const candidate = insertCounselledCandidate(db);
    expect(assignCounsellor(db, me.id, candidate.id, me.id, "41.0.0.1")).toEqual({ ok: true });
    expect(assignCounsellor(db, me.id, candidate.id, colleague.id)).toEqual({ ok: true });
    const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidate.id)).get()!;
    expect(profile.counsellorId).toBe(colleague.id);
    const rows = auditRows("candidate.assigned");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      actorId: me.id,
      subjectId: String(candidate.id),
      detail: { counsellorId: colleague.id, previousCounsellorId: me.id },
    });
    expect(rows[0]!.ip).toBe("41.0.0.1");
    expect(listColleagues(db, me.id).map((c) => c.id)).toEqual([colleague.id]);
  });

  it("refuses a counsellor of another organisation, an employer, and an employer acting", async () => {
    const me = await insertCounsellor(db, "OIM Mali");
    const stranger = await insertCounsellor(db, "CNPM");
    const employer = await registerEmployer(db, { email: "patron@atelier.ml" });
    const candidate = insertCounselledCandidate(db, { counsellorId: me.id });
    expect(assignCounsellor(db, me.id, candidate.id, stranger.id)).toEqual({ ok: false, reason: "not_allowed" });
    expect(assignCounsellor(db, me.id, candidate.id, employer.id)).toEqual({ ok: false, reason: "not_allowed" });
    expect(assignCounsellor(db, employer.id, candidate.id, employer.id)).toEqual({ ok: false, reason: "not_allowed" });
    expect(assignCounsellor(db, candidate.id, candidate.id, me.id)).toEqual({ ok: false, reason: "not_allowed" });
    expect(assignCounsellor(db, me.id, 999_999, me.id)).toEqual({ ok: false, reason: "not_found" });
    expect(assignCounsellor(db, me.id, employer.id, me.id)).toEqual({ ok: false, reason: "not_found" });
    expect(
      db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidate.id)).get()!.counsellorId,
    ).toBe(me.id);
    expect(auditRows("candidate.assigned")).toHaveLength(0);
    expect(listColleagues(db, me.id)).toEqual([]);
  });

  it("lets an admin assign to any counsellor", async () => {
    const admin = await insertUser(db, { role: "admin" });
    const counsellor = await insertCounsellor(db, "CCIM");
    const candidate = insertCounselledCandidate(db);
    expect(assignCounsellor(db, admin.id, candidate.id, counsellor.id)).toEqual({ ok: true });
    expect(listColleagues(db, admin.id).map((c) => c.id)).toEqual([counsellor.id]);
    expect(caseloadCount(db, counsellor.id)).toBe(1);
  });
});

describe("getCandidateFile", () => {
  it("gives the whole file with sensitive fields, and writes one audit row at each view", async () => {
    const counsellor = await insertCounsellor(db);
    const candidate = insertCounselledCandidate(db, {
      firstName: "Awa",
      migrantStatus: "returnee",
      disability: "visual",
      birthDate: "2002-03-04",
      trades: ["couturier"],
    });
    for (let i = 0; i < 3; i++) expect(getCandidateFile(db, counsellor, candidate.id, "41.1.1.1")).not.toBeNull();
    const rows = auditRows("candidate.viewed");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      actorId: counsellor.id,
      subjectType: "user",
      subjectId: String(candidate.id),
      detail: { sensitive: true },
      ip: "41.1.1.1",
    });
    const file = getCandidateFile(db, counsellor, candidate.id)!;
    expect(file.profile).toMatchObject({ migrantStatus: "returnee", disability: "visual", birthDate: "2002-03-04" });
    expect(file.trades).toEqual(["couturier"]);
  });

  it("holds applications with their timeline, placements with follow-ups, notes newest first and the consent", async () => {
    const counsellor = await insertCounsellor(db, "OIM Mali", "Kadia Konaté");
    const org = insertOrganisation(db, { name: "Couture Bah" });
    const offer = insertMatchingOffer(db, org.id, { title: "Couturière" });
    const { userId } = registerAssisted(db, counsellor.id, assisted({ phone: "76 11 22 33" }));
    expect(
      applyToOffer(db, { candidateId: userId, offerId: offer.id, channel: "counsellor", referredBy: counsellor.id }).ok,
    ).toBe(true);
    createPlacement(db, {
      candidateId: userId,
      orgId: org.id,
      type: "emploi",
      contract: "cdd",
      startDate: "2026-01-15",
      recordedBy: counsellor.id,
    });
    addNote(db, counsellor.id, userId, "Premier appel.");
    addNote(db, counsellor.id, userId, "Deuxième appel.");

    const file = getCandidateFile(db, counsellor, userId)!;
    expect(file.applications).toHaveLength(1);
    expect(file.applications[0]).toMatchObject({
      offerTitle: "Couturière",
      channel: "counsellor",
      status: "submitted",
    });
    expect(file.applications[0]!.timeline.map((e) => e.toStatus)).toEqual(["submitted"]);
    expect(file.placements[0]!.orgName).toBe("Couture Bah");
    expect(file.placements[0]!.followups.map((f) => [f.monthsAfter, f.dueDate])).toEqual([
      [1, "2026-02-15"],
      [3, "2026-04-15"],
      [6, "2026-07-15"],
    ]);
    expect(file.notes.map((n) => n.body)).toEqual(["Deuxième appel.", "Premier appel."]);
    expect(file.notes[0]!.authorName).toBe("Kadia Konaté");
    expect(file.consent).toMatchObject({ method: "oral", recordedByName: "Kadia Konaté" });
    expect(file.consent.at).toBeInstanceOf(Date);
    expect(file.registeredByName).toBe("Kadia Konaté");
    expect(file.contact).toMatchObject({ phone: "+22376112233", hasPassword: false });
  });

  it("is null, with nothing audited, for an unknown id, an employer, a deleted account, or a viewer who is not a counsellor", async () => {
    const counsellor = await insertCounsellor(db);
    const employer = await registerEmployer(db, { email: "patron@x.ml" });
    const deleted = insertCounselledCandidate(db, { deleted: true });
    const candidate = insertCounselledCandidate(db);
    expect(getCandidateFile(db, counsellor, 999_999)).toBeNull();
    expect(getCandidateFile(db, counsellor, employer.id)).toBeNull();
    expect(getCandidateFile(db, counsellor, deleted.id)).toBeNull();
    expect(getCandidateFile(db, { id: employer.id, role: "employeur" }, candidate.id)).toBeNull();
    expect(getCandidateFile(db, { id: candidate.id, role: "candidat" }, candidate.id)).toBeNull();
    expect(auditRows("candidate.viewed")).toHaveLength(0);
  });
});

describe("addNote", () => {
  it("keeps a note of up to 2 000 characters as plain text, audited without its text", async () => {
    const counsellor = await insertCounsellor(db);
    const candidate = insertCounselledCandidate(db);
    expect(addNote(db, counsellor.id, candidate.id, "  ").ok).toBe(false);
    expect(addNote(db, counsellor.id, candidate.id, "x".repeat(2001))).toEqual({ ok: false, reason: "invalid" });
    expect(addNote(db, counsellor.id, candidate.id, "x".repeat(2000)).ok).toBe(true);
    expect(addNote(db, counsellor.id, candidate.id, "<script>alert(1)</script>").ok).toBe(true);
    expect(addNote(db, counsellor.id, 999_999, "Note")).toEqual({ ok: false, reason: "not_found" });
    const file = getCandidateFile(db, counsellor, candidate.id)!;
    expect(file.notes[0]!.body).toBe("<script>alert(1)</script>");
    const rows = auditRows("candidate.note_added");
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain("script");
  });
});

describe("registerAssisted", () => {
  it("with a phone: no password, consent taken by the counsellor, and an SMS with a code", async () => {
    const counsellor = await insertCounsellor(db);
    const { userId, codeSent } = registerAssisted(
      db,
      counsellor.id,
      assisted({ phone: "70 99 88 77", consentMethod: "written", smsConsent: "on" }),
      "41.2.2.2",
    );
    expect(codeSent).toBe(true);
    const user = userRow(db, userId)!;
    expect(user).toMatchObject({
      role: "candidat",
      phone: "+22370998877",
      email: null,
      passwordHash: null,
      displayName: "Mariam Coulibaly",
    });
    const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get()!;
    expect(profile).toMatchObject({
      consentMethod: "written",
      consentRecordedBy: counsellor.id,
      registeredBy: counsellor.id,
      counsellorId: counsellor.id,
      region: "segou",
      migrantStatus: "returnee",
      educationLevel: "cap",
    });
    expect(profile.smsConsentAt).toBeInstanceOf(Date);
    const sms = db.select().from(outbox).where(eq(outbox.userId, userId)).all();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: "sms", recipient: "+22370998877", template: "setPassword", locale: "fr" });
    expect(sms[0]!.payload).toMatchObject({ link: "/activer-compte" });
    expect(String(sms[0]!.payload.code)).toMatch(/^\d{6}$/);
    expect(db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, userId)).all()).toHaveLength(1);
    expect(auditRows("candidate.registered_by_counsellor")[0]).toMatchObject({
      actorId: counsellor.id,
      subjectId: String(userId),
      ip: "41.2.2.2",
    });
  });

  it("without phone nor e-mail: a placeholder address that is never messaged, and no SMS", async () => {
    const counsellor = await insertCounsellor(db);
    const { userId, codeSent } = registerAssisted(db, counsellor.id, assisted({ smsConsent: "on" }));
    expect(codeSent).toBe(false);
    const user = userRow(db, userId)!;
    expect(user.phone).toBeNull();
    expect(user.email).toMatch(/^sans-contact\+[0-9a-f]{16}@baara\.invalid$/);
    expect(isPlaceholderEmail(user.email)).toBe(true);
    expect(db.select().from(outbox).all()).toHaveLength(0);
    expect(db.select().from(oneTimeCodes).all()).toHaveLength(0);

    // News for this person reaches them in the portal only: nothing is queued for `.invalid`.
    notifyCandidate(db, userId, {
      kind: "application.shortlisted",
      template: "application.shortlisted",
      payload: { offerTitle: "Couturière" },
      dedupeKey: "test:1",
    });
    expect(db.select().from(notifications).where(eq(notifications.userId, userId)).all()).toHaveLength(1);
    expect(db.select().from(outbox).all()).toHaveLength(0);
    // The counsellor's file does not show the placeholder as an address.
    expect(getCandidateFile(db, counsellor, userId)!.contact.email).toBeNull();

    // Two people without contact details: two different placeholders.
    const second = registerAssisted(db, counsellor.id, assisted({ firstName: "Fatim" }));
    expect(userRow(db, second.userId)!.email).not.toBe(user.email);
  });

  it("with an e-mail only: the e-mail is kept and no SMS is sent", async () => {
    const counsellor = await insertCounsellor(db);
    const { userId } = registerAssisted(db, counsellor.id, assisted({ email: "Mariam@Exemple.ML" }));
    expect(userRow(db, userId)!.email).toBe("mariam@exemple.ml");
    expect(db.select().from(outbox).all()).toHaveLength(0);
  });

  it("refuses a phone that already has an account, and creates nothing", async () => {
    const counsellor = await insertCounsellor(db);
    insertCounselledCandidate(db, { phone: "+22370998877" });
    const before = db.select().from(users).all().length;
    expect(() => registerAssisted(db, counsellor.id, assisted({ phone: "70998877" }))).toThrow(ContactTakenError);
    expect(db.select().from(users).all().length).toBe(before);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "candidate.registered_by_counsellor")))
        .all(),
    ).toHaveLength(0);
  });
});
