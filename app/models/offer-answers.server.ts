// A job offer's answer (by the candidate, or their counsellor for them) and the
// undoing of a mistaken hire (by the employer): who may, then the application's
// one write path.
import { and, desc, eq } from "drizzle-orm";
import type { OfferAnswerRefusal } from "~/components/applications/OfferAnswerForms";
import { type ApplicantsWithheld, applicantAccess } from "~/models/organisations.server";
import { offerAnswerSchema } from "~/schemas/offer-answer";
import { parseIdParam } from "~/schemas/params";
import type { Db } from "~/utils/db.server";
import { formValues, parseForm } from "~/utils/forms";
import { applicationEvents, applications, offers } from "../../db/schema";
import { canUndoHire, UNDO_HIRE_HOURS } from "./lifecycles/application";
import { type ApplicationMoveResult, transitionApplication } from "./lifecycles/application.server";
import { hireEventOf } from "./lifecycles/hire-undo.server";

export type OfferAnswer = { answer: "accept" } | { answer: "decline"; reason: string; words: string | null };

export type AnswerResult =
  | { ok: true }
  | { ok: false; reason: "not_offered" | "already_answered" | "missing_decline_reason" };

/**
 * The candidate answers a job offer made on one of their applications; or a
 * counsellor (`onBehalfOf` the candidate of the file they are on) answers for
 * them, audited with the counsellor as actor. Null when the application is not
 * this candidate's.
 */
export function answerOffer(
  db: Db,
  input: { actorId: number; candidateId: number; applicationId: number; onBehalf: boolean } & OfferAnswer,
): AnswerResult | null {
  const application = db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.id, input.applicationId), eq(applications.candidateId, input.candidateId)))
    .get();
  if (!application) return null;
  const result = db.transaction(
    (tx) =>
      transitionApplication(tx, {
        applicationId: application.id,
        action: input.answer === "accept" ? "accept_offer" : "decline_offer",
        actor: { userId: input.actorId, roles: input.onBehalf ? "counsellor" : "candidate" },
        detail: input.answer === "decline" ? { declineReason: input.reason, note: input.words } : {},
      }),
    { behavior: "immediate" },
  );
  if (result.ok) return { ok: true };
  if (result.reason === "already_answered" || result.reason === "missing_decline_reason") {
    return { ok: false, reason: result.reason };
  }
  return { ok: false, reason: "not_offered" };
}

export type UndoHireResult =
  | { ok: true; offerReopened: boolean }
  | { ok: false; reason: "not_hired" | "undo_expired" }
  | { ok: false; reason: "withheld"; withheld: ApplicantsWithheld };

/**
 * The employer undoes a hire of one of their organisation's offers, within 48
 * hours: back to the status it came from (null for anyone else's application).
 */
export function undoHire(
  db: Db,
  { employerId, applicationId, now = new Date() }: { employerId: number; applicationId: number; now?: Date },
): UndoHireResult | null {
  const row = db
    .select({ orgId: offers.orgId, offerId: offers.id, offerStatus: offers.status })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(eq(applications.id, applicationId))
    .get();
  const access = row ? applicantAccess(db, employerId, row.orgId) : null;
  if (!row || !access) return null;
  if (access.withheld) return { ok: false, reason: "withheld", withheld: access.withheld };
  const result: ApplicationMoveResult = db.transaction(
    (tx) => {
      const before = hireEventOf(tx, applicationId)?.fromStatus;
      if (before !== "interview" && before !== "offered") return { ok: false, reason: "notAllowed" };
      return transitionApplication(tx, {
        applicationId,
        action: before === "interview" ? "undo_hire_to_interview" : "undo_hire_to_offered",
        actor: { userId: employerId, roles: "employer" },
        detail: { now },
      });
    },
    { behavior: "immediate" },
  );
  if (result.ok) {
    const offer = db.select({ status: offers.status }).from(offers).where(eq(offers.id, row.offerId)).get()!;
    return { ok: true, offerReopened: row.offerStatus === "filled" && offer.status === "published" };
  }
  return { ok: false, reason: result.reason === "undo_expired" ? "undo_expired" : "not_hired" };
}

/** The candidate's answer to the job offer as the employer reads it, with their words when they declined. */
export function offerAnswerOf(db: Db, applicationId: number) {
  const row = db
    .select({
      answer: applications.offerAnswer,
      reason: applications.offerAnswerReason,
      answeredAt: applications.offerAnsweredAt,
    })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .get();
  if (!row?.answer) return null;
  const words =
    row.answer === "declined"
      ? (db
          .select({ note: applicationEvents.note })
          .from(applicationEvents)
          .where(
            and(
              eq(applicationEvents.applicationId, applicationId),
              eq(applicationEvents.fromStatus, "offered"),
              eq(applicationEvents.toStatus, "withdrawn"),
            ),
          )
          .orderBy(desc(applicationEvents.id))
          .get()?.note ?? null)
      : null;
  return { answer: row.answer, reason: row.reason, answeredAt: row.answeredAt, words };
}

/** Whether the employer's page offers to undo the hire, and until when. */
export function hireUndoWindow(db: Db, application: { id: number; status: string }, now = new Date()) {
  if (application.status !== "hired") return null;
  const hiredAt = hireEventOf(db, application.id)?.createdAt ?? null;
  return canUndoHire("hired", hiredAt, now)
    ? { until: new Date(hiredAt!.getTime() + UNDO_HIRE_HOURS * 3600_000) }
    : null;
}

const ANSWER_ERRORS = {
  not_offered: { key: "answers:errors.notOffered", status: 409 },
  already_answered: { key: "answers:errors.alreadyAnswered", status: 409 },
  missing_decline_reason: { key: "answers:errors.reasonRequired", status: 400 },
} as const;

/**
 * An answer form as a page posts it (`applicationId`, `answer`, `reason`, `words`):
 * null when the application is not the candidate's (the page answers 404), else
 * done, or refused with the fields' errors and the status to answer with.
 */
export function answerOfferFromForm(
  db: Db,
  formData: FormData,
  who: { actorId: number; candidateId: number; onBehalf: boolean },
):
  | { ok: true; applicationId: number; answer: "accept" | "decline" }
  | ({ ok: false; status: number } & OfferAnswerRefusal)
  | null {
  const applicationId = parseIdParam(formData.get("applicationId"));
  if (applicationId === null) return null;
  const values = formValues(formData);
  const form = parseForm(offerAnswerSchema, formData);
  if (!form.ok) {
    const { answer, ...fieldErrors } = form.fieldErrors;
    // An unknown answer is not a field the person sees: told above the two forms.
    return { ok: false, status: 400, applicationId, values, fieldErrors: answer ? { answer } : fieldErrors };
  }
  const result = answerOffer(db, {
    ...who,
    applicationId,
    ...(form.data.answer === "accept"
      ? { answer: "accept" as const }
      : { answer: "decline" as const, reason: form.data.reason, words: form.data.words }),
  });
  if (!result) return null;
  if (result.ok) return { ok: true, applicationId, answer: form.data.answer };
  const error = ANSWER_ERRORS[result.reason];
  const field = result.reason === "missing_decline_reason" ? "reason" : "answer";
  return { ok: false, status: error.status, applicationId, values, fieldErrors: { [field]: error.key } };
}
