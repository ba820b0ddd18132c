import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StatList } from "~/components/StatList";
import { counsellorDashboard } from "~/models/dashboards.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import type { Route } from "./+types/conseiller._index";

export const handle = { i18n: ["common", "spaces", "counsellor"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  return { displayName: user.displayName, ...counsellorDashboard(getDb(), user.id) };
}

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
      <section aria-labelledby="candidates-links">
        <h2 id="candidates-links" className="mb-2 text-xl font-semibold">
          {t("counsellor:home.candidates")}
        </h2>
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
      </section>
      <section aria-labelledby="moderation-figures">
        <h2 id="moderation-figures" className="mb-2 text-xl font-semibold">
          {t("counsellor.moderation")}
        </h2>
        <StatList
          items={[
            { label: t("counsellor.pendingOrganisations"), value: d.pendingOrganisations },
            { label: t("counsellor.pendingIdentityChanges"), value: d.pendingIdentityChanges },
            { label: t("counsellor.pendingOffers"), value: d.pendingOffers },
            { label: t("counsellor.openReports"), value: d.openReports },
          ]}
        />
      </section>
      <section aria-labelledby="follow-figures">
        <h2 id="follow-figures" className="mb-2 text-xl font-semibold">
          {t("counsellor.follow")}
        </h2>
        <StatList
          items={[
            { label: t("counsellor.caseload"), value: d.caseload },
            { label: t("counsellor.followupsDue"), value: d.followupsDue },
          ]}
        />
      </section>
    </div>
  );
}
