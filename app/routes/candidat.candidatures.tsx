import { data, Link } from "react-router";
import { OfferAnswerForms, type OfferAnswerRefusal } from "~/components/applications/OfferAnswerForms";
import { ItemActionForm } from "~/components/ItemActionForm";
import { FlashNotice } from "~/components/Notice";
import { withdrawApplication } from "~/models/applications.server";
import { listCandidateApplications } from "~/models/candidate-applications.server";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { answerOfferFromForm } from "~/models/offer-answers.server";
import { DECLINE_WORDS_MAX, OFFER_DECLINE_REASONS } from "~/schemas/offer-answer";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/candidat.candidatures";

export const handle = { i18n: ["common", "candidate", "answers"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      applications: listCandidateApplications(getDb(), user.id),
      flash,
      // Sent from here so that the page's JavaScript carries neither zod nor the database schema.
      declineReasons: OFFER_DECLINE_REASONS,
      wordsMax: DECLINE_WORDS_MAX,
    },
    headers,
  );
}

type ActionData =
  | { withdrawError: { applicationId: number; key: string }; answerRefused?: undefined }
  | { answerRefused: OfferAnswerRefusal; withdrawError?: undefined };

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const formData = await request.formData();
  if (formData.get("intent") === "answer") {
    const result = answerOfferFromForm(getDb(), formData, { actorId: user.id, candidateId: user.id, onBehalf: false });
    // Another candidate's application, or none: as if it did not exist.
    if (!result) throw data(null, { status: 404 });
    if (!result.ok) {
      const { status, ok: _, ...answerRefused } = result;
      return data<ActionData>({ answerRefused }, { status });
    }
    return redirectWithFlash(`/candidat/candidatures#candidature-${result.applicationId}`, {
      message: `answers:done.${result.answer}`,
    });
  }
  if (formData.get("intent") !== "withdraw") throw data(null, { status: 400 });
  const applicationId = parseIdParam(formData.get("applicationId"));
  // Another candidate's application, or none: as if it did not exist.
  const result = applicationId === null ? null : withdrawApplication(getDb(), user.id, applicationId);
  if (!result) throw data(null, { status: 404 });
  if (!result.ok) {
    return data<ActionData>(
      { withdrawError: { applicationId: applicationId!, key: "applications.withdrawClosed" } },
      { status: 400 },
    );
  }
  return redirectWithFlash(`/candidat/candidatures#candidature-${applicationId}`, {
    message: "candidate:applications.withdrawDone",
  });
}

type Application = Route.ComponentProps["loaderData"]["applications"][number];

/** An interview time as the employer typed it: `2026-03-10T09:30` is written out, anything else kept. */
function useInterviewTime() {
  const format = useFormat();
  return (value: string) => {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return format.dateTime(new Date(`${value.slice(0, 16)}:00Z`));
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return format.date(value);
    return value;
  };
}

export default function MyApplications({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const { applications, flash, declineReasons, wordsMax } = loaderData;
  return (
    <div className="space-y-6">
      <title>{`${t("applications.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("applications.title")}</h1>
      <FlashNotice flash={flash} />
      {applications.length === 0 ? (
        <p>
          {t("applications.none")} <Link to="/offres">{t("applications.findOffers")}</Link>
        </p>
      ) : (
        <>
          <p className="text-stone-700">{t("applications.intro", { count: applications.length })}</p>
          <ul className="space-y-4">
            {applications.map((application) => (
              <ApplicationCard
                key={application.id}
                application={application}
                error={
                  actionData?.withdrawError?.applicationId === application.id ? actionData.withdrawError.key : undefined
                }
                answer={{
                  reasons: declineReasons,
                  wordsMax,
                  refused:
                    actionData?.answerRefused?.applicationId === application.id ? actionData.answerRefused : undefined,
                }}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ApplicationCard({
  application: a,
  error,
  answer,
}: {
  application: Application;
  error?: string;
  answer: { reasons: readonly string[]; wordsMax: number; refused?: OfferAnswerRefusal };
}) {
  const { t } = useTranslation("candidate");
  const format = useFormat();
  const interviewTime = useInterviewTime();
  const titleId = `candidature-${a.id}-title`;
  return (
    <li id={`candidature-${a.id}`} className="card space-y-3" aria-labelledby={titleId}>
      <div>
        <h2 id={titleId} className="text-lg font-semibold">
          <Link to={`/offres/${a.offerId}`}>{a.offerTitle}</Link>
        </h2>
        <p className="text-stone-700">
          {a.orgName} · {t("applications.sentOn", { date: format.date(a.createdAt, "medium") })}
        </p>
      </div>
      <div>
        <p>
          <span className="font-medium">{t("applications.status")}</span>{" "}
          <span className="rounded bg-brand-50 px-2 py-0.5 font-semibold">
            {a.onHold
              ? t("applications.onHold")
              : t(`common:applicationStatus.${applicationStatusKey(a.status, a.offerType)}`)}
          </span>
        </p>
        <p className="mt-1">
          {a.onHold
            ? t(`applications.onHoldBecause.${a.onHold}`)
            : t(`applications.explain.${applicationStatusKey(a.status, a.offerType)}`)}
        </p>
        {a.status === "interview" && a.interviewAt && !a.onHold ? (
          <p className="mt-1 font-medium">
            {a.interviewPlace
              ? t("applications.interviewAtPlace", { when: interviewTime(a.interviewAt), place: a.interviewPlace })
              : t("applications.interviewAt", { when: interviewTime(a.interviewAt) })}
          </p>
        ) : null}
        {a.status === "rejected" && a.refusalReason ? (
          <p className="mt-1">{t(`applications.refusal.${a.refusalReason}`)}</p>
        ) : null}
        {a.offerAnswer ? (
          <p className="mt-1 font-medium">
            {t(`answers:given.${a.offerAnswer}`)}
            {a.offerAnswer === "declined" && a.offerAnswerReason
              ? ` (${t(`answers:reasons.${a.offerAnswerReason}`)})`
              : null}
          </p>
        ) : null}
      </div>
      {a.canAnswerOffer ? (
        <OfferAnswerForms
          applicationId={a.id}
          intent="answer"
          reasons={answer.reasons}
          wordsMax={answer.wordsMax}
          refused={answer.refused}
        />
      ) : null}
      <details>
        <summary className="cursor-pointer font-medium">{t("applications.timeline")}</summary>
        <ol className="mt-2 space-y-1 border-l-2 border-stone-300 pl-4">
          {a.timeline.map((event, index) => (
            <li key={index}>
              <time dateTime={new Date(event.createdAt).toISOString()} className="text-stone-600">
                {format.date(event.createdAt, "medium")}
              </time>{" "}
              — {t(`applications.event.${event.toStatus}`)}
            </li>
          ))}
        </ol>
      </details>
      {error ? (
        <p role="alert" className="font-semibold text-red-700">
          {t(error)}
        </p>
      ) : null}
      {a.canWithdraw ? (
        // Two steps without JavaScript: open, read what it means, then confirm.
        <details>
          <summary className="cursor-pointer text-red-800">{t("applications.withdraw")}</summary>
          <ItemActionForm
            fields={{ applicationId: a.id }}
            intent="withdraw"
            formClassName="mt-2 space-y-2"
            className="btn bg-red-700 hover:bg-red-800"
            intro={<p>{t("applications.withdrawWarning")}</p>}
          >
            {t("applications.withdrawConfirm")}
          </ItemActionForm>
        </details>
      ) : null}
    </li>
  );
}
