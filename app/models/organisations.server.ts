import { and, asc, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { OrganisationInput } from "~/schemas/organisation";
import type { Db, Tx } from "~/utils/db.server";
import { memberships, organisations, users, type VerificationStatus } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { fileIdentityRequest } from "./identity-requests.server";
import { findMove } from "./lifecycles/lifecycle";
import { IDENTITY_FIELDS, organisationLifecycle } from "./lifecycles/organisation";
import { transitionOrganisation, updateOrganisationFields } from "./lifecycles/organisation.server";

type ContactFields = {
  commune?: string | null;
  description?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
};

/** Where an organisation is and whom to call, as stored (an empty answer is null). */
export const contactValues = (input: ContactFields) => ({
  commune: input.commune ?? null,
  description: input.description ?? null,
  contactName: input.contactName ?? null,
  contactPhone: input.contactPhone ?? null,
  contactEmail: input.contactEmail ?? null,
});

/** The employer organisation a user works for (the first, if several), with their role in it. */
export function getEmployerMembership(db: Db | Tx, userId: number) {
  return (
    db
      .select({ org: organisations, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), eq(organisations.kind, "employer")))
      .orderBy(memberships.id)
      .get() ?? null
  );
}

export function isOrgMember(db: Db | Tx, userId: number, orgId: number): boolean {
  return Boolean(
    db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
      .get(),
  );
}

/**
 * A suspended or rejected organisation reaches none of its applicants (names,
 * contacts, CVs, moves) until a counsellor decides again. A pending one cannot
 * publish, so has none; a verified one sees them.
 */
const APPLICANTS_WITHHELD_FROM: readonly VerificationStatus[] = ["suspended", "rejected"];

export function mayReachApplicants(status: VerificationStatus) {
  return !APPLICANTS_WITHHELD_FROM.includes(status);
}

/** The same rule inside a query that joins `organisations`. */
export const applicantsReachable = () => notInArray(organisations.verificationStatus, [...APPLICANTS_WITHHELD_FROM]);

/** Why a member may not reach the applicants: the status, and the counsellor's reason if any. */
export type ApplicantsWithheld = { status: VerificationStatus; reason: string | null };

/**
 * Whether a user may see and move the applicants of an organisation: null when
 * they are not a member, `{ withheld: null }` when they may, `{ withheld }` with
 * the reason when the organisation's status forbids it.
 */
export function applicantAccess(
  db: Db | Tx,
  userId: number,
  orgId: number,
): { withheld: ApplicantsWithheld | null } | null {
  const org = db
    .select({ status: organisations.verificationStatus, reason: organisations.verificationReason })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
    .get();
  if (!org) return null;
  return { withheld: mayReachApplicants(org.status) ? null : { status: org.status, reason: org.reason } };
}

export function getOrganisation(db: Db, orgId: number) {
  return db.select().from(organisations).where(eq(organisations.id, orgId)).get() ?? null;
}

/** The members of an organisation, the owner first. */
export function listMembers(db: Db, orgId: number) {
  return db
    .select({ userId: users.id, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), isNull(users.deletedAt)))
    .orderBy(sql`${memberships.role} = 'owner' DESC`, asc(users.displayName))
    .all();
}

export type UpdateOrganisationResult = {
  status: VerificationStatus;
  /** A refused organisation whose identity changed goes back to `pending` for a new check. */
  backToVerification: boolean;
  /** A verified organisation's new identity waits for a counsellor (or its request was withdrawn). */
  identityRequest: "requested" | "withdrawn" | null;
};

/**
 * Saves the organisation page of the user's employer organisation (members only).
 * Changing the name, RCCM or NIF of a `rejected` organisation sends it back to
 * `pending`; for a `verified` one it is a request to a counsellor, and the
 * checked identity stays public (the badge never vouches for an unchecked name).
 */
export function updateOrganisation(
  db: Db,
  userId: number,
  input: OrganisationInput,
  ip?: string,
): UpdateOrganisationResult | null {
  const membership = getEmployerMembership(db, userId);
  if (!membership) return null;
  const org = membership.org;
  const values = {
    name: input.name,
    rccm: input.rccm ?? null,
    nif: input.nif ?? null,
    sector: input.sector,
    region: input.region,
    ...contactValues(input),
    membership: input.membership,
  };
  const asRequest = org.verificationStatus === "verified";
  const wanted = { name: values.name, rccm: values.rccm, nif: values.nif };
  if (asRequest) Object.assign(values, { name: org.name, rccm: org.rccm, nif: org.nif });
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== org[key]);
  const identityChanged = IDENTITY_FIELDS.filter((key) => changed.includes(key));
  const identityRequested = asRequest ? IDENTITY_FIELDS.filter((key) => wanted[key] !== org[key]) : [];
  const resubmit =
    identityChanged.length > 0
      ? findMove(organisationLifecycle, "resubmit", org.verificationStatus, "owner")
      : undefined;
  const backToVerification = resubmit !== undefined;
  const status = resubmit?.to ?? org.verificationStatus;
  const detail = {
    changed,
    ...(identityChanged.length > 0
      ? { identityChanged, statusBefore: org.verificationStatus, statusAfter: status }
      : {}),
    ...(backToVerification ? { previousReason: org.verificationReason } : {}),
    ...(identityRequested.length > 0 ? { identityRequested } : {}),
  };

  const identityRequest = db.transaction((tx) => {
    if (backToVerification) {
      // Before the new identity is saved: the move checks that it differs. It writes this save's audit row.
      const actor = { userId, roles: ["employer"] as const };
      const move = { orgId: org.id, action: "resubmit" as const, actor, identity: wanted, detail, ip };
      const moved = transitionOrganisation(tx, move);
      if (!moved.ok) throw new Error(`updateOrganisation: ${moved.reason}`);
    } else {
      const subject = { subjectType: "organisation", subjectId: org.id };
      recordAudit(tx, { actorId: userId, action: "organisation.updated", ...subject, detail, ip });
    }
    updateOrganisationFields(tx, org.id, { ...values, updatedAt: new Date() });
    return asRequest ? fileIdentityRequest(tx, { orgId: org.id, current: org, wanted, userId, ip }) : null;
  });
  return { status, backToVerification, identityRequest };
}
