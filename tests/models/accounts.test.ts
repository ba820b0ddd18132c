import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  LOGIN_FAILURES_PER_ACCOUNT,
  LOGIN_FAILURES_PER_ADDRESS,
  LOGIN_FAILURES_PER_ADDRESS_AND_IDENTIFIER,
  LOGIN_WINDOW_MS,
} from "../../app/models/limits.server";
import { authenticate } from "../../app/models/login.server";
import { ContactTakenError, registerAccount } from "../../app/models/registration.server";
import { registrationSchema } from "../../app/schemas/auth";
import type { Db } from "../../app/utils/db.server";
import { auditLog, candidateProfiles, memberships, organisations, users } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertFailedLogin, PASSWORD, registerCandidate, registerEmployer } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

describe("registerAccount: candidate", () => {
  it("creates an account with a phone number only", async () => {
    const user = await registerCandidate(db, { phone: "76 12 34 56" });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.role).toBe("candidat");
    expect(row.phone).toBe("+22376123456");
    expect(row.email).toBeNull();
    expect(row.displayName).toBe("Fatoumata Sidibé");
    expect(row.locale).toBe("fr");
  });

  it("creates an account with an e-mail address only, stored lower-cased", async () => {
    const user = await registerCandidate(db, { email: "Awa.Diarra@Example.ML" });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.phone).toBeNull();
    expect(row.email).toBe("awa.diarra@example.ml");
  });

  it("records the candidate's online consent, time-stamped, in their profile", async () => {
    const before = Date.now();
    const user = await registerCandidate(db, { phone: "76 12 34 56", firstName: "Aminata", lastName: "N'Diaye" });
    const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, user.id)).get()!;
    expect(profile.firstName).toBe("Aminata");
    expect(profile.lastName).toBe("N'Diaye");
    expect(profile.consentMethod).toBe("online");
    expect(profile.consentAt).toBeInstanceOf(Date);
    expect(profile.consentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(profile.consentAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("writes 'account.registered' in the audit log with the address", async () => {
    const user = await registerCandidate(db, { phone: "76 12 34 56" }, "41.73.1.2");
    const [row] = auditRows(db, "account.registered");
    expect(row).toMatchObject({ actorId: user.id, subjectType: "user", subjectId: String(user.id), ip: "41.73.1.2" });
    expect(row!.detail).toEqual({ role: "candidat" });
  });

  it("creates no organisation for a candidate", async () => {
    await registerCandidate(db, { phone: "76 12 34 56" });
    expect(db.select().from(organisations).all()).toHaveLength(0);
  });
});

describe("registerAccount: employer", () => {
  it("creates a pending employer organisation owned by the new account", async () => {
    const user = await registerEmployer(db, {
      email: "moussa@atelier.ml",
      orgName: "Garage Moderne de Sikasso",
      sector: "mecanique",
      region: "sikasso",
    });
    expect(user.role).toBe("employeur");
    const org = db.select().from(organisations).get()!;
    expect(org).toMatchObject({
      kind: "employer",
      name: "Garage Moderne de Sikasso",
      verificationStatus: "pending",
      sector: "mecanique",
      region: "sikasso",
      contactName: "Moussa Traoré",
      contactEmail: "moussa@atelier.ml",
    });
    const membership = db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
    expect(membership).toMatchObject({ orgId: org.id, role: "owner" });
    expect(db.select().from(candidateProfiles).all()).toHaveLength(0);
  });
});

