// The organisation's lifecycle, move by move: every (status, action, role)
// against the real database, the allowed ones written out below by hand.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import {
  identityChangeResubmits,
  moderatorActionsFor,
  type OrganisationAction,
  showsDecisionReason,
} from "../../app/models/lifecycles/organisation";
import { type OrganisationActor, transitionOrganisation } from "../../app/models/lifecycles/organisation.server";
import type { Db } from "../../app/utils/db.server";
import { auditLog, notifications, organisations, type VerificationStatus } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser } from "../helpers/factories/accounts";
import { insertEmployer } from "../helpers/factories/employers";
import { insertOrganisation } from "../helpers/factories/organisations";
import { insertStaff } from "../helpers/factories/staff";

const STATUSES: VerificationStatus[] = ["pending", "verified", "rejected", "suspended"];
const ACTIONS: OrganisationAction[] = ["verify", "reject", "suspend", "resubmit"];
const ROLES: LifecycleRole[] = ["owner", "employer", "candidate", "counsellor", "admin", "system"];

/** "from action role" → the status it gives. Anything not listed is refused. */
const ALLOWED: Record<string, VerificationStatus> = {
  "pending verify counsellor": "verified",
  "pending verify admin": "verified",
  "pending reject counsellor": "rejected",
  "pending reject admin": "rejected",
  "pending suspend counsellor": "suspended",
  "pending suspend admin": "suspended",
  "verified suspend counsellor": "suspended",
  "verified suspend admin": "suspended",
  "rejected resubmit owner": "pending",
};

/** What each action writes in the audit log and tells the members (null: nothing). */
const WRITES: Record<OrganisationAction, { audit: string; notify: string | null }> = {
  verify: { audit: "organisation.verified", notify: "moderation.organisation.verified" },
  reject: { audit: "organisation.rejected", notify: "moderation.organisation.rejected" },
  suspend: { audit: "organisation.suspended", notify: "moderation.organisation.suspended" },
  resubmit: { audit: "organisation.updated", notify: null },
};

const REASON = "Dossier incomplet.";

let db: Db;
let actors: Record<LifecycleRole, OrganisationActor>;

beforeAll(async () => {
  db = createTestDb();
  const outsider = await insertEmployer(db, "verified", "Autre atelier");
  const candidate = await insertUser(db, { role: "candidat", password: null });
  const counsellor = insertStaff(db);
  const admin = insertStaff(db, { role: "admin" });
  actors = {
    // Made owner of each organisation below, as a member of it.
    owner: { userId: null, roles: ["employer"] },
    employer: { userId: outsider.user.id, roles: ["employer"] },
    candidate: { userId: candidate.id, roles: ["candidate"] },
    counsellor: { userId: counsellor.id, roles: ["counsellor"] },
    admin: { userId: admin.id, roles: ["admin"] },
    system: { userId: null, roles: ["system"] },
  };
});

const cases = STATUSES.flatMap((from) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ from, action, role }))));

describe("organisation lifecycle: every move, allowed or refused", () => {
  it.each(cases)("$from → $action by $role", async ({ from, action, role }) => {
    const { user: member, org } = await insertEmployer(db, from);
    const actor = role === "owner" ? { ...actors.owner, userId: member.id } : actors[role];
    const identity = { name: `${org.name} corrigé`, rccm: org.rccm, nif: org.nif };

    const result = transitionOrganisation(db, { orgId: org.id, action, actor, reason: REASON, identity });

    const status = db.select().from(organisations).where(eq(organisations.id, org.id)).get()!.verificationStatus;
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "organisation"), eq(auditLog.subjectId, String(org.id))))
      .all();
    const told = db.select().from(notifications).where(eq(notifications.userId, member.id)).all();
    const to = ALLOWED[`${from} ${action} ${role}`];
    if (to) {
      expect(result).toEqual({ ok: true, from, to });
      expect(status).toBe(to);
      expect(audit.map((row) => [row.action, row.actorId])).toEqual([[WRITES[action].audit, actor.userId]]);
      expect(told.map((row) => row.kind)).toEqual(WRITES[action].notify ? [WRITES[action].notify] : []);
    } else {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(status).toBe(from);
      expect(audit).toEqual([]);
      expect(told).toEqual([]);
    }
  });
});

describe("organisation lifecycle: guards", () => {
  it("decides only employer organisations: a partner body is vouched for by the platform", () => {
    const partner = insertOrganisation(db, { kind: "partner", name: "ANPE", status: "pending" });
    const moved = transitionOrganisation(db, { orgId: partner.id, action: "verify", actor: actors.counsellor });
    expect(moved).toEqual({ ok: false, reason: "notEmployer" });
  });

  it("rejects and suspends only with a reason", async () => {
    const { org } = await insertEmployer(db, "pending");
    for (const action of ["reject", "suspend"] as const) {
      const moved = transitionOrganisation(db, { orgId: org.id, action, actor: actors.counsellor, reason: "  " });
      expect(moved).toEqual({ ok: false, reason: "reasonRequired" });
    }
  });

  it("sends a rejected organisation back to a counsellor only with a new name, RCCM or NIF", async () => {
    const { user, org } = await insertEmployer(db, "rejected");
    const actor = { userId: user.id, roles: ["employer"] as const };
    const identity = { name: org.name, rccm: org.rccm, nif: org.nif };
    const moved = transitionOrganisation(db, { orgId: org.id, action: "resubmit", actor, identity });
    expect(moved).toEqual({ ok: false, reason: "identityUnchanged" });
  });

  it("says when the organisation does not exist", () => {
    const moved = transitionOrganisation(db, { orgId: 999_999, action: "verify", actor: actors.counsellor });
    expect(moved).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("what the pages ask the table", () => {
  it("offers a counsellor exactly the decisions allowed from each status", () => {
    expect(Object.fromEntries(STATUSES.map((status) => [status, moderatorActionsFor(status)]))).toEqual({
      pending: ["verify", "reject", "suspend"],
      verified: ["suspend"],
      rejected: [],
      suspended: [],
    });
  });

  it("tells the members the reason of a decision against them, and when a new identity is checked again", () => {
    expect(STATUSES.filter(showsDecisionReason)).toEqual(["rejected", "suspended"]);
    expect(STATUSES.filter(identityChangeResubmits)).toEqual(["rejected"]);
  });
});
