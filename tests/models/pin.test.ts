// The PIN of a phone without internet: 4 digits, not the obvious ones, kept hashed, locked after 5 wrong tries.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { LOGIN_WINDOW_MS } from "../../app/models/limits.server";
import { checkPin, hasPin, isWeakPin, PIN_FAILURES_PER_ACCOUNT, pinWait, setPin } from "../../app/models/pin.server";
import type { Db } from "../../app/utils/db.server";
import { users } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertCandidate } from "../helpers/factories";

let db: Db;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const MINUTE = 60_000;

beforeEach(() => {
  db = createTestDb();
});

const person = (phone = "+22376303719") => insertCandidate(db, { phone });

describe("setPin", () => {
  it("keeps a hash, never the PIN, and writes an audit row without it", async () => {
    const { id } = person();
    expect(hasPin(db, id)).toBe(false);
    expect(await setPin(db, id, "4826", { actorId: id, ip: "10.0.0.9" })).toEqual({ ok: true });
    expect(hasPin(db, id)).toBe(true);
    const stored = db.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, id)).get()!.pinHash!;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain("4826");
    const [row] = auditRows(db, "account.pin_set");
    expect(row).toMatchObject({ actorId: id, subjectType: "user", subjectId: String(id), ip: "10.0.0.9" });
    expect(JSON.stringify(row)).not.toContain("4826");
  });

  it.each(["", "123", "12345", "12a4", "١٢٣٤", " 4826", "48 26", "<script>", "' OR 1=1 --", "9".repeat(10_000)])(
    "refuses %j: not exactly 4 digits",
    async (pin) => {
      const { id } = person();
      expect(await setPin(db, id, pin, { actorId: id })).toEqual({ ok: false, reason: "format" });
      expect(hasPin(db, id)).toBe(false);
    },
  );

  it.each(["0000", "1111", "7777", "1234", "4321", "0123", "6789", "9876", "1212", "2580", "2000"])(
    "refuses %s: among the first PINs anyone tries",
    async (pin) => {
      const { id } = person();
      expect(await setPin(db, id, pin, { actorId: id })).toEqual({ ok: false, reason: "weak" });
      expect(auditRows(db, "account.pin_set")).toHaveLength(0);
    },
  );

  it("accepts ordinary PINs", () => {
    for (const pin of ["4826", "0571", "1357", "9042"]) expect(isWeakPin(pin)).toBe(false);
  });

  it("replaces the PIN: the old one stops working", async () => {
    const { id } = person();
    await setPin(db, id, "4826", { actorId: id });
    await setPin(db, id, "5917", { actorId: id });
    expect(await checkPin(db, id, "5917", T0)).toBe("ok");
    expect(await checkPin(db, id, "4826", T0)).toBe("wrong");
    expect(auditRows(db, "account.pin_set").map((r) => r.detail)).toEqual([{ changed: false }, { changed: true }]);
  });
});

describe("checkPin", () => {
  it("says ok to the right PIN and leaves no failure behind", async () => {
    const { id } = person();
    await setPin(db, id, "4826", { actorId: id });
    expect(await checkPin(db, id, "4826", T0)).toBe("ok");
    expect(auditRows(db, "auth.pin_failed")).toHaveLength(0);
  });

  it("says wrong to any PIN of an account that has none", async () => {
    const { id } = person();
    expect(await checkPin(db, id, "4826", T0)).toBe("wrong");
  });

  it(`locks after ${PIN_FAILURES_PER_ACCOUNT} wrong PINs in 15 minutes, even the right one, then unlocks`, async () => {
    const { id } = person();
    await setPin(db, id, "4826", { actorId: id });
    for (let i = 0; i < PIN_FAILURES_PER_ACCOUNT - 1; i++) {
      expect(await checkPin(db, id, "1357", T0 + i * MINUTE)).toBe("wrong");
    }
    expect(pinWait(db, id, T0 + 4 * MINUTE)).toBe(0);
    expect(await checkPin(db, id, "1357", T0 + 4 * MINUTE)).toBe("locked");
    expect(await checkPin(db, id, "4826", T0 + 5 * MINUTE)).toBe("locked");
    // The oldest wrong PIN (at T0) leaves the window at T0 + 15 minutes.
    expect(pinWait(db, id, T0 + 5 * MINUTE)).toBe((LOGIN_WINDOW_MS - 5 * MINUTE) / 1000);
    expect(auditRows(db, "auth.pin_failed")).toHaveLength(PIN_FAILURES_PER_ACCOUNT);
    expect(await checkPin(db, id, "4826", T0 + LOGIN_WINDOW_MS + 1)).toBe("ok");
  });

  it("counts tries sent at the same moment", async () => {
    const { id } = person();
    await setPin(db, id, "4826", { actorId: id });
    const answers = await Promise.all(
      ["1000", "1001", "1002", "1003", "1004", "1005", "4826"].map((p) => checkPin(db, id, p, T0)),
    );
    expect(answers.filter((a) => a === "locked").length).toBeGreaterThanOrEqual(2);
    expect(answers.at(-1)).toBe("locked");
    expect(auditRows(db, "auth.pin_failed")).toHaveLength(PIN_FAILURES_PER_ACCOUNT);
  });

  it("does not lock another account", async () => {
    const one = person("+22376303719");
    const other = person("+22366112233");
    await setPin(db, one.id, "4826", { actorId: one.id });
    await setPin(db, other.id, "4826", { actorId: other.id });
    for (let i = 0; i < PIN_FAILURES_PER_ACCOUNT; i++) await checkPin(db, one.id, "0571", T0);
    expect(await checkPin(db, one.id, "4826", T0)).toBe("locked");
    expect(await checkPin(db, other.id, "4826", T0)).toBe("ok");
    expect(pinWait(db, other.id, T0)).toBe(0);
  });
});
