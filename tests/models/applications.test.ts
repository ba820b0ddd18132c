import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  getApplicationForEmployer,
  listOfferApplications,
  waitingApplications,
} from "../../app/models/applicants.server";
import {
  APPLICATIONS_PER_DAY,
  type ApplyInput,
  ageBand,
  applyToOffer,
  moveApplication,
  withdrawApplication,
} from "../../app/models/applications.server";
import { canWithdraw, employerMoves } from "../../app/models/lifecycles/application";
import { addDays, isoToday } from "../../app/utils/dates";
import { type Db, openDb } from "../../app/utils/db.server";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  applicationEvents,
  applications,
  auditLog,
  candidateNotes,
  candidateTrades,
  files,
  notifications,
  type OfferStatus,
  offers,
  placementFollowups,
  placements,
  users,
  type VerificationStatus,
} from "../../db/schema";
import { createTestDb } from "../helpers/db";
import {
  insertApplication,
  insertApplicationWith,
  insertCandidate,
  insertEmployer,
  insertOffer,
  insertUser,
  pdfBytes,
} from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const applicationRow = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const eventsOf = (id: number) =>
  db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, id))
    .orderBy(applicationEvents.id)
    .all();
const notificationsOf = (userId: number) =>
  db.select().from(notifications).where(eq(notifications.userId, userId)).all();

/** A verified employer with one published offer, and a candidate. */
async function setup(offer: { positions?: number; status?: OfferStatus; closingDate?: string } = {}) {
  const { user: employer, org } = await insertEmployer(db);
  const published = insertOffer(db, { orgId: org.id, title: "Soudeur à Sikasso", ...offer });
  const candidate = await insertCandidate(db);
  return { employer, org, offer: published, candidate };
}

function apply(input: ApplyInput, now?: number) {
  return applyToOffer(db, input, now);
}

describe("applyToOffer: one application per candidate and offer", () => {
  it("records the application, submitted, with its message", async () => {
    const { offer, candidate } = await setup();
    const result = apply({ candidateId: candidate.id, offerId: offer.id, message: "Je suis soudeur depuis 4 ans." });
    expect(result).toEqual({ ok: true, applicationId: expect.any(Number) });
    const row = applicationRow((result as { applicationId: number }).applicationId);
    expect(row).toMatchObject({
      offerId: offer.id,
      candidateId: candidate.id,
      status: "submitted",
      channel: "self",
      referredBy: null,
      message: "Je suis soudeur depuis 4 ans.",
      cvFileId: null,
    });
  });

  it("answers a second attempt with the existing application, and adds nothing", async () => {
    const { offer, candidate } = await setup();
    const first = apply({ candidateId: candidate.id, offerId: offer.id });
    const second = apply({ candidateId: candidate.id, offerId: offer.id, message: "Encore moi" });
    expect(second).toEqual({
      ok: false,
      reason: "already_applied",
      applicationId: (first as { applicationId: number }).applicationId,
    });
    expect(db.select().from(applications).all()).toHaveLength(1);
    expect(db.select().from(applicationEvents).all()).toHaveLength(1);
    expect(applicationRow((first as { applicationId: number }).applicationId).message).toBeNull();
  });

  it("still answers already_applied after the candidate withdrew (one per offer, ever)", async () => {
    const { offer, candidate } = await setup();
    const first = apply({ candidateId: candidate.id, offerId: offer.id }) as { applicationId: number };
    withdrawApplication(db, candidate.id, first.applicationId);
    expect(apply({ candidateId: candidate.id, offerId: offer.id })).toEqual({
      ok: false,
      reason: "already_applied",
      applicationId: first.applicationId,
    });
  });

  it("lets two candidates apply to the same offer, and one candidate to two offers", async () => {
    const { org, offer, candidate } = await setup();
    const other = await insertCandidate(db);
    const second = insertOffer(db, { orgId: org.id });
    expect(apply({ candidateId: candidate.id, offerId: offer.id }).ok).toBe(true);
    expect(apply({ candidateId: other.id, offerId: offer.id }).ok).toBe(true);
    expect(apply({ candidateId: candidate.id, offerId: second.id }).ok).toBe(true);
  });

  it("records the first event: nothing → submitted, by the candidate", async () => {
    const { offer, candidate } = await setup();
    const { applicationId } = apply({ candidateId: candidate.id, offerId: offer.id }) as { applicationId: number };
    expect(eventsOf(applicationId)).toEqual([
      expect.objectContaining({
        applicationId,
        actorId: candidate.id,
        fromStatus: null,
        toStatus: "submitted",
        note: null,
      }),
    ]);
  });

  it("records a counsellor applying on the candidate's behalf: channel counsellor, referred by them, the event is theirs", async () => {
    const { offer, candidate } = await setup();
    const counsellor = await insertUser(db, { role: "conseiller", password: null });
    const result = apply({
      candidateId: candidate.id,
      offerId: offer.id,
      channel: "counsellor",
      referredBy: counsellor.id,
    });
    const { applicationId } = result as { applicationId: number };
    expect(applicationRow(applicationId)).toMatchObject({
      channel: "counsellor",
      referredBy: counsellor.id,
      candidateId: candidate.id,
    });
    expect(eventsOf(applicationId)[0]).toMatchObject({
      actorId: counsellor.id,
      fromStatus: null,
      toStatus: "submitted",
    });
  });

  it("records a referred candidate who applies themselves as the sender of their own application", async () => {
    const { offer, candidate } = await setup();
    const counsellor = await insertUser(db, { role: "conseiller", password: null });
    const { applicationId } = apply({ candidateId: candidate.id, offerId: offer.id, referredBy: counsellor.id }) as {
      applicationId: number;
    };
    expect(applicationRow(applicationId)).toMatchObject({ channel: "self", referredBy: counsellor.id });
    expect(eventsOf(applicationId)[0]!.actorId).toBe(candidate.id);
  });

  it("keeps the candidate's own CV with the application, and refuses another person's file", async () => {
    const { offer, candidate } = await setup();
    const other = await insertCandidate(db);
    const file = (ownerId: number) =>
      db
        .insert(files)
        .values({ ownerId, name: "cv.pdf", contentType: "application/pdf", size: 10, sha256: "x", data: pdfBytes(10) })
        .returning()
        .get();
    const foreign = file(other.id);
    expect(apply({ candidateId: candidate.id, offerId: offer.id, cvFileId: foreign.id })).toEqual({
      ok: false,
      reason: "invalid_cv",
    });
    expect(apply({ candidateId: candidate.id, offerId: offer.id, cvFileId: 999_999 })).toEqual({
      ok: false,
      reason: "invalid_cv",
    });
    expect(db.select().from(applications).all()).toEqual([]);
    const own = file(candidate.id);
    const { applicationId } = apply({ candidateId: candidate.id, offerId: offer.id, cvFileId: own.id }) as {
      applicationId: number;
    };
    expect(applicationRow(applicationId).cvFileId).toBe(own.id);
  });
});

