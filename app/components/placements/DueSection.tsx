import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { TextareaField, TextField, useErrorText } from "~/components/Field";
import { useFormat } from "~/utils/format";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { errorsFor, FormAlert, type LoaderData, type Section } from "./forms";

export function DueSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const { due } = data;
  return (
    <section aria-labelledby="due" className="space-y-4">
      <h2 id="due" className="text-xl font-semibold">
        {t("due.heading")}
      </h2>
      {[
        { key: "overdue", rows: due.overdue, total: due.overdueTotal, empty: t("due.emptyOverdue") },
        { key: "soon", rows: due.due, total: due.dueTotal, empty: t("due.emptySoon") },
      ].map((list) => (
        <div key={list.key} className="space-y-3">
          <h3 className="text-lg font-semibold">{t(`due.${list.key}`, { n: list.total })}</h3>
          {list.rows.length === 0 ? (
            <p className="text-stone-700">{list.empty}</p>
          ) : (
            <ul className="space-y-3">
              {list.rows.map((f) => (
                <FollowupItem
                  key={f.id}
                  followup={f}
                  errors={errorsFor(actionData, "followup", "followupId", f.id)}
                  values={actionData?.values}
                  today={data.today}
                  noteMax={data.limits.followupNote}
                />
              ))}
            </ul>
          )}
          {list.total > list.rows.length ? (
            <p className="text-sm text-stone-600">{t("due.showingFirst", { n: list.rows.length })}</p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function FollowupItem({
  followup,
  errors,
  values,
  today,
  noteMax,
}: {
  followup: LoaderData["due"]["due"][number];
  errors?: FieldErrors;
  values?: FormValues;
  today: string;
  noteMax: number;
}) {
  const { t } = useTranslation("placements");
  const format = useFormat();
  const errorText = useErrorText();
  const busy = useBusy();
  const titleId = `followup-${followup.id}`;
  const kept = errors ? values : undefined;
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-2">
        <h4 id={titleId} className="font-semibold">
          <Link to={`/conseiller/candidats/${followup.candidateId}`}>{followup.candidateName}</Link> ·{" "}
          {followup.employer}
        </h4>
        <p className="text-sm text-stone-700">
          {t("due.item", { count: followup.monthsAfter })} · {t("due.dueOn", { date: format.date(followup.dueDate) })} ·{" "}
          {t("due.startedOn", { date: format.date(followup.startDate) })}
        </p>
        <FormAlert errors={errors} />
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="followup" />
          <input type="hidden" name="followupId" value={followup.id} />
          <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
            <fieldset aria-describedby={errors?.stillEmployed ? `${titleId}-still-error` : undefined}>
              <legend className="font-medium">{t("followupForm.question")}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-1">
                {(["yes", "no"] as const).map((answer) => (
                  <label key={answer} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="stillEmployed"
                      value={answer}
                      defaultChecked={kept?.stillEmployed === answer}
                      className="h-5 w-5"
                    />
                    {t(`followupForm.${answer}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className="btn" disabled={busy}>
              {t("followupForm.submit")}
            </button>
          </div>
          {errors?.stillEmployed ? (
            <p id={`${titleId}-still-error`} className="text-sm font-semibold text-red-700">
              {errorText(errors.stillEmployed)}
            </p>
          ) : null}
          <details open={Boolean(kept?.note || kept?.doneOn || errors?.note || errors?.doneOn)}>
            <summary className="cursor-pointer text-sm font-medium text-teal-800">{t("followupForm.more")}</summary>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              <TextareaField
                rows={1}
                label={t("followupForm.note")}
                hint={t("followupForm.noteHint")}
                name="note"
                maxLength={noteMax}
                defaultValue={kept?.note}
                error={errors?.note}
              />
              <TextField
                label={t("followupForm.doneOn")}
                hint={t("followupForm.doneOnHint")}
                name="doneOn"
                type="date"
                max={today}
                defaultValue={kept?.doneOn}
                error={errors?.doneOn}
              />
            </div>
          </details>
        </Form>
      </article>
    </li>
  );
}
