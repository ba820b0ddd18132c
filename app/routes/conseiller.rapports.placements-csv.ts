// GET /conseiller/rapports/placements.csv: one row per placement of the report's
// period and filters, without names or contacts. A resource route; the model audits it.

import { csvDownloadHeaders, placementsCsv, refusedDownload, type Translate } from "~/models/exports.server";
import { modelFilters, parseReportFilters } from "~/schemas/report-filters";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getLocale, i18nServer } from "~/utils/i18n.server";
import { clientIp } from "~/utils/request.server";
import type { Route } from "./+types/conseiller.rapports.placements-csv";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const query = parseReportFilters(new URL(request.url).searchParams);
  const locale = await getLocale(request);
  const t = (await i18nServer.getFixedT(locale, ["reports", "placements", "common"])) as unknown as Translate;
  if (query.fieldErrors) return refusedDownload(t, Object.values(query.fieldErrors));
  const csv = placementsCsv(getDb(), modelFilters(query), { actorId: user.id, ip: clientIp(context), t, locale });
  return new Response(csv, { headers: csvDownloadHeaders(`baara-placements-${query.from}-${query.to}.csv`) });
}
