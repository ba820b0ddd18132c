import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  findInvitation,
  INVITATION_TTL_MS,
  inviteColleague,
  listPendingInvitations,
  MAX_PENDING_INVITATIONS,
} from "../../app/models/invitations.server";
import { getEmployerMembership, isOrgMember } from "../../app/models/organisations.server";
import { ContactTakenError } from "../../app/models/registration.server";
import type { Db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { auditLog, memberships, organisations, orgInvitations, outbox, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { addMember, insertEmployer, insertUser, registerCandidate, registerEmployer } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const NOW = new Date("2026-03-10T09:00:00Z");
const ACCOUNT = {
  firstName: "Kadiatou",
  lastName: "Sangaré",
  password: "bamako2026",
  passwordConfirm: "bamako2026",
  consent: "on" as const,
};

async function owner(orgName = "Boulangerie du Fleuve") {
  return insertEmployer(db, "verified", orgName);
}

function invite(ownerId: number, contact: { phone?: string; email?: string }, now = NOW) {
  const result = inviteColleague(db, ownerId, contact, now);
  if (!result?.ok) throw new Error(`invitation refused: ${JSON.stringify(result)}`);
  return result;
}

describe("inviteColleague", () => {
  it("stores only the token's SHA-256, valid 7 days, and queues an SMS in the owner's language", async () => {
    const { user, org } = await owner();
    db.update(users).set({ locale: "en" }).where(eq(users.id, user.id)).run();
    const result = invite(user.id, { phone: "+22370112233" });

    expect(result.token).toMatch(/^[\w-]{43}$/);
    const row = db.select().from(orgInvitations).get()!;
    expect(row).toMatchObject({
      orgId: org.id,
      phone: "+22370112233",
      email: null,
      invitedBy: user.id,
      acceptedAt: null,
    });
    expect(row.tokenHash).toBe(sha256(result.token));
    expect(JSON.stringify(row)).not.toContain(result.token);
    expect(row.expiresAt.getTime() - NOW.getTime()).toBe(INVITATION_TTL_MS);
    expect(INVITATION_TTL_MS).toBe(7 * 24 * 60 * 60 * 1000);

    expect(db.select().from(outbox).all()).toEqual([
      expect.objectContaining({
        channel: "sms",
        recipient: "+22370112233",
        template: "invitation",
        locale: "en",
        payload: expect.objectContaining({ orgName: "Boulangerie du Fleuve", link: `/invitation/${result.token}` }),
        dedupeKey: `invitation:${row.id}`,
        status: "pending",
      }),
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.invited")).get()).toMatchObject({
      actorId: user.id,
      subjectId: String(org.id),
      detail: { invitationId: row.id, channel: "sms" },
    });
  });

  it("sends an e-mail for an address, and each invitation has its own token", async () => {
    const { user } = await owner();
    const a = invite(user.id, { email: "awa@boulangerie.ml" });
    const b = invite(user.id, { email: "oumar@boulangerie.ml" });
    expect(a.token).not.toBe(b.token);
    expect(db.select({ channel: outbox.channel, recipient: outbox.recipient }).from(outbox).all()).toEqual([
      { channel: "email", recipient: "awa@boulangerie.ml" },
      { channel: "email", recipient: "oumar@boulangerie.ml" },
    ]);
  });

  it("still invites through the link a person who already has an employer account", async () => {
    const { user } = await owner();
    const colleague = await registerEmployer(db, { phone: "66 55 44 33", orgName: "Son propre atelier" });
    invite(user.id, { phone: "+22366554433" });
    expect(db.select().from(outbox).get()).toMatchObject({ recipient: "+22366554433", userId: colleague.id });
    expect(db.select().from(memberships).where(eq(memberships.userId, colleague.id)).all()).toHaveLength(1);
  });

  it("refuses a member who is not the owner, and creates nothing", async () => {
    const { org } = await owner();
    const member = await insertUser(db, { role: "employeur", email: "membre@boulangerie.ml" });
    addMember(db, member.id, org.id, "member");
    expect(inviteColleague(db, member.id, { phone: "+22370112233" }, NOW)).toEqual({ ok: false, error: "notOwner" });
    const loner = await insertUser(db, { role: "employeur", email: "seul@ailleurs.ml" });
    expect(inviteColleague(db, loner.id, { phone: "+22370112233" }, NOW)).toBeNull();
    expect(db.select().from(orgInvitations).all()).toEqual([]);
    expect(db.select().from(outbox).all()).toEqual([]);
  });

  it("refuses to invite someone already in the team", async () => {
    const { user, org } = await owner();
    const member = await insertUser(db, { role: "employeur", phone: "+22370000077" });
    addMember(db, member.id, org.id, "member");
    expect(inviteColleague(db, user.id, { phone: "+22370000077" }, NOW)).toEqual({ ok: false, error: "alreadyMember" });
  });

  it("refuses the owner's own contact (already a member)", async () => {
    const employer = await registerEmployer(db, { email: "patron@fleuve.ml" });
    expect(inviteColleague(db, employer.id, { email: "patron@fleuve.ml" }, NOW)).toEqual({
      ok: false,
      error: "alreadyMember",
    });
  });

  it("refuses a contact whose account is a candidate's", async () => {
    const { user } = await owner();
    await registerCandidate(db, { phone: "70 20 30 40" });
    expect(inviteColleague(db, user.id, { phone: "+22370203040" }, NOW)).toEqual({
      ok: false,
      error: "notEmployerAccount",
    });
  });

  it("refuses a second pending invitation for the same contact, but not once the first expired", async () => {
    const { user } = await owner();
    invite(user.id, { phone: "+22370112233" });
    expect(inviteColleague(db, user.id, { phone: "+22370112233" }, NOW)).toEqual({
      ok: false,
      error: "alreadyInvited",
    });
    const later = new Date(NOW.getTime() + INVITATION_TTL_MS + 1);
    expect(inviteColleague(db, user.id, { phone: "+22370112233" }, later)).toMatchObject({ ok: true });
  });

  it(`refuses more than ${MAX_PENDING_INVITATIONS} pending invitations`, async () => {
    const { user, org } = await owner();
    for (let i = 0; i < MAX_PENDING_INVITATIONS; i++) invite(user.id, { email: `collegue${i}@fleuve.ml` });
    expect(listPendingInvitations(db, org.id, NOW)).toHaveLength(20);
    expect(inviteColleague(db, user.id, { email: "un-de-trop@fleuve.ml" }, NOW)).toEqual({
      ok: false,
      error: "tooMany",
    });
    expect(db.select().from(orgInvitations).all()).toHaveLength(20);
  });
});

describe("findInvitation", () => {
  it("finds a valid invitation by its token only, until it expires", async () => {
    const { user, org } = await owner();
    const { token } = invite(user.id, { phone: "+22370112233" });
    expect(findInvitation(db, token, NOW)).toMatchObject({
      orgId: org.id,
      orgName: "Boulangerie du Fleuve",
      phone: "+22370112233",
    });
    expect(findInvitation(db, token, new Date(NOW.getTime() + INVITATION_TTL_MS - 1))).not.toBeNull();
    expect(findInvitation(db, token, new Date(NOW.getTime() + INVITATION_TTL_MS))).toBeNull();
  });

  it.each([
    ["another random token", "x".repeat(43)],
    ["the stored hash itself", "HASH"],
    ["an SQL fragment", "' OR 1=1 --"],
    ["an empty token", ""],
    ["10 000 characters", "a".repeat(10_000)],
  ])("finds nothing for %s", async (_label, token) => {
    const { user } = await owner();
    invite(user.id, { phone: "+22370112233" });
    const hash = db.select().from(orgInvitations).get()!.tokenHash;
    expect(findInvitation(db, token === "HASH" ? hash : token, NOW)).toBeNull();
  });
});

describe("acceptInvitation (an employer already registered)", () => {
  it("makes the employer a member, once", async () => {
    const { user, org } = await owner();
    const colleague = await insertUser(db, { role: "employeur", email: "collegue@fleuve.ml" });
    const { token } = invite(user.id, { email: "collegue@fleuve.ml" });

    expect(acceptInvitation(db, colleague.id, token, "41.1.1.1", NOW)).toEqual({
      ok: true,
      orgId: org.id,
      orgName: "Boulangerie du Fleuve",
    });
    expect(db.select().from(memberships).where(eq(memberships.userId, colleague.id)).get()).toMatchObject({
      orgId: org.id,
      role: "member",
    });
    expect(db.select().from(orgInvitations).get()!.acceptedAt).toEqual(NOW);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.joined")).get()).toMatchObject({
      actorId: colleague.id,
      subjectId: String(org.id),
      ip: "41.1.1.1",
    });
    expect(getEmployerMembership(db, colleague.id)?.org.id).toBe(org.id);

    // Used once: neither the same person nor anyone else can use the link again.
    const other = await insertUser(db, { role: "employeur", email: "autre@fleuve.ml" });
    expect(acceptInvitation(db, colleague.id, token, undefined, NOW)).toBeNull();
    expect(acceptInvitation(db, other.id, token, undefined, NOW)).toBeNull();
    expect(isOrgMember(db, other.id, org.id)).toBe(false);
  });

  it("refuses an expired link and a non-employer account", async () => {
    const { user, org } = await owner();
    const { token } = invite(user.id, { phone: "+22370112233" });
    const counsellor = await insertUser(db, { role: "conseiller", email: "c@oim.ml" });
    expect(acceptInvitation(db, counsellor.id, token, undefined, NOW)).toBeNull();
    const colleague = await insertUser(db, { role: "employeur", phone: "+22370112233" });
    expect(
      acceptInvitation(db, colleague.id, token, undefined, new Date(NOW.getTime() + INVITATION_TTL_MS + 1)),
    ).toBeNull();
    expect(isOrgMember(db, colleague.id, org.id)).toBe(false);
    expect(db.select().from(orgInvitations).get()!.acceptedAt).toBeNull();
  });
});

