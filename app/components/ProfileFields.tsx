// The profile's fields, as both the candidate's own form and the counsellor's registration ask them.
// Each form words them in its own locale keys (the person's own voice, or a third person's).
// Every field sits in a `field-<name>` box: the completeness bar links to it.
import type { InputHTMLAttributes, ReactNode } from "react";
import {
  CheckboxField,
  ChoiceGroup,
  FormErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useErrorText,
} from "~/components/Field";
import { RegionField as ReferenceRegionField } from "~/components/ReferenceFields";
import { TradePicker } from "~/components/TradePicker";
import { addMonths } from "~/utils/dates";
import type { FieldErrors } from "~/utils/forms";
import { LANGUAGE_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";
import { AVAILABILITIES, DISABILITIES, EDUCATION_LEVELS, MIGRANT_STATUSES } from "../../db/enums";

/** How a form words the fields: a label and an optional hint by field name, a code's wording by list. */
export type Wording = {
  label: (name: string) => string;
  hint: (name: string) => string | undefined;
  choice: (name: string, code: string) => string;
  choose: string;
  noAnswer: string;
};

type ProfileFormState = {
  values: Record<string, string | undefined>;
  lists: Record<string, string[] | undefined>;
  errors: FieldErrors;
};

type Props = { wording: Wording; form: ProfileFormState };

/** The summary of a refused form, and the message about the whole form (a field posted twice, an unknown one). */
export function FormErrors({ errors }: { errors: FieldErrors }) {
  const errorText = useErrorText();
  return (
    <>
      <FormErrorSummary errors={errors} />
      {errors.form ? (
        <p role="alert" className="font-semibold text-red-700">
          {errorText(errors.form)}
        </p>
      ) : null}
    </>
  );
}

function FieldBox({ name, children }: { name: string; children: ReactNode }) {
  return <div id={`field-${name}`}>{children}</div>;
}

/** A text field in its box: worded by the form, with its value and error. */
function BoxedTextField({
  name,
  wording,
  form,
  ...input
}: Props & { name: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form">) {
  return (
    <FieldBox name={name}>
      <TextField
        label={wording.label(name)}
        hint={wording.hint(name)}
        name={name}
        defaultValue={form.values[name]}
        error={form.errors[name]}
        {...input}
      />
    </FieldBox>
  );
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

/** Sex: woman, man, or not said (worded by `unsaid`). */
export function SexField({ wording, form, unsaid }: Props & { unsaid: string }) {
  const choices = ["f", "m"].map((code) => ({ value: code, label: wording.choice("sex", code) }));
  return (
    <ChoiceGroup
      legend={wording.label("sex")}
      name="sex"
      selected={[form.values.sex ?? ""]}
      error={form.errors.sex}
      choices={[...choices, { value: "", label: unsaid }]}
    />
  );
}

/** The birth date, within the ages the schema accepts today. */
export function BirthDateField({
  today,
  minAge,
  maxAge,
  ...fields
}: Props & { today: string; minAge: number; maxAge: number }) {
  const oldest = addMonths(today, -12 * maxAge);
  return <BoxedTextField name="birthDate" type="date" min={oldest} max={addMonths(today, -12 * minAge)} {...fields} />;
}

export function RegionField({ wording, form }: Props) {
  return (
    <FieldBox name="region">
      <ReferenceRegionField
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
      <BoxedTextField name="experienceYears" inputMode="numeric" maxLength={3} wording={wording} form={form} />
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

/** Disability and migration: optional, seen by counsellors and admins only, in a fieldset saying why. */
export function PrivateFields({ legend, intro, wording, form }: Props & { legend: string; intro: string }) {
  const lists = [
    { name: "disability", codes: DISABILITIES },
    { name: "migrantStatus", codes: MIGRANT_STATUSES },
  ];
  return (
    <fieldset className="space-y-4">
      <legend className="text-lg font-semibold">{legend}</legend>
      <p className="text-stone-700">{intro}</p>
      {lists.map(({ name, codes }) => (
        <CodeSelect
          key={name}
          name={name}
          codes={codes}
          choice={(code) => wording.choice(name, code)}
          placeholder={wording.noAnswer}
          wording={wording}
          form={form}
        />
      ))}
    </fieldset>
  );
}
