// A forgotten password: the code by SMS or the link by e-mail, its 30 minutes, its single use, its 5 tries,
// the limits, and the same answer for an account that does not exist, is disabled or deleted.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { RESET_REQUESTS_PER_IDENTIFIER } from "../../app/models/limits.server";
import {
  RESET_CODE_TTL_MS,
  requestPasswordReset,
  resetPassword,
  startPasswordReset,
} from "../../app/models/password-reset.server";
import type { Db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { oneTimeCodes, outbox, sessions, users } from "../../db/schema";
import { userRow } from "../helpers/counsellor";
import { auditRows, createTestDb } from "../helpers/db";
import { insertCandidate, insertCounsellor, insertUser } from "../helpers/factories";

let db: Db;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const MINUTE = 60_000;
const NEW_PASSWORD = "nouveau-secret-42";
const PHONE = "+22376000001";

beforeEach(() => {
  db = createTestDb();
});

/** The secret of the last reset message queued for a person: the SMS's code, or the token of the e-mail's link. */
function lastSecret(userId: number) {
  const rows = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.status, "pending")))
    .all();
  const payload = rows.at(-1)!.payload;
  if (typeof payload.code === "string") return payload.code;
  return new URL(String(payload.link), "http://x").searchParams.get("jeton")!;
}

function askAt(identifier: string, at: number, ip = "41.1.1.1") {
  return requestPasswordReset(db, { identifier, ip }, at);
}

const wrong = (code: string, n = 1) => code.slice(0, 5) + String((Number(code[5]) + n) % 10);
const withCode = (code: string, identifier = "76 00 00 01") => ({
  proof: { identifier, code },
  password: NEW_PASSWORD,
});

describe("requestPasswordReset", () => {
  it("sends an account with a phone a 6-digit code by SMS, keeping only its SHA-256, valid 30 minutes", () => {
    const person = insertCandidate(db, { phone: PHONE, locale: "en" });
    expect(askAt("+223 76 00 00 01", T0)).toEqual({ ok: true });
    const sms = db.select().from(outbox).where(eq(outbox.userId, person.id)).get()!;
    expect(sms).toMatchObject({ channel: "sms", recipient: PHONE, template: "passwordReset", locale: "en" });
    const code = String(sms.payload.code);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.payload.link).toBe("/nouveau-mot-de-passe");
    const row = db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, person.id)).get()!;
    expect(row).toMatchObject({ purpose: "reset_password", phone: PHONE });
    expect(row.codeHash).toBe(createHash("sha256").update(code).digest("hex"));
    expect(row.expiresAt.getTime()).toBe(T0 + RESET_CODE_TTL_MS);
  });

  it("sends the SMS to the account's phone even when the person typed its e-mail", () => {
    const person = insertCandidate(db, { phone: PHONE, email: "awa@exemple.ml" });
    askAt("Awa@Exemple.ML", T0);
    expect(db.select().from(outbox).where(eq(outbox.userId, person.id)).get()).toMatchObject({
      channel: "sms",
      recipient: PHONE,
    });
  });

  it("sends an account without a phone a link by e-mail whose long token is kept only as a hash", () => {
    const person = insertCandidate(db, { phone: null, email: "awa@exemple.ml" });
    askAt("awa@exemple.ml", T0);
    const mail = db.select().from(outbox).where(eq(outbox.userId, person.id)).get()!;
    expect(mail).toMatchObject({ channel: "email", recipient: "awa@exemple.ml", template: "passwordResetLink" });
    const token = lastSecret(person.id);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(String(mail.payload.link)).toBe(`/nouveau-mot-de-passe?jeton=${token}`);
    const row = db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, person.id)).get()!;
    expect(row.codeHash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("answers the same to an unknown, a disabled and a deleted account, and sends them nothing", () => {
    insertCandidate(db, { phone: "+22376000002", disabled: true });
    insertCandidate(db, { phone: "+22376000003", deleted: true });
    for (const identifier of ["76000009", "76000002", "76000003", "personne@exemple.ml"]) {
      expect(askAt(identifier, T0)).toEqual({ ok: true });
    }
    expect(db.select().from(outbox).all()).toEqual([]);
    expect(db.select().from(oneTimeCodes).all()).toEqual([]);
    // Every request is in the audit log, account or not.
    expect(auditRows(db, "account.password_reset_requested")).toHaveLength(4);
  });

  it("sends nothing to the placeholder address of a person registered without phone or e-mail", () => {
    insertCandidate(db, { phone: null, email: "sans-contact-1@baara.invalid" });
    expect(askAt("sans-contact-1@baara.invalid", T0)).toEqual({ ok: true });
    expect(db.select().from(outbox).all()).toEqual([]);
  });

  it(`allows ${RESET_REQUESTS_PER_IDENTIFIER} requests an hour per phone or e-mail, account or not, then waits`, () => {
    insertCandidate(db, { phone: PHONE });
    for (const identifier of ["76000001", "76000099"]) {
      for (let i = 0; i < RESET_REQUESTS_PER_IDENTIFIER; i++) {
        expect(askAt(identifier, T0 + i * MINUTE, `41.1.1.${i}`).ok).toBe(true);
      }
      const refused = askAt(identifier, T0 + 10 * MINUTE, "41.9.9.9");
      expect(refused).toEqual({ ok: false, retryAfterSeconds: 50 * 60 });
    }
    expect(auditRows(db, "account.code_issued")).toHaveLength(RESET_REQUESTS_PER_IDENTIFIER);
    expect(askAt("76000001", T0 + 61 * MINUTE).ok).toBe(true);
  });

  it("lets a whole town behind one address ask for 60 different accounts in an hour", () => {
    for (let i = 0; i < 60; i++) {
      expect(askAt(`760${String(10_000 + i)}`, T0 + i * 1000, "41.5.5.5").ok).toBe(true);
    }
  });

  it("voids the older code when a new one is asked, and drops its SMS if not sent yet", async () => {
    const person = insertCandidate(db, { phone: PHONE });
    askAt("76000001", T0);
    const first = lastSecret(person.id);
    askAt("76000001", T0 + MINUTE);
    const second = lastSecret(person.id);
    const pending = db.select().from(outbox).where(eq(outbox.status, "pending")).all();
    expect(pending.map((m) => m.payload.code)).toEqual([second]);
    if (first !== second) {
      expect(await resetPassword(db, withCode(first), T0 + 2 * MINUTE)).toEqual({ ok: false, reason: "invalid" });
    }
    expect((await resetPassword(db, withCode(second), T0 + 3 * MINUTE)).ok).toBe(true);
  });
});

