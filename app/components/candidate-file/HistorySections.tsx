import { Link } from "react-router";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { type CandidateFile, Section } from "./Section";

export function ApplicationsSection({ file }: { file: CandidateFile }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  return (
    <Section id="file-applications" title={t("file.applications")}>
      {file.applications.length === 0 ? <p className="text-stone-700">{t("file.noApplications")}</p> : null}
      <ul className="space-y-3">
        {file.applications.map((application) => (
          <li key={application.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              <Link to={`/offres/${application.offerId}`}>{application.offerTitle}</Link> · {application.orgName}
            </p>
            <p className="text-sm">
              {t(`common:applicationStatus.${applicationStatusKey(application.status, application.offerType)}`)} ·{" "}
              {t(`labels.channel.${application.channel}`)} ·{" "}
              {t("file.sentOn", { date: format.date(application.createdAt, "medium") })}
            </p>
            <details className="text-sm">
              <summary className="cursor-pointer">{t("file.timeline")}</summary>
              <ol className="ml-5 list-decimal">
                {application.timeline.map((event, i) => (
                  <li key={i}>
                    {format.dateTime(event.createdAt)} :{" "}
                    {t(`common:applicationStatus.${applicationStatusKey(event.toStatus, application.offerType)}`)}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function PlacementsSection({
  file,
  trainings,
}: {
  file: CandidateFile;
  /** The formation placements' outcomes, by placement id. */
  trainings: Record<number, { status: string; recordedOn: string | null }>;
}) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  return (
    <Section id="file-placements" title={t("file.placements")}>
      {file.placements.length === 0 ? <p className="text-stone-700">{t("file.noPlacements")}</p> : null}
      <ul className="space-y-3">
        {file.placements.map((placement) => (
          <li key={placement.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              {placement.orgName ?? placement.employerName ?? t("file.outsidePortal")} ·{" "}
              {t(`common:offerType.${placement.type}`)} · {t(`common:contract.${placement.contract}`)}
            </p>
            <p className="text-sm">
              {t("file.startedOn", { date: format.date(placement.startDate) })}
              {placement.endedAt ? ` · ${t("file.endedOn", { date: format.date(placement.endedAt) })}` : ""}
            </p>
            {trainings[placement.id] ? (
              <p className="text-sm font-medium">{t(`training:status.${trainings[placement.id]!.status}`)}</p>
            ) : null}
            <ul className="ml-5 list-disc text-sm">
              {placement.followups.map((f) => (
                <li key={f.id}>
                  {t("file.followup", { months: f.monthsAfter, date: format.date(f.dueDate, "medium") })} :{" "}
                  {f.doneAt
                    ? t(f.stillEmployed ? "file.followupDone" : "file.followupLeft")
                    : t("file.followupPending")}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Section>
  );
}
