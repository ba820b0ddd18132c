import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { PartnershipStatus, ProgrammeTexts } from "../../../db/enums";
import { programmeTitle } from "./programme-title";

export type PipelineRow = {
  id: number;
  status: PartnershipStatus;
  nextStepDue: string | null;
  createdAt: Date | string;
  company: string;
  region: string | null;
  programmeTexts: ProgrammeTexts;
  counsellorName: string | null;
  overdue: boolean;
};

/** One card a partnership: readable on a phone, the whole card's title a link to it. */
export function PipelineList({ rows }: { rows: PipelineRow[] }) {
  const { t, i18n } = useTranslation("partnerships");
  const format = useFormat();
  if (rows.length === 0) return <p className="text-stone-700">{t("list.empty")}</p>;
  return (
    <ul className="space-y-3">
      {rows.map((row) => (
        <li key={row.id}>
          <article aria-labelledby={`partnership-${row.id}`} className="card space-y-1">
            <h2 id={`partnership-${row.id}`} className="text-lg font-semibold break-words">
              <Link
                to={`/conseiller/partenariats/${row.id}`}
                className="inline-block min-h-11 py-2"
                aria-label={t("list.open_link", { company: row.company })}
              >
                {row.company}
              </Link>
            </h2>
            <p className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium">
                {t(`status.${row.status}`)}
              </span>
              {row.overdue ? (
                <span className="rounded-full bg-red-100 px-3 py-1 text-sm font-semibold text-red-800">
                  {t("list.overdueBadge")}
                </span>
              ) : null}
            </p>
            <p className="text-sm text-stone-700">
              {programmeTitle(row.programmeTexts, i18n.language)}
              {row.region ? ` · ${t(`common:region.${row.region}`)}` : ""}
            </p>
            <p className="text-sm">
              {t("list.nextStepLine", {
                when: row.nextStepDue
                  ? t("list.dueOn", { date: format.date(row.nextStepDue, "medium") })
                  : t("list.noDue"),
              })}
              {" · "}
              {t("list.counsellorLine", { name: row.counsellorName ?? t("list.nobody") })}
            </p>
            <p className="text-sm text-stone-600">
              {t("list.requestedOn", { date: format.date(row.createdAt, "medium") })}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
