import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { SelectField, TextField } from "~/components/Field";
import { USER_STATUSES, type UserQuery } from "~/schemas/admin";
import { ROLES } from "../../../db/enums";
import { useUsersPageData } from "./users-page";

export function SearchForm({ query }: { query: UserQuery }) {
  const { t } = useTranslation("admin");
  const location = useLocation();
  const { queryMax } = useUsersPageData();
  return (
    <Form
      key={location.search}
      method="get"
      role="search"
      aria-label={t("users.search.label")}
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
      <div className="flex items-end gap-3">
        <button type="submit" className="btn">
          {t("users.search.submit")}
        </button>
        <Link to="/admin/utilisateurs">{t("users.search.reset")}</Link>
      </div>
    </Form>
  );
}
