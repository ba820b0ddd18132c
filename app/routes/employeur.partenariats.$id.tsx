import { data, Link } from "react-router";
import { FlashNotice, Notice } from "~/components/Notice";
import { ConventionHistory } from "~/components/partnerships/ConventionHistory";
import { ConventionResults } from "~/components/partnerships/ConventionResults";
import { ConventionSummary } from "~/components/partnerships/ConventionSummary";
import { EmployerPartnershipBadge, useNextStepText } from "~/components/partnerships/EmployerNextStep";
import { EmployerWithdraw } from "~/components/partnerships/EmployerWithdraw";
import { StepTimeline } from "~/components/partnerships/StepTimeline";
import { TitledSection } from "~/components/TitledSection";
import { conventionResults } from "~/models/convention-results.server";
import { conventionForPartnership } from "~/models/conventions-view.server";
import { partnershipOfMember, withdrawPartnership } from "~/models/employer-partnerships.server";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { getLocale } from "~/utils/i18n.server";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur.partenariats.$id";

export const handle = {
  i18n: ["common", "employer-partnerships", "partnerships", "notifications", "results", "conventions"],
};

/** The partnership id of the URL; anything but a plain number is a 404. */
function partnershipIdOf(params: { id?: string }) {
  const id = parseIdParam(params.id);
  if (id === null) throw data(null, { status: 404 });
  return id;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const partnership = partnershipOfMember(db, user.id, partnershipIdOf(params), await getLocale(request));
  // Another company's partnership, or none: the same 404.
  if (!partnership) throw data(null, { status: 404 });
  const convention = conventionForPartnership(db, partnership.id);
  const results = convention ? conventionResults(db, convention.id) : null;
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      partnership: {
        ...partnership,
        createdAt: partnership.createdAt.toISOString(),
        documents: partnership.documents.map((d) => ({ ...d, addedAt: d.addedAt.toISOString() })),
      },
      convention,
      results,
      flash,
    },
    headers,
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const id = partnershipIdOf(params);
  const form = await request.formData();
  const db = getDb();
  if (!partnershipOfMember(db, user.id, id, "fr")) throw data(null, { status: 404 });
  if (form.get("intent") !== "withdraw") throw data(null, { status: 400 });
  const result = withdrawPartnership(db, user.id, id, clientIp(context));
  if (!result) throw data(null, { status: 404 });
  if (!result.ok) return data({ refused: true }, { status: 409 });
  return redirectWithFlash(`/employeur/partenariats/${id}`, { message: "employer-partnerships:withdraw.done" });
}

export default function EmployerPartnershipPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("employer-partnerships");
  const format = useFormat();
  const nextStep = useNextStepText();
  const { partnership: p, convention, results, flash } = loaderData;
  const { request } = p;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <title>{`${t("detail.title", { programme: p.programmeTitle })} · Baara`}</title>
      <p>
        <Link to="/employeur/partenariats">{t("detail.back")}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{t("detail.title", { programme: p.programmeTitle })}</h1>
        <p className="mt-1 text-stone-700">{t("detail.company", { name: p.orgName })}</p>
      </div>
      <FlashNotice flash={flash} />
      {actionData?.refused ? <Notice tone="error">{t("withdraw.refused")}</Notice> : null}

      <TitledSection id="status" title={t("detail.status")} className="card space-y-2">
        <p>
          <EmployerPartnershipBadge status={p.status} />
        </p>
        <p>{nextStep(p)}</p>
        <h3 className="font-semibold">{t("detail.counsellor")}</h3>
        <p>
          {p.counsellor
            ? p.counsellor.partner
              ? t("detail.counsellorOf", { name: p.counsellor.name, partner: p.counsellor.partner })
              : p.counsellor.name
            : t("detail.noCounsellor")}
        </p>
      </TitledSection>

      <TitledSection id="request" title={t("detail.request")} className="space-y-2">
        <dl className="space-y-2">
          <dt className="font-semibold">{t("detail.need")}</dt>
          <dd className="whitespace-pre-line">{request.need}</dd>
          <dt className="font-semibold">{t("detail.contact")}</dt>
          <dd className="whitespace-pre-line">{request.contact}</dd>
        </dl>
        <p className="text-sm text-stone-700">
          {request.requestedBy
            ? t("detail.requestedBy", { name: request.requestedBy, date: format.date(p.createdAt, "long") })
            : t("detail.requestedOn", { date: format.date(p.createdAt, "long") })}
        </p>
        <p>
          <Link to={`/partenariats/${p.programmeId}`}>{t("detail.programme")}</Link>
        </p>
      </TitledSection>

      <TitledSection id="steps" title={t("detail.steps")} className="space-y-2">
        <p className="text-sm text-stone-700">{t("detail.stepsHint")}</p>
        <StepTimeline steps={p.steps} empty={t("detail.noSteps")} />
      </TitledSection>

      <TitledSection id="documents" title={t("detail.documents")} className="space-y-2">
        {p.documents.length === 0 ? (
          <p>{t("detail.noDocuments")}</p>
        ) : (
          <ul className="space-y-2">
            {p.documents.map((d) => (
              <li key={d.id}>
                <a href={`/fichiers/${d.fileId}`} download className="inline-flex min-h-11 items-center">
                  {t("detail.download", { label: d.label })}
                </a>{" "}
                <span className="text-sm text-stone-600">
                  {t("detail.addedOn", { date: format.date(d.addedAt, "medium") })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </TitledSection>

      {convention ? (
        <>
          <ConventionSummary convention={convention} />
          <ConventionHistory convention={convention} />
        </>
      ) : null}

      {results ? <ConventionResults results={results} /> : null}

      {p.mayWithdraw ? <EmployerWithdraw /> : null}
    </div>
  );
}
