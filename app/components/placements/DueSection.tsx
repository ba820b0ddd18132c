import { Form, Link } from "react-router";
import { SelectField, TextareaField, TextField, useErrorText } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { Pagination } from "~/components/Pagination";
import { PhoneNumber } from "~/components/PhoneNumber";
import { RegionField } from "~/components/ReferenceFields";
import { listHref } from "~/schemas/list-query";
import { EMPLOYER_SEARCH_MAX, FOLLOWUP_MONTHS } from "~/schemas/placement-lists";
import { DAY_MS } from "~/utils/dates";
import { useFormat } from "~/utils/format";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { errorsFor, FormAlert, type LoaderData, type Section } from "./forms";

type Followups = NonNullable<LoaderData["followups"]>;

/** The follow-ups to do: filters, one compact card each (the form folded away), 25 a page. */
export function DueSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const followups = data.followups as Followups;
  const { q } = data;
  const filters = { vue: "suivis", echeance: q.echeance, suivi: q.suivi, region: q.region, employeur: q.employeur };
  return (
    <section aria-labelledby="due" className="space-y-4">
      <h2 id="due" className="text-xl font-semibold">
        {t("due.heading", { n: followups.total })}
      </h2>
      <FollowupFilters data={data} />
      {followups.items.length === 0 ? (
        <p className="text-stone-700">{t("due.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {followups.items.map((f) => (
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
      <Pagination
        page={followups.page}
        pageCount={followups.pageCount}
        hrefFor={(page) => listHref("/conseiller/placements", { ...filters, mes: q.mes }, page)}
      />
    </section>
  );
}

function FollowupFilters({ data }: { data: LoaderData }) {
  const { t } = useTranslation("placements");
  const lists = useTranslation("lists").t;
  const { q } = data;
  return (
    <FilterForm
      texts={{ label: t("due.filters"), submit: lists("apply"), reset: lists("reset") }}
      resetTo="/conseiller/placements?vue=suivis"
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
    >
      <input type="hidden" name="vue" value="suivis" />
      <SelectField
        label={t("due.window")}
        name="echeance"
        defaultValue={q.echeance ?? ""}
        placeholder={t("due.windowAll")}
        options={[
          { value: "retard", label: t("due.windowOverdue") },
          { value: "semaine", label: t("due.windowWeek") },
        ]}
      />
      <SelectField
        label={t("due.months")}
        name="suivi"
        defaultValue={q.suivi ? String(q.suivi) : ""}
        placeholder={t("due.monthsAll")}
        options={FOLLOWUP_MONTHS.map((n) => ({ value: n, label: t("due.monthsOption", { n }) }))}
      />
      <RegionField label={t("list.region")} defaultValue={q.region ?? ""} placeholder={t("list.regionAll")} />
      <TextField
        label={t("list.employer")}
        name="employeur"
        defaultValue={q.employeur ?? ""}
        maxLength={EMPLOYER_SEARCH_MAX}
      />
      <label className="flex min-h-11 items-center gap-2 self-end">
        <input type="checkbox" name="mes" value="1" defaultChecked={q.mes === "1"} className="h-5 w-5" />
        {t("mine")}
      </label>
    </FilterForm>
  );
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export function FollowupItem({
  followup,
  errors,
  values,
  today,
  noteMax,
}: {
  followup: Followups["items"][number];
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
  const late = daysBetween(followup.dueDate, today);
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-2">
        <h3 id={titleId} className="font-semibold">
          <Link to={`/conseiller/candidats/${followup.candidateId}`}>{followup.candidateName}</Link> ·{" "}
          {followup.employer}
        </h3>
        <p className="text-sm text-stone-700">
          {t("due.item", { count: followup.monthsAfter })} · {t("due.dueOn", { date: format.date(followup.dueDate) })}
          {late > 0 ? <strong className="text-red-800"> · {t("due.late", { count: late })}</strong> : null} ·{" "}
          {t("due.startedOn", { date: format.date(followup.startDate) })}
          {followup.region ? ` · ${t(`common:region.${followup.region}`)}` : ""}
        </p>
        {followup.candidatePhone ? (
          <p>
            <PhoneNumber phone={followup.candidatePhone} />
          </p>
        ) : null}
        <details open={Boolean(errors)}>
          <summary className="flex min-h-11 cursor-pointer items-center font-medium text-teal-800">
            {t("due.record")}
          </summary>
          <Form method="post" className="mt-2 space-y-2">
            <FormAlert errors={errors} />
            <input type="hidden" name="intent" value="followup" />
            <input type="hidden" name="followupId" value={followup.id} />
            <fieldset aria-describedby={errors?.stillEmployed ? `${titleId}-still-error` : undefined}>
              <legend className="font-medium">{t("followupForm.question")}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-1">
                {(["yes", "no"] as const).map((answer) => (
                  <label key={answer} className="flex min-h-11 items-center gap-2">
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
            {errors?.stillEmployed ? (
              <p id={`${titleId}-still-error`} className="text-sm font-semibold text-red-700">
                {errorText(errors.stillEmployed)}
              </p>
            ) : null}
            <div className="grid gap-3 sm:grid-cols-2">
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
            <button type="submit" className="btn" disabled={busy}>
              {t("followupForm.submit")}
            </button>
          </Form>
        </details>
      </article>
    </li>
  );
}
