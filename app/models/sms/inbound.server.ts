// An SMS from a phone, as the gateway hands it over: kept once (a gateway's retry
// of the same id does nothing again), read, acted on, and answered through the
// outbox in the number's language. Every text gets an answer, up to a number's
// hourly limit.
import { and, count, eq, gt } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { queuePhoneMessage } from "~/models/phone-messages.server";
import { type PhoneLocale, phoneLocale, setPhoneLocale, startSms, stopSms } from "~/models/phone-numbers.server";
import type { Db } from "~/utils/db.server";
import { inboundSms } from "../../../db/schema";
import { applyReply, candidateOfPhone, statusReply } from "./account.server";
import { type ParsedSms, parseSms } from "./keywords.server";
import { offersReply } from "./offers.server";
import type { SmsReply } from "./types.server";

/** Inbound SMS answered per number in an hour; past it they are kept, not acted on, and one "too many" answer goes. */
export const SMS_PER_HOUR = 30;
const HOUR_MS = 60 * 60 * 1000;
/** What is kept of a text: a long one is read no further than its first words anyway. */
const STORED_CHARS = 2000;

export type InboundMessage = {
  gatewayId: string;
  phone: string;
  to: string | null;
  text: string;
  receivedAt: Date | null;
};

export type InboundOutcome = "answered" | "duplicate" | "throttled";

async function answer(db: Db, locale: PhoneLocale, phone: string, parsed: ParsedSms, now: number) {
  const { keyword, args } = parsed;
  if (keyword === "offres") return offersReply(db, locale, args);
  if (keyword === "postuler") return applyReply(db, locale, phone, args, now);
  if (keyword === "statut") return statusReply(db, locale, phone, args, now);
  if (keyword === "stop") {
    stopSms(db, phone, new Date(now));
    recordAudit(db, { actorId: candidateOfPhone(db, phone), action: "sms.stopped", detail: { phone } });
    return { name: "stopped" } satisfies SmsReply;
  }
  if (keyword === "start") {
    startSms(db, phone, new Date(now));
    recordAudit(db, { actorId: candidateOfPhone(db, phone), action: "sms.started", detail: { phone } });
    return { name: "started" } satisfies SmsReply;
  }
  return { name: "help" } satisfies SmsReply;
}

function sentLastHour(db: Db, phone: string, now: number) {
  const where = and(eq(inboundSms.phone, phone), gt(inboundSms.createdAt, new Date(now - HOUR_MS)));
  return db.select({ n: count() }).from(inboundSms).where(where).get()?.n ?? 0;
}

/**
 * Keeps the SMS (its PIN masked) and answers it. Answers to a person's own SMS leave
 * even after STOP (`$always`): they asked for them; STOP silences what Baara sends unasked.
 */
export async function receiveSms(db: Db, message: InboundMessage, now = Date.now()): Promise<InboundOutcome> {
  const parsed = parseSms(message.text);
  const stored = db
    .insert(inboundSms)
    .values({
      gatewayId: message.gatewayId,
      phone: message.phone,
      toNumber: message.to,
      text: parsed.masked.slice(0, STORED_CHARS),
      keyword: parsed.keyword,
      receivedAt: message.receivedAt,
      createdAt: new Date(now),
    })
    .onConflictDoNothing({ target: inboundSms.gatewayId })
    .returning({ id: inboundSms.id })
    .get();
  if (!stored) return "duplicate";

  const reply = (locale: PhoneLocale, name: string, values: Record<string, unknown>, dedupeKey: string) =>
    queuePhoneMessage(db, {
      phone: message.phone,
      userId: candidateOfPhone(db, message.phone),
      template: `sms:reply.${name}`,
      locale,
      payload: { ...values, $always: true },
      dedupeKey,
    });

  const current = phoneLocale(db, message.phone) ?? "fr";
  if (sentLastHour(db, message.phone, now) > SMS_PER_HOUR) {
    const hour = Math.floor(now / HOUR_MS);
    if (reply(current, "tooMany", {}, `sms:too-many:${message.phone}:${hour}`)) {
      recordAudit(db, { action: "sms.throttled", detail: { phone: message.phone } });
    }
    return "throttled";
  }
  try {
    // A keyword in Bambara (French, English) makes Bambara the number's language.
    const locale = parsed.language ?? current;
    if (locale !== current) setPhoneLocale(db, message.phone, locale, new Date(now));
    const { name, values } = await answer(db, locale, message.phone, parsed, now);
    reply(locale, name, values ?? {}, `sms:reply:${stored.id}`);
    return "answered";
  } catch (error) {
    // Forgotten, so that the gateway's retry is acted on.
    db.delete(inboundSms).where(eq(inboundSms.id, stored.id)).run();
    throw error;
  }
}
