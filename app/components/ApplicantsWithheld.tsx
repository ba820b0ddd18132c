import { data, isRouteErrorResponse, Link, useRouteError } from "react-router";
import { useTranslation } from "~/utils/translation";
import type { VerificationStatus } from "../../db/enums";
import { ErrorPage } from "./ErrorPage";

type Withheld = { status: VerificationStatus; reason: string | null };
type WithheldError = { reason: "applicantsWithheld"; status: VerificationStatus; verificationReason: string | null };

/** The 403 thrown when the caller's organisation may not reach its applicants: it carries why. */
export function applicantsWithheld(withheld: Withheld) {
  return data<WithheldError>(
    { reason: "applicantsWithheld", status: withheld.status, verificationReason: withheld.reason },
    { status: 403 },
  );
}

function withheldOf(error: unknown): WithheldError | null {
  if (!isRouteErrorResponse(error) || error.status !== 403) return null;
  const body = error.data as Partial<WithheldError> | null;
  return body?.reason === "applicantsWithheld" && typeof body.status === "string" ? (body as WithheldError) : null;
}

/** The applicant pages' error page: why a suspended or rejected organisation sees no applicant, and whom to ask. */
export function ApplicantsWithheldBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("applications");
  const withheld = withheldOf(error);
  if (!withheld) {
    if (!isRouteErrorResponse(error) && import.meta.env.SSR) console.error(error);
    return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
  }
  return (
    <section aria-labelledby="withheld-title" className="mx-auto max-w-xl space-y-3 py-8">
      <title>{`${t("withheld.title")} · Baara`}</title>
      <p className="text-sm font-semibold text-brand-700">{t("common:errors.code", { status: 403 })}</p>
      <h1 id="withheld-title" className="text-2xl font-bold">
        {t("withheld.title")}
      </h1>
      <p>{t(`withheld.because.${withheld.status}`, { defaultValue: t("withheld.because.suspended") })}</p>
      {withheld.verificationReason ? <p>{t("withheld.reason", { reason: withheld.verificationReason })}</p> : null}
      <p>{t("withheld.contact")}</p>
      <p className="pt-3">
        <Link to="/employeur/organisation" className="btn">
          {t("withheld.organisationPage")}
        </Link>
      </p>
    </section>
  );
}
