import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/conseiller.placements";
import { Alert } from "~/components/Alert";
import { SelectField, TextField, useErrorText } from "~/components/Field";
import { TextareaField } from "~/components/FormFields";
import {
  employerChoices,
  endPlacement,
  findCandidatesByName,
  followupsDue,
  listPlacements,
  recordFollowup,
  recordManualPlacement,
} from "~/models/placements.server";
import { parseIdParam } from "~/schemas/params";
import {
  END_NOTE_MAX,
  EMPLOYER_NAME_MAX,
  FOLLOWUP_NOTE_MAX,
  parsePlacementFilters,
  PLACEMENT_END_REASONS,
  placementActionSchema,
  type PlacementAction,
} from "~/schemas/placement";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb, type Db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { formValues, parseForm, type FieldErrors, type FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { REGION_CODES } from "~/utils/reference";
import { clientIp } from "~/utils/request.server";
import { CONTRACTS, OFFER_TYPES } from "../../db/enums";

export const handle = { i18n: ["common", "placements"] };

const DONE = ["followup", "followupLeft", "ended", "recorded"] as const;
/** Follow-ups shown in each list (the most urgent first); the headings give the totals. */
const DUE_SHOWN = 20;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const url = new URL(request.url);
  const q = parsePlacementFilters(url.searchParams);
  const db = getDb();
  const mine = q.mes ? user.id : undefined;
  const done = url.searchParams.get("fait");
  const endId = parseIdParam(url.searchParams.get("fin"));
  return {
    q,
    today: isoToday(),
    done: (DONE as readonly (string | null)[]).includes(done) ? done : null,
    endId,
    due: followupsDue(db, { counsellorId: mine, limit: DUE_SHOWN }),
    list: listPlacements(db, {
      status: q.statut === "en-cours" ? "ongoing" : q.statut === "termines" ? "ended" : undefined,
      region: q.region,
      employer: q.employeur || undefined,
      from: q.du,
      to: q.au,
      counsellorId: mine,
      page: q.page,
    }),
    found: q.candidat ? findCandidatesByName(db, q.candidat) : null,
    employers: employerChoices(db),
    limits: { followupNote: FOLLOWUP_NOTE_MAX, endNote: END_NOTE_MAX, employerName: EMPLOYER_NAME_MAX },
  };
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

/** One action by the model function of its form; where to go once done. */
function act(db: Db, counsellorId: number, input: PlacementAction, ip: string) {
  const by = { ip };
  switch (input.intent) {
    case "followup": {
      const result = recordFollowup(db, counsellorId, input.followupId, { stillEmployed: input.stillEmployed, note: input.note, doneOn: input.doneOn }, by);
      if (!result?.ok) return result;
      // No longer in work: straight to that placement's end form.
      const left = !result.stillEmployed && result.placementOngoing;
      return { ok: true as const, to: left ? `?fait=followupLeft&fin=${result.placementId}#placement-${result.placementId}` : "?fait=followup" };
    }
    case "end": {
      const result = endPlacement(db, counsellorId, input.placementId, { endedOn: input.endedOn, reason: input.reason, note: input.note }, by);
      return result?.ok ? { ok: true as const, to: "?fait=ended" } : result;
    }
    case "manual": {
      const result = recordManualPlacement(db, counsellorId, input, by);
      return result.ok ? { ok: true as const, to: "?fait=recorded" } : result;
    }
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const form = parseForm(placementActionSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = act(getDb(), user.id, form.data, clientIp(context));
  if (!result) return data<ActionData>({ fieldErrors: { form: "placements:errors.notFound" }, values: formValues(formData) }, { status: 404 });
  if (!result.ok) return data<ActionData>({ fieldErrors: { form: `placements:errors.${result.reason}` }, values: formValues(formData) }, { status: 400 });
  return redirect(`/conseiller/placements${result.to}`);
}

type LoaderData = Route.ComponentProps["loaderData"];

/** The errors of the form that was sent, if it was this one. */
function errorsFor(actionData: ActionData | undefined, intent: string, idField?: string, id?: number) {
  const values = actionData?.values;
  if (values?.intent !== intent) return undefined;
  if (idField && values[idField] !== String(id)) return undefined;
  return actionData!.fieldErrors;
}

export default function Placements({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("placements");
  const errorText = useErrorText();
  const { done } = loaderData;
  const unplaced = actionData && !["followup", "end", "manual"].includes(actionData.values.intent ?? "") ? actionData.fieldErrors.intent ?? actionData.fieldErrors.form : undefined;
  return (
    <div className="space-y-8">
      <title>{`${t("title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("intro")}</p>
      </div>
      {done && !actionData ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">{t(`done.${done}`)}</p>
      ) : null}
      {unplaced ? <Alert>{errorText(unplaced)}</Alert> : null}
      <DueSection data={loaderData} actionData={actionData} />
      <ListSection data={loaderData} actionData={actionData} />
      <ManualSection data={loaderData} actionData={actionData} />
    </div>
  );
}

/** The message about the whole form (not found, already recorded, …), if any. */
function FormAlert({ errors }: { errors?: FieldErrors }) {
  const errorText = useErrorText();
  const error = errors?.form ?? errors?.followupId ?? errors?.placementId;
  return error ? <Alert>{errorText(error)}</Alert> : null;
}

type Section = { data: LoaderData; actionData: ActionData | undefined };

function DueSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const { due } = data;
  return (
    <section aria-labelledby="due" className="space-y-4">
      <h2 id="due" className="text-xl font-semibold">{t("due.heading")}</h2>
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
                <FollowupItem key={f.id} followup={f} errors={errorsFor(actionData, "followup", "followupId", f.id)} values={actionData?.values} today={data.today} noteMax={data.limits.followupNote} />
              ))}
            </ul>
          )}
          {list.total > list.rows.length ? <p className="text-sm text-stone-600">{t("due.showingFirst", { n: list.rows.length })}</p> : null}
        </div>
      ))}
    </section>
  );
}

function FollowupItem({ followup, errors, values, today, noteMax }: { followup: LoaderData["due"]["due"][number]; errors?: FieldErrors; values?: FormValues; today: string; noteMax: number }) {
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
          <Link to={`/conseiller/candidats/${followup.candidateId}`}>{followup.candidateName}</Link> · {followup.employer}
        </h4>
        <p className="text-sm text-stone-700">
          {t("due.item", { count: followup.monthsAfter })} · {t("due.dueOn", { date: format.date(followup.dueDate) })} · {t("due.startedOn", { date: format.date(followup.startDate) })}
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
                    <input type="radio" name="stillEmployed" value={answer} defaultChecked={kept?.stillEmployed === answer} className="h-5 w-5" />
                    {t(`followupForm.${answer}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className="btn" disabled={busy}>{t("followupForm.submit")}</button>
          </div>
          {errors?.stillEmployed ? <p id={`${titleId}-still-error`} className="text-sm font-semibold text-red-700">{errorText(errors.stillEmployed)}</p> : null}
          <details open={Boolean(kept?.note || kept?.doneOn || errors?.note || errors?.doneOn)}>
            <summary className="cursor-pointer text-sm font-medium text-teal-800">{t("followupForm.more")}</summary>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              <TextareaField rows={1} label={t("followupForm.note")} hint={t("followupForm.noteHint")} name="note" maxLength={noteMax} defaultValue={kept?.note} error={errors?.note} />
              <TextField label={t("followupForm.doneOn")} hint={t("followupForm.doneOnHint")} name="doneOn" type="date" max={today} defaultValue={kept?.doneOn} error={errors?.doneOn} />
            </div>
          </details>
        </Form>
      </article>
    </li>
  );
}

function ListSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const { q, list } = data;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ statut: q.statut, region: q.region, employeur: q.employeur, du: q.du, au: q.au, mes: q.mes })) if (value) params.set(key, value);
    params.set("page", String(page));
    return `?${params}`;
  };
  return (
    <section aria-labelledby="list" className="space-y-4">
      <h2 id="list" className="text-xl font-semibold">{t("list.heading", { n: list.total })}</h2>
      <Form method="get" aria-label={t("list.filters")} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
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
        <SelectField label={t("list.region")} name="region" defaultValue={q.region ?? ""} placeholder={t("list.regionAll")} options={REGION_CODES.map((r) => ({ value: r, label: t(`common:region.${r}`) }))} />
        <TextField label={t("list.employer")} name="employeur" defaultValue={q.employeur ?? ""} maxLength={60} />
        <TextField label={t("list.from")} name="du" type="date" defaultValue={q.du ?? ""} />
        <TextField label={t("list.to")} name="au" type="date" defaultValue={q.au ?? ""} />
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="mes" value="1" defaultChecked={q.mes === "1"} className="h-5 w-5" />
          {t("mine")}
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="btn">{t("list.apply")}</button>
          <Link to="/conseiller/placements">{t("list.reset")}</Link>
        </div>
      </Form>
      {list.placements.length === 0 ? (
        <p className="text-stone-700">{t("list.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {list.placements.map((p) => (
            <PlacementItem key={p.id} placement={p} data={data} errors={errorsFor(actionData, "end", "placementId", p.id)} values={actionData?.values} />
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t("list.page", { page: list.page, pages })} className="flex items-center gap-4">
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("list.previous")}</Link> : null}
          <span>{t("list.page", { page: list.page, pages })}</span>
          {list.page < pages ? <Link to={pageLink(list.page + 1)}>{t("list.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

function PlacementItem({ placement: p, data, errors, values }: { placement: LoaderData["list"]["placements"][number]; data: LoaderData; errors?: FieldErrors; values?: FormValues }) {
  const { t } = useTranslation("placements");
  const format = useFormat();
  const busy = useBusy();
  const titleId = `placement-${p.id}`;
  const kept = errors ? values : undefined;
  const status = (f: (typeof p.followups)[number]) =>
    f.doneAt !== null ? t(f.stillEmployed ? "list.inWork" : "list.notInWork") : t(f.dueDate > data.today ? "list.upcoming" : "list.notRecorded", { date: format.date(f.dueDate, "medium") });
  return (
    <li>
      <article id={titleId} aria-labelledby={`${titleId}-title`} className="card space-y-2">
        <h3 id={`${titleId}-title`} className="font-semibold">
          <Link to={`/conseiller/candidats/${p.candidateId}`}>{p.candidateName}</Link> · {p.employer}
        </h3>
        <p className="text-sm text-stone-700">
          {t(`common:offerType.${p.type}`)}
          {p.type === "emploi" ? ` · ${t(`common:contract.${p.contract}`)}` : ""} · {t("list.startLabel")} {format.date(p.startDate)}
          {p.payAmount ? ` · ${format.money(p.payAmount)}` : ""} · {t(p.fromPortal ? "list.fromPortal" : "list.outside")}
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
        {p.endedAt ? null : (
          <details open={data.endId === p.id || Boolean(errors)}>
            <summary className="cursor-pointer font-medium text-teal-800">{t("end.open")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <FormAlert errors={errors} />
              <input type="hidden" name="intent" value="end" />
              <input type="hidden" name="placementId" value={p.id} />
              <TextField label={t("end.endedOn")} name="endedOn" type="date" min={p.startDate} max={data.today} defaultValue={kept?.endedOn} error={errors?.endedOn} required />
              <SelectField
                label={t("end.reason")}
                name="reason"
                defaultValue={kept?.reason ?? ""}
                placeholder=""
                error={errors?.reason}
                options={PLACEMENT_END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))}
              />
              <TextareaField rows={1} label={t("end.note")} hint={t("end.noteHint")} name="note" maxLength={data.limits.endNote} defaultValue={kept?.note} error={errors?.note} />
              <button type="submit" className="btn-secondary" disabled={busy}>{t("end.submit")}</button>
            </Form>
          </details>
        )}
      </article>
    </li>
  );
}

function ManualSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const busy = useBusy();
  const errorText = useErrorText();
  const errors = errorsFor(actionData, "manual");
  const kept = errors ? actionData?.values : undefined;
  const { found, q } = data;
  return (
    <section aria-labelledby="manual" className="card space-y-4">
      <h2 id="manual" className="text-xl font-semibold">{t("manual.heading")}</h2>
      <p className="text-stone-700">{t("manual.intro")}</p>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <TextField label={t("manual.search")} name="candidat" defaultValue={q.candidat ?? ""} maxLength={60} />
        <button type="submit" className="btn-secondary">{t("manual.searchButton")}</button>
      </Form>
      <Form method="post" className="space-y-3">
        <FormAlert errors={errors} />
        <input type="hidden" name="intent" value="manual" />
        {found && found.length > 0 ? (
          <fieldset aria-describedby={errors?.candidateId ? "manual-candidate-error" : undefined}>
            <legend className="font-medium">{t("manual.choose")}</legend>
            <ul className="space-y-1">
              {found.map((c) => (
                <li key={c.id}>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="candidateId" value={c.id} defaultChecked={kept?.candidateId === String(c.id) || found.length === 1} className="h-5 w-5" />
                    {c.name} · n° {c.id}
                    {c.phone ? ` · ${c.phone}` : ""}
                    {c.region ? ` · ${t(`common:region.${c.region}`)}` : ""}
                  </label>
                </li>
              ))}
            </ul>
            {errors?.candidateId ? <p id="manual-candidate-error" className="mt-1 text-sm font-semibold text-red-700">{errorText(errors.candidateId)}</p> : null}
          </fieldset>
        ) : (
          <>
            {found ? <p className="text-stone-700">{t("manual.noResult", { q: q.candidat })}</p> : null}
            <TextField label={t("manual.candidateId")} hint={t("manual.candidateIdHint")} name="candidateId" inputMode="numeric" defaultValue={kept?.candidateId} error={errors?.candidateId} />
          </>
        )}
        <SelectField label={t("manual.orgId")} name="orgId" defaultValue={kept?.orgId ?? ""} placeholder={t("manual.orgNone")} error={errors?.orgId} options={data.employers.map((e) => ({ value: String(e.id), label: e.name }))} />
        <TextField label={t("manual.employerName")} name="employerName" maxLength={data.limits.employerName} defaultValue={kept?.employerName} error={errors?.employerName} />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField label={t("manual.type")} name="type" defaultValue={kept?.type ?? "emploi"} error={errors?.type} options={OFFER_TYPES.map((type) => ({ value: type, label: t(`common:offerType.${type}`) }))} />
          <SelectField
            label={t("manual.contract")}
            name="contract"
            defaultValue={kept?.contract ?? "cdd"}
            error={errors?.contract}
            options={CONTRACTS.map((c) => ({ value: c, label: t(`common:contract.${c}`) }))}
          />
          <TextField label={t("manual.startDate")} hint={t("manual.startDateHint")} name="startDate" type="date" defaultValue={kept?.startDate} error={errors?.startDate} required />
          <TextField label={t("manual.payAmount")} name="payAmount" inputMode="numeric" defaultValue={kept?.payAmount} error={errors?.payAmount} />
        </div>
        <button type="submit" className="btn" disabled={busy}>{t("manual.submit")}</button>
      </Form>
    </section>
  );
}
