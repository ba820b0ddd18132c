import { Form, Link } from "react-router";
import type { FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

export type ReferralReview = {
  candidate: { id: number; name: string };
  offer: { id: number; title: string; orgName: string };
  /** The intent that sends: a referral, or an application taken by phone. */
  send: "refer" | "phone";
  /** What the confirming form posts again (the candidate's or the offer's id). */
  fields: FormValues;
};

/**
 * The step between "Proposer" and the employer receiving it: who goes to which offer,
 * then "Confirmer l'envoi" posts the same ids with the sending intent; "Modifier" goes
 * back to the page, nothing sent. Plain forms and links, so it works without JavaScript.
 */
export function ReferralConfirm({ review, backTo }: { review: ReferralReview; backTo: string }) {
  const { t } = useTranslation("referral");
  const busy = useBusy();
  return (
    <section
      aria-labelledby="referral-confirm-title"
      className="rounded-md border-2 border-amber-600 bg-amber-50 p-4 space-y-3"
      id="referral-confirm"
    >
      <h2 id="referral-confirm-title" className="text-xl font-semibold">
        {t(`title.${review.send}`)}
      </h2>
      <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t("who")}</dt>
        <dd>{review.candidate.name}</dd>
        <dt className="font-medium">{t("offer")}</dt>
        <dd>
          <Link to={`/offres/${review.offer.id}`}>{review.offer.title}</Link> · {review.offer.orgName}
        </dd>
        <dt className="font-medium">{t("messageAndCv")}</dt>
        <dd>{t("noMessageNoCv")}</dd>
      </dl>
      <p className="text-sm">{t("nothingSentYet")}</p>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        {Object.entries(review.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="intent" value={review.send} className="btn" disabled={busy}>
          {t("confirm")}
        </button>
        <Link to={backTo} className="btn-secondary">
          {t("change")}
        </Link>
      </Form>
    </section>
  );
}
