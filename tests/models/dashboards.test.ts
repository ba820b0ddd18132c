import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { completeCallback, requestCallback, takeCallback } from "../../app/models/callback-requests.server";
import {
  adminDashboard,
  candidateDashboard,
  counsellorDashboard,
  employerDashboard,
} from "../../app/models/dashboards.server";
import {
  latestOpenOffers,
  openOfferCounts,
  recentOpenOfferCounts,
  verifiedEmployerCount,
} from "../../app/models/offers.server";
import { getEmployerMembership, updateOrganisation } from "../../app/models/organisations.server";
import { organisationSchema } from "../../app/schemas/organisation";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, organisations, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import {
  addMember,
  insertApplication,
  insertCounsellor,
  insertFollowup,
  insertFraudReport,
  insertOffer,
  insertOrganisation,
  insertPartnership,
  insertPlacement,
  insertProfile,
  insertProgramme,
  insertUser,
  registerCandidate,
  registerEmployer,
} from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const today = isoToday();
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);
const nextMonth = addDays(today, 30);

describe("candidateDashboard", () => {
  it("counts only the candidate's own applications, by status", async () => {
    const awa = await registerCandidate(db, { phone: "70 00 00 01", firstName: "Awa" });
    const other = await registerCandidate(db, { phone: "70 00 00 02", firstName: "Oumar" });
    const org = insertOrganisation(db, { name: "Boulangerie du Fleuve" });
    const [o1, o2, o3] = [1, 2, 3].map((i) => insertOffer(db, { orgId: org.id, title: `Boulanger ${i}` }));
    insertApplication(db, { offerId: o1!.id, candidateId: awa.id, status: "submitted" });
    insertApplication(db, { offerId: o2!.id, candidateId: awa.id, status: "interview" });
    // Another candidate's applications, to the same offers and more.
    insertApplication(db, { offerId: o1!.id, candidateId: other.id, status: "hired" });
    insertApplication(db, { offerId: o2!.id, candidateId: other.id, status: "interview" });
    insertApplication(db, { offerId: o3!.id, candidateId: other.id, status: "submitted" });

    const d = candidateDashboard(db, awa.id);
    expect(d.byStatus).toEqual({ submitted: 1, interview: 1 });
    expect(d.latest.map((a) => a.offerTitle).sort()).toEqual(["Boulanger 1", "Boulanger 2"]);
    expect(d.latest.every((a) => a.orgName === "Boulangerie du Fleuve")).toBe(true);
    expect(d.profile?.firstName).toBe("Awa");
    expect(d.profile?.consentAt).toBeInstanceOf(Date);
  });

  it("is empty for a new candidate", async () => {
    const awa = await registerCandidate(db, { phone: "70 00 00 01" });
    expect(candidateDashboard(db, awa.id)).toMatchObject({ byStatus: {}, latest: [] });
  });
});

