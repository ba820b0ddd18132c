import { OfferCard, type OfferCardData } from "~/components/OfferCard";
import { useTranslation } from "~/utils/translation";
import type { SaveButtons } from "./SaveOfferButton";

/** Up to four open offers like this one, as cards; nothing when there are none. */
export function SimilarOffers({ offers, save }: { offers: OfferCardData[]; save: SaveButtons }) {
  const { t } = useTranslation("saved");
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="similar-offers">
      <h2 id="similar-offers" className="text-xl font-semibold">
        {t("similar.heading")}
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {offers.map((offer) => (
          <li key={offer.id}>
            <OfferCard offer={offer} save={save} />
          </li>
        ))}
      </ul>
    </section>
  );
}
