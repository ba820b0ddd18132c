import { eq } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { candidateProfiles, candidateTrades, users } from "../../db/schema";
import { recordAudit } from "./audit.server";

export type ProfileInput = {
  firstName: string;
  lastName: string;
  sex: "f" | "m" | null;
  birthDate: string | null;
  region: string | null;
  commune: string | null;
  educationLevel: (typeof candidateProfiles.$inferInsert)["educationLevel"] | null;
  trades: string[];
  skills: string | null;
  languages: string[];
  experienceYears: number | null;
  availability: (typeof candidateProfiles.$inferInsert)["availability"] | null;
  drivingLicence: boolean;
  disability: (typeof candidateProfiles.$inferInsert)["disability"] | null;
  migrantStatus: (typeof candidateProfiles.$inferInsert)["migrantStatus"] | null;
  smsConsent: boolean;
};

/** A candidate's own profile with their trades (sensitive fields included: it is theirs). */
export function getOwnProfile(db: Db, userId: number) {
  const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get();
  if (!profile) return null;
  const trades = db
    .select({ trade: candidateTrades.trade })
    .from(candidateTrades)
    .where(eq(candidateTrades.userId, userId))
    .all();
  return { ...profile, trades: trades.map((t) => t.trade) };
}

/**
 * Saves the profile. Consent to data processing is time-stamped the first time
 * (and kept); SMS consent is time-stamped when given and cleared when withdrawn.
 */
export function saveProfile(db: Db, userId: number, input: ProfileInput, { consent }: { consent: boolean }) {
  const existing = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get();
  const now = new Date();
  const { trades, smsConsent, ...fields } = input;
  const values = {
    ...fields,
    smsConsentAt: smsConsent ? (existing?.smsConsentAt ?? now) : null,
    consentAt: existing?.consentAt ?? (consent ? now : null),
    consentMethod: existing?.consentMethod ?? (consent ? ("online" as const) : null),
    updatedAt: now,
  };
  db.transaction((tx) => {
    if (existing) tx.update(candidateProfiles).set(values).where(eq(candidateProfiles.userId, userId)).run();
    else
      tx.insert(candidateProfiles)
        .values({ userId, ...values })
        .run();
    tx.delete(candidateTrades).where(eq(candidateTrades.userId, userId)).run();
    // The same trade twice would break the (user, trade) key: each is kept once.
    const unique = [...new Set(trades)];
    if (unique.length > 0)
      tx.insert(candidateTrades)
        .values(unique.map((trade) => ({ userId, trade })))
        .run();
    tx.update(users)
      .set({ displayName: `${input.firstName} ${input.lastName}` })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, { actorId: userId, action: "profile.updated", subjectType: "user", subjectId: userId });
  });
}

/**
 * The fields a useful profile has, in the order the completeness bar asks for
 * them. Sex is left out: "I prefer not to say" is a full answer, and a bar
 * stuck below 100 % would push people to disclose it.
 */
const COMPLETENESS_FIELDS = [
  "birthDate",
  "region",
  "commune",
  "educationLevel",
  "trades",
  "languages",
  "experienceYears",
  "availability",
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

export function profileCompleteness(profile: ReturnType<typeof getOwnProfile>) {
  const filled = (field: CompletenessField) => {
    const value = profile?.[field];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== "";
  };
  const missing = COMPLETENESS_FIELDS.filter((field) => !filled(field));
  return {
    percent: Math.round((100 * (COMPLETENESS_FIELDS.length - missing.length)) / COMPLETENESS_FIELDS.length),
    missing,
  };
}
