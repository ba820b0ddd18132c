import { data, Link } from "react-router";
import { FlashNotice, Notice } from "~/components/Notice";
import { ConventionHistory } from "~/components/partnerships/ConventionHistory";
import { ConventionResults } from "~/components/partnerships/ConventionResults";
import { ConventionSummary } from "~/components/partnerships/ConventionSummary";
import { PartnershipDocuments } from "~/components/partnerships/PartnershipDocuments";
import { PartnershipMoves } from "~/components/partnerships/PartnershipMoves";
import {
  PartnershipCounsellor,
  PartnershipNextStep,
  PartnershipNote,
  PartnershipRequest,
  PartnershipTimeline,
} from "~/components/partnerships/PartnershipSections";
import { conventionResults } from "~/models/convention-results.server";
import { conventionForPartnership } from "~/models/conventions-view.server";
import { partnershipActionsFor } from "~/models/lifecycles/partnership";
import { runPartnershipPageAction } from "~/models/partnership-page-actions.server";
import { counsellorChoices, getPartnershipForStaff } from "~/models/partnerships.server";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.partenariats.$id";

export const handle = { i18n: ["common", "partnerships", "conventions", "results"] };

/** The convention may be amended while it is in force. */
const AMENDABLE = ["signed", "active"];

const staffRole = (role: "conseiller" | "admin") => (role === "admin" ? "admin" : "counsellor");

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const id = parseIdParam(params.id);
  const db = getDb();
  const partnership = id === null ? null : getPartnershipForStaff(db, id);
  if (!partnership) throw data(null, { status: 404 });
  const { flash, headers } = await readFlash(request);
  const convention = conventionForPartnership(db, partnership.partnership.id);
  return withFlashCleared(
    {
      partnership,
      convention,
      results: convention ? conventionResults(db, convention.id) : null,
      viewer: { id: user.id, role: user.role },
      today: isoToday(),
      moves: partnershipActionsFor(partnership.partnership.status, staffRole(user.role)),
      counsellors: counsellorChoices(db),
      flash,
    },
    headers,
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const id = parseIdParam(params.id);
  if (id === null) throw data(null, { status: 404 });
  const result = await runPartnershipPageAction(getDb(), request, id, {
    userId: user.id,
    role: staffRole(user.role),
    ip: clientIp(context),
  });
  if (!result.ok) return data(result.refused, { status: result.status });
  return redirectWithFlash(`/conseiller/partenariats/${id}${result.anchor}`, result.flash);
}

export default function PartnershipPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("partnerships");
  const { partnership: p, convention, results, flash } = loaderData;
  const title = t("detail.title", { company: p.org.name });
  return (
    <div className="space-y-6">
      <title>{`${title} · Baara`}</title>
      <p>
        <Link to="/conseiller/partenariats">← {t("detail.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold break-words sm:text-3xl">{title}</h1>
      {actionData?.formError ? <Notice tone="error">{t(actionData.formError)}</Notice> : null}
      <FlashNotice flash={flash} />
      <PartnershipRequest partnership={p} />
      <PartnershipCounsellor
        partnership={p}
        viewer={loaderData.viewer}
        counsellors={loaderData.counsellors}
        refused={actionData}
      />
      <PartnershipNextStep partnership={p} today={loaderData.today} refused={actionData} />
      <PartnershipMoves partnership={p} moves={loaderData.moves} today={loaderData.today} refused={actionData} />
      {convention ? (
        <>
          <ConventionSummary convention={convention} />
          {AMENDABLE.includes(p.partnership.status) ? (
            <p>
              <Link to={`/conseiller/partenariats/${p.partnership.id}/convention`} className="btn-secondary">
                {t("detail.amend")}
              </Link>
            </p>
          ) : null}
          {results ? <ConventionResults results={results} /> : null}
          <ConventionHistory convention={convention} />
        </>
      ) : null}
      <PartnershipTimeline events={p.events} />
      <PartnershipNote refused={actionData} />
      <PartnershipDocuments documents={p.documents} refused={actionData} />
    </div>
  );
}