describe("acceptInvitation: only the invited phone or e-mail", () => {
  it("refuses an employer whose account is not the invited contact, and the link stays usable by the invited person", async () => {
    const { user, org } = await owner();
    const { token } = invite(user.id, { phone: "+22370112233" });
    // A rival who got hold of the link (forwarded SMS, shared phone).
    const rival = await registerEmployer(db, {
      phone: "66 00 11 22",
      email: "rival@garage.ml",
      orgName: "Garage Rival",
    });
    expect(acceptInvitation(db, rival.id, token, "41.9.9.9", NOW)).toEqual({ ok: false, error: "notInvitee" });
    expect(isOrgMember(db, rival.id, org.id)).toBe(false);
    expect(db.select().from(orgInvitations).get()!.acceptedAt).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.joined")).all()).toEqual([]);

    const invited = await insertUser(db, { role: "employeur", phone: "+22370112233" });
    expect(acceptInvitation(db, invited.id, token, undefined, NOW)).toMatchObject({ ok: true, orgId: org.id });
  });

  it("matches an e-mail invitation whatever the letters' case, and not another address", async () => {
    const { user, org } = await owner();
    const { token } = invite(user.id, { email: "awa@fleuve.ml" });
    const other = await insertUser(db, { role: "employeur", email: "awa@fleuve.ml.evil.com" });
    expect(acceptInvitation(db, other.id, token, undefined, NOW)).toEqual({ ok: false, error: "notInvitee" });
    const awa = await insertUser(db, { role: "employeur", email: "Awa@Fleuve.ML" });
    expect(acceptInvitation(db, awa.id, token, undefined, NOW)).toMatchObject({ ok: true, orgId: org.id });
  });
});

