// The SMS code that lets a person registered by a counsellor choose their password.
// Bad input tried: wrong codes, a code of another person, an unknown phone, the
// right code after 24 hours, twice, after a new code, after 5 wrong ones.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activateAccount, CODE_TTL_MS, issueSetPasswordCode } from "../../app/models/activation.server";
import { LOGIN_FAILURES_PER_ADDRESS } from "../../app/models/limits.server";
import type { Db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { auditLog, oneTimeCodes, outbox, users } from "../../db/schema";
import { insertCounselledCandidate, userRow } from "../helpers/counsellor";
import { createTestDb } from "../helpers/db";

let db: Db;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const MINUTE = 60_000;
const NEW_PASSWORD = "mon-nouveau-mdp";

beforeEach(() => {
  db = createTestDb();
});

function personWithCode(phone = "+22376000001") {
  const person = insertCounselledCandidate(db, { phone });
  const issued = issueSetPasswordCode(db, person.id, { now: T0 })!;
  return { person, ...issued };
}

/** A wrong code: the right one with its last digit changed. */
const wrong = (code: string, n = 1) => code.slice(0, 5) + String((Number(code[5]) + n) % 10);

describe("issueSetPasswordCode", () => {
  it("keeps only the SHA-256 of a 6-digit code, valid 24 hours, and puts the code in an SMS in the person's language", () => {
    const person = insertCounselledCandidate(db, { phone: "+22376000001" });
    db.update(users).set({ locale: "en" }).where(eq(users.id, person.id)).run();
    const { code, codeId } = issueSetPasswordCode(db, person.id, { now: T0, actorId: null })!;
    expect(code).toMatch(/^\d{6}$/);
    const row = db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, codeId)).get()!;
    expect(row.codeHash).toBe(createHash("sha256").update(code).digest("hex"));
    expect(row.codeHash).not.toContain(code);
    expect(row.purpose).toBe("set_password");
    expect(row.expiresAt.getTime()).toBe(T0 + CODE_TTL_MS);
    const sms = db.select().from(outbox).where(eq(outbox.userId, person.id)).get()!;
    expect(sms).toMatchObject({
      channel: "sms",
      recipient: "+22376000001",
      template: "setPassword",
      locale: "en",
      dedupeKey: `set_password:${codeId}`,
    });
    expect(sms.payload).toMatchObject({ code, link: "/activer-compte" });
  });

  it("issues nothing for a person without a phone", () => {
    const person = insertCounselledCandidate(db);
    expect(issueSetPasswordCode(db, person.id)).toBeNull();
    expect(db.select().from(outbox).all()).toHaveLength(0);
  });

  it("voids the older code and drops its SMS if it was not sent yet", async () => {
    const { person, code: first } = personWithCode();
    const second = issueSetPasswordCode(db, person.id, { now: T0 + MINUTE })!;
    const pending = db
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, person.id), eq(outbox.status, "pending")))
      .all();
    expect(pending.map((m) => m.payload.code)).toEqual([second.code]);
    if (first !== second.code) {
      expect(
        await activateAccount(db, { phone: "76000001", code: first, password: NEW_PASSWORD }, T0 + 2 * MINUTE),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await activateAccount(db, { phone: "76000001", code: second.code, password: NEW_PASSWORD }, T0 + 3 * MINUTE),
    ).toEqual({ ok: true, userId: person.id });
  });
});

