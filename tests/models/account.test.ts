import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { saveAlert } from "../../app/models/alerts.server";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import { storeCv } from "../../app/models/files.server";
import { reportOffer } from "../../app/models/fraud-reports.server";
import { authenticate } from "../../app/models/login.server";
import { anonymiseAccount, changePassword, exportPersonalData } from "../../app/models/own-account.server";
import type { Db } from "../../app/utils/db.server";
// The tables an account's export and deletion read or change.
import {
  applicationEvents,
  applications,
  candidateNotes,
  candidateProfiles,
  candidateTrades,
  files,
  fraudReports,
  notifications,
  oneTimeCodes,
  organisations,
  outbox,
  placementFollowups,
  placements,
  savedSearches,
  sessions,
  users,
} from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertUser, PASSWORD, registerCandidate, registerEmployer } from "../helpers/factories/accounts";
import { insertEmployer } from "../helpers/factories/employers";
import { pdfBytes } from "../helpers/factories/files";
import { insertOffer } from "../helpers/factories/offers";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const sessionsOf = (userId: number) => db.select().from(sessions).where(eq(sessions.userId, userId)).all();
function openSession(userId: number, id: string) {
  db.insert(sessions)
    .values({ id, userId, expiresAt: new Date(Date.now() + 86_400_000) })
    .run();
}
const login = (identifier: string, password: string) => authenticate(db, { identifier, password, ip: "41.73.10.10" });

describe("changePassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await registerCandidate(db, { phone: "76 11 22 33" });
    openSession(user.id, "s1");
    expect(await changePassword(db, user.id, "pas-le-bon", "nouveau-mot-2026")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await changePassword(db, user.id, "", "nouveau-mot-2026")).toEqual({ ok: false, reason: "invalid" });
    expect(sessionsOf(user.id)).toHaveLength(1);
    expect(auditRows(db, "account.password_changed")).toEqual([]);
    expect((await login("76 11 22 33", PASSWORD)).ok).toBe(true);
    expect((await login("76 11 22 33", "nouveau-mot-2026")).ok).toBe(false);
  });

  it("changes it, ends every session and writes the audit log", async () => {
    const user = await registerCandidate(db, { phone: "76 11 22 34" });
    const other = await registerCandidate(db, { phone: "76 11 22 35" });
    openSession(user.id, "phone");
    openSession(user.id, "cyber-cafe");
    openSession(other.id, "someone-else");
    expect(await changePassword(db, user.id, PASSWORD, "nouveau-mot-2026")).toEqual({ ok: true });
    expect(sessionsOf(user.id)).toEqual([]);
    expect(sessionsOf(other.id)).toHaveLength(1);
    expect(auditRows(db, "account.password_changed")).toEqual([
      expect.objectContaining({ actorId: user.id, subjectType: "user", subjectId: String(user.id) }),
    ]);
    expect((await login("76 11 22 34", PASSWORD)).ok).toBe(false);
    expect((await login("76 11 22 34", "nouveau-mot-2026")).ok).toBe(true);
  });

  it("refuses an account without a password yet, and an unknown account", async () => {
    const noPassword = await insertUser(db, { role: "candidat", phone: "+22376112236", password: null });
    expect(await changePassword(db, noPassword.id, "", "nouveau-mot-2026")).toEqual({ ok: false, reason: "invalid" });
    expect(await changePassword(db, 9_999, PASSWORD, "nouveau-mot-2026")).toEqual({ ok: false, reason: "invalid" });
  });
});

const CV_MARKER = "CV-DE-KADIATOU-DEMBELE-0042";

/**
 * A candidate with data everywhere Baara keeps some: profile, trades, CV,
 * applications with an employer's notes, a hire with its follow-ups, alerts,
 * notifications, messages, sessions, failed logins, a counsellor's note.
 */
