import { Form, Link } from "react-router";
import { OfferCard } from "~/components/OfferCard";
import { TitledSection } from "~/components/TitledSection";
import { latestOpenOffers, recentOpenOfferCounts, verifiedEmployerCount } from "~/models/offers.server";
import { saveStateFor } from "~/models/saved-offers.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { REGION_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";
import { OFFER_TYPES } from "../../db/enums";
import type { Route } from "./+types/home";

export const handle = { i18n: ["common", "home", "saved"], scripts: false };

export async function loader({ request }: Route.LoaderArgs) {
  const db = getDb();
  const latest = latestOpenOffers(db, 6);
  return {
    counts: recentOpenOfferCounts(db),
    employers: verifiedEmployerCount(db),
    latest,
    save: saveStateFor(
      db,
      await getUser(request),
      latest.map((offer) => offer.id),
    ),
  };
}

// A figure is one line: its number and what it counts (a link to those offers).
const FIGURE = "inline-flex min-h-11 items-center gap-1.5 rounded-full border border-brand-100 bg-white px-3";

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("home");
  const format = useFormat();
  const { counts, employers, latest } = loaderData;
  return (
    <div className="space-y-6">
      <title>{t("title")}</title>
      <meta name="description" content={t("description")} />
      {/* On a phone: the headline, one search field, then the latest offers within the first screen. */}
      <section aria-labelledby="home-title" className="rounded-xl bg-brand-50 p-4 sm:p-5">
        <h1 id="home-title" className="text-xl font-bold sm:text-3xl">
          {t("headline")}
        </h1>
        <p className="mt-1 text-sm text-stone-800 sm:text-base">{t("lead")}</p>
        <Form method="get" action="/offres" role="search" className="mt-3 flex gap-2">
          <label className="sr-only" htmlFor="home-q">
            {t("searchLabel")}
          </label>
          <input
            id="home-q"
            name="q"
            type="search"
            className="field mt-0 min-w-0 flex-1"
            placeholder={t("searchPlaceholder")}
            maxLength={200}
          />
          {/* Type and region on wide screens; a phone has the figures' links and the search page's filters. */}
          <div className="hidden sm:block">
            <label className="sr-only" htmlFor="home-type">
              {t("typeLabel")}
            </label>
            <select id="home-type" name="type" className="field mt-0" defaultValue="">
              <option value="">{t("allTypes")}</option>
              {OFFER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`common:offerType.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="hidden sm:block">
            <label className="sr-only" htmlFor="home-region">
              {t("regionLabel")}
            </label>
            <select id="home-region" name="region" className="field mt-0" defaultValue="">
              <option value="">{t("allRegions")}</option>
              {REGION_CODES.map((region) => (
                <option key={region} value={region}>
                  {t(`common:region.${region}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">
            {t("search")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="home-latest">
        <div className="flex flex-wrap items-center justify-between gap-x-4">
          <h2 id="home-latest" className="text-xl font-semibold">
            {t("latest")}
          </h2>
          <Link to="/offres" className="inline-flex min-h-11 items-center">
            {t("allOffers")}
          </Link>
        </div>
        {latest.length === 0 ? (
          <p className="mt-2">{t("noOffers")}</p>
        ) : (
          <ul className="mt-1 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {latest.map((offer) => (
              <li key={offer.id}>
                <OfferCard offer={offer} save={loaderData.save} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <TitledSection id="home-figures" title={t("figures")} headingClassName="text-lg font-semibold">
        <ul className="mt-2 flex flex-wrap gap-2">
          {OFFER_TYPES.map((type) => (
            <li key={type}>
              <Link to={`/offres?type=${type}`} className={FIGURE}>
                <span className="font-bold text-ink">{format.number(counts[type])}</span>{" "}
                {t(`openByType.${type}`, { count: counts[type] })}
              </Link>
            </li>
          ))}
          <li className={`${FIGURE} border-stone-300 text-ink`}>
            <span className="font-bold">{format.number(employers)}</span> {t("verifiedEmployers", { count: employers })}
          </li>
        </ul>
      </TitledSection>

      <TitledSection id="home-who" title={t("who")} className="grid gap-3 sm:grid-cols-2" headingClassName="sr-only">
        <div className="card">
          <h3 className="font-semibold">{t("forCandidates.title")}</h3>
          <p className="mt-1 text-sm">{t("forCandidates.body")}</p>
          <Link to="/inscription" className="mt-2 inline-block">
            {t("forCandidates.cta")}
          </Link>
        </div>
        <div className="card">
          <h3 className="font-semibold">{t("forEmployers.title")}</h3>
          <p className="mt-1 text-sm">{t("forEmployers.body")}</p>
          <Link to="/inscription?type=employeur" className="mt-2 inline-block">
            {t("forEmployers.cta")}
          </Link>
          <Link to="/partenariats" className="mt-2 flex min-h-11 items-center">
            {t("forEmployers.programmes")}
          </Link>
        </div>
      </TitledSection>
    </div>
  );
}
