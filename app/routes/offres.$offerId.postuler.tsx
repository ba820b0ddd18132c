import { useId } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { type Applicant, ApplicantProfile } from "~/components/ApplicantProfile";
import { FormErrorSummary, useErrorText } from "~/components/Field";
import {
  ageBand,
  applyToOffer,
  candidateApplicationFor,
  dailyLimitRetryAfter,
  offerToApplyTo,
} from "~/models/applications.server";
import { fileIdsOfOwner } from "~/models/files.server";
import { getOwnProfile } from "~/models/profiles.server";
import { applySchema, MESSAGE_MAX } from "~/schemas/application";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import type { Route } from "./+types/offres.$offerId.postuler";

export const handle = { i18n: ["common", "applications"] };

const myApplication = (id: number) => `/candidat/candidatures#candidature-${id}`;

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const db = getDb();
  const offerId = parseIdParam(params.offerId);
  const offer = offerId === null ? null : offerToApplyTo(db, offerId);
  if (!offer) throw data(null, { status: 404 });
  const summary = { id: offer.id, title: offer.title, orgName: offer.orgName, closedBecause: offer.closedBecause };

  const existing = candidateApplicationFor(db, user.id, offer.id);
  if (existing) {
    return {
      state: "applied" as const,
      offer: summary,
      application: { ...existing, createdAt: existing.createdAt.toISOString() },
    };
  }
  if (!offer.isOpen) return data({ state: "closed" as const, offer: summary }, { status: 410 });

  const profile = getOwnProfile(db, user.id);
  const cvFile = profile?.cvFileId ? fileIdsOfOwner(db, user.id).find((f) => f.id === profile.cvFileId) : undefined;
  // Built here from the same fields the employer's page reads: never migrant status, disability or birth date.
  const preview: Applicant = {
    name: profile ? `${profile.firstName} ${profile.lastName}` : user.displayName,
    phone: user.phone,
    email: user.email,
    region: profile?.region ?? null,
    commune: profile?.commune ?? null,
    educationLevel: profile?.educationLevel ?? null,
    trades: profile?.trades ?? [],
    skills: profile?.skills ?? null,
    languages: profile?.languages ?? [],
    experienceYears: profile?.experienceYears ?? null,
    ageBand: ageBand(profile?.birthDate ?? null),
  };
  return {
    state: "form" as const,
    offer: summary,
    preview,
    cv: cvFile ? { id: cvFile.id, name: cvFile.name } : null,
    messageMax: MESSAGE_MAX,
  };
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const offerId = parseIdParam(params.offerId);
  if (offerId === null) throw data(null, { status: 404 });
  const formData = await request.formData();
  const form = parseForm(applySchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });

  const db = getDb();
  const values = formValues(formData);
  // Only the CV of the candidate's own profile can go with the application.
  const { cvFileId, message } = form.data;
  if (cvFileId !== null && cvFileId !== getOwnProfile(db, user.id)?.cvFileId) {
    return data<ActionData>({ fieldErrors: { cvFileId: "applications:errors.cvNotYours" }, values }, { status: 400 });
  }
  const result = applyToOffer(db, { candidateId: user.id, offerId, message, cvFileId });
  if (result.ok) return redirect(myApplication(result.applicationId));
  switch (result.reason) {
    case "already_applied":
      // The page shows the application already sent (the loader finds it); nothing is added.
      return data<ActionData>({ fieldErrors: {}, values: {} });
    case "offer_not_open":
      return data<ActionData>(
        { fieldErrors: {}, values, formError: "applications:errors.offerNotOpen" },
        { status: 409 },
      );
    case "daily_limit":
      return data<ActionData>(
        { fieldErrors: {}, values, formError: "applications:errors.dailyLimit" },
        { status: 429, headers: { "Retry-After": String(dailyLimitRetryAfter(db, user.id)) } },
      );
    case "invalid_cv":
      return data<ActionData>({ fieldErrors: { cvFileId: "applications:errors.cvNotYours" }, values }, { status: 400 });
    case "not_candidate":
      throw data(null, { status: 403 });
  }
}