describe("activateAccount", () => {
  it("sets the password with the right code and phone (any spelling), and writes it in the audit log", async () => {
    const { person, code } = personWithCode();
    const result = await activateAccount(
      db,
      { phone: "+223 76 00 00 01", code, password: NEW_PASSWORD, ip: "41.3.3.3" },
      T0 + 10 * MINUTE,
    );
    expect(result).toEqual({ ok: true, userId: person.id });
    expect(await verifyPassword(NEW_PASSWORD, userRow(db, person.id)!.passwordHash)).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "account.activated")).get()).toMatchObject({
      actorId: person.id,
      ip: "41.3.3.3",
    });
  });

  it("works once", async () => {
    const { code } = personWithCode();
    expect((await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD }, T0 + MINUTE)).ok).toBe(true);
    expect(
      await activateAccount(db, { phone: "76000001", code, password: "autre-mot-de-passe" }, T0 + 2 * MINUTE),
    ).toEqual({ ok: false, reason: "used" });
  });

  it("expires after 24 hours", async () => {
    const { person, code } = personWithCode();
    expect(
      await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD }, T0 + CODE_TTL_MS + 1),
    ).toEqual({ ok: false, reason: "expired" });
    expect(userRow(db, person.id)!.passwordHash).toBeNull();
    expect(
      (await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD }, T0 + CODE_TTL_MS - MINUTE)).ok,
    ).toBe(true);
  });

  it("answers « invalid » alike to a wrong code, an unknown phone, and another person's code", async () => {
    const { code } = personWithCode("+22376000001");
    const other = personWithCode("+22376000002");
    expect(await activateAccount(db, { phone: "76000001", code: wrong(code), password: NEW_PASSWORD }, T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await activateAccount(db, { phone: "76009999", code, password: NEW_PASSWORD }, T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    if (other.code !== code) {
      expect(await activateAccount(db, { phone: "76000001", code: other.code, password: NEW_PASSWORD }, T0)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it("voids the code after 5 wrong codes for one person, even spread over hours; 4 are forgiven", async () => {
    const { person, code } = personWithCode();
    // 20 minutes apart: never throttled, each attempt is counted against the code.
    for (let i = 1; i <= 4; i++) {
      expect(
        (
          await activateAccount(
            db,
            { phone: "76000001", code: wrong(code, i), password: NEW_PASSWORD, ip: `41.4.4.${i}` },
            T0 + i * 20 * MINUTE,
          )
        ).ok,
      ).toBe(false);
    }
    expect(db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, person.id)).get()!.usedAt).toBeNull();
    expect(
      (
        await activateAccount(
          db,
          { phone: "76000001", code: wrong(code, 5), password: NEW_PASSWORD },
          T0 + 100 * MINUTE,
        )
      ).ok,
    ).toBe(false);
    expect(await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD }, T0 + 120 * MINUTE)).toEqual({
      ok: false,
      reason: "used",
    });
    expect(userRow(db, person.id)!.passwordHash).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "account.code_voided")).all()).toHaveLength(1);

    // A new code from the counsellor starts afresh.
    const fresh = issueSetPasswordCode(db, person.id, { now: T0 + 130 * MINUTE })!;
    expect(
      (await activateAccount(db, { phone: "76000001", code: fresh.code, password: NEW_PASSWORD }, T0 + 131 * MINUTE))
        .ok,
    ).toBe(true);
  });

  it("accepts the right code after 4 wrong ones", async () => {
    const { code } = personWithCode();
    for (let i = 1; i <= 4; i++)
      await activateAccount(
        db,
        { phone: "76000001", code: wrong(code, i), password: NEW_PASSWORD },
        T0 + i * 20 * MINUTE,
      );
    expect((await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD }, T0 + 100 * MINUTE)).ok).toBe(
      true,
    );
  });

  it("is throttled like login: after 5 failures in 15 minutes for one phone, even the right code waits", async () => {
    const { code } = personWithCode("+22376000001");
    for (let i = 1; i <= 5; i++) {
      await activateAccount(
        db,
        { phone: "76000001", code: wrong(code, i), password: NEW_PASSWORD, ip: `41.5.5.${i}` },
        T0 + i * MINUTE,
      );
    }
    expect(
      await activateAccount(db, { phone: "76000001", code, password: NEW_PASSWORD, ip: "41.6.6.6" }, T0 + 6 * MINUTE),
    ).toEqual({ ok: false, reason: "rate_limited" });
  });

  it(`lets 6 people at one counsellor's office each mistype their code once, then activate (one address only meets ${LOGIN_FAILURES_PER_ADDRESS} failures)`, async () => {
    const people = [1, 2, 3, 4, 5, 6].map((i) => personWithCode(`+2237600000${i}`));
    for (const [i, { code }] of people.entries()) {
      expect(
        await activateAccount(
          db,
          { phone: `7600000${i + 1}`, code: wrong(code), password: NEW_PASSWORD, ip: "41.5.5.5" },
          T0 + MINUTE,
        ),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    for (const [i, { code }] of people.entries()) {
      expect(
        (
          await activateAccount(
            db,
            { phone: `7600000${i + 1}`, code, password: NEW_PASSWORD, ip: "41.5.5.5" },
            T0 + 2 * MINUTE,
          )
        ).ok,
      ).toBe(true);
    }
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS - 6; i++) {
      await activateAccount(
        db,
        { phone: `76${String(100_000 + i).padStart(6, "0")}`, code: "123456", password: NEW_PASSWORD, ip: "41.5.5.5" },
        T0 + 3 * MINUTE,
      );
    }
    const late = personWithCode("+22376999999");
    expect(
      await activateAccount(
        db,
        { phone: "76999999", code: late.code, password: NEW_PASSWORD, ip: "41.5.5.5" },
        T0 + 4 * MINUTE,
      ),
    ).toEqual({ ok: false, reason: "rate_limited" });
    // From another address the person gets in.
    expect(
      (
        await activateAccount(
          db,
          { phone: "76999999", code: late.code, password: NEW_PASSWORD, ip: "41.6.6.6" },
          T0 + 5 * MINUTE,
        )
      ).ok,
    ).toBe(true);
  });
});
