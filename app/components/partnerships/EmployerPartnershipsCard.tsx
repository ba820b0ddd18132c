import { Link } from "react-router";
import { TitledSection } from "~/components/TitledSection";
import { useTranslation } from "~/utils/translation";
import type { PartnershipStatus } from "../../../db/enums";
import { type NextStepOf, useNextStepText } from "./EmployerNextStep";

export type PartnershipCardItem = NextStepOf & {
  id: number;
  programmeTitle: string;
  reference: string | null;
  /** People placed of those the convention commits to. */
  results: { placed: number; committed: number } | null;
};

/** Before signing, the partnership is still a request. */
const REQUEST: readonly PartnershipStatus[] = ["requested", "contacted", "meeting_held", "documents_received"];

/** The dashboard's word on the company's partnerships, or an invitation to discover the programmes. */
export function EmployerPartnershipsCard({ items }: { items: PartnershipCardItem[] }) {
  const { t } = useTranslation("employer-partnerships");
  const status = useTranslation("partnerships").t;
  const nextStep = useNextStepText();
  const lineOf = (p: PartnershipCardItem) => {
    const values = { reference: p.reference, programme: p.programmeTitle, status: status(`status.${p.status}`) };
    if (p.reference) {
      const convention = t("dashboard.convention", values);
      return p.results && p.results.committed > 0 ? `${convention} · ${t("dashboard.placed", p.results)}` : convention;
    }
    return t(REQUEST.includes(p.status) ? "dashboard.request" : "dashboard.other", values);
  };
  return (
    <TitledSection id="employer-partnerships" title={t("dashboard.title")} className="card space-y-2">
      {items.length === 0 ? (
        <>
          <p>{t("dashboard.none")}</p>
          <p>
            <Link to="/partenariats" className="btn-secondary">
              {t("dashboard.discover")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <ul className="space-y-2">
            {items.map((p) => (
              <li key={p.id}>
                <Link to={`/employeur/partenariats/${p.id}`} className="font-semibold">
                  {lineOf(p)}
                </Link>
                <span className="block text-sm text-stone-700">{nextStep(p)}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/employeur/partenariats">{t("dashboard.seeAll")}</Link>
          </p>
        </>
      )}
    </TitledSection>
  );
}
