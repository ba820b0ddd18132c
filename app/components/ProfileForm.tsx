// The candidate's profile form. Works without JavaScript: a plain POST whose
// refused answer comes back with what was typed and one message per field.
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import {
  CheckboxField,
  ChoiceGroup,
  FormErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useErrorText,
} from "~/components/Field";
import { TradePicker } from "~/components/TradePicker";
import { addMonths } from "~/utils/dates";
import { useFormat } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { LANGUAGE_CODES, REGION_CODES, REGIONS } from "~/utils/reference";
import { AVAILABILITIES, DISABILITIES, EDUCATION_LEVELS, MIGRANT_STATUSES } from "../../db/enums";

export type ProfileFormValues = { values: Record<string, string>; lists: Record<string, string[]> };

// Every commune of the reference list once, for the commune field's suggestions.
const COMMUNES = [...new Set(Object.values(REGIONS).flat())].sort((a, b) => a.localeCompare(b, "fr"));

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
  const errorText = useErrorText();
  const busy = useBusy();
  const { values, lists } = initial;
  const options = (codes: readonly string[], prefix: string) =>
    codes.map((code) => ({ value: code, label: t(`${prefix}.${code}`) }));

  return (
    <Form method="post" className="card space-y-6" noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title" className="sr-only">
        {t("profile.formTitle")}
      </h2>
      <FormErrorSummary errors={errors} />
      {errors.form ? (
        <p role="alert" className="font-semibold text-red-700">
          {errorText(errors.form)}
        </p>
      ) : null}
      <input type="hidden" name="intent" value="profile.save" />

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.you")}</legend>
        <TextField
          label={t("profile.firstName")}
          name="firstName"
          autoComplete="given-name"
          required
          maxLength={60}
          defaultValue={values.firstName}
          error={errors.firstName}
        />
        <TextField
          label={t("profile.lastName")}
          name="lastName"
          autoComplete="family-name"
          required
          maxLength={60}
          defaultValue={values.lastName}
          error={errors.lastName}
        />
        <ChoiceGroup
          legend={t("profile.sex")}
          name="sex"
          selected={[values.sex ?? ""]}
          error={errors.sex}
          choices={[
            { value: "f", label: t("profile.sexChoice.f") },
            { value: "m", label: t("profile.sexChoice.m") },
            { value: "", label: t("profile.sexChoice.unsaid") },
          ]}
        />
        <div id="field-birthDate">
          <TextField
            label={t("profile.birthDate")}
            hint={t("profile.birthDateHint")}
            name="birthDate"
            type="date"
            min={addMonths(today, -12 * 80)}
            max={addMonths(today, -12 * 14)}
            defaultValue={values.birthDate}
            error={errors.birthDate}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.place")}</legend>
        <div id="field-region">
          <SelectField
            label={t("profile.region")}
            name="region"
            placeholder={t("profile.choose")}
            options={REGION_CODES.map((code) => ({ value: code, label: t(`common:region.${code}`) }))}
            defaultValue={values.region ?? ""}
            error={errors.region}
          />
        </div>
        <div id="field-commune">
          <TextField
            label={t("profile.commune")}
            hint={t("profile.communeHint")}
            name="commune"
            list="communes"
            maxLength={80}
            autoComplete="off"
            defaultValue={values.commune}
            error={errors.commune}
          />
          <datalist id="communes">
            {COMMUNES.map((commune) => (
              <option key={commune} value={commune} />
            ))}
          </datalist>
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.skills")}</legend>
        <div id="field-educationLevel">
          <SelectField
            label={t("profile.education")}
            name="educationLevel"
            placeholder={t("profile.choose")}
            options={options(EDUCATION_LEVELS, "common:education")}
            defaultValue={values.educationLevel ?? ""}
            error={errors.educationLevel}
          />
        </div>
        <TradePicker
          id="field-trades"
          legend={t("profile.trades")}
          hint={t("profile.tradesHint")}
          name="trades"
          selected={lists.trades ?? []}
          error={errors.trades}
        />
        <TextareaField
          label={t("profile.skills")}
          hint={t("profile.skillsHint")}
          name="skills"
          rows={3}
          maxLength={300}
          defaultValue={values.skills}
          error={errors.skills}
        />
        <div id="field-languages">
          <ChoiceGroup
            legend={t("profile.languages")}
            name="languages"
            multiple
            selected={lists.languages ?? []}
            choices={options(LANGUAGE_CODES, "common:language")}
            error={errors.languages}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.work")}</legend>
        <div id="field-experienceYears">
          <TextField
            label={t("profile.experienceYears")}
            hint={t("profile.experienceHint")}
            name="experienceYears"
            inputMode="numeric"
            maxLength={3}
            defaultValue={values.experienceYears}
            error={errors.experienceYears}
          />
        </div>
        <div id="field-availability">
          <SelectField
            label={t("profile.availability")}
            name="availability"
            placeholder={t("profile.choose")}
            options={options(AVAILABILITIES, "profile.availabilityChoice")}
            defaultValue={values.availability ?? ""}
            error={errors.availability}
          />
        </div>
        <CheckboxField
          label={t("profile.drivingLicence")}
          name="drivingLicence"
          defaultChecked={values.drivingLicence === "on"}
          error={errors.drivingLicence}
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("profile.sections.private")}</legend>
        <p className="text-stone-700">{t("profile.privateIntro")}</p>
        <SelectField
          label={t("profile.disability")}
          hint={t("profile.disabilityWhy")}
          name="disability"
          placeholder={t("profile.noAnswer")}
          options={options(DISABILITIES, "profile.disabilityChoice")}
          defaultValue={values.disability ?? ""}
          error={errors.disability}
        />
        <SelectField
          label={t("profile.migrantStatus")}
          hint={t("profile.migrantWhy")}
          name="migrantStatus"
          placeholder={t("profile.noAnswer")}
          options={options(MIGRANT_STATUSES, "profile.migrantChoice")}
          defaultValue={values.migrantStatus ?? ""}
          error={errors.migrantStatus}
        />
      </fieldset>

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
