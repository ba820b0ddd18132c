import { Form } from "react-router";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { IdentityComparison } from "./IdentityComparison";

type Identity = { name: string; rccm: string | null; nif: string | null };

/** The employer's side of a change of identity waiting for a counsellor: what, when, withdraw. */
export function PendingIdentityRequest({
  current,
  request,
  busy,
  error,
}: {
  current: Identity;
  request: Identity & { requestedAt: Date };
  busy: boolean;
  error?: string;
}) {
  const { t } = useTranslation("employer");
  const format = useFormat();
  return (
    <section
      aria-labelledby="identity-request-title"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 space-y-2"
    >
      <h2 id="identity-request-title" className="font-semibold">
        {t("organisation.identityRequest.title")}
      </h2>
      <p>{t("organisation.identityRequest.askedOn", { date: format.date(request.requestedAt, "medium") })}</p>
      <IdentityComparison
        current={current}
        requested={request}
        labels={{
          name: t("organisation.identityRequest.name"),
          rccm: "RCCM",
          nif: "NIF",
          current: t("organisation.identityRequest.current"),
          requested: t("organisation.identityRequest.requested"),
          notSet: t("organisation.identityRequest.notSet"),
        }}
      />
      <p className="text-sm">{t("organisation.identityRequest.howToReplace")}</p>
      {error ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(error)}
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" name="intent" value="withdrawIdentity" className="btn-secondary" disabled={busy}>
          {t("organisation.identityRequest.withdraw")}
        </button>
      </Form>
    </section>
  );
}
