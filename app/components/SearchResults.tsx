import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { type OfferCardData, OfferCloses, OfferPay } from "./OfferCard";

export type SearchResultData = OfferCardData & { excerpt: string };

/**
 * The offers of a result page: what, who, where, pay, until when, and their first
 * lines. One component for the list, so the translation and formatting hooks run
 * once per page rather than once per offer (they dominate the page's render time).
 */
export function SearchResults({ offers }: { offers: SearchResultData[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="mt-3 space-y-3">
      {offers.map((offer) => (
        <li key={offer.id}>
          <article className="card">
            <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
              {t(`offerType.${offer.type}`)} · {t(`contract.${offer.contract}`)}
            </p>
            <h2 className="mt-1 text-lg font-semibold">
              <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
            </h2>
            <p className="text-sm text-stone-700">
              {offer.orgName} · {offer.commune ? `${offer.commune}, ` : ""}
              {t(`region.${offer.region}`)}
            </p>
            <OfferPay offer={offer} t={t} format={format} />
            <p className="mt-2 text-sm text-stone-800">{offer.excerpt}</p>
            <OfferCloses offer={offer} t={t} format={format} />
          </article>
        </li>
      ))}
    </ol>
  );
}
