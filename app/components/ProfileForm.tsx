// The candidate's profile form. Works without JavaScript: a plain POST whose
// refused answer comes back with what was typed and one message per field.
import { Form, Link } from "react-router";
import { NameFields } from "~/components/AccountFields";
import { CheckboxField } from "~/components/Field";
import * as Profile from "~/components/ProfileFields";
import { CommuneField } from "~/components/ReferenceFields";
import { useFormat } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

export type ProfileFormValues = { values: Record<string, string>; lists: Record<string, string[]> };

// The person's own wording of the shared fields, where its keys differ from the field names.
const LABEL_KEYS: Record<string, string> = { educationLevel: "education" };
const HINT_KEYS: Record<string, string> = {
  birthDate: "birthDateHint",
  trades: "tradesHint",
  skills: "skillsHint",
  experienceYears: "experienceHint",
  disability: "disabilityWhy",
  migrantStatus: "migrantWhy",
};
const CHOICE_KEYS: Record<string, string> = {
  sex: "sexChoice",
  availability: "availabilityChoice",
  disability: "disabilityChoice",
  migrantStatus: "migrantChoice",
};

export function ProfileForm({
  initial,
  errors,
  consentAt,
  hasPhone,
  today,
}: {
  initial: ProfileFormValues;
  errors: FieldErrors;
  consentAt: Date | null;
  hasPhone: boolean;
  today: string;
}) {
  const { t } = useTranslation("candidate");
  const format = useFormat();
  const busy = useBusy();
  const { values, lists } = initial;
  const form = { values, lists, errors };
  const wording: Profile.Wording = {
    label: (name) => t(`profile.${LABEL_KEYS[name] ?? name}`),
    hint: (name) => (HINT_KEYS[name] ? t(`profile.${HINT_KEYS[name]}`) : undefined),
    choice: (name, code) => t(`profile.${CHOICE_KEYS[name]}.${code}`),
    choose: t("profile.choose"),
    noAnswer: t("profile.noAnswer"),
  };
  const fields = { wording, form };

  return (
    <Form method="post" className="card space-y-6" noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title" className="sr-only">
        {t("profile.formTitle")}
      </h2>
      <Profile.FormErrors errors={errors} />
      <input type="hidden" name="intent" value="profile.save" />

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.you")}</legend>
        <NameFields label={(key) => t(`profile.${key}`)} values={values} errors={errors} />
        <Profile.SexField {...fields} unsaid={t("profile.sexChoice.unsaid")} />
        <Profile.BirthDateField {...fields} today={today} minAge={14} maxAge={80} />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.place")}</legend>
        <Profile.RegionField {...fields} />
        <div id="field-commune">
          <CommuneField
            label={t("profile.commune")}
            hint={t("profile.communeHint")}
            autoComplete="off"
            defaultValue={values.commune}
            error={errors.commune}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.skills")}</legend>
        <Profile.SkillsFields {...fields} skillsMax={300} />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.work")}</legend>
        <Profile.WorkFields {...fields} />
      </fieldset>

      <Profile.PrivateFields legend={t("profile.sections.private")} intro={t("profile.privateIntro")} {...fields} />

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.consent")}</legend>
        {consentAt ? (
          <p>
            {t("profile.consentGiven", { date: format.dateTime(new Date(consentAt)) })}{" "}
            <Link to="/confidentialite">{t("profile.privacyLink")}</Link>
          </p>
        ) : (
          <CheckboxField
            label={t("profile.consent")}
            name="consent"
            required
            hint={<Link to="/confidentialite">{t("profile.privacyLink")}</Link>}
            defaultChecked={values.consent === "on"}
            error={errors.consent}
          />
        )}
        <div id="field-smsConsent">
          <CheckboxField
            label={t(hasPhone ? "profile.smsConsent.sms" : "profile.smsConsent.email")}
            name="smsConsent"
            hint={t("profile.smsConsentHint")}
            defaultChecked={values.smsConsent === "on"}
            error={errors.smsConsent}
          />
        </div>
      </fieldset>

      <button type="submit" className="btn w-full sm:w-auto" disabled={busy}>
        {t("profile.save")}
      </button>
    </Form>
  );
}
