import { SelectField, TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { USER_STATUSES, type UserQuery } from "~/schemas/admin";
import { useTranslation } from "~/utils/translation";
import { ROLES } from "../../../db/enums";
import { useUsersPageData } from "./users-page";

export function SearchForm({ query }: { query: UserQuery }) {
  const { t } = useTranslation("admin");
  const { queryMax } = useUsersPageData();
  return (
    <FilterForm
      texts={{ label: t("users.search.label"), submit: t("users.search.submit"), reset: t("users.search.reset") }}
      resetTo="/admin/utilisateurs"
      className="card grid gap-3 sm:grid-cols-3"
    >
      <div className="sm:col-span-3">
        <TextField label={t("users.search.q")} name="q" type="search" defaultValue={query.q} maxLength={queryMax} />
      </div>
      <SelectField
        label={t("users.search.role")}
        name="role"
        placeholder={t("users.search.allRoles")}
        defaultValue={query.role ?? ""}
        options={ROLES.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
      />
      <SelectField
        label={t("users.search.status")}
        name="statut"
        placeholder={t("users.search.allStatuses")}
        defaultValue={query.statut ?? ""}
        options={USER_STATUSES.map((status) => ({ value: status, label: t(`users.status.${status}`) }))}
      />
    </FilterForm>
  );
}
