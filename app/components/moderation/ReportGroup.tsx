import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.moderation";
import { Detail, type ItemProps, OfferDecisions } from "./ItemParts";

type ReportedOffer = NonNullable<Route.ComponentProps["loaderData"]["reports"]>["items"][number];

export function ReportGroup({ group, errors, values }: ItemProps & { group: ReportedOffer }) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  const titleId = `reports-${group.offerId}`;
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          <Link to={`/offres/${group.offerId}`}>{group.offerTitle}</Link>
        </h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("reports.organisation")}>{group.orgName}</Detail>
          <Detail label={t("reports.status")}>
            {group.suspendedByReports ? t("reports.suspended") : t(`common:offerStatus.${group.offerStatus}`)}
          </Detail>
        </dl>
        <p className="font-semibold">{t("reports.count", { count: group.reports.length })}</p>
        <ul className="space-y-2 text-sm">
          {group.reports.map((report) => (
            <li key={report.id} className="rounded-md bg-stone-100 p-2">
              <p>
                <strong>{t(`reason.${report.reason}`)}</strong> ·{" "}
                {t("reports.on", { date: format.date(report.createdAt, "medium") })}
              </p>
              <p className="whitespace-pre-line break-words">{report.details ?? t("reports.noDetails")}</p>
            </li>
          ))}
        </ul>
        <OfferDecisions
          offerId={group.offerId}
          plain={{ intent: "reports.dismiss", label: t("reports.dismiss"), className: "btn-secondary" }}
          withReason={{ intent: "reports.suspend", label: t("reports.suspend"), className: "btn" }}
          errors={errors}
          values={values}
        />
      </article>
    </li>
  );
}
