import { Link } from "react-router";
import type { SearchQuery } from "~/schemas/search";
import { useFormat } from "~/utils/format";
import { placeName } from "~/utils/place";
import { MAX_QUERY_LENGTH, searchHref } from "~/utils/search-url";
import { useTranslation } from "~/utils/translation";
import { Notice } from "./Notice";
import { type OfferCardData, OfferCloses, OfferPay } from "./OfferCard";
import { OfferMarkers, typeAndContract } from "./offer/OfferMarkers";
import { offerAnchor, type SaveButtons, SaveOfferButton } from "./offer/SaveOfferButton";

export type SearchResultData = OfferCardData & { excerpt: string };

const KIND_LINE = "flex flex-wrap items-center gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700";

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

type SearchResultsProps = {
  offers: SearchResultData[];
  /** The search, and the words searched instead when those typed found nothing (see searchOffers). */
  query?: Partial<SearchQuery>;
  widenedTo?: string | null;
  /** Each result's save button (see SaveOfferButton). */
  save?: SaveButtons;
};

/**
 * The offers of a result page: what, who, where, pay, until when, and their first
 * lines. One component for the list, so the translation and formatting hooks run
 * once per page rather than once per offer (they dominate the page's render time).
 */
export function SearchResults({ offers, query, widenedTo, save }: SearchResultsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {widenedTo && query?.q ? <WidenedNotice query={query} q={query.q} widenedTo={widenedTo} /> : null}
      <ol className="mt-3 space-y-3">
        {offers.map((offer) => (
          <li key={offer.id}>
            <article id={offerAnchor(offer.id)} className="card">
              <p className={KIND_LINE}>
                <span>{typeAndContract(t, offer)}</span>
                <OfferMarkers offer={offer} t={t} />
              </p>
              <h2 className="mt-1 text-lg font-semibold">
                <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
              </h2>
              <p className="text-sm text-stone-700">
                {offer.orgName} · {placeName(offer.commune, t(`region.${offer.region}`))}
              </p>
              <OfferPay offer={offer} t={t} format={format} />
              <p className="mt-2 text-sm text-stone-800">{offer.excerpt}</p>
              <OfferCloses offer={offer} t={t} format={format} />
              <SaveOfferButton offerId={offer.id} title={offer.title} buttons={save} className="mt-2" />
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}

/** "Results for « mécanicien » — search for « mecanisien » instead": the words in quotes are searched as typed. */
function WidenedNotice({ query, q, widenedTo }: { query: Partial<SearchQuery>; q: string; widenedTo: string }) {
  const { t } = useTranslation("offers");
  return (
    <Notice tone="info" role={null} className="mt-3 break-words">
      <strong>{t("search.widenedTo", { words: widenedTo })}</strong> —{" "}
      <Link
        to={searchHref(query, { q: `"${q.slice(0, MAX_QUERY_LENGTH - 2)}"`, page: undefined })}
        className="inline-flex min-h-11 items-center"
      >
        {t("search.searchAsTyped", { q: shorten(q, 60) })}
      </Link>
    </Notice>
  );
}
