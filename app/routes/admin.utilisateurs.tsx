import { data } from "react-router";
import { CreateCounsellorForm, CreatedBanner } from "~/components/admin/CounsellorForm";
import { UserRowView } from "~/components/admin/UserRow";
import { SearchForm } from "~/components/admin/UserSearchForm";
import { useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { listPartners } from "~/models/partners.server";
import { changeRole, createCounsellor, searchUsers, setDisabled } from "~/models/users-admin.server";
import { ADMIN_QUERY_MAX, parseUserQuery, type UserQuery, userActionSchema } from "~/schemas/admin";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin.utilisateurs";

export const handle = { i18n: ["common", "admin", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  const admin = await requireRole(request, "admin");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const query = parseUserQuery(params);
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      query,
      me: admin.id,
      flash,
      queryMax: ADMIN_QUERY_MAX,
      ...searchUsers(db, { q: query.q, role: query.role, status: query.statut, page: query.page }),
      partners: listPartners(db).map((p) => ({ id: p.id, name: p.name, shortName: p.shortName })),
    },
    headers,
  );
}

type ActionData =
  | { fieldErrors: FieldErrors; values: FormValues; created?: undefined }
  | {
      created: { name: string; login: string; temporaryPassword: string };
      fieldErrors?: undefined;
      values?: undefined;
    };

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
    if (!result.ok)
      return data<ActionData>({ fieldErrors: result.fieldErrors, values: formValues(formData) }, { status: 400 });
    // Shown once, never in a URL: no redirect.
    const login = counsellor.email ?? formatMaliPhone(counsellor.phone!);
    return data<ActionData>({
      created: { name: result.displayName, login, temporaryPassword: result.temporaryPassword },
    });
  }
  const result =
    input.intent === "role"
      ? changeRole(db, admin.id, input.userId, input.role, ip)
      : setDisabled(db, admin.id, input.userId, input.intent === "disable", ip);
  if (result === null) {
    return data<ActionData>(
      { fieldErrors: { form: "admin:errors.userNotFound" }, values: formValues(formData) },
      { status: 404 },
    );
  }
  if (!result.ok)
    return data<ActionData>({ fieldErrors: { form: result.error }, values: formValues(formData) }, { status: 400 });
  return backTo(request, result.changed ? input.intent : "unchanged");
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const { items, total, page, pageCount, query, flash } = loaderData;
  const rowAction =
    actionData?.values?.intent && actionData.values.intent !== "createCounsellor" ? actionData : undefined;
  const rowShown = rowAction && items.some((u) => String(u.id) === rowAction.values?.userId);
  const pageError =
    rowAction && !rowShown ? (rowAction.fieldErrors?.form ?? Object.values(rowAction.fieldErrors ?? {})[0]) : undefined;

  return (
    <div className="space-y-8">
      <title>{`${t("users.title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("users.title")}</h1>
        <p className="mt-1 text-stone-700">{t("users.intro")}</p>
      </div>
      {actionData ? null : <FlashNotice flash={flash} />}
      {actionData?.created ? <CreatedBanner created={actionData.created} /> : null}
      {pageError ? <Notice tone="error">{errorText(pageError)}</Notice> : null}

      <SearchForm query={query} />

      <section aria-labelledby="users-results" className="space-y-3">
        <h2 id="users-results" className="text-xl font-semibold">
          {t("users.results", { count: total })}
        </h2>
        {items.length === 0 ? (
          <p className="text-stone-700">{t("users.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("users.table.caption")}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">
                    {t("users.table.name")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("users.table.role")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("users.table.organisations")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("users.table.dates")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("users.table.status")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("users.table.actions")}
                  </th>
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
        actionData={actionData?.values?.intent === "createCounsellor" ? actionData : undefined}
      />
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
