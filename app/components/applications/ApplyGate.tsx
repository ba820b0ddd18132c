import { Form, Link } from "react-router";
import { FormErrorSummary } from "~/components/Field";
import { LoginFields } from "~/components/LoginFields";
import type { RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

/**
 * What a visitor sees instead of the form: both ways in, side by side and alike —
 * creating an account that comes back here, or logging in here.
 */
export function ApplyGate({ offerId, refused }: { offerId: number; refused: RefusedForm | undefined }) {
  const { t } = useTranslation("apply");
  const busy = useBusy();
  const registerHref = `/inscription?${new URLSearchParams({ redirectTo: `/offres/${offerId}/postuler` })}`;
  // Signing up first: its section is the shorter, so that both fit on a phone's first screen.
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <section aria-labelledby="gate-register" className="card flex flex-col gap-3">
        <h2 id="gate-register" className="text-lg font-semibold">
          {t("gate.noAccount")}
        </h2>
        <p>{t("gate.noAccountBody")}</p>
        <div className="mt-auto">
          <Link to={registerHref} className="btn min-h-11 w-full">
            {t("gate.register")}
          </Link>
        </div>
      </section>
      <section aria-labelledby="gate-login" className="card flex flex-col gap-3">
        <h2 id="gate-login" className="text-lg font-semibold">
          {t("gate.haveAccount")}
        </h2>
        <Form method="post" className="space-y-3" noValidate>
          <FormErrorSummary message={refused?.formError} errors={refused?.fieldErrors} />
          <input type="hidden" name="intent" value="login" />
          <LoginFields refused={refused} />
          <button type="submit" className="btn min-h-11 w-full" disabled={busy}>
            {t("gate.logIn")}
          </button>
        </Form>
      </section>
    </div>
  );
}
