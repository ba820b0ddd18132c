import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import { DueSection } from "~/components/placements/DueSection";
import { ListSection } from "~/components/placements/ListSection";
import { ManualSection } from "~/components/placements/ManualSection";
import { findCandidatesByName } from "~/models/candidate-search.server";
import {
  employerChoices,
  endPlacement,
  followupsDue,
  listPlacements,
  recordFollowup,
  recordManualPlacement,
} from "~/models/placements.server";
import { parseIdParam } from "~/schemas/params";
import {
  EMPLOYER_NAME_MAX,
  END_NOTE_MAX,
  FOLLOWUP_NOTE_MAX,
  type PlacementAction,
  parsePlacementFilters,
  placementActionSchema,
} from "~/schemas/placement";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { type Db, getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import type { Route } from "./+types/conseiller.placements";

export const handle = { i18n: ["common", "placements"] };

/** Follow-ups shown in each list (the most urgent first); the headings give the totals. */
const DUE_SHOWN = 20;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const url = new URL(request.url);
  const q = parsePlacementFilters(url.searchParams);
  const db = getDb();
  const mine = q.mes ? user.id : undefined;
  // Which placement's end form opens (after a follow-up found the person out of work).
  const endId = parseIdParam(url.searchParams.get("fin"));
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      q,
      today: isoToday(),
      flash,
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
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

/** One action by the model function of its form; where to go once done, and what to say there. */
function act(db: Db, counsellorId: number, input: PlacementAction, ip: string) {
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
          to: `?fin=${result.placementId}#placement-${result.placementId}`,
          done: "followupLeft",
        };
      return { ok: true as const, to: "", done: "followup" };
    }
    case "end": {
      const { placementId, endedOn, reason, note } = input;
      const result = endPlacement(db, counsellorId, placementId, { endedOn, reason, note }, by);
      return result?.ok ? { ok: true as const, to: "", done: "ended" } : result;
    }
    case "manual": {
      const result = recordManualPlacement(db, counsellorId, input, by);
      return result.ok ? { ok: true as const, to: "", done: "recorded" } : result;
    }
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const form = parseForm(placementActionSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = act(getDb(), user.id, form.data, clientIp(context));
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
    <div className="space-y-8">
      <PageHeading title={t("title")} intro={t("intro")} />
      {actionData ? null : <FlashNotice flash={loaderData.flash} />}
      {unplaced ? (
        <Notice tone="error" compact>
          {errorText(unplaced)}
        </Notice>
      ) : null}
      <DueSection data={loaderData} actionData={actionData} />
      <ListSection data={loaderData} actionData={actionData} />
      <ManualSection data={loaderData} actionData={actionData} />
    </div>
  );
}
