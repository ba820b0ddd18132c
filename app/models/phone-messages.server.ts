// An SMS to a phone number, account or not: the answers to inbound SMS and what follows a
// USSD step. Queued in the outbox like every message (sent by the scheduler, STOP honoured
// there), then the outbox is woken so that the answer leaves within seconds, not a minute.
import type { Db, Tx } from "~/utils/db.server";
import { outbox } from "../../db/schema";
import { wakeOutbox } from "./outbox-wake.server";
import type { PhoneLocale } from "./phone-numbers.server";

export type PhoneMessage = {
  phone: string;
  userId?: number | null;
  /** `ns:key` of the template (e.g. `sms:reply.help`); its text is `<key>.sms` in locales/<lng>/<ns>.json. */
  template: string;
  locale: PhoneLocale;
  payload?: Record<string, unknown>;
  /** Same key, one message: a gateway's retry or a replayed USSD step never sends twice. */
  dedupeKey: string;
};

export function queuePhoneMessage(db: Db | Tx, message: PhoneMessage) {
  const inserted = db
    .insert(outbox)
    .values({
      channel: "sms",
      recipient: message.phone,
      userId: message.userId ?? null,
      template: message.template,
      locale: message.locale,
      payload: message.payload ?? {},
      dedupeKey: message.dedupeKey,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run().changes;
  if (inserted) wakeOutbox();
  return inserted === 1;
}