export default function Apply({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  const { offer } = loaderData;
  return (
    <section className="mx-auto max-w-2xl space-y-4" aria-labelledby="apply-title">
      <title>{`${t("apply.titleTag", { title: offer.title })} · Baara`}</title>
      <p>
        <Link to={`/offres/${offer.id}`}>← {t("apply.backToOffer")}</Link>
      </p>
      {loaderData.state === "applied" ? (
        <>
          <h1 id="apply-title" className="text-2xl font-bold">
            {t("apply.alreadyTitle")}
          </h1>
          <div role="status" className="card space-y-2">
            <p>
              {t("apply.alreadyBody", {
                title: offer.title,
                org: offer.orgName,
                date: format.date(loaderData.application.createdAt),
              })}
            </p>
            <p>
              {t("apply.status")} <strong>{t(`common:applicationStatus.${loaderData.application.status}`)}</strong>
            </p>
            <p>
              <Link to={myApplication(loaderData.application.id)} className="btn">
                {t("apply.seeApplication")}
              </Link>
            </p>
          </div>
        </>
      ) : loaderData.state === "closed" ? (
        <>
          <h1 id="apply-title" className="text-2xl font-bold">
            {t("apply.closedTitle")}
          </h1>
          {actionData?.formError ? <FormErrorSummary message={actionData.formError} /> : null}
          <div className="card space-y-2">
            <p>
              {t(`apply.closedBecause.${offer.closedBecause ?? "closed"}`, { title: offer.title, org: offer.orgName })}
            </p>
            <p>{t("apply.closedNext")}</p>
            <p>
              <Link to="/offres" className="btn">
                {t("apply.otherOffers")}
              </Link>
            </p>
          </div>
        </>
      ) : (
        <>
          <h1 id="apply-title" className="text-2xl font-bold break-words">
            {t("apply.title", { title: offer.title })}
          </h1>
          <p className="text-stone-700">{t("apply.intro", { org: offer.orgName })}</p>
          <ApplyForm
            actionData={actionData}
            cv={loaderData.cv}
            messageMax={loaderData.messageMax}
            preview={loaderData.preview}
          />
        </>
      )}
    </section>
  );
}

function ApplyForm({
  actionData,
  cv,
  messageMax,
  preview,
}: {
  actionData: ActionData | undefined;
  cv: { id: number; name: string } | null;
  messageMax: number;
  preview: Applicant;
}) {
  const { t } = useTranslation("applications");
  const errorText = useErrorText();
  const format = useFormat();
  const busy = useBusy();
  const id = useId();
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  const chosenCv = values.cvFileId ?? (cv ? String(cv.id) : "");
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormErrorSummary message={actionData?.formError} errors={errors} />
      <div className="card space-y-4">
        <div>
          <label htmlFor={`${id}-message`} className="block font-medium">
            {t("apply.message")}
          </label>
          <textarea
            id={`${id}-message`}
            name="message"
            rows={6}
            maxLength={messageMax}
            className="field"
            defaultValue={values.message}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={[`${id}-message-hint`, errors.message ? `${id}-message-error` : null]
              .filter(Boolean)
              .join(" ")}
          />
          <p id={`${id}-message-hint`} className="mt-1 text-sm text-stone-600">
            {t("apply.messageHint", { max: format.number(messageMax) })}
          </p>
          {errors.message ? (
            <p id={`${id}-message-error`} className="mt-1 text-sm font-semibold text-red-700">
              {errorText(errors.message)}
            </p>
          ) : null}
        </div>
        <fieldset
          aria-describedby={[`${id}-cv-hint`, errors.cvFileId ? `${id}-cv-error` : null].filter(Boolean).join(" ")}
        >
          <legend className="font-medium">{t("apply.cvLegend")}</legend>
          <div className="mt-2 space-y-2">
            {cv ? (
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="cvFileId"
                  value={String(cv.id)}
                  className="h-5 w-5"
                  defaultChecked={chosenCv === String(cv.id)}
                />
                {t("apply.cvAttach", { name: cv.name })}
              </label>
            ) : null}
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="cvFileId"
                value=""
                className="h-5 w-5"
                defaultChecked={!cv || chosenCv !== String(cv.id)}
              />
              {t("apply.cvNone")}
            </label>
          </div>
          <p id={`${id}-cv-hint`} className="mt-1 text-sm text-stone-600">
            {t(cv ? "apply.cvHint" : "apply.cvHintNoCv")} <Link to="/candidat/profil">{t("apply.cvUpload")}</Link>
          </p>
          {errors.cvFileId ? (
            <p id={`${id}-cv-error`} className="mt-1 text-sm font-semibold text-red-700">
              {errorText(errors.cvFileId)}
            </p>
          ) : null}
        </fieldset>
      </div>

      <section aria-labelledby={`${id}-preview`} className="card space-y-3">
        <h2 id={`${id}-preview`} className="text-lg font-semibold">
          {t("apply.previewTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("apply.previewIntro")}</p>
        <ApplicantProfile applicant={preview} showMissing />
        <p className="text-sm text-stone-700">{t("apply.previewAlso")}</p>
        <p>
          <Link to="/candidat/profil">{t("apply.completeProfile")}</Link>
        </p>
        <h3 className="font-semibold">{t("apply.hiddenTitle")}</h3>
        <ul className="list-disc pl-6 text-sm text-stone-700">
          <li>{t("apply.hidden.migrantStatus")}</li>
          <li>{t("apply.hidden.disability")}</li>
          <li>{t("apply.hidden.birthDate")}</li>
          <li>{t("apply.hidden.notes")}</li>
        </ul>
      </section>

      <button type="submit" className="btn w-full sm:w-auto" disabled={busy}>
        {t("apply.submit")}
      </button>
    </Form>
  );
}
