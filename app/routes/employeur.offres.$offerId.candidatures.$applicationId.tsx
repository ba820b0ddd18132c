import { data, Link } from "react-router";
import { ApplicantProfile, applicantOf } from "~/components/ApplicantProfile";
import { ApplicantsWithheldBoundary, applicantsWithheld } from "~/components/ApplicantsWithheld";
import { ApplicationMoves } from "~/components/applications/ApplicationMoves";
import { EmployerOfferAnswer, UndoHire } from "~/components/applications/EmployerOfferAnswer";
import { TrainingOutcomeForm } from "~/components/applications/TrainingOutcomeForm";
import { FormErrorSummary } from "~/components/Field";
import { FlashNotice } from "~/components/Notice";
import { getApplicationForEmployer } from "~/models/applicants.server";
import { moveApplication } from "~/models/applications.server";
import { awaitsOfferAnswer } from "~/models/lifecycles/application";
import { hireUndoWindow, offerAnswerOf, undoHire } from "~/models/offer-answers.server";
import {
  submitTrainingOutcome,
  TRAINING_INTENT,
  trainingOfApplication,
  verifiedSkillsOf,
} from "~/models/training-outcomes.server";
import { moveSchema, NOTE_MAX, PLACE_MAX } from "~/schemas/application";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import { REFUSAL_REASONS } from "../../db/enums";
import type { Route } from "./+types/employeur.offres.$offerId.candidatures.$applicationId";

export const handle = { i18n: ["common", "applications", "answers", "training"] };

const notFound = () => data(null, { status: 404 });

/**
 * The application of this URL, if it is one of this employer's and belongs to
 * the offer named in the URL: 404 otherwise, 403 (and why) when their
 * organisation may not reach its applicants.
 */
