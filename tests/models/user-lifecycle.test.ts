// The account's lifecycle, move by move: every (status, action, role) against
// the real database, the allowed ones written out below by hand.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import { type UserAction, type UserStatus, userActionsFor, userStatus } from "../../app/models/lifecycles/user";
import { transitionUser, type UserActor } from "../../app/models/lifecycles/user.server";
import type { Db } from "../../app/utils/db.server";
import { auditLog, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser } from "../helpers/factories/accounts";
import { insertCandidate } from "../helpers/factories/candidates";
import { insertStaff } from "../helpers/factories/staff";

const STATUSES: UserStatus[] = ["active", "disabled", "deleted"];
const ACTIONS: UserAction[] = ["disable", "enable", "delete"];
const ROLES: LifecycleRole[] = ["owner", "candidate", "employer", "counsellor", "admin", "system"];

/** "from action role" → the status it gives. Anything not listed is refused. */
const ALLOWED: Record<string, UserStatus> = {
  "active disable admin": "disabled",
  "disabled enable admin": "active",
  "active delete owner": "deleted",
  "active delete admin": "deleted",
  "active delete system": "deleted",
  "disabled delete owner": "deleted",
  "disabled delete admin": "deleted",
  "disabled delete system": "deleted",
};

const AUDIT: Record<UserAction, string> = {
  disable: "admin.user_disabled",
  enable: "admin.user_enabled",
  delete: "account.deleted",
};

let db: Db;
let actors: Record<LifecycleRole, UserActor>;

beforeAll(async () => {
  db = createTestDb();
  const ids = async (role: "candidat" | "employeur") => (await insertUser(db, { role, password: null })).id;
  actors = {
    // Made owner of each account below, as the account itself.
    owner: { userId: null, roles: ["candidate"] },
    candidate: { userId: await ids("candidat"), roles: ["candidate"] },
    employer: { userId: await ids("employeur"), roles: ["employer"] },
    counsellor: { userId: insertStaff(db).id, roles: ["counsellor"] },
    admin: { userId: insertStaff(db, { role: "admin" }).id, roles: ["admin"] },
    system: { userId: null, roles: ["system"] },
  };
});

const cases = STATUSES.flatMap((from) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ from, action, role }))));

describe("user lifecycle: every move, allowed or refused", () => {
  it.each(cases)("$from → $action by $role", ({ from, action, role }) => {
    const person = insertCandidate(db, { disabled: from === "disabled", deleted: from === "deleted" });
    const actor = role === "owner" ? { ...actors.owner, userId: person.id } : actors[role];

    const result = transitionUser(db, { userId: person.id, action, actor, ip: "41.73.9.9" });

    const row = db.select().from(users).where(eq(users.id, person.id)).get()!;
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, String(person.id))))
      .all();
    const to = ALLOWED[`${from} ${action} ${role}`];
    if (to) {
      expect(result).toEqual({ ok: true, from, to });
      expect(userStatus(row)).toBe(to);
      const written = audit.map((line) => [line.action, line.actorId, line.ip]);
      expect(written).toEqual([[AUDIT[action], actor.userId, "41.73.9.9"]]);
    } else {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(userStatus(row)).toBe(from);
      expect(audit).toEqual([]);
    }
  });

  it("leaves a deleted account an empty tombstone", () => {
    const person = insertCandidate(db, { email: "awa@test.ml" });
    transitionUser(db, { userId: person.id, action: "delete", actor: { userId: null, roles: ["system"] } });
    const row = db.select().from(users).where(eq(users.id, person.id)).get()!;
    expect(row).toMatchObject({ phone: null, email: null, passwordHash: null, displayName: "—" });
  });
});

describe("user lifecycle: guards", () => {
  it("never lets an admin disable or enable their own account", () => {
    const admin = actors.admin;
    const own = (action: UserAction) => transitionUser(db, { userId: admin.userId!, action, actor: admin });
    expect(own("disable")).toEqual({ ok: false, reason: "notOnYourself" });
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, admin.userId!)).run();
    expect(own("enable")).toEqual({ ok: false, reason: "notOnYourself" });
    db.update(users).set({ disabledAt: null }).where(eq(users.id, admin.userId!)).run();
  });

  it("keeps one active admin", () => {
    const other = insertStaff(db, { role: "admin" });
    const actor = { userId: other.id, roles: ["admin"] as const };
    // Two active admins: one may disable the other, and then not be disabled in turn.
    expect(transitionUser(db, { userId: actors.admin.userId!, action: "disable", actor })).toMatchObject({ ok: true });
    const lastOne = { userId: actors.admin.userId, roles: ["admin"] as const };
    const refused = transitionUser(db, { userId: other.id, action: "disable", actor: lastOne });
    expect(refused).toEqual({ ok: false, reason: "lastAdmin" });
    db.update(users).set({ disabledAt: null }).where(eq(users.id, actors.admin.userId!)).run();
  });

  it("says when the account does not exist", () => {
    const moved = transitionUser(db, { userId: 999_999, action: "delete", actor: actors.admin });
    expect(moved).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("what the admin's page asks the table", () => {
  it("offers an admin exactly the moves allowed from each status", () => {
    expect(Object.fromEntries(STATUSES.map((status) => [status, userActionsFor(status, "admin")]))).toEqual({
      active: ["disable", "delete"],
      disabled: ["enable", "delete"],
      deleted: [],
    });
  });
});
