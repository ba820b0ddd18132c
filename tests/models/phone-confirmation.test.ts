// Confirming a phone number with a code sent to it, and changing it the same way.
// Bad input tried: wrong codes, the right code after 30 minutes, twice, after 5 wrong ones,
// a number of another account, too many codes asked for.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activateAccount, issueSetPasswordCode } from "../../app/models/activation.server";
import { LOGIN_WINDOW_MS, PHONE_CODES_PER_WINDOW } from "../../app/models/limits.server";
import { notifyCandidate } from "../../app/models/messages.server";
import { confirmPhone, PHONE_CODE_TTL_MS, phoneState, sendPhoneCode } from "../../app/models/phone-confirmation.server";
import type { Db } from "../../app/utils/db.server";
import { notifications, oneTimeCodes, outbox, users } from "../../db/schema";
import { insertCounselledCandidate } from "../helpers/counsellor";
import { auditRows, createTestDb } from "../helpers/db";
import { insertCandidate } from "../helpers/factories";

let db: Db;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const MINUTE = 60_000;

beforeEach(() => {
  db = createTestDb();
});

const account = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
const smsTo = (phone: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipient, phone), eq(outbox.template, "confirmPhone")))
    .all();
/** The code of the last confirmation SMS to this number, read from the outbox as the phone would. */
const codeSentTo = (phone: string) => String(smsTo(phone).at(-1)!.payload.code);
const wrong = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10);

/** A candidate who has just signed up with this number, not confirmed yet. */
function newcomer(phone = "+22376303719") {
  const person = insertCandidate(db, { phone, phoneConfirmed: false, smsConsent: true });
  expect(sendPhoneCode(db, person.id, { now: T0 })).toEqual({ ok: true, phone });
  return person;
}

