import { Link } from "react-router";
import { PageHeading } from "~/components/PageHeading";
import { EmployerPartnershipBadge, useNextStepText } from "~/components/partnerships/EmployerNextStep";
import { listPartnershipsOfMember } from "~/models/employer-partnerships.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { getLocale } from "~/utils/i18n.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur.partenariats._index";

export const handle = { i18n: ["common", "employer-partnerships", "partnerships", "notifications"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const partnerships = listPartnershipsOfMember(getDb(), user.id, await getLocale(request));
  return { partnerships: partnerships.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })) };
}

export default function EmployerPartnerships({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("employer-partnerships");
  const format = useFormat();
  const nextStep = useNextStepText();
  const { partnerships } = loaderData;
  return (
    <section className="space-y-4">
      <PageHeading title={t("list.title")} intro={t("list.intro")} />
      <p>
        <Link to="/partenariats" className="btn-secondary">
          {t("list.discover")}
        </Link>
      </p>
      {partnerships.length === 0 ? (
        <div className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("list.emptyTitle")}</h2>
          <p>{t("list.empty")}</p>
        </div>
      ) : (
        <ul className="space-y-3">
          {partnerships.map((p) => (
            <li key={p.id} className="card space-y-2">
              <h2 className="text-lg font-semibold">
                <Link
                  to={`/employeur/partenariats/${p.id}`}
                  aria-label={t("list.open", { programme: p.programmeTitle })}
                >
                  {p.programmeTitle}
                </Link>
              </h2>
              <p className="text-sm text-stone-700">
                <EmployerPartnershipBadge status={p.status} />{" "}
                {p.reference ? <span className="mr-2">{t("list.convention", { reference: p.reference })}</span> : null}
                {t("list.requestedOn", { date: format.date(p.createdAt, "medium") })}
              </p>
              <p>{nextStep(p)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
