// The partnership's lifecycle, move by move: every (status, action, role) against the real database, the
// allowed ones written out below by hand; then the guards (convention, its dates, coded reasons, impossible
// days), what each move writes (one dated step, one audit line, one notification to the company's members,
// the next step's due date) and the company's request.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import { NEXT_STEP_DAYS, type PartnershipAction, partnershipActionsFor } from "../../app/models/lifecycles/partnership";
import {
  type PartnershipActor,
  requestPartnership,
  transitionPartnership,
} from "../../app/models/lifecycles/partnership.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, notifications, type PartnershipStatus, partnershipEvents, partnerships } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser } from "../helpers/factories/accounts";
import { insertEmployer } from "../helpers/factories/employers";
import { insertConvention, insertPartnership, insertProgramme } from "../helpers/factories/partnerships";
import { insertStaff } from "../helpers/factories/staff";

const STATUSES: PartnershipStatus[] = [
  "requested",
  "contacted",
  "meeting_held",
  "documents_received",
  "signed",
  "active",
  "closed",
  "declined",
];
type Move = Exclude<PartnershipAction, "request">;
const ACTIONS: Move[] = [
  "contact",
  "hold_meeting",
  "receive_documents",
  "sign",
  "activate",
  "close",
  "decline",
  "withdraw",
];
const ROLES: LifecycleRole[] = ["owner", "employer", "candidate", "counsellor", "admin", "system"];

/** "from action role" → the status it gives. Anything not listed is refused. */
const ALLOWED: Record<string, PartnershipStatus> = {
  "requested contact counsellor": "contacted",
  "requested contact admin": "contacted",
  "contacted hold_meeting counsellor": "meeting_held",
  "contacted hold_meeting admin": "meeting_held",
  "meeting_held receive_documents counsellor": "documents_received",
  "meeting_held receive_documents admin": "documents_received",
  "documents_received sign counsellor": "signed",
  "documents_received sign admin": "signed",
  "signed activate counsellor": "active",
  "signed activate admin": "active",
  "signed activate system": "active",
  "signed close counsellor": "closed",
  "signed close admin": "closed",
  "signed close system": "closed",
  "active close counsellor": "closed",
  "active close admin": "closed",
  "active close system": "closed",
  "requested decline counsellor": "declined",
  "requested decline admin": "declined",
  "contacted decline counsellor": "declined",
  "contacted decline admin": "declined",
  "meeting_held decline counsellor": "declined",
  "meeting_held decline admin": "declined",
  "documents_received decline counsellor": "declined",
  "documents_received decline admin": "declined",
  "requested withdraw owner": "declined",
  "contacted withdraw owner": "declined",
  "meeting_held withdraw owner": "declined",
  "documents_received withdraw owner": "declined",
};

const WRITES: Record<Move, string> = {
  contact: "partnership.contacted",
  hold_meeting: "partnership.meeting_held",
  receive_documents: "partnership.documents_received",
  sign: "partnership.signed",
  activate: "partnership.activated",
  close: "partnership.closed",
  decline: "partnership.declined",
  withdraw: "partnership.withdrawn",
};

const DAY = 86_400_000;
const today = isoToday();
// The convention of every case ran from 40 days ago to yesterday: it may be started, and closed by the system.
const TERMS = { startDate: addDays(today, -40), endDate: addDays(today, -1) };

let db: Db;
let actors: Record<LifecycleRole, PartnershipActor>;
let programmeId: number;

beforeAll(async () => {
  db = createTestDb();
  const outsider = await insertEmployer(db, "verified", "Autre atelier");
  const candidate = await insertUser(db, { role: "candidat", password: null });
  actors = {
    owner: { userId: null, roles: ["employer"] },
    employer: { userId: outsider.user.id, roles: ["employer"] },
    candidate: { userId: candidate.id, roles: ["candidate"] },
    counsellor: { userId: insertStaff(db).id, roles: ["counsellor"] },
    admin: { userId: insertStaff(db, { role: "admin" }).id, roles: ["admin"] },
    system: { userId: null, roles: ["system"] },
  };
  programmeId = insertProgramme(db).id;
});

