import { data, Link, redirect } from "react-router";
import { FlashNotice } from "~/components/Notice";
import { NotificationList } from "~/components/NotificationList";
import { EmployerPartnershipsCard } from "~/components/partnerships/EmployerPartnershipsCard";
import { StatList } from "~/components/StatList";
import { waitingApplications } from "~/models/applicants.server";
import { employerDashboard } from "~/models/dashboards.server";
import { partnershipsForDashboard } from "~/models/employer-partnerships.server";
import { WAITING_DAYS } from "~/models/lifecycles/application";
import { listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { parseMarkRead } from "~/schemas/notification";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { getLocale } from "~/utils/i18n.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur._index";

export const handle = {
  i18n: ["common", "spaces", "employer", "notifications", "applications", "employer-partnerships", "partnerships"],
};

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const dashboard = employerDashboard(db, user.id);
  const waiting = waitingApplications(
    db,
    dashboard.orgs.map((o) => o.id),
  ).map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }));
  // Right after signing up and confirming the phone, this page says so.
  const { flash, headers } = await readFlash(request);
  const partnerships = partnershipsForDashboard(db, user.id, await getLocale(request));
  return withFlashCleared(
    { ...dashboard, waiting, partnerships, notifications: listNotifications(db, user.id, 10), flash },
    headers,
  );
}

/** "Mark as read": one notification (`notificationId`), or all of them. */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const form = parseMarkRead(await request.formData());
  if (!form) throw data(null, { status: 400 });
  markNotificationsRead(getDb(), user.id, form.ids);
  return redirect("/employeur");
}

const WAITING_SHOWN = 20;

const STATUS_STYLE: Record<string, string> = {
  verified: "bg-green-100 text-green-900",
  pending: "bg-amber-100 text-amber-900",
  rejected: "bg-red-100 text-red-900",
  suspended: "bg-red-100 text-red-900",
};

export default function EmployerHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("spaces");
  const format = useFormat();
  const { orgs, offersByStatus, applicationsByStatus, latestOffers, notifications, waiting, partnerships } = loaderData;
  const org = orgs[0];
  return (
    <div className="space-y-6">
      <title>{`${t("employer.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{org ? org.name : t("employer.title")}</h1>
      <FlashNotice flash={loaderData.flash} />
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
          {
            label: t("employer.applications"),
            value: Object.values(applicationsByStatus).reduce((s, n) => s + (n ?? 0), 0),
          },
          { label: t("employer.toAnswer"), value: applicationsByStatus.submitted ?? 0 },
        ]}
      />
      {orgs.length > 0 ? (
        <p className="flex flex-wrap gap-3">
          <Link to="/employeur/offres/nouvelle" className="btn">
            {t("employer:dashboard.newOffer")}
          </Link>
          <Link to="/employeur/offres" className="btn-secondary">
            {t("employer:dashboard.allOffers")}
          </Link>
          <Link to="/employeur/organisation" className="btn-secondary">
            {t("employer:dashboard.organisation")}
          </Link>
        </p>
      ) : null}
      <WaitingApplications items={waiting} />
      {orgs.length > 0 ? <EmployerPartnershipsCard items={partnerships} /> : null}
      <NotificationList items={notifications} />
      <section aria-labelledby="employer-offers">
        <h2 id="employer-offers" className="text-xl font-semibold">
          {t("employer.latestOffers")}
        </h2>
        {latestOffers.length === 0 ? (
          <p className="mt-2">{t("employer.noOffers")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {latestOffers.map((offer) => (
              <li key={offer.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
                <span>
                  <Link to={`/employeur/offres/${offer.id}`} className="font-semibold">
                    {offer.title}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {t(`common:offerStatus.${offer.status}`)} ·{" "}
                    {t("employer.closes", { date: format.date(offer.closingDate, "medium") })}
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

/** Applications unanswered for more than WAITING_DAYS days: nobody should wait without news. */
function WaitingApplications({
  items,
}: {
  items: { id: number; offerId: number; offerTitle: string; displayName: string; createdAt: string }[];
}) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  if (items.length === 0) return null;
  const shown = items.slice(0, WAITING_SHOWN);
  return (
    <section aria-labelledby="waiting-applications" className="rounded-lg border border-amber-600 bg-amber-50 p-4">
      <h2 id="waiting-applications" className="text-xl font-semibold">
        {t("dashboard.waitingTitle", { days: WAITING_DAYS })}{" "}
        <span className="text-base font-normal">({t("dashboard.waitingCount", { count: items.length })})</span>
      </h2>
      <p className="mt-1 text-stone-700">{t("dashboard.waitingHint")}</p>
      <ul className="mt-2 space-y-1">
        {shown.map((a) => (
          <li key={a.id}>
            <Link to={`/employeur/offres/${a.offerId}/candidatures/${a.id}`}>
              {t("dashboard.waitingItem", { name: a.displayName, title: a.offerTitle })}
            </Link>{" "}
            <span className="text-sm text-stone-600">
              {t("dashboard.waitingSince", { date: format.date(a.createdAt, "medium") })}
            </span>
          </li>
        ))}
      </ul>
      {items.length > shown.length ? (
        <p className="mt-2 text-sm">{t("dashboard.waitingMore", { count: items.length - shown.length })}</p>
      ) : null}
    </section>
  );
}
