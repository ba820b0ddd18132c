// The one builder of candidates inserted directly (no registration form, no
// password hash: fast enough for hundreds), with their profile and trades.
import type { Db } from "../../../app/utils/db.server";
import { candidateProfiles, candidateTrades, users } from "../../../db/schema";

let seq = 0;
let phoneSeq = 0;

/** A Malian mobile number in E.164 no other test row uses. */
export function uniquePhone() {
  phoneSeq++;
  return `+2237${String(1_000_000 + phoneSeq).slice(-7)}`;
}

type ProfileColumns = Omit<Partial<typeof candidateProfiles.$inferInsert>, "userId">;

export type CandidateValues = ProfileColumns & {
  /** A number no other row uses unless given; null for a candidate reached by e-mail. */
  phone?: string | null;
  /** Made up when there is no phone. */
  email?: string | null;
  locale?: "fr" | "en";
  trades?: string[];
  /** Consent to be registered, recorded online now (the default) or not given. */
  consent?: boolean;
  /** Time-stamps the consent to be contacted by SMS. */
  smsConsent?: boolean;
  /** The phone was confirmed (by its code) at registration, unless false. */
  phoneConfirmed?: boolean;
  deleted?: boolean;
  disabled?: boolean;
  /** The day the account and the profile were created (now unless given). */
  registeredOn?: string;
};

/** A candidate account with its profile (and trades): the user row. */
export function insertCandidate(db: Db, values: CandidateValues = {}) {
  const n = ++seq;
  const {
    phone: givenPhone,
    email,
    locale,
    trades = [],
    consent = true,
    smsConsent,
    phoneConfirmed = true,
    deleted,
    disabled,
    registeredOn,
    ...profile
  } = values;
  const firstName = profile.firstName ?? "Awa";
  const lastName = profile.lastName ?? `Diarra${n}`;
  const phone = givenPhone === undefined ? uniquePhone() : givenPhone;
  const createdAt = registeredOn ? new Date(`${registeredOn}T10:00:00Z`) : undefined;
  const user = db
    .insert(users)
    .values({
      role: "candidat",
      phone,
      email: email ?? (phone ? null : `candidat${n}@test.ml`),
      passwordHash: null,
      phoneConfirmedAt: phone && phoneConfirmed ? new Date() : null,
      displayName: `${firstName} ${lastName}`,
      locale: locale ?? "fr",
      createdAt,
      deletedAt: deleted ? new Date() : null,
      disabledAt: disabled ? new Date() : null,
    })
    .returning()
    .get();
  db.insert(candidateProfiles)
    .values({
      consentAt: consent ? new Date() : null,
      consentMethod: consent ? "online" : null,
      smsConsentAt: smsConsent ? new Date() : null,
      createdAt,
      ...profile,
      userId: user.id,
      firstName,
      lastName,
    })
    .run();
  if (trades.length)
    db.insert(candidateTrades)
      .values(trades.map((trade) => ({ userId: user.id, trade })))
      .run();
  return user;
}

/** A bare profile for an account inserted without one, followed by the counsellor given. */
export function insertProfile(db: Db, userId: number, counsellorId?: number) {
  db.insert(candidateProfiles)
    .values({ userId, firstName: "Awa", lastName: "Diarra", counsellorId: counsellorId ?? null })
    .run();
}
