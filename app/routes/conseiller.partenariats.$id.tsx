import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { FlashNotice, Notice } from "~/components/Notice";
import { PartnershipDocuments } from "~/components/partnerships/PartnershipDocuments";
import { PartnershipMoves } from "~/components/partnerships/PartnershipMoves";
import {
  PartnershipCounsellor,
  PartnershipNextStep,
  PartnershipNote,
  PartnershipRequest,
  PartnershipTimeline,
} from "~/components/partnerships/PartnershipSections";
import { partnershipActionsFor } from "~/models/lifecycles/partnership";
import { runPartnershipPageAction } from "~/models/partnership-page-actions.server";
import { counsellorChoices, getPartnershipForStaff } from "~/models/partnerships.server";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { clientIp } from "~/utils/request.server";
import type { Route } from "./+types/conseiller.partenariats.$id";

export const handle = { i18n: ["common", "partnerships", "conventions"] };

const staffRole = (role: "conseiller" | "admin") => (role === "admin" ? "admin" : "counsellor");

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const id = parseIdParam(params.id);
  const db = getDb();
  const partnership = id === null ? null : getPartnershipForStaff(db, id);
  if (!partnership) throw data(null, { status: 404 });
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      partnership,
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
  const { partnership: p, flash } = loaderData;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/conseiller/partenariats">← {t("detail.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold break-words sm:text-3xl">{t("detail.title", { company: p.org.name })}</h1>
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
      {/* The convention (its summary, history and results) goes here once the partnership has one. */}
      <PartnershipTimeline events={p.events} />
      <PartnershipNote refused={actionData} />
      <PartnershipDocuments documents={p.documents} refused={actionData} />
    </div>
  );
}
