import { data } from "react-router";
import { PageHeading } from "~/components/PageHeading";
import { Breakdowns } from "~/components/statistics/Breakdowns";
import { Charts } from "~/components/statistics/Charts";
import { Downloads } from "~/components/statistics/Downloads";
import { Filters } from "~/components/statistics/Filters";
import { Headline, SuppressionNote } from "~/components/statistics/Headline";
import { PartnershipResults } from "~/components/statistics/PartnershipResults";
import { partnerOrganisations } from "~/models/indicator-rows.server";
import { computeIndicators } from "~/models/indicators.server";
import { partnershipIndicators } from "~/models/partnership-indicators.server";
import { modelFilters, monthChoices, parseReportFilters, reportSearch } from "~/schemas/report-filters";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.rapports._index";

export const handle = { i18n: ["common", "reports"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  const query = parseReportFilters(new URL(request.url).searchParams);
  const db = getDb();
  const page = {
    query,
    report: computeIndicators(db, modelFilters(query)),
    partnerships: partnershipIndicators(db, modelFilters(query)),
    partners: partnerOrganisations(db),
    months: monthChoices(),
  };
  // A month that does not exist: the last 12 months, with the form saying which field is wrong.
  return query.fieldErrors ? data(page, { status: 400 }) : page;
}

export default function Reports({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("reports");
  const format = useFormat();
  const { report, query } = loaderData;
  return (
    <div className="space-y-8">
      <PageHeading title={t("title")} intro={t("intro")} />
      <Filters data={loaderData} />
      <Downloads search={reportSearch(query)} />
      <p className="font-semibold">
        {t("filters.period", { start: format.date(report.period.start), end: format.date(report.period.end) })}
      </p>
      <Headline report={report} />
      <SuppressionNote />
      <Charts report={report} />
      <Breakdowns report={report} />
      <PartnershipResults results={loaderData.partnerships} />
    </div>
  );
}
