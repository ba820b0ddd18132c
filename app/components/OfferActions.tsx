import { Form } from "react-router";
import { offerActionsFor } from "~/models/lifecycles/offer";
import { useTranslation } from "~/utils/translation";
import type { OfferStatus } from "../../db/enums";

/**
 * Duplicate, close and "filled" buttons of one offer, each a small POST form
 * (`intent` + `offerId`) to the page's own action. Closing ends the open
 * applications, so with JavaScript a confirmation is asked first.
 */
export function OfferActions({ offerId, status, title }: { offerId: number; status: OfferStatus; title: string }) {
  const { t } = useTranslation("employer");
  const confirmFirst = (question: string) => (event: React.MouseEvent) => {
    if (!window.confirm(question)) event.preventDefault();
  };
  const button = (intent: string, label: string, question?: string) => (
    <Form method="post" className="inline">
      <input type="hidden" name="offerId" value={offerId} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className="btn-secondary px-3 py-1 text-sm"
        aria-label={t("offerActions.labelFor", { action: label, title })}
        onClick={question ? confirmFirst(question) : undefined}
      >
        {label}
      </button>
    </Form>
  );
  const allowed = offerActionsFor(status);
  return (
    <div className="flex flex-wrap gap-2">
      {button("duplicate", t("offerActions.duplicate"))}
      {allowed.includes("close") ? button("close", t("offerActions.close"), t("offerActions.confirmClose")) : null}
      {allowed.includes("fill") ? button("fill", t("offerActions.fill"), t("offerActions.confirmFill")) : null}
    </div>
  );
}
