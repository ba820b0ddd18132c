// An organisation's owner invites a colleague by SMS or e-mail. The link carries
// a random token; the database keeps only its SHA-256, so a copy of it opens no
// invitation.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { InvitedAccountInput } from "~/schemas/organisation";
import { DAY_MS } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import { accountLocale, type Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { memberships, organisations, orgInvitations, outbox, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { getEmployerMembership, isOrgMember } from "./organisations.server";
import { secretPayload } from "./outbox.server";
import { ContactTakenError, contactsTaken, insertAccount } from "./registration.server";

export const INVITATION_TTL_MS = 7 * DAY_MS;
export const MAX_PENDING_INVITATIONS = 20;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InviteError = "notOwner" | "alreadyMember" | "alreadyInvited" | "notEmployerAccount" | "tooMany";

export type InviteResult =
  | { ok: true; invitationId: number; token: string; expiresAt: Date }
  | { ok: false; error: InviteError };

const pendingCondition = (now: Date) => and(isNull(orgInvitations.acceptedAt), gt(orgInvitations.expiresAt, now));

/** Invitations of an organisation not yet accepted nor expired, the oldest first. */
export function listPendingInvitations(db: Db, orgId: number, now = new Date()) {
  return db
    .select({
      id: orgInvitations.id,
      phone: orgInvitations.phone,
      email: orgInvitations.email,
      expiresAt: orgInvitations.expiresAt,
    })
    .from(orgInvitations)
    .where(and(eq(orgInvitations.orgId, orgId), pendingCondition(now)))
    .orderBy(asc(orgInvitations.createdAt), asc(orgInvitations.id))
    .all();
}

/**
 * Invites a colleague into the owner's organisation: an invitation valid 7 days
 * and an SMS (phone) or e-mail (address) in the outbox, in the owner's language.
 * A person who already has an employer account accepts through the same link.
 */
export function inviteColleague(
  db: Db,
  ownerId: number,
  contact: { phone?: string; email?: string },
  now = new Date(),
): InviteResult | null {
  const membership = getEmployerMembership(db, ownerId);
  if (!membership) return null;
  if (membership.role !== "owner") return { ok: false, error: "notOwner" };
  const { phone, email } = contact;
  if (!phone && !email) throw new Error("inviteColleague needs a phone or an e-mail");
  const org = membership.org;

  const existing = db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(phone ? eq(users.phone, phone) : eq(users.email, email!))
    .get();
  if (existing && isOrgMember(db, existing.id, org.id)) return { ok: false, error: "alreadyMember" };
  if (existing && existing.role !== "employeur") return { ok: false, error: "notEmployerAccount" };

  const pending = listPendingInvitations(db, org.id, now);
  if (pending.some((i) => (phone && i.phone === phone) || (email && i.email === email))) {
    return { ok: false, error: "alreadyInvited" };
  }
  if (pending.length >= MAX_PENDING_INVITATIONS) return { ok: false, error: "tooMany" };

  const owner = db.select({ locale: users.locale }).from(users).where(eq(users.id, ownerId)).get()!;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitationId = db.transaction((tx) => {
    const id = tx
      .insert(orgInvitations)
      .values({
        orgId: org.id,
        phone: phone ?? null,
        email: email ?? null,
        tokenHash: hashToken(token),
        invitedBy: ownerId,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: orgInvitations.id })
      .get().id;
    tx.insert(outbox)
      .values({
        channel: phone ? "sms" : "email",
        recipient: (phone ?? email)!,
        userId: existing?.id ?? null,
        template: "invitation",
        locale: owner.locale,
        // The link carries the token: erased from the outbox once sent.
        payload: secretPayload({ orgName: org.name }, { link: `/invitation/${token}` }),
        dedupeKey: `invitation:${id}`,
      })
      .run();
    recordAudit(tx, {
      actorId: ownerId,
      action: "organisation.invited",
      subjectType: "organisation",
      subjectId: org.id,
      detail: { invitationId: id, channel: phone ? "sms" : "email" },
    });
    return id;
  });
  return { ok: true, invitationId, token, expiresAt };
}

/** The invitation behind a link, if it is still valid (not used, not expired). */
export function findInvitation(db: Db, token: string, now = new Date()) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  return (
    db
      .select({
        id: orgInvitations.id,
        orgId: orgInvitations.orgId,
        orgName: organisations.name,
        phone: orgInvitations.phone,
        email: orgInvitations.email,
        expiresAt: orgInvitations.expiresAt,
      })
      .from(orgInvitations)
      .innerJoin(organisations, eq(organisations.id, orgInvitations.orgId))
      .where(and(eq(orgInvitations.tokenHash, hashToken(token)), pendingCondition(now)))
      .get() ?? null
  );
}

export type Invitation = NonNullable<ReturnType<typeof findInvitation>>;

/**
 * Marks the invitation used, only if it still is unused: of two acceptances of
 * one link racing each other, one wins.
 */
function markInvitationUsed(tx: Tx, invitationId: number, now: Date) {
  const changes = tx
    .update(orgInvitations)
    .set({ acceptedAt: now })
    .where(and(eq(orgInvitations.id, invitationId), isNull(orgInvitations.acceptedAt)))
    .run().changes;
  if (changes !== 1) throw new InvitationUsedError();
}

export class InvitationUsedError extends Error {
  constructor() {
    super("invitation already used");
  }
}

/** Whether this account is the one the invitation was sent to: its phone, or its e-mail in any case. */
export function isInvitee(
  invitation: Pick<Invitation, "phone" | "email">,
  user: { phone: string | null; email: string | null },
) {
  if (invitation.phone) return user.phone === invitation.phone;
  return Boolean(invitation.email && user.email && user.email.toLowerCase() === invitation.email.toLowerCase());
}

export type AcceptResult = { ok: true; orgId: number; orgName: string } | { ok: false; error: "notInvitee" };

/**
 * A logged-in employer joins the organisation of the invitation as a member,
 * only with the account of the phone or e-mail it was sent to (a forwarded
 * link opens nothing for anyone else, and stays usable by the right person).
 * Null when the link is no longer valid or the account is not an employer's.
 */
export function acceptInvitation(
  db: Db,
  userId: number,
  token: string,
  ip?: string,
  now = new Date(),
): AcceptResult | null {
  const invitation = findInvitation(db, token, now);
  if (!invitation) return null;
  const user = db
    .select({ role: users.role, phone: users.phone, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (user?.role !== "employeur") return null;
  if (!isInvitee(invitation, user)) return { ok: false, error: "notInvitee" };
  try {
    db.transaction((tx) => {
      markInvitationUsed(tx, invitation.id, now);
      if (!isOrgMember(tx, userId, invitation.orgId)) {
        tx.insert(memberships).values({ userId, orgId: invitation.orgId, role: "member" }).run();
      }
      recordAudit(tx, {
        actorId: userId,
        action: "organisation.joined",
        subjectType: "organisation",
        subjectId: invitation.orgId,
        detail: { invitationId: invitation.id },
        ip,
      });
    });
  } catch (error) {
    if (error instanceof InvitationUsedError) return null;
    throw error;
  }
  return { ok: true, orgId: invitation.orgId, orgName: invitation.orgName };
}

/**
 * Creates the invited person's employer account, with the phone or e-mail of the
 * invitation, as a member of the organisation (no new organisation), in one
 * transaction. Null when the link is no longer valid; throws ContactTakenError
 * when the contact already has an account (they log in and join instead).
 */
export async function acceptInvitationAsNewUser(
  db: Db,
  token: string,
  input: InvitedAccountInput,
  locale: Locale,
  ip?: string,
  now = new Date(),
) {
  const invitation = findInvitation(db, token, now);
  if (!invitation) return null;
  const phone = invitation.phone ?? undefined;
  const email = invitation.email ?? undefined;
  const taken = contactsTaken(db, phone, email);
  if (taken.phone || taken.email) throw new ContactTakenError(taken);
  const passwordHash = await hashPassword(input.password);
  try {
    return db.transaction((tx) => {
      markInvitationUsed(tx, invitation.id, now);
      const user = insertAccount(tx, {
        ...input,
        role: "employeur",
        phone,
        email,
        passwordHash,
        locale: accountLocale("employeur", locale),
        now,
      });
      tx.insert(memberships).values({ userId: user.id, orgId: invitation.orgId, role: "member" }).run();
      recordAudit(tx, {
        actorId: user.id,
        action: "account.registered",
        subjectType: "user",
        subjectId: user.id,
        detail: { role: user.role, invitationId: invitation.id },
        ip,
      });
      recordAudit(tx, {
        actorId: user.id,
        action: "organisation.joined",
        subjectType: "organisation",
        subjectId: invitation.orgId,
        detail: { invitationId: invitation.id },
        ip,
      });
      return { ...user, orgId: invitation.orgId };
    });
  } catch (error) {
    if (error instanceof InvitationUsedError) return null;
    // Someone registered this contact while the password was being hashed.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      throw new ContactTakenError(contactsTaken(db, phone, email));
    }
    throw error;
  }
}
