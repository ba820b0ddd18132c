// Accounts: candidates and employers through the real registration path
// (registrationSchema + registerAccount), other roles inserted directly.
import { registerAccount } from "../../../app/models/registration.server";
import { registrationSchema } from "../../../app/schemas/auth";
import type { Db } from "../../../app/utils/db.server";
import { hashPassword } from "../../../app/utils/password.server";
import { type Role, users } from "../../../db/schema";

export const PASSWORD = "bamako2026";

let seq = 0;

type CandidateInput = { firstName?: string; lastName?: string; phone?: string; email?: string; password?: string };

/** The registration form sent with these fields, the password typed twice and consent given. */
function register(db: Db, input: CandidateInput, fields: Record<string, string>, ip: string) {
  const password = input.password ?? PASSWORD;
  const form = registrationSchema.parse({
    phone: input.phone ?? "",
    email: input.email ?? "",
    password,
    passwordConfirm: password,
    consent: "on",
    ...fields,
  });
  return registerAccount(db, form, "fr", ip);
}

/** A candidate registered online, as the registration form would do it. */
export async function registerCandidate(db: Db, input: CandidateInput = {}, ip = "10.0.0.1") {
  const names = { firstName: input.firstName ?? "Fatoumata", lastName: input.lastName ?? "Sidibé" };
  return register(db, input, { accountType: "candidat", ...names }, ip);
}

type EmployerInput = CandidateInput & { orgName?: string; sector?: string; region?: string };

/** An employer registered online with their organisation (pending). */
export async function registerEmployer(db: Db, input: EmployerInput = {}, ip = "10.0.0.1") {
  return register(
    db,
    input,
    {
      accountType: "employeur",
      firstName: input.firstName ?? "Moussa",
      lastName: input.lastName ?? "Traoré",
      orgName: input.orgName ?? "Atelier Traoré et Frères",
      sector: input.sector ?? "btp",
      region: input.region ?? "bamako",
    },
    ip,
  );
}

/** A user row inserted directly (counsellors and admins are never self-registered). */
export async function insertUser(
  db: Db,
  values: { role: Role; phone?: string; email?: string; displayName?: string; password?: string | null },
) {
  const n = ++seq;
  const passwordHash = values.password === null ? null : await hashPassword(values.password ?? PASSWORD);
  return db
    .insert(users)
    .values({
      role: values.role,
      phone: values.phone ?? null,
      email: values.email ?? (values.phone ? null : `user${n}@test.ml`),
      passwordHash,
      displayName: values.displayName ?? `Utilisateur ${n}`,
    })
    .returning()
    .get();
}
