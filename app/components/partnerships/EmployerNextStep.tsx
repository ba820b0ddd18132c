import { OPEN_PARTNERSHIP_STATUSES } from "~/models/lifecycles/partnership";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { PartnershipDeclineReason, PartnershipStatus } from "../../../db/enums";

export type NextStepOf = {
  status: PartnershipStatus;
  nextStepDue: string | null;
  declineReason: PartnershipDeclineReason | null;
  counsellor: { name: string; partner: string | null } | null;
};

/** What happens next for the company, in plain words ("Awa, your counsellor (OIM), will call you by 12 Dec"). */
export function useNextStepText() {
  const { t } = useTranslation("employer-partnerships");
  const format = useFormat();
  return ({ status, nextStepDue, declineReason, counsellor }: NextStepOf) => {
    const date = nextStepDue ? format.date(nextStepDue, "long") : "";
    if (status === "declined") {
      return declineReason
        ? t("next.declined", { reason: t(`notifications:partnership.reason.${declineReason}`) })
        : t("next.declinedNoReason");
    }
    // A counsellor may clear the date; an open step then has no day to promise.
    if (!nextStepDue && OPEN_PARTNERSHIP_STATUSES.includes(status)) return t("next.noDate");
    if (status === "requested" && counsellor) {
      const key = counsellor.partner ? "next.requestedByOf" : "next.requestedBy";
      return t(key, { name: counsellor.name, partner: counsellor.partner, date });
    }
    return t(`next.${status}`, { date });
  };
}

const BADGE: Record<PartnershipStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  contacted: "bg-amber-100 text-amber-900",
  meeting_held: "bg-amber-100 text-amber-900",
  documents_received: "bg-amber-100 text-amber-900",
  signed: "bg-green-100 text-green-900",
  active: "bg-green-100 text-green-900",
  closed: "bg-stone-200 text-stone-900",
  declined: "bg-red-100 text-red-900",
};

export function EmployerPartnershipBadge({ status }: { status: PartnershipStatus }) {
  const { t } = useTranslation("partnerships");
  return <span className={`rounded px-2 py-0.5 text-sm font-semibold ${BADGE[status]}`}>{t(`status.${status}`)}</span>;
}
