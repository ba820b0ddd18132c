import { Link } from "react-router";
import { IgnoredFilters } from "~/components/lists/IgnoredFilters";
import { PageHeading } from "~/components/PageHeading";
import { Pagination } from "~/components/Pagination";
import { PipelineFilters } from "~/components/partnerships/PipelineFilters";
import { PipelineList } from "~/components/partnerships/PipelineList";
import { listPartnerships, partnershipCounts, programmeChoices } from "~/models/partnerships.server";
import { listHref } from "~/schemas/list-query";
import { parsePartnershipsQuery } from "~/schemas/partnerships";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.partenariats._index";

export const handle = { i18n: ["common", "partnerships", "lists", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const { query: q, ignored } = parsePartnershipsQuery(new URL(request.url).searchParams);
  const db = getDb();
  const today = isoToday();
  const list = listPartnerships(db, {
    status: q.statut,
    programmeId: q.programme,
    counsellor: q.conseiller === "moi" ? "mine" : q.conseiller === "personne" ? "unassigned" : undefined,
    viewerId: user.id,
    region: q.region,
    company: q.entreprise || undefined,
    page: q.page,
    today,
  });
  return {
    q,
    ignored,
    today,
    list,
    counts: partnershipCounts(db, today),
    programmes: programmeChoices(db).map(({ id, texts }) => ({ id, texts })),
  };
}

export default function Partnerships({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("partnerships");
  const { q, list, counts } = loaderData;
  return (
    <div className="space-y-6">
      <PageHeading title={t("list.title")} intro={t("list.intro")} />
      <IgnoredFilters ignored={loaderData.ignored} />
      <PipelineFilters q={q} programmes={loaderData.programmes} />
      <p aria-live="polite" className="font-semibold">
        {t("list.count", { count: list.total })}
        {counts.overdue > 0 ? (
          <>
            {" · "}
            <Link to="/conseiller/partenariats?statut=overdue">
              {t("dashboard.overdue", { count: counts.overdue })}
            </Link>
          </>
        ) : null}
      </p>
      <PipelineList rows={list.rows} />
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(page) => listHref("/conseiller/partenariats", { ...q, page: undefined }, page)}
      />
    </div>
  );
}
