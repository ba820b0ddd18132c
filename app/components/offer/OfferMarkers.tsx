import type { TFunction } from "i18next";
import { addDays, DAY_MS, isoToday } from "~/utils/dates";

/** Published at most this many days ago: "Nouveau". */
const NEW_DAYS = 3;
/** Closing at most this many days from today: "Clôture bientôt". */
const CLOSING_SOON_DAYS = 5;

type Dated = { publishedAt: Date | string | null; closingDate: string };

/** Which markers an offer carries today. */
export function offerMarkers(offer: Dated, now = new Date()) {
  const published = offer.publishedAt === null ? null : new Date(offer.publishedAt).getTime();
  const today = isoToday(now);
  return {
    isNew: published !== null && now.getTime() - published <= NEW_DAYS * DAY_MS,
    closingSoon: offer.closingDate >= today && offer.closingDate <= addDays(today, CLOSING_SOON_DAYS),
  };
}

const MARKER = "inline-block rounded border px-1.5 text-xs font-semibold normal-case tracking-normal";

/** "Nouveau" and "Clôture bientôt" as words in a box (not a colour alone), beside the offer's type. */
export function OfferMarkers({ offer, t }: { offer: Dated; t: TFunction }) {
  const { isNew, closingSoon } = offerMarkers(offer);
  if (!isNew && !closingSoon) return null;
  return (
    <>
      {isNew ? (
        <span className={`${MARKER} border-green-700 bg-green-50 text-green-900`}>{t("saved:markers.new")}</span>
      ) : null}
      {closingSoon ? (
        <span className={`${MARKER} border-amber-700 bg-amber-50 text-amber-900`}>
          {t("saved:markers.closingSoon")}
        </span>
      ) : null}
    </>
  );
}

/** "Emploi · CDD", but "Apprentissage" once when the contract is named as the type. */
export function typeAndContract(t: TFunction, offer: { type: string; contract: string }) {
  const type = t(`common:offerType.${offer.type}`);
  const contract = t(`common:contract.${offer.contract}`);
  return type === contract ? type : `${type} · ${contract}`;
}