describe("applyToOffer: two submissions racing", () => {
  const created: string[] = [];
  afterEach(() => {
    for (const file of created.splice(0))
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  it("gives the loser the winner's application when the other connection inserts between the check and the insert", async () => {
    const file = path.join(os.tmpdir(), `baara-apply-race-${process.pid}-${Date.now()}.db`);
    created.push(file);
    const a = openDb(file);
    const b = openDb(file);
    try {
      db = a;
      const { offer, candidate } = await setup();
      const input = { candidateId: candidate.id, offerId: offer.id };
      let winner: ReturnType<typeof applyToOffer> | undefined;
      // Connection A has checked that no application exists; just before it
      // inserts, the other request (connection B, same file) goes through.
      const racing = new Proxy(a, {
        get(target, prop) {
          if (prop === "transaction") {
            return (...args: Parameters<Db["transaction"]>) => {
              winner ??= applyToOffer(b, input);
              return target.transaction(...args);
            };
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const loser = applyToOffer(racing, input);
      expect(winner).toEqual({ ok: true, applicationId: expect.any(Number) });
      expect(loser).toEqual({
        ok: false,
        reason: "already_applied",
        applicationId: (winner as { applicationId: number }).applicationId,
      });
      expect(a.select().from(applications).all()).toHaveLength(1);
      // The loser's transaction rolled back whole: no orphan event.
      expect(a.select().from(applicationEvents).all()).toHaveLength(1);
    } finally {
      a.$client.close();
      b.$client.close();
    }
  });
});

describe("applyToOffer: which offers take applications", () => {
  it.each(["closed", "filled", "expired", "draft", "pending", "rejected"] as const)(
    "refuses a %s offer",
    async (status) => {
      const { offer, candidate } = await setup({ status });
      expect(apply({ candidateId: candidate.id, offerId: offer.id })).toEqual({ ok: false, reason: "offer_not_open" });
      expect(db.select().from(applications).all()).toEqual([]);
    },
  );

  it("refuses a published offer whose closing date has passed, and takes one closing today", async () => {
    const { org, candidate } = await setup();
    const past = insertOffer(db, { orgId: org.id, closingDate: addDays(isoToday(), -1) });
    const today = insertOffer(db, { orgId: org.id, closingDate: isoToday() });
    expect(apply({ candidateId: candidate.id, offerId: past.id })).toEqual({ ok: false, reason: "offer_not_open" });
    expect(apply({ candidateId: candidate.id, offerId: today.id }).ok).toBe(true);
  });

  it.each(["pending", "rejected", "suspended"] as VerificationStatus[])(
    "refuses a published offer of an organisation that is %s",
    async (status) => {
      const { org } = await insertEmployer(db, status);
      const offer = insertOffer(db, { orgId: org.id });
      const candidate = await insertCandidate(db);
      expect(apply({ candidateId: candidate.id, offerId: offer.id })).toEqual({ ok: false, reason: "offer_not_open" });
    },
  );

  it("refuses an offer id that does not exist", async () => {
    const { candidate } = await setup();
    expect(apply({ candidateId: candidate.id, offerId: 987_654 })).toEqual({ ok: false, reason: "offer_not_open" });
  });
});

describe("applyToOffer: who may apply", () => {
  it.each(["employeur", "conseiller", "admin"] as const)("refuses a %s account", async (role) => {
    const { offer } = await setup();
    const user = await insertUser(db, { role, password: null });
    expect(apply({ candidateId: user.id, offerId: offer.id })).toEqual({ ok: false, reason: "not_candidate" });
    expect(db.select().from(applications).all()).toEqual([]);
  });

  it("refuses an unknown account id", async () => {
    const { offer } = await setup();
    expect(apply({ candidateId: 424_242, offerId: offer.id })).toEqual({ ok: false, reason: "not_candidate" });
  });

  it("refuses a deleted account and a disabled one", async () => {
    const { offer } = await setup();
    const deleted = await insertCandidate(db);
    const disabled = await insertCandidate(db);
    db.update(users).set({ deletedAt: new Date(), phone: null, email: null }).where(eq(users.id, deleted.id)).run();
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id)).run();
    expect(apply({ candidateId: deleted.id, offerId: offer.id })).toEqual({ ok: false, reason: "not_candidate" });
    expect(apply({ candidateId: disabled.id, offerId: offer.id })).toEqual({ ok: false, reason: "not_candidate" });
    expect(db.select().from(applications).all()).toEqual([]);
  });
});

describe("applyToOffer: at most 30 applications in 24 hours", () => {
  async function candidateWithRecent(count: number, age: number, now: number) {
    const { org, candidate } = await setup();
    for (let i = 0; i < count; i++) {
      const offer = insertOffer(db, { orgId: org.id });
      insertApplicationWith(db, { offerId: offer.id, candidateId: candidate.id, createdAt: new Date(now - age) });
    }
    return { org, candidate };
  }

  it(`accepts the ${APPLICATIONS_PER_DAY}th application of the day and refuses the ${APPLICATIONS_PER_DAY + 1}st`, async () => {
    const now = Date.now();
    const { org, candidate } = await candidateWithRecent(APPLICATIONS_PER_DAY - 1, 2 * HOUR, now);
    const thirtieth = insertOffer(db, { orgId: org.id });
    const thirtyFirst = insertOffer(db, { orgId: org.id });
    expect(apply({ candidateId: candidate.id, offerId: thirtieth.id }, now).ok).toBe(true);
    expect(apply({ candidateId: candidate.id, offerId: thirtyFirst.id }, now)).toEqual({
      ok: false,
      reason: "daily_limit",
    });
    expect(db.select().from(applications).where(eq(applications.offerId, thirtyFirst.id)).all()).toEqual([]);
  });

  it("counts withdrawn applications of the day too (withdrawing is no way round the limit)", async () => {
    const now = Date.now();
    const { org, candidate } = await candidateWithRecent(APPLICATIONS_PER_DAY, HOUR, now);
    db.update(applications).set({ status: "withdrawn" }).where(eq(applications.candidateId, candidate.id)).run();
    const offer = insertOffer(db, { orgId: org.id });
    expect(apply({ candidateId: candidate.id, offerId: offer.id }, now)).toEqual({ ok: false, reason: "daily_limit" });
  });

  it("does not count applications older than 24 hours", async () => {
    const now = Date.now();
    const { org, candidate } = await candidateWithRecent(APPLICATIONS_PER_DAY + 10, DAY + 60_000, now);
    const offer = insertOffer(db, { orgId: org.id });
    expect(apply({ candidateId: candidate.id, offerId: offer.id }, now).ok).toBe(true);
  });

  it("counts only this candidate's applications", async () => {
    const now = Date.now();
    const { org } = await candidateWithRecent(APPLICATIONS_PER_DAY, HOUR, now);
    const fresh = await insertCandidate(db);
    const offer = insertOffer(db, { orgId: org.id });
    expect(apply({ candidateId: fresh.id, offerId: offer.id }, now).ok).toBe(true);
  });
});

describe("employerMoves and canWithdraw: the pipeline as a table", () => {
  const table: Record<ApplicationStatus, string[]> = {
    submitted: ["shortlisted", "interview", "offered", "rejected"],
    shortlisted: ["interview", "offered", "rejected"],
    interview: ["offered", "hired", "rejected"],
    offered: ["hired", "rejected"],
    hired: [],
    rejected: [],
    withdrawn: [],
  };

  it.each(APPLICATION_STATUSES.map((s) => [s, table[s]] as const))(
    "from %s an employer may move to %j",
    (from, moves) => {
      expect(employerMoves(from)).toEqual(moves);
    },
  );

  it("hires only from interview or offered: nobody is hired unseen", () => {
    const from = APPLICATION_STATUSES.filter((s) => employerMoves(s).includes("hired"));
    expect(from).toEqual(["interview", "offered"]);
  });

  it("never moves backwards, and never to submitted or withdrawn", () => {
    const order = ["submitted", "shortlisted", "interview", "offered", "hired"];
    for (const from of APPLICATION_STATUSES) {
      for (const to of employerMoves(from)) {
        expect(["submitted", "withdrawn"]).not.toContain(to);
        if (to !== "rejected") expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
      }
    }
  });

  it("lets a candidate withdraw only an open application", () => {
    expect(APPLICATION_STATUSES.filter(canWithdraw)).toEqual(["submitted", "shortlisted", "interview", "offered"]);
  });
});

describe("moveApplication: who and which moves", () => {
  it("answers null to a member of another organisation, and changes nothing", async () => {
    const { offer, candidate } = await setup();
    const { user: stranger } = await insertEmployer(db);
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    expect(
      moveApplication(db, { employerId: stranger.id, applicationId: application.id, to: "shortlisted" }),
    ).toBeNull();
    expect(applicationRow(application.id).status).toBe("submitted");
    expect(eventsOf(application.id)).toEqual([]);
    expect(notificationsOf(candidate.id)).toEqual([]);
  });

  it("answers null to the candidate themselves, to a counsellor, and for an unknown application", async () => {
    const { employer, offer, candidate } = await setup();
    const counsellor = await insertUser(db, { role: "conseiller", password: null });
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    expect(
      moveApplication(db, { employerId: candidate.id, applicationId: application.id, to: "shortlisted" }),
    ).toBeNull();
    expect(
      moveApplication(db, { employerId: counsellor.id, applicationId: application.id, to: "shortlisted" }),
    ).toBeNull();
    expect(moveApplication(db, { employerId: employer.id, applicationId: 777_777, to: "shortlisted" })).toBeNull();
    expect(applicationRow(application.id).status).toBe("submitted");
  });

  it("records every move as an event with from, to, actor and note, and tells the candidate each time", async () => {
    const { employer, offer, candidate } = await setup({ positions: 2 });
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    const id = application.id;
    expect(
      moveApplication(db, { employerId: employer.id, applicationId: id, to: "shortlisted", note: "Bon profil" }),
    ).toEqual({
      ok: true,
      status: "shortlisted",
      offerFilled: false,
    });
    moveApplication(db, {
      employerId: employer.id,
      applicationId: id,
      to: "interview",
      interviewAt: "2030-03-10T09:30",
      interviewPlace: "Atelier, Sikasso",
    });
    moveApplication(db, { employerId: employer.id, applicationId: id, to: "offered" });
    // The candidate accepts the job offer (their answer is not a change of status).
    db.update(applications).set({ offerAnswer: "accepted" }).where(eq(applications.id, id)).run();
    moveApplication(db, { employerId: employer.id, applicationId: id, to: "hired", startDate: "2030-04-01" });
    expect(eventsOf(id).map((e) => [e.fromStatus, e.toStatus, e.actorId, e.note])).toEqual([
      ["submitted", "shortlisted", employer.id, "Bon profil"],
      ["shortlisted", "interview", employer.id, null],
      ["interview", "offered", employer.id, null],
      ["offered", "hired", employer.id, null],
    ]);
    expect(applicationRow(id)).toMatchObject({
      status: "hired",
      interviewAt: "2030-03-10T09:30",
      interviewPlace: "Atelier, Sikasso",
    });
    expect(notificationsOf(candidate.id).map((n) => n.kind)).toEqual([
      "application.shortlisted",
      "application.interview",
      "application.offered",
      "application.hired",
    ]);
    expect(notificationsOf(candidate.id)[1]).toMatchObject({
      link: "/candidat/candidatures",
      payload: expect.objectContaining({
        offerId: offer.id,
        offerTitle: "Soudeur à Sikasso",
        interviewAt: "2030-03-10T09:30",
      }),
    });
  });

  it("refuses an interview without a date, and changes nothing", async () => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    for (const interviewAt of [undefined, null, ""]) {
      expect(
        moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "interview", interviewAt }),
      ).toEqual({
        ok: false,
        reason: "missing_interview",
      });
    }
    expect(applicationRow(application.id).status).toBe("submitted");
    expect(eventsOf(application.id)).toEqual([]);
  });

  it("refuses a rejection without a coded reason, and keeps the reason when given", async () => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "shortlisted" });
    expect(moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "rejected" })).toEqual({
      ok: false,
      reason: "missing_refusal_reason",
    });
    expect(applicationRow(application.id).status).toBe("shortlisted");
    const result = moveApplication(db, {
      employerId: employer.id,
      applicationId: application.id,
      to: "rejected",
      refusalReason: "profile_mismatch",
      note: "Nous cherchons un soudeur TIG.",
    });
    expect(result).toEqual({ ok: true, status: "rejected", offerFilled: false });
    expect(applicationRow(application.id)).toMatchObject({ status: "rejected", refusalReason: "profile_mismatch" });
    expect(eventsOf(application.id)[0]).toMatchObject({
      fromStatus: "shortlisted",
      toStatus: "rejected",
      note: "Nous cherchons un soudeur TIG.",
    });
    expect(notificationsOf(candidate.id).map((n) => n.kind)).toEqual(["application.rejected"]);
  });

  it.each([
    ["submitted", "hired"],
    ["shortlisted", "hired"],
    ["offered", "shortlisted"],
    ["interview", "shortlisted"],
    ["hired", "rejected"],
    ["rejected", "shortlisted"],
    ["withdrawn", "shortlisted"],
    ["withdrawn", "hired"],
  ] as const)("refuses the jump %s → %s, and changes nothing", async (from, to) => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: from });
    const result = moveApplication(db, {
      employerId: employer.id,
      applicationId: application.id,
      to,
      refusalReason: "other",
      interviewAt: "2030-01-01T10:00",
    });
    expect(result).toEqual({ ok: false, reason: "not_allowed" });
    expect(applicationRow(application.id).status).toBe(from);
    expect(eventsOf(application.id)).toEqual([]);
    expect(db.select().from(placements).all()).toEqual([]);
    expect(notificationsOf(candidate.id)).toEqual([]);
  });

  it("refuses a move the pipeline does not know (a status typed by hand)", async () => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    for (const to of ["submitted", "withdrawn", "'; DROP TABLE applications; --"]) {
      // @ts-expect-error: what a tampered form could send
      expect(moveApplication(db, { employerId: employer.id, applicationId: application.id, to })).toEqual({
        ok: false,
        reason: "not_allowed",
      });
    }
    expect(applicationRow(application.id).status).toBe("submitted");
  });
});

