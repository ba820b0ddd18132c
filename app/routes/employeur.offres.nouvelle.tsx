import { data, Link, useSearchParams } from "react-router";
import { Notice } from "~/components/Notice";
import { OfferForm } from "~/components/OfferForm";
import { OfferTypeStep } from "~/components/OfferTypeStep";
import { isOfferType, offerFormInput, offerSavedFlash } from "~/components/offer-form-data";
import { usableCommitments } from "~/models/conventions-offers.server";
import { saveOffer } from "~/models/employer-offers.server";
import { getEmployerMembership } from "~/models/organisations.server";
import { OFFER_INTENTS, type OfferIntent, offerSchema } from "~/schemas/offer";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formLists, formValues, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur.offres.nouvelle";

export const handle = { i18n: ["common", "employer", "offerform", "conventions"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const membership = getEmployerMembership(db, user.id);
  if (!membership) throw data(null, { status: 403 });
  return { orgStatus: membership.org.verificationStatus, commitments: usableCommitments(db, membership.org.id) };
}

type ActionData = { fieldErrors: FieldErrors; formError?: string; values: FormValues; languages: string[] };

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const formData = await request.formData();
  const intent = formData.get("intent") ?? "draft";
  const kept = { values: formValues(formData), languages: formLists(formData, ["languages"]).languages! };
  // Without JavaScript, another type was chosen: the same form back with that type's fields.
  if (intent === "retype") return data<ActionData>({ fieldErrors: {}, ...kept });
  if (!(OFFER_INTENTS as readonly unknown[]).includes(intent)) throw data(null, { status: 400 });
  const form = parseForm(offerSchema, offerFormInput(formData));
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, ...kept }, { status: 400 });

  const result = saveOffer(getDb(), { userId: user.id, input: form.data, intent: intent as OfferIntent });
  if (!result) throw data(null, { status: 403 });
  if (!result.ok) {
    return data<ActionData>({ fieldErrors: result.fieldErrors, formError: result.formError, ...kept }, { status: 400 });
  }
  return redirectWithFlash(`/employeur/offres/${result.offerId}`, offerSavedFlash(result.status));
}

export default function NewOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const [searchParams] = useSearchParams();
  const verified = loaderData.orgStatus === "verified";
  const chosenType = searchParams.get("type");
  // The type is chosen first, so that the form holds only that type's fields.
  const values =
    actionData?.values ?? (isOfferType(chosenType) ? { type: chosenType, positions: "1", payPeriod: "month" } : null);
  return (
    <section className="mx-auto max-w-2xl space-y-4" aria-labelledby="new-offer-title">
      <title>{`${t("offerPage.newTitle")} · Baara`}</title>
      <p>
        <Link to="/employeur/offres">{t("offerPage.backToList")}</Link>
      </p>
      <h1 id="new-offer-title" className="text-2xl font-bold">
        {t("offerPage.newTitle")}
      </h1>
      <p className="text-stone-700">{t("offerPage.newIntro")}</p>
      {verified ? null : <Notice tone="warning">{t(`offerList.notVerified.${loaderData.orgStatus}`)}</Notice>}
      {values ? (
        <OfferForm
          values={values}
          languages={actionData?.languages ?? []}
          errors={actionData?.fieldErrors ?? {}}
          formError={actionData?.formError}
          canPublish={verified}
          commitments={loaderData.commitments}
        />
      ) : (
        <OfferTypeStep />
      )}
    </section>
  );
}
