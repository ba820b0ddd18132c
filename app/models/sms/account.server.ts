// POSTULER <code> <PIN> and STATUT <PIN>: what a phone does for the candidate account
// with its number. Phones are shared and numbers given to someone else, so the
// number alone is not enough: the account's PIN must come in the same SMS.
import { and, desc, eq, isNull } from "drizzle-orm";
import { APPLICATIONS_PER_DAY, applyToOffer, offerToApplyTo } from "~/models/applications.server";
import { recordAudit } from "~/models/audit.server";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { findOfferByCode } from "~/models/offer-codes.server";
import { checkPin, hasPin, pinWait } from "~/models/pin.server";
import { getOwnProfile } from "~/models/profiles.server";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { applications, offers, users } from "../../../db/schema";
import { fitLines, roomFor, smsWord } from "./text.server";
import type { SmsReply } from "./types.server";

/** The active candidate account of this number, if any. */
export function candidateOfPhone(db: Db, phone: string) {
  const user = db
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.phone, phone), isNull(users.deletedAt)))
    .get();
  return user && user.role === "candidat" && !user.disabledAt ? user.id : null;
}

type Unlocked = { userId: number; reply?: undefined } | { userId?: undefined; reply: SmsReply };

/** The account of this number once its PIN is right; else the answer saying what is missing. */
async function unlock(db: Db, phone: string, pin: string | undefined, ifMissing: SmsReply, now: number) {
  const userId = candidateOfPhone(db, phone);
  if (userId === null) return { reply: { name: "noAccount" } } satisfies Unlocked;
  if (!hasPin(db, userId)) return { reply: { name: "pinNotSet" } } satisfies Unlocked;
  if (!pin) return { reply: ifMissing } satisfies Unlocked;
  const checked = await checkPin(db, userId, pin, now);
  if (checked === "wrong") return { reply: { name: "pinWrong" } } satisfies Unlocked;
  if (checked === "locked") {
    const minutes = Math.max(1, Math.ceil(pinWait(db, userId, now) / 60));
    return { reply: { name: "pinLocked", values: { minutes } } } satisfies Unlocked;
  }
  return { userId } satisfies Unlocked;
}

/** A title cut so that the answer `name` stays one SMS. */
const titleFor = (locale: Locale, name: string, title: string, values: Record<string, unknown>) =>
  fitLines([{ head: "", flex: title, tail: "" }], roomFor(locale, name, "title", values), 1);

export async function applyReply(db: Db, locale: Locale, phone: string, args: string[], now: number) {
  const [typed, pin] = args;
  if (!typed) return { name: "codeMissing" } satisfies SmsReply;
  const code = typed.slice(0, 12);
  const found = findOfferByCode(db, typed);
  if (found.kind === "malformed") return { name: "codeMalformed", values: { code } } satisfies SmsReply;
  const offer = found.kind === "found" ? offerToApplyTo(db, found.offerId, isoToday(new Date(now))) : null;
  if (!offer) return { name: "codeUnknown", values: { code } } satisfies SmsReply;
  const named = (name: string) => ({ name, values: { code, title: titleFor(locale, name, offer.title, { code }) } });
  if (!offer.isOpen) return named("offerClosed");

  const unlocked = await unlock(db, phone, pin, { name: "pinMissing", values: { code } }, now);
  if (unlocked.reply) return unlocked.reply;
  const candidateId = unlocked.userId;
  // Sent with the profile's CV, as the web form offers it first.
  const cvFileId = getOwnProfile(db, candidateId)?.cvFileId ?? null;
  const result = applyToOffer(db, { candidateId, offerId: offer.id, channel: "sms", cvFileId }, now);
  if (result.ok) {
    recordAudit(db, {
      actorId: candidateId,
      action: "sms.applied",
      subjectType: "application",
      subjectId: result.applicationId,
      detail: { offerId: offer.id, code },
    });
    return named("applied");
  }
  if (result.reason === "already_applied") return named("alreadyApplied");
  if (result.reason === "daily_limit") return { name: "dailyLimit", values: { limit: APPLICATIONS_PER_DAY } };
  if (result.reason === "offer_not_open") return named("offerClosed");
  return { name: "noAccount" } satisfies SmsReply;
}

const LATEST = 3;

export async function statusReply(db: Db, locale: Locale, phone: string, args: string[], now: number) {
  const unlocked = await unlock(db, phone, args[0], { name: "statusPinMissing" }, now);
  if (unlocked.reply) return unlocked.reply;
  const latest = db
    .select({ title: offers.title, code: offers.shortCode, status: applications.status, type: offers.type })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(eq(applications.candidateId, unlocked.userId))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(LATEST)
    .all();
  if (latest.length === 0) return { name: "noApplications" } satisfies SmsReply;
  const lines = latest.map((row) => ({
    head: row.code ? `${row.code} ` : "",
    flex: row.title,
    tail: `: ${smsWord(locale, `status.${applicationStatusKey(row.status, row.type)}`)}`,
  }));
  const room = roomFor(locale, "applications", "applications");
  return { name: "applications", values: { applications: fitLines(lines, room, LATEST) } } satisfies SmsReply;
}
