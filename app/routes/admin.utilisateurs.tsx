import { useTranslation } from "react-i18next";
import { data, Form, Link, useLoaderData, useLocation } from "react-router";
import type { Route } from "./+types/admin.utilisateurs";
import { FormErrorSummary, SelectField, TextField, useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { listPartners } from "~/models/partners.server";
import { changeRole, createCounsellor, searchUsers, setDisabled } from "~/models/users-admin.server";
import { ADMIN_QUERY_MAX, parseUserQuery, USER_STATUSES, userActionSchema, type UserQuery } from "~/schemas/admin";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { formValues, parseForm, type FieldErrors, type FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";
import { ROLES } from "../../db/enums";

export const handle = { i18n: ["common", "admin", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  const admin = await requireRole(request, "admin");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const query = parseUserQuery(params);
  const { flash, headers } = await readFlash(request);
  return withFlashCleared({
    query,
    me: admin.id,
    flash,
    queryMax: ADMIN_QUERY_MAX,
    ...searchUsers(db, { q: query.q, role: query.role, status: query.statut, page: query.page }),
    partners: listPartners(db).map((p) => ({ id: p.id, name: p.name, shortName: p.shortName })),
  }, headers);
}

type ActionData =
  | { fieldErrors: FieldErrors; values: FormValues; created?: undefined }
  | { created: { name: string; login: string; temporaryPassword: string }; fieldErrors?: undefined; values?: undefined };

/** Back to the same search, saying what was done. */
function backTo(request: Request, done: "role" | "disable" | "enable" | "unchanged") {
  const { search } = new URL(request.url);
  return redirectWithFlash(`/admin/utilisateurs${search}`, { message: `admin:users.done.${done}` });
}

export async function action({ request, context }: Route.ActionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const form = parseForm(userActionSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const db = getDb();
  const ip = clientIp(context);
  const input = form.data;
  if (input.intent === "createCounsellor") {
    const { intent: _intent, ...counsellor } = input;
    const result = await createCounsellor(db, admin.id, counsellor, ip);
    if (!result.ok) return data<ActionData>({ fieldErrors: result.fieldErrors, values: formValues(formData) }, { status: 400 });
    // Shown once, never in a URL: no redirect.
    const login = counsellor.email ?? formatMaliPhone(counsellor.phone!);
    return data<ActionData>({ created: { name: result.displayName, login, temporaryPassword: result.temporaryPassword } });
  }
  const result =
    input.intent === "role"
      ? changeRole(db, admin.id, input.userId, input.role, ip)
      : setDisabled(db, admin.id, input.userId, input.intent === "disable", ip);
  if (result === null) {
    return data<ActionData>({ fieldErrors: { form: "admin:errors.userNotFound" }, values: formValues(formData) }, { status: 404 });
  }
  if (!result.ok) return data<ActionData>({ fieldErrors: { form: result.error }, values: formValues(formData) }, { status: 400 });
  return backTo(request, result.changed ? input.intent : "unchanged");
}

type UserRow = Route.ComponentProps["loaderData"]["items"][number];

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const { items, total, page, pageCount, query, flash } = loaderData;
  const rowAction = actionData?.values?.intent && actionData.values.intent !== "createCounsellor" ? actionData : undefined;
  const rowShown = rowAction && items.some((u) => String(u.id) === rowAction.values?.userId);
  const pageError = rowAction && !rowShown ? rowAction.fieldErrors?.form ?? Object.values(rowAction.fieldErrors ?? {})[0] : undefined;

  return (
    <div className="space-y-8">
      <title>{`${t("users.title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("users.title")}</h1>
        <p className="mt-1 text-stone-700">{t("users.intro")}</p>
      </div>
      {actionData ? null : <FlashNotice flash={flash} />}
      {actionData?.created ? <CreatedBanner created={actionData.created} /> : null}
      {pageError ? (
        <Notice tone="error">{errorText(pageError)}</Notice>
      ) : null}

      <SearchForm query={query} />

      <section aria-labelledby="users-results" className="space-y-3">
        <h2 id="users-results" className="text-xl font-semibold">{t("users.results", { count: total })}</h2>
        {items.length === 0 ? (
          <p className="text-stone-700">{t("users.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("users.table.caption")}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("users.table.name")}</th>
                  <th scope="col" className="p-2">{t("users.table.role")}</th>
                  <th scope="col" className="p-2">{t("users.table.organisations")}</th>
                  <th scope="col" className="p-2">{t("users.table.dates")}</th>
                  <th scope="col" className="p-2">{t("users.table.status")}</th>
                  <th scope="col" className="p-2">{t("users.table.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((user) => (
                  <UserRowView
                    key={user.id}
                    user={user}
                    errors={String(user.id) === rowAction?.values?.userId ? rowAction.fieldErrors : undefined}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => hrefFor(query, n)} />
      </section>

      <CreateCounsellorForm
        key={actionData?.created?.temporaryPassword ?? "form"}
        actionData={actionData?.values?.intent === "createCounsellor" ? actionData : undefined} />
    </div>
  );
}

function hrefFor(query: UserQuery, page: number) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.statut) params.set("statut", query.statut);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/utilisateurs?${search}` : "/admin/utilisateurs";
}

function SearchForm({ query }: { query: UserQuery }) {
  const { t } = useTranslation("admin");
  const location = useLocation();
  const { queryMax } = useLoaderDataOf();
  return (
    <Form key={location.search} method="get" role="search" aria-label={t("users.search.label")} className="card grid gap-3 sm:grid-cols-3">
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
        <button type="submit" className="btn">{t("users.search.submit")}</button>
        <Link to="/admin/utilisateurs">{t("users.search.reset")}</Link>
      </div>
    </Form>
  );
}

const useLoaderDataOf = () => useLoaderData<typeof loader>();

function UserRowView({ user, errors }: { user: UserRow; errors: FieldErrors | undefined }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const errorText = useErrorText();
  const { me } = useLoaderDataOf();
  const busy = useBusy();
  const error = errors && (errors.form ?? errors.userId ?? errors.role ?? errors.intent);
  const name = user.displayName;
  return (
    <tr className="border-b border-stone-200 align-top">
      <th scope="row" className="p-2 font-normal">
        <span className="font-semibold">{name}</span>
        <span className="block text-stone-600">{t("users.number", { id: user.id })}</span>
        {user.phone ? <span className="block">{formatMaliPhone(user.phone)}</span> : null}
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
          {user.lastLoginAt ? t("users.table.lastLogin", { date: format.date(user.lastLoginAt, "medium") }) : t("users.table.neverLoggedIn")}
        </span>
      </td>
      <td className="p-2">{t(`users.status.${user.status}`)}</td>
      <td className="space-y-2 p-2">
        {error ? (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-2 font-semibold text-red-800">
            {errorText(error)}
          </p>
        ) : null}
        {user.id === me ? (
          <p>{t("users.you")}</p>
        ) : user.status === "deleted" ? (
          <p>{t("users.noActions")}</p>
        ) : (
          <>
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="role" />
              <input type="hidden" name="userId" value={user.id} />
              <label className="sr-only" htmlFor={`role-${user.id}`}>{t("users.roleFor", { name })}</label>
              <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="field w-auto">
                {ROLES.map((role) => (
                  <option key={role} value={role}>{t(`common:role.${role}`)}</option>
                ))}
              </select>
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("users.changeRole")} <span className="sr-only">{t("users.changeRoleFor", { name })}</span>
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="userId" value={user.id} />
              {user.status === "disabled" ? (
                <button type="submit" name="intent" value="enable" className="btn-secondary" disabled={busy}>
                  {t("users.enable")} <span className="sr-only">{t("users.accountOf", { name })}</span>
                </button>
              ) : (
                <button type="submit" name="intent" value="disable" className="btn-secondary" disabled={busy} title={t("users.disableHint")}>
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

function CreatedBanner({ created }: { created: { name: string; login: string; temporaryPassword: string } }) {
  const { t } = useTranslation("admin");
  return (
    <div role="status" className="space-y-2 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
      <p className="font-semibold">{t("users.created.title", { name: created.name })}</p>
      <p>{t("users.created.login", { login: created.login })}</p>
      <p>{t("users.created.passwordIntro")}</p>
      <p className="font-mono text-xl font-bold tracking-wider">{created.temporaryPassword}</p>
      <p>{t("users.created.passwordAdvice")}</p>
    </div>
  );
}

function CreateCounsellorForm({ actionData }: { actionData: { fieldErrors?: FieldErrors; values?: FormValues } | undefined }) {
  const { t } = useTranslation("admin");
  const { partners } = useLoaderDataOf();
  const busy = useBusy();
  const errors = actionData?.fieldErrors;
  const values = actionData?.values;
  return (
    <section aria-labelledby="create-counsellor" className="card space-y-3">
      <h2 id="create-counsellor" className="text-xl font-semibold">{t("users.create.heading")}</h2>
      <p className="text-stone-700">{t("users.create.intro")}</p>
      <FormErrorSummary errors={errors} />
      <Form method="post" className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="createCounsellor" />
        <TextField label={t("users.create.firstName")} name="firstName" autoComplete="off" maxLength={60} defaultValue={values?.firstName} error={errors?.firstName} />
        <TextField label={t("users.create.lastName")} name="lastName" autoComplete="off" maxLength={60} defaultValue={values?.lastName} error={errors?.lastName} />
        <TextField label={t("users.create.email")} name="email" type="email" autoComplete="off" defaultValue={values?.email} error={errors?.email} />
        <TextField label={t("users.create.phone")} name="phone" type="tel" autoComplete="off" hint={t("users.create.phoneHint")} defaultValue={values?.phone} error={errors?.phone} />
        <div className="sm:col-span-2">
          <SelectField
            label={t("users.create.partner")}
            name="partnerOrgId"
            placeholder={t("users.create.choosePartner")}
            defaultValue={values?.partnerOrgId ?? ""}
            error={errors?.partnerOrgId}
            options={partners.map((p) => ({ value: String(p.id), label: p.shortName ? `${p.shortName} · ${p.name}` : p.name }))}
          />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>{t("users.create.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
