import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { data, Form, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/conseiller.moderation";
import { Alert } from "~/components/Alert";
import { TextField, useErrorText } from "~/components/Field";
import { IdentityRequestItem } from "~/components/moderation/IdentityRequestItem";
import { decideIdentityRequest, pendingIdentityRequestCount, pendingIdentityRequests } from "~/models/identity-requests.server";
import {
  decideOffer,
  decideOrganisation,
  decideReports,
  MODERATION_LIST_LIMIT,
  moderationCounts,
  openReports,
  pendingOffers,
  pendingOrganisations,
} from "~/models/moderation.server";
import { MODERATION_INTENTS, moderationSchema, REASON_MAX, type ModerationInput } from "~/schemas/moderation";
import { requireRole } from "~/utils/auth.server";
import { getDb, type Db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { formValues, parseForm, type FieldError, type FieldErrors, type FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { clientIp } from "~/utils/request.server";

export const handle = { i18n: ["common", "moderation"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  const db = getDb();
  // The decision just taken (after the redirect), to confirm it.
  const done = new URL(request.url).searchParams.get("fait");
  return {
    done: (MODERATION_INTENTS as readonly (string | null)[]).includes(done) ? done : null,
    // Sent from here so that the page's JavaScript does not carry zod.
    reasonMax: REASON_MAX,
    counts: moderationCounts(db),
    organisations: pendingOrganisations(db),
    identityRequests: pendingIdentityRequests(db, MODERATION_LIST_LIMIT),
    identityRequestCount: pendingIdentityRequestCount(db),
    offers: pendingOffers(db),
    reports: openReports(db),
    // Each list shows at most this many items; the headings give the totals.
    limit: MODERATION_LIST_LIMIT,
  };
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

/** One decision, by the model function of its subject. */
function decide(db: Db, counsellorId: number, input: ModerationInput, ip: string) {
  const by = { counsellorId, ip };
  switch (input.intent) {
    case "org.verify":
      return decideOrganisation(db, { ...by, orgId: input.orgId, decision: "verify" });
    case "org.reject":
      return decideOrganisation(db, { ...by, orgId: input.orgId, decision: "reject", reason: input.reason });
    case "org.suspend":
      return decideOrganisation(db, { ...by, orgId: input.orgId, decision: "suspend", reason: input.reason });
    case "offer.publish":
      return decideOffer(db, { ...by, offerId: input.offerId, decision: "publish" });
    case "offer.reject":
      return decideOffer(db, { ...by, offerId: input.offerId, decision: "reject", reason: input.reason });
    case "reports.dismiss":
      return decideReports(db, { ...by, offerId: input.offerId, decision: "dismiss" });
    case "reports.suspend":
      return decideReports(db, { ...by, offerId: input.offerId, decision: "suspend", reason: input.reason });
    case "identity.accept":
      return decideIdentityRequest(db, { ...by, requestId: input.requestId, decision: "accept" });
    case "identity.refuse":
      return decideIdentityRequest(db, { ...by, requestId: input.requestId, decision: "refuse", reason: input.reason });
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const form = parseForm(moderationSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = decide(getDb(), user.id, form.data, clientIp(context));
  // The subject's id comes back with the error, so that the page shows it beside that item.
  if (result === null) {
    return data<ActionData>({ fieldErrors: { form: "moderation:errors.notFound" }, values: formValues(formData) }, { status: 404 });
  }
  if ("error" in result) {
    return data<ActionData>({ fieldErrors: { form: "moderation:errors.orgNotVerified" }, values: formValues(formData) }, { status: 400 });
  }
  return redirect(`/conseiller/moderation?fait=${form.data.intent}`);
}

const SUBJECT_FIELD = { org: "orgId", offer: "offerId", reports: "offerId", identity: "requestId" } as const;

/** The errors of the form that was sent about this item, if it was this one. */
function itemErrors(actionData: ActionData | undefined) {
  return (subject: keyof typeof SUBJECT_FIELD, id: number) => {
    const values = actionData?.values;
    if (!values?.intent?.startsWith(`${subject}.`)) return undefined;
    return values[SUBJECT_FIELD[subject]] === String(id) ? actionData!.fieldErrors : undefined;
  };
}

export default function Moderation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("moderation");
  const errorText = useErrorText();
  const { counts, organisations, identityRequests, identityRequestCount, offers, reports, limit, done } = loaderData;
  const busy = useBusy();
  const errorsFor = itemErrors(actionData);

  // An error whose item is no longer listed (decided meanwhile; or the page reloaded without JavaScript).
  const values = actionData?.values;
  const listed =
    organisations.some((o) => errorsFor("org", o.id)) ||
    identityRequests.some((r) => errorsFor("identity", r.id)) ||
    offers.some((o) => errorsFor("offer", o.id)) ||
    reports.some((r) => errorsFor("reports", r.offerId));
  const pageError = actionData && !listed ? (actionData.fieldErrors.form ?? Object.values(actionData.fieldErrors)[0]) : undefined;

  return (
    <div className="space-y-8">
      <title>{`${t("title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("intro")}</p>
      </div>
      {done && !actionData ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          {t(`done.${done}`)}
        </p>
      ) : null}
      {pageError ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {errorText(pageError)}
        </p>
      ) : null}

      <Section id="mod-orgs" heading={t("organisations.heading", { n: counts.organisations })} total={counts.organisations} shown={organisations.length} limit={limit} empty={t("organisations.empty")}>
        {organisations.map((org) => (
          <OrganisationItem key={org.id} org={org} errors={errorsFor("org", org.id)} values={values} />
        ))}
      </Section>

      <Section id="mod-identity" heading={t("identity.heading", { n: identityRequestCount })} total={identityRequestCount} shown={identityRequests.length} limit={limit} empty={t("identity.empty")}>
        {identityRequests.map((request) => {
          const errors = errorsFor("identity", request.id);
          return (
            <IdentityRequestItem key={request.id} request={request} busy={busy}
              alert={<ItemAlert errors={errors} />} reasonField={<ReasonField errors={errors} values={values} />} />
          );
        })}
      </Section>

      <Section id="mod-offers" heading={t("offers.heading", { n: counts.offers })} total={counts.offers} shown={offers.length} limit={limit} empty={t("offers.empty")}>
        {offers.map((offer) => (
          <OfferItem key={offer.id} offer={offer} errors={errorsFor("offer", offer.id)} values={values} />
        ))}
      </Section>

      <Section id="mod-reports" heading={t("reports.heading", { n: counts.reports })} total={counts.reportedOffers} shown={reports.length} limit={limit} empty={t("reports.empty")}>
        {reports.map((group) => (
          <ReportGroup key={group.offerId} group={group} errors={errorsFor("reports", group.offerId)} values={values} />
        ))}
      </Section>
    </div>
  );
}

function Section({ id, heading, total, shown, limit, empty, children }: { id: string; heading: string; total: number; shown: number; limit: number; empty: string; children: ReactNode }) {
  const { t } = useTranslation("moderation");
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">{heading}</h2>
      {shown === 0 ? <p className="text-stone-700">{empty}</p> : <ul className="space-y-4">{children}</ul>}
      {total > shown && shown === limit ? <p className="text-sm text-stone-600">{t("showingFirst", { n: shown })}</p> : null}
    </section>
  );
}

type ItemProps = { errors: FieldErrors | undefined; values: FormValues | undefined };

/** The error of an item's form that is not about the reason (not found, already decided, not verified). */
function ItemAlert({ errors }: { errors: FieldErrors | undefined }) {
  const errorText = useErrorText();
  const error: FieldError | undefined = errors && (errors.form ?? errors.intent ?? errors.orgId ?? errors.offerId ?? errors.requestId);
  if (!error) return null;
  return <Alert>{errorText(error)}</Alert>;
}

function SubjectFields({ name, id, intent }: { name: "orgId" | "offerId"; id: number; intent?: string }) {
  return (
    <>
      <input type="hidden" name={name} value={id} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
    </>
  );
}

function ReasonField({ errors, values }: ItemProps) {
  const { t } = useTranslation("moderation");
  const { reasonMax } = useLoaderData<typeof loader>();
  return (
    <TextField
      label={t("reasonLabel")}
      hint={t("reasonHint")}
      name="reason"
      maxLength={reasonMax}
      defaultValue={errors ? values?.reason : undefined}
      error={errors?.reason}
    />
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sm:flex sm:gap-2">
      <dt className="font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type PendingOrg = Route.ComponentProps["loaderData"]["organisations"][number];

function OrganisationItem({ org, errors, values }: ItemProps & { org: PendingOrg }) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  const busy = useBusy();
  const notSet = t("notSet");
  const titleId = `org-${org.id}`;
  const contact = [org.contactName, org.contactPhone, org.contactEmail].filter(Boolean).join(" · ");
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">{org.name}</h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("organisations.rccm")}>{org.rccm ?? notSet}</Detail>
          <Detail label={t("organisations.nif")}>{org.nif ?? notSet}</Detail>
          <Detail label={t("organisations.sector")}>{org.sector ? t(`common:sector.${org.sector}`) : notSet}</Detail>
          <Detail label={t("organisations.place")}>
            {org.region ? [org.commune, t(`common:region.${org.region}`)].filter(Boolean).join(", ") : notSet}
          </Detail>
          <Detail label={t("organisations.contact")}>{contact || notSet}</Detail>
          <Detail label={t("organisations.membership")}>{t(`membership.${org.membership}`)}</Detail>
          <Detail label={t("organisations.registered")}>{format.date(org.createdAt, "medium")}</Detail>
        </dl>
        <ItemAlert errors={errors} />
        <Form method="post">
          <SubjectFields name="orgId" id={org.id} intent="org.verify" />
          <button type="submit" className="btn" disabled={busy}>{t("organisations.verify")}</button>
        </Form>
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <SubjectFields name="orgId" id={org.id} />
          <ReasonField errors={errors} values={values} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value="org.reject" className="btn-secondary" disabled={busy}>{t("organisations.reject")}</button>
            <button type="submit" name="intent" value="org.suspend" className="btn-secondary" disabled={busy}>{t("organisations.suspend")}</button>
          </div>
        </Form>
      </article>
    </li>
  );
}

type PendingOffer = Route.ComponentProps["loaderData"]["offers"][number];

function OfferItem({ offer, errors, values }: ItemProps & { offer: PendingOffer }) {
  const { t } = useTranslation("moderation");
  const busy = useBusy();
  const titleId = `offer-${offer.id}`;
  const excerpt = offer.excerpt.replace(/\s+/g, " ").trim();
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          <Link to={`/offres/${offer.id}`}>{offer.title}</Link>
        </h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("offers.organisation")}>
            {offer.orgName} ({t(`common:verificationStatus.${offer.orgStatus}`)})
          </Detail>
          <Detail label={t("offers.type")}>{t(`common:offerType.${offer.type}`)}</Detail>
          <Detail label={t("offers.place")}>{[offer.commune, t(`common:region.${offer.region}`)].filter(Boolean).join(", ")}</Detail>
        </dl>
        {offer.moderationFlags.length > 0 ? (
          <div className="text-sm">
            <p className="font-medium">{t("offers.heldBecause")}</p>
            <ul className="ml-5 list-disc">
              {offer.moderationFlags.map((flag) => (
                <li key={flag}>{t(`flag.${flag}`, { defaultValue: flag })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="whitespace-pre-line border-l-4 border-stone-300 pl-3 text-sm text-stone-700">
          {excerpt}
          {offer.truncated ? "…" : ""}
        </p>
        {offer.orgStatus !== "verified" ? <p className="text-sm text-amber-900">{t("offers.orgNotVerified")}</p> : null}
        <ItemAlert errors={errors} />
        <Form method="post">
          <SubjectFields name="offerId" id={offer.id} intent="offer.publish" />
          <button type="submit" className="btn" disabled={busy}>{t("offers.publish")}</button>
        </Form>
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <SubjectFields name="offerId" id={offer.id} intent="offer.reject" />
          <ReasonField errors={errors} values={values} />
          <button type="submit" className="btn-secondary" disabled={busy}>{t("offers.reject")}</button>
        </Form>
      </article>
    </li>
  );
}

type ReportedOffer = Route.ComponentProps["loaderData"]["reports"][number];

function ReportGroup({ group, errors, values }: ItemProps & { group: ReportedOffer }) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  const busy = useBusy();
  const titleId = `reports-${group.offerId}`;
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          <Link to={`/offres/${group.offerId}`}>{group.offerTitle}</Link>
        </h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("reports.organisation")}>{group.orgName}</Detail>
          <Detail label={t("reports.status")}>
            {group.suspendedByReports ? t("reports.suspended") : t(`common:offerStatus.${group.offerStatus}`)}
          </Detail>
        </dl>
        <p className="font-semibold">{t("reports.count", { count: group.reports.length })}</p>
        <ul className="space-y-2 text-sm">
          {group.reports.map((report) => (
            <li key={report.id} className="rounded-md bg-stone-100 p-2">
              <p>
                <strong>{t(`reason.${report.reason}`)}</strong> · {t("reports.on", { date: format.date(report.createdAt, "medium") })}
              </p>
              <p className="whitespace-pre-line break-words">{report.details ?? t("reports.noDetails")}</p>
            </li>
          ))}
        </ul>
        <ItemAlert errors={errors} />
        <Form method="post">
          <SubjectFields name="offerId" id={group.offerId} intent="reports.dismiss" />
          <button type="submit" className="btn-secondary" disabled={busy}>{t("reports.dismiss")}</button>
        </Form>
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <SubjectFields name="offerId" id={group.offerId} intent="reports.suspend" />
          <ReasonField errors={errors} values={values} />
          <button type="submit" className="btn" disabled={busy}>{t("reports.suspend")}</button>
        </Form>
      </article>
    </li>
  );
}