function findApplication(userId: number, params: { offerId?: string; applicationId?: string }) {
  const offerId = parseIdParam(params.offerId);
  const applicationId = parseIdParam(params.applicationId);
  const application =
    offerId === null || applicationId === null ? null : getApplicationForEmployer(getDb(), userId, applicationId);
  if (!application) throw notFound();
  if (application.withheld) throw applicantsWithheld(application.withheld);
  if (application.offerId !== offerId) throw notFound();
  return application;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const a = findApplication(user.id, params);
  const { flash, headers } = await readFlash(request);
  const answer = offerAnswerOf(getDb(), a.id);
  const undo = hireUndoWindow(getDb(), a);
  // Listed field by field: only what an employer may see reaches the page.
  return withFlashCleared(
    {
      flash,
      offer: { id: a.offerId, title: a.offerTitle, positions: a.positions, type: a.offerType },
      application: {
        id: a.id,
        status: a.status,
        channel: a.channel,
        createdAt: a.createdAt.toISOString(),
        message: a.message,
        cvFileId: a.cvFileId,
        refusalReason: a.refusalReason,
        interviewAt: a.interviewAt,
        interviewPlace: a.interviewPlace,
        // No hire from a job offer the candidate has not accepted: the page says it waits for them.
        moves: awaitsOfferAnswer({ status: a.status, offerAnswer: answer?.answer ?? null })
          ? a.moves.filter((move) => move !== "hired")
          : a.moves,
        offerAnswer: answer ? { ...answer, answeredAt: answer.answeredAt?.toISOString() ?? null } : null,
        undoHireUntil: undo ? undo.until.toISOString() : null,
        timeline: a.timeline.map((e) => ({
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          createdAt: e.createdAt.toISOString(),
        })),
        applicant: {
          ...applicantOf(a, { withContact: true }),
          verifiedSkills: verifiedSkillsOf(getDb(), a.candidateId),
        },
      },
      // A hire on a formation offer is an admission: its trainer records how it ended.
      training: a.status === "hired" ? trainingOfApplication(getDb(), a.id, "owner") : null,
      today: isoToday(),
      // Sent from here so that the page's JavaScript carries neither zod nor the database schema.
      refusalReasons: REFUSAL_REASONS,
      limits: { place: PLACE_MAX, note: NOTE_MAX },
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const current = findApplication(user.id, params);
  const formData = await request.formData();
  const page = `/employeur/offres/${current.offerId}/candidatures/${current.id}`;
  if (formData.get("intent") === "undoHire") {
    const undone = undoHire(getDb(), { employerId: user.id, applicationId: current.id });
    if (!undone) throw notFound();
    if (!undone.ok) {
      if (undone.reason === "withheld") throw applicantsWithheld(undone.withheld);
      const formError = `answers:errors.${undone.reason === "undo_expired" ? "undoExpired" : "notHired"}`;
      return data<ActionData>({ fieldErrors: {}, values: {}, formError }, { status: 409 });
    }
    return redirectWithFlash(page, {
      message: "answers:undo.done",
      ...(undone.offerReopened ? { detail: "answers:undo.offerReopened" } : {}),
    });
  }
  if (formData.get("intent") === TRAINING_INTENT) {
    const training = trainingOfApplication(getDb(), current.id, "owner");
    if (!training) throw notFound();
    const result = submitTrainingOutcome(getDb(), formData, {
      placementId: training.placementId,
      actor: { userId: user.id, roles: ["employer"] },
    });
    if (result.ok) return redirectWithFlash(page, { message: `training:done.${result.outcome}` });
    if (result.status === 404) throw notFound();
    const { fieldErrors, values, formError } = result;
    return data<ActionData>({ fieldErrors, values, formError }, { status: result.status });
  }
  if (formData.get("intent") !== "move") throw data(null, { status: 400 });
  const values = formValues(formData);
  const form = parseForm(moveSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values }, { status: 400 });

  const move = form.data;
  const result = moveApplication(getDb(), {
    employerId: user.id,
    applicationId: current.id,
    to: move.to,
    interviewAt: move.to === "interview" ? move.interviewAt : null,
    interviewPlace: move.to === "interview" ? move.interviewPlace : null,
    startDate: move.to === "hired" ? move.startDate : null,
    refusalReason: move.to === "rejected" ? move.refusalReason : null,
    note: move.to === "rejected" ? move.note : null,
  });
  if (!result) throw notFound();
  if (!result.ok) {
    switch (result.reason) {
      case "withheld":
        throw applicantsWithheld(result.withheld);
      case "offer_not_accepted":
        return data<ActionData>({ fieldErrors: {}, values, formError: "answers:employer.awaiting" }, { status: 409 });
      case "not_allowed":
        return data<ActionData>(
          { fieldErrors: {}, values, formError: "applications:errors.notAllowed" },
          { status: 400 },
        );
      case "positions_full":
        return data<ActionData>(
          { fieldErrors: {}, values, formError: "applications:errors.positionsFull" },
          { status: 409 },
        );
      case "missing_refusal_reason":
        return data<ActionData>(
          { fieldErrors: { refusalReason: "applications:errors.refusalReasonRequired" }, values },
          { status: 400 },
        );
      case "missing_interview":
        return data<ActionData>(
          { fieldErrors: { interviewAt: "applications:errors.interviewAtRequired" }, values },
          { status: 400 },
        );
    }
  }
  // A hire on a training offer is an admission: no follow-up calls, its outcome is recorded here later.
  const admitted = result.status === "hired" && trainingOfApplication(getDb(), current.id, "owner");
  return redirectWithFlash(page, {
    message: admitted ? "training:doneAdmitted" : `applications:detail.done.${result.status}`,
    ...(result.offerFilled ? { detail: "applications:detail.offerFilled" } : {}),
  });
}

export function ErrorBoundary() {
  return <ApplicantsWithheldBoundary />;
}

/** `2026-03-10T09:30` (Mali time, which is UTC) as a date and time in the page's language. */
const interviewMoment = (value: string) => new Date(`${value}:00Z`);

export default function ApplicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  const { offer, application: a, today, refusalReasons, limits, flash, training } = loaderData;
  const list = `/employeur/offres/${offer.id}/candidatures`;
  return (
    <article className="mx-auto max-w-3xl space-y-6" aria-labelledby="application-title">
      <title>{`${t("detail.titleTag", { name: a.applicant.name, title: offer.title })} · Baara`}</title>
      <p>
        <Link to={list}>← {t("detail.backToList", { title: offer.title })}</Link>
      </p>
      <header>
        <h1 id="application-title" className="text-2xl font-bold break-words">
          {a.applicant.name}
        </h1>
        <p className="mt-1 text-stone-700">
          {t("detail.forOffer", { title: offer.title })} · {t("detail.sentOn", { date: format.date(a.createdAt) })}
        </p>
        <p className="mt-2">
          {t("detail.status")}{" "}
          <span className="rounded bg-stone-200 px-2 py-0.5 font-semibold">
            {training ? t("training:admitted") : t(`common:applicationStatus.${a.status}`)}
          </span>
        </p>
      </header>

      <FlashNotice flash={flash} />
      <FormErrorSummary message={actionData?.formError} errors={actionData?.fieldErrors} />

      <section aria-labelledby="applicant" className="card space-y-3">
        <h2 id="applicant" className="text-lg font-semibold">
          {t("detail.profile")}
        </h2>
        <ApplicantProfile applicant={a.applicant} />
      </section>

      <section aria-labelledby="message" className="card space-y-2">
        <h2 id="message" className="text-lg font-semibold">
          {t("detail.message")}
        </h2>
        {/* Plain text: line breaks kept by CSS, any HTML shown as typed. */}
        {a.message ? (
          <p className="whitespace-pre-line break-words">{a.message}</p>
        ) : (
          <p className="text-stone-600">{t("detail.noMessage")}</p>
        )}
        <h2 className="pt-2 text-lg font-semibold">{t("detail.cv")}</h2>
        {a.cvFileId ? (
          <p>
            <a href={`/fichiers/${a.cvFileId}`} className="btn-secondary" download>
              {t("detail.downloadCv")}
            </a>
          </p>
        ) : (
          <p className="text-stone-600">{t(a.status === "withdrawn" ? "detail.withdrawnHidden" : "detail.noCv")}</p>
        )}
      </section>

      {a.interviewAt ? (
        <p className="card">
          {t("detail.interview", {
            when: format.dateTime(interviewMoment(a.interviewAt)),
            place: a.interviewPlace ?? "",
          })}
        </p>
      ) : null}
      <EmployerOfferAnswer status={a.status} answer={a.offerAnswer} />
      {a.undoHireUntil ? <UndoHire until={a.undoHireUntil} /> : null}
      {training ? <TrainingOutcomeForm training={training} today={today} sent={actionData} /> : null}
      {a.status === "rejected" && a.refusalReason ? (
        <p className="card">{t("detail.refusedBecause", { reason: t(`refusalReason.${a.refusalReason}`) })}</p>
      ) : null}

      <section aria-labelledby="timeline" className="space-y-2">
        <h2 id="timeline" className="text-lg font-semibold">
          {t("detail.timeline")}
        </h2>
        <ol className="space-y-1 border-l-2 border-stone-300 pl-4">
          {a.timeline.map((event, i) => (
            <li key={i}>
              <span className="font-medium">
                {t(`common:applicationStatus.${training && event.toStatus === "hired" ? "admitted" : event.toStatus}`)}
              </span>{" "}
              <span className="text-sm text-stone-600">{format.dateTime(new Date(event.createdAt))}</span>
            </li>
          ))}
        </ol>
      </section>

      <ApplicationMoves
        moves={a.moves}
        today={today}
        refusalReasons={refusalReasons}
        limits={limits}
        actionData={actionData}
        offerType={loaderData.offer.type}
      />
    </article>
  );
}
