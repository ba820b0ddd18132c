// Creating an account: a candidate's or an employer's (with their organisation), refused when the contact is taken.
import { eq, or } from "drizzle-orm";
import type { Registration } from "~/schemas/auth";
import type { Db, Tx } from "~/utils/db.server";
import { accountLocale, type Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { candidateProfiles, memberships, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { insertOrganisation } from "./lifecycles/organisation.server";
import { ACCOUNT_REGISTERED, REGISTRATION_REFUSED } from "./limits.server";

/** Which of the given contact details already belong to an account. */
export function contactsTaken(db: Db, phone?: string, email?: string) {
  const conditions = [phone ? eq(users.phone, phone) : undefined, email ? eq(users.email, email) : undefined].filter(
    (c) => c !== undefined,
  );
  if (conditions.length === 0) return { phone: false, email: false };
  const rows = db
    .select({ phone: users.phone, email: users.email })
    .from(users)
    .where(or(...conditions))
    .all();
  return {
    phone: Boolean(phone) && rows.some((r) => r.phone === phone),
    email: Boolean(email) && rows.some((r) => r.email === email),
  };
}

/** What every new account is made of; it counts as logged in from its creation. */
export type NewAccount = {
  role: "candidat" | "employeur";
  phone?: string;
  email?: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  now: Date;
};

export function insertAccount(tx: Db | Tx, account: NewAccount) {
  return tx
    .insert(users)
    .values({
      role: account.role,
      phone: account.phone ?? null,
      email: account.email ?? null,
      passwordHash: account.passwordHash,
      displayName: `${account.firstName} ${account.lastName}`,
      locale: account.locale,
      lastLoginAt: account.now,
    })
    .returning({ id: users.id, role: users.role })
    .get();
}

export class ContactTakenError extends Error {
  constructor(public readonly fields: { phone: boolean; email: boolean }) {
    super("contact already registered");
  }
}

/**
 * Creates the account of a candidate (with their consent, time-stamped) or of an
 * employer (with their organisation, `pending` until a counsellor verifies it).
 * Throws ContactTakenError when the phone or e-mail already has an account.
 */
export async function registerAccount(db: Db, registration: Registration, locale: Locale, ip?: string) {
  const input = { ...registration, email: registration.email?.toLowerCase() };
  const refuse = (taken: { phone: boolean; email: boolean }) => {
    // Each refusal counts towards the limits on probing which numbers have an account.
    for (const contact of [taken.phone && input.phone, taken.email && input.email]) {
      if (contact) recordAudit(db, { action: REGISTRATION_REFUSED, subjectType: "identifier", subjectId: contact, ip });
    }
    return new ContactTakenError(taken);
  };
  const taken = contactsTaken(db, input.phone, input.email);
  if (taken.phone || taken.email) throw refuse(taken);
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    return db.transaction((tx) => {
      const user = insertAccount(tx, {
        ...input,
        role: input.accountType,
        passwordHash,
        locale: accountLocale(input.accountType, locale),
        now,
      });
      if (input.accountType === "candidat") {
        tx.insert(candidateProfiles)
          .values({
            userId: user.id,
            firstName: input.firstName,
            lastName: input.lastName,
            consentAt: now,
            consentMethod: "online",
          })
          .run();
      } else {
        const orgId = insertOrganisation(tx, {
          kind: "employer",
          name: input.orgName,
          rccm: input.rccm ?? null,
          nif: input.nif ?? null,
          sector: input.sector,
          region: input.region,
          contactName: `${input.firstName} ${input.lastName}`,
          contactPhone: input.phone ?? null,
          contactEmail: input.email ?? null,
        });
        tx.insert(memberships).values({ userId: user.id, orgId, role: "owner" }).run();
      }
      recordAudit(tx, {
        actorId: user.id,
        action: ACCOUNT_REGISTERED,
        subjectType: "user",
        subjectId: user.id,
        detail: { role: user.role },
        ip,
      });
      return user;
    });
  } catch (error) {
    // Two registrations racing for the same phone or e-mail: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      throw refuse(contactsTaken(db, input.phone, input.email));
    }
    throw error;
  }
}
