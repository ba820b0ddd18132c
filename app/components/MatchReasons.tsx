import { useTranslation } from "~/utils/translation";

/** A reason of the matching model, as data (app/models/matching.server.ts `MatchReason`). */
export type MatchReasonData =
  | { key: "sameTrade"; trade: string }
  | { key: "skillsInCommon"; count: number }
  | { key: "sameCommune"; commune: string }
  | { key: "sameRegion" }
  | { key: "education"; level: string }
  | { key: "languages"; count: number }
  | { key: "availableNow" }
  | { key: "drivingLicence" };

/** The reasons in words: "même région · 2 compétences en commun · niveau BT". */
export function useReasonText() {
  const { t } = useTranslation("counsellor");
  return (reasons: MatchReasonData[]) =>
    reasons
      .map((reason) => {
        switch (reason.key) {
          case "sameTrade":
            return t("reasons.sameTrade", { trade: t(`common:trade.${reason.trade}`) });
          case "education":
            return t("reasons.education", { level: t(`common:education.${reason.level}`) });
          case "sameCommune":
            return t("reasons.sameCommune", { commune: reason.commune });
          case "skillsInCommon":
          case "languages":
            return t(`reasons.${reason.key}`, { count: reason.count });
          default:
            return t(`reasons.${reason.key}`);
        }
      })
      .join(" · ");
}

export function MatchReasons({ reasons }: { reasons: MatchReasonData[] }) {
  const text = useReasonText();
  return <p className="text-sm text-stone-700">{text(reasons)}</p>;
}
