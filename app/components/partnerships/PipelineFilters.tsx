import { SelectField, TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { RegionField } from "~/components/ReferenceFields";
import { COMPANY_SEARCH_MAX, STATUS_FILTERS } from "~/schemas/partnerships";
import { useTranslation } from "~/utils/translation";
import type { ProgrammeTexts } from "../../../db/enums";
import { programmeTitle } from "./programme-title";

type Query = {
  statut?: string;
  programme?: number;
  conseiller?: string;
  region?: string;
  entreprise?: string;
};

/** The counsellors' filters of the partnerships list (a GET form: works without JavaScript). */
export function PipelineFilters({ q, programmes }: { q: Query; programmes: { id: number; texts: ProgrammeTexts }[] }) {
  const { t, i18n } = useTranslation("partnerships");
  const lists = useTranslation("lists").t;
  const statusLabel = (s: (typeof STATUS_FILTERS)[number]) =>
    s === "open" || s === "overdue" ? t(`list.${s}`) : t(`status.${s}`);
  return (
    <FilterForm
      texts={{ label: t("list.search"), submit: lists("apply"), reset: lists("reset") }}
      resetTo="/conseiller/partenariats"
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
    >
      <TextField
        label={t("list.q")}
        name="entreprise"
        type="search"
        defaultValue={q.entreprise ?? ""}
        maxLength={COMPANY_SEARCH_MAX}
      />
      <SelectField
        label={t("list.status")}
        name="statut"
        defaultValue={q.statut ?? ""}
        placeholder={t("list.anyStatus")}
        options={STATUS_FILTERS.map((s) => ({ value: s, label: statusLabel(s) }))}
      />
      <SelectField
        label={t("list.counsellor")}
        name="conseiller"
        defaultValue={q.conseiller ?? ""}
        placeholder={t("list.everyone")}
        options={[
          { value: "moi", label: t("list.mine") },
          { value: "personne", label: t("list.unassigned") },
        ]}
      />
      <SelectField
        label={t("list.programme")}
        name="programme"
        defaultValue={q.programme ? String(q.programme) : ""}
        placeholder={t("list.anyProgramme")}
        options={programmes.map((p) => ({ value: String(p.id), label: programmeTitle(p.texts, i18n.language) }))}
      />
      <RegionField label={t("list.region")} defaultValue={q.region ?? ""} placeholder={t("list.anyRegion")} />
    </FilterForm>
  );
}
