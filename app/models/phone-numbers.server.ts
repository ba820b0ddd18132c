// What Baara keeps about a phone number itself, whether or not it has an account:
// the language of its USSD and SMS answers, and STOP (no more SMS to it, except
// a one-time code the person asks for). Numbers are stored in E.164 (`+22370000001`).
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { phoneNumbers, users } from "../../db/schema";

export type PhoneLocale = (typeof phoneNumbers.$inferSelect)["locale"] & string;

/**
 * A gateway's number as stored: a Malian number in any writing (`22370000001`,
 * `+223 70 00 00 01`) becomes `+22370000001`; another country's `+…` number keeps
 * its digits; anything else is null (and answered with nothing personal).
 */
export function gatewayPhone(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim().slice(0, 40);
  const mali = normalizeMaliPhone(trimmed);
  if (mali) return mali;
  const international = /^(?:\+|00)?([1-9]\d{7,14})$/.exec(trimmed.replace(/[\s.\-()]/g, ""));
  return international ? `+${international[1]}` : null;
}

/** The language chosen for this number: on the USSD menu or by SMS, else its account's, else none. */
export function phoneLocale(db: Db | Tx, phone: string): PhoneLocale | null {
  const row = db.select({ locale: phoneNumbers.locale }).from(phoneNumbers).where(eq(phoneNumbers.phone, phone)).get();
  if (row?.locale) return row.locale;
  return db.select({ locale: users.locale }).from(users).where(eq(users.phone, phone)).get()?.locale ?? null;
}

export function setPhoneLocale(db: Db | Tx, phone: string, locale: PhoneLocale, now = new Date()) {
  db.insert(phoneNumbers)
    .values({ phone, locale, updatedAt: now })
    .onConflictDoUpdate({ target: phoneNumbers.phone, set: { locale, updatedAt: now } })
    .run();
}

/** STOP: no SMS goes to this number any more (the outbox marks them `stopped`), except one-time codes. */
export function stopSms(db: Db | Tx, phone: string, now = new Date()) {
  db.insert(phoneNumbers)
    .values({ phone, smsStoppedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: phoneNumbers.phone,
      set: { smsStoppedAt: sql`coalesce(${phoneNumbers.smsStoppedAt}, ${now.getTime()})`, updatedAt: now },
    })
    .run();
}

/** START: SMS may go to this number again. */
export function startSms(db: Db | Tx, phone: string, now = new Date()) {
  db.update(phoneNumbers).set({ smsStoppedAt: null, updatedAt: now }).where(eq(phoneNumbers.phone, phone)).run();
}

export function isSmsStopped(db: Db | Tx, phone: string) {
  const row = db
    .select({ stoppedAt: phoneNumbers.smsStoppedAt })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.phone, phone))
    .get();
  return Boolean(row?.stoppedAt);
}
