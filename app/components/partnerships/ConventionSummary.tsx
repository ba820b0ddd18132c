// A convention as it stands (the version in force), read-only: for the counsellor's
// and the employer's partnership pages. Commitments read as sentences.
import { TitledSection } from "~/components/TitledSection";
import type { CommitmentView, ConventionView } from "~/models/conventions-view.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

/** "10 apprentis (Mécanicien auto), Sikasso, 12 mois, jeunes". */
export function useCommitmentText() {
  const { t } = useTranslation("conventions");
  return (c: Omit<CommitmentView, "key">) =>
    [
      t(`people.${c.offerType}`, { count: c.quantity }) + (c.trade ? ` (${t(`common:trade.${c.trade}`)})` : ""),
      c.region ? t(`common:region.${c.region}`) : null,
      c.durationMonths ? t("months", { count: c.durationMonths }) : null,
      c.audience === "all" ? null : t(`audience.${c.audience}`),
    ]
      .filter(Boolean)
      .join(", ");
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="sm:flex sm:gap-3">
      <dt className="font-medium sm:w-44 sm:shrink-0">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ConventionSummary({ convention }: { convention: ConventionView }) {
  const { t } = useTranslation("conventions");
  const format = useFormat();
  const commitmentText = useCommitmentText();
  const { current } = convention;
  return (
    <TitledSection
      id={`convention-${convention.id}`}
      title={t("summary.title", { reference: convention.reference })}
      className="card space-y-4"
    >
      <dl className="space-y-2">
        <Row term={t("summary.company")}>{convention.org.name}</Row>
        <Row term={t("summary.partners")}>{current.partners.map((p) => p.name).join(", ") || "—"}</Row>
        <Row term={t("summary.programme")}>{convention.programme.title}</Row>
        <Row term={t("summary.period")}>
          {t("summary.periodValue", { start: format.date(current.startDate), end: format.date(current.endDate) })}
        </Row>
        <Row term={t("summary.signedOn")}>{format.date(convention.signedOn)}</Row>
        {current.version > 1 ? (
          <Row term={t("summary.version")}>{t("summary.versionValue", { version: current.version })}</Row>
        ) : null}
        <Row term={t("summary.signatories")}>
          <span className="whitespace-pre-line">{current.signatories}</span>
        </Row>
      </dl>
      <div>
        <h3 className="font-semibold">{t("summary.commitments")}</h3>
        <ul className="mt-1 list-disc pl-6">
          {current.commitments.map((c) => (
            <li key={c.key}>{commitmentText(c)}</li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">{t("summary.contributions")}</h3>
        {current.contributions.length === 0 ? (
          <p className="text-stone-700">{t("summary.noContribution")}</p>
        ) : (
          <ul className="mt-1 list-disc pl-6">
            {current.contributions.map((c) => (
              <li key={`${c.partnerId}-${c.description}`}>
                {t("summary.contributionLine", { partner: c.partnerName, description: c.description })}
                {c.amountFcfa !== null ? ` — ${format.money(c.amountFcfa)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
    </TitledSection>
  );
}