describe("employerDashboard", () => {
  it("counts only the offers and applications of the employer's own organisations", async () => {
    const moussa = await registerEmployer(db, { email: "moussa@garage.ml", orgName: "Garage Moussa" });
    const mine = db.select().from(users).where(eq(users.id, moussa.id)).get()!;
    expect(mine.role).toBe("employeur");
    const myOrg = employerDashboard(db, moussa.id).orgs[0]!;
    const rival = insertOrganisation(db, { name: "Garage Concurrent" });
    const rivalOwner = await insertUser(db, { role: "employeur", email: "rival@garage.ml" });
    addMember(db, rivalOwner.id, rival.id);

    const c1 = await registerCandidate(db, { phone: "70 00 00 01" });
    const c2 = await registerCandidate(db, { phone: "70 00 00 02" });

    const published = insertOffer(db, { orgId: myOrg.id, title: "Mécanicien moto", status: "published" });
    insertOffer(db, { orgId: myOrg.id, title: "Tôlier", status: "draft" });
    insertApplication(db, { offerId: published.id, candidateId: c1.id, status: "submitted" });
    insertApplication(db, { offerId: published.id, candidateId: c2.id, status: "shortlisted" });

    const rivalOffer = insertOffer(db, { orgId: rival.id, title: "Soudeur", status: "published" });
    insertOffer(db, { orgId: rival.id, status: "pending" });
    insertApplication(db, { offerId: rivalOffer.id, candidateId: c1.id, status: "submitted" });

    const d = employerDashboard(db, moussa.id);
    expect(d.orgs).toEqual([
      expect.objectContaining({ id: myOrg.id, name: "Garage Moussa", verificationStatus: "pending", role: "owner" }),
    ]);
    expect(d.offersByStatus).toEqual({ published: 1, draft: 1 });
    expect(d.applicationsByStatus).toEqual({ submitted: 1, shortlisted: 1 });
    expect(d.latestOffers.map((o) => o.title).sort()).toEqual(["Mécanicien moto", "Tôlier"]);

    const theirs = employerDashboard(db, rivalOwner.id);
    expect(theirs.offersByStatus).toEqual({ published: 1, pending: 1 });
    expect(theirs.applicationsByStatus).toEqual({ submitted: 1 });
  });

  // Fails: the `applicants` subquery in employerDashboard compares a.offer_id with an
  // unqualified "id", which SQLite resolves to the application's own id (see report).
  it("shows each offer's own number of applicants", async () => {
    const org = insertOrganisation(db, { name: "Atelier Coulibaly" });
    const owner = await insertUser(db, { role: "employeur", email: "owner@atelier.ml" });
    addMember(db, owner.id, org.id);
    const candidates = await Promise.all(
      [1, 2, 3].map((i) => insertUser(db, { role: "candidat", phone: `+2237600000${i}` })),
    );
    const couturier = insertOffer(db, { orgId: org.id, title: "Couturier" });
    insertOffer(db, { orgId: org.id, title: "Teinturier" });
    const tisserand = insertOffer(db, { orgId: org.id, title: "Tisserand" });
    for (const c of candidates) insertApplication(db, { offerId: couturier.id, candidateId: c.id });
    insertApplication(db, { offerId: tisserand.id, candidateId: candidates[0]!.id });

    const applicants = Object.fromEntries(
      employerDashboard(db, owner.id).latestOffers.map((o) => [o.title, o.applicants]),
    );
    expect(applicants).toEqual({ Couturier: 3, Teinturier: 0, Tisserand: 1 });
  });

  it("shows nothing to an employer account linked to no organisation", async () => {
    const lonely = await insertUser(db, { role: "employeur", email: "seul@example.ml" });
    insertOffer(db, { orgId: insertOrganisation(db).id });
    expect(employerDashboard(db, lonely.id)).toEqual({
      orgs: [],
      offersByStatus: {},
      applicationsByStatus: {},
      latestOffers: [],
    });
  });

  it("does not list a partner organisation as the employer's company", async () => {
    const user = await insertUser(db, { role: "employeur", email: "x@example.ml" });
    addMember(db, user.id, insertOrganisation(db, { kind: "partner", name: "OIM Mali" }).id);
    expect(employerDashboard(db, user.id).orgs).toEqual([]);
  });
});

