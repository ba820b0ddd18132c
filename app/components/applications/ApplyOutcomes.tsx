import { Link } from "react-router";
import { FormErrorSummary } from "~/components/Field";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

/** The application this candidate already sent to the offer (one per offer). */
export function AlreadyApplied({
  offer,
  application,
  href,
}: {
  offer: { title: string; orgName: string };
  application: { status: string; createdAt: string };
  href: string;
}) {
  const { t } = useTranslation("applications");
  const format = useFormat();
  return (
    <>
      <h1 id="apply-title" className="text-2xl font-bold">
        {t("apply.alreadyTitle")}
      </h1>
      <div role="status" className="card space-y-2">
        <p>
          {t("apply.alreadyBody", { title: offer.title, org: offer.orgName, date: format.date(application.createdAt) })}
        </p>
        <p>
          {t("apply.status")} <strong>{t(`common:applicationStatus.${application.status}`)}</strong>
        </p>
        <p>
          <Link to={href} className="btn min-h-11">
            {t("apply.seeApplication")}
          </Link>
        </p>
      </div>
    </>
  );
}

/** Why the offer takes no more applications, and where to look next. */
export function OfferClosed({
  offer,
  formError,
}: {
  offer: { title: string; orgName: string; closedBecause: string | null };
  formError: string | undefined;
}) {
  const { t } = useTranslation("applications");
  return (
    <>
      <h1 id="apply-title" className="text-2xl font-bold">
        {t("apply.closedTitle")}
      </h1>
      <FormErrorSummary message={formError} />
      <div className="card space-y-2">
        <p>{t(`apply.closedBecause.${offer.closedBecause ?? "closed"}`, { title: offer.title, org: offer.orgName })}</p>
        <p>{t("apply.closedNext")}</p>
        <p>
          <Link to="/offres" className="btn min-h-11">
            {t("apply.otherOffers")}
          </Link>
        </p>
      </div>
    </>
  );
}
