import { eq } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { candidateProfiles, outbox, users } from "../../db/schema";
import { type NotificationInput, notifyUsers } from "./notifications.server";

/**
 * Tells a candidate something: always in the portal, and — when they agreed to
 * be contacted — by SMS (if their phone is confirmed) or else by e-mail, through the
 * outbox, in their language. `dedupeKey` makes the same news go out once.
 * A deleted account is told nothing (nobody reads it; nothing new is kept about them).
 */
export function notifyCandidate(
  db: Db | Tx,
  candidateId: number,
  notification: NotificationInput & { template: string; dedupeKey: string },
) {
  const person = db
    .select({
      phone: users.phone,
      phoneConfirmedAt: users.phoneConfirmedAt,
      email: users.email,
      locale: users.locale,
      smsConsentAt: candidateProfiles.smsConsentAt,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(eq(users.id, candidateId))
    .get();
  if (!person || person.deletedAt) return;
  notifyUsers(db, [candidateId], notification);
  if (!person.smsConsentAt) return;
  // Nothing goes to `.invalid` addresses: the placeholder of a person registered without phone or e-mail.
  // An unconfirmed number may be someone else's: nothing optional goes to it (the portal, or an e-mail, tells them).
  const sms = person.phone && person.phoneConfirmedAt;
  const channel = sms ? "sms" : person.email && !person.email.endsWith(".invalid") ? "email" : null;
  if (!channel) return;
  db.insert(outbox)
    .values({
      channel,
      recipient: (channel === "sms" ? person.phone : person.email)!,
      userId: candidateId,
      template: notification.template,
      locale: person.locale,
      payload: { ...notification.payload, link: notification.link ?? null },
      dedupeKey: notification.dedupeKey,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
}
