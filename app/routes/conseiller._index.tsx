import { data, Link, redirect } from "react-router";
import { waitedText } from "~/components/callbacks/waited";
import { NotificationList } from "~/components/NotificationList";
import { StatList } from "~/components/StatList";
import { TitledSection } from "~/components/TitledSection";
import { counsellorDashboard } from "~/models/dashboards.server";
import { listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { parseMarkRead } from "~/schemas/notification";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller._index";

export const handle = { i18n: ["common", "spaces", "counsellor", "callbacks", "partnerships", "notifications"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const db = getDb();
  const { callbacks, ...figures } = counsellorDashboard(db, user.id);
  const oldestWaitMinutes = callbacks.oldestAt ? (Date.now() - callbacks.oldestAt.getTime()) / 60_000 : null;
  return {
    displayName: user.displayName,
    ...figures,
    callbacks: { count: callbacks.count, oldestWaitMinutes },
    // The daily chores' reminders of overdue partnership steps.
    notifications: listNotifications(db, user.id, 10),
  };
}

/** "Mark as read": one notification (`notificationId`), or all of them. */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const form = parseMarkRead(await request.formData());
  if (!form) throw data(null, { status: 400 });
  markNotificationsRead(getDb(), user.id, form.ids);
  return redirect("/conseiller");
}

// Each figure's label is `counsellor.<key>`, its value the dashboard's `<key>`, and it links
// to the list it counts (the same number of rows).
const FIGURE_GROUPS = [
  {
    id: "moderation-figures",
    heading: "moderation",
    figures: [
      ["pendingOrganisations", "/conseiller/moderation?liste=organisations"],
      ["pendingIdentityChanges", "/conseiller/moderation?liste=identite"],
      ["pendingOffers", "/conseiller/moderation?liste=offres"],
      ["reportedOffers", "/conseiller/moderation?liste=signalements"],
    ],
  },
  {
    id: "follow-figures",
    heading: "follow",
    figures: [
      ["caseload", "/conseiller/candidats?mine=1"],
      ["followupsDue", "/conseiller/placements?vue=suivis"],
    ],
  },
] as const;

export default function CounsellorHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("spaces");
  const d = loaderData;
  return (
    <div className="space-y-6">
      <title>{`${t("counsellor.title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("counsellor.title")}</h1>
        <p className="text-stone-700">
          {d.displayName}
          {d.partnerName ? ` · ${d.partnerName}` : ""}
        </p>
      </div>
      <TitledSection
        id="candidates-links"
        title={t("counsellor:home.candidates")}
        headingClassName="mb-2 text-xl font-semibold"
      >
        <ul className="flex flex-wrap gap-3">
          <li>
            <Link to="/conseiller/candidats?mine=1" className="btn">
              {t("counsellor:home.myCaseload", { count: d.caseload })}
            </Link>
          </li>
          <li>
            <Link to="/conseiller/candidats" className="btn-secondary">
              {t("counsellor:home.allCandidates")}
            </Link>
          </li>
          <li>
            <Link to="/conseiller/candidats/nouveau" className="btn-secondary">
              {t("counsellor:home.register")}
            </Link>
          </li>
        </ul>
      </TitledSection>
      {FIGURE_GROUPS.map((group) => (
        <TitledSection
          key={group.id}
          id={group.id}
          title={t(`counsellor.${group.heading}`)}
          headingClassName="mb-2 text-xl font-semibold"
        >
          <StatList items={group.figures.map(([key, to]) => ({ label: t(`counsellor.${key}`), value: d[key], to }))} />
        </TitledSection>
      ))}
      <TitledSection
        id="partnership-figures"
        title={t("partnerships:dashboard.title")}
        headingClassName="mb-2 text-xl font-semibold"
      >
        <StatList
          items={[
            {
              label: t("partnerships:dashboard.overdueLabel"),
              value: d.partnerships.overdue,
              to: "/conseiller/partenariats?statut=overdue",
            },
            {
              label: t("partnerships:dashboard.requestedLabel"),
              value: d.partnerships.requested,
              to: "/conseiller/partenariats?statut=requested",
            },
          ]}
        />
      </TitledSection>
      <TitledSection
        id="callback-figures"
        title={t("callbacks:dashboard.heading")}
        headingClassName="mb-2 text-xl font-semibold"
      >
        <StatList
          items={[{ label: t("callbacks:dashboard.waiting"), value: d.callbacks.count, to: "/conseiller/rappels" }]}
        />
        {d.callbacks.oldestWaitMinutes === null ? null : (
          <p className="mt-2">
            {t("callbacks:dashboard.oldest", { time: waitedText(t, d.callbacks.oldestWaitMinutes) })}
          </p>
        )}
      </TitledSection>
      <NotificationList items={d.notifications} />
    </div>
  );
}
