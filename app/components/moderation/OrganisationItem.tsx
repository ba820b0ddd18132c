import { Form } from "react-router";
import { PhoneNumber } from "~/components/PhoneNumber";
import { moderatorActionsFor } from "~/models/lifecycles/organisation";
import { useFormat } from "~/utils/format";
import { useBusy } from "~/utils/navigation";
import { placeName } from "~/utils/place";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.moderation";
import { Detail, ItemAlert, type ItemProps, ReasonField, SubjectFields } from "./ItemParts";

type PendingOrg = NonNullable<Route.ComponentProps["loaderData"]["organisations"]>["items"][number];

// The queue lists pending organisations only; the decisions needing a reason share one form.
const DECISIONS = moderatorActionsFor("pending");
const DECISIONS_WITH_REASON = DECISIONS.filter((action) => action !== "verify");

export function OrganisationItem({ org, errors, values }: ItemProps & { org: PendingOrg }) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  const busy = useBusy();
  const notSet = t("notSet");
  const titleId = `org-${org.id}`;
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          {org.name}
        </h3>
        <dl className="grid gap-1 text-sm">
          <Detail label={t("organisations.rccm")}>{org.rccm ?? notSet}</Detail>
          <Detail label={t("organisations.nif")}>{org.nif ?? notSet}</Detail>
          <Detail label={t("organisations.sector")}>{org.sector ? t(`common:sector.${org.sector}`) : notSet}</Detail>
          <Detail label={t("organisations.place")}>
            {org.region ? placeName(org.commune, t(`common:region.${org.region}`)) : notSet}
          </Detail>
          <Detail label={t("organisations.contact")}>
            {org.contactName || org.contactPhone || org.contactEmail ? (
              <>
                {[org.contactName, org.contactEmail].filter(Boolean).join(" · ")}{" "}
                {org.contactPhone ? <PhoneNumber phone={org.contactPhone} /> : null}
              </>
            ) : (
              notSet
            )}
          </Detail>
          <Detail label={t("organisations.membership")}>{t(`membership.${org.membership}`)}</Detail>
          <Detail label={t("organisations.registered")}>{format.date(org.createdAt, "medium")}</Detail>
        </dl>
        <ItemAlert errors={errors} />
        {DECISIONS.includes("verify") ? (
          <Form method="post">
            <SubjectFields name="orgId" id={org.id} intent="org.verify" />
            <button type="submit" className="btn" disabled={busy}>
              {t("organisations.verify")}
            </button>
          </Form>
        ) : null}
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <SubjectFields name="orgId" id={org.id} />
          <ReasonField errors={errors} values={values} />
          <div className="flex flex-wrap gap-2">
            {DECISIONS_WITH_REASON.map((action) => (
              <button
                key={action}
                type="submit"
                name="intent"
                value={`org.${action}`}
                className="btn-secondary"
                disabled={busy}
              >
                {t(`organisations.${action}`)}
              </button>
            ))}
          </div>
        </Form>
      </article>
    </li>
  );
}
