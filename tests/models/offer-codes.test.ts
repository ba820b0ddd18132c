// Keypad codes of offers: the Damm check digit catches every single mistyped digit and
// every swap of two neighbours; codes are 4 digits first, unique, never given again.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  assignMissingShortCodes,
  ensureShortCode,
  findOfferByCode,
  isValidShortCode,
  normalizeShortCode,
  withCheckDigit,
} from "../../app/models/offer-codes.server";
import { offers } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertOffer, insertOrganisation } from "../helpers/factories";

const everyCode = (baseLength: number) => {
  const low = 10 ** (baseLength - 1);
  return Array.from({ length: 9 * low }, (_, i) => withCheckDigit(String(low + i)));
};

describe("the check digit", () => {
  const codes = [...everyCode(3), ...everyCode(4)];

  it("makes every code valid", () => {
    expect(codes.every(isValidShortCode)).toBe(true);
    expect(everyCode(3)[0]).toHaveLength(4);
  });

  it("catches every single mistyped digit", () => {
    for (const code of codes) {
      for (let at = 0; at < code.length; at++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === code[at]) continue;
          const typed = `${code.slice(0, at)}${digit}${code.slice(at + 1)}`;
          if (isValidShortCode(typed)) throw new Error(`${code} mistyped as ${typed} passes`);
        }
      }
    }
  });

  it("catches every swap of two neighbouring digits", () => {
    for (const code of codes) {
      for (let at = 0; at + 1 < code.length; at++) {
        if (code[at] === code[at + 1]) continue;
        const typed = `${code.slice(0, at)}${code[at + 1]}${code[at]}${code.slice(at + 2)}`;
        if (isValidShortCode(typed)) throw new Error(`${code} swapped as ${typed} passes`);
      }
    }
  });

  it("reads a code typed with spaces, dots or a hash, and nothing else", () => {
    expect(normalizeShortCode(" 40 17 ")).toBe("4017");
    expect(normalizeShortCode("#40.17")).toBe("4017");
    expect(normalizeShortCode("40a7")).toBeNull();
    expect(normalizeShortCode("")).toBeNull();
  });
});

describe("giving codes", () => {
  it("gives 4 digits first, keeps a code once given, and never gives one twice", () => {
    const db = createTestDb();
    const org = insertOrganisation(db);
    const first = insertOffer(db, { orgId: org.id });
    const code = ensureShortCode(db, first.id, () => 0.5);
    expect(code).toMatch(/^\d{4}$/);
    expect(ensureShortCode(db, first.id, () => 0.1)).toBe(code);

    // The same draw again: taken, so the next tries, then a longer code.
    const second = insertOffer(db, { orgId: org.id });
    expect(ensureShortCode(db, second.id, () => 0.5)).toMatch(/^\d{5}$/);
    // A closed offer keeps its code, and nobody else gets it.
    db.update(offers).set({ status: "closed" }).where(eq(offers.id, first.id)).run();
    const third = insertOffer(db, { orgId: org.id });
    expect(ensureShortCode(db, third.id, () => 0.5)).not.toBe(code);
    const all = db.select({ code: offers.shortCode }).from(offers).all();
    expect(new Set(all.map((row) => row.code)).size).toBe(3);
  });

  it("gives codes to published offers without one, not to drafts", () => {
    const db = createTestDb();
    const org = insertOrganisation(db);
    const published = insertOffer(db, { orgId: org.id });
    const draft = insertOffer(db, { orgId: org.id, status: "draft" });
    expect(assignMissingShortCodes(db)).toBe(1);
    const codeOf = (id: number) => db.select().from(offers).where(eq(offers.id, id)).get()?.shortCode;
    expect(isValidShortCode(codeOf(published.id)!)).toBe(true);
    expect(codeOf(draft.id)).toBeNull();
  });
});

describe("findOfferByCode", () => {
  it("finds the offer, open or closed, tells a mistyped code from an unknown one", () => {
    const db = createTestDb();
    const org = insertOrganisation(db);
    const open = insertOffer(db, { orgId: org.id, shortCode: "4017" });
    const closed = insertOffer(db, { orgId: org.id, shortCode: "2336", status: "closed" });
    expect(findOfferByCode(db, "40 17")).toEqual({ kind: "found", offerId: open.id, code: "4017" });
    expect(findOfferByCode(db, "2336")).toEqual({ kind: "found", offerId: closed.id, code: "2336" });
    expect(findOfferByCode(db, "4071")).toEqual({ kind: "malformed" });
    expect(findOfferByCode(db, "4018")).toEqual({ kind: "malformed" });
    expect(findOfferByCode(db, "1234")).toEqual({ kind: "unknown" });
    for (const typed of ["", "abcd", "' OR 1=1 --", "0", "9".repeat(40)]) {
      expect(findOfferByCode(db, typed), typed).toEqual({ kind: "malformed" });
    }
  });
});
