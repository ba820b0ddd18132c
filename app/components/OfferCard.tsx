import type { TFunction } from "i18next";
import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { placeName } from "~/utils/place";
import { useTranslation } from "~/utils/translation";
import { OfferMarkers } from "./offer/OfferMarkers";
import { offerAnchor, type SaveButtons, SaveOfferButton } from "./offer/SaveOfferButton";

export type OfferCardData = {
  id: number;
  title: string;
  type: string;
  region: string;
  commune: string | null;
  contract: string;
  payAmount: number | null;
  payPeriod: string;
  closingDate: string;
  publishedAt: Date | string | null;
  orgName: string;
};

/** An offer in a grid (home page, employer page, similar offers); `save` adds its save button. */
export function OfferCard({ offer, save }: { offer: OfferCardData; save?: SaveButtons }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article id={offerAnchor(offer.id)} className="card flex h-full flex-col">
      <p className="flex flex-wrap items-center gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
        <span>{t(`offerType.${offer.type}`)}</span>
        <OfferMarkers offer={offer} t={t} />
      </p>
      <h3 className="mt-1 text-lg font-semibold">
        <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
      </h3>
      <p className="text-sm text-stone-700">{offer.orgName}</p>
      <p className="mt-2 text-sm">
        <OfferPlace offer={offer} t={t} />
      </p>
      <OfferPay offer={offer} t={t} format={format} />
      <OfferCloses offer={offer} t={t} format={format} />
      <SaveOfferButton offerId={offer.id} title={offer.title} buttons={save} className="mt-auto pt-3" />
    </article>
  );
}

// The pay and the closing date of a card or a search result. They take the page's `t` and
// `format` rather than calling the hooks, so that a long list calls them once.
type LineProps = { offer: OfferCardData; t: TFunction; format: ReturnType<typeof useFormat> };

/** "Kalaban Coro, Koulikoro · CDD": where, and the contract when the type does not already say it. */
export function OfferPlace({ offer, t }: Omit<LineProps, "format">) {
  const place = placeName(offer.commune, t(`region.${offer.region}`));
  const contract = t(`contract.${offer.contract}`);
  return (
    <>
      {place}
      {contract === t(`offerType.${offer.type}`) ? null : ` · ${contract}`}
    </>
  );
}

export function OfferPay({ offer, t, format }: LineProps) {
  if (!offer.payAmount) return null;
  return (
    <p className="text-sm font-semibold">
      {t(`payPeriod.${offer.payPeriod}`, { amount: format.money(offer.payAmount) })}
    </p>
  );
}

export function OfferCloses({ offer, t, format }: LineProps) {
  return (
    <p className="mt-1 text-xs text-stone-600">
      {t("offer.closes", { date: format.date(offer.closingDate, "medium") })}
    </p>
  );
}
