import { data, Form, Link, redirect } from "react-router";
import { ItemActionForm } from "~/components/ItemActionForm";
import { FlashNotice, Notice } from "~/components/Notice";
import { deleteAlert, listAlerts, MAX_SAVED_SEARCHES, saveAlert } from "~/models/alerts.server";
import { phoneState } from "~/models/phone-confirmation.server";
import { getOwnProfile } from "~/models/profiles.server";
import { type AlertQuery, alertQueryFromForm } from "~/schemas/alert";
import { parseIdParam } from "~/schemas/params";
import { getUser, requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { searchHref } from "~/utils/search-url";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/candidat.alertes";

export const handle = { i18n: ["common", "candidate", "phone"] };

// As in ~/schemas/alert, repeated here so that the page's JavaScript carries no zod.
const ALERT_FIELDS = ["q", "type", "region", "secteur", "contrat"] as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const db = getDb();
  const url = new URL(request.url);
  // Back from logging in with a search to save: it is shown for confirmation.
  const pending = alertQueryFromForm(url.searchParams);
  const { flash, headers } = await readFlash(request);
  const phone = phoneState(db, user.id);
  return withFlashCleared(
    {
      alerts: listAlerts(db, user.id).map((a) => ({ id: a.id, query: a.query as AlertQuery, createdAt: a.createdAt })),
      pending: pending.ok && !pending.empty ? pending.query : null,
      flash,
      smsConsent: Boolean(getOwnProfile(db, user.id)?.smsConsentAt),
      // SMS wait for a confirmed number.
      phoneUnconfirmed: Boolean(phone.accountPhone) && !phone.accountConfirmed,
      max: MAX_SAVED_SEARCHES,
    },
    headers,
  );
}

type ActionData = { formError: string };

export async function action({ request }: Route.ActionArgs) {
  // A visitor who asked for an alert from /offres logs in and comes back to confirm it.
  if (!(await getUser(request))) {
    const query = alertQueryFromForm(await request.formData());
    const back =
      query.ok && !query.empty ? `/candidat/alertes?${new URLSearchParams(query.query)}` : "/candidat/alertes";
    throw redirect(`/connexion?${new URLSearchParams({ redirectTo: back })}`);
  }
  const user = await requireRole(request, "candidat");
  const formData = await request.formData();
  const db = getDb();
  const intent = formData.get("intent");

  if (intent === "delete") {
    const alertId = parseIdParam(formData.get("alertId"));
    if (alertId === null || !deleteAlert(db, user.id, alertId)) throw data(null, { status: 404 });
    return redirectWithFlash("/candidat/alertes", { message: "candidate:alerts.notice.deleted" });
  }
  if (intent !== "save") throw data(null, { status: 400 });
  const query = alertQueryFromForm(formData);
  if (!query.ok) return data<ActionData>({ formError: query.error }, { status: 400 });
  if (query.empty) return data<ActionData>({ formError: "candidate:errors.alertEmpty" }, { status: 400 });
  const saved = saveAlert(db, user.id, query.query);
  if (!saved.ok) return data<ActionData>({ formError: "candidate:errors.alertTooMany" }, { status: 400 });
  return redirectWithFlash("/candidat/alertes", {
    message: saved.duplicate ? "candidate:alerts.notice.duplicate" : "candidate:alerts.notice.saved",
  });
}

/** A saved search in words: `électricien · Sikasso · Apprentissage`. */
function useAlertDescription() {
  const { t } = useTranslation("candidate");
  return (query: AlertQuery) => {
    const parts = [
      query.q,
      query.region ? t(`common:region.${query.region}`) : null,
      query.type ? t(`common:offerType.${query.type}`) : null,
      query.secteur ? t(`common:sector.${query.secteur}`) : null,
      query.contrat ? t(`common:contract.${query.contrat}`) : null,
    ].filter(Boolean);
    return parts.length ? parts.join(" · ") : t("alerts.everything");
  };
}

export default function Alerts({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const format = useFormat();
  const describe = useAlertDescription();
  const { alerts, pending, flash, smsConsent, phoneUnconfirmed, max } = loaderData;
  return (
    <div className="space-y-6">
      <title>{`${t("alerts.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("alerts.title")}</h1>
      <p className="text-stone-700">
        {t("alerts.intro", { max })} {t(smsConsent ? "alerts.bySms" : "alerts.inPortalOnly")}{" "}
        {smsConsent ? null : <Link to="/candidat/profil#field-smsConsent">{t("alerts.enableSms")}</Link>}
      </p>
      {smsConsent && phoneUnconfirmed ? (
        <Notice tone="warning">
          {t("phone:alerts.unconfirmed")}{" "}
          <Link
            to="/confirmer-telephone?redirectTo=%2Fcandidat%2Falertes"
            className="inline-flex min-h-11 items-center"
          >
            {t("phone:alerts.confirmLink")}
          </Link>
        </Notice>
      ) : null}
      <FlashNotice flash={flash} />
      {actionData?.formError ? <Notice tone="error">{t(actionData.formError)}</Notice> : null}
      {pending ? (
        <Form method="post" className="card space-y-3">
          <p>{t("alerts.confirm", { search: describe(pending) })}</p>
          {ALERT_FIELDS.map((field) =>
            pending[field] ? <input key={field} type="hidden" name={field} value={pending[field]} /> : null,
          )}
          <button type="submit" name="intent" value="save" className="btn">
            {t("alerts.save")}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="alerts-list" className="space-y-2">
        <h2 id="alerts-list" className="text-xl font-semibold">
          {t("alerts.listTitle", { count: alerts.length, max })}
        </h2>
        {alerts.length === 0 ? (
          <p>
            {t("alerts.none")} <Link to="/offres">{t("alerts.goSearch")}</Link>
          </p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {alerts.map((alert) => (
              <li key={alert.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  <Link to={searchHref(alert.query as Parameters<typeof searchHref>[0])} className="font-semibold">
                    {describe(alert.query)}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {t("alerts.createdOn", { date: format.date(alert.createdAt, "medium") })}
                  </span>
                </span>
                <ItemActionForm
                  fields={{ alertId: alert.id }}
                  intent="delete"
                  className="btn-secondary px-3 py-1 text-sm"
                  aria-label={t("alerts.deleteLabel", { search: describe(alert.query) })}
                >
                  {t("alerts.delete")}
                </ItemActionForm>
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm text-stone-600">{t("alerts.howToAdd")}</p>
      </section>
    </div>
  );
}
