import { data, Form, Link } from "react-router";
import { NewPasswordFields } from "~/components/AccountFields";
import { FormErrorSummary, TextField } from "~/components/Field";
import { activateAccount } from "~/models/activation.server";
import { activationSchema } from "~/schemas/candidate";
import { getDb } from "~/utils/db.server";
import { parseForm, type RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { clientIp } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/activer-compte";

export const handle = { i18n: ["common", "counsellor"] };

const MESSAGES = {
  invalid: "counsellor:activation.errors.invalid",
  expired: "counsellor:activation.errors.expired",
  used: "counsellor:activation.errors.used",
} as const;

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const form = parseForm(activationSchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const db = getDb();
  const result = await activateAccount(db, { ...form.data, ip: clientIp(context) });
  // The code and the passwords are never sent back; the phone is.
  const values = { phone: String(formData.get("phone") ?? "") };
  if (!result.ok) {
    return result.reason === "rate_limited"
      ? data<RefusedForm>(
          { fieldErrors: {}, values, formError: "counsellor:activation.errors.tooMany" },
          { status: 429, headers: { "Retry-After": "900" } },
        )
      : data<RefusedForm>({ fieldErrors: {}, values, formError: MESSAGES[result.reason] }, { status: 400 });
  }
  return createUserSession(db, request, result.userId, "/candidat");
}

export default function ActivateAccount({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const busy = useBusy();
  const errors = actionData?.fieldErrors ?? {};
  const fields = [
    { name: "phone", type: "tel", inputMode: "tel", autoComplete: "tel", defaultValue: actionData?.values.phone },
    { name: "code", inputMode: "numeric", autoComplete: "one-time-code", maxLength: 12 },
  ] as const;
  return (
    <section className="mx-auto max-w-md" aria-labelledby="activate-title">
      <title>{`${t("activation.title")} · Baara`}</title>
      <h1 id="activate-title" className="text-2xl font-bold">
        {t("activation.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t("activation.intro")}</p>
      <Form method="post" className="card mt-4 space-y-4" noValidate>
        <FormErrorSummary message={actionData?.formError} errors={errors} />
        {fields.map(({ name, ...field }) => (
          <TextField
            key={name}
            label={t(`activation.${name}`)}
            hint={t(`activation.${name}Hint`)}
            name={name}
            required
            error={errors[name]}
            {...field}
          />
        ))}
        <NewPasswordFields label={(key) => t(`activation.${key}`)} errors={errors} />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("activation.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("activation.haveAccount")} <Link to="/connexion">{t("activation.login")}</Link>
      </p>
      <p>
        <Link to="/mot-de-passe-oublie" className="inline-flex min-h-11 items-center">
          {t("activation.forgotPassword")}
        </Link>
      </p>
    </section>
  );
}
