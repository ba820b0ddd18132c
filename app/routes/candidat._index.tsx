import { data, Link, redirect } from "react-router";
import { CompletenessBar } from "~/components/CompletenessBar";
import { FlashNotice } from "~/components/Notice";
import { NotificationList } from "~/components/NotificationList";
import { StatList } from "~/components/StatList";
import { candidateDashboard } from "~/models/dashboards.server";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { getOwnProfile, profileCompleteness } from "~/models/profiles.server";
import { savedOfferCounts } from "~/models/saved-offers.server";
import { parseMarkRead } from "~/schemas/notification";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { OPEN_APPLICATION_STATUSES } from "../../db/enums";
import type { Route } from "./+types/candidat._index";

export const handle = { i18n: ["common", "spaces", "candidate", "notifications", "saved"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const db = getDb();
  // Right after signing up and confirming the phone, this page says so.
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      displayName: user.displayName,
      ...candidateDashboard(db, user.id),
      completeness: profileCompleteness(getOwnProfile(db, user.id)),
      notifications: listNotifications(db, user.id, 10),
      saved: savedOfferCounts(db, user.id),
      flash,
    },
    headers,
  );
}

/** "Mark as read": one notification (`notificationId`), or all of them. */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const form = parseMarkRead(await request.formData());
  if (!form) throw data(null, { status: 400 });
  markNotificationsRead(getDb(), user.id, form.ids);
  return redirect("/candidat");
}

export default function CandidateHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("spaces");
  const format = useFormat();
  const { byStatus, latest, completeness, notifications } = loaderData;
  const total = Object.values(byStatus).reduce((sum, n) => sum + (n ?? 0), 0);
  const inProgress = OPEN_APPLICATION_STATUSES.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
  return (
    <div className="space-y-6">
      <title>{`${t("candidate.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">
        {t("candidate.greeting", { name: loaderData.profile?.firstName ?? loaderData.displayName })}
      </h1>
      <FlashNotice flash={loaderData.flash} />
      <nav aria-label={t("candidate:home.linksLabel")} className="flex flex-wrap gap-3">
        <Link to="/offres" className="btn">
          {t("candidate:home.findOffers")}
        </Link>
        <Link to="/candidat/profil" className="btn-secondary">
          {t("candidate:home.profile")}
        </Link>
        <Link to="/candidat/candidatures" className="btn-secondary">
          {t("candidate:home.applications")}
        </Link>
        <Link to="/candidat/alertes" className="btn-secondary">
          {t("candidate:home.alerts")}
        </Link>
        <Link to="/candidat/favoris" className="btn-secondary">
          {t("saved:dashboard.saved", { count: loaderData.saved.total })}
          {loaderData.saved.open < loaderData.saved.total
            ? ` (${t("saved:dashboard.open", { count: loaderData.saved.open })})`
            : null}
        </Link>
        <Link to="/candidat/compte" className="btn-secondary">
          {t("candidate:home.account")}
        </Link>
      </nav>
      {completeness.percent < 100 ? (
        <CompletenessBar percent={completeness.percent} missing={completeness.missing} profileHref="/candidat/profil" />
      ) : null}
      <NotificationList items={notifications} />
      <StatList
        items={[
          { label: t("candidate.applications"), value: total },
          { label: t("candidate.inProgress"), value: inProgress },
          { label: t("candidate.interviews"), value: byStatus.interview ?? 0 },
          { label: t("candidate.hired"), value: byStatus.hired ?? 0 },
        ]}
      />
      <section aria-labelledby="latest-applications">
        <h2 id="latest-applications" className="text-xl font-semibold">
          {t("candidate.latest")}
        </h2>
        {latest.length === 0 ? (
          <p className="mt-2">
            {t("candidate.none")} <Link to="/offres">{t("candidate.findOffers")}</Link>
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {latest.map((application) => (
              <li key={application.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
                <span>
                  <Link to={`/offres/${application.offerId}`} className="font-semibold">
                    {application.offerTitle}
                  </Link>
                  <span className="block text-sm text-stone-600">{application.orgName}</span>
                </span>
                <span className="text-sm">
                  <span className="rounded bg-brand-50 px-2 py-0.5 font-medium">
                    {application.onHold
                      ? t("candidate:applications.onHold")
                      : t(
                          `common:applicationStatus.${applicationStatusKey(application.status, application.offerType)}`,
                        )}
                  </span>{" "}
                  <span className="text-stone-600">{format.date(application.createdAt, "medium")}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
