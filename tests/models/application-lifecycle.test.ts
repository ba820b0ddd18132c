// The application lifecycle as a matrix: every (from status, action, role)
// is tried against the real database through the one write path, and the
// expected outcome is written once in EXPECTED below (not read from the table).
// Allowed: the status moves, the history has the move (when the status
// changes), the audited moves are audited and the other side is told. Refused:
// nothing changes.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApplicationAction, canWithdraw, employerMoves } from "../../app/models/lifecycles/application";
import {
  closeOpenApplications,
  transitionApplication,
  withdrawApplicationsWithAccount,
} from "../../app/models/lifecycles/application.server";
import { LIFECYCLE_ROLES, type LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import type { Db } from "../../app/utils/db.server";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  applicationEvents,
  applications,
  auditLog,
  notifications,
} from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplication, insertCandidate, insertEmployer, insertOffer } from "../helpers/factories";

const OPEN = ["submitted", "shortlisted", "interview", "offered"] as const;

type SingleAction = Exclude<ApplicationAction, "position_filled" | "withdrawn_with_account" | `reopened_to_${string}`>;

/**
 * For each action: where it leads, from which statuses each role may make it (every other pair is refused),
 * the audit action if any, and the news: to the candidate, or to the employer for the candidate's answers.
 */
const EXPECTED: Record<
  SingleAction,
  {
    to: ApplicationStatus;
    notify?: string;
    tells?: "employer";
    audit?: string;
    by: Partial<Record<LifecycleRole, readonly ApplicationStatus[]>>;
  }
> = {
  shortlisted: { to: "shortlisted", notify: "application.shortlisted", by: { employer: ["submitted"] } },
  interview: { to: "interview", notify: "application.interview", by: { employer: ["submitted", "shortlisted"] } },
  offered: {
    to: "offered",
    notify: "application.offered",
    by: { employer: ["submitted", "shortlisted", "interview"] },
  },
  hired: {
    to: "hired",
    notify: "application.hired",
    audit: "application.hired",
    by: { employer: ["interview", "offered"] },
  },
  rejected: { to: "rejected", notify: "application.rejected", by: { employer: OPEN } },
  withdrawn: { to: "withdrawn", by: { candidate: OPEN } },
  accept_offer: {
    to: "offered",
    notify: "application.offerAccepted",
    tells: "employer",
    audit: "application.offer_accepted",
    by: { candidate: ["offered"], counsellor: ["offered"] },
  },
  decline_offer: {
    to: "withdrawn",
    notify: "application.offerDeclined",
    tells: "employer",
    audit: "application.offer_declined",
    by: { candidate: ["offered"], counsellor: ["offered"] },
  },
  undo_hire_to_interview: {
    to: "interview",
    notify: "application.hireUndone",
    audit: "application.hire_undone",
    by: { employer: ["hired"] },
  },
  undo_hire_to_offered: {
    to: "offered",
    notify: "application.hireUndone",
    audit: "application.hire_undone",
    by: { employer: ["hired"] },
  },
};

let db: Db;
let employerId: number;
let orgId: number;
let candidateId: number;

beforeAll(async () => {
  db = createTestDb();
  const { user, org } = await insertEmployer(db);
  employerId = user.id;
  orgId = org.id;
  candidateId = (await insertCandidate(db)).id;
});

/** An application in `status`, on an offer of its own (with room for every hire). */
function applicationIn(status: ApplicationStatus) {
  const offer = insertOffer(db, { orgId, positions: 100, title: "Maçon à Ségou" });
  return insertApplication(db, { offerId: offer.id, candidateId, status });
}

/**
 * What each action needs besides its status for its guard to hold: a hire from
 * a job offer needs the candidate's yes; an undone hire a recent hire from the
 * status it goes back to.
 */
function prepare(application: { id: number; status: ApplicationStatus }, action: SingleAction) {
  if (action === "hired" && application.status === "offered") {
    db.update(applications).set({ offerAnswer: "accepted" }).where(eq(applications.id, application.id)).run();
  }
  if (action === "undo_hire_to_interview" || action === "undo_hire_to_offered") {
    const before = action === "undo_hire_to_interview" ? "interview" : "offered";
    db.insert(applicationEvents)
      .values({ applicationId: application.id, actorId: employerId, fromStatus: before, toStatus: application.status })
      .run();
  }
}

const rowOf = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const eventsOf = (id: number) =>
  db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id)).all();
const auditOf = (id: number) =>
  db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, String(id)))
    .all()
    .filter((a) => a.subjectType === "application");
/** What the candidate, or the employer, was told about this application (each has an offer of its own). */
const newsOf = (application: { offerId: number; candidateId: number }, to: "candidate" | "employer" = "candidate") =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, to === "candidate" ? application.candidateId : employerId))
    .all()
    .filter((n) => n.payload.offerId === application.offerId);

