import { data, Form, Link } from "react-router";
import { ContactFields, NameFields } from "~/components/AccountFields";
import { CheckboxField, ChoiceGroup, SelectField, TextField } from "~/components/Field";
import * as Profile from "~/components/ProfileFields";
import { registerAssisted } from "~/models/assisted-registration.server";
import { ContactTakenError } from "~/models/registration.server";
import { ASSISTED_LISTS, assistedRegistrationSchema } from "~/schemas/candidate";
import { MAX_AGE, MIN_AGE, SKILLS_MAX } from "~/schemas/profile";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formLists, formValues, parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.candidats.nouveau";

export const handle = { i18n: ["common", "counsellor", "candidate"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "conseiller", "admin");
  // Sent from here so that the page's JavaScript does not carry zod.
  return {
    today: isoToday(),
    skillsMax: SKILLS_MAX,
    minAge: MIN_AGE,
    maxAge: MAX_AGE,
    locale: await getLocale(request),
  };
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues; lists: Record<string, string[]> };

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const formData = await request.formData();
  const lists = formLists(formData, ASSISTED_LISTS);
  const form = parseForm(assistedRegistrationSchema(isoToday()), formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values, lists }, { status: 400 });
  try {
    const { userId, codeSent } = registerAssisted(getDb(), user.id, form.data, clientIp(context));
    const created =
      codeSent && form.data.phone
        ? { message: "counsellor:file.created.sms", values: { phone: formatMaliPhone(form.data.phone) } }
        : { message: "counsellor:file.created.noPhone" };
    return redirectWithFlash(`/conseiller/candidats/${userId}`, created);
  } catch (error) {
    if (!(error instanceof ContactTakenError)) throw error;
    const fieldErrors: FieldErrors = {};
    if (error.fields.phone) fieldErrors.phone = "validation.phoneTaken";
    if (error.fields.email) fieldErrors.email = "validation.emailTaken";
    return data<ActionData>({ fieldErrors, values: formValues(formData), lists }, { status: 400 });
  }
}

// The only fields of the shared profile fields that have a hint here.
const HINTED = ["trades", "skills"];

export default function RegisterCandidate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const busy = useBusy();
  const { today, skillsMax, minAge, maxAge } = loaderData;
  const values = actionData?.values ?? {};
  const lists = actionData?.lists ?? {};
  const errors = actionData?.fieldErrors ?? {};
  const form = { values, lists, errors };
  const wording: Profile.Wording = {
    label: (name) => t(`register.${name}`),
    hint: (name) => (HINTED.includes(name) ? t(`register.${name}Hint`) : undefined),
    choice: (name, code) => t(`labels.${name}.${code}`),
    choose: t("register.choose"),
    noAnswer: t("labels.notSaid"),
  };
  const fields = { wording, form };

  return (
    <section className="mx-auto max-w-2xl space-y-4" aria-labelledby="register-title">
      <title>{`${t("register.title")} · Baara`}</title>
      <p>
        <Link to="/conseiller/candidats">← {t("file.back")}</Link>
      </p>
      <h1 id="register-title" className="text-2xl font-bold">
        {t("register.title")}
      </h1>
      <p className="text-stone-700">{t("register.intro")}</p>

      <Form method="post" className="card space-y-6" noValidate>
        <Profile.FormErrors errors={errors} />

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("register.identity")}</legend>
          <NameFields label={(key) => t(`register.${key}`)} values={values} errors={errors} ofSomeoneElse />
          <Profile.SexField {...fields} unsaid={t("labels.notSaid")} />
          <Profile.BirthDateField {...fields} today={today} minAge={minAge} maxAge={maxAge} />
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("register.contact")}</legend>
          <ContactFields label={(key) => t(`register.${key}`)} values={values} errors={errors} ofSomeoneElse />
          <SelectField
            label={t("register.locale")}
            name="locale"
            options={["fr", "en"].map((code) => ({ value: code, label: t(`labels.locale.${code}`) }))}
            defaultValue={values.locale ?? loaderData.locale}
            error={errors.locale}
          />
          <CheckboxField
            label={t("register.smsConsent")}
            name="smsConsent"
            defaultChecked={values.smsConsent === "on"}
            error={errors.smsConsent}
          />
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("register.place")}</legend>
          <Profile.RegionField {...fields} />
          <TextField
            label={t("register.commune")}
            name="commune"
            maxLength={80}
            defaultValue={values.commune}
            error={errors.commune}
          />
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("register.work")}</legend>
          <Profile.SkillsFields {...fields} skillsMax={skillsMax} />
          <Profile.WorkFields {...fields} />
        </fieldset>

        <Profile.PrivateFields legend={t("register.sensitive")} intro={t("register.sensitivePurpose")} {...fields} />

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("register.consent")}</legend>
          <p className="text-stone-700">
            {t("register.consentHelp")} <Link to="/confidentialite">{t("register.privacyLink")}</Link>
          </p>
          <ChoiceGroup
            legend={t("register.consentMethod")}
            name="consentMethod"
            selected={[values.consentMethod ?? ""]}
            error={errors.consentMethod}
            choices={[
              { value: "oral", label: t("register.consentOral") },
              { value: "written", label: t("register.consentWritten") },
            ]}
          />
        </fieldset>

        <button type="submit" className="btn w-full sm:w-auto" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
    </section>
  );
}
