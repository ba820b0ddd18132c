// A counsellor registers someone who has no smartphone or cannot read well,
// and sends them a new code to choose a password.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { AssistedRegistration } from "~/schemas/candidate";
import type { Db } from "~/utils/db.server";
import { candidateProfiles, candidateTrades, users } from "../../db/schema";
import { issueSetPasswordCode } from "./activation.server";
import { recordAudit } from "./audit.server";
import { ContactTakenError, contactsTaken } from "./registration.server";

// A person with neither phone nor e-mail still needs one of them (users_contact_check):
// an address under the reserved `.invalid` domain, unique, to which nothing is ever sent.
const PLACEHOLDER_DOMAIN = "@baara.invalid";
export const isPlaceholderEmail = (email: string | null | undefined) => Boolean(email?.endsWith(PLACEHOLDER_DOMAIN));
const placeholderEmail = () => `sans-contact+${randomBytes(8).toString("hex")}${PLACEHOLDER_DOMAIN}`;

/**
 * A counsellor registers someone who has no smartphone or cannot read well.
 * Consent is recorded as given to this counsellor (oral or written), who also
 * follows the person. No password: with a phone, the person receives by SMS a
 * code to choose one; without, the counsellor acts for them. Throws
 * ContactTakenError when the phone or e-mail already has an account.
 */
export function registerAssisted(db: Db, counsellorId: number, input: AssistedRegistration, ip?: string) {
  const taken = contactsTaken(db, input.phone ?? undefined, input.email ?? undefined);
  if (taken.phone || taken.email) throw new ContactTakenError(taken);
  const now = new Date();
  const { phone, email, locale, trades, smsConsent, consentMethod, ...profile } = input;
  try {
    return db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          role: "candidat",
          phone,
          email: email ?? (phone ? null : placeholderEmail()),
          passwordHash: null,
          displayName: `${input.firstName} ${input.lastName}`,
          locale,
        })
        .returning({ id: users.id })
        .get();
      tx.insert(candidateProfiles)
        .values({
          userId: user.id,
          ...profile,
          consentAt: now,
          consentMethod,
          consentRecordedBy: counsellorId,
          smsConsentAt: smsConsent ? now : null,
          counsellorId,
          registeredBy: counsellorId,
        })
        .run();
      if (trades.length > 0)
        tx.insert(candidateTrades)
          .values(trades.map((trade) => ({ userId: user.id, trade })))
          .run();
      recordAudit(tx, {
        actorId: counsellorId,
        action: "candidate.registered_by_counsellor",
        subjectType: "user",
        subjectId: user.id,
        detail: { consentMethod, withPhone: Boolean(phone) },
        ip,
      });
      const code = phone ? issueSetPasswordCode(tx, user.id, { actorId: counsellorId }) : null;
      return { userId: user.id, phone, codeSent: code !== null };
    });
  } catch (error) {
    // Two registrations racing for the same phone or e-mail: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      throw new ContactTakenError(contactsTaken(db, phone ?? undefined, email ?? undefined));
    }
    throw error;
  }
}

/**
 * The counsellor's "send a new code" for a person who has a phone and has not
 * chosen a password yet: the older code stops working.
 */
export function resendSetPasswordCode(db: Db, actorId: number, candidateId: number) {
  const user = db
    .select({ role: users.role, phone: users.phone, passwordHash: users.passwordHash, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, candidateId))
    .get();
  if (!user || user.role !== "candidat" || user.deletedAt) return { ok: false as const, reason: "not_found" as const };
  if (!user.phone || user.passwordHash) return { ok: false as const, reason: "no_phone" as const };
  issueSetPasswordCode(db, candidateId, { actorId });
  return { ok: true as const };
}
