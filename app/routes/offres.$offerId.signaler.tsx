import { useId } from "react";
import { data, Form, Link } from "react-router";
import { FormErrorSummary, useErrorText } from "~/components/Field";
import { reportOffer } from "~/models/fraud-reports.server";
import { getOfferForViewer } from "~/models/offers.server";
import { parseIdParam } from "~/schemas/params";
import { DETAILS_MAX, reportSchema } from "~/schemas/report";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import { FRAUD_REASONS } from "../../db/enums";
import type { Route } from "./+types/offres.$offerId.signaler";

export const handle = { i18n: ["common", "moderation"] };

const notFound = () => data(null, { status: 404 });
const THANKS = { message: "moderation:report.thanksBody" };

/** The offer as this person may see it (a visitor: only open offers), or a 404. */
async function findVisibleOffer(request: Request, offerIdParam: string) {
  const user = await getUser(request);
  const offerId = parseIdParam(offerIdParam);
  const found =
    offerId === null ? null : getOfferForViewer(getDb(), offerId, user ? { id: user.id, role: user.role } : null);
  return { user, offerId, found };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { found } = await findVisibleOffer(request, params.offerId);
  const { flash, headers } = await readFlash(request);
  const thanks = flash?.message === THANKS.message;
  // After a report the offer may be suspended: the thanks are still shown, without it.
  if (!found && !thanks) throw notFound();
  return withFlashCleared(
    {
      thanks,
      offer: found ? { id: found.offer.id, title: found.offer.title } : null,
      // Sent from here so that the page's JavaScript carries neither zod nor the database schema.
      reasons: FRAUD_REASONS,
      detailsMax: DETAILS_MAX,
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, offerId, found } = await findVisibleOffer(request, params.offerId);
  if (!found || offerId === null) throw notFound();
  const formData = await request.formData();
  const thank = () => redirectWithFlash(`/offres/${offerId}/signaler`, THANKS);
  // Only robots fill the hidden field: they are thanked, and nothing is stored.
  const trap = formData.get("website");
  if (typeof trap === "string" && trap.trim() !== "") return thank();

  const form = parseForm(reportSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = reportOffer(getDb(), { offerId, reporterId: user?.id ?? null, ip: clientIp(context), ...form.data });
  if (!result.ok) {
    if (result.reason === "not_found") throw notFound();
    return data<ActionData>(
      { fieldErrors: {}, values: formValues(formData), formError: "moderation:report.errors.rateLimited" },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return thank();
}

export default function ReportOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("moderation");
  const { thanks, offer } = loaderData;
  return (
    <section className="mx-auto max-w-xl space-y-4" aria-labelledby="report-title">
      <title>{`${t(thanks ? "report.thanksTitle" : "report.title")} · Baara`}</title>
      {thanks ? (
        <>
          <h1 id="report-title" className="text-2xl font-bold">
            {t("report.thanksTitle")}
          </h1>
          <p role="status">{t("report.thanksBody")}</p>
          <p className="text-stone-700">{t("report.whatHappens")}</p>
          <p>
            <Link to="/offres" className="btn">
              {t("report.backToOffers")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <h1 id="report-title" className="text-2xl font-bold">
            {t("report.title")}
          </h1>
          {offer ? (
            <p>
              <Link to={`/offres/${offer.id}`}>{t("report.offer", { title: offer.title })}</Link>
            </p>
          ) : null}
          <p className="text-stone-700">
            {t("report.intro")} {t("report.whatHappens")}
          </p>
          <ReportForm actionData={actionData} reasons={loaderData.reasons} detailsMax={loaderData.detailsMax} />
        </>
      )}
    </section>
  );
}

function ReportForm({
  actionData,
  reasons,
  detailsMax,
}: {
  actionData: ActionData | undefined;
  reasons: readonly string[];
  detailsMax: number;
}) {
  const { t } = useTranslation("moderation");
  const errorText = useErrorText();
  const busy = useBusy();
  const id = useId();
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  const detailsDescribedBy = [`${id}-details-hint`, errors.details ? `${id}-details-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Form method="post" className="card space-y-4" noValidate>
      <FormErrorSummary message={actionData?.formError} errors={errors} />
      <fieldset aria-describedby={errors.reason ? `${id}-reason-error` : undefined}>
        <legend className="font-medium">{t("report.reasonLegend")}</legend>
        <div className="mt-2 space-y-2">
          {reasons.map((reason) => (
            <label key={reason} className="flex items-center gap-2">
              <input
                type="radio"
                name="reason"
                value={reason}
                className="h-5 w-5"
                defaultChecked={values.reason === reason}
                required
              />
              {t(`reason.${reason}`)}
            </label>
          ))}
        </div>
        {errors.reason ? (
          <p id={`${id}-reason-error`} className="mt-1 text-sm font-semibold text-red-700">
            {errorText(errors.reason)}
          </p>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor={`${id}-details`} className="block font-medium">
          {t("report.details")}
        </label>
        <textarea
          id={`${id}-details`}
          name="details"
          rows={5}
          maxLength={detailsMax}
          className="field"
          defaultValue={values.details}
          aria-invalid={errors.details ? true : undefined}
          aria-describedby={detailsDescribedBy}
        />
        <p id={`${id}-details-hint`} className="mt-1 text-sm text-stone-600">
          {t("report.detailsHint")}
        </p>
        {errors.details ? (
          <p id={`${id}-details-error`} className="mt-1 text-sm font-semibold text-red-700">
            {errorText(errors.details)}
          </p>
        ) : null}
      </div>
      {/* A trap for robots: people neither see it nor reach it with the keyboard. */}
      <div className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={`${id}-website`}>{t("report.honeypot")}</label>
        <input id={`${id}-website`} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" className="btn w-full sm:w-auto" disabled={busy}>
        {t("report.submit")}
      </button>
    </Form>
  );
}
