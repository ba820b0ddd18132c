import { data, Link, redirect } from "react-router";
import { ApplyForm } from "~/components/applications/ApplyForm";
import { ApplyGate } from "~/components/applications/ApplyGate";
import { AlreadyApplied, OfferClosed } from "~/components/applications/ApplyOutcomes";
import { OfferHeading } from "~/components/applications/OfferHeading";
import { FlashNotice } from "~/components/Notice";
import {
  applyToOffer,
  candidateApplicationFor,
  dailyLimitRetryAfter,
  offerToApplyTo,
} from "~/models/applications.server";
import { applyFormFor } from "~/models/apply-form.server";
import { getOwnProfile } from "~/models/profiles.server";
import { applySchema, MESSAGE_MAX } from "~/schemas/application";
import { parseIdParam } from "~/schemas/params";
import { applyPath, dropDraft, keepDraft, profileReturningTo, readDraft } from "~/utils/apply-draft.server";
import { getUser, HOME_BY_ROLE } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, withFlashCleared } from "~/utils/flash.server";
import { type FormValues, formValues, parseForm, type RefusedForm } from "~/utils/forms";
import { logInWithForm } from "~/utils/login-form.server";
import type { SessionUser } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/offres.$offerId.postuler";

export const handle = { i18n: ["common", "applications", "apply", "auth"] };

const myApplication = (id: number) => `/candidat/candidatures#candidature-${id}`;

/** Visitors get the gate; candidates the form; other roles may not apply (403). */
async function candidateOrVisitor(request: Request) {
  const user = await getUser(request);
  if (user && user.role !== "candidat") throw data({ reason: "forbidden" }, { status: 403 });
  return user;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await candidateOrVisitor(request);
  const db = getDb();
  const offerId = parseIdParam(params.offerId);
  const found = offerId === null ? null : offerToApplyTo(db, offerId);
  if (!found) throw data(null, { status: 404 });
  const { flash, headers } = await readFlash(request);
  const offer = {
    id: found.id,
    title: found.title,
    orgName: found.orgName,
    region: found.region,
    commune: found.commune,
    closedBecause: found.closedBecause,
  };
  const existing = user ? candidateApplicationFor(db, user.id, offer.id) : null;
  if (existing) {
    const application = { ...existing, createdAt: existing.createdAt.toISOString() };
    return withFlashCleared({ state: "applied" as const, offer, flash, application }, headers);
  }
  if (!found.isOpen) return data({ state: "closed" as const, offer, flash }, { status: 410, headers });
  if (!user) return withFlashCleared({ state: "gate" as const, offer, flash }, headers);
  const form = {
    ...applyFormFor(db, user),
    draft: await readDraft(request, offer.id, user.id),
    messageMax: MESSAGE_MAX,
  };
  return withFlashCleared({ state: "form" as const, offer, flash, ...form }, headers);
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await candidateOrVisitor(request);
  const offerId = parseIdParam(params.offerId);
  if (offerId === null) throw data(null, { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!user) {
    // Anything else a visitor posts (a form left open past the session's end) goes back to the gate.
    if (intent !== "login") return redirect(applyPath(offerId));
    return logInWithForm(request, context, formData, (role) =>
      role === "candidat" ? applyPath(offerId) : HOME_BY_ROLE[role],
    );
  }
  // Logged in meanwhile (another tab): the form is there.
  if (intent === "login") return redirect(applyPath(offerId));

  const form = parseForm(applySchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const values = formValues(formData);
  if (intent === "complete-profile" || intent === "add-cv") {
    const cv = intent === "add-cv" || form.data.cvFileId !== null ? "attach" : "none";
    const kept = await keepDraft(offerId, user.id, { message: form.data.message ?? "", cv });
    if (!kept)
      return data<RefusedForm>({ fieldErrors: {}, values, formError: "apply:errors.draftTooLong" }, { status: 413 });
    return redirect(profileReturningTo(offerId, intent === "add-cv" ? "#cv" : ""), { headers: { "Set-Cookie": kept } });
  }
  return apply(user, offerId, form.data, values);
}

async function apply(
  user: SessionUser,
  offerId: number,
  { cvFileId, message }: { cvFileId: number | null; message: string | null },
  values: FormValues,
) {
  const db = getDb();
  // Only the CV of the candidate's own profile can go with the application.
  if (cvFileId !== null && cvFileId !== getOwnProfile(db, user.id)?.cvFileId) {
    return data<RefusedForm>({ fieldErrors: { cvFileId: "applications:errors.cvNotYours" }, values }, { status: 400 });
  }
  const result = applyToOffer(db, { candidateId: user.id, offerId, message, cvFileId });
  if (result.ok)
    return redirect(myApplication(result.applicationId), { headers: { "Set-Cookie": await dropDraft(offerId) } });
  switch (result.reason) {
    case "already_applied":
      // The page shows the application already sent (the loader finds it); nothing is added.
      return data<RefusedForm>({ fieldErrors: {}, values: {} });
    case "offer_not_open":
      return data<RefusedForm>(
        { fieldErrors: {}, values, formError: "applications:errors.offerNotOpen" },
        { status: 409 },
      );
    case "daily_limit":
      return data<RefusedForm>(
        { fieldErrors: {}, values, formError: "applications:errors.dailyLimit" },
        { status: 429, headers: { "Retry-After": String(dailyLimitRetryAfter(db, user.id)) } },
      );
    case "invalid_cv":
      return data<RefusedForm>(
        { fieldErrors: { cvFileId: "applications:errors.cvNotYours" }, values },
        { status: 400 },
      );
    case "not_candidate":
      throw data(null, { status: 403 });
  }
}

export default function Apply({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("applications");
  const { offer } = loaderData;
  return (
    <section className="mx-auto max-w-2xl space-y-4" aria-labelledby="apply-title">
      <title>{`${t("apply.titleTag", { title: offer.title })} · Baara`}</title>
      <p>
        <Link to={`/offres/${offer.id}`} className="inline-flex min-h-11 items-center">
          ← {t("apply.backToOffer")}
        </Link>
      </p>
      <FlashNotice flash={loaderData.flash} />
      {loaderData.state === "applied" ? (
        <AlreadyApplied
          offer={offer}
          application={loaderData.application}
          href={myApplication(loaderData.application.id)}
        />
      ) : loaderData.state === "closed" ? (
        <OfferClosed offer={offer} formError={actionData?.formError} />
      ) : (
        <>
          <OfferHeading heading={t("apply.title", { title: offer.title })} offer={offer} />
          {loaderData.state === "gate" ? (
            <ApplyGate offerId={offer.id} refused={actionData} />
          ) : (
            <ApplyForm
              refused={actionData}
              draft={loaderData.draft}
              cv={loaderData.cv}
              messageMax={loaderData.messageMax}
              preview={loaderData.preview}
              missingCount={loaderData.missingCount}
            />
          )}
        </>
      )}
    </section>
  );
}
