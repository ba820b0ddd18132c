import { useLoaderData } from "react-router";
import { SelectField, TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { Pagination } from "~/components/Pagination";
import { ScrollRegion } from "~/components/ScrollRegion";
import { auditActions, searchAudit } from "~/models/audit-search.server";
import { ADMIN_QUERY_MAX, type AuditQuery, parseAuditQuery } from "~/schemas/admin";
import { requireRole } from "~/utils/auth.server";
import { DAY_MS } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin.journal";

export const handle = { i18n: ["common", "admin", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const query = parseAuditQuery(params);
  // The dashboard's sign-in figures link here with `depuis=24h`: the lines of the last 24 hours.
  const lastDay = params.get("depuis") === "24h";
  return {
    query,
    lastDay,
    queryMax: ADMIN_QUERY_MAX,
    actions: auditActions(db),
    ...searchAudit(db, {
      actor: query.acteur,
      action: query.action,
      from: query.du,
      to: query.au,
      after: lastDay ? new Date(Date.now() - DAY_MS) : undefined,
      page: query.page,
    }),
  };
}

function hrefFor(query: AuditQuery, page: number, lastDay: boolean) {
  const params = new URLSearchParams();
  if (lastDay) params.set("depuis", "24h");
  if (query.acteur) params.set("acteur", query.acteur);
  if (query.action) params.set("action", query.action);
  if (query.du) params.set("du", query.du);
  if (query.au) params.set("au", query.au);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/journal?${search}` : "/admin/journal";
}

/** The words for a code of the log (`auth.login` → "Connexion"), or null for a code this page does not know. */
function useLabels() {
  const { i18n } = useTranslation("admin");
  const lookup = (key: string) => {
    const value: unknown = i18n.getResource(i18n.language, "admin", key);
    return typeof value === "string" ? value : null;
  };
  return {
    action: (code: string) => lookup(`actions.${code}`),
    subjectType: (code: string) => lookup(`subjectType.${code}`) ?? code,
  };
}

export default function AuditJournal({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const labels = useLabels();
  const { items, total, page, pageCount, query, lastDay } = loaderData;
  return (
    <div className="space-y-8">
      <title>{`${t("journal.title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("journal.title")}</h1>
        <p className="mt-1 text-stone-700">{t("journal.intro")}</p>
      </div>

      <Filters query={query} />
      {lastDay ? <p className="text-stone-700">{t("journal.lastDay")}</p> : null}

      <section aria-labelledby="journal-results" className="space-y-3">
        <h2 id="journal-results" className="text-xl font-semibold">
          {t("journal.results", { count: total })}
        </h2>
        {items.length === 0 ? (
          <p className="text-stone-700">{t("journal.none")}</p>
        ) : (
          <ScrollRegion label={t("journal.table.caption")}>
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("journal.table.caption")}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">
                    {t("journal.table.time")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("journal.table.actor")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("journal.table.action")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("journal.table.subject")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("journal.table.ip")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((line) => {
                  const label = labels.action(line.action);
                  return (
                    <tr key={line.id} className="border-b border-stone-200 align-top">
                      <td className="whitespace-nowrap p-2">
                        <time dateTime={new Date(line.createdAt).toISOString()}>{format.dateTime(line.createdAt)}</time>
                      </td>
                      <td className="p-2">
                        {line.actorId === null ? (
                          <span className="text-stone-600">{t("journal.system")}</span>
                        ) : (
                          <>
                            <span className="block">{line.actorName}</span>
                            <span className="block text-stone-600">
                              {t("journal.accountNumber", { id: line.actorId })}
                            </span>
                          </>
                        )}
                      </td>
                      <td className="p-2">
                        {label ? <span className="block">{label}</span> : null}
                        <code className="block text-xs text-stone-600">{line.action}</code>
                      </td>
                      <td className="break-all p-2">
                        {line.subjectType
                          ? t("journal.subject", {
                              type: labels.subjectType(line.subjectType),
                              id: line.subjectId ?? "—",
                            })
                          : "—"}
                      </td>
                      <td className="p-2 font-mono text-xs">{line.ip ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => hrefFor(query, n, lastDay)} />
      </section>
    </div>
  );
}

function Filters({ query }: { query: AuditQuery }) {
  const { t } = useTranslation("admin");
  const labels = useLabels();
  const { actions, queryMax } = useLoaderDataOf();
  return (
    <FilterForm
      texts={{
        label: t("journal.filters.label"),
        submit: t("journal.filters.submit"),
        reset: t("journal.filters.reset"),
      }}
      resetTo="/admin/journal"
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      buttonsClassName="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4"
    >
      <TextField
        label={t("journal.filters.actor")}
        name="acteur"
        hint={t("journal.filters.actorHint")}
        defaultValue={query.acteur}
        maxLength={queryMax}
      />
      <SelectField
        label={t("journal.filters.action")}
        name="action"
        placeholder={t("journal.filters.allActions")}
        defaultValue={query.action ?? ""}
        options={actions.map((code) => {
          const label = labels.action(code);
          return { value: code, label: label ? `${label} (${code})` : code };
        })}
      />
      <TextField label={t("journal.filters.from")} name="du" type="date" defaultValue={query.du ?? ""} />
      <TextField label={t("journal.filters.to")} name="au" type="date" defaultValue={query.au ?? ""} />
    </FilterForm>
  );
}

const useLoaderDataOf = () => useLoaderData<typeof loader>();