describe("counsellorDashboard", () => {
  it("counts what waits: pending employers and offers, open reports, caseload, follow-ups due", async () => {
    const counsellor = insertCounsellor(db, "OIM Mali");
    const colleague = await insertUser(db, { role: "conseiller", email: "collegue@oim.ml" });

    // Organisations: 2 pending employers count; a verified one, a rejected one and a pending partner don't.
    const pending1 = insertOrganisation(db, { status: "pending" });
    insertOrganisation(db, { status: "pending" });
    const verified = insertOrganisation(db, { status: "verified" });
    insertOrganisation(db, { status: "rejected" });
    insertOrganisation(db, { kind: "partner", status: "pending" });

    // Offers: 1 pending counts.
    insertOffer(db, { orgId: pending1.id, status: "pending" });
    insertOffer(db, { orgId: pending1.id, status: "draft" });
    const published = insertOffer(db, { orgId: verified.id, status: "published" });

    // Fraud reports: the one offer with open reports counts, once.
    insertFraudReport(db, published.id, "open");
    insertFraudReport(db, published.id, "open");
    insertFraudReport(db, published.id, "dismissed");
    insertFraudReport(db, published.id, "upheld");

    // Caseload: 2 candidates follow this counsellor, 1 follows the colleague.
    const candidates = await Promise.all(
      [1, 2, 3].map((i) => insertUser(db, { role: "candidat", phone: `+2237000000${i}` })),
    );
    insertProfile(db, candidates[0]!.id, counsellor.id);
    insertProfile(db, candidates[1]!.id, counsellor.id);
    insertProfile(db, candidates[2]!.id, colleague.id);

    // Follow-ups: overdue and due within the week count (tomorrow's too); done ones and those a month ahead don't.
    const placement = insertPlacement(db, { candidateId: candidates[0]!.id, orgId: verified.id });
    insertFollowup(db, { placementId: placement.id, monthsAfter: 1, dueDate: yesterday });
    insertFollowup(db, { placementId: placement.id, monthsAfter: 3, dueDate: today });
    insertFollowup(db, { placementId: placement.id, monthsAfter: 6, dueDate: tomorrow });
    insertFollowup(db, { placementId: placement.id, monthsAfter: 12, dueDate: nextMonth });
    const placement2 = insertPlacement(db, { candidateId: candidates[1]!.id });
    insertFollowup(db, { placementId: placement2.id, monthsAfter: 1, dueDate: yesterday, doneAt: new Date() });

    // Call-backs: the open ones count (taken or not), since the oldest; a done one doesn't.
    const asked = Date.UTC(2026, 2, 10, 9);
    requestCallback(db, { phone: "+22376000001", userId: null, locale: "bm", now: asked });
    const taken = requestCallback(db, { phone: "+22376000002", userId: null, locale: "fr", now: asked + 1000 }).id;
    const done = requestCallback(db, { phone: "+22376000003", userId: null, locale: "fr", now: asked - 1000 }).id;
    takeCallback(db, taken, colleague.id);
    takeCallback(db, done, colleague.id);
    completeCallback(db, done, colleague.id);

    // Partnerships: an overdue request counts twice (late, and to handle); a declined one past its date doesn't.
    const programmeId = insertProgramme(db).id;
    insertPartnership(db, { orgId: verified.id, programmeId, nextStepDue: yesterday });
    insertPartnership(db, { orgId: verified.id, programmeId, status: "contacted", nextStepDue: tomorrow });
    insertPartnership(db, { orgId: verified.id, programmeId, status: "declined", nextStepDue: yesterday });

    expect(counsellorDashboard(db, counsellor.id)).toEqual({
      partnerName: "OIM Mali",
      pendingOrganisations: 2,
      pendingIdentityChanges: 0,
      pendingOffers: 1,
      reportedOffers: 1,
      caseload: 2,
      followupsDue: 3,
      callbacks: { count: 2, oldestAt: new Date(asked) },
      partnerships: { overdue: 1, requested: 1 },
    });
    expect(counsellorDashboard(db, colleague.id)).toMatchObject({ partnerName: null, caseload: 1 });
  });

  it("counts the verified organisations waiting for a change of name, RCCM or NIF", async () => {
    const counsellor = await insertUser(db, { role: "conseiller", email: "conseiller@oim.ml" });
    const owner = await registerEmployer(db, { email: "patron@identite.ml", orgName: "Atelier Sangaré" });
    const org = getEmployerMembership(db, owner.id)!.org;
    db.update(organisations).set({ verificationStatus: "verified" }).where(eq(organisations.id, org.id)).run();
    const form = organisationSchema.parse({
      name: "Agence Nationale pour l'Emploi",
      sector: "btp",
      region: "bamako",
      membership: "none",
    });
    updateOrganisation(db, owner.id, form);
    expect(counsellorDashboard(db, counsellor.id)).toMatchObject({
      pendingOrganisations: 0,
      pendingIdentityChanges: 1,
    });
  });

  it("is all zero on an empty platform", async () => {
    const counsellor = await insertUser(db, { role: "conseiller", email: "conseiller@oim.ml" });
    expect(counsellorDashboard(db, counsellor.id)).toEqual({
      partnerName: null,
      pendingOrganisations: 0,
      pendingIdentityChanges: 0,
      pendingOffers: 0,
      reportedOffers: 0,
      caseload: 0,
      followupsDue: 0,
      callbacks: { count: 0, oldestAt: null },
      partnerships: { overdue: 0, requested: 0 },
    });
  });
});

