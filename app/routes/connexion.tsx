import { Form, Link, useSearchParams } from "react-router";
import { FormErrorSummary } from "~/components/Field";
import { LoginFields } from "~/components/LoginFields";
import { HOME_BY_ROLE, requireAnonymous } from "~/utils/auth.server";
import { logInWithForm } from "~/utils/login-form.server";
import { useBusy } from "~/utils/navigation";
import { safeRedirect } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/connexion";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  return logInWithForm(request, context, await request.formData(), (role, form) =>
    safeRedirect(form.redirectTo, HOME_BY_ROLE[role]),
  );
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
        <LoginFields refused={actionData} />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="mt-2">
        <Link to="/mot-de-passe-oublie" className="inline-flex min-h-11 items-center">
          {t("login.forgotPassword")}
        </Link>
      </p>
      <p className="mt-2">
        {t("login.noAccount")} <Link to={registerHref}>{t("login.registerLink")}</Link>
      </p>
    </section>
  );
}
