// The admin's model: finding accounts, creating counsellors, roles, disabling, partner
// bodies and the audit log. Bad input tried: accents and case, phone numbers in every
// Malian spelling, LIKE wildcards (% and _), SQL fragments, unknown and deleted accounts,
// an employer organisation where a partner is expected, contacts already taken, two
// admins acting on each other.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, auditActions, searchAudit } from "../../app/models/audit-search.server";
import { authenticate } from "../../app/models/login.server";
import { createPartner, listPartners, updatePartner } from "../../app/models/partners.server";
import {
  changeRole,
  createCounsellor,
  searchUsers,
  setDisabled,
  USERS_PAGE_SIZE,
} from "../../app/models/users-admin.server";
import type { Db } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import { auditLog, memberships, organisations, sessions, users } from "../../db/schema";
import { insertAuditLine, markDeleted } from "../helpers/admin";
import { createTestDb } from "../helpers/db";
import { insertUser, PASSWORD, registerCandidate, registerEmployer } from "../helpers/factories/accounts";
import { addMember, insertOrganisation, insertPartner } from "../helpers/factories/organisations";
import { requestWithCookie, sessionCookieFor } from "../helpers/factories/sessions";
import { insertAdmin } from "../helpers/factories/staff";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const names = (result: { items: { displayName: string }[] }) => result.items.map((u) => u.displayName).sort();
const adminAudit = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const userRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
const sessionOf = (cookie: string) => getSessionUser(db, requestWithCookie("http://localhost/", cookie));

describe("searchUsers", () => {
  beforeEach(async () => {
    await registerCandidate(db, { firstName: "Aminata", lastName: "Maïga", phone: "70 12 34 56" });
    await registerCandidate(db, { firstName: "Awa", lastName: "Diarra", email: "Awa.Diarra@Exemple.ML" });
    await registerEmployer(db, {
      firstName: "Moussa",
      lastName: "Traoré",
      email: "moussa@garage.ml",
      orgName: "Garage Traoré",
    });
    await insertUser(db, { role: "conseiller", displayName: "Kadia Konaté", phone: "+22376000011" });
  });

  it("finds a name without its accents or capitals, words in any order", () => {
    expect(names(searchUsers(db, { q: "maiga" }))).toEqual(["Aminata Maïga"]);
    expect(names(searchUsers(db, { q: "TRAORE" }))).toEqual(["Moussa Traoré"]);
    expect(names(searchUsers(db, { q: "diarra awa" }))).toEqual(["Awa Diarra"]);
    expect(names(searchUsers(db, { q: "awa keita" }))).toEqual([]);
  });

  it.each(["70 12 34 56", "70123456", "+223 70 12 34 56", "0022370123456", "70.12.34.56", "3456"])(
    "finds a phone number written %s",
    (q) => {
      expect(names(searchUsers(db, { q }))).toEqual(["Aminata Maïga"]);
    },
  );

  it("finds an e-mail address, whole or in part, whatever its capitals", () => {
    expect(names(searchUsers(db, { q: "AWA.diarra@exemple.ml" }))).toEqual(["Awa Diarra"]);
    expect(names(searchUsers(db, { q: "@garage" }))).toEqual(["Moussa Traoré"]);
  });

  it("takes % and _ and SQL fragments literally", () => {
    expect(searchUsers(db, { q: "%" }).total).toBe(0);
    expect(searchUsers(db, { q: "_" }).total).toBe(0);
    expect(searchUsers(db, { q: "' OR 1=1 --" }).total).toBe(0);
    expect(searchUsers(db, { q: "<script>alert(1)</script>" }).total).toBe(0);
    expect(searchUsers(db, { q: "x".repeat(10_000) }).total).toBe(0);
  });

  it("filters by role and by state, and shows each account's organisations and dates", async () => {
    const partner = insertPartner(db, "OIM Mali", "OIM");
    const counsellor = searchUsers(db, { role: "conseiller" }).items[0]!;
    addMember(db, counsellor.id, partner.id, "member");
    const employer = searchUsers(db, { role: "employeur" }).items;
    expect(employer).toHaveLength(1);
    expect(employer[0]).toMatchObject({
      displayName: "Moussa Traoré",
      status: "active",
      organisations: [{ name: "Garage Traoré", kind: "employer" }],
    });
    expect(employer[0]!.createdAt).toBeInstanceOf(Date);
    expect(employer[0]!.lastLoginAt).toBeInstanceOf(Date);
    expect(searchUsers(db, { role: "conseiller" }).items[0]).toMatchObject({
      organisations: [{ shortName: "OIM", kind: "partner" }],
      lastLoginAt: null,
    });

    const admin = await insertAdmin(db);
    setDisabled(db, admin.id, employer[0]!.id, true);
    const awa = searchUsers(db, { q: "awa" }).items[0]!;
    markDeleted(db, awa.id);
    expect(names(searchUsers(db, { status: "disabled" }))).toEqual(["Moussa Traoré"]);
    expect(searchUsers(db, { status: "deleted" }).items.map((u) => u.id)).toEqual([awa.id]);
    expect(names(searchUsers(db, { status: "active", role: "candidat" }))).toEqual(["Aminata Maïga"]);
  });

  it("gives 25 accounts a page, newest first, and keeps a page past the end on the last one", async () => {
    for (let i = 0; i < 30; i++) {
      db.insert(users)
        .values({
          role: "candidat",
          email: `page${i}@test.ml`,
          displayName: `Page ${i}`,
          createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
        })
        .run();
    }
    const first = searchUsers(db, { q: "page" });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(USERS_PAGE_SIZE);
    expect(first.items[0]!.displayName).toBe("Page 29");
    const last = searchUsers(db, { q: "page", page: 99 });
    expect(last.page).toBe(2);
    expect(last.items.map((u) => u.displayName)).toEqual(["Page 4", "Page 3", "Page 2", "Page 1", "Page 0"]);
  });
});

