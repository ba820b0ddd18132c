import { data, Link } from "react-router";
import { useErrorText } from "~/components/Field";
import { ItemActionForm } from "~/components/ItemActionForm";
import { MatchReasons } from "~/components/MatchReasons";
import { FlashNotice, Notice } from "~/components/Notice";
import { ReferralConfirm, type ReferralReview } from "~/components/ReferralConfirm";
import { applyToOffer } from "~/models/applications.server";
import { matchCandidatesForOffer } from "~/models/matching.server";
import { previewReferral } from "~/models/referrals.server";
import { referSchema } from "~/schemas/candidate";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.offres.$offerId.correspondances";

export const handle = { i18n: ["common", "counsellor", "referral"] };

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  const offerId = parseIdParam(params.offerId);
  if (offerId === null) throw data(null, { status: 404 });
  const match = matchCandidatesForOffer(getDb(), offerId);
  if (!match) throw data(null, { status: 404 });
  const { offer } = match;
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      offer: {
        id: offer.id,
        title: offer.title,
        status: offer.status,
        region: offer.region,
        commune: offer.commune,
        orgName: match.orgName,
      },
      isOpen: match.isOpen,
      total: match.total,
      // What the page shows of each candidate: no skills text, no sensitive field.
      candidates: match.candidates.map((c) => ({
        userId: c.userId,
        firstName: c.firstName,
        lastName: c.lastName,
        region: c.region,
        commune: c.commune,
        placed: c.placed,
        reasons: c.reasons,
      })),
      flash,
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; review?: ReferralReview };

const ERRORS = {
  offer_not_open: "counsellor:errors.offerNotOpen",
  already_applied: "counsellor:errors.alreadyApplied",
  daily_limit: "counsellor:errors.dailyLimit",
  invalid_cv: "counsellor:errors.notFound",
  not_candidate: "counsellor:errors.notFound",
} as const;

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const offerId = parseIdParam(params.offerId);
  if (offerId === null) throw data(null, { status: 404 });
  const formData = await request.formData();
  const form = parseForm(referSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const values = { candidateId: String(form.data.candidateId) };
  // "Proposer" only shows who goes where; nothing is sent before "Confirmer l'envoi".
  const result =
    form.data.intent === "review"
      ? previewReferral(getDb(), form.data.candidateId, offerId)
      : applyToOffer(getDb(), {
          candidateId: form.data.candidateId,
          offerId,
          channel: "counsellor",
          referredBy: user.id,
        });
  if (!result.ok) {
    return data<ActionData>(
      { fieldErrors: { form: ERRORS[result.reason] }, values },
      { status: result.reason === "not_candidate" ? 404 : 400 },
    );
  }
  if ("candidate" in result) {
    const { candidate, offer } = result;
    return data<ActionData>({ fieldErrors: {}, values, review: { candidate, offer, send: "refer", fields: values } });
  }
  return redirectWithFlash(`/conseiller/offres/${offerId}/correspondances`, {
    message: "counsellor:matches.referredSomeone",
  });
}

export default function Matches({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const errorText = useErrorText();
  const { offer, isOpen, total, candidates, flash } = loaderData;
  const error = actionData ? (actionData.fieldErrors.form ?? Object.values(actionData.fieldErrors)[0]) : undefined;

  return (
    <div className="space-y-6">
      <title>{`${t("matches.title", { title: offer.title })} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("matches.title", { title: offer.title })}</h1>
        <p className="text-stone-700">
          {offer.orgName} · {offer.commune ? `${offer.commune}, ` : ""}
          {t(`common:region.${offer.region}`)} · <Link to={`/offres/${offer.id}`}>{t("matches.offerLink")}</Link>
        </p>
        <p className="mt-2 text-sm text-stone-700">{t("matches.intro")}</p>
      </div>
      {actionData ? null : <FlashNotice flash={flash} />}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {actionData?.review ? (
        <ReferralConfirm review={actionData.review} backTo={`/conseiller/offres/${offer.id}/correspondances`} />
      ) : null}
      {!isOpen ? (
        <Notice tone="warning" role={null} id="matches-closed">
          {t("matches.closed", { status: t(`common:offerStatus.${offer.status}`) })}
        </Notice>
      ) : null}

      <section aria-labelledby="matches-list" className="space-y-3">
        <h2 id="matches-list" className="text-xl font-semibold">
          {t("matches.total", { count: total })}
        </h2>
        {candidates.length === 0 ? <p>{t("matches.empty")}</p> : null}
        {candidates.length > 0 && total > candidates.length ? (
          <p className="text-sm text-stone-700">{t("matches.showing", { count: candidates.length })}</p>
        ) : null}
        <ol className="space-y-3">
          {candidates.map((candidate) => {
            const name = `${candidate.firstName} ${candidate.lastName}`;
            return (
              <li key={candidate.userId} className="card flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h3 className="text-lg font-semibold">
                    <Link to={`/conseiller/candidats/${candidate.userId}`}>{name}</Link>
                  </h3>
                  <p className="text-sm">
                    {[candidate.commune, candidate.region ? t(`common:region.${candidate.region}`) : null]
                      .filter(Boolean)
                      .join(", ")}
                    {candidate.placed ? ` · ${t("labels.placed")}` : ""}
                  </p>
                  <MatchReasons reasons={candidate.reasons} />
                </div>
                <ItemActionForm
                  fields={{ candidateId: candidate.userId }}
                  intent="review"
                  className="btn"
                  disabled={!isOpen}
                  aria-describedby={!isOpen ? "matches-closed" : undefined}
                  aria-label={t("matches.referName", { name })}
                >
                  {t("matches.refer")}
                </ItemActionForm>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
