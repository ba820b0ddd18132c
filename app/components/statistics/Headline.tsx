import { TitledSection } from "~/components/TitledSection";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { type Report, useShow, type Value } from "./figures";

export function Headline({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const show = useShow();
  const format = useFormat();
  const p = report.people;
  const of = (key: "ofPeople" | "ofFollowups" | "ofTrainings", population: Value) =>
    typeof population === "number" ? t(key, { n: format.number(population) }) : undefined;
  const items: { key: string; value: string; help?: string }[] = [
    { key: "registered", value: show(p.registered.total) },
    { key: "applications", value: show(p.applications.total) },
    { key: "placements", value: show(p.placements.total) },
    {
      key: "placementRate",
      value: show(p.placementRate.value, "rate"),
      help: of("ofPeople", p.placementRate.population),
    },
    { key: "medianDays", value: show(p.medianDaysToPlacement.value, "days"), help: t("indicators.medianDays.help") },
    { key: "retention3", value: show(p.retention3.value, "rate"), help: of("ofFollowups", p.retention3.population) },
    { key: "retention6", value: show(p.retention6.value, "rate"), help: of("ofFollowups", p.retention6.population) },
    {
      key: "admittedToTraining",
      value: show(p.admittedToTraining.total),
      help: t("indicators.admittedToTraining.help"),
    },
    {
      key: "trainingCompletion",
      value: show(p.trainingCompletion.value, "rate"),
      help: of("ofTrainings", p.trainingCompletion.population),
    },
    { key: "offersPublished", value: format.number(report.market.offersPublished.total) },
    {
      key: "verifiedEmployers",
      value: format.number(report.market.verifiedEmployers),
      help: t("indicators.verifiedEmployers.help"),
    },
  ];
  return (
    <TitledSection id="headline" title={t("headline.heading")} headingClassName="mb-2 text-xl font-semibold">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {items.map((item) => (
          <div key={item.key} className="card">
            <dt className="text-sm text-stone-600">{t(`indicators.${item.key}.title`)}</dt>
            <dd className="text-2xl font-bold">{item.value}</dd>
            {item.help ? <dd className="text-sm text-stone-600">{item.help}</dd> : null}
          </div>
        ))}
      </dl>
    </TitledSection>
  );
}

export function SuppressionNote() {
  const { t } = useTranslation("reports");
  return (
    <aside aria-labelledby="suppression" className="rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
      <h2 id="suppression" className="font-semibold">
        {t("suppression.heading")}
      </h2>
      <p>{t("suppression.small")}</p>
      <p>{t("suppression.hidden")}</p>
      <p>{t("suppression.rates")}</p>
    </aside>
  );
}
