import { Form } from "react-router";
import { useErrorText } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { PhoneNumber } from "~/components/PhoneNumber";
import { userActionsFor } from "~/models/lifecycles/user";
import { useFormat } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { ROLES } from "../../../db/enums";
import { type UserRow, useUsersPageData } from "./users-page";

export function UserRowView({ user, errors }: { user: UserRow; errors: FieldErrors | undefined }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const errorText = useErrorText();
  const { me } = useUsersPageData();
  const busy = useBusy();
  const error = errors && (errors.form ?? errors.userId ?? errors.role ?? errors.intent);
  const name = user.displayName;
  // A deleted account has no moves left: nothing to offer, not even a role.
  const moves = userActionsFor(user.status, "admin");
  return (
    <tr className="border-b border-stone-200 align-top">
      <th scope="row" className="p-2 font-normal">
        <span className="font-semibold">{name}</span>
        <span className="block text-stone-600">{t("users.number", { id: user.id })}</span>
        {user.phone ? (
          <span className="block">
            <PhoneNumber phone={user.phone} />
          </span>
        ) : null}
        {user.email ? <span className="block break-all">{user.email}</span> : null}
      </th>
      <td className="p-2">{t(`common:role.${user.role}`)}</td>
      <td className="p-2">
        {user.organisations.map((org) => (
          <span key={org.id} className="block">
            {org.shortName ?? org.name} <span className="text-stone-600">({t(`common:orgKind.${org.kind}`)})</span>
          </span>
        ))}
      </td>
      <td className="p-2">
        <span className="block">{t("users.table.created", { date: format.date(user.createdAt, "medium") })}</span>
        <span className="block text-stone-600">
          {user.lastLoginAt
            ? t("users.table.lastLogin", { date: format.date(user.lastLoginAt, "medium") })
            : t("users.table.neverLoggedIn")}
        </span>
      </td>
      <td className="p-2">{t(`users.status.${user.status}`)}</td>
      <td className="space-y-2 p-2">
        {error ? (
          <Notice tone="error" compact>
            {errorText(error)}
          </Notice>
        ) : null}
        {user.id === me ? (
          <p>{t("users.you")}</p>
        ) : moves.length === 0 ? (
          <p>{t("users.noActions")}</p>
        ) : (
          <>
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="role" />
              <input type="hidden" name="userId" value={user.id} />
              <label className="sr-only" htmlFor={`role-${user.id}`}>
                {t("users.roleFor", { name })}
              </label>
              <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="field w-auto">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`common:role.${role}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("users.changeRole")} <span className="sr-only">{t("users.changeRoleFor", { name })}</span>
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="userId" value={user.id} />
              {moves.includes("enable") ? (
                <button type="submit" name="intent" value="enable" className="btn-secondary" disabled={busy}>
                  {t("users.enable")} <span className="sr-only">{t("users.accountOf", { name })}</span>
                </button>
              ) : (
                <button
                  type="submit"
                  name="intent"
                  value="disable"
                  className="btn-secondary"
                  disabled={busy}
                  title={t("users.disableHint")}
                >
                  {t("users.disable")} <span className="sr-only">{t("users.accountOf", { name })}</span>
                </button>
              )}
            </Form>
          </>
        )}
      </td>
    </tr>
  );
}
