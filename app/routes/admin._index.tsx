import type { ReactNode } from "react";
import { Link } from "react-router";
import { StatList } from "~/components/StatList";
import { TitledSection } from "~/components/TitledSection";
import { adminDashboard } from "~/models/dashboards.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin._index";

export const handle = { i18n: ["common", "spaces", "admin"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  return adminDashboard(getDb());
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("spaces");
  const d = loaderData;
  return (
    <div className="space-y-6">
      <title>{`${t("admin.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <AdminLinks />
      <StatList
        items={[
          {
            label: t("admin.users"),
            value: d.usersByRole.reduce((sum, r) => sum + r.active, 0),
            to: "/admin/utilisateurs?statut=active",
          },
          {
            label: t("admin.loginsLastDay"),
            value: d.loginsLastDay,
            to: "/admin/journal?depuis=24h&action=auth.login",
          },
          {
            label: t("admin.failedLoginsLastDay"),
            value: d.failedLoginsLastDay,
            to: "/admin/journal?depuis=24h&action=auth.login_failed",
          },
        ]}
      />
      <TitledSection id="admin-users" title={t("admin.usersByRole")}>
        <CountTable
          columns={[
            { label: t("admin.role") },
            { label: t("admin.active"), numeric: true },
            { label: t("admin.disabled"), numeric: true },
          ]}
        >
          {d.usersByRole.map((row) => (
            <tr key={row.role} className="border-b border-stone-200">
              <th scope="row" className="p-2 font-normal">
                {t(`common:role.${row.role}`)}
              </th>
              <td className="p-2 text-right">
                <CountLink to={`/admin/utilisateurs?role=${row.role}&statut=active`} n={row.active ?? 0} />
              </td>
              <td className="p-2 text-right">
                <CountLink to={`/admin/utilisateurs?role=${row.role}&statut=disabled`} n={row.disabled ?? 0} />
              </td>
            </tr>
          ))}
        </CountTable>
      </TitledSection>
      <TitledSection id="admin-orgs" title={t("admin.organisations")}>
        <CountTable
          columns={[
            { label: t("admin.kind") },
            { label: t("admin.status") },
            { label: t("admin.count"), numeric: true },
          ]}
        >
          {d.organisationsByStatus.map((row) => (
            <tr key={`${row.kind}-${row.status}`} className="border-b border-stone-200">
              <td className="p-2">{t(`common:orgKind.${row.kind}`)}</td>
              <td className="p-2">{t(`common:verificationStatus.${row.status}`)}</td>
              <td className="p-2 text-right">
                <CountLink to={`/admin/organisations?type=${row.kind}&statut=${row.status}`} n={row.n} />
              </td>
            </tr>
          ))}
        </CountTable>
      </TitledSection>
    </div>
  );
}

/** A count in a table, linking to the list of what it counts. */
function CountLink({ to, n }: { to: string; n: number }) {
  const format = useFormat();
  return (
    <Link to={to} className="inline-flex min-h-11 min-w-11 items-center justify-end">
      {format.number(n)}
    </Link>
  );
}

/** A table of counts: the figures (numeric columns) are aligned to the right. */
function CountTable({ columns, children }: { columns: { label: string; numeric?: boolean }[]; children: ReactNode }) {
  return (
    <table className="mt-2 w-full border-collapse bg-white text-left">
      <thead>
        <tr className="border-b border-stone-300">
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? "p-2 text-right" : "p-2"}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

const ADMIN_PAGES = [
  { to: "/admin/utilisateurs", label: "users", text: "usersText" },
  { to: "/admin/organisations", label: "partners", text: "partnersText" },
  { to: "/admin/journal", label: "journal", text: "journalText" },
] as const;

function AdminLinks() {
  const { t } = useTranslation("admin");
  return (
    <nav aria-labelledby="admin-pages">
      <h2 id="admin-pages" className="sr-only">
        {t("home.heading")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-3">
        {ADMIN_PAGES.map((page) => (
          <li key={page.to} className="card">
            <Link to={page.to} className="text-lg font-semibold">
              {t(`home.${page.label}`)}
            </Link>
            <p className="mt-1 text-sm text-stone-700">{t(`home.${page.text}`)}</p>
          </li>
        ))}
      </ul>
    </nav>
  );
}
