import { SelectField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { AgeField } from "~/components/lists/AgeField";
import { RegionField } from "~/components/ReferenceFields";
import { type Queue, type QueueQuery, RISK_RULES } from "~/schemas/moderation-queues";
import { useTranslation } from "~/utils/translation";
import { FRAUD_REASONS, OFFER_TYPES } from "../../../db/enums";

/** The shown queue's filters: age for all; region, type and rule for offers; region for organisations; reason for reports. */
export function QueueFilters({ queue, query }: { queue: Queue; query: QueueQuery }) {
  const { t } = useTranslation("moderation");
  const lists = useTranslation("lists").t;
  return (
    <FilterForm
      texts={{ label: lists("filters"), submit: lists("apply"), reset: lists("reset") }}
      resetTo={`/conseiller/moderation?liste=${queue}`}
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      buttonsClassName="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4"
    >
      <input type="hidden" name="liste" value={queue} />
      <AgeField value={query.age} />
      {queue === "organisations" || queue === "offres" ? (
        <RegionField label={t("filters.region")} placeholder={lists("anyRegion")} defaultValue={query.region ?? ""} />
      ) : null}
      {queue === "offres" ? (
        <>
          <SelectField
            label={t("filters.type")}
            name="type"
            placeholder={t("filters.anyType")}
            defaultValue={query.type ?? ""}
            options={OFFER_TYPES.map((type) => ({ value: type, label: t(`common:offerType.${type}`) }))}
          />
          <SelectField
            label={t("filters.rule")}
            name="regle"
            placeholder={t("filters.anyRule")}
            defaultValue={query.regle ?? ""}
            options={RISK_RULES.map((rule) => ({ value: rule, label: t(`filters.rules.${rule}`) }))}
          />
        </>
      ) : null}
      {queue === "signalements" ? (
        <SelectField
          label={t("filters.reason")}
          name="motif"
          placeholder={t("filters.anyReason")}
          defaultValue={query.motif ?? ""}
          options={FRAUD_REASONS.map((reason) => ({ value: reason, label: t(`reason.${reason}`) }))}
        />
      ) : null}
    </FilterForm>
  );
}
