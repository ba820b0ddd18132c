// Small builders for test data. Accounts go through the real registration path
// (registrationSchema + registerAccount); other rows are inserted directly.
import { applications, auditLog, candidateProfiles, fraudReports, memberships, offers, organisations, placementFollowups, placements, users, type ApplicationStatus, type Role, type VerificationStatus } from "../../db/schema";
import { registerAccount } from "../../app/models/registration.server";
import { registrationSchema } from "../../app/schemas/auth";
import type { Db } from "../../app/utils/db.server";
import { addDays, isoToday } from "../../app/utils/dates";
import { hashPassword } from "../../app/utils/password.server";
import { createUserSession } from "../../app/utils/session.server";

export const PASSWORD = "bamako2026";

let seq = 0;
const next = () => ++seq;

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
  return register(db, input, { accountType: "candidat", firstName: input.firstName ?? "Fatoumata", lastName: input.lastName ?? "Sidibé" }, ip);
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
  values: { role: Role; phone?: string; email?: string; displayName?: string; password?: string | null } ,
) {
  const n = next();
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

export function insertOrg(
  db: Db,
  values: { kind?: "employer" | "partner"; name?: string; status?: VerificationStatus } = {},
) {
  return db
    .insert(organisations)
    .values({
      kind: values.kind ?? "employer",
      name: values.name ?? `Entreprise ${next()}`,
      verificationStatus: values.status ?? "verified",
    })
    .returning()
    .get();
}

export function addMember(db: Db, userId: number, orgId: number, role: "owner" | "member" = "owner") {
  db.insert(memberships).values({ userId, orgId, role }).run();
}

/** An offer (published unless told), any column settable; the rest is a plain job in Bamako. */
export function insertOffer(db: Db, values: Partial<typeof offers.$inferInsert> & { orgId: number }) {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const status = values.status ?? "published";
  return db
    .insert(offers)
    .values({
      type: "emploi",
      title: `Offre ${next()}`,
      description: "Travail à Bamako.",
      sector: "btp",
      region: "bamako",
      commune: null,
      contract: "cdd",
      positions: 1,
      closingDate: addDays(isoToday(), 30),
      ...given,
      orgId: values.orgId,
      status,
      publishedAt: values.publishedAt === undefined ? (status === "published" ? new Date() : null) : values.publishedAt,
    })
    .returning()
    .get();
}

export function insertApplication(
  db: Db,
  values: { offerId: number; candidateId: number; status?: ApplicationStatus },
) {
  return db
    .insert(applications)
    .values({ offerId: values.offerId, candidateId: values.candidateId, status: values.status ?? "submitted" })
    .returning()
    .get();
}

export function insertProfile(db: Db, userId: number, counsellorId?: number) {
  db.insert(candidateProfiles)
    .values({ userId, firstName: "Awa", lastName: "Diarra", counsellorId: counsellorId ?? null })
    .run();
}

export function insertPlacement(db: Db, values: { candidateId: number; orgId?: number }) {
  return db
    .insert(placements)
    .values({
      candidateId: values.candidateId,
      orgId: values.orgId ?? null,
      type: "emploi",
      contract: "cdd",
      startDate: addDays(isoToday(), -200),
    })
    .returning()
    .get();
}

export function insertFollowup(
  db: Db,
  values: { placementId: number; monthsAfter: number; dueDate: string; doneAt?: Date | null },
) {
  db.insert(placementFollowups)
    .values({
      placementId: values.placementId,
      monthsAfter: values.monthsAfter,
      dueDate: values.dueDate,
      doneAt: values.doneAt ?? null,
    })
    .run();
}

export function insertFraudReport(db: Db, offerId: number, status: "open" | "dismissed" | "upheld" = "open") {
  db.insert(fraudReports).values({ offerId, reason: "money", status }).run();
}

/** A failed login written in the audit log at a given time (to test the 15-minute window). */
export function insertFailedLogin(db: Db, values: { identifier: string; ip: string; at: Date }) {
  db.insert(auditLog)
    .values({
      action: "auth.login_failed",
      subjectType: "identifier",
      subjectId: values.identifier,
      ip: values.ip,
      createdAt: values.at,
    })
    .run();
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0]!;
}

/** Logs a user in (as the login page would) and gives the Cookie header of their session. */
export async function sessionCookieFor(db: Db, userId: number, redirectTo = "/") {
  const response = await createUserSession(db, new Request("http://localhost/connexion"), userId, redirectTo);
  return cookieFrom(response);
}

export function requestWithCookie(url: string, cookie?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(url, { ...init, headers });
}

// ---- Applicants, pipelines, files ----

export { insertCandidate, uniquePhone, type CandidateValues } from "./factories/candidates";

export { insertEmployer } from "./factories/employers";

/** An application with any column set (its creation time, message, CV ...). */
export function insertApplicationWith(db: Db, values: typeof applications.$inferInsert) {
  return db.insert(applications).values(values).returning().get();
}

/** Bytes that start like a PDF, `size` long. */
export function pdfBytes(size = 1024, fill = "x") {
  const head = Buffer.from("%PDF-1.7\n");
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), fill)]);
}

/** The first bytes of a real PNG image. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