const cases = (Object.keys(EXPECTED) as SingleAction[]).flatMap((action) =>
  APPLICATION_STATUSES.flatMap((from) =>
    LIFECYCLE_ROLES.map((role) => ({
      action,
      from,
      role,
      allowed: EXPECTED[action].by[role]?.includes(from) ?? false,
    })),
  ),
);

describe("transitionApplication: every (from, action, role)", () => {
  it.each(cases)("$action from $from by $role: allowed $allowed", ({ action, from, role, allowed }) => {
    const application = applicationIn(from);
    prepare(application, action);
    const eventsBefore = eventsOf(application.id).length;
    const actorId = role === "candidate" ? candidateId : employerId;
    const result = db.transaction((tx) =>
      transitionApplication(tx, {
        applicationId: application.id,
        action,
        actor: { userId: actorId, roles: role },
        detail: { interviewAt: "2030-03-10T09:30", refusalReason: "profile_mismatch", declineReason: "pay" },
      }),
    );
    const { to, notify, tells, audit } = EXPECTED[action];
    const newEvents = () => eventsOf(application.id).slice(eventsBefore);
    if (!allowed) {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(rowOf(application.id).status).toBe(from);
      expect(newEvents()).toEqual([]);
      expect(auditOf(application.id)).toEqual([]);
      expect([...newsOf(application), ...newsOf(application, "employer")]).toEqual([]);
      return;
    }
    expect(result).toEqual({ ok: true, from, to, offerFilled: false });
    expect(rowOf(application.id).status).toBe(to);
    expect(newEvents()).toEqual(
      to === from ? [] : [expect.objectContaining({ actorId, fromStatus: from, toStatus: to })],
    );
    expect(auditOf(application.id).map((a) => [a.action, a.actorId])).toEqual(audit ? [[audit, actorId]] : []);
    expect(newsOf(application, tells ?? "candidate").map((n) => n.kind)).toEqual(notify ? [notify] : []);
  });
});

describe("the moves made on every open application at once", () => {
  it.each(APPLICATION_STATUSES)(
    "closing the offer refuses a %s application with position_filled only if it was open",
    (from) => {
      const application = applicationIn(from);
      closeOpenApplications(db, application.offerId, "Maçon à Ségou", employerId);
      const open = (OPEN as readonly string[]).includes(from);
      expect(rowOf(application.id)).toMatchObject(
        open ? { status: "rejected", refusalReason: "position_filled" } : { status: from },
      );
      expect(eventsOf(application.id)).toEqual(
        open ? [expect.objectContaining({ fromStatus: from, toStatus: "rejected", note: "position_filled" })] : [],
      );
      expect(newsOf(application).map((n) => n.kind)).toEqual(open ? ["application.positionFilled"] : []);
    },
  );

  it.each(APPLICATION_STATUSES)("deleting the account withdraws a %s application only if it was open", async (from) => {
    const person = await insertCandidate(db);
    const offer = insertOffer(db, { orgId, positions: 100 });
    const application = insertApplication(db, { offerId: offer.id, candidateId: person.id, status: from });
    withdrawApplicationsWithAccount(db, person.id, null);
    const open = (OPEN as readonly string[]).includes(from);
    expect(rowOf(application.id).status).toBe(open ? "withdrawn" : from);
    expect(eventsOf(application.id)).toEqual(
      open ? [expect.objectContaining({ actorId: null, fromStatus: from, toStatus: "withdrawn" })] : [],
    );
  });

  it.each(LIFECYCLE_ROLES)("never goes through the one-application path, even for %s", (role) => {
    for (const action of ["position_filled", "withdrawn_with_account"] as const) {
      const application = applicationIn("submitted");
      const result = db.transaction((tx) =>
        transitionApplication(tx, {
          applicationId: application.id,
          // @ts-expect-error: the bulk moves have their own functions
          action,
          actor: { userId: employerId, roles: role },
        }),
      );
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(rowOf(application.id).status).toBe("submitted");
    }
  });
});

describe("what the pages offer", () => {
  it.each(APPLICATION_STATUSES)(
    "from %s: the employer's moves and the candidate's withdraw are exactly the allowed ones",
    (from) => {
      const pipeline: readonly SingleAction[] = ["shortlisted", "interview", "offered", "hired", "rejected"];
      const employerMayMake = pipeline.filter((action) => EXPECTED[action].by.employer?.includes(from));
      expect(employerMoves(from)).toEqual(employerMayMake);
      expect(canWithdraw(from)).toBe(EXPECTED.withdrawn.by.candidate!.includes(from));
    },
  );
});