async function richCandidate() {
  const user = await registerCandidate(db, {
    phone: "76 12 34 56",
    email: "Kadiatou.Dembele@Example.ML",
    firstName: "Kadiatou",
    lastName: "Dembélé",
  });
  db.update(candidateProfiles)
    .set({
      birthDate: "2001-02-03",
      commune: "Kalaban Coro",
      migrantStatus: "returnee",
      disability: "visual",
      smsConsentAt: new Date(),
    })
    .where(eq(candidateProfiles.userId, user.id))
    .run();
  db.insert(candidateTrades)
    .values([{ userId: user.id, trade: "couturier" }])
    .run();
  await login("76 12 34 56", "mauvais");
  await login("kadiatou.dembele@example.ml", "mauvais");
  await login("76 12 34 56", PASSWORD);
  openSession(user.id, "session-kadiatou");
  db.insert(oneTimeCodes)
    .values({ userId: user.id, purpose: "set_password", codeHash: "h", expiresAt: new Date(Date.now() + 3_600_000) })
    .run();

  const counsellor = await insertUser(db, { role: "conseiller", password: null });
  db.insert(candidateNotes)
    .values({
      candidateId: user.id,
      authorId: counsellor.id,
      body: "Kadiatou Dembélé, vue au guichet, rentrée de Libye",
    })
    .run();

  const cvBytes = Buffer.concat([pdfBytes(600), Buffer.from(CV_MARKER)]);
  const stored = storeCv(db, user.id, { name: "CV Kadiatou Dembélé.pdf", bytes: cvBytes });
  if (!stored.ok) throw new Error(stored.error);
  const sha256 = createHash("sha256").update(cvBytes).digest("hex");

  const { user: employer, org } = await insertEmployer(db);
  const open = insertOffer(db, { orgId: org.id, title: "Couturière", positions: 2 });
  const hiring = insertOffer(db, { orgId: org.id, title: "Brodeuse", positions: 1 });
  const openApp = applyToOffer(db, {
    candidateId: user.id,
    offerId: open.id,
    message: "Bonjour, je suis Kadiatou Dembélé, joignable au +22376123456 ou kadiatou.dembele@example.ml",
    cvFileId: stored.fileId,
  }) as { applicationId: number };
  moveApplication(db, {
    employerId: employer.id,
    applicationId: openApp.applicationId,
    to: "shortlisted",
    note: "Kadiatou a l'air motivée",
  });
  const hiredApp = applyToOffer(db, { candidateId: user.id, offerId: hiring.id, cvFileId: stored.fileId }) as {
    applicationId: number;
  };
  moveApplication(db, {
    employerId: employer.id,
    applicationId: hiredApp.applicationId,
    to: "interview",
    interviewAt: "2030-01-10T09:00",
    interviewPlace: "Atelier, rue 12",
  });
  moveApplication(db, {
    employerId: employer.id,
    applicationId: hiredApp.applicationId,
    to: "hired",
    startDate: "2030-02-01",
  });
  const placement = db.select().from(placements).where(eq(placements.candidateId, user.id)).get()!;
  db.update(placementFollowups)
    .set({ note: "Kadiatou Dembélé va bien, joignable au 76 12 34 56", stillEmployed: true, doneAt: new Date() })
    .where(and(eq(placementFollowups.placementId, placement.id), eq(placementFollowups.monthsAfter, 1)))
    .run();

  saveAlert(db, user.id, { q: "couture", region: "bamako" });
  // A message queued for their phone before it was linked to the account.
  db.insert(outbox)
    .values({ channel: "sms", recipient: "+22376123456", template: "invitation", payload: { orgName: "X" } })
    .run();

  return {
    user,
    employer,
    org,
    open,
    hiring,
    openAppId: openApp.applicationId,
    hiredAppId: hiredApp.applicationId,
    placementId: placement.id,
    fileId: stored.fileId,
    cvBytes,
    sha256,
    needles: ["+22376123456", "76 12 34 56", "kadiatou.dembele@example.ml", "Kadiatou", "Dembélé", sha256, CV_MARKER],
  };
}

