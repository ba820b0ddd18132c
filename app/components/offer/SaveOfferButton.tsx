import { Link, useFetcher, useLocation } from "react-router";
import { useTranslation } from "~/utils/translation";

/**
 * What a page's save buttons show: a candidate's saved offers among those listed; a visitor's
 * button leads to the login page and back; other roles (null) have none.
 */
export type SaveButtons = { as: "candidate"; savedIds: number[] } | { as: "visitor" } | null;

type Props = { offerId: number; title: string; buttons: SaveButtons | undefined; className?: string };

/** The anchor of an offer on any page that lists it: a save comes back to it. */
export const offerAnchor = (offerId: number) => `offer-${offerId}`;

const LOOK = "btn-secondary px-3 text-sm";

/** "Sauvegarder" / "Sauvegardée": a plain POST to /candidat/favoris, sent by a fetcher once scripts run. */
export function SaveOfferButton({ offerId, title, buttons, className = "" }: Props) {
  if (!buttons) return null;
  if (buttons.as === "visitor") return <VisitorSave offerId={offerId} title={title} className={className} />;
  return (
    <CandidateSave offerId={offerId} title={title} saved={buttons.savedIds.includes(offerId)} className={className} />
  );
}

/** Where a save comes back to: this page, at this offer. */
function useBack(offerId: number) {
  const { pathname, search } = useLocation();
  return `${pathname}${search}#${offerAnchor(offerId)}`;
}

function VisitorSave({ offerId, title, className }: { offerId: number; title: string; className: string }) {
  const { t } = useTranslation("saved");
  const back = useBack(offerId);
  return (
    <p className={className}>
      <Link
        to={`/connexion?${new URLSearchParams({ redirectTo: back })}`}
        className={LOOK}
        aria-label={t("button.saveLabel", { title })}
      >
        <StarIcon filled={false} />
        {t("button.save")}
      </Link>
    </p>
  );
}

type CandidateSaveProps = { offerId: number; title: string; saved: boolean; className: string };

function CandidateSave({ offerId, title, saved, className }: CandidateSaveProps) {
  const { t } = useTranslation("saved");
  const back = useBack(offerId);
  const fetcher = useFetcher({ key: `save-offer-${offerId}` });
  // Shown as asked while the request and the page's new data are on their way.
  const asked = fetcher.formData?.get("intent");
  const shown = typeof asked === "string" ? asked === "save" : saved;
  return (
    <form
      method="post"
      action="/candidat/favoris"
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        form.set("reply", "data");
        fetcher.submit(form, { method: "post", action: "/candidat/favoris" });
      }}
    >
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="intent" value={shown ? "remove" : "save"} />
      <input type="hidden" name="returnTo" value={back} />
      <button
        type="submit"
        className={`${LOOK} ${shown ? "border-brand-700 bg-brand-50 text-brand-800" : ""}`}
        aria-pressed={shown}
        aria-label={t(shown ? "button.savedLabel" : "button.saveLabel", { title })}
      >
        <StarIcon filled={shown} />
        {t(shown ? "button.saved" : "button.save")}
      </button>
    </form>
  );
}

function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill={filled ? "currentColor" : "none"}>
      <path
        d="M10 2.5l2.3 4.9 5.2.6-3.9 3.6 1.1 5.2L10 14.2l-4.7 2.6 1.1-5.2-3.9-3.6 5.2-.6z"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  );
}
