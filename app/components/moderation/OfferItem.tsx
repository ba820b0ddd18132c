import { Link } from "react-router";
import { placeName } from "~/utils/place";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.moderation";
import { Detail, type ItemProps, OfferDecisions } from "./ItemParts";

type PendingOffer = NonNullable<Route.ComponentProps["loaderData"]["offers"]>["items"][number];

export function OfferItem({ offer, errors, values }: ItemProps & { offer: PendingOffer }) {
  const { t } = useTranslation("moderation");
  const titleId = `offer-${offer.id}`;
  const excerpt = offer.excerpt.replace(/\s+/g, " ").trim();
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
        </h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("offers.organisation")}>
            {offer.orgName} ({t(`common:verificationStatus.${offer.orgStatus}`)})
          </Detail>
          <Detail label={t("offers.type")}>{t(`common:offerType.${offer.type}`)}</Detail>
          <Detail label={t("offers.place")}>{placeName(offer.commune, t(`common:region.${offer.region}`))}</Detail>
        </dl>
        {offer.moderationFlags.length > 0 ? (
          <div className="text-sm">
            <p className="font-medium">{t("offers.heldBecause")}</p>
            <ul className="ml-5 list-disc">
              {offer.moderationFlags.map((flag) => (
                <li key={flag}>{t(`flag.${flag}`, { defaultValue: flag })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="whitespace-pre-line border-l-4 border-stone-300 pl-3 text-sm text-stone-700">
          {excerpt}
          {offer.truncated ? "…" : ""}
        </p>
        {offer.orgStatus !== "verified" ? <p className="text-sm text-amber-900">{t("offers.orgNotVerified")}</p> : null}
        <OfferDecisions
          offerId={offer.id}
          plain={{ intent: "offer.publish", label: t("offers.publish"), className: "btn" }}
          withReason={{ intent: "offer.reject", label: t("offers.reject"), className: "btn-secondary" }}
          errors={errors}
          values={values}
        />
      </article>
    </li>
  );
}
