import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

type Application = { id: number; status: string; createdAt: string } | null;

type ApplyProps = { offerId: number; viewerRole: string | null; application: Application };

/** Visitors and candidates who have not applied yet may apply (a visitor's page asks them to log in). */
export const mayApply = (viewerRole: string | null, application: Application) =>
  viewerRole === null || (viewerRole === "candidat" && application === null);

const applyHref = (offerId: number) => `/offres/${offerId}/postuler`;

/**
 * At the top of an offer: the apply button (a visitor goes to the same page as a candidate, which
 * names the offer and asks them to log in or register), or what became of the candidate's application.
 */
export function OfferApply({ offerId, viewerRole, application }: ApplyProps) {
  const { t } = useTranslation("offers");
  const format = useFormat();
  if (viewerRole === "candidat" && application) {
    return (
      <div role="status">
        <p className="font-semibold">{t("applications:offerPage.alreadyApplied")}</p>
        <p className="mt-1">
          {t("applications:offerPage.sentOn", {
            date: format.date(application.createdAt),
            status: t(`common:applicationStatus.${application.status}`),
          })}
        </p>
        <p className="mt-1">
          <Link
            to={`/candidat/candidatures#candidature-${application.id}`}
            className="inline-flex min-h-11 items-center"
          >
            {t("applications:offerPage.see")}
          </Link>
        </p>
      </div>
    );
  }
  // Counsellors come to an open offer to send it the people they follow.
  if (viewerRole === "conseiller" || viewerRole === "admin") {
    return (
      <Link to={`/conseiller/offres/${offerId}/correspondances`} className="btn-secondary min-h-11 w-full sm:w-auto">
        {t("offer.findCandidates")}
      </Link>
    );
  }
  if (!mayApply(viewerRole, application)) return null;
  return (
    <div>
      <Link to={applyHref(offerId)} className="btn min-h-11 w-full sm:w-auto">
        {t("offer.apply")}
      </Link>
      {viewerRole === null ? <p className="mt-2 text-sm text-stone-700">{t("offer.applyLoginHint")}</p> : null}
    </div>
  );
}

// Sticky, as the page's last element: at the end of the offer it takes its own place under the last
// line, so that it never hides the end of the page or the footer.
const BAR = [
  "sticky bottom-0 z-10 -mx-4 border-t border-brand-100 bg-white/95 px-4 py-2",
  "shadow-[0_-2px_6px_rgba(0,0,0,0.08)] sm:hidden",
].join(" ");

/** On a phone, the apply button stays at the bottom of the screen while the offer is read. */
export function ApplyBar({ offerId, title }: { offerId: number; title: string }) {
  const { t } = useTranslation("offers");
  return (
    <div className={BAR}>
      <p className="truncate text-xs text-stone-700" aria-hidden="true">
        {title}
      </p>
      <Link to={applyHref(offerId)} className="btn min-h-11 w-full">
        {t("saved:applyBar.apply")}
      </Link>
    </div>
  );
}
