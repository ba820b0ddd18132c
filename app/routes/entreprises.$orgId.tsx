import { data, Link } from "react-router";
import { OfferCard } from "~/components/OfferCard";
import { VerifiedBadge } from "~/components/VerifiedBadge";
import { latestOpenOffers } from "~/models/offers.server";
import { getOrganisation } from "~/models/organisations.server";
import { saveStateFor } from "~/models/saved-offers.server";
import { parseIdParam } from "~/schemas/params";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { placeName } from "~/utils/place";
import { publicUrl } from "~/utils/public-url.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/entreprises.$orgId";

export const handle = { i18n: ["common", "offers", "saved"], scripts: false };

// An employer page lists every open offer; no employer has anywhere near this many.
const MAX_OFFERS = 100;

export async function loader({ request, params }: Route.LoaderArgs) {
  const orgId = parseIdParam(params.orgId);
  const db = getDb();
  const org = orgId === null ? null : getOrganisation(db, orgId);
  // Only verified employers have a public page; partners and the others do not exist for the public.
  if (!org || org.kind !== "employer" || org.verificationStatus !== "verified") throw data(null, { status: 404 });
  const offers = latestOpenOffers(db, MAX_OFFERS, org.id);
  return {
    // Public fields only: registration numbers and contact details stay private.
    org: {
      id: org.id,
      name: org.name,
      sector: org.sector,
      region: org.region,
      commune: org.commune,
      description: org.description,
      membership: org.membership,
    },
    offers,
    url: publicUrl(`/entreprises/${org.id}`),
    save: saveStateFor(
      db,
      await getUser(request),
      offers.map((offer) => offer.id),
    ),
  };
}

export default function EmployerPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("offers");
  const { org, offers, url } = loaderData;
  const place = placeName(org.commune, org.region ? t(`common:region.${org.region}`) : null);
  return (
    <div className="space-y-6">
      <title>{t("organisation.titleTag", { name: org.name })}</title>
      <meta name="description" content={t("organisation.description", { name: org.name })} />
      <link rel="canonical" href={url} />
      <header className="space-y-2">
        <h1 className="text-2xl font-bold break-words sm:text-3xl">{org.name}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <VerifiedBadge label={t("organisation.verified")} />
          <span className="text-sm text-stone-600">{t("organisation.verifiedHelp")}</span>
        </p>
      </header>

      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-3">
        {org.sector ? (
          <div>
            <dt className="text-sm text-stone-600">{t("organisation.sector")}</dt>
            <dd className="font-medium">{t(`common:sector.${org.sector}`)}</dd>
          </div>
        ) : null}
        {place ? (
          <div>
            <dt className="text-sm text-stone-600">{t("organisation.location")}</dt>
            <dd className="font-medium">{place}</dd>
          </div>
        ) : null}
        {org.membership !== "none" ? (
          <div>
            <dt className="text-sm text-stone-600">{t("organisation.membership")}</dt>
            <dd className="font-medium">{t(`organisation.memberships.${org.membership}`)}</dd>
          </div>
        ) : null}
      </dl>

      {org.description ? (
        <section aria-labelledby="org-about">
          <h2 id="org-about" className="text-xl font-semibold">
            {t("organisation.about")}
          </h2>
          <p className="mt-2 whitespace-pre-line break-words">{org.description}</p>
        </section>
      ) : null}

      <section aria-labelledby="org-offers">
        <h2 id="org-offers" className="text-xl font-semibold">
          {t("organisation.openOffers")}{" "}
          <span className="font-normal text-stone-600">
            ({t("organisation.openOffersCount", { count: offers.length })})
          </span>
        </h2>
        {offers.length === 0 ? (
          <p className="mt-2">
            {t("organisation.noOffers")} <Link to="/offres">{t("organisation.allOffers")}</Link>
          </p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {offers.map((offer) => (
              <li key={offer.id}>
                <OfferCard offer={offer} save={loaderData.save} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