/** A company (one member) with a partnership in `status`, asked 60 days ago, signed ones with their convention. */
async function partnershipIn(status: PartnershipStatus, convention = ["signed", "active", "closed"].includes(status)) {
  const { user, org } = await insertEmployer(db, "verified");
  const row = insertPartnership(db, {
    orgId: org.id,
    programmeId,
    status,
    createdAt: new Date(Date.now() - 60 * DAY),
  });
  if (convention) insertConvention(db, row, { ...TERMS, commitments: [{ offerType: "apprentissage", quantity: 5 }] });
  return { id: row.id, member: user.id, orgId: org.id };
}

const written = (id: number) => ({
  row: db.select().from(partnerships).where(eq(partnerships.id, id)).get()!,
  events: db.select().from(partnershipEvents).where(eq(partnershipEvents.partnershipId, id)).all(),
  audit: db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "partnership"), eq(auditLog.subjectId, String(id))))
    .all(),
});

const cases = STATUSES.flatMap((from) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ from, action, role }))));

describe("partnership lifecycle: every move, allowed or refused", () => {
  it.each(cases)("$from → $action by $role", async ({ from, action, role }) => {
    const p = await partnershipIn(from, ["documents_received", "signed", "active", "closed"].includes(from));
    const actor = role === "owner" ? { ...actors.owner, userId: p.member } : actors[role];
    const result = transitionPartnership(db, {
      partnershipId: p.id,
      action,
      actor,
      declineReason: "not_eligible",
      note: "Vu avec le gérant",
    });
    const { row, events, audit } = written(p.id);
    const told = db.select().from(notifications).where(eq(notifications.userId, p.member)).all();
    const to = ALLOWED[`${from} ${action} ${role}`];
    if (to) {
      expect(result).toEqual({ ok: true, from, to });
      expect(row.status).toBe(to);
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.happenedOn, e.actorId])).toEqual([
        [from, to, today, actor.userId],
      ]);
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([[WRITES[action], actor.userId]]);
      expect(told.map((n) => [n.kind, n.link])).toEqual([[WRITES[action], `/employeur/partenariats/${p.id}`]]);
      const due = NEXT_STEP_DAYS[to] !== undefined ? addDays(today, NEXT_STEP_DAYS[to]!) : null;
      expect(row.nextStepDue).toBe(to === "signed" ? TERMS.startDate : due);
    } else {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(row.status).toBe(from);
      expect(events).toEqual([]);
      expect(audit).toEqual([]);
      expect(told).toEqual([]);
    }
  });
});