describe("sendPhoneCode", () => {
  it("sends 6 digits by SMS to the number, keeps only their SHA-256, valid 30 minutes", () => {
    const person = newcomer();
    const code = codeSentTo("+22376303719");
    expect(code).toMatch(/^\d{6}$/);
    const row = db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, person.id)).get()!;
    expect(row).toMatchObject({ purpose: "confirm_phone", phone: "+22376303719", usedAt: null });
    expect(row.codeHash).toBe(createHash("sha256").update(code).digest("hex"));
    expect(row.expiresAt.getTime()).toBe(T0 + PHONE_CODE_TTL_MS);
    expect(smsTo("+22376303719")[0]!.payload.link).toBe("/confirmer-telephone");
    expect(phoneState(db, person.id, T0)).toMatchObject({ phone: "+22376303719", confirmed: false, codeLive: true });
  });

  it(`sends at most ${PHONE_CODES_PER_WINDOW} codes to one account in 15 minutes, then says how long to wait`, () => {
    const person = newcomer();
    for (let i = 1; i < PHONE_CODES_PER_WINDOW; i++) {
      expect(sendPhoneCode(db, person.id, { now: T0 + i * MINUTE }).ok).toBe(true);
    }
    const refused = sendPhoneCode(db, person.id, { now: T0 + 5 * MINUTE });
    expect(refused).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 10 * 60 });
    expect(smsTo("+22376303719")).toHaveLength(1); // each new code dropped the unsent SMS of the one before
    expect(sendPhoneCode(db, person.id, { now: T0 + LOGIN_WINDOW_MS + 1 }).ok).toBe(true);
  });

  it("counts the codes sent to one number from several accounts (nobody floods a phone)", () => {
    const target = "+22365000001";
    for (let i = 0; i < PHONE_CODES_PER_WINDOW; i++) {
      const person = insertCandidate(db);
      expect(sendPhoneCode(db, person.id, { phone: target, now: T0 + i }).ok).toBe(true);
    }
    const another = insertCandidate(db);
    expect(sendPhoneCode(db, another.id, { phone: target, now: T0 + MINUTE })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("sends nothing for a number already confirmed on the account", () => {
    const person = insertCandidate(db, { phone: "+22370000009" });
    expect(sendPhoneCode(db, person.id, { now: T0 })).toEqual({ ok: false, reason: "already_confirmed" });
    expect(sendPhoneCode(db, person.id, { phone: "+22370000009", now: T0 })).toEqual({
      ok: false,
      reason: "already_confirmed",
    });
    const noPhone = insertCandidate(db, { phone: null });
    expect(sendPhoneCode(db, noPhone.id, { now: T0 })).toEqual({ ok: false, reason: "no_phone" });
  });
});

describe("confirmPhone", () => {
  it("confirms the number with the right code, once", () => {
    const person = newcomer();
    const code = codeSentTo("+22376303719");
    expect(confirmPhone(db, person.id, wrong(code), { now: T0 + MINUTE })).toEqual({ ok: false, reason: "invalid" });
    expect(confirmPhone(db, person.id, ` ${code} `, { now: T0 + 2 * MINUTE })).toEqual({
      ok: true,
      phone: "+22376303719",
    });
    expect(account(person.id).phoneConfirmedAt?.getTime()).toBe(T0 + 2 * MINUTE);
    expect(confirmPhone(db, person.id, code, { now: T0 + 3 * MINUTE })).toEqual({ ok: false, reason: "used" });
    expect(auditRows(db, "account.phone_confirmed")).toHaveLength(1);
    expect(phoneState(db, person.id, T0 + 3 * MINUTE)).toMatchObject({ confirmed: true, codeLive: false });
  });

  it("refuses the right code after 30 minutes", () => {
    const person = newcomer();
    const late = T0 + PHONE_CODE_TTL_MS + 1;
    expect(confirmPhone(db, person.id, codeSentTo("+22376303719"), { now: late })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(account(person.id).phoneConfirmedAt).toBeNull();
  });

  it("voids the code after 5 wrong ones: even the right one no longer works", () => {
    const person = newcomer();
    const code = codeSentTo("+22376303719");
    for (let i = 1; i <= 5; i++) confirmPhone(db, person.id, wrong(code), { ip: `10.0.0.${i}`, now: T0 + i });
    // Past the 15 minutes of the throttle, still within the code's 30.
    expect(confirmPhone(db, person.id, code, { now: T0 + 16 * MINUTE })).toEqual({ ok: false, reason: "used" });
    expect(account(person.id).phoneConfirmedAt).toBeNull();
  });

  it("is throttled after 5 wrong codes for one number in 15 minutes, new codes included", () => {
    const person = newcomer();
    for (let i = 0; i < 5; i++) confirmPhone(db, person.id, "000000", { now: T0 + i });
    sendPhoneCode(db, person.id, { now: T0 + MINUTE });
    const fresh = codeSentTo("+22376303719");
    expect(confirmPhone(db, person.id, fresh, { now: T0 + 2 * MINUTE })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("answers nobody with another person's code", () => {
    const first = newcomer("+22376000001");
    const second = newcomer("+22376000002");
    expect(confirmPhone(db, second.id, codeSentTo("+22376000001"), { now: T0 + MINUTE })).toMatchObject({
      ok: false,
    });
    expect(account(first.id).phoneConfirmedAt).toBeNull();
    expect(account(second.id).phoneConfirmedAt).toBeNull();
  });
});

describe("changing one's number", () => {
  it("keeps the old number on the account until the new one is confirmed by the code sent to it", () => {
    const person = insertCandidate(db, { phone: "+22370000011" });
    expect(sendPhoneCode(db, person.id, { phone: "+22366000011", now: T0 })).toEqual({
      ok: true,
      phone: "+22366000011",
    });
    expect(smsTo("+22370000011")).toHaveLength(0);
    expect(account(person.id).phone).toBe("+22370000011");
    expect(phoneState(db, person.id, T0)).toMatchObject({
      phone: "+22366000011",
      accountPhone: "+22370000011",
      accountConfirmed: true,
      codeLive: true,
    });
    expect(confirmPhone(db, person.id, codeSentTo("+22366000011"), { now: T0 + MINUTE }).ok).toBe(true);
    expect(account(person.id)).toMatchObject({ phone: "+22366000011", phoneConfirmedAt: new Date(T0 + MINUTE) });
    expect(auditRows(db, "account.phone_change_requested")).toHaveLength(1);
    expect(auditRows(db, "account.phone_changed")).toEqual([
      expect.objectContaining({ actorId: person.id, subjectId: String(person.id) }),
    ]);
  });

  it("answers the same for a number of another account, sends it nothing, and never moves it", () => {
    const owner = insertCandidate(db, { phone: "+22370000021" });
    const free = insertCandidate(db, { phone: "+22370000022" });
    const prober = insertCandidate(db, { phone: "+22370000023" });
    const toFree = sendPhoneCode(db, free.id, { phone: "+22366000099", now: T0 });
    const toTaken = sendPhoneCode(db, prober.id, { phone: "+22370000021", now: T0 });
    expect(toTaken).toEqual({ ok: true, phone: "+22370000021" });
    expect(Object.keys(toTaken)).toEqual(Object.keys(toFree));
    expect(phoneState(db, prober.id, T0)).toMatchObject({ phone: "+22370000021", codeLive: true });
    expect(smsTo("+22370000021")).toHaveLength(0);
    expect(auditRows(db, "account.phone_change_requested")).toHaveLength(2);
    for (const guess of ["000000", "123456"]) confirmPhone(db, prober.id, guess, { now: T0 + MINUTE });
    expect(account(owner.id).phone).toBe("+22370000021");
    expect(account(prober.id).phone).toBe("+22370000023");
  });

  it("refuses a number another account took after the code was sent", () => {
    const person = insertCandidate(db, { phone: "+22370000031" });
    sendPhoneCode(db, person.id, { phone: "+22366000031", now: T0 });
    const code = codeSentTo("+22366000031");
    insertCandidate(db, { phone: "+22366000031" });
    expect(confirmPhone(db, person.id, code, { now: T0 + MINUTE })).toEqual({ ok: false, reason: "unavailable" });
    expect(account(person.id).phone).toBe("+22370000031");
  });
});

describe("optional SMS wait for a confirmed number", () => {
  const news = { kind: "alerts.digest", template: "alerts.digest", payload: { count: 1, titles: "Maçon" } };

  it("tells an unconfirmed number nothing by SMS (the portal still does), and a confirmed one by SMS", () => {
    const unconfirmed = newcomer("+22376000041");
    notifyCandidate(db, unconfirmed.id, { ...news, dedupeKey: "a" });
    expect(db.select().from(outbox).where(eq(outbox.template, "alerts.digest")).all()).toHaveLength(0);
    expect(db.select().from(notifications).where(eq(notifications.userId, unconfirmed.id)).all()).toHaveLength(1);

    confirmPhone(db, unconfirmed.id, codeSentTo("+22376000041"), { now: T0 + MINUTE });
    notifyCandidate(db, unconfirmed.id, { ...news, dedupeKey: "b" });
    expect(db.select().from(outbox).where(eq(outbox.template, "alerts.digest")).all()).toEqual([
      expect.objectContaining({ channel: "sms", recipient: "+22376000041" }),
    ]);
  });

  it("writes by e-mail to a person whose number is not confirmed but who has an address", () => {
    const person = insertCandidate(db, {
      phone: "+22376000051",
      email: "awa@example.ml",
      phoneConfirmed: false,
      smsConsent: true,
    });
    notifyCandidate(db, person.id, { ...news, dedupeKey: "c" });
    expect(db.select().from(outbox).all()).toEqual([
      expect.objectContaining({ channel: "email", recipient: "awa@example.ml" }),
    ]);
  });

  it("still sends the codes a person asks for to an unconfirmed number", () => {
    newcomer("+22376000061");
    expect(smsTo("+22376000061")).toHaveLength(1);
  });
});

describe("activation by SMS code", () => {
  it("confirms the number it came to", async () => {
    const person = insertCounselledCandidate(db, { phone: "+22376000071" });
    db.update(users).set({ phoneConfirmedAt: null }).where(eq(users.id, person.id)).run();
    const { code } = issueSetPasswordCode(db, person.id, { now: T0 })!;
    const activated = await activateAccount(db, { phone: "76000071", code, password: "nouveau-mdp" }, T0 + MINUTE);
    expect(activated.ok).toBe(true);
    expect(account(person.id).phoneConfirmedAt?.getTime()).toBe(T0 + MINUTE);
  });
});