describe("acceptInvitationAsNewUser", () => {
  it("creates an employer account with the invited phone, in the organisation, without a new organisation", async () => {
    const { user, org } = await owner();
    const { token } = invite(user.id, { phone: "+22370112233" });
    const orgCount = db.select().from(organisations).all().length;

    const account = (await acceptInvitationAsNewUser(db, token, ACCOUNT, "en", "41.2.2.2", NOW))!;
    expect(account).toMatchObject({ role: "employeur", orgId: org.id });
    const row = db.select().from(users).where(eq(users.id, account.id)).get()!;
    expect(row).toMatchObject({ phone: "+22370112233", email: null, displayName: "Kadiatou Sangaré", locale: "en" });
    expect(await verifyPassword("bamako2026", row.passwordHash)).toBe(true);
    expect(db.select().from(memberships).where(eq(memberships.userId, account.id)).all()).toEqual([
      expect.objectContaining({ orgId: org.id, role: "member" }),
    ]);
    expect(db.select().from(organisations).all()).toHaveLength(orgCount);
    expect(db.select().from(orgInvitations).get()!.acceptedAt).toEqual(NOW);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "account.registered")).all().at(-1)).toMatchObject({
      actorId: account.id,
      ip: "41.2.2.2",
    });

    // The link is spent.
    expect(await acceptInvitationAsNewUser(db, token, ACCOUNT, "fr", undefined, NOW)).toBeNull();
  });

  it("refuses a contact that registered in the meantime, and keeps the invitation", async () => {
    const { user } = await owner();
    const { token } = invite(user.id, { email: "kadiatou@fleuve.ml" });
    await registerEmployer(db, { email: "kadiatou@fleuve.ml", orgName: "Ailleurs" });
    await expect(acceptInvitationAsNewUser(db, token, ACCOUNT, "fr", undefined, NOW)).rejects.toBeInstanceOf(
      ContactTakenError,
    );
    expect(db.select().from(orgInvitations).get()!.acceptedAt).toBeNull();
  });

  it("answers null to an unknown or expired token", async () => {
    const { user } = await owner();
    const { token } = invite(user.id, { phone: "+22370112233" });
    expect(await acceptInvitationAsNewUser(db, "y".repeat(43), ACCOUNT, "fr", undefined, NOW)).toBeNull();
    expect(
      await acceptInvitationAsNewUser(db, token, ACCOUNT, "fr", undefined, new Date(NOW.getTime() + INVITATION_TTL_MS)),
    ).toBeNull();
    expect(db.select().from(users).where(eq(users.phone, "+22370112233")).get()).toBeUndefined();
  });
});