describe("partnership lifecycle: guards", () => {
  const counsellor = () => actors.counsellor;

  it("signs only once the convention is written", async () => {
    const p = await partnershipIn("documents_received", false);
    const moved = transitionPartnership(db, { partnershipId: p.id, action: "sign", actor: counsellor() });
    expect(moved).toEqual({ ok: false, reason: "no_convention" });
  });

  it("starts a partnership on its convention's start date, not before", async () => {
    const p = await partnershipIn("signed", false);
    insertConvention(
      db,
      { ...p, programmeId },
      {
        startDate: addDays(today, 3),
        endDate: addDays(today, 300),
        commitments: [{ offerType: "stage", quantity: 2 }],
      },
    );
    for (const actor of [counsellor(), actors.system]) {
      const moved = transitionPartnership(db, { partnershipId: p.id, action: "activate", actor });
      expect(moved).toEqual({ ok: false, reason: "start_not_reached" });
    }
  });

  it("lets the system close only past the end date; a counsellor earlier, with a note", async () => {
    const p = await partnershipIn("active", false);
    insertConvention(
      db,
      { ...p, programmeId },
      {
        startDate: addDays(today, -10),
        endDate: addDays(today, 300),
        commitments: [{ offerType: "stage", quantity: 2 }],
      },
    );
    const close = (actor: PartnershipActor, note?: string) =>
      transitionPartnership(db, { partnershipId: p.id, action: "close", actor, note });
    expect(close(actors.system)).toEqual({ ok: false, reason: "end_not_reached" });
    expect(close(counsellor(), "  ")).toEqual({ ok: false, reason: "missing_note" });
    expect(close(counsellor(), "L'entreprise ferme son atelier")).toEqual({ ok: true, from: "active", to: "closed" });
    expect(written(p.id).row.nextStepDue).toBeNull();
  });

  it("declines only with a coded reason, and `other` only with a note", async () => {
    const p = await partnershipIn("contacted");
    const decline = (declineReason: "other" | null, note?: string) =>
      transitionPartnership(db, { partnershipId: p.id, action: "decline", actor: counsellor(), declineReason, note });
    expect(decline(null)).toEqual({ ok: false, reason: "missing_reason" });
    expect(decline("other")).toEqual({ ok: false, reason: "missing_note" });
    expect(decline("other", "Activité informelle")).toEqual({ ok: true, from: "contacted", to: "declined" });
    expect(written(p.id).row).toMatchObject({ declineReason: "other", declineNote: "Activité informelle" });
  });

  it("records the company's withdrawal with its own reason", async () => {
    const p = await partnershipIn("requested");
    const actor = { userId: p.member, roles: ["employer"] as const };
    transitionPartnership(db, { partnershipId: p.id, action: "withdraw", actor });
    expect(written(p.id).row).toMatchObject({ status: "declined", declineReason: "company_withdrew" });
  });

  it("refuses a step dated in the future or before the request", async () => {
    const p = await partnershipIn("requested");
    const on = (happenedOn: string) =>
      transitionPartnership(db, { partnershipId: p.id, action: "contact", actor: counsellor(), happenedOn });
    expect(on(addDays(today, 1))).toEqual({ ok: false, reason: "date_in_future" });
    expect(on(addDays(today, -61))).toEqual({ ok: false, reason: "date_before_request" });
    expect(on(addDays(today, -5))).toEqual({ ok: true, from: "requested", to: "contacted" });
    const { events, row } = written(p.id);
    expect(events[0]!.happenedOn).toBe(addDays(today, -5));
    // The next step counts from the day the step took place.
    expect(row.nextStepDue).toBe(addDays(today, -5 + NEXT_STEP_DAYS.contacted!));
  });

  it("takes the counsellor's date for the next step when given", async () => {
    const p = await partnershipIn("requested");
    const nextStepDue = addDays(today, 30);
    transitionPartnership(db, { partnershipId: p.id, action: "contact", actor: counsellor(), nextStepDue });
    expect(written(p.id).row.nextStepDue).toBe(nextStepDue);
  });

  it("says when the partnership does not exist", () => {
    const moved = transitionPartnership(db, { partnershipId: 999_999, action: "contact", actor: counsellor() });
    expect(moved).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("the company's request", () => {
  it("creates the partnership, its first step, the audit line, tells the members and gives 5 days", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const actor = { userId: user.id, roles: ["employer"] as const };
    const asked = requestPartnership(db, { orgId: org.id, programmeId, need: "5 apprentis", contact: "76", actor });
    expect(asked.ok).toBe(true);
    const id = (asked as { id: number }).id;
    const { row, events, audit } = written(id);
    expect(row).toMatchObject({ status: "requested", requestedBy: user.id, nextStepDue: addDays(today, 5) });
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, "requested"]]);
    expect(audit.map((a) => a.action)).toEqual(["partnership.requested"]);
    const told = db.select().from(notifications).where(eq(notifications.userId, user.id)).all();
    expect(told.map((n) => n.kind)).toEqual(["partnership.requested"]);

    const again = requestPartnership(db, { orgId: org.id, programmeId, need: "x", contact: "y", actor });
    expect(again).toEqual({ ok: false, reason: "already_open", id });
  });

  it("refuses someone who is not a member of the company, and a programme not published", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const request = (actor: PartnershipActor, programme = programmeId) =>
      requestPartnership(db, { orgId: org.id, programmeId: programme, need: "x", contact: "y", actor });
    expect(request(actors.employer)).toEqual({ ok: false, reason: "notAllowed" });
    expect(request(actors.counsellor)).toEqual({ ok: false, reason: "notAllowed" });
    const member = { userId: user.id, roles: ["employer"] as const };
    for (const status of ["draft", "archived"] as const) {
      expect(request(member, insertProgramme(db, { status }).id)).toEqual({ ok: false, reason: "programme_closed" });
    }
    expect(db.select().from(partnerships).where(eq(partnerships.orgId, org.id)).all()).toEqual([]);
  });
});

describe("what the pages ask the table", () => {
  it("offers counsellors exactly the moves allowed from each status", () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, partnershipActionsFor(s, "counsellor")]))).toEqual({
      requested: ["contact", "decline"],
      contacted: ["hold_meeting", "decline"],
      meeting_held: ["receive_documents", "decline"],
      documents_received: ["sign", "decline"],
      signed: ["activate", "close"],
      active: ["close"],
      closed: [],
      declined: [],
    });
  });
});
