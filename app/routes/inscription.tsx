import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { ContactFields, NameFields, NewPasswordFields } from "~/components/AccountFields";
import { CheckboxField, FormErrorSummary, TextField } from "~/components/Field";
import { RegionField, SectorField } from "~/components/ReferenceFields";
import { registrationWait } from "~/models/limits.server";
import { sendPhoneCode } from "~/models/phone-confirmation.server";
import { ContactTakenError, registerAccount } from "~/models/registration.server";
import { registrationSchema } from "~/schemas/auth";
import { HOME_BY_ROLE, requireAnonymous } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { type FieldErrors, formValues, parseForm, type RefusedForm } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";
import { useBusy } from "~/utils/navigation";
import { confirmationPath } from "~/utils/phone-code.server";
import { clientIp, safeRedirect } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/inscription";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  // Only robots fill the hidden field: they get the home page, and no account.
  const trap = formData.get("website");
  if (typeof trap === "string" && trap.trim() !== "") return redirect("/");

  const form = parseForm(registrationSchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });

  const db = getDb();
  const limit = registrationWait(db, { ip: clientIp(context), contacts: [form.data.phone, form.data.email] });
  if (limit) {
    const formError =
      limit.reason === "too_many_accounts"
        ? "validation.tooManyRegistrations"
        : "validation.tooManyRefusedRegistrations";
    return data<RefusedForm>(
      { fieldErrors: {}, values: formValues(formData), formError },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }

  try {
    const user = await registerAccount(db, form.data, await getLocale(request), clientIp(context));
    const redirectTo = safeRedirect(formData.get("redirectTo"), HOME_BY_ROLE[user.role]);
    if (!form.data.phone) return createUserSession(db, request, user.id, redirectTo);
    // The account works at once; the confirmation page comes first, then where the person was going.
    sendPhoneCode(db, user.id, { ip: clientIp(context) });
    return createUserSession(db, request, user.id, confirmationPath(redirectTo));
  } catch (error) {
    if (!(error instanceof ContactTakenError)) throw error;
    const fieldErrors: FieldErrors = {};
    if (error.fields.phone) fieldErrors.phone = "validation.phoneTaken";
    if (error.fields.email) fieldErrors.email = "validation.emailTaken";
    return data<RefusedForm>({ fieldErrors, values: formValues(formData) }, { status: 400 });
  }
}

export default function Register({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const [searchParams] = useSearchParams();
  const busy = useBusy();
  const values = actionData?.values ?? {};
  const errors = actionData?.fieldErrors ?? {};
  const accountType = (values.accountType ?? searchParams.get("type")) === "employeur" ? "employeur" : "candidat";
  const redirectTo = values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const other = accountType === "candidat" ? "employeur" : "candidat";
  const back: Record<string, string> = redirectTo ? { redirectTo } : {};
  const otherHref = `/inscription?${new URLSearchParams({ type: other, ...back })}`;
  const loginHref = redirectTo ? `/connexion?${new URLSearchParams(back)}` : "/connexion";

  return (
    <section className="mx-auto max-w-lg" aria-labelledby="register-title">
      <title>{`${t(`register.title.${accountType}`)} · Baara`}</title>
      <h1 id="register-title" className="text-2xl font-bold">
        {t(`register.title.${accountType}`)}
      </h1>
      <p className="mt-2 text-stone-700">{t(`register.intro.${accountType}`)}</p>
      <p className="mt-2">
        <Link to={otherHref}>{t(`register.switchTo.${other}`)}</Link>
      </p>

      <Form method="post" className="card mt-4 space-y-4" noValidate>
        <FormErrorSummary errors={errors} message={actionData?.formError} />
        <input type="hidden" name="accountType" value={accountType} />
        <input type="hidden" name="redirectTo" value={redirectTo} />

        {accountType === "employeur" ? (
          <fieldset className="space-y-4">
            <legend className="text-lg font-semibold">{t("register.organisation")}</legend>
            <TextField
              label={t("register.orgName")}
              name="orgName"
              required
              maxLength={120}
              defaultValue={values.orgName}
              error={errors.orgName}
            />
            <SectorField
              label={t("register.sector")}
              required
              placeholder={t("register.choose")}
              defaultValue={values.sector ?? ""}
              error={errors.sector}
            />
            <RegionField
              label={t("register.region")}
              required
              placeholder={t("register.choose")}
              defaultValue={values.region ?? ""}
              error={errors.region}
            />
            <TextField
              label={t("register.rccm")}
              hint={t("register.rccmHint")}
              name="rccm"
              maxLength={40}
              defaultValue={values.rccm}
              error={errors.rccm}
            />
            <TextField
              label={t("register.nif")}
              hint={t("register.nifHint")}
              name="nif"
              maxLength={15}
              defaultValue={values.nif}
              error={errors.nif}
            />
          </fieldset>
        ) : null}

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">
            {t(accountType === "employeur" ? "register.contactPerson" : "register.you")}
          </legend>
          <NameFields label={(key) => t(`register.${key}`)} values={values} errors={errors} />
          <ContactFields
            label={(key) => t(`register.${key}`)}
            emailHint={t("register.emailHint")}
            values={values}
            errors={errors}
          />
          <NewPasswordFields label={(key) => t(`register.${key}`)} errors={errors} />
        </fieldset>

        {/* A trap for robots: people neither see it nor reach it with the keyboard. */}
        <div className="absolute -left-[10000px] h-px w-px overflow-hidden" aria-hidden="true">
          <label htmlFor="register-website">{t("register.honeypot")}</label>
          <input id="register-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <CheckboxField
          name="consent"
          label={t(`register.consent.${accountType}`)}
          hint={<Link to="/confidentialite">{t("register.privacyLink")}</Link>}
          defaultChecked={values.consent === "on"}
          error={errors.consent}
        />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("register.haveAccount")} <Link to={loginHref}>{t("register.loginLink")}</Link>
      </p>
    </section>
  );
}
