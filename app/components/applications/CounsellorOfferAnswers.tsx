// On a candidate's file: the job offers waiting for their answer, which the
// counsellor gives for a candidate without a smartphone (audited in their name).
import { OfferAnswerForms, type OfferAnswerRefusal } from "~/components/applications/OfferAnswerForms";
import { useTranslation } from "~/utils/translation";

type Waiting = { id: number; offerTitle: string; orgName: string; canAnswerOffer: boolean };

export function CounsellorOfferAnswers({
  applications,
  reasons,
  wordsMax,
  refused,
}: {
  applications: readonly Waiting[];
  reasons: readonly string[];
  wordsMax: number;
  refused?: OfferAnswerRefusal;
}) {
  const { t } = useTranslation("answers");
  const waiting = applications.filter((a) => a.canAnswerOffer);
  if (waiting.length === 0) return null;
  return (
    <section aria-labelledby="offer-answers" className="card space-y-4">
      <h2 id="offer-answers" className="text-lg font-semibold">
        {t("counsellor.title")}
      </h2>
      {waiting.map((a) => (
        <div key={a.id} className="space-y-2">
          <p className="font-medium">{t("counsellor.offer", { title: a.offerTitle, orgName: a.orgName })}</p>
          <OfferAnswerForms
            applicationId={a.id}
            intent="offer.answer"
            reasons={reasons}
            wordsMax={wordsMax}
            refused={refused?.applicationId === a.id ? refused : undefined}
            onBehalf
          />
        </div>
      ))}
    </section>
  );
}
