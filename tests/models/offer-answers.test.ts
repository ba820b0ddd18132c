// The candidate's answer to a job offer (or their counsellor's, for them), the
// hire that needs it, and the undoing of a mistaken hire within 48 hours —
// against the real database, as the pages call them.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { moveApplication } from "../../app/models/applications.server";
import { answerOffer, answerOfferFromForm, hireUndoWindow, undoHire } from "../../app/models/offer-answers.server";
import type { Db } from "../../app/utils/db.server";
import {
  applicationEvents,
  applications,
  auditLog,
  notifications,
  offers,
  outbox,
  placementFollowups,
  placements,
} from "../../db/schema";
import { createTestDb } from "../helpers/db";
import {
  insertApplication,
  insertCandidate,
  insertCounsellor,
  insertEmployer,
  insertOffer,
} from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const rowOf = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const kindsFor = (userId: number) =>
  db
    .select({ kind: notifications.kind })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .all()
    .map((n) => n.kind);
const auditsOf = (id: number) =>
  db
    .select({ action: auditLog.action, actorId: auditLog.actorId, detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.subjectId, String(id)))
    .all();
const HOUR = 3600_000;

/** An employer's offer with one application the employer has moved to `offered`. */
async function offeredApplication(positions = 1) {
  const { user: employer, org } = await insertEmployer(db);
  const offer = insertOffer(db, { orgId: org.id, positions, title: "Soudeur à Kayes" });
  const counsellor = insertCounsellor(db);
  const candidate = insertCandidate(db, { counsellorId: counsellor.id, smsConsent: true });
  const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
  expect(moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "offered" })).toEqual({
    ok: true,
    status: "offered",
    offerFilled: false,
  });
  return { employer, org, offer, candidate, counsellor, application };
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the candidate answers a job offer", () => {
  it("accepts: the answer is kept, the employer told, and the hire becomes possible", async () => {
    const { employer, candidate, application } = await offeredApplication();
    const hire = { employerId: employer.id, applicationId: application.id, to: "hired" as const };
    expect(moveApplication(db, hire)).toEqual({ ok: false, reason: "offer_not_accepted" });

    const accepted = answerOffer(db, {
      actorId: candidate.id,
      candidateId: candidate.id,
      applicationId: application.id,
      onBehalf: false,
      answer: "accept",
    });
    expect(accepted).toEqual({ ok: true });
    expect(rowOf(application.id)).toMatchObject({ status: "offered", offerAnswer: "accepted" });
    expect(kindsFor(employer.id)).toContain("application.offerAccepted");
    expect(auditsOf(application.id)).toContainEqual(
      expect.objectContaining({ action: "application.offer_accepted", actorId: candidate.id }),
    );
    expect(moveApplication(db, hire)).toMatchObject({ ok: true, status: "hired" });
  });

  it("declines with a reason and words: the application is withdrawn, the employer told", async () => {
    const { employer, candidate, application } = await offeredApplication();
    const result = answerOfferFromForm(
      db,
      form({ applicationId: String(application.id), answer: "decline", reason: "distance", words: "Trop loin." }),
      { actorId: candidate.id, candidateId: candidate.id, onBehalf: false },
    );
    expect(result).toEqual({ ok: true, applicationId: application.id, answer: "decline" });
    expect(rowOf(application.id)).toMatchObject({
      status: "withdrawn",
      offerAnswer: "declined",
      offerAnswerReason: "distance",
    });
    const events = db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, application.id));
    expect(events.all().at(-1)).toMatchObject({ fromStatus: "offered", toStatus: "withdrawn", note: "Trop loin." });
    expect(kindsFor(employer.id)).toContain("application.offerDeclined");
  });

  it("a counsellor answers for the candidate, audited in the counsellor's name", async () => {
    const { candidate, counsellor, application } = await offeredApplication();
    const result = answerOffer(db, {
      actorId: counsellor.id,
      candidateId: candidate.id,
      applicationId: application.id,
      onBehalf: true,
      answer: "accept",
    });
    expect(result).toEqual({ ok: true });
    expect(auditsOf(application.id)).toContainEqual({
      action: "application.offer_accepted",
      actorId: counsellor.id,
      detail: { reason: null, onBehalf: true },
    });
  });

  it("refuses another candidate's application, an application not offered, and a second answer", async () => {
    const { candidate, application } = await offeredApplication();
    const stranger = insertCandidate(db);
    const asStranger = { actorId: stranger.id, candidateId: stranger.id, onBehalf: false };
    expect(answerOffer(db, { ...asStranger, applicationId: application.id, answer: "accept" })).toBeNull();
    // A counsellor on another candidate's file cannot reach this application either.
    const onOtherFile = { actorId: 1, candidateId: stranger.id, onBehalf: true, applicationId: application.id };
    expect(answerOffer(db, { ...onOtherFile, answer: "accept" })).toBeNull();

    const own = { actorId: candidate.id, candidateId: candidate.id, onBehalf: false, applicationId: application.id };
    expect(answerOffer(db, { ...own, answer: "accept" })).toEqual({ ok: true });
    expect(answerOffer(db, { ...own, answer: "accept" })).toEqual({ ok: false, reason: "already_answered" });
    expect(answerOffer(db, { ...own, answer: "decline", reason: "pay", words: null })).toEqual({
      ok: false,
      reason: "already_answered",
    });

    const submitted = insertApplication(db, { offerId: insertOffer(db, { orgId: 1 }).id, candidateId: candidate.id });
    expect(answerOffer(db, { ...own, applicationId: submitted.id, answer: "accept" })).toEqual({
      ok: false,
      reason: "not_offered",
    });
    expect(rowOf(submitted.id)).toMatchObject({ status: "submitted", offerAnswer: null });
  });

  it.each([
    ["no reason", { answer: "decline" }, { reason: "answers:errors.reasonRequired" }],
    [
      "an unknown reason",
      { answer: "decline", reason: "'; DROP TABLE applications; --" },
      { reason: "answers:errors.reasonRequired" },
    ],
    [
      "a script as reason",
      { answer: "decline", reason: "<script>alert(1)</script>" },
      { reason: "answers:errors.reasonRequired" },
    ],
    [
      "huge words",
      { answer: "decline", reason: "pay", words: "x".repeat(5000) },
      { words: "answers:errors.wordsTooLong" },
    ],
    [
      "control characters",
      { answer: "decline", reason: "pay", words: "a\u0000b" },
      { words: "validation.invalidCharacters" },
    ],
    ["an unknown answer", { answer: "maybe" }, { answer: "answers:errors.unknownAnswer" }],
    ["no answer", {}, { answer: "answers:errors.unknownAnswer" }],
  ])("hostile input (%s) is refused with a message, what was typed kept", async (_, fields, fieldErrors) => {
    const { candidate, application } = await offeredApplication();
    const sent = { applicationId: String(application.id), ...fields };
    const result = answerOfferFromForm(db, form(sent), {
      actorId: candidate.id,
      candidateId: candidate.id,
      onBehalf: false,
    });
    expect(result).toMatchObject({ ok: false, status: 400, applicationId: application.id, fieldErrors, values: sent });
    expect(rowOf(application.id)).toMatchObject({ status: "offered", offerAnswer: null });
  });

  it("keeps a script in the candidate's words as plain text", async () => {
    const { candidate, application } = await offeredApplication();
    const words = "<script>alert('x')</script> ' OR 1=1 --";
    const result = answerOfferFromForm(
      db,
      form({ applicationId: String(application.id), answer: "decline", reason: "other", words }),
      { actorId: candidate.id, candidateId: candidate.id, onBehalf: false },
    );
    expect(result).toMatchObject({ ok: true });
    const events = db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, application.id));
    expect(events.all().at(-1)?.note).toBe(words);
  });
});

