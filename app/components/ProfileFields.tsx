// The profile's fields, as both the candidate's own form and the counsellor's registration ask them.
// Each form words them in its own locale keys (the person's own voice, or a third person's).
// Every field sits in a `field-<name>` box: the completeness bar links to it.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceGroup, SelectField, TextareaField, TextField } from "~/components/Field";
import { RegionField } from "~/components/ReferenceFields";
import { TradePicker } from "~/components/TradePicker";
import type { FieldErrors } from "~/utils/forms";
import { LANGUAGE_CODES } from "~/utils/reference";
import { AVAILABILITIES, DISABILITIES, EDUCATION_LEVELS, MIGRANT_STATUSES } from "../../db/enums";

/** How a form words the fields: a label and an optional hint by field name, a code's wording by list. */
export type ProfileWording = {
  label: (name: string) => string;
  hint: (name: string) => string | undefined;
  choice: (name: string, code: string) => string;
  choose: string;
  noAnswer: string;
};

export type ProfileFormState = {
  values: Record<string, string | undefined>;
  lists: Record<string, string[] | undefined>;
  errors: FieldErrors;
};

type Props = { wording: ProfileWording; form: ProfileFormState };

function FieldBox({ name, children }: { name: string; children: ReactNode }) {
  return <div id={`field-${name}`}>{children}</div>;
}

/** A select among codes: `choice` words each one, the form gives its value and error. */
function CodeSelect({
  name,
  codes,
  choice,
  wording,
  form,
  placeholder = wording.choose,
}: Props & { name: string; codes: readonly string[]; choice: (code: string) => string; placeholder?: string }) {
  return (
    <FieldBox name={name}>
      <SelectField
        label={wording.label(name)}
        hint={wording.hint(name)}
        name={name}
        placeholder={placeholder}
        options={codes.map((code) => ({ value: code, label: choice(code) }))}
        defaultValue={form.values[name] ?? ""}
        error={form.errors[name]}
      />
    </FieldBox>
  );
}

export function ProfileRegionField({ wording, form }: Props) {
  return (
    <FieldBox name="region">
      <RegionField
        label={wording.label("region")}
        placeholder={wording.choose}
        defaultValue={form.values.region ?? ""}
        error={form.errors.region}
      />
    </FieldBox>
  );
}

/** Education, trades, other skills and languages. */
export function SkillsFields({ wording, form, skillsMax }: Props & { skillsMax: number }) {
  const { t } = useTranslation();
  const { values, lists, errors } = form;
  const education = (code: string) => t(`common:education.${code}`);
  return (
    <>
      <CodeSelect name="educationLevel" codes={EDUCATION_LEVELS} choice={education} wording={wording} form={form} />
      <TradePicker
        id="field-trades"
        legend={wording.label("trades")}
        hint={wording.hint("trades") ?? ""}
        name="trades"
        selected={lists.trades ?? []}
        error={errors.trades}
      />
      <TextareaField
        label={wording.label("skills")}
        hint={wording.hint("skills")}
        name="skills"
        rows={3}
        maxLength={skillsMax}
        defaultValue={values.skills}
        error={errors.skills}
      />
      <FieldBox name="languages">
        <ChoiceGroup
          legend={wording.label("languages")}
          name="languages"
          multiple
          selected={lists.languages ?? []}
          choices={LANGUAGE_CODES.map((code) => ({ value: code, label: t(`common:language.${code}`) }))}
          error={errors.languages}
        />
      </FieldBox>
    </>
  );
}

/** Years of experience, when the person can start, and the driving licence. */
export function WorkFields({ wording, form }: Props) {
  const availability = (code: string) => wording.choice("availability", code);
  return (
    <>
      <FieldBox name="experienceYears">
        <TextField
          label={wording.label("experienceYears")}
          hint={wording.hint("experienceYears")}
          name="experienceYears"
          inputMode="numeric"
          maxLength={3}
          defaultValue={form.values.experienceYears}
          error={form.errors.experienceYears}
        />
      </FieldBox>
      <CodeSelect name="availability" codes={AVAILABILITIES} choice={availability} wording={wording} form={form} />
      <CheckboxField
        label={wording.label("drivingLicence")}
        name="drivingLicence"
        defaultChecked={form.values.drivingLicence === "on"}
        error={form.errors.drivingLicence}
      />
    </>
  );
}

/** Disability and migration: optional, seen by counsellors and admins only. */
export function PrivateFields({ wording, form }: Props) {
  const lists = [
    { name: "disability", codes: DISABILITIES },
    { name: "migrantStatus", codes: MIGRANT_STATUSES },
  ];
  return lists.map(({ name, codes }) => (
    <CodeSelect
      key={name}
      name={name}
      codes={codes}
      choice={(code) => wording.choice(name, code)}
      placeholder={wording.noAnswer}
      wording={wording}
      form={form}
    />
  ));
}