describe("moveApplication: hiring", () => {
  it("creates the placement from the offer, with follow-ups 1, 3 and 6 months after the start (month ends clamped)", async () => {
    const { employer, org, candidate } = await setup();
    const offer = db
      .insert(offers)
      .values({
        orgId: org.id,
        type: "apprentissage",
        title: "Apprenti mécanicien",
        description: "Garage à Ségou.",
        sector: "mecanique",
        region: "segou",
        contract: "apprentissage",
        positions: 1,
        payAmount: 25_000,
        closingDate: addDays(isoToday(), 20),
        status: "published",
        publishedAt: new Date(),
      })
      .returning()
      .get();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
    const result = moveApplication(db, {
      employerId: employer.id,
      applicationId: application.id,
      to: "hired",
      startDate: "2030-01-31",
    });
    expect(result).toEqual({ ok: true, status: "hired", offerFilled: true });
    const [placement, ...others] = db.select().from(placements).all();
    expect(others).toEqual([]);
    expect(placement).toMatchObject({
      candidateId: candidate.id,
      orgId: org.id,
      offerId: offer.id,
      applicationId: application.id,
      type: "apprentissage",
      contract: "apprentissage",
      startDate: "2030-01-31",
      payAmount: 25_000,
      recordedBy: employer.id,
    });
    const followups = db
      .select()
      .from(placementFollowups)
      .where(eq(placementFollowups.placementId, placement!.id))
      .orderBy(placementFollowups.monthsAfter)
      .all();
    expect(followups.map((f) => [f.monthsAfter, f.dueDate, f.doneAt])).toEqual([
      [1, "2030-02-28", null],
      [3, "2030-04-30", null],
      [6, "2030-07-31", null],
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "application.hired")).get()).toMatchObject({
      actorId: employer.id,
      subjectId: String(application.id),
    });
  });

  it("starts the placement today when no start date is given", async () => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplicationWith(db, {
      offerId: offer.id,
      candidateId: candidate.id,
      status: "offered",
      offerAnswer: "accepted",
    });
    moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "hired" });
    expect(db.select().from(placements).get()!.startDate).toBe(isoToday());
  });

  it("refuses a hire beyond the offer's positions, and records nothing", async () => {
    const { employer, offer, candidate } = await setup({ positions: 1 });
    const earlier = await insertCandidate(db);
    insertApplication(db, { offerId: offer.id, candidateId: earlier.id, status: "hired" });
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
    expect(moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "hired" })).toEqual({
      ok: false,
      reason: "positions_full",
    });
    expect(applicationRow(application.id).status).toBe("interview");
    expect(eventsOf(application.id)).toEqual([]);
    expect(db.select().from(placements).all()).toEqual([]);
    expect(notificationsOf(candidate.id)).toEqual([]);
  });

  it("hires up to the positions one by one; only the last hire fills the offer", async () => {
    const { employer, offer } = await setup({ positions: 3 });
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const c = await insertCandidate(db);
      ids.push(insertApplication(db, { offerId: offer.id, candidateId: c.id, status: "interview" }).id);
    }
    const hire = (id: number) => moveApplication(db, { employerId: employer.id, applicationId: id, to: "hired" });
    expect(hire(ids[0]!)).toEqual({ ok: true, status: "hired", offerFilled: false });
    expect(hire(ids[1]!)).toEqual({ ok: true, status: "hired", offerFilled: false });
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
    expect(hire(ids[2]!)).toEqual({ ok: true, status: "hired", offerFilled: true });
    // The others were closed by the last hire: nothing more to hire.
    expect(hire(ids[3]!)).toEqual({ ok: false, reason: "not_allowed" });
    expect(
      db
        .select()
        .from(applications)
        .where(and(eq(applications.offerId, offer.id), eq(applications.status, "hired")))
        .all(),
    ).toHaveLength(3);
    expect(db.select().from(placements).all()).toHaveLength(3);
  });

  it("closes the other open applications when the last position is filled, tells those candidates, and leaves closed ones alone", async () => {
    const { employer, offer, candidate } = await setup({ positions: 1 });
    const hiredApp = insertApplicationWith(db, {
      offerId: offer.id,
      candidateId: candidate.id,
      status: "offered",
      offerAnswer: "accepted",
    });
    const others = {} as Record<ApplicationStatus, { appId: number; userId: number }>;
    for (const status of ["submitted", "shortlisted", "interview", "offered", "withdrawn", "rejected"] as const) {
      const c = await insertCandidate(db);
      others[status] = {
        appId: insertApplicationWith(db, {
          offerId: offer.id,
          candidateId: c.id,
          status,
          refusalReason: status === "rejected" ? "no_answer" : null,
        }).id,
        userId: c.id,
      };
    }
    // Another offer's application stays open.
    const { org: otherOrg } = await insertEmployer(db);
    const elsewhere = insertApplication(db, {
      offerId: insertOffer(db, { orgId: otherOrg.id }).id,
      candidateId: others.submitted.userId,
    });

    const result = moveApplication(db, { employerId: employer.id, applicationId: hiredApp.id, to: "hired" });
    expect(result).toEqual({ ok: true, status: "hired", offerFilled: true });

    const offerRow = db.select().from(offers).where(eq(offers.id, offer.id)).get()!;
    expect(offerRow.status).toBe("filled");
    expect(offerRow.closedAt).toBeInstanceOf(Date);

    for (const status of ["submitted", "shortlisted", "interview", "offered"] as const) {
      const { appId, userId } = others[status];
      expect(applicationRow(appId)).toMatchObject({ status: "rejected", refusalReason: "position_filled" });
      expect(eventsOf(appId)).toEqual([
        expect.objectContaining({
          fromStatus: status,
          toStatus: "rejected",
          actorId: employer.id,
          note: "position_filled",
        }),
      ]);
      expect(notificationsOf(userId).filter((n) => n.kind === "application.positionFilled")).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({ offerId: offer.id, offerTitle: "Soudeur à Sikasso" }),
        }),
      ]);
    }
    expect(applicationRow(others.withdrawn.appId)).toMatchObject({ status: "withdrawn", refusalReason: null });
    expect(applicationRow(others.rejected.appId)).toMatchObject({ status: "rejected", refusalReason: "no_answer" });
    expect(eventsOf(others.withdrawn.appId)).toEqual([]);
    expect(eventsOf(others.rejected.appId)).toEqual([]);
    expect(notificationsOf(others.withdrawn.userId)).toEqual([]);
    expect(notificationsOf(others.rejected.userId)).toEqual([]);
    expect(applicationRow(hiredApp.id).status).toBe("hired");
    expect(notificationsOf(candidate.id).map((n) => n.kind)).toEqual(["application.hired"]);
    expect(applicationRow(elsewhere.id).status).toBe("submitted");
  });
});