describe("undoing a mistaken hire", () => {
  /** The offer of one position, hired from an accepted job offer; two other candidates were waiting. */
  async function filledByHire() {
    const setup = await offeredApplication(1);
    const { employer, candidate, application, offer } = setup;
    answerOffer(db, {
      actorId: candidate.id,
      candidateId: candidate.id,
      applicationId: application.id,
      onBehalf: false,
      answer: "accept",
    });
    const waiting = insertCandidate(db, { smsConsent: true });
    const shortlisted = insertCandidate(db);
    const submitted = insertApplication(db, { offerId: offer.id, candidateId: waiting.id });
    const onShortlist = insertApplication(db, {
      offerId: offer.id,
      candidateId: shortlisted.id,
      status: "shortlisted",
    });
    const withdrawn = insertApplication(db, {
      offerId: offer.id,
      candidateId: insertCandidate(db).id,
      status: "withdrawn",
    });
    const hired = moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "hired" });
    expect(hired).toEqual({ ok: true, status: "hired", offerFilled: true });
    expect(rowOf(submitted.id)).toMatchObject({ status: "rejected", refusalReason: "position_filled" });
    return { ...setup, submitted, onShortlist, withdrawn, waiting, shortlisted };
  }

  it("within 48 hours: the placement goes, the offer reopens, the closed applications return, everyone is told", async () => {
    const s = await filledByHire();
    expect(db.select().from(placements).all()).toHaveLength(1);
    expect(hireUndoWindow(db, rowOf(s.application.id))).not.toBeNull();

    const result = undoHire(db, { employerId: s.employer.id, applicationId: s.application.id });

    expect(result).toEqual({ ok: true, offerReopened: true });
    expect(rowOf(s.application.id)).toMatchObject({ status: "offered", offerAnswer: "accepted" });
    expect(db.select().from(placements).all()).toEqual([]);
    expect(db.select().from(placementFollowups).all()).toEqual([]);
    const offer = db.select().from(offers).where(eq(offers.id, s.offer.id)).get()!;
    expect(offer).toMatchObject({ status: "published", closedAt: null });
    expect(rowOf(s.submitted.id)).toMatchObject({ status: "submitted", refusalReason: null });
    expect(rowOf(s.onShortlist.id)).toMatchObject({ status: "shortlisted", refusalReason: null });
    expect(rowOf(s.withdrawn.id).status).toBe("withdrawn");
    expect(kindsFor(s.candidate.id)).toContain("application.hireUndone");
    expect(kindsFor(s.waiting.id)).toContain("application.reopened");
    expect(kindsFor(s.shortlisted.id)).toContain("application.reopened");
    expect(kindsFor(s.counsellor.id)).toContain("application.hireUndoneForCounsellor");
    expect(
      db
        .select({ template: outbox.template })
        .from(outbox)
        .all()
        .map((m) => m.template),
    ).toEqual(expect.arrayContaining(["application.hireUndone", "application.reopened"]));
    expect(auditsOf(s.application.id)).toContainEqual(
      expect.objectContaining({ action: "application.hire_undone", actorId: s.employer.id }),
    );
    // The offer can be filled again by a new hire.
    const again = moveApplication(db, { employerId: s.employer.id, applicationId: s.application.id, to: "hired" });
    expect(again).toEqual({ ok: true, status: "hired", offerFilled: true });
  });

  it("back to the interview when the hire came from an interview; the offer with positions left stays as it was", async () => {
    const { user: employer, org } = await insertEmployer(db);
    const offer = insertOffer(db, { orgId: org.id, positions: 3 });
    const candidate = insertCandidate(db);
    const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
    moveApplication(db, { employerId: employer.id, applicationId: application.id, to: "hired" });
    expect(undoHire(db, { employerId: employer.id, applicationId: application.id })).toEqual({
      ok: true,
      offerReopened: false,
    });
    expect(rowOf(application.id).status).toBe("interview");
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
  });

  it("after 48 hours: no button, and the undo is refused", async () => {
    const s = await filledByHire();
    const later = new Date(Date.now() + 49 * HOUR);
    expect(hireUndoWindow(db, rowOf(s.application.id), later)).toBeNull();
    expect(undoHire(db, { employerId: s.employer.id, applicationId: s.application.id, now: later })).toEqual({
      ok: false,
      reason: "undo_expired",
    });
    expect(rowOf(s.application.id).status).toBe("hired");
    expect(db.select().from(placements).all()).toHaveLength(1);
  });

  it("refuses another employer's hire, and an application not hired", async () => {
    const s = await filledByHire();
    const { user: other } = await insertEmployer(db);
    expect(undoHire(db, { employerId: other.id, applicationId: s.application.id })).toBeNull();
    expect(undoHire(db, { employerId: s.employer.id, applicationId: s.submitted.id })).toEqual({
      ok: false,
      reason: "not_hired",
    });
    expect(rowOf(s.application.id).status).toBe("hired");
    expect(undoHire(db, { employerId: s.employer.id, applicationId: 999_999 })).toBeNull();
  });
});
