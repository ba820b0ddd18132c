import { data, Link } from "react-router";
import { Notice } from "~/components/Notice";
import { OfferActions } from "~/components/OfferActions";
import { OfferForm } from "~/components/OfferForm";
import { OfferKeypadCode } from "~/components/OfferKeypadCode";
import { OfferStatusBadge } from "~/components/OfferStatusBadge";
import { OFFER_COPIED_FLASH, offerFormInput, offerFormValues, offerSavedFlash } from "~/components/offer-form-data";
import { conventionReference, offerCommitmentChoices } from "~/models/conventions-offers.server";
import { duplicateOffer, endOffer, findOfferOfMember, saveOffer } from "~/models/employer-offers.server";
import { isEditable } from "~/models/lifecycles/offer";
import { getOrganisation } from "~/models/organisations.server";
import { OFFER_INTENTS, type OfferIntent, offerSchema } from "~/schemas/offer";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { channelNumbers } from "~/utils/channel-numbers";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formLists, formValues, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur.offres.$offerId";

export const handle = { i18n: ["common", "employer", "applications", "offerform", "channels", "conventions"] };

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
  const { flash, headers } = await readFlash(request);
  const orgStatus = getOrganisation(db, offer.orgId)!.verificationStatus;
  // The keypad code, for a poster, while the offer is published.
  const keypad =
    offer.status === "published" && offer.shortCode ? { code: offer.shortCode, ...channelNumbers() } : null;
  const convention = {
    reference: conventionReference(db, offer.conventionId),
    choices: offerCommitmentChoices(db, offer.orgId, offer),
  };
  return withFlashCleared({ offer, orgStatus, keypad, flash, convention }, headers);
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
    return redirectWithFlash(`/employeur/offres/${copyId}`, OFFER_COPIED_FLASH);
  }
  if (intent === "close" || intent === "fill") {
    const outcome = intent === "close" ? "closed" : "filled";
    const result = endOffer(db, user.id, offerId, outcome);
    if (!result) throw data(null, { status: 404 });
    if (!result.ok) {
      const withheld = result.reason === "withheld";
      return data<ActionData>(
        {
          fieldErrors: {},
          formError: withheld ? "employer:offerActions.cannotEndWithheld" : "employer:offerActions.cannotEnd",
        },
        { status: withheld ? 403 : 400 },
      );
    }
    return redirectWithFlash(`/employeur/offres/${offerId}`, offerSavedFlash(outcome));
  }
  const kept = { values: formValues(formData), languages: formLists(formData, ["languages"]).languages! };
  // Without JavaScript, another type was chosen: the same form back with that type's fields.
  if (intent === "retype") return data<ActionData>({ fieldErrors: {}, ...kept });
  if (!(OFFER_INTENTS as readonly unknown[]).includes(intent)) throw data(null, { status: 400 });
  const form = parseForm(offerSchema, offerFormInput(formData));
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, ...kept }, { status: 400 });
  const result = saveOffer(db, { userId: user.id, offerId, input: form.data, intent: intent as OfferIntent });
  if (!result) throw data(null, { status: 404 });
  if (!result.ok) {
    return data<ActionData>({ fieldErrors: result.fieldErrors, formError: result.formError, ...kept }, { status: 400 });
  }
  return redirectWithFlash(`/employeur/offres/${result.offerId}`, offerSavedFlash(result.status));
}

function SavedBanner({
  status,
  offerId,
  flags,
  orgVerified,
}: {
  status: string;
  offerId: number;
  flags: string[];
  orgVerified: boolean;
}) {
  const { t } = useTranslation("employer");
  return (
    <Notice tone="success">
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
    </Notice>
  );
}

export default function EditOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const { offer, orgStatus, keypad, flash, convention } = loaderData;
  // The status the offer was just saved in, if an action said so.
  const saved = flash?.values?.status;
  // Reports took it offline: a counsellor decides before it can change.
  const underReview = offer.moderationFlags.includes("reported");
  const editable = isEditable(offer.status) && !underReview;
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
        {t("offerPage.status")} <OfferStatusBadge status={offer.status} className="text-sm" />
      </p>
      {convention.reference ? <p>{t("conventions:offer.linked", { reference: convention.reference })}</p> : null}
      {saved === offer.status ? (
        <SavedBanner
          status={saved}
          offerId={offer.id}
          flags={offer.moderationFlags}
          orgVerified={orgStatus === "verified"}
        />
      ) : null}
      {flash?.message === OFFER_COPIED_FLASH.message && offer.status === "draft" ? (
        <Notice tone="success">{t("offerPage.copied")}</Notice>
      ) : null}
      {offer.status === "pending" && saved !== "pending" ? (
        <Notice tone="warning" role={null}>
          {t(underReview ? "offerPage.underReview" : "offerPage.pendingNotice")}
        </Notice>
      ) : null}
      {offer.status === "rejected" ? (
        <Notice tone="error" role={null}>
          <p className="font-semibold">{t("offerPage.rejected")}</p>
          {offer.rejectionReason ? (
            <p className="mt-1">{t("offerPage.reason", { reason: offer.rejectionReason })}</p>
          ) : null}
        </Notice>
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
      {keypad ? <OfferKeypadCode keypad={keypad} poster /> : null}
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
        commitments={convention.choices}
      />
    </section>
  );
}
