import { Form, Link } from "react-router";
import { FormErrorSummary, SelectField } from "~/components/Field";
import { PERIOD_PRESETS, reportSearch } from "~/schemas/report-filters";
import { REGION_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";
import { OFFER_TYPES } from "../../../db/enums";
import { type Data, useLabels } from "./figures";

export function Filters({ data }: { data: Data }) {
  const { t } = useTranslation("reports");
  const labels = useLabels();
  const { query, months, partners } = data;
  const all = t("filters.all");
  return (
    <section aria-labelledby="filters" className="card space-y-3">
      <h2 id="filters" className="text-xl font-semibold">
        {t("filters.heading")}
      </h2>
      <nav aria-label={t("filters.presets")} className="flex flex-wrap gap-2">
        {PERIOD_PRESETS.map((n) => (
          <Link
            key={n}
            to={`?${reportSearch(query, { du: undefined, au: undefined, periode: String(n) })}`}
            className={query.preset === n ? "btn" : "btn-secondary"}
            aria-current={query.preset === n ? "true" : undefined}
          >
            {t("filters.preset", { n })}
          </Link>
        ))}
      </nav>
      <Form method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div className="sm:col-span-2 lg:col-span-3 empty:hidden">
          <FormErrorSummary errors={query.fieldErrors} />
        </div>
        <SelectField
          label={t("filters.from")}
          name="du"
          defaultValue={query.from}
          error={query.fieldErrors?.du}
          options={months.map((m) => ({ value: m, label: labels.longMonth(m) }))}
        />
        <SelectField
          label={t("filters.to")}
          name="au"
          defaultValue={query.to}
          error={query.fieldErrors?.au}
          options={months.map((m) => ({ value: m, label: labels.longMonth(m) }))}
        />
        <SelectField
          label={t("filters.region")}
          hint={t("filters.regionHint")}
          name="region"
          defaultValue={query.region ?? ""}
          placeholder={all}
          options={REGION_CODES.map((r) => ({ value: r, label: t(`common:region.${r}`) }))}
        />
        <SelectField
          label={t("filters.partner")}
          hint={t("filters.partnerHint")}
          name="partenaire"
          defaultValue={query.partnerId ? String(query.partnerId) : ""}
          placeholder={all}
          options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <SelectField
          label={t("filters.offerType")}
          name="type"
          defaultValue={query.offerType ?? ""}
          placeholder={all}
          options={OFFER_TYPES.map((type) => ({ value: type, label: t(`common:offerType.${type}`) }))}
        />
        <div className="flex items-end">
          <button type="submit" className="btn">
            {t("filters.apply")}
          </button>
        </div>
      </Form>
    </section>
  );
}