/** Another candidate, whose data must come through untouched. */
async function bystander(offerId: number) {
  const user = await registerCandidate(db, { phone: "66 99 88 77", firstName: "Bintou", lastName: "Sissoko" });
  db.update(candidateProfiles).set({ smsConsentAt: new Date() }).where(eq(candidateProfiles.userId, user.id)).run();
  await login("66 99 88 77", "mauvais");
  const applied = applyToOffer(db, { candidateId: user.id, offerId, message: "Bintou Sissoko, +22366998877" }) as {
    applicationId: number;
  };
  return { user, applicationId: applied.applicationId, needles: ["+22366998877", "Bintou", "Sissoko"] };
}

/** Every value of every column of every table that contains one of the needles. */
function findEverywhere(needles: string[]) {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const hits: string[] = [];
  for (const { name } of tables) {
    const columns = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
    const rows = sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column.name];
        for (const needle of needles) {
          const found =
            typeof value === "string"
              ? value.toLowerCase().includes(needle.toLowerCase())
              : Buffer.isBuffer(value) && value.includes(Buffer.from(needle));
          if (found) hits.push(`${name}.${column.name} ∋ ${needle}`);
        }
      }
    }
  }
  return hits;
}

describe("exportPersonalData", () => {
  it("gives everything kept about the person in one JSON document, and writes account.exported", async () => {
    const world = await richCandidate();
    const other = await bystander(world.open.id);
    const data = exportPersonalData(db, world.user.id, "41.73.2.2")!;

    expect(data.account).toMatchObject({
      id: world.user.id,
      role: "candidat",
      phone: "+22376123456",
      email: "kadiatou.dembele@example.ml",
    });
    expect(Object.keys(data.account)).not.toContain("passwordHash");
    expect(data.profile).toMatchObject({
      firstName: "Kadiatou",
      lastName: "Dembélé",
      birthDate: "2001-02-03",
      migrantStatus: "returnee",
      disability: "visual",
    });
    expect(data.trades).toEqual(["couturier"]);

    expect(data.applications.map((a) => a.id).sort()).toEqual([world.openAppId, world.hiredAppId].sort());
    const openApp = data.applications.find((a) => a.id === world.openAppId)!;
    expect(openApp).toMatchObject({
      offerTitle: "Couturière",
      status: "shortlisted",
      message: expect.stringContaining("Kadiatou"),
    });
    expect(openApp.timeline.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "submitted"],
      ["submitted", "shortlisted"],
    ]);
    const hiredApp = data.applications.find((a) => a.id === world.hiredAppId)!;
    expect(hiredApp.timeline.map((e) => e.toStatus)).toEqual(["submitted", "interview", "hired"]);

    expect(data.placements).toHaveLength(1);
    expect(data.placements[0]).toMatchObject({
      id: world.placementId,
      startDate: "2030-02-01",
      offerId: world.hiring.id,
    });
    expect(data.placements[0]!.followups.map((f) => [f.monthsAfter, f.dueDate])).toEqual([
      [1, "2030-03-01"],
      [3, "2030-05-01"],
      [6, "2030-08-01"],
    ]);

    expect(data.files).toHaveLength(1);
    expect(data.files[0]).toMatchObject({ id: world.fileId, sha256: world.sha256, contentType: "application/pdf" });
    expect(Buffer.from(data.files[0]!.base64, "base64").equals(world.cvBytes)).toBe(true);
    expect(data.savedSearches).toEqual([expect.objectContaining({ query: { q: "couture", region: "bamako" } })]);
    expect(data.notifications.map((n) => n.kind)).toEqual(
      expect.arrayContaining(["application.shortlisted", "application.interview", "application.hired"]),
    );

    // It is a JSON document: no raw buffer, no password hash, nobody else's data.
    const json = JSON.stringify(data);
    expect(json).not.toContain('"type":"Buffer"');
    expect(json).not.toContain("scrypt$");
    for (const needle of other.needles) expect(json).not.toContain(needle);

    expect(auditRows(db, "account.exported")).toEqual([
      expect.objectContaining({
        actorId: world.user.id,
        subjectType: "user",
        subjectId: String(world.user.id),
        ip: "41.73.2.2",
      }),
    ]);
  });

  it("answers null for an unknown account and writes nothing", () => {
    expect(exportPersonalData(db, 123_456)).toBeNull();
    expect(auditRows(db, "account.exported")).toEqual([]);
  });
});

