import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/employeur._index";
import { StatList } from "~/components/StatList";
import { employerDashboard } from "~/models/dashboards.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";

export const handle = { i18n: ["common", "spaces"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  return employerDashboard(getDb(), user.id);
}

const STATUS_STYLE: Record<string, string> = {
  verified: "bg-green-100 text-green-900",
  pending: "bg-amber-100 text-amber-900",
  rejected: "bg-red-100 text-red-900",
  suspended: "bg-red-100 text-red-900",
};

export default function EmployerHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("spaces");
  const format = useFormat();
  const { orgs, offersByStatus, applicationsByStatus, latestOffers } = loaderData;
  const org = orgs[0];
  return (
    <div className="space-y-6">
      <title>{`${t("employer.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{org ? org.name : t("employer.title")}</h1>
      {orgs.length === 0 ? <p>{t("employer.noOrganisation")}</p> : null}
      {orgs.map((o) => (
        <section key={o.id} className="card" aria-label={o.name}>
          <p>
            {orgs.length > 1 ? <strong className="mr-2">{o.name}</strong> : null}
            {t("employer.verification")}{" "}
            <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_STYLE[o.verificationStatus]}`}>
              {t(`common:verificationStatus.${o.verificationStatus}`)}
            </span>
          </p>
          <p className="mt-2 text-stone-700">{t(`employer.verificationHelp.${o.verificationStatus}`)}</p>
          {o.verificationReason ? (
            <p className="mt-1 text-stone-700">{t("employer.reason", { reason: o.verificationReason })}</p>
          ) : null}
        </section>
      ))}
      <StatList
        items={[
          { label: t("employer.publishedOffers"), value: offersByStatus.published ?? 0 },
          { label: t("employer.draftOffers"), value: (offersByStatus.draft ?? 0) + (offersByStatus.pending ?? 0) },
          { label: t("employer.applications"), value: Object.values(applicationsByStatus).reduce((s, n) => s + (n ?? 0), 0) },
          { label: t("employer.toAnswer"), value: applicationsByStatus.submitted ?? 0 },
        ]}
      />
      <section aria-labelledby="employer-offers">
        <h2 id="employer-offers" className="text-xl font-semibold">{t("employer.latestOffers")}</h2>
        {latestOffers.length === 0 ? (
          <p className="mt-2">{t("employer.noOffers")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {latestOffers.map((offer) => (
              <li key={offer.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
                <span>
                  {offer.status === "published" ? <Link to={`/offres/${offer.id}`} className="font-semibold">{offer.title}</Link> : <span className="font-semibold">{offer.title}</span>}
                  <span className="block text-sm text-stone-600">
                    {t(`common:offerStatus.${offer.status}`)} · {t("employer.closes", { date: format.date(offer.closingDate, "medium") })}
                  </span>
                </span>
                <span className="text-sm">{t("employer.applicants", { count: offer.applicants })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