describe("resetPassword", () => {
  async function personAskedAt(at = T0) {
    const person = insertCandidate(db, { phone: PHONE });
    askAt("76000001", at);
    return { person, code: lastSecret(person.id) };
  }

  it("changes the password, ends the person's sessions, writes the audit log, gives their role", async () => {
    const { person, code } = await personAskedAt();
    db.insert(sessions)
      .values([
        { id: "a".repeat(64), userId: person.id, expiresAt: new Date(T0 + 86_400_000) },
        { id: "b".repeat(64), userId: person.id, expiresAt: new Date(T0 + 86_400_000) },
      ])
      .run();
    const other = insertCandidate(db);
    db.insert(sessions)
      .values({ id: "c".repeat(64), userId: other.id, expiresAt: new Date(T0 + 86_400_000) })
      .run();
    const result = await resetPassword(db, { ...withCode(code), ip: "41.3.3.3" }, T0 + 10 * MINUTE);
    expect(result).toEqual({ ok: true, userId: person.id, role: "candidat" });
    expect(await verifyPassword(NEW_PASSWORD, userRow(db, person.id)!.passwordHash)).toBe(true);
    expect(
      db
        .select()
        .from(sessions)
        .all()
        .map((s) => s.userId),
    ).toEqual([other.id]);
    expect(auditRows(db, "account.password_reset")).toMatchObject([{ actorId: person.id, ip: "41.3.3.3" }]);
  });

  it("works once", async () => {
    const { code } = await personAskedAt();
    expect((await resetPassword(db, withCode(code), T0 + MINUTE)).ok).toBe(true);
    expect(await resetPassword(db, withCode(code), T0 + 2 * MINUTE)).toEqual({ ok: false, reason: "used" });
  });

  it("expires after 30 minutes", async () => {
    const { person, code } = await personAskedAt();
    expect(await resetPassword(db, withCode(code), T0 + RESET_CODE_TTL_MS + 1)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(userRow(db, person.id)!.passwordHash).toBeNull();
    expect((await resetPassword(db, withCode(code), T0 + RESET_CODE_TTL_MS - MINUTE)).ok).toBe(true);
  });

  it("answers « invalid » to a wrong code, an unknown phone, a disabled account, another's code", async () => {
    const { person, code } = await personAskedAt();
    const other = insertCandidate(db, { phone: "+22376000002" });
    askAt("76000002", T0);
    const otherCode = lastSecret(other.id);
    const invalid = { ok: false, reason: "invalid" };
    expect(await resetPassword(db, withCode(wrong(code)), T0)).toEqual(invalid);
    expect(await resetPassword(db, withCode(code, "76009999"), T0)).toEqual(invalid);
    if (otherCode !== code) expect(await resetPassword(db, withCode(otherCode), T0)).toEqual(invalid);
    db.update(users)
      .set({ disabledAt: new Date(T0) })
      .where(eq(users.id, person.id))
      .run();
    expect(await resetPassword(db, withCode(code), T0)).toEqual(invalid);
  });

  it("voids the code after 5 wrong codes, even spread over the 30 minutes; 4 are forgiven", async () => {
    const { person, code } = await personAskedAt();
    for (let i = 1; i <= 4; i++) {
      await resetPassword(db, { ...withCode(wrong(code, i)), ip: `41.4.4.${i}` }, T0 + i * 4 * MINUTE);
    }
    expect(db.select().from(oneTimeCodes).get()!.usedAt).toBeNull();
    await resetPassword(db, { ...withCode(wrong(code, 5)), ip: "41.4.4.5" }, T0 + 20 * MINUTE);
    expect(await resetPassword(db, { ...withCode(code), ip: "41.4.4.6" }, T0 + 21 * MINUTE)).toEqual({
      ok: false,
      reason: "used",
    });
    expect(userRow(db, person.id)!.passwordHash).toBeNull();
    expect(auditRows(db, "account.code_voided")).toHaveLength(1);
  });

  it("is throttled like activation: after 5 failures in 15 minutes, even the right code waits", async () => {
    const { code } = await personAskedAt();
    for (let i = 1; i <= 5; i++) {
      await resetPassword(db, { ...withCode(wrong(code, i)), ip: `41.5.5.${i}` }, T0 + i * 1000);
    }
    expect(await resetPassword(db, { ...withCode(code), ip: "41.6.6.6" }, T0 + MINUTE)).toEqual({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("sets the password from the e-mail's link, once; a made-up token is refused", async () => {
    const person = insertCandidate(db, { phone: null, email: "awa@exemple.ml" });
    askAt("awa@exemple.ml", T0);
    const token = lastSecret(person.id);
    const byLink = (t: string) => ({ proof: { token: t }, password: NEW_PASSWORD });
    expect(await resetPassword(db, byLink("x".repeat(43)), T0 + MINUTE)).toEqual({ ok: false, reason: "invalid" });
    expect(await resetPassword(db, byLink(token), T0 + 2 * MINUTE)).toMatchObject({ ok: true, userId: person.id });
    expect(await resetPassword(db, byLink(token), T0 + 3 * MINUTE)).toEqual({ ok: false, reason: "used" });
  });

  it("confirms the account's phone when the code came by SMS to it", async () => {
    const { person, code } = await personAskedAt();
    db.update(users).set({ phoneConfirmedAt: null }).where(eq(users.id, person.id)).run();
    await resetPassword(db, withCode(code), T0 + MINUTE);
    expect(userRow(db, person.id)!.phoneConfirmedAt?.getTime()).toBe(T0 + MINUTE);
  });
});

describe("startPasswordReset", () => {
  it("sends the candidate a code they alone receive, audited with the counsellor as actor", async () => {
    const counsellor = insertCounsellor(db);
    const person = insertCandidate(db, { phone: PHONE });
    expect(startPasswordReset(db, counsellor.id, person.id, { ip: "41.2.2.2", now: T0 })).toEqual({
      ok: true,
      channel: "sms",
    });
    expect(db.select().from(outbox).get()).toMatchObject({ recipient: PHONE, template: "passwordReset" });
    expect(auditRows(db, "account.code_issued")).toMatchObject([
      { actorId: counsellor.id, subjectId: String(person.id), detail: { purpose: "reset_password", channel: "sms" } },
    ]);
    expect((await resetPassword(db, withCode(lastSecret(person.id)), T0 + MINUTE)).ok).toBe(true);
  });

  it("refuses staff, employers, deleted accounts; says why for a disabled account or one without contact", async () => {
    const counsellor = insertCounsellor(db);
    const employer = await insertUser(db, { role: "employeur", phone: "+22376000010" });
    const deleted = insertCandidate(db, { deleted: true });
    const disabled = insertCandidate(db, { disabled: true });
    const noContact = insertCandidate(db, { phone: null, email: "sans-contact-2@baara.invalid" });
    expect(startPasswordReset(db, counsellor.id, counsellor.id).ok).toBe(false);
    expect(startPasswordReset(db, counsellor.id, employer.id)).toEqual({ ok: false, reason: "not_found" });
    expect(startPasswordReset(db, counsellor.id, deleted.id)).toEqual({ ok: false, reason: "not_found" });
    expect(startPasswordReset(db, counsellor.id, 999_999)).toEqual({ ok: false, reason: "not_found" });
    expect(startPasswordReset(db, counsellor.id, disabled.id)).toEqual({ ok: false, reason: "disabled" });
    expect(startPasswordReset(db, counsellor.id, noContact.id)).toEqual({ ok: false, reason: "no_contact" });
    expect(db.select().from(outbox).all()).toEqual([]);
  });
});