describe("createCounsellor", () => {
  it("creates a counsellor of the partner body whose temporary password works, and writes it in the log", async () => {
    const admin = await insertAdmin(db);
    const oim = insertPartner(db, "OIM Mali", "OIM");
    const result = await createCounsellor(
      db,
      admin.id,
      { firstName: "Kadia", lastName: "Konaté", email: "kadia@oim.ml", partnerOrgId: oim.id },
      "41.73.1.1",
    );
    if (!result.ok) throw new Error("refused");
    expect(result.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const row = userRow(result.userId);
    expect(row).toMatchObject({ role: "conseiller", email: "kadia@oim.ml", phone: null, displayName: "Kadia Konaté" });
    expect(row.passwordHash).not.toContain(result.temporaryPassword);
    expect(db.select().from(memberships).where(eq(memberships.userId, result.userId)).all()).toMatchObject([
      { orgId: oim.id, role: "member" },
    ]);
    expect(adminAudit("admin.user_created")).toMatchObject([
      {
        actorId: admin.id,
        subjectType: "user",
        subjectId: String(result.userId),
        ip: "41.73.1.1",
        detail: { role: "conseiller", partnerOrgId: oim.id },
      },
    ]);
    const login = await authenticate(db, {
      identifier: "KADIA@oim.ml",
      password: result.temporaryPassword,
      ip: "41.73.1.2",
    });
    expect(login).toEqual({ ok: true, user: { id: result.userId, role: "conseiller" } });
    // Each account gets its own password.
    const other = await createCounsellor(db, admin.id, {
      firstName: "Ali",
      lastName: "Touré",
      phone: "+22366001122",
      partnerOrgId: oim.id,
    });
    expect(other.ok && other.temporaryPassword).not.toBe(result.temporaryPassword);
  });

  it("refuses an organisation that is not a partner body, and an unknown one", async () => {
    const admin = await insertAdmin(db);
    const employer = insertOrganisation(db, { name: "Garage Sanogo" });
    for (const partnerOrgId of [employer.id, 999_999]) {
      const result = await createCounsellor(db, admin.id, {
        firstName: "Ali",
        lastName: "Touré",
        email: "ali@oim.ml",
        partnerOrgId,
      });
      expect(result).toEqual({ ok: false, fieldErrors: { partnerOrgId: "admin:errors.partnerRequired" } });
    }
    expect(db.select().from(users).where(eq(users.email, "ali@oim.ml")).get()).toBeUndefined();
    expect(adminAudit("admin.user_created")).toEqual([]);
  });

  it("says which contact already has an account, and creates nothing", async () => {
    const admin = await insertAdmin(db);
    const oim = insertPartner(db, "OIM Mali", "OIM");
    await registerCandidate(db, { phone: "70 55 66 77", email: "awa@exemple.ml" });
    const both = await createCounsellor(db, admin.id, {
      firstName: "Awa",
      lastName: "Diarra",
      email: "AWA@exemple.ml",
      phone: "+22370556677",
      partnerOrgId: oim.id,
    });
    expect(both).toEqual({
      ok: false,
      fieldErrors: { email: "admin:errors.emailTaken", phone: "admin:errors.phoneTaken" },
    });
    const none = await createCounsellor(db, admin.id, { firstName: "Awa", lastName: "Diarra", partnerOrgId: oim.id });
    expect(none).toEqual({ ok: false, fieldErrors: { email: "validation.contactRequired" } });
    expect(searchUsers(db, { role: "conseiller" }).total).toBe(0);
  });
});

describe("changeRole", () => {
  it("changes the role from the person's next page, keeps their memberships and writes it in the log", async () => {
    const admin = await insertAdmin(db);
    const employer = await registerEmployer(db, { email: "patron@garage.ml" });
    const cookie = await sessionCookieFor(db, employer.id);
    expect(changeRole(db, admin.id, employer.id, "conseiller", "41.73.2.2")).toEqual({ ok: true, changed: true });
    expect((await sessionOf(cookie))?.role).toBe("conseiller");
    expect(db.select().from(memberships).where(eq(memberships.userId, employer.id)).all()).toHaveLength(1);
    expect(adminAudit("admin.role_changed")).toMatchObject([
      {
        actorId: admin.id,
        subjectId: String(employer.id),
        detail: { from: "employeur", to: "conseiller" },
        ip: "41.73.2.2",
      },
    ]);
    // The same role again changes nothing and writes nothing.
    expect(changeRole(db, admin.id, employer.id, "conseiller")).toEqual({ ok: true, changed: false });
    expect(adminAudit("admin.role_changed")).toHaveLength(1);
  });

  it("refuses the admin's own account, a deleted account, and answers null for an unknown one", async () => {
    const admin = await insertAdmin(db);
    const gone = await registerCandidate(db, { phone: "70 00 11 22" });
    markDeleted(db, gone.id);
    expect(changeRole(db, admin.id, admin.id, "candidat")).toEqual({ ok: false, error: "admin:errors.notOnYourself" });
    expect(changeRole(db, admin.id, gone.id, "admin")).toEqual({ ok: false, error: "admin:errors.accountDeleted" });
    expect(changeRole(db, admin.id, 424_242, "admin")).toBeNull();
    expect(userRow(admin.id).role).toBe("admin");
    expect(userRow(gone.id).role).toBe("candidat");
    expect(adminAudit("admin.role_changed")).toEqual([]);
  });

  it("never leaves the platform without an active admin, even when two admins demote each other", async () => {
    const awa = await insertAdmin(db, "Awa Admin");
    const ali = await insertAdmin(db, "Ali Admin");
    expect(changeRole(db, awa.id, ali.id, "conseiller")).toEqual({ ok: true, changed: true });
    // Ali's request was already on its way: Awa is now the only admin.
    expect(changeRole(db, ali.id, awa.id, "conseiller")).toEqual({ ok: false, error: "admin:errors.lastAdmin" });
    expect(userRow(awa.id).role).toBe("admin");
  });
});

describe("setDisabled", () => {
  it("ends every session of the account at once, refuses its logins, and lets it back in when enabled", async () => {
    const admin = await insertAdmin(db);
    const candidate = await registerCandidate(db, { phone: "70 10 20 30" });
    const phone = await sessionCookieFor(db, candidate.id);
    const laptop = await sessionCookieFor(db, candidate.id);
    expect((await sessionOf(phone))?.id).toBe(candidate.id);

    expect(setDisabled(db, admin.id, candidate.id, true, "41.73.3.3")).toEqual({ ok: true, changed: true });
    expect(await sessionOf(phone)).toBeNull();
    expect(await sessionOf(laptop)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, candidate.id)).all()).toEqual([]);
    expect(await authenticate(db, { identifier: "70 10 20 30", password: PASSWORD, ip: "10.1.1.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });

    expect(setDisabled(db, admin.id, candidate.id, false)).toEqual({ ok: true, changed: true });
    expect(await sessionOf(phone)).toBeNull();
    expect(await authenticate(db, { identifier: "70102030", password: PASSWORD, ip: "10.1.1.1" })).toMatchObject({
      ok: true,
    });
    expect(
      db
        .select({ action: auditLog.action, actorId: auditLog.actorId })
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, String(candidate.id)), eq(auditLog.subjectType, "user")))
        .all()
        .filter((l) => l.action.startsWith("admin.")),
    ).toEqual([
      { action: "admin.user_disabled", actorId: admin.id },
      { action: "admin.user_enabled", actorId: admin.id },
    ]);
  });

  it("disabling twice changes nothing the second time", async () => {
    const admin = await insertAdmin(db);
    const counsellor = await insertUser(db, { role: "conseiller" });
    setDisabled(db, admin.id, counsellor.id, true);
    const first = userRow(counsellor.id).disabledAt;
    expect(setDisabled(db, admin.id, counsellor.id, true)).toEqual({ ok: true, changed: false });
    expect(userRow(counsellor.id).disabledAt).toEqual(first);
    expect(adminAudit("admin.user_disabled")).toHaveLength(1);
  });

  it("refuses the admin's own account and the last active admin; null for an unknown account", async () => {
    const awa = await insertAdmin(db, "Awa Admin");
    const ali = await insertAdmin(db, "Ali Admin");
    const cookie = await sessionCookieFor(db, awa.id);
    expect(setDisabled(db, awa.id, awa.id, true)).toEqual({ ok: false, error: "admin:errors.notOnYourself" });
    expect((await sessionOf(cookie))?.id).toBe(awa.id);
    expect(setDisabled(db, awa.id, 424_242, true)).toBeNull();

    expect(setDisabled(db, awa.id, ali.id, true)).toEqual({ ok: true, changed: true });
    // Ali disabling Awa at the same moment would leave no admin at all.
    expect(setDisabled(db, ali.id, awa.id, true)).toEqual({ ok: false, error: "admin:errors.lastAdmin" });
    expect(userRow(awa.id).disabledAt).toBeNull();
    expect((await sessionOf(cookie))?.id).toBe(awa.id);
  });
});

