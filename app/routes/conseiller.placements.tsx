import { data } from "react-router";
import { useErrorText } from "~/components/Field";
import { IgnoredFilters } from "~/components/lists/IgnoredFilters";
import { FlashNotice, Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import { DueSection } from "~/components/placements/DueSection";
import { ListSection } from "~/components/placements/ListSection";
import { ManualSection } from "~/components/placements/ManualSection";
import { ViewNav } from "~/components/placements/ViewNav";
import { findCandidatesByName } from "~/models/candidate-search.server";
import {
  countFollowupsToDo,
  employerChoices,
  endPlacement,
  followupsToDo,
  listPlacements,
  recordFollowup,
  recordManualPlacement,
} from "~/models/placements.server";
import { submitTrainingOutcome, TRAINING_INTENT, trainingsOf } from "~/models/training-outcomes.server";
import { parseIdParam } from "~/schemas/params";
import {
  EMPLOYER_NAME_MAX,
  END_NOTE_MAX,
  FOLLOWUP_NOTE_MAX,
  type PlacementAction,
  placementActionSchema,
} from "~/schemas/placement";
import { parsePlacementsQuery } from "~/schemas/placement-lists";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { type Db, getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.placements";

export const handle = { i18n: ["common", "placements", "lists", "offers", "training"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const { view, query: q, ignored } = parsePlacementsQuery(new URL(request.url).searchParams);
  const db = getDb();
  const today = isoToday();
  const mine = q.mes ? user.id : undefined;
  const shared = { region: q.region, employer: q.employeur || undefined, counsellorId: mine, page: q.page };
  const { flash, headers } = await readFlash(request);
  const list =
    view === "placements"
      ? listPlacements(db, {
          ...shared,
          status: q.statut === "en-cours" ? "ongoing" : q.statut === "termines" ? "ended" : undefined,
          from: q.du,
          to: q.au,
          placementId: q.fin,
        })
      : null;
  const trainings = trainingsOf(db, list?.placements.map((p) => p.id) ?? [], "counsellor");
  return withFlashCleared(
    {
      view,
      q,
      ignored,
      today,
      flash,
      // Which placement's end form opens (after a follow-up found the person out of work).
      endId: q.fin ?? null,
      followupsToDo: countFollowupsToDo(db, { today }),
      followups:
        view === "suivis"
          ? followupsToDo(db, {
              ...shared,
              today,
              window: q.echeance === "retard" ? "overdue" : q.echeance === "semaine" ? "week" : undefined,
              monthsAfter: q.suivi,
            })
          : null,
      list,
      // The formation rows: their outcome and the form to record it.
      trainings: Object.fromEntries(trainings),
      found: view === "nouveau" && q.candidat ? findCandidatesByName(db, q.candidat) : null,
      employers: view === "nouveau" ? employerChoices(db) : [],
      limits: { followupNote: FOLLOWUP_NOTE_MAX, endNote: END_NOTE_MAX, employerName: EMPLOYER_NAME_MAX },
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

/** One action by the model function of its form; where to go once done, and what to say there. */
function act(db: Db, counsellorId: number, input: PlacementAction, ip: string, back: string) {
  const by = { ip };
  switch (input.intent) {
    case "followup": {
      const { followupId, stillEmployed, note, doneOn } = input;
      const result = recordFollowup(db, counsellorId, followupId, { stillEmployed, note, doneOn }, by);
      if (!result?.ok) return result;
      // No longer in work: straight to that placement's end form.
      const left = !result.stillEmployed && result.placementOngoing;
      if (left)
        return {
          ok: true as const,
          to: `?vue=placements&fin=${result.placementId}#placement-${result.placementId}`,
          done: "followupLeft",
        };
      return { ok: true as const, to: back, done: "followup" };
    }
    case "end": {
      const { placementId, endedOn, reason, note } = input;
      const result = endPlacement(db, counsellorId, placementId, { endedOn, reason, note }, by);
      return result?.ok ? { ok: true as const, to: back, done: "ended" } : result;
    }
    case "manual": {
      const result = recordManualPlacement(db, counsellorId, input, by);
      return result.ok ? { ok: true as const, to: "?vue=placements", done: "recorded" } : result;
    }
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const back = new URL(request.url).searchParams;
  back.delete("fin");
  const backTo = `/conseiller/placements${back.toString() ? `?${back}` : ""}`;
  if (formData.get("intent") === TRAINING_INTENT) {
    const placementId = parseIdParam(String(formData.get("placementId") ?? ""));
    const result =
      placementId === null
        ? null
        : submitTrainingOutcome(getDb(), formData, {
            placementId,
            actor: { userId: user.id, roles: [user.role === "admin" ? "admin" : "counsellor"] },
            ip: clientIp(context),
          });
    if (result?.ok) return redirectWithFlash(backTo, { message: `training:done.${result.outcome}` });
    if (!result || result.status === 404)
      return data<ActionData>(
        { fieldErrors: { form: "placements:errors.notFound" }, values: formValues(formData) },
        { status: 404 },
      );
    const { fieldErrors, values, formError } = result;
    return data<ActionData>({ fieldErrors, values, formError }, { status: result.status });
  }
  const form = parseForm(placementActionSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  // Back to the same view, filters and page; a placement just ended is no longer singled out.
  const result = act(getDb(), user.id, form.data, clientIp(context), back.toString() ? `?${back}` : "");
  if (!result)
    return data<ActionData>(
      { fieldErrors: { form: "placements:errors.notFound" }, values: formValues(formData) },
      { status: 404 },
    );
  if (!result.ok)
    return data<ActionData>(
      { fieldErrors: { form: `placements:errors.${result.reason}` }, values: formValues(formData) },
      { status: 400 },
    );
  return redirectWithFlash(`/conseiller/placements${result.to}`, { message: `placements:done.${result.done}` });
}

export default function Placements({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("placements");
  const errorText = useErrorText();
  const unplaced =
    actionData && !["followup", "end", "manual"].includes(actionData.values.intent ?? "")
      ? (actionData.fieldErrors.intent ?? actionData.fieldErrors.form)
      : undefined;
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} intro={t("intro")} />
      {actionData ? null : <FlashNotice flash={loaderData.flash} />}
      {unplaced ? (
        <Notice tone="error" compact>
          {errorText(unplaced)}
        </Notice>
      ) : null}
      <ViewNav current={loaderData.view} followupsToDo={loaderData.followupsToDo} />
      <IgnoredFilters ignored={loaderData.ignored} />
      {loaderData.view === "suivis" ? <DueSection data={loaderData} actionData={actionData} /> : null}
      {loaderData.view === "placements" ? <ListSection data={loaderData} actionData={actionData} /> : null}
      {loaderData.view === "nouveau" ? <ManualSection data={loaderData} actionData={actionData} /> : null}
    </div>
  );
}
