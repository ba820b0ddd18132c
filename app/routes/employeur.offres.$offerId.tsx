import { useTranslation } from "react-i18next";
import { data, Link, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/employeur.offres.$offerId";
import { isEditableStatus, OfferActions } from "~/components/OfferActions";
import { OfferForm, offerFormInput, offerFormValues } from "~/components/OfferForm";
import { duplicateOffer, endOffer, findOfferOfMember, saveOffer } from "~/models/offers.server";
import { getOrganisation } from "~/models/organisations.server";
import { offerSchema, OFFER_INTENTS, type OfferIntent } from "~/schemas/offer";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formLists, formValues, parseForm, type FieldErrors, type FormValues } from "~/utils/forms";

export const handle = { i18n: ["common", "employer", "applications"] };

/** The offer id of the URL; anything but a plain number is a 404 (never another offer). */
function offerIdOf(params: { offerId?: string }) {
  const id = parseIdParam(params.offerId);
  if (id === null) throw data(null, { status: 404 });
  return id;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const offer = findOfferOfMember(db, user.id, offerIdOf(params));
  if (!offer) throw data(null, { status: 404 });
  return { offer, orgStatus: getOrganisation(db, offer.orgId)!.verificationStatus };
}

type ActionData = { fieldErrors: FieldErrors; formError?: string; values?: FormValues; languages?: string[] };

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const offerId = offerIdOf(params);
  const db = getDb();
  // Another organisation's offer is a 404 whatever was posted.
  if (!findOfferOfMember(db, user.id, offerId)) throw data(null, { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent") ?? "draft";

  if (intent === "duplicate") {
    const copyId = duplicateOffer(db, user.id, offerId);
    if (copyId === null) throw data(null, { status: 404 });
    return redirect(`/employeur/offres/${copyId}?copie=1`);
  }
  if (intent === "close" || intent === "fill") {
    const outcome = intent === "close" ? "closed" : "filled";
    const result = endOffer(db, user.id, offerId, outcome);
    if (!result) throw data(null, { status: 404 });
    if (!result.ok) {
      const withheld = result.reason === "withheld";
      return data<ActionData>(
        { fieldErrors: {}, formError: withheld ? "employer:offerActions.cannotEndWithheld" : "employer:offerActions.cannotEnd" },
        { status: withheld ? 403 : 400 },
      );
    }
    return redirect(`/employeur/offres/${offerId}?enregistre=${outcome}`);
  }
  if (!(OFFER_INTENTS as readonly unknown[]).includes(intent)) throw data(null, { status: 400 });

  const kept = { values: formValues(formData), languages: formLists(formData, ["languages"]).languages! };
  const form = parseForm(offerSchema, offerFormInput(formData));
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, ...kept }, { status: 400 });
  const result = saveOffer(db, { userId: user.id, offerId, input: form.data, intent: intent as OfferIntent });
  if (!result) throw data(null, { status: 404 });
  if (!result.ok) {
    return data<ActionData>({ fieldErrors: result.fieldErrors, formError: result.formError, ...kept }, { status: 400 });
  }
  return redirect(`/employeur/offres/${result.offerId}?enregistre=${result.status}`);
}

const BADGE: Record<string, string> = {
  published: "bg-green-100 text-green-900",
  pending: "bg-amber-100 text-amber-900",
  draft: "bg-stone-200 text-stone-900",
  rejected: "bg-red-100 text-red-900",
};

function SavedBanner({ status, offerId, flags, orgVerified }: { status: string; offerId: number; flags: string[]; orgVerified: boolean }) {
  const { t } = useTranslation("employer");
  return (
    <div role="status" className="rounded-md border border-green-700 bg-green-50 p-3">
      <p className="font-semibold">{t(`offerPage.saved.${status}`)}</p>
      {status === "published" ? (
        <p className="mt-1">
          <Link to={`/offres/${offerId}`}>{t("offerPage.seePublic")}</Link>
        </p>
      ) : null}
      {status === "pending" ? (
        <>
          <p className="mt-1">{t("offerPage.heldBecause")}</p>
          <ul className="mt-1 list-disc pl-6">
            {flags.map((flag) => (
              <li key={flag}>{t(`moderationFlag.${flag}`, { defaultValue: t("moderationFlag.other") })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {status === "draft" && !orgVerified ? <p className="mt-1">{t("offerPage.draftUntilVerified")}</p> : null}
    </div>
  );
}

export default function EditOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const [searchParams] = useSearchParams();
  const { offer, orgStatus } = loaderData;
  const saved = searchParams.get("enregistre");
  // Reports took it offline: a counsellor decides before it can change.
  const underReview = offer.moderationFlags.includes("reported");
  const editable = isEditableStatus(offer.status) && !underReview;
  const initial = offerFormValues(offer);
  return (
    <section className="mx-auto max-w-2xl space-y-4" aria-labelledby="offer-title">
      <title>{`${offer.title} · Baara`}</title>
      <p>
        <Link to="/employeur/offres">{t("offerPage.backToList")}</Link>
      </p>
      <h1 id="offer-title" className="text-2xl font-bold">
        {offer.title}
      </h1>
      <p>
        {t("offerPage.status")}{" "}
        <span className={`rounded px-2 py-0.5 text-sm font-semibold ${BADGE[offer.status] ?? "bg-stone-200"}`}>
          {t(`common:offerStatus.${offer.status}`)}
        </span>
      </p>
      {saved === offer.status ? (
        <SavedBanner status={saved} offerId={offer.id} flags={offer.moderationFlags} orgVerified={orgStatus === "verified"} />
      ) : null}
      {searchParams.get("copie") === "1" && offer.status === "draft" ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3">{t("offerPage.copied")}</p>
      ) : null}
      {offer.status === "pending" && saved !== "pending" ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3">
          {t(underReview ? "offerPage.underReview" : "offerPage.pendingNotice")}
        </p>
      ) : null}
      {offer.status === "rejected" ? (
        <div className="rounded-md border border-red-700 bg-red-50 p-3">
          <p className="font-semibold">{t("offerPage.rejected")}</p>
          {offer.rejectionReason ? <p className="mt-1">{t("offerPage.reason", { reason: offer.rejectionReason })}</p> : null}
        </div>
      ) : null}
      {editable || underReview ? null : (
        <p className="rounded-md border border-stone-300 bg-stone-100 p-3">{t("offerPage.readOnly")}</p>
      )}
      {offer.status === "published" && saved !== "published" ? (
        <p>
          <Link to={`/offres/${offer.id}`}>{t("offerPage.seePublic")}</Link>
        </p>
      ) : null}
      {offer.status !== "draft" ? (
        <p>
          <Link to={`/employeur/offres/${offer.id}/candidatures`} className="btn-secondary">
            {t("applications:links.seeApplications")}
          </Link>
        </p>
      ) : null}
      <OfferActions offerId={offer.id} status={offer.status} title={offer.title} />
      <OfferForm
        key={offer.id}
        values={actionData?.values ?? initial.values}
        languages={actionData?.languages ?? initial.languages}
        errors={actionData?.fieldErrors ?? {}}
        formError={actionData?.formError}
        status={offer.status}
        canPublish={orgStatus === "verified"}
        readOnly={!editable}
      />
    </section>
  );
}