describe("withdrawApplication", () => {
  it("lets the candidate withdraw their own open application, with an event", async () => {
    const { offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
    expect(withdrawApplication(db, candidate.id, application.id)).toEqual({ ok: true });
    expect(applicationRow(application.id).status).toBe("withdrawn");
    expect(eventsOf(application.id)).toEqual([
      expect.objectContaining({ fromStatus: "interview", toStatus: "withdrawn", actorId: candidate.id }),
    ]);
  });

  it("answers null for another candidate's application, and changes nothing", async () => {
    const { offer, candidate } = await setup();
    const other = await insertCandidate(db);
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    expect(withdrawApplication(db, other.id, application.id)).toBeNull();
    expect(withdrawApplication(db, candidate.id, 123_456)).toBeNull();
    expect(applicationRow(application.id).status).toBe("submitted");
    expect(eventsOf(application.id)).toEqual([]);
  });

  it.each(["hired", "rejected", "withdrawn"] as const)("refuses to withdraw a %s application", async (status) => {
    const { offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status });
    expect(withdrawApplication(db, candidate.id, application.id)).toEqual({ ok: false, reason: "not_open" });
    expect(applicationRow(application.id).status).toBe(status);
    expect(eventsOf(application.id)).toEqual([]);
  });

  it("a withdrawn application can no longer be moved by the employer", async () => {
    const { employer, offer, candidate } = await setup();
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    withdrawApplication(db, candidate.id, application.id);
    expect(moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "shortlisted" })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
  });
});

