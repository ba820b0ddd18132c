import { useTranslation } from "react-i18next";
import { data, Form, Link, useSearchParams } from "react-router";
import { CurrentPasswordField } from "~/components/AccountFields";
import { FormErrorSummary, TextField } from "~/components/Field";
import { authenticate } from "~/models/login.server";
import { loginSchema } from "~/schemas/auth";
import { HOME_BY_ROLE, requireAnonymous } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm, type RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { clientIp, safeRedirect } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import type { Route } from "./+types/connexion";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = parseForm(loginSchema, await request.formData());
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });

  const db = getDb();
  const result = await authenticate(db, { ...form.data, ip: clientIp(context) });
  const values = { identifier: form.data.identifier };
  if (!result.ok) {
    return result.reason === "rate_limited"
      ? data<RefusedForm>(
          { fieldErrors: {}, values, formError: "validation.tooManyAttempts" },
          { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
        )
      : data<RefusedForm>({ fieldErrors: {}, values, formError: "validation.invalidCredentials" }, { status: 400 });
  }
  const redirectTo = safeRedirect(form.data.redirectTo, HOME_BY_ROLE[result.user.role]);
  return createUserSession(db, request, result.user.id, redirectTo);
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const [searchParams] = useSearchParams();
  const busy = useBusy();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const registerHref = redirectTo ? `/inscription?${new URLSearchParams({ redirectTo })}` : "/inscription";
  return (
    <section className="mx-auto max-w-md" aria-labelledby="login-title">
      <title>{`${t("login.title")} · Baara`}</title>
      <h1 id="login-title" className="text-2xl font-bold">
        {t("login.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t("login.intro")}</p>
      <Form method="post" className="card mt-4 space-y-4" noValidate>
        <FormErrorSummary message={actionData?.formError} errors={actionData?.fieldErrors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label={t("login.identifier")}
          hint={t("login.identifierHint")}
          name="identifier"
          autoComplete="username"
          required
          defaultValue={actionData?.values.identifier}
          error={actionData?.fieldErrors.identifier}
        />
        <CurrentPasswordField label={t("login.password")} name="password" error={actionData?.fieldErrors.password} />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("login.noAccount")} <Link to={registerHref}>{t("login.registerLink")}</Link>
      </p>
    </section>
  );
}
