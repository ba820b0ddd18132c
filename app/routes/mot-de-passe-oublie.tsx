import { data, Form, Link } from "react-router";
import { FormErrorSummary, TextField } from "~/components/Field";
import { requestPasswordReset } from "~/models/password-reset.server";
import { forgottenPasswordSchema } from "~/schemas/password";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, type RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { RESET_PATH } from "~/utils/password-reset";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/mot-de-passe-oublie";

export const handle = { i18n: ["common", "password"] };

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const form = parseForm(forgottenPasswordSchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const typed = String(formData.get("identifier"));
  const result = requestPasswordReset(getDb(), { identifier: form.data.identifier, ip: clientIp(context) });
  if (!result.ok) {
    return data<RefusedForm>(
      { fieldErrors: {}, values: { identifier: typed }, formError: "password:errors.tooManyRequests" },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not an account matches; the next form starts with what was typed.
  return redirectWithFlash(RESET_PATH, { message: "password:forgotten.sent", values: { identifier: typed } });
}

export default function ForgottenPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("password");
  const busy = useBusy();
  return (
    <section className="mx-auto max-w-md" aria-labelledby="forgotten-title">
      <title>{`${t("forgotten.title")} · Baara`}</title>
      <h1 id="forgotten-title" className="text-2xl font-bold">
        {t("forgotten.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t("forgotten.intro")}</p>
      <Form method="post" className="card mt-4 space-y-4" noValidate>
        <FormErrorSummary message={actionData?.formError} errors={actionData?.fieldErrors} />
        <TextField
          label={t("forgotten.identifier")}
          hint={t("forgotten.identifierHint")}
          name="identifier"
          autoComplete="username"
          required
          maxLength={254}
          defaultValue={actionData?.values.identifier}
          error={actionData?.fieldErrors.identifier}
        />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("forgotten.submit")}
        </button>
      </Form>
      <ul className="mt-4 space-y-1">
        <li>
          {t("forgotten.haveCode")}{" "}
          <Link to={RESET_PATH} className="inline-flex min-h-11 items-center">
            {t("forgotten.enterCode")}
          </Link>
        </li>
        <li>
          <Link to="/connexion" className="inline-flex min-h-11 items-center">
            {t("forgotten.backToLogin")}
          </Link>
        </li>
      </ul>
    </section>
  );
}
