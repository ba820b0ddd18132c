import type { CommitmentResult, ConventionResultsData, Measures } from "~/models/convention-results.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { OFFER_TYPES } from "../../../db/enums";

/**
 * What a convention has produced, commitment by commitment, for the company and the
 * counsellors (not suppressed: they know these people). The sentence says it all;
 * the bar under it only repeats it for the eye. Words: the `results` namespace.
 */
export function ConventionResults({ results }: { results: ConventionResultsData }) {
  const { t } = useTranslation("results");
  const format = useFormat();
  const { totals, unassigned } = results;
  const id = `results-${results.reference}`;
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-xl font-semibold">
        {t("heading", { reference: results.reference })}
      </h2>
      <p className="text-sm text-stone-600">{t("intro")}</p>
      <ul className="space-y-4">
        {results.commitments.map((c) => (
          <li key={c.key} className="card space-y-2">
            <Progress
              text={t(`progress.${c.offerType}`, { count: c.quantity, placed: format.number(c.placed) })}
              placed={c.placed}
              quantity={c.quantity}
            />
            <CommitmentTerms commitment={c} />
            <details>
              <summary className="flex min-h-11 cursor-pointer items-center font-medium">{t("detail")}</summary>
              <Detail measures={c} />
            </details>
          </li>
        ))}
      </ul>
      <p className="font-semibold">{t("total", { count: totals.quantity, placed: format.number(totals.placed) })}</p>
      {unassigned ? (
        <p className="text-sm">
          {t("unassigned", {
            offers: format.number(unassigned.offersPublished),
            placed: format.number(unassigned.placed),
          })}
        </p>
      ) : null}
    </section>
  );
}

function Progress({ text, placed, quantity }: { text: string; placed: number; quantity: number }) {
  const percent = Math.min(100, Math.round((placed / quantity) * 100));
  return (
    <>
      <p className="font-semibold">{text}</p>
      <div aria-hidden="true" className="h-3 w-full overflow-hidden rounded-full bg-stone-200">
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
    </>
  );
}

function CommitmentTerms({ commitment: c }: { commitment: CommitmentResult }) {
  const { t } = useTranslation("results");
  const terms = [
    t(`common:offerType.${c.offerType}`),
    c.trade ? t(`common:trade.${c.trade}`, { defaultValue: c.trade }) : null,
    c.region ? t(`common:region.${c.region}`, { defaultValue: c.region }) : null,
    t(`audience.${c.audience}`),
  ].filter(Boolean);
  return <p className="text-sm text-stone-600">{terms.join(" · ")}</p>;
}

function Detail({ measures: m }: { measures: Measures }) {
  const { t } = useTranslation("results");
  const format = useFormat();
  const byType = OFFER_TYPES.filter((type) => m.placedByType[type] > 0);
  const followed = (["m1", "m3", "m6"] as const).filter((k) => m.retention[k].due > 0 || m.retention[k].answered > 0);
  const pending = followed.reduce((sum, k) => sum + Math.max(0, m.retention[k].due - m.retention[k].answered), 0);
  return (
    <dl className="mt-2 space-y-2 text-sm">
      <div>
        <dt className="font-medium">{t("offersPublished")}</dt>
        <dd>{format.number(m.offersPublished)}</dd>
      </div>
      <div>
        <dt className="font-medium">{t("applied")}</dt>
        <dd>{format.number(m.applied)}</dd>
      </div>
      <div>
        <dt className="font-medium">{t("placedByType")}</dt>
        {byType.length === 0 ? <dd>{t("nobodyPlaced")}</dd> : null}
        {byType.map((type) => (
          <dd key={type}>
            {t("typeCount", { type: t(`common:offerType.${type}`), n: format.number(m.placedByType[type]) })}
          </dd>
        ))}
      </div>
      {m.placed > m.trainees.admitted ? (
        <div>
          <dt className="font-medium">{t("retentionHeading")}</dt>
          {followed.length === 0 ? <dd>{t("noFollowupYet")}</dd> : null}
          {followed.map((k) => (
            <dd key={k}>
              {t(`retention.${k}`, {
                stillInWork: format.number(m.retention[k].stillInWork),
                answered: format.number(m.retention[k].answered),
              })}
            </dd>
          ))}
          {pending > 0 ? <dd>{t("pending", { count: pending })}</dd> : null}
        </div>
      ) : null}
      {m.trainees.admitted > 0 ? (
        <div>
          <dt className="font-medium">{t("traineesHeading")}</dt>
          <dd>
            {t("trainees", {
              completed: format.number(m.trainees.completed),
              admitted: format.number(m.trainees.admitted),
            })}
          </dd>
          {m.trainees.certified > 0 ? <dd>{t("certified", { count: m.trainees.certified })}</dd> : null}
          {m.trainees.droppedOut > 0 ? <dd>{t("droppedOut", { count: m.trainees.droppedOut })}</dd> : null}
        </div>
      ) : null}
    </dl>
  );
}
