// Every version of a convention, newest first: each amendment with who, when, why and
// what it changed; the signed version last. Read-only.
import { useCommitmentText } from "~/components/partnerships/ConventionSummary";
import { TitledSection } from "~/components/TitledSection";
import type { ConventionView, VersionChange } from "~/models/conventions-view.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

function useChangeText() {
  const { t } = useTranslation("conventions");
  const format = useFormat();
  const commitment = useCommitmentText();
  return (change: VersionChange) => {
    switch (change.kind) {
      case "startDate":
      case "endDate":
        return t(`history.${change.kind}`, { from: format.date(change.from), to: format.date(change.to) });
      case "quantity":
        return t("history.quantity", { commitment: commitment(change.commitment), from: change.from, to: change.to });
      case "commitmentChanged":
        return t("history.commitmentChanged", { from: commitment(change.from), to: commitment(change.to) });
      case "added":
      case "removed":
        return t(`history.${change.kind}`, { commitment: commitment(change.commitment) });
      case "contributions":
        return t("history.contributions");
    }
  };
}

export function ConventionHistory({ convention }: { convention: ConventionView }) {
  const { t } = useTranslation("conventions");
  const format = useFormat();
  const changeText = useChangeText();
  return (
    <TitledSection id={`convention-history-${convention.id}`} title={t("history.title")} className="card space-y-3">
      <ol className="space-y-3">
        {convention.history.map((v) => {
          const name = v.createdByName ?? t("history.someone");
          const date = format.date(v.signedOn);
          return (
            <li key={v.version} className="border-l-4 border-stone-300 pl-3">
              <p className="font-medium">
                {v.version === 1
                  ? t("history.signed", { date, name })
                  : t("history.amendment", {
                      number: v.version - 1,
                      version: v.version,
                      date,
                      name,
                      reason: v.reason ?? "",
                    })}
              </p>
              {v.changes.length > 0 ? (
                <ul className="mt-1 list-disc pl-6 text-stone-800">
                  {v.changes.map((change, i) => (
                    <li key={i}>{changeText(change)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </TitledSection>
  );
}