describe("partner bodies", () => {
  const INPUT = { name: "Agence Nationale pour l'Emploi", shortName: "ANPE", region: "bamako", commune: "Commune III" };

  it("lists partners by name with their accounts (deleted ones not counted), without employers", async () => {
    const oim = insertPartner(db, "OIM Mali", "OIM");
    insertPartner(db, "Conseil National du Patronat du Mali", "CNPM");
    insertOrganisation(db, { name: "Garage Sanogo" });
    const kadia = await insertUser(db, { role: "conseiller" });
    const gone = await insertUser(db, { role: "conseiller" });
    addMember(db, kadia.id, oim.id, "member");
    addMember(db, gone.id, oim.id, "member");
    markDeleted(db, gone.id);
    expect(listPartners(db).map((p) => [p.shortName, p.members])).toEqual([
      ["CNPM", 0],
      ["OIM", 1],
    ]);
  });

  it("creates a verified partner body and writes it in the log", async () => {
    const admin = await insertAdmin(db);
    const result = createPartner(db, admin.id, INPUT, "41.73.4.4");
    if (!result.ok) throw new Error("refused");
    const org = db.select().from(organisations).where(eq(organisations.id, result.orgId)).get()!;
    expect(org).toMatchObject({
      kind: "partner",
      name: INPUT.name,
      shortName: "ANPE",
      verificationStatus: "verified",
      verifiedBy: admin.id,
    });
    expect(adminAudit("admin.partner_created")).toMatchObject([
      { actorId: admin.id, subjectType: "organisation", subjectId: String(org.id), ip: "41.73.4.4" },
    ]);
  });

  it("refuses a second partner with the same name or short name, whatever the accents and capitals", async () => {
    const admin = await insertAdmin(db);
    createPartner(db, admin.id, INPUT);
    expect(
      createPartner(db, admin.id, { ...INPUT, name: "AGENCE NATIONALE POUR L'EMPLOI", shortName: "anpe" }),
    ).toEqual({
      ok: false,
      fieldErrors: { name: "admin:errors.partnerNameTaken", shortName: "admin:errors.partnerNameTaken" },
    });
    expect(listPartners(db)).toHaveLength(1);
  });

  it("updates a partner body, saying what changed; null for an employer or an unknown id", async () => {
    const admin = await insertAdmin(db);
    const oim = insertPartner(db, "OIM Mali", "OIM");
    const other = insertPartner(db, "APEJ", "APEJ");
    const employer = insertOrganisation(db, { name: "Garage Sanogo" });
    const changes = {
      name: "OIM Mali",
      shortName: "OIM",
      region: "bamako",
      commune: "Commune II",
      contactEmail: "bamako@iom.int",
    };
    expect(updatePartner(db, admin.id, oim.id, changes)).toEqual({ ok: true, orgId: oim.id });
    expect(adminAudit("admin.partner_updated")).toMatchObject([
      { subjectId: String(oim.id), detail: { changed: ["commune", "contactEmail"] } },
    ]);
    // Keeping its own name is not a clash; taking another partner's is.
    expect(updatePartner(db, admin.id, oim.id, { ...changes, shortName: "apej" })).toEqual({
      ok: false,
      fieldErrors: { shortName: "admin:errors.partnerNameTaken" },
    });
    expect(updatePartner(db, admin.id, employer.id, changes)).toBeNull();
    expect(updatePartner(db, admin.id, 424_242, changes)).toBeNull();
    expect(db.select().from(organisations).where(eq(organisations.id, employer.id)).get()!.kind).toBe("employer");
    expect(other.id).toBeGreaterThan(0);
  });
});

