// The one write path of organisations: every verification status move goes
// through transitionOrganisation, which checks the table of
// lifecycles/organisation.ts and writes the status, the audit row and the
// notification. Other changes of an organisation's row go through the plain
// functions below, which cannot touch the status.
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { notifyOrganisation } from "~/models/notifications.server";
import { isOrgMember } from "~/models/organisations.server";
import type { Db, Tx } from "~/utils/db.server";
import { memberships, organisations, type VerificationStatus } from "../../../db/schema";
import { findMove, type LifecycleRole, type MoveResult } from "./lifecycle";
import { IDENTITY_FIELDS, type Identity, type OrganisationAction, organisationLifecycle } from "./organisation";

/** Who moves the organisation: `employer` is made `owner` when a member of it. */
export type OrganisationActor = { userId: number | null; roles: readonly LifecycleRole[] };

export type OrganisationMove = {
  orgId: number;
  action: OrganisationAction;
  actor: OrganisationActor;
  /** A counsellor's reason for rejecting or suspending, shown to the members. */
  reason?: string | null;
  /** The identity a member saves (resubmit): it must differ from the refused one. */
  identity?: Identity;
  /** The audit row's detail; by default the status it came from and the reason. */
  detail?: Record<string, unknown>;
  ip?: string;
};

type Organisation = typeof organisations.$inferSelect;

/** Null when the guard holds, else the reason the move is refused. */
function guardRefusal(guard: string | undefined, org: Organisation, move: OrganisationMove): string | null {
  switch (guard) {
    case undefined:
      return null;
    case "employerOrganisation":
      return org.kind === "employer" ? null : "notEmployer";
    case "employerWithReason":
      return guardRefusal("employerOrganisation", org, move) ?? (move.reason?.trim() ? null : "reasonRequired");
    case "identityChanged": {
      const { identity } = move;
      return identity && IDENTITY_FIELDS.some((key) => identity[key] !== org[key]) ? null : "identityUnchanged";
    }
    default:
      throw new Error(`organisation lifecycle: unknown guard ${guard}`);
  }
}

/** The columns a move writes besides the status. */
function columnsOf(move: OrganisationMove, now: Date) {
  switch (move.action) {
    // Who took the last decision, whichever it was.
    case "verify":
      return { verificationReason: null, verifiedAt: now, verifiedBy: move.actor.userId };
    case "reject":
    case "suspend":
      return { verificationReason: move.reason ?? null, verifiedBy: move.actor.userId };
    case "resubmit":
      return { verificationReason: null };
  }
}

/**
 * Moves an organisation along its lifecycle: refused when the actor may not
 * make this move from its status (`notAllowed`) or the move's guard does not
 * hold (its reason); else writes the status, the audit row and the notification.
 */
export function transitionOrganisation(tx: Db | Tx, move: OrganisationMove): MoveResult<VerificationStatus> {
  const org = tx.select().from(organisations).where(eq(organisations.id, move.orgId)).get();
  if (!org) return { ok: false, reason: "notFound" };
  const { actor } = move;
  const isOwner = actor.userId !== null && actor.roles.includes("employer") && isOrgMember(tx, actor.userId, org.id);
  const roles: LifecycleRole[] = isOwner ? [...actor.roles, "owner"] : [...actor.roles];
  const step = findMove(organisationLifecycle, move.action, org.verificationStatus, roles);
  if (!step) return { ok: false, reason: "notAllowed" };
  const refusal = guardRefusal(step.guard, org, move);
  if (refusal) return { ok: false, reason: refusal };

  const now = new Date();
  tx.update(organisations)
    .set({ verificationStatus: step.to, ...columnsOf(move, now), updatedAt: now })
    .where(eq(organisations.id, org.id))
    .run();
  const reason = move.reason ?? null;
  recordAudit(tx, {
    actorId: actor.userId,
    action: step.audit,
    subjectType: "organisation",
    subjectId: org.id,
    detail: move.detail ?? { from: org.verificationStatus, ...(reason ? { reason } : {}) },
    ip: move.ip,
  });
  if (step.notify) {
    notifyOrganisation(tx, org.id, {
      kind: step.notify,
      payload: { orgName: org.name, reason },
      link: "/employeur/organisation",
    });
  }
  return { ok: true, from: org.verificationStatus, to: step.to };
}

type LifecycleColumns = "verificationStatus" | "verificationReason" | "verifiedAt" | "verifiedBy";
/** An organisation's own details: never its status nor the columns that go with it. */
type NewOrganisationFields = Omit<typeof organisations.$inferInsert, "id" | "kind" | "createdAt" | LifecycleColumns>;
export type OrganisationFields = Partial<NewOrganisationFields>;
type NewOrganisation =
  | (NewOrganisationFields & { kind: "employer" })
  | (NewOrganisationFields & { kind: "partner"; verifiedBy: number });

export function updateOrganisationFields(tx: Db | Tx, orgId: number, fields: OrganisationFields) {
  tx.update(organisations).set(fields).where(eq(organisations.id, orgId)).run();
}

/**
 * A new organisation; its id. An employer's waits for a counsellor
 * (`pending`); a partner body starts `verified` by the admin who creates it.
 */
export function insertOrganisation(tx: Db | Tx, fields: NewOrganisation): number {
  const status =
    fields.kind === "partner"
      ? { verificationStatus: "verified" as const, verifiedAt: new Date(), verifiedBy: fields.verifiedBy }
      : { verificationStatus: "pending" as const };
  return tx
    .insert(organisations)
    .values({ ...fields, ...status })
    .returning({ id: organisations.id })
    .get().id;
}

/** A counsellor accepted a verified organisation's new identity: the badge vouches for it from now. */
export function acceptIdentity(tx: Db | Tx, orgId: number, identity: Identity, counsellorId: number, at: Date) {
  tx.update(organisations)
    .set({ ...identity, verifiedAt: at, verifiedBy: counsellorId, updatedAt: at })
    .where(eq(organisations.id, orgId))
    .run();
}

/**
 * A deleted person's contact details leave the organisations that took them
 * (an employer's came from its founder's registration), and their name leaves
 * the organisations they belonged to.
 */
export function forgetContactOnOrganisations(
  tx: Db | Tx,
  { userId, contacts, displayName }: { userId: number; contacts: string[]; displayName: string },
) {
  if (contacts.length) {
    tx.update(organisations).set({ contactPhone: null }).where(inArray(organisations.contactPhone, contacts)).run();
    tx.update(organisations).set({ contactEmail: null }).where(inArray(organisations.contactEmail, contacts)).run();
  }
  tx.update(organisations)
    .set({ contactName: null })
    .where(
      and(
        eq(organisations.contactName, displayName),
        inArray(
          organisations.id,
          tx.select({ id: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId)),
        ),
      ),
    )
    .run();
}
