import { data, Form, Link } from "react-router";
import { z } from "zod";
import { OFFER_STATUS_CHOICES } from "~/components/choices";
import { FlashNotice, Notice } from "~/components/Notice";
import { OfferActions } from "~/components/OfferActions";
import { OfferStatusBadge } from "~/components/OfferStatusBadge";
import { OFFER_COPIED_FLASH } from "~/components/offer-form-data";
import { Pagination } from "~/components/Pagination";
import { duplicateOffer, endOffer, listOffersOfOrg } from "~/models/employer-offers.server";
import { isEditable } from "~/models/lifecycles/offer";
import { getEmployerMembership } from "~/models/organisations.server";
import { listHref, pageParam } from "~/schemas/list-query";
import { idParamSchema } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import type { OfferStatus } from "../../db/enums";
import type { Route } from "./+types/employeur.offres._index";

export const handle = { i18n: ["common", "employer", "applications", "offers"] };

const isStatus = (value: string | null): value is OfferStatus =>
  value !== null && (OFFER_STATUS_CHOICES as readonly string[]).includes(value);

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const membership = getEmployerMembership(db, user.id);
  if (!membership) throw data(null, { status: 403 });
  // An unknown status or page in the URL shows every offer, from the first page, rather than an error.
  const params = new URL(request.url).searchParams;
  const wanted = params.get("statut");
  const status = isStatus(wanted) ? wanted : undefined;
  const requestedPage = pageParam.safeParse(params.get("page") ?? "");
  const list = listOffersOfOrg(db, membership.org.id, status, requestedPage.success ? requestedPage.data : 1);
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      orgStatus: membership.org.verificationStatus,
      status: status ?? null,
      offers: list.rows,
      page: list.page,
      pageCount: list.pageCount,
      flash,
    },
    headers,
  );
}

const offerActionSchema = z.object({
  intent: z.enum(["duplicate", "close", "fill"]),
  offerId: idParamSchema,
});

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const form = parseForm(offerActionSchema, await request.formData());
  if (!form.ok) throw data(null, { status: 400 });
  const { intent, offerId } = form.data;
  const db = getDb();
  if (intent === "duplicate") {
    const copyId = duplicateOffer(db, user.id, offerId);
    if (copyId === null) throw data(null, { status: 404 });
    return redirectWithFlash(`/employeur/offres/${copyId}`, OFFER_COPIED_FLASH);
  }
  const outcome = intent === "close" ? "closed" : "filled";
  const result = endOffer(db, user.id, offerId, outcome);
  if (!result) throw data(null, { status: 404 });
  const back = new URL(request.url);
  const done = result.ok ? outcome : result.reason === "withheld" ? "withheld" : "refused";
  return redirectWithFlash(`${back.pathname}${back.search}`, { message: `employer:offerList.done.${done}` });
}

export default function EmployerOffers({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const format = useFormat();
  const { offers, orgStatus, status, flash, page, pageCount } = loaderData;
  return (
    <section className="space-y-4" aria-labelledby="offers-title">
      <title>{`${t("offerList.title")} · Baara`}</title>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="offers-title" className="text-2xl font-bold">
          {t("offerList.title")}
        </h1>
        <Link to="/employeur/offres/nouvelle" className="btn">
          {t("offerList.new")}
        </Link>
      </div>
      {orgStatus === "verified" ? null : (
        <Notice tone="warning" role={null}>
          {t(`offerList.notVerified.${orgStatus}`)}
        </Notice>
      )}
      <FlashNotice flash={flash} />

      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="statut" className="block font-medium">
            {t("offerList.filter")}
          </label>
          <select id="statut" name="statut" defaultValue={status ?? ""} className="field">
            <option value="">{t("offerList.allStatuses")}</option>
            {OFFER_STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {t(`common:offerStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("offerList.apply")}
        </button>
      </Form>

      {offers.length === 0 ? (
        <p>{status ? t("offerList.noneWithStatus") : t("offerList.none")}</p>
      ) : (
        <ul className="space-y-3">
          {offers.map((offer) => (
            <li key={offer.id} className="card space-y-2">
              <h2 className="text-lg font-semibold">
                <Link to={`/employeur/offres/${offer.id}`}>{offer.title}</Link>
              </h2>
              <p className="text-sm text-stone-700">
                <OfferStatusBadge status={offer.status} className="mr-2" />
                {t(`common:offerType.${offer.type}`)} ·{" "}
                {t("offerList.closes", { date: format.date(offer.closingDate, "medium") })}
              </p>
              <p className="text-sm">
                {t("offerList.applicants", { count: offer.applicants })} ·{" "}
                {t("offerList.waiting", { count: offer.waiting })}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  to={`/employeur/offres/${offer.id}`}
                  className="btn-secondary px-3 py-1 text-sm"
                  aria-label={t("offerActions.labelFor", {
                    action: t(isEditable(offer.status) ? "offerActions.edit" : "offerActions.view"),
                    title: offer.title,
                  })}
                >
                  {t(isEditable(offer.status) ? "offerActions.edit" : "offerActions.view")}
                </Link>
                {offer.applicants > 0 ? (
                  <Link
                    to={`/employeur/offres/${offer.id}/candidatures`}
                    className="btn px-3 py-1 text-sm"
                    aria-label={t("applications:links.seeApplicationsOf", { title: offer.title })}
                  >
                    {t("applications:links.seeApplications")}
                  </Link>
                ) : null}
                <OfferActions offerId={offer.id} status={offer.status} title={offer.title} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(n) => listHref("/employeur/offres", { statut: status ?? undefined }, n)}
      />
    </section>
  );
}