describe("searchAudit", () => {
  let awa: { id: number };
  let moussa: { id: number };
  beforeEach(async () => {
    awa = await insertUser(db, { role: "conseiller", displayName: "Awa Koné", email: "awa.kone@oim.ml" });
    moussa = await insertUser(db, { role: "admin", displayName: "Moussa Maïga", email: "moussa@baara.ml" });
    insertAuditLine(db, { actorId: awa.id, action: "auth.login", at: "2026-03-01T08:00:00Z", ip: "41.73.0.1" });
    insertAuditLine(db, {
      actorId: awa.id,
      action: "organisation.verified",
      at: "2026-03-02T23:59:59Z",
      subjectType: "organisation",
      subjectId: "7",
    });
    insertAuditLine(db, {
      actorId: moussa.id,
      action: "admin.role_changed",
      at: "2026-03-03T00:00:00Z",
      subjectType: "user",
      subjectId: String(awa.id),
    });
    insertAuditLine(db, {
      actorId: null,
      action: "auth.login_failed",
      at: "2026-03-03T10:00:00Z",
      subjectType: "identifier",
      subjectId: "+22370000001",
    });
  });
  const actions = (result: { items: { action: string }[] }) => result.items.map((l) => l.action);

  it("gives the newest line first, with the actor's name", () => {
    const result = searchAudit(db, {});
    expect(actions(result)).toEqual(["auth.login_failed", "admin.role_changed", "organisation.verified", "auth.login"]);
    expect(result.items[1]).toMatchObject({
      actorId: moussa.id,
      actorName: "Moussa Maïga",
      subjectType: "user",
      subjectId: String(awa.id),
    });
    expect(result.items[0]).toMatchObject({ actorId: null, actorName: null });
  });

  it("finds an actor by account number, by e-mail (or part of it) and by name without accents", () => {
    expect(actions(searchAudit(db, { actor: String(awa.id) }))).toEqual(["organisation.verified", "auth.login"]);
    expect(actions(searchAudit(db, { actor: "AWA.KONE@oim.ml" }))).toEqual(["organisation.verified", "auth.login"]);
    expect(actions(searchAudit(db, { actor: "@baara" }))).toEqual(["admin.role_changed"]);
    expect(actions(searchAudit(db, { actor: "maiga moussa" }))).toEqual(["admin.role_changed"]);
    expect(searchAudit(db, { actor: "' OR 1=1 --" }).total).toBe(0);
    expect(searchAudit(db, { actor: "%" }).total).toBe(0);
  });

  it("still finds the lines of a name shared by more than 1 000 accounts", () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({
      role: "candidat" as const,
      email: `kone${i}@test.ml`,
      displayName: `Salif Koné ${i}`,
    }));
    const ids = db.insert(users).values(many).returning({ id: users.id }).all();
    insertAuditLine(db, { actorId: ids.at(-1)!.id, action: "profile.updated", at: "2026-03-04T10:00:00Z" });
    insertAuditLine(db, { actorId: ids[0]!.id, action: "profile.updated", at: "2026-03-04T09:00:00Z" });
    const result = searchAudit(db, { actor: "salif kone" });
    expect(result.total).toBe(2);
    expect(result.items.map((l) => l.actorId)).toEqual([ids.at(-1)!.id, ids[0]!.id]);
  });

  it("filters by action and by dates, both days included", () => {
    expect(actions(searchAudit(db, { action: "auth.login" }))).toEqual(["auth.login"]);
    expect(actions(searchAudit(db, { from: "2026-03-02", to: "2026-03-02" }))).toEqual(["organisation.verified"]);
    expect(actions(searchAudit(db, { from: "2026-03-03" }))).toEqual(["auth.login_failed", "admin.role_changed"]);
    expect(actions(searchAudit(db, { to: "2026-03-01" }))).toEqual(["auth.login"]);
    expect(
      actions(searchAudit(db, { actor: String(awa.id), from: "2026-03-02", action: "organisation.verified" })),
    ).toEqual(["organisation.verified"]);
  });

  it("gives 25 lines a page and lists each action once, in order", () => {
    for (let i = 0; i < 60; i++)
      insertAuditLine(db, { actorId: awa.id, action: "offer.created", at: new Date(Date.UTC(2026, 3, 1, 0, i)) });
    const first = searchAudit(db, { action: "offer.created" });
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3 });
    expect(first.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.items[0]!.createdAt).toEqual(new Date(Date.UTC(2026, 3, 1, 0, 59)));
    expect(searchAudit(db, { action: "offer.created", page: 2 }).items).toHaveLength(25);
    expect(searchAudit(db, { action: "offer.created", page: 3 }).items).toHaveLength(10);
    expect(auditActions(db)).toEqual([
      "admin.role_changed",
      "auth.login",
      "auth.login_failed",
      "offer.created",
      "organisation.verified",
    ]);
  });
});