describe("registerAccount: contact already used", () => {
  it("refuses a phone number that already has an account, whatever way it is written", async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    const error = await registerCandidate(db, { phone: "+223 70-11-22-33" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactTakenError);
    expect((error as ContactTakenError).fields).toEqual({ phone: true, email: false });
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("refuses an e-mail address that already has an account, in any case", async () => {
    await registerCandidate(db, { email: "Awa@Example.ML" });
    const error = await registerEmployer(db, { email: "awa@example.ml" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactTakenError);
    expect((error as ContactTakenError).fields).toEqual({ phone: false, email: true });
    // The refused employer left nothing behind.
    expect(db.select().from(users).all()).toHaveLength(1);
    expect(db.select().from(organisations).all()).toHaveLength(0);
  });

  it("names both fields when both are taken", async () => {
    await registerCandidate(db, { phone: "70 11 22 33", email: "awa@example.ml" });
    const error = await registerCandidate(db, { phone: "70112233", email: "AWA@example.ml" }).catch((e: unknown) => e);
    expect((error as ContactTakenError).fields).toEqual({ phone: true, email: true });
  });
});

describe("passwords", () => {
  it("stores a salted scrypt hash, never the password itself", async () => {
    const a = await registerCandidate(db, { phone: "70 11 22 33" });
    const b = await registerCandidate(db, { phone: "70 11 22 34" });
    const hashA = db.select().from(users).where(eq(users.id, a.id)).get()!.passwordHash!;
    const hashB = db.select().from(users).where(eq(users.id, b.id)).get()!.passwordHash!;
    expect(hashA).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hashA).not.toContain(PASSWORD);
    expect(hashA).not.toBe(hashB);
    // Nowhere in the database, not even in the audit log.
    const dump = JSON.stringify([db.select().from(users).all(), db.select().from(auditLog).all()]);
    expect(dump).not.toContain(PASSWORD);
  });
});

describe("authenticate", () => {
  const ip = "41.73.10.20";

  it.each(["70 11 22 33", "70112233", "+223 70 11 22 33", "0022370112233", "70.11.22.33"])(
    "logs in with the phone written %j",
    async (identifier) => {
      const user = await registerCandidate(db, { phone: "70 11 22 33" });
      const result = await authenticate(db, { identifier, password: PASSWORD, ip });
      expect(result).toEqual({ ok: true, user: { id: user.id, role: "candidat" } });
    },
  );

  it.each(["awa@example.ml", "AWA@EXAMPLE.ML", "  Awa@Example.ml "])(
    "logs in with the e-mail written %j",
    async (identifier) => {
      const user = await registerEmployer(db, { email: "awa@example.ml" });
      const result = await authenticate(db, { identifier, password: PASSWORD, ip });
      expect(result).toEqual({ ok: true, user: { id: user.id, role: "employeur" } });
    },
  );

  it("updates lastLoginAt and writes 'auth.login' on success", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    db.update(users).set({ lastLoginAt: old }).where(eq(users.id, user.id)).run();
    await authenticate(db, { identifier: "70112233", password: PASSWORD, ip });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.lastLoginAt!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
    const [login] = auditRows(db, "auth.login");
    expect(login).toMatchObject({ actorId: user.id, subjectId: String(user.id), ip });
  });

  it("gives the same answer for a wrong password, an unknown account and a disabled account", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    await registerCandidate(db, { phone: "70 11 22 44" });
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.phone, "+22370112244")).run();

    const wrong = await authenticate(db, { identifier: "70112233", password: "pas-le-bon", ip: "1.1.1.1" });
    const unknown = await authenticate(db, { identifier: "nobody@example.ml", password: PASSWORD, ip: "1.1.1.2" });
    const disabled = await authenticate(db, { identifier: "70112244", password: PASSWORD, ip: "1.1.1.3" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(disabled).toEqual(wrong);

    const failures = auditRows(db, "auth.login_failed");
    expect(failures.map((f) => [f.subjectId, f.ip])).toEqual([
      ["+22370112233", "1.1.1.1"],
      ["nobody@example.ml", "1.1.1.2"],
      ["+22370112244", "1.1.1.3"],
    ]);
    expect(failures[0]!.actorId).toBe(user.id);
    expect(failures[1]!.actorId).toBeNull();
    expect(auditRows(db, "auth.login")).toHaveLength(0);
  });

  it("refuses a deleted account with the right password", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an account that has no password yet (registered by a counsellor)", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id)).run();
    expect(await authenticate(db, { identifier: "70112233", password: "", ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it(`stops checking after ${LOGIN_FAILURES_PER_ACCOUNT} failures for one identifier, even with the right password`, async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      // Each attempt from another address and in another spelling of the same number.
      const identifier = i % 2 ? "+223 70 11 22 33" : "70112233";
      const result = await authenticate(db, { identifier, password: `wrong-${i}`, ip: `10.0.0.${i}` });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await authenticate(db, { identifier: "70 11 22 33", password: PASSWORD, ip: "10.0.1.1" });
    expect(sixth).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(auditRows(db, "auth.login_throttled")).toHaveLength(1);
    expect(auditRows(db, "auth.login")).toHaveLength(0);
  });

  it(`still accepts the right password after ${LOGIN_FAILURES_PER_ACCOUNT - 1} failures`, async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT - 1; i++) {
      await authenticate(db, { identifier: "70112233", password: "wrong", ip });
    }
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).toEqual({
      ok: true,
      user: { id: user.id, role: "candidat" },
    });
  });

  it(`stops checking after ${LOGIN_FAILURES_PER_ACCOUNT} failures on one account, whatever identifier named it`, async () => {
    await registerCandidate(db, { phone: "70 11 22 33", email: "awa@example.ml" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      expect(
        await authenticate(db, { identifier: "Awa@Example.ML", password: `wrong-${i}`, ip: `10.0.2.${i}` }),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    // The sixth try names the account by its phone, from yet another address.
    expect(await authenticate(db, { identifier: "70 11 22 33", password: "wrong", ip: "10.0.3.1" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: "10.0.3.2" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(auditRows(db, "auth.login_failed")).toHaveLength(LOGIN_FAILURES_PER_ACCOUNT);
  });

  it(`stops checking after ${LOGIN_FAILURES_PER_ADDRESS_AND_IDENTIFIER} failures with one unknown identifier from one address`, async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS_AND_IDENTIFIER; i++) {
      await authenticate(db, { identifier: "personne@example.ml", password: `wrong-${i}`, ip });
    }
    // Exactly as for an account that exists: the answer never says which.
    expect(await authenticate(db, { identifier: "personne@example.ml", password: "wrong", ip })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("lets 6 people behind one address each mistype their password once and then log in", async () => {
    const people = [];
    for (let i = 0; i < 6; i++)
      people.push(await registerCandidate(db, { phone: `70 11 23 ${String(i).padStart(2, "0")}` }));
    const shared = "41.73.99.99";
    for (let i = 0; i < 6; i++) {
      expect(
        await authenticate(db, { identifier: `701123${String(i).padStart(2, "0")}`, password: "wrong", ip: shared }),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    for (let i = 0; i < 6; i++) {
      const result = await authenticate(db, {
        identifier: `701123${String(i).padStart(2, "0")}`,
        password: PASSWORD,
        ip: shared,
      });
      expect(result).toEqual({ ok: true, user: { id: people[i]!.id, role: "candidat" } });
    }
  });

  it(`refuses an address only after ${LOGIN_FAILURES_PER_ADDRESS} failures in 15 minutes on different identifiers`, async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    const shared = "41.73.99.99";
    const recently = new Date(Date.now() - 60_000);
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS - 1; i++) {
      insertFailedLogin(db, { identifier: `personne${i}@example.ml`, ip: shared, at: recently });
    }
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: shared })).toEqual({
      ok: true,
      user: { id: user.id, role: "candidat" },
    });
    insertFailedLogin(db, { identifier: "encore@example.ml", ip: shared, at: recently });
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: shared })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // The account itself is not locked for someone at another address.
    expect((await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: "41.73.1.1" })).ok).toBe(true);
  });

  it("does not count against an address the typos of people who then logged in (a job fair)", async () => {
    const fair = "41.73.50.50";
    const recently = new Date(Date.now() - 60_000);
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS - 3; i++) {
      insertFailedLogin(db, { identifier: `inconnu${i}@example.ml`, ip: fair, at: recently });
    }
    const awa = await registerCandidate(db, { phone: "70 11 22 33" });
    db.update(users)
      .set({ lastLoginAt: new Date(Date.now() - 3_600_000) })
      .where(eq(users.id, awa.id))
      .run();
    await authenticate(db, { identifier: "70112233", password: "wrong", ip: fair });
    await authenticate(db, { identifier: "70112233", password: "wrong-again", ip: fair });
    await new Promise((r) => setTimeout(r, 5));
    expect((await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: fair })).ok).toBe(true);
    insertFailedLogin(db, { identifier: "encore@example.ml", ip: fair, at: new Date() });
    // 100 failures from the fair's address, but Awa's 2 typos are forgiven: the next person gets in.
    const binta = await registerCandidate(db, { phone: "70 11 22 44" });
    expect(await authenticate(db, { identifier: "70112244", password: PASSWORD, ip: fair })).toEqual({
      ok: true,
      user: { id: binta.id, role: "candidat" },
    });
  });

  it("gives the seconds to wait before the oldest counted failure leaves the window", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    db.update(users)
      .set({ lastLoginAt: new Date(Date.now() - 3_600_000) })
      .where(eq(users.id, user.id))
      .run();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++)
      insertFailedLogin(db, { identifier: "+22370112233", ip: `10.7.7.${i}`, at: tenMinutesAgo });
    const result = await authenticate(db, { identifier: "70112233", password: PASSWORD, ip });
    expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
    const wait = (result as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(4 * 60);
    expect(wait).toBeLessThanOrEqual(5 * 60);
  });

  it("does not let someone's success on their own account forgive failures on another account", async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    await registerCandidate(db, { phone: "70 11 22 44" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT - 1; i++) {
      await authenticate(db, { identifier: "70112233", password: `wrong-${i}`, ip });
    }
    await new Promise((r) => setTimeout(r, 5));
    expect((await authenticate(db, { identifier: "70112244", password: PASSWORD, ip })).ok).toBe(true);
    await authenticate(db, { identifier: "70112233", password: "wrong-last", ip });
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("does not lump together every request whose address is unknown", async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      await authenticate(db, { identifier: `personne${i}@example.ml`, password: "wrong", ip: "unknown" });
    }
    expect((await authenticate(db, { identifier: "70112233", password: PASSWORD, ip: "unknown" })).ok).toBe(true);
  });

  it("forgets failures older than 15 minutes", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    const longAgo = new Date(Date.now() - LOGIN_WINDOW_MS - 60_000);
    for (let i = 0; i < 10; i++) {
      insertFailedLogin(db, { identifier: "+22370112233", ip, at: longAgo });
    }
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).toEqual({
      ok: true,
      user: { id: user.id, role: "candidat" },
    });
  });

  it("counts failures inside the 15 minutes, back-dated ones included", async () => {
    const user = await registerCandidate(db, { phone: "70 11 22 33" });
    // Registered (and so last logged in) an hour ago.
    db.update(users)
      .set({ lastLoginAt: new Date(Date.now() - 3_600_000) })
      .where(eq(users.id, user.id))
      .run();
    const recently = new Date(Date.now() - LOGIN_WINDOW_MS + 60_000);
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      insertFailedLogin(db, { identifier: "+22370112233", ip: `10.9.9.${i}`, at: recently });
    }
    expect(await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("forgives an identifier's typos once the person logs in successfully", async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT - 1; i++) {
      await authenticate(db, { identifier: "70112233", password: "wrong", ip });
    }
    await new Promise((r) => setTimeout(r, 5));
    expect((await authenticate(db, { identifier: "70112233", password: PASSWORD, ip })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await authenticate(db, { identifier: "70112233", password: "wrong", ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(db, { identifier: "70 11 22 33", password: PASSWORD, ip })).toMatchObject({ ok: true });
  });

  it("records a throttled attempt in the audit log as throttled, not as one more failure", async () => {
    await registerCandidate(db, { phone: "70 11 22 33" });
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      await authenticate(db, { identifier: "70112233", password: "wrong", ip });
    }
    await authenticate(db, { identifier: "70112233", password: "wrong", ip });
    const throttled = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login_throttled"), eq(auditLog.subjectId, "+22370112233")))
      .all();
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.ip).toBe(ip);
    expect(auditRows(db, "auth.login_failed")).toHaveLength(LOGIN_FAILURES_PER_ACCOUNT);
  });
});

describe("registerAccount: the language of the page signed up on", () => {
  const form = (fields: Record<string, string>) =>
    registrationSchema.parse({
      phone: "",
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      consent: "on",
      firstName: "Awa",
      lastName: "Koné",
      ...fields,
    });

  it("keeps Bamanankan for a candidate, whose SMS are written in it", async () => {
    const user = await registerAccount(db, form({ accountType: "candidat", email: "awa@example.ml" }), "bm");
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.locale).toBe("bm");
  });

  it("gives an employer who browsed in Bamanankan French messages: staff pages and messages are French or English", async () => {
    const employer = form({
      accountType: "employeur",
      email: "atelier@example.ml",
      orgName: "Atelier Koné",
      sector: "btp",
      region: "bamako",
    });
    const user = await registerAccount(db, employer, "bm");
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.locale).toBe("fr");
  });
});
