import type { ReactNode } from "react";
import { data, Form, Link, useLoaderData } from "react-router";
import { CheckboxField, SelectField, TextField, useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { PhoneNumber } from "~/components/PhoneNumber";
import { RegionField } from "~/components/ReferenceFields";
import { searchCandidates } from "~/models/candidate-search.server";
import { assignCounsellor, listColleagues } from "~/models/candidates.server";
import { assignSchema, type CandidateSearch, candidateSearchSchema } from "~/schemas/candidate";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { TRADE_CODES } from "~/utils/reference";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.candidats._index";

export const handle = { i18n: ["common", "counsellor", "offers"] };

const SEARCH_KEYS = ["q", "region", "trade", "status", "mine", "page"] as const;

/** The search as a query string (only the search's own keys), to come back to the same list. */
function searchQuery(search: URLSearchParams, changes: Record<string, string | undefined> = {}) {
  const query = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = key in changes ? changes[key] : search.get(key);
    if (value) query.set(key, value);
  }
  return query.toString();
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const url = new URL(request.url);
  const filters: CandidateSearch = candidateSearchSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      me: user.id,
      filters,
      query: searchQuery(url.searchParams),
      flash,
      result: searchCandidates(db, user.id, filters),
      colleagues: listColleagues(db, user.id),
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const form = parseForm(assignSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const counsellorId = form.data.intent === "assign.self" ? user.id : form.data.counsellorId;
  const result = assignCounsellor(getDb(), user.id, form.data.candidateId, counsellorId, clientIp(context));
  if (!result.ok) {
    const notFound = result.reason === "not_found";
    return data<ActionData>(
      {
        fieldErrors: { form: notFound ? "counsellor:errors.notFound" : "counsellor:errors.notAllowed" },
        values: formValues(formData),
      },
      { status: notFound ? 404 : 400 },
    );
  }
  const back = new URLSearchParams(String(formData.get("returnTo") ?? ""));
  const query = searchQuery(back);
  return redirectWithFlash(`/conseiller/candidats${query ? `?${query}` : ""}`, { message: "counsellor:list.assigned" });
}

export default function Candidates({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const errorText = useErrorText();
  const { filters, result, query } = loaderData;
  const params = new URLSearchParams(query);
  const hrefFor = (page: number) =>
    `/conseiller/candidats?${searchQuery(params, { page: page > 1 ? String(page) : undefined })}`;
  const error = actionData ? (actionData.fieldErrors.form ?? Object.values(actionData.fieldErrors)[0]) : undefined;

  return (
    <div className="space-y-6">
      <title>{`${t("list.title")} · Baara`}</title>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("list.title")}</h1>
          <p className="mt-1 text-stone-700">{t("list.intro")}</p>
        </div>
        <Link to="/conseiller/candidats/nouveau" className="btn">
          {t("list.register")}
        </Link>
      </div>
      {actionData ? null : <FlashNotice flash={loaderData.flash} />}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}

      <Form method="get" className="card grid gap-4 sm:grid-cols-2" role="search" aria-label={t("list.search")}>
        <TextField
          label={t("list.q")}
          hint={t("list.qHint")}
          name="q"
          type="search"
          maxLength={100}
          defaultValue={filters.q ?? ""}
        />
        <RegionField label={t("list.region")} placeholder={t("list.anyRegion")} defaultValue={filters.region ?? ""} />
        <SelectField
          label={t("list.trade")}
          name="trade"
          placeholder={t("list.anyTrade")}
          options={TRADE_CODES.map((code) => ({ value: code, label: t(`common:trade.${code}`) })).sort((a, b) =>
            a.label.localeCompare(b.label),
          )}
          defaultValue={filters.trade ?? ""}
        />
        <SelectField
          label={t("list.status")}
          name="status"
          placeholder={t("list.any")}
          options={[
            { value: "looking", label: t("labels.looking") },
            { value: "placed", label: t("labels.placed") },
          ]}
          defaultValue={filters.status ?? ""}
        />
        <CheckboxField label={t("list.mine")} name="mine" value="1" defaultChecked={filters.mine === true} />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
          <button type="submit" className="btn">
            {t("list.submit")}
          </button>
          <Link to="/conseiller/candidats">{t("list.reset")}</Link>
          <Link to="/conseiller/candidats?mine=1">{t("list.mineLink")}</Link>
        </div>
      </Form>

      <section aria-labelledby="candidates-results" className="space-y-3">
        <h2 id="candidates-results" className="text-xl font-semibold">
          {t("list.results", { count: result.total })}
        </h2>
        {result.candidates.length === 0 ? <p className="text-stone-700">{t("list.empty")}</p> : null}
        <ul className="space-y-3">
          {result.candidates.map((candidate) => (
            <CandidateItem key={candidate.userId} candidate={candidate} returnTo={query} />
          ))}
        </ul>
        <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
      </section>
    </div>
  );
}

