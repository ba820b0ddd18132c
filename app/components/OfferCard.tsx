import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "~/utils/format";

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
  orgName: string;
};

export function OfferCard({ offer }: { offer: OfferCardData }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="card h-full">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{t(`offerType.${offer.type}`)}</p>
      <h3 className="mt-1 text-lg font-semibold">
        <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
      </h3>
      <p className="text-sm text-stone-700">{offer.orgName}</p>
      <p className="mt-2 text-sm">
        {offer.commune ? `${offer.commune}, ` : ""}
        {t(`region.${offer.region}`)} · {t(`contract.${offer.contract}`)}
      </p>
      <OfferPay offer={offer} t={t} format={format} />
      <OfferCloses offer={offer} t={t} format={format} />
    </article>
  );
}

// The pay and the closing date of a card or a search result. They take the page's `t` and
// `format` rather than calling the hooks, so that a long list calls them once.
type LineProps = { offer: OfferCardData; t: TFunction; format: ReturnType<typeof useFormat> };

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