/** The model's answer for an organisation that may reach its applicants (fails the test otherwise). */
function reachable<T extends { withheld: unknown } | null>(value: T) {
  if (!value || value.withheld) throw new Error(`applicants not reachable: ${JSON.stringify(value)}`);
  return value as Extract<NonNullable<T>, { withheld: null }>;
}

describe("what an employer sees of applicants", () => {
  const FORBIDDEN_KEYS = [
    "migrantStatus",
    "disability",
    "birthDate",
    "notes",
    "note",
    "counsellorId",
    "consentAt",
    "smsConsentAt",
    "sex",
  ];

  async function sensitiveApplicant() {
    const { employer, offer } = await setup();
    const counsellor = await insertUser(db, { role: "conseiller", password: null });
    const candidate = await insertCandidate(db, {
      email: "awa.keita@example.ml",
      firstName: "Awa",
      lastName: "Keïta",
      birthDate: "1990-07-14",
      migrantStatus: "returnee",
      disability: "motor",
      commune: "Kalaban Coro",
      educationLevel: "cap",
      skills: "soudure à l'arc",
      languages: ["fr", "bm"],
      experienceYears: 4,
      counsellorId: counsellor.id,
    });
    db.insert(candidateTrades)
      .values([
        { userId: candidate.id, trade: "soudeur" },
        { userId: candidate.id, trade: "macon" },
      ])
      .run();
    db.insert(candidateNotes)
      .values({
        candidateId: candidate.id,
        authorId: counsellor.id,
        body: "Rentrée de Libye en 2024, suivi psychosocial",
      })
      .run();
    const application = insertApplicationWith(db, {
      offerId: offer.id,
      candidateId: candidate.id,
      message: "Disponible tout de suite.",
    });
    return { employer, offer, candidate, application };
  }

  function expectNothingSensitive(value: object) {
    const keys = Object.keys(value);
    for (const key of FORBIDDEN_KEYS) expect(keys).not.toContain(key);
    const text = JSON.stringify(value);
    for (const secret of ["returnee", "motor", "1990-07-14", "1990", "Libye", "psychosocial"])
      expect(text).not.toContain(secret);
  }

  it("lists the offer's applicants with name, contact, commune, skills, trades and age band — never migrant status, disability, birth date or notes", async () => {
    const { employer, offer, candidate } = await sensitiveApplicant();
    const list = reachable(listOfferApplications(db, employer.id, offer.id));
    expect(list.applications).toHaveLength(1);
    const [seen] = list.applications;
    expectNothingSensitive(seen!);
    expect(seen).toMatchObject({
      candidateId: candidate.id,
      firstName: "Awa",
      lastName: "Keïta",
      email: "awa.keita@example.ml",
      commune: "Kalaban Coro",
      educationLevel: "cap",
      skills: "soudure à l'arc",
      languages: ["fr", "bm"],
      experienceYears: 4,
      message: "Disponible tout de suite.",
      ageBand: "36+",
      status: "submitted",
      moves: ["shortlisted", "interview", "offered", "rejected"],
    });
    expect([...seen!.trades].sort()).toEqual(["macon", "soudeur"]);
  });

  it("shows one application with its timeline and the same limits", async () => {
    const { employer, application } = await sensitiveApplicant();
    moveApplication(db, {
      employerId: employer.id,
      applicationId: application.id,
      to: "shortlisted",
      note: "note interne",
    });
    const seen = reachable(getApplicationForEmployer(db, employer.id, application.id));
    expectNothingSensitive(seen);
    expect(seen).toMatchObject({
      id: application.id,
      ageBand: "36+",
      offerTitle: "Soudeur à Sikasso",
      positions: 1,
      status: "shortlisted",
    });
    expect(seen.timeline.map((e) => [e.fromStatus, e.toStatus])).toEqual([["submitted", "shortlisted"]]);
    for (const event of seen.timeline) expect(Object.keys(event)).not.toContain("note");
  });

  it("gives another organisation's member nothing, neither the list nor one application", async () => {
    const { offer, application } = await sensitiveApplicant();
    const { user: stranger } = await insertEmployer(db);
    const candidate = await insertCandidate(db);
    expect(listOfferApplications(db, stranger.id, offer.id)).toBeNull();
    expect(getApplicationForEmployer(db, stranger.id, application.id)).toBeNull();
    expect(listOfferApplications(db, candidate.id, offer.id)).toBeNull();
    expect(getApplicationForEmployer(db, candidate.id, application.id)).toBeNull();
    expect(listOfferApplications(db, stranger.id, 999_999)).toBeNull();
  });

  it("filters by status and counts each status", async () => {
    const { employer, offer } = await setup();
    for (const status of ["submitted", "submitted", "shortlisted", "rejected"] as const) {
      const c = await insertCandidate(db);
      insertApplication(db, { offerId: offer.id, candidateId: c.id, status });
    }
    const all = reachable(listOfferApplications(db, employer.id, offer.id));
    expect(all.applications).toHaveLength(4);
    expect(Object.fromEntries(all.counts.map((c) => [c.status, c.n]))).toEqual({
      submitted: 2,
      shortlisted: 1,
      rejected: 1,
    });
    const submitted = reachable(listOfferApplications(db, employer.id, offer.id, "submitted"));
    expect(submitted.applications.map((a) => a.status)).toEqual(["submitted", "submitted"]);
  });

  it("works for an applicant with no birth date (no age band)", async () => {
    const { employer, offer, candidate } = await setup();
    insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    expect(reachable(listOfferApplications(db, employer.id, offer.id)).applications[0]!.ageBand).toBeNull();
  });
});

