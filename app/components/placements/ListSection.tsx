import { Form, Link } from "react-router";
import { TrainingOutcomeForm } from "~/components/applications/TrainingOutcomeForm";
import { bindFields, SelectField, TextareaField, TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { Pagination } from "~/components/Pagination";
import { RegionField } from "~/components/ReferenceFields";
import { placementActionsFor } from "~/models/lifecycles/placement";
import { listHref } from "~/schemas/list-query";
import { PLACEMENT_END_REASONS } from "~/schemas/placement";
import { EMPLOYER_SEARCH_MAX } from "~/schemas/placement-lists";
import { useFormat } from "~/utils/format";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { errorsFor, FormAlert, type LoaderData, type Section } from "./forms";

export function ListSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const lists = useTranslation("lists").t;
  const { q } = data;
  const list = data.list as NonNullable<LoaderData["list"]>;
  const filters = { vue: "placements", statut: q.statut, region: q.region, employeur: q.employeur, du: q.du, au: q.au };
  return (
    <section aria-labelledby="list" className="space-y-4">
      <h2 id="list" className="text-xl font-semibold">
        {t("list.heading", { n: list.total })}
      </h2>
      {data.endId ? (
        <p>
          {t("list.onlyOne")} <Link to="/conseiller/placements?vue=placements">{t("list.showAll")}</Link>
        </p>
      ) : (
        <FilterForm
          texts={{ label: t("list.filters"), submit: lists("apply"), reset: lists("reset") }}
          resetTo="/conseiller/placements?vue=placements"
          className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        >
          <input type="hidden" name="vue" value="placements" />
          <SelectField
            label={t("list.status")}
            name="statut"
            defaultValue={q.statut ?? ""}
            placeholder={t("list.statusAll")}
            options={[
              { value: "en-cours", label: t("list.statusOngoing") },
              { value: "termines", label: t("list.statusEnded") },
            ]}
          />
          <RegionField label={t("list.region")} defaultValue={q.region ?? ""} placeholder={t("list.regionAll")} />
          <TextField
            label={t("list.employer")}
            name="employeur"
            defaultValue={q.employeur ?? ""}
            maxLength={EMPLOYER_SEARCH_MAX}
          />
          <TextField label={t("list.from")} name="du" type="date" defaultValue={q.du ?? ""} />
          <TextField label={t("list.to")} name="au" type="date" defaultValue={q.au ?? ""} />
          <label className="flex min-h-11 items-center gap-2 self-end">
            <input type="checkbox" name="mes" value="1" defaultChecked={q.mes === "1"} className="h-5 w-5" />
            {t("mine")}
          </label>
        </FilterForm>
      )}
      {list.placements.length === 0 ? (
        <p className="text-stone-700">{t("list.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {list.placements.map((p) => (
            <PlacementItem
              key={p.id}
              placement={p}
              data={data}
              errors={errorsFor(actionData, "end", "placementId", p.id)}
              values={actionData?.values}
              trainingSent={errorsFor(actionData, "trainingOutcome", "placementId", p.id) ? actionData : undefined}
            />
          ))}
        </ul>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(page) => listHref("/conseiller/placements", { ...filters, mes: q.mes }, page)}
      />
    </section>
  );
}

function PlacementItem({
  placement: p,
  data,
  errors,
  values,
  trainingSent,
}: {
  placement: NonNullable<LoaderData["list"]>["placements"][number];
  data: LoaderData;
  errors?: FieldErrors;
  values?: FormValues;
  trainingSent?: Section["actionData"];
}) {
  const { t } = useTranslation("placements");
  const format = useFormat();
  const busy = useBusy();
  const titleId = `placement-${p.id}`;
  const training = data.trainings[p.id];
  const field = bindFields(errors ? values : undefined, errors);
  const status = (f: (typeof p.followups)[number]) =>
    f.doneAt !== null
      ? t(f.stillEmployed ? "list.inWork" : "list.notInWork")
      : t(f.dueDate > data.today ? "list.upcoming" : "list.notRecorded", { date: format.date(f.dueDate, "medium") });
  return (
    <li>
      <article id={titleId} aria-labelledby={`${titleId}-title`} className="card space-y-2">
        <h3 id={`${titleId}-title`} className="font-semibold">
          <Link to={`/conseiller/candidats/${p.candidateId}`}>{p.candidateName}</Link> · {p.employer}
        </h3>
        <p className="text-sm text-stone-700">
          {t(`common:offerType.${p.type}`)}
          {p.type === "emploi" ? ` · ${t(`common:contract.${p.contract}`)}` : ""} · {t("list.startLabel")}{" "}
          {format.date(p.startDate)}
          {p.payAmount ? ` · ${format.money(p.payAmount)}` : ""} ·{" "}
          {t(p.fromPortal ? "list.fromPortal" : "list.outside")}
        </p>
        <p className="text-sm font-medium">
          {p.endedAt ? t("list.endedOn", { date: format.date(p.endedAt) }) : t("list.ongoing")}
          {p.endReason ? ` · ${t(`endReason.${p.endReason}`, { defaultValue: p.endReason })}` : ""}
          {p.endNote ? ` · ${p.endNote}` : ""}
        </p>
        <dl className="flex flex-wrap gap-x-4 text-sm">
          {p.followups.map((f) => (
            <div key={f.id} className="flex gap-1">
              <dt>{t("list.followupAt", { count: f.monthsAfter })} :</dt>
              <dd>{status(f)}</dd>
            </div>
          ))}
        </dl>
        {training ? (
          // A training is followed by its outcome, recorded here by the counsellor.
          <details open={Boolean(trainingSent)}>
            <summary className="flex min-h-11 cursor-pointer items-center font-medium text-teal-800">
              {t("training:form.link")} · {t(`training:status.${training.status}`)}
            </summary>
            <TrainingOutcomeForm training={training} today={data.today} sent={trainingSent} compact />
          </details>
        ) : null}
        {placementActionsFor(p, "counsellor").includes("end") ? (
          <details open={data.endId === p.id || Boolean(errors)}>
            <summary className="flex min-h-11 cursor-pointer items-center font-medium text-teal-800">
              {t("end.open")}
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <FormAlert errors={errors} />
              <input type="hidden" name="intent" value="end" />
              <input type="hidden" name="placementId" value={p.id} />
              <TextField
                label={t("end.endedOn")}
                {...field("endedOn")}
                type="date"
                min={p.startDate}
                max={data.today}
                required
              />
              <SelectField
                label={t("end.reason")}
                {...field("reason")}
                placeholder=""
                options={PLACEMENT_END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))}
              />
              <TextareaField
                rows={1}
                label={t("end.note")}
                hint={t("end.noteHint")}
                {...field("note")}
                maxLength={data.limits.endNote}
              />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("end.submit")}
              </button>
            </Form>
          </details>
        ) : null}
      </article>
    </li>
  );
}
