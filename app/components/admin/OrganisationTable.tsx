import { Link } from "react-router";
import { PhoneNumber } from "~/components/PhoneNumber";
import type { OrganisationRow } from "~/models/organisations-admin.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

/** Organisations, one row each: partner bodies have an edit link, employers are moderated elsewhere. */
export function OrganisationTable({ rows }: { rows: OrganisationRow[] }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{t("partners.table.caption")}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="p-2">
              {t("partners.table.name")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.filters.kind")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.place")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.contact")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("partners.table.members")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.status")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-b border-stone-200 align-top">
              <th scope="row" className="p-2 font-normal">
                {p.shortName ? <span className="block font-semibold">{p.shortName}</span> : null}
                <span className="block">{p.name}</span>
              </th>
              <td className="p-2">{t(`common:orgKind.${p.kind}`)}</td>
              <td className="p-2">
                {[p.commune, p.region ? t(`common:region.${p.region}`) : null].filter(Boolean).join(", ")}
              </td>
              <td className="p-2">
                {p.contactName ? <span className="block">{p.contactName}</span> : null}
                {p.contactPhone ? (
                  <span className="block">
                    <PhoneNumber phone={p.contactPhone} />
                  </span>
                ) : null}
                {p.contactEmail ? <span className="block break-all">{p.contactEmail}</span> : null}
              </td>
              <td className="p-2 text-right">{format.number(p.members)}</td>
              <td className="p-2">{t(`common:verificationStatus.${p.verificationStatus}`)}</td>
              <td className="p-2">
                {p.kind === "partner" ? (
                  <Link to={`/admin/organisations?modifier=${p.id}#partner-form-${p.id}`}>
                    {t("partners.edit")} <span className="sr-only">{p.name}</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
