// Short codes name an offer on a phone keypad (USSD, SMS "POSTULER 4017", posters):
// a few random digits and a check digit (Damm), so that one mistyped digit or two
// swapped neighbours are caught instead of naming another offer. 4 digits while
// they last, then 5, then 6; never reused, so an old SMS never names a new offer.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { offers } from "../../db/schema";

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string) {
  let interim = 0;
  for (const digit of digits) interim = DAMM[interim]![Number(digit)]!;
  return interim;
}

/** `base` followed by its check digit. */
export function withCheckDigit(base: string) {
  return `${base}${dammInterim(base)}`;
}

/** A well-formed code: 4 to 7 digits whose check digit holds. */
export function isValidShortCode(code: string) {
  return /^[1-9]\d{3,6}$/.test(code) && dammInterim(code) === 0;
}

/** What a person typed ("40 17", "#4017") as a code's digits, or null. */
export function normalizeShortCode(input: string) {
  const digits = input.replace(/[\s.\-#*]/g, "");
  return /^\d{1,12}$/.test(digits) ? digits : null;
}

const TRIES_PER_LENGTH = 12;

/** Gives the offer a code if it has none; returns its code. */
export function ensureShortCode(db: Db | Tx, offerId: number, random = Math.random): string {
  const existing = db.select({ code: offers.shortCode }).from(offers).where(eq(offers.id, offerId)).get();
  if (!existing) throw new Error(`no offer ${offerId}`);
  if (existing.code) return existing.code;
  // Base lengths 3, 4, 5 give codes of 4, 5, 6 digits; 6 (7 digits) only once a million codes are taken.
  for (let baseLength = 3; baseLength <= 6; baseLength++) {
    const low = 10 ** (baseLength - 1);
    for (let attempt = 0; attempt < TRIES_PER_LENGTH; attempt++) {
      const code = withCheckDigit(String(low + Math.floor(random() * (9 * low))));
      const taken = db.select({ id: offers.id }).from(offers).where(eq(offers.shortCode, code)).get();
      if (taken) continue;
      const changed = db
        .update(offers)
        .set({ shortCode: code })
        .where(and(eq(offers.id, offerId), isNull(offers.shortCode)))
        .run().changes;
      if (changed === 1) return code;
      // Another request gave it a code meanwhile.
      return db.select({ code: offers.shortCode }).from(offers).where(eq(offers.id, offerId)).get()!.code!;
    }
  }
  throw new Error("no short code left");
}

/** Codes for every published offer still without one (offers published before codes existed, bulk imports). */
export function assignMissingShortCodes(db: Db, random = Math.random) {
  const missing = db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.status, "published"), isNull(offers.shortCode)))
    .all();
  db.transaction((tx) => {
    for (const { id } of missing) ensureShortCode(tx, id, random);
  });
  return missing.length;
}

export type CodeLookup =
  | { kind: "found"; offerId: number; code: string }
  | { kind: "malformed" } // not digits, or the check digit does not hold: a typing mistake
  | { kind: "unknown" }; // well formed, but no offer has it

/** The offer a typed code names, whatever its status (the caller says "closed" when it is). */
export function findOfferByCode(db: Db | Tx, input: string): CodeLookup {
  const code = normalizeShortCode(input);
  if (!code || !isValidShortCode(code)) return { kind: "malformed" };
  const row = db
    .select({ id: offers.id })
    .from(offers)
    .where(eq(offers.shortCode, sql`${code}`))
    .get();
  return row ? { kind: "found", offerId: row.id, code } : { kind: "unknown" };
}
