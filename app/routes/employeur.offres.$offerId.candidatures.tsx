import { data, Link } from "react-router";
import { ApplicantProfile, applicantOf } from "~/components/ApplicantProfile";
import { ApplicantsWithheldBoundary, applicantsWithheld } from "~/components/ApplicantsWithheld";
import { listOfferApplications } from "~/models/applicants.server";
import { WAITING_DAYS } from "~/models/lifecycles/application";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { DAY_MS } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../db/enums";
import type { Route } from "./+types/employeur.offres.$offerId.candidatures";

export const handle = { i18n: ["common", "applications"] };

const isStatus = (value: string | null): value is ApplicationStatus =>
  value !== null && (APPLICATION_STATUSES as readonly string[]).includes(value);

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const offerId = parseIdParam(params.offerId);
  // An unknown status in the URL shows every application rather than an error.
  const wanted = new URL(request.url).searchParams.get("statut");
  const status = isStatus(wanted) ? wanted : undefined;
  const found = offerId === null ? null : listOfferApplications(getDb(), user.id, offerId, status);
  if (!found) throw data(null, { status: 404 });
  if (found.withheld) throw applicantsWithheld(found.withheld);
  const now = Date.now();
  const counts = Object.fromEntries(found.counts.map((c) => [c.status, c.n])) as Partial<
    Record<ApplicationStatus, number>
  >;
  return {
    offer: {
      id: found.offer.id,
      title: found.offer.title,
      status: found.offer.status,
      positions: found.offer.positions,
      type: found.offer.type,
    },
    status: status ?? null,
    counts,
    total: found.counts.reduce((sum, c) => sum + c.n, 0),
    applications: found.applications.map((a) => {
      const days = Math.floor((now - a.createdAt.getTime()) / DAY_MS);
      return {
        id: a.id,
        status: a.status,
        createdAt: a.createdAt.toISOString(),
        waitingDays: a.status === "submitted" && days > WAITING_DAYS ? days : null,
        hasCv: a.cvFileId !== null,
        applicant: applicantOf(a, { withContact: false }),
      };
    }),
  };
}

export default function OfferApplications({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  const { offer, status, counts, total, applications } = loaderData;
  const base = `/employeur/offres/${offer.id}/candidatures`;
  const filters: { label: string; count: number; to: string; current: boolean }[] = [
    { label: t("pipeline.all"), count: total, to: base, current: status === null },
    ...APPLICATION_STATUSES.map((s) => ({
      label: t(`common:applicationStatus.${applicationStatusKey(s, offer.type)}`),
      count: counts[s] ?? 0,
      to: `${base}?statut=${s}`,
      current: status === s,
    })),
  ];
  return (
    <section className="space-y-4" aria-labelledby="pipeline-title">
      <title>{`${t("pipeline.titleTag", { title: offer.title })} · Baara`}</title>
      <p>
        <Link to={`/employeur/offres/${offer.id}`}>← {t("pipeline.backToOffer")}</Link>
      </p>
      <h1 id="pipeline-title" className="text-2xl font-bold break-words">
        {t("pipeline.title", { title: offer.title })}
      </h1>
      <p className="text-stone-700">
        {t(`common:offerStatus.${offer.status}`)} ·{" "}
        {t("pipeline.positions", { count: offer.positions, hired: counts.hired ?? 0 })}
      </p>

      <nav aria-label={t("pipeline.filterLabel")}>
        <ul className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <li key={f.to}>
              <Link
                to={f.to}
                aria-current={f.current ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm no-underline ${f.current ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
              >
                {t("pipeline.filter", { label: f.label, count: f.count })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {applications.length === 0 ? (
        <p>{status ? t("pipeline.noneWithStatus") : t("pipeline.none")}</p>
      ) : (
        <ul className="space-y-3">
          {applications.map((a) => (
            <li key={a.id} className="card space-y-2">
              <h2 className="text-lg font-semibold">
                <Link to={`${base}/${a.id}`}>{a.applicant.name}</Link>
              </h2>
              <p className="text-sm text-stone-700">
                <span className="mr-2 rounded bg-stone-200 px-2 py-0.5 font-semibold">
                  {t(`common:applicationStatus.${applicationStatusKey(a.status, offer.type)}`)}
                </span>
                {t("pipeline.sentOn", { date: format.date(a.createdAt, "medium") })}
                {a.hasCv ? ` · ${t("pipeline.withCv")}` : null}
              </p>
              {a.waitingDays !== null ? (
                <p className="text-sm font-semibold text-amber-800">
                  {t("pipeline.waiting", { count: a.waitingDays })}
                </p>
              ) : null}
              <ApplicantProfile applicant={a.applicant} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ApplicantsWithheldBoundary />;
}
