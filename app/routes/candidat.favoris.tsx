import { data, Form, Link, redirect } from "react-router";
import { FlashNotice, Notice } from "~/components/Notice";
import { OfferCloses, OfferPay, OfferPlace } from "~/components/OfferCard";
import { offerAnchor } from "~/components/offer/SaveOfferButton";
import { Pagination } from "~/components/Pagination";
import { listSavedOffers, saveOffer, unsaveOffer } from "~/models/saved-offers.server";
import { pageParam } from "~/schemas/list-query";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { safeRedirect } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/candidat.favoris";

export const handle = { i18n: ["common", "offers", "saved"] };

const HERE = "/candidat/favoris";
const pageHref = (page: number) => (page > 1 ? `${HERE}?page=${page}` : HERE);

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const page = pageParam.safeParse(new URL(request.url).searchParams.get("page") ?? undefined);
  const { flash, headers } = await readFlash(request);
  const list = listSavedOffers(getDb(), user.id, page.success ? page.data : 1);
  return withFlashCleared({ ...list, flash }, headers);
}

type ActionData = { error: string };

/**
 * Saves (`intent=save`) or removes (`intent=remove`) one offer of the candidate's list, then goes
 * back to the page the button was on (`returnTo`, at the offer's anchor). A fetcher says
 * `reply=data` and gets the new state instead of a redirect, so that the page does not change.
 */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const form = await request.formData();
  const intent = form.get("intent");
  const offerId = parseIdParam(form.get("offerId"));
  if (intent !== "save" && intent !== "remove") {
    return data<ActionData>({ error: "saved:errors.intent" }, { status: 400 });
  }
  if (offerId === null) return data<ActionData>({ error: "saved:errors.offerId" }, { status: 400 });
  const db = getDb();
  if (intent === "save") {
    // An offer the public cannot see (draft, rejected, closed ...) is not revealed: 404.
    if (!saveOffer(db, user.id, offerId)) throw data(null, { status: 404 });
  } else {
    unsaveOffer(db, user.id, offerId);
  }
  if (form.get("reply") === "data") return { saved: intent === "save" };
  const back = safeRedirect(form.get("returnTo"), `${HERE}#${offerAnchor(offerId)}`);
  // Only this page shows the message; on another it would wait for the next page that does.
  const flash = back.split(/[?#]/)[0] === HERE ? { message: "saved:page.removed" } : null;
  return flash ? redirectWithFlash(back, flash, { status: 303 }) : redirect(back, 303);
}

export default function SavedOffers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("saved");
  const { items, total, page, pageCount, flash } = loaderData;
  const error = actionData && "error" in actionData ? actionData.error : null;
  return (
    <div className="space-y-4">
      <title>{`${t("page.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("page.title")}</h1>
      <FlashNotice flash={flash} />
      {error ? <Notice tone="error">{t(error)}</Notice> : null}
      {total === 0 ? (
        <p>
          {t("page.none")}{" "}
          <Link to="/offres" className="inline-flex min-h-11 items-center">
            {t("page.findOffers")}
          </Link>
        </p>
      ) : (
        <>
          <p className="text-stone-700">{t("page.intro", { count: total })}</p>
          <ul className="space-y-3">
            {items.map((offer) => (
              <SavedOfferItem key={offer.id} offer={offer} page={page} />
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} hrefFor={pageHref} />
        </>
      )}
    </div>
  );
}

type SavedOffer = Route.ComponentProps["loaderData"]["items"][number];

function SavedOfferItem({ offer, page }: { offer: SavedOffer; page: number }) {
  const { t } = useTranslation("saved");
  const { t: common } = useTranslation();
  const format = useFormat();
  return (
    <li id={offerAnchor(offer.id)} className={`card space-y-2 ${offer.isOpen ? "" : "bg-stone-50"}`}>
      {offer.isOpen ? null : (
        <p className="text-sm">
          <span className="rounded border border-stone-500 px-1.5 font-semibold">{t("page.closed")}</span>{" "}
          <span className="text-stone-700">{t("page.closedHint")}</span>
        </p>
      )}
      <h2 className="text-lg font-semibold">
        <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
      </h2>
      <p className="text-sm text-stone-700">
        {offer.orgName} · <OfferPlace offer={offer} t={common} />
      </p>
      <OfferPay offer={offer} t={common} format={format} />
      <OfferCloses offer={offer} t={common} format={format} />
      <p className="text-xs text-stone-600">{t("page.savedOn", { date: format.date(offer.savedAt, "medium") })}</p>
      <div className="flex flex-wrap gap-2">
        {offer.isOpen ? (
          <Link
            to={`/offres/${offer.id}/postuler`}
            className="btn px-3 text-sm"
            aria-label={t("page.applyLabel", { title: offer.title })}
          >
            {t("page.apply")}
          </Link>
        ) : null}
        <Form method="post">
          <input type="hidden" name="offerId" value={offer.id} />
          <input type="hidden" name="returnTo" value={pageHref(page)} />
          <button
            type="submit"
            name="intent"
            value="remove"
            className="btn-secondary px-3 text-sm"
            aria-label={t("page.removeLabel", { title: offer.title })}
          >
            {t("page.remove")}
          </button>
        </Form>
      </div>
    </li>
  );
}