type Row = Route.ComponentProps["loaderData"]["result"]["candidates"][number];

function CandidateItem({ candidate, returnTo }: { candidate: Row; returnTo: string }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  const { me, colleagues } = useLoaderData<typeof loader>();
  const name = `${candidate.firstName} ${candidate.lastName}`;
  const mine = candidate.counsellorId === me;
  return (
    <li className="card space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg font-semibold">
          <Link to={`/conseiller/candidats/${candidate.userId}`}>{name}</Link>
        </h3>
        <span
          className={`rounded-full px-2 py-0.5 text-sm ${candidate.placed ? "bg-green-100 text-green-900" : "bg-stone-100 text-stone-800"}`}
        >
          {t(candidate.placed ? "labels.placed" : "labels.looking")}
        </span>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <Pair label={t("list.phone")}>
          {candidate.phone ? <PhoneNumber phone={candidate.phone} /> : t("list.noPhone")}
        </Pair>
        <Pair label={t("list.place")}>
          {[candidate.commune, candidate.region ? t(`common:region.${candidate.region}`) : null]
            .filter(Boolean)
            .join(", ") || t("labels.notGiven")}
        </Pair>
        <Pair label={t("list.trades")}>
          {candidate.trades.length
            ? candidate.trades.map((trade) => t(`common:trade.${trade}`)).join(", ")
            : t("labels.notGiven")}
        </Pair>
        <Pair label={t("list.education")}>
          {candidate.educationLevel ? t(`common:education.${candidate.educationLevel}`) : t("labels.notGiven")}
        </Pair>
        <Pair label={t("list.counsellor")}>
          {mine ? t("list.you") : (candidate.counsellorName ?? t("list.noCounsellor"))}
        </Pair>
      </dl>
      <p className="text-xs text-stone-600">
        {t("list.registeredOn", { date: format.date(candidate.registeredAt, "medium") })}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        {!mine ? (
          <Form method="post">
            <input type="hidden" name="candidateId" value={candidate.userId} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button
              type="submit"
              name="intent"
              value="assign.self"
              className="btn-secondary"
              aria-label={`${t("list.assignSelf")} : ${name}`}
            >
              {t("list.assignSelf")}
            </button>
          </Form>
        ) : null}
        {colleagues.length > 0 ? (
          // Folded away (a plain <details>, no JavaScript): the list stays short on a phone.
          <details className="w-full">
            <summary className="cursor-pointer py-1 text-brand-700">{t("list.assignTo")}</summary>
            <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
              <input type="hidden" name="candidateId" value={candidate.userId} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <SelectField
                label={t("list.colleagueFor", { name })}
                name="counsellorId"
                placeholder={t("list.chooseColleague")}
                options={colleagues.map((c) => ({ value: String(c.id), label: c.displayName }))}
                defaultValue=""
              />
              <button type="submit" name="intent" value="assign.colleague" className="btn-secondary">
                {t("list.assignSubmit")}
              </button>
            </Form>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function Pair({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
