// On the employer's page of an application: the candidate's answer to the job
// offer (or that it is awaited, which is why there is no hire yet), and the
// undoing of a hire made by mistake while its window lasts.
import { ItemActionForm } from "~/components/ItemActionForm";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

type Answer = {
  answer: "accepted" | "declined";
  reason: string | null;
  words: string | null;
  answeredAt: string | null;
};

export function EmployerOfferAnswer({ status, answer }: { status: string; answer: Answer | null }) {
  const { t } = useTranslation("answers");
  const format = useFormat();
  if (answer) {
    return (
      <section aria-labelledby="offer-answer" className="card space-y-1">
        <h2 id="offer-answer" className="text-lg font-semibold">
          {t("employer.title")}
        </h2>
        <p className="font-medium">
          {answer.answeredAt
            ? t(`employer.${answer.answer}On`, { date: format.dateTime(new Date(answer.answeredAt)) })
            : t(`employer.${answer.answer}`)}
        </p>
        {answer.reason ? <p>{t("employer.reason", { reason: t(`reasons.${answer.reason}`) })}</p> : null}
        {/* Plain text: the candidate's words as typed. */}
        {answer.words ? <p className="whitespace-pre-line break-words">« {answer.words} »</p> : null}
      </section>
    );
  }
  if (status !== "offered") return null;
  return (
    <p className="card border-l-4 border-amber-500" role="status">
      {t("employer.awaiting")}
    </p>
  );
}

export function UndoHire({ until }: { until: string }) {
  const { t } = useTranslation("answers");
  const format = useFormat();
  return (
    <details className="card">
      <summary className="flex min-h-11 cursor-pointer items-center font-medium text-red-800">{t("undo.open")}</summary>
      <ItemActionForm
        fields={{}}
        intent="undoHire"
        formClassName="mt-2 space-y-2"
        className="btn min-h-11 bg-red-700 hover:bg-red-800"
        intro={<p>{t("undo.warning", { until: format.dateTime(new Date(until)) })}</p>}
      >
        {t("undo.confirm")}
      </ItemActionForm>
    </details>
  );
}
