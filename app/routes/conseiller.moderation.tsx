import { data } from "react-router";
import { useErrorText } from "~/components/Field";
import { IgnoredFilters } from "~/components/lists/IgnoredFilters";
import { IdentityRequestItem } from "~/components/moderation/IdentityRequestItem";
import { ItemAlert, ReasonField } from "~/components/moderation/ItemParts";
import { OfferItem } from "~/components/moderation/OfferItem";
import { OrganisationItem } from "~/components/moderation/OrganisationItem";
import { QueueFilters } from "~/components/moderation/QueueFilters";
import { QueueNav } from "~/components/moderation/QueueNav";
import { ReportGroup } from "~/components/moderation/ReportGroup";
import { Section } from "~/components/moderation/Section";
import { FlashNotice, Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import { decideIdentityRequest } from "~/models/identity-requests.server";
import { decideOffer, decideOrganisation, decideReports } from "~/models/moderation.server";
import {
  moderationCounts,
  openReports,
  pendingIdentityChanges,
  pendingOffers,
  pendingOrganisations,
} from "~/models/moderation-queues.server";
import { listHref } from "~/schemas/list-query";
import { type ModerationInput, moderationSchema, REASON_MAX } from "~/schemas/moderation";
import { parseModerationQuery, type Queue, type QueueQuery } from "~/schemas/moderation-queues";
import { requireRole } from "~/utils/auth.server";
import { type Db, getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.moderation";

export const handle = { i18n: ["common", "moderation", "lists", "offers"] };

/** The page of the queue shown (the others are only counted). */
function queuePage(db: Db, queue: Queue, q: QueueQuery) {
  const common = { age: q.age, page: q.page };
  return {
    organisations: queue === "organisations" ? pendingOrganisations(db, { ...common, region: q.region }) : null,
    identityRequests: queue === "identite" ? pendingIdentityChanges(db, common) : null,
    offers: queue === "offres" ? pendingOffers(db, { ...common, type: q.type, flag: q.regle, region: q.region }) : null,
    reports: queue === "signalements" ? openReports(db, { ...common, reason: q.motif }) : null,
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  const db = getDb();
  const all = moderationCounts(db);
  const counts: Record<Queue, number> = {
    organisations: all.organisations,
    identite: all.identity,
    offres: all.offers,
    signalements: all.reportedOffers,
  };
  const { queue, query, ignored } = parseModerationQuery(new URL(request.url).searchParams, counts);
  // The decision just taken (after the redirect), to confirm it.
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      flash,
      // Sent from here so that the page's JavaScript does not carry zod.
      reasonMax: REASON_MAX,
      counts,
      queue,
      query,
      ignored,
      ...queuePage(db, queue, query),
    },
    headers,
  );
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
    return data<ActionData>(
      { fieldErrors: { form: "moderation:errors.notFound" }, values: formValues(formData) },
      { status: 404 },
    );
  }
  if ("error" in result) {
    return data<ActionData>(
      { fieldErrors: { form: "moderation:errors.orgNotVerified" }, values: formValues(formData) },
      { status: 400 },
    );
  }
  // Back to the same queue, filters and page.
  const back = `/conseiller/moderation${new URL(request.url).search}`;
  return redirectWithFlash(back, { message: `moderation:done.${form.data.intent}` });
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
  const { counts, queue, query, ignored, organisations, identityRequests, offers, reports, flash } = loaderData;
  const busy = useBusy();
  const errorsFor = itemErrors(actionData);
  const shown = organisations ?? identityRequests ?? offers ?? reports;
  const paging = shown && {
    page: shown.page,
    pageCount: shown.pageCount,
    shown: shown.items.length,
    hrefFor: (page: number) => listHref("/conseiller/moderation", { liste: queue, ...query }, page),
  };

  // An error whose item is no longer listed (decided meanwhile; or the page reloaded without JavaScript).
  const values = actionData?.values;
  const listed =
    organisations?.items.some((o) => errorsFor("org", o.id)) ||
    identityRequests?.items.some((r) => errorsFor("identity", r.id)) ||
    offers?.items.some((o) => errorsFor("offer", o.id)) ||
    reports?.items.some((r) => errorsFor("reports", r.offerId));
  const pageError =
    actionData && !listed ? (actionData.fieldErrors.form ?? Object.values(actionData.fieldErrors)[0]) : undefined;

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} intro={t("intro")} />
      {actionData ? null : <FlashNotice flash={flash} />}
      {pageError ? <Notice tone="error">{errorText(pageError)}</Notice> : null}
      <QueueNav current={queue} counts={counts} />
      <IgnoredFilters ignored={ignored} />
      <QueueFilters queue={queue} query={query} />

      {organisations && paging ? (
        <Section
          id="mod-orgs"
          heading={t("organisations.heading", { n: organisations.total })}
          paging={paging}
          empty={t("organisations.empty")}
        >
          {organisations.items.map((org) => (
            <OrganisationItem key={org.id} org={org} errors={errorsFor("org", org.id)} values={values} />
          ))}
        </Section>
      ) : null}

      {identityRequests && paging ? (
        <Section
          id="mod-identity"
          heading={t("identity.heading", { n: identityRequests.total })}
          paging={paging}
          empty={t("identity.empty")}
        >
          {identityRequests.items.map((request) => {
            const errors = errorsFor("identity", request.id);
            return (
              <IdentityRequestItem
                key={request.id}
                request={request}
                busy={busy}
                alert={<ItemAlert errors={errors} />}
                reasonField={<ReasonField errors={errors} values={values} />}
              />
            );
          })}
        </Section>
      ) : null}

      {offers && paging ? (
        <Section
          id="mod-offers"
          heading={t("offers.heading", { n: offers.total })}
          paging={paging}
          empty={t("offers.empty")}
        >
          {offers.items.map((offer) => (
            <OfferItem key={offer.id} offer={offer} errors={errorsFor("offer", offer.id)} values={values} />
          ))}
        </Section>
      ) : null}

      {reports && paging ? (
        <Section
          id="mod-reports"
          heading={t("reports.heading", { n: reports.total })}
          paging={paging}
          empty={t("reports.empty")}
        >
          {reports.items.map((group) => (
            <ReportGroup
              key={group.offerId}
              group={group}
              errors={errorsFor("reports", group.offerId)}
              values={values}
            />
          ))}
        </Section>
      ) : null}
    </div>
  );
}