describe("anonymiseAccount: deleting an account", () => {
  it("leaves none of the person's phone, e-mail, names or CV anywhere in the database", async () => {
    const world = await richCandidate();
    const other = await bystander(world.open.id);
    // The scan finds them everywhere before: it would see a leftover.
    const before = new Set(findEverywhere(world.needles).map((hit) => hit.split(".")[0]));
    for (const table of [
      "users",
      "candidate_profiles",
      "candidate_notes",
      "applications",
      "application_events",
      "files",
      "outbox",
      "audit_log",
      "placement_followups",
    ]) {
      expect(before).toContain(table);
    }

    anonymiseAccount(db, world.user.id, { actorId: world.user.id, reason: "self", ip: "41.73.3.3" });

    expect(findEverywhere(world.needles)).toEqual([]);
    // The other candidate's data is all still there.
    const theirs = findEverywhere(other.needles).map((hit) => hit.split(" ")[0]);
    expect(theirs).toEqual(
      expect.arrayContaining([
        "users.phone",
        "users.display_name",
        "candidate_profiles.first_name",
        "applications.message",
        "audit_log.subject_id",
      ]),
    );
  });

  it("keeps applications and placements as anonymous rows for the statistics, and withdraws the open ones", async () => {
    const world = await richCandidate();
    const other = await bystander(world.open.id);
    const applicationCount = db.select().from(applications).all().length;
    anonymiseAccount(db, world.user.id, { actorId: world.user.id, reason: "self" });

    expect(db.select().from(applications).all()).toHaveLength(applicationCount);
    const open = db.select().from(applications).where(eq(applications.id, world.openAppId)).get()!;
    expect(open).toMatchObject({ candidateId: world.user.id, status: "withdrawn", message: null, cvFileId: null });
    expect(
      db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, world.openAppId)).all().at(-1),
    ).toMatchObject({
      fromStatus: "shortlisted",
      toStatus: "withdrawn",
      actorId: world.user.id,
    });
    const hired = db.select().from(applications).where(eq(applications.id, world.hiredAppId)).get()!;
    expect(hired).toMatchObject({ status: "hired", message: null, cvFileId: null, interviewPlace: null });

    const placement = db.select().from(placements).where(eq(placements.id, world.placementId)).get()!;
    expect(placement).toMatchObject({
      candidateId: world.user.id,
      orgId: world.org.id,
      offerId: world.hiring.id,
      startDate: "2030-02-01",
    });
    const followups = db
      .select()
      .from(placementFollowups)
      .where(eq(placementFollowups.placementId, world.placementId))
      .all();
    expect(followups).toHaveLength(3);
    expect(followups.every((f) => f.note === null)).toBe(true);
    // What the follow-up measured (still in work) stays: it is the indicator.
    expect(followups.find((f) => f.monthsAfter === 1)!.stillEmployed).toBe(true);

    expect(db.select().from(applications).where(eq(applications.id, other.applicationId)).get()).toMatchObject({
      status: "submitted",
      message: "Bintou Sissoko, +22366998877",
    });
  });

  it("turns the account into a tombstone: no contact, no password, no session, nothing attached", async () => {
    const world = await richCandidate();
    const id = world.user.id;
    anonymiseAccount(db, id, { actorId: id, reason: "self" });
    const row = db.select().from(users).where(eq(users.id, id)).get()!;
    expect(row).toMatchObject({ phone: null, email: null, passwordHash: null, displayName: "—" });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(sessionsOf(id)).toEqual([]);
    for (const [table, column] of [
      [candidateProfiles, candidateProfiles.userId],
      [candidateTrades, candidateTrades.userId],
      [candidateNotes, candidateNotes.candidateId],
      [files, files.ownerId],
      [savedSearches, savedSearches.userId],
      [notifications, notifications.userId],
      [outbox, outbox.userId],
      [oneTimeCodes, oneTimeCodes.userId],
    ] as const) {
      expect(db.select().from(table).where(eq(column, id)).all()).toEqual([]);
    }
  });

  it("no longer lets the person log in, by phone or e-mail, and their old session opens nothing", async () => {
    const world = await richCandidate();
    anonymiseAccount(db, world.user.id, { actorId: world.user.id, reason: "self" });
    expect(await login("76 12 34 56", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await login("kadiatou.dembele@example.ml", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(db.select().from(sessions).where(eq(sessions.id, "session-kadiatou")).get()).toBeUndefined();
  });

  it("writes account.deleted with who asked and why; nothing about them is told or sent afterwards", async () => {
    const world = await richCandidate();
    const admin = await insertUser(db, { role: "admin", password: null });
    anonymiseAccount(db, world.user.id, { actorId: admin.id, reason: "admin", ip: "41.73.4.4" });
    expect(auditRows(db, "account.deleted")).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        subjectType: "user",
        subjectId: String(world.user.id),
        detail: { reason: "admin" },
        ip: "41.73.4.4",
      }),
    ]);
    // The other open offer fills up later: the deleted person is not told (their application is closed already).
    const { user: employer } = { user: world.employer };
    const latecomer = await bystander(world.open.id);
    moveApplication(db, {
      employerId: employer.id,
      applicationId: latecomer.applicationId,
      to: "interview",
      interviewAt: "2030-01-11T09:00",
    });
    moveApplication(db, { employerId: employer.id, applicationId: latecomer.applicationId, to: "hired" });
    expect(db.select().from(notifications).where(eq(notifications.userId, world.user.id)).all()).toEqual([]);
    expect(db.select().from(outbox).where(eq(outbox.userId, world.user.id)).all()).toEqual([]);
  });

  it("clears an employer's contact details from the organisation they registered", async () => {
    const employer = await registerEmployer(db, {
      phone: "76 55 44 33",
      email: "moussa@atelier.ml",
      firstName: "Moussa",
      lastName: "Konaté",
      orgName: "Menuiserie du Fleuve",
    });
    const admin = await insertUser(db, { role: "admin", password: null });
    anonymiseAccount(db, employer.id, { actorId: admin.id, reason: "admin" });
    const org = db.select().from(organisations).where(eq(organisations.name, "Menuiserie du Fleuve")).get()!;
    expect(org).toMatchObject({ contactName: null, contactPhone: null, contactEmail: null });
    expect(findEverywhere(["+22376554433", "moussa@atelier.ml", "Konaté"])).toEqual([]);
  });

  it("keeps the person's fraud reports as evidence, without their id, free text or address hash", async () => {
    const reporter = await registerCandidate(db, { phone: "76 12 34 57" });
    const other = await registerCandidate(db, { phone: "76 12 34 58" });
    const { org } = await insertEmployer(db);
    const scam = insertOffer(db, { orgId: org.id, title: "Gardien, frais de dossier" });
    const theirs = reportOffer(db, {
      offerId: scam.id,
      reporterId: reporter.id,
      ip: "41.73.5.5",
      reason: "money",
      details: "Il demande 10 000 F. Rappelez-moi au 76 12 34 57",
    });
    const others = reportOffer(db, {
      offerId: scam.id,
      reporterId: other.id,
      ip: "41.73.6.6",
      reason: "money",
      details: "Même chose pour moi",
    });
    expect([theirs.ok, others.ok]).toEqual([true, true]);

    anonymiseAccount(db, reporter.id, { actorId: reporter.id, reason: "self" });

    const reports = db
      .select()
      .from(fraudReports)
      .where(eq(fraudReports.offerId, scam.id))
      .orderBy(fraudReports.id)
      .all();
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      reporterId: null,
      details: null,
      reporterIpHash: null,
      reason: "money",
      status: "open",
    });
    expect(reports[1]).toMatchObject({
      reporterId: other.id,
      details: "Même chose pour moi",
      reporterIpHash: expect.any(String),
    });
    expect(findEverywhere(["+22376123457", "76 12 34 57"])).toEqual([]);
  });

  it("does nothing for an unknown account", async () => {
    anonymiseAccount(db, 404_404, { actorId: null, reason: "inactive" });
    expect(auditRows(db, "account.deleted")).toEqual([]);
  });
});