describe("adminDashboard", () => {
  it("counts accounts by role (disabled ones apart, deleted ones not at all) and the last day's logins", async () => {
    await insertUser(db, { role: "admin", email: "admin@baara.ml" });
    await insertUser(db, { role: "conseiller", email: "c@baara.ml" });
    const c1 = await insertUser(db, { role: "candidat", phone: "+22370000001" });
    await insertUser(db, { role: "candidat", phone: "+22370000002" });
    const c3 = await insertUser(db, { role: "candidat", phone: "+22370000003" });
    await insertUser(db, { role: "employeur", email: "e@baara.ml" });
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, c1.id)).run();
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, c3.id)).run();
    insertOrganisation(db, { status: "pending" });
    insertOrganisation(db, { status: "pending" });
    insertOrganisation(db, { kind: "partner", status: "verified" });

    const now = Date.now();
    const old = new Date(now - 2 * 24 * 3600 * 1000);
    db.insert(auditLog)
      .values([
        { action: "auth.login" },
        { action: "auth.login" },
        { action: "auth.login_failed" },
        { action: "auth.login", createdAt: old },
        { action: "auth.login_failed", createdAt: old },
        { action: "account.registered" },
      ])
      .run();

    const d = adminDashboard(db, now);
    const byRole = Object.fromEntries(d.usersByRole.map((r) => [r.role, { active: r.active, disabled: r.disabled }]));
    expect(byRole).toEqual({
      admin: { active: 1, disabled: 0 },
      conseiller: { active: 1, disabled: 0 },
      candidat: { active: 1, disabled: 1 },
      employeur: { active: 1, disabled: 0 },
    });
    expect(d.organisationsByStatus).toEqual(
      expect.arrayContaining([
        { kind: "employer", status: "pending", n: 2 },
        { kind: "partner", status: "verified", n: 1 },
      ]),
    );
    expect(d.organisationsByStatus).toHaveLength(2);
    expect(d.loginsLastDay).toBe(2);
    expect(d.failedLoginsLastDay).toBe(1);
  });
});

describe("home page figures (offers.server)", () => {
  function platform() {
    const verified = insertOrganisation(db, { status: "verified", name: "Société Verte" });
    const open = [
      insertOffer(db, {
        orgId: verified.id,
        type: "emploi",
        title: "Emploi ouvert",
        publishedAt: new Date(Date.now() - 3000),
      }),
      insertOffer(db, {
        orgId: verified.id,
        type: "emploi",
        title: "Ferme aujourd'hui",
        closingDate: today,
        publishedAt: new Date(Date.now() - 2000),
      }),
      insertOffer(db, {
        orgId: verified.id,
        type: "apprentissage",
        title: "Apprentissage ouvert",
        publishedAt: new Date(Date.now() - 1000),
      }),
      insertOffer(db, { orgId: verified.id, type: "formation", title: "Formation ouverte", publishedAt: new Date() }),
    ];
    for (const status of ["draft", "pending", "closed", "filled", "expired", "rejected"] as const) {
      insertOffer(db, { orgId: verified.id, type: "emploi", title: `Statut ${status}`, status });
    }
    insertOffer(db, { orgId: verified.id, type: "stage", title: "Date passée", closingDate: yesterday });
    return open;
  }

  it("counts open offers by type: published and not past their closing date", () => {
    platform();
    expect(openOfferCounts(db)).toEqual({ emploi: 2, apprentissage: 1, stage: 0, formation: 1 });
  });

  it("shows the home page's counts with a new offer at once (they are kept only while no offer changes)", () => {
    platform();
    const start = Date.now();
    expect(recentOpenOfferCounts(db, start)).toEqual({ emploi: 2, apprentissage: 1, stage: 0, formation: 1 });
    const org = db.select().from(organisations).where(eq(organisations.name, "Société Verte")).get()!;
    insertOffer(db, { orgId: org.id, type: "stage", title: "Stage tout neuf", publishedAt: new Date() });
    expect(recentOpenOfferCounts(db, start + 1_000).stage).toBe(1);
    // Another database (a test's, a restored copy) never gets these figures.
    expect(recentOpenOfferCounts(createTestDb(), start + 60_001)).toEqual({
      emploi: 0,
      apprentissage: 0,
      stage: 0,
      formation: 0,
    });
  });

  it("lists the latest open offers, newest first, with the organisation's name", () => {
    const open = platform();
    const latest = latestOpenOffers(db, 6);
    expect(latest.map((o) => o.title)).toEqual([
      "Formation ouverte",
      "Apprentissage ouvert",
      "Ferme aujourd'hui",
      "Emploi ouvert",
    ]);
    expect(latest.map((o) => o.id).sort()).toEqual(open.map((o) => o.id).sort());
    expect(latest[0]!.orgName).toBe("Société Verte");
    expect(latestOpenOffers(db, 2)).toHaveLength(2);
  });

  it("counts only verified employers (not partners, not pending, rejected or suspended ones)", () => {
    insertOrganisation(db, { status: "verified" });
    insertOrganisation(db, { status: "verified" });
    insertOrganisation(db, { status: "pending" });
    insertOrganisation(db, { status: "rejected" });
    insertOrganisation(db, { status: "suspended" });
    insertOrganisation(db, { kind: "partner", status: "verified" });
    expect(verifiedEmployerCount(db)).toBe(2);
  });
});
