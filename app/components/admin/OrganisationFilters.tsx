import { SelectField, TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { RegionField } from "~/components/ReferenceFields";
import { ADMIN_QUERY_MAX } from "~/schemas/admin";
import { ORG_KIND_CHOICES, type OrganisationQuery } from "~/schemas/admin-organisations";
import { useTranslation } from "~/utils/translation";
import { VERIFICATION_STATUSES } from "../../../db/enums";

export function OrganisationFilters({ query }: { query: OrganisationQuery }) {
  const { t } = useTranslation("admin");
  const lists = useTranslation("lists").t;
  return (
    <FilterForm
      texts={{ label: t("partners.filters.label"), submit: lists("apply"), reset: lists("reset") }}
      resetTo="/admin/organisations"
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      buttonsClassName="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4"
    >
      <TextField
        label={t("partners.filters.q")}
        name="q"
        type="search"
        defaultValue={query.q}
        maxLength={ADMIN_QUERY_MAX}
      />
      <SelectField
        label={t("partners.filters.kind")}
        name="type"
        defaultValue={query.type}
        options={ORG_KIND_CHOICES.map((kind) => ({ value: kind, label: t(`partners.filters.kinds.${kind}`) }))}
      />
      <SelectField
        label={t("partners.filters.status")}
        name="statut"
        placeholder={t("partners.filters.anyStatus")}
        defaultValue={query.statut ?? ""}
        options={VERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`common:verificationStatus.${s}`) }))}
      />
      <RegionField
        label={t("partners.fields.region")}
        placeholder={lists("anyRegion")}
        defaultValue={query.region ?? ""}
      />
    </FilterForm>
  );
}
