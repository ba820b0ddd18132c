import { useTranslation } from "~/utils/translation";

export type OfferSummary = {
  id: number;
  title: string;
  orgName: string;
  region: string;
  commune: string | null;
};

/** The apply page's heading, naming the offer, its employer and its place in two lines. */
export function OfferHeading({ heading, offer }: { heading: string; offer: OfferSummary }) {
  const { t } = useTranslation("apply");
  const place = [offer.commune, t(`common:region.${offer.region}`)].filter(Boolean).join(", ");
  return (
    <div>
      <h1 id="apply-title" className="text-2xl font-bold break-words">
        {heading}
      </h1>
      <p className="mt-1 text-stone-700">{t("summary", { org: offer.orgName, place })}</p>
    </div>
  );
}
