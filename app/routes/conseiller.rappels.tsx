import { data } from "react-router";
import { CallbackList, CallbackTabs } from "~/components/callbacks/CallbackList";
import { IgnoredFilters } from "~/components/lists/IgnoredFilters";
import { FlashNotice, Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import {
  type CallbackResult,
  callbackTabCounts,
  completeCallback,
  listCallbacks,
  releaseCallback,
  takeCallback,
} from "~/models/callback-requests.server";
import { CALLBACK_TABS, callbackActionSchema, parseCallbacksQuery } from "~/schemas/callbacks";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldError, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.rappels";

export const handle = { i18n: ["common", "callbacks", "lists", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const { tab, page, ignored } = parseCallbacksQuery(new URL(request.url).searchParams);
  const db = getDb();
  const list = listCallbacks(db, { status: CALLBACK_TABS[tab], page, counsellorId: user.id });
  const now = Date.now();
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      tab,
      ignored,
      flash,
      viewerId: user.id,
      viewerIsAdmin: user.role === "admin",
      counts: callbackTabCounts(db, user.id),
      list: {
        ...list,
        // Measured here, so that the page reads the same on the server and in the browser.
        rows: list.rows.map((row) => ({ ...row, waitedMinutes: (now - row.createdAt.getTime()) / 60_000 })),
      },
    },
    headers,
  );
}

const STATUS_OF_REFUSAL = { notFound: 404, notYours: 403, taken: 409, done: 409, notTaken: 409 } as const;

function refusalText(result: Exclude<CallbackResult, { ok: true }>): FieldError {
  const key = `callbacks:errors.${result.reason}`;
  if (!("takenBy" in result)) return key;
  // The taker's account may be gone.
  return result.takenBy.name ? { key, values: { name: result.takenBy.name } } : `${key}Someone`;
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const form = parseForm(callbackActionSchema, await request.formData());
  if (!form.ok) return data({ error: "callbacks:errors.invalid" as FieldError }, { status: 400 });
  const { intent, callbackId } = form.data;
  const move = { take: takeCallback, complete: completeCallback, release: releaseCallback }[intent];
  const result = move(getDb(), callbackId, user.id);
  if (!result.ok) return data({ error: refusalText(result) }, { status: STATUS_OF_REFUSAL[result.reason] });
  // Back to the same tab and page.
  const back = new URL(request.url).search;
  return redirectWithFlash(`/conseiller/rappels${back}`, { message: `callbacks:flash.${intent}` });
}

export default function Callbacks({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("callbacks");
  const error = actionData?.error;
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} intro={t("intro")} />
      {error ? (
        <Notice tone="error">{typeof error === "string" ? t(error) : t(error.key, error.values)}</Notice>
      ) : (
        <FlashNotice flash={loaderData.flash} />
      )}
      <IgnoredFilters ignored={loaderData.ignored} />
      <CallbackTabs current={loaderData.tab} counts={loaderData.counts} />
      <CallbackList
        tab={loaderData.tab}
        list={loaderData.list}
        viewerId={loaderData.viewerId}
        viewerIsAdmin={loaderData.viewerIsAdmin}
      />
    </div>
  );
}
