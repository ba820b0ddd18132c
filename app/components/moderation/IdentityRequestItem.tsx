import type { ReactNode } from "react";
import { Form } from "react-router";
import { IdentityComparison } from "~/components/organisation/IdentityComparison";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

type Identity = { name: string; rccm: string | null; nif: string | null };

export type IdentityRequestRow = {
  id: number;
  current: Identity;
  requested: Identity;
  requestedAt: Date;
  requestedByName: string | null;
};

/**
 * A verified organisation's request to change its name, RCCM or NIF: the
 * checked identity and the requested one side by side, accept or refuse.
 */
export function IdentityRequestItem({
  request,
  alert,
  reasonField,
  busy,
}: {
  request: IdentityRequestRow;
  alert: ReactNode;
  reasonField: ReactNode;
  busy: boolean;
}) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  const titleId = `identity-${request.id}`;
  const subject = <input type="hidden" name="requestId" value={request.id} />;
  return (
    <li>
      <article aria-labelledby={titleId} className="card space-y-3">
        <h3 id={titleId} className="text-lg font-semibold">
          {request.current.name}
        </h3>
        <p className="text-sm text-stone-700">
          {t("identity.askedOn", {
            date: format.date(request.requestedAt, "medium"),
            name: request.requestedByName ?? t("notSet"),
          })}
        </p>
        <IdentityComparison
          current={request.current}
          requested={request.requested}
          labels={{
            name: t("identity.name"),
            rccm: t("organisations.rccm"),
            nif: t("organisations.nif"),
            current: t("identity.current"),
            requested: t("identity.requested"),
            notSet: t("notSet"),
          }}
        />
        {alert}
        <Form method="post">
          {subject}
          <input type="hidden" name="intent" value="identity.accept" />
          <button type="submit" className="btn" disabled={busy}>
            {t("identity.accept")}
          </button>
        </Form>
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          {subject}
          <input type="hidden" name="intent" value="identity.refuse" />
          {reasonField}
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("identity.refuse")}
          </button>
        </Form>
      </article>
    </li>
  );
}