describe("ageBand", () => {
  it.each([
    ["2008-06-15", "2026-06-14", "15-17"],
    ["2008-06-15", "2026-06-15", "18-24"],
    ["2001-06-15", "2026-06-14", "18-24"],
    ["2001-06-15", "2026-06-15", "25-35"],
    ["1990-06-15", "2026-06-14", "25-35"],
    ["1990-06-15", "2026-06-15", "36+"],
  ])("born %s, on %s: %s", (birthDate, today, band) => {
    expect(ageBand(birthDate, today)).toBe(band);
  });

  it("gives nothing without a birth date", () => {
    expect(ageBand(null)).toBeNull();
  });
});

describe("waitingApplications: unanswered for more than 14 days", () => {
  it("lists only submitted applications older than 14 days, of the given organisations, oldest first", async () => {
    const { org, offer } = await setup();
    const { org: otherOrg } = await insertEmployer(db);
    const otherOffer = insertOffer(db, { orgId: otherOrg.id });
    const now = Date.now();
    const add = async (offerId: number, days: number, status: ApplicationStatus = "submitted") => {
      const c = await insertCandidate(db);
      return insertApplicationWith(db, { offerId, candidateId: c.id, status, createdAt: new Date(now - days * DAY) })
        .id;
    };
    const old20 = await add(offer.id, 20);
    const old15 = await add(offer.id, 15);
    await add(offer.id, 13);
    await add(offer.id, 20, "shortlisted");
    await add(offer.id, 20, "rejected");
    const otherOrgOld = await add(otherOffer.id, 30);

    expect(waitingApplications(db, [org.id], 14, now).map((a) => a.id)).toEqual([old20, old15]);
    expect(waitingApplications(db, [org.id, otherOrg.id], 14, now).map((a) => a.id)).toEqual([
      otherOrgOld,
      old20,
      old15,
    ]);
    expect(waitingApplications(db, [], 14, now)).toEqual([]);
    expect(waitingApplications(db, [org.id], 14, now)[0]).toMatchObject({
      offerId: offer.id,
      offerTitle: "Soudeur à Sikasso",
    });
  });
});
