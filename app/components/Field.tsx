// Every form field: a label, an optional hint, and an error tied to the control by
// aria-describedby (errors are locale keys, written in the page's language).
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { Notice } from "~/components/Notice";
import type { FieldError, FieldErrors, FormValues } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";

type Common = {
  label: string;
  name: string;
  error?: FieldError;
  hint?: ReactNode;
};

/** The text of a field error in the page's language. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: FieldError) => (typeof error === "string" ? t(error) : t(error.key, error.values));
}

function FieldMessages({ id, error, hint }: { id: string; error?: FieldError; hint?: ReactNode }) {
  const errorText = useErrorText();
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (id: string, error?: FieldError, hint?: ReactNode) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A field's name, the value a refused form kept for it and its error, to spread on a field component. */
export function bindFields(values: FormValues | undefined, errors: FieldErrors | undefined) {
  return (name: string) => ({ name, defaultValue: values?.[name], error: errors?.[name] });
}

/** A control's id and the attributes that tie it to its hint and error. */
function useControl(error?: FieldError, hint?: ReactNode) {
  const id = useId();
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, hint) } as const;
}

/** The label above a control, the hint and the error under it. */
type LabelledProps = Omit<Common, "name"> & { id: string; children: ReactNode };

function LabelledField({ id, label, error, hint, children }: LabelledProps) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextField({
  label,
  name,
  error,
  hint,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const control = useControl(error, hint);
  return (
    <LabelledField id={control.id} label={label} error={error} hint={hint}>
      <input {...control} name={name} className="field" {...input} />
    </LabelledField>
  );
}

/** A phone number: the phone's number keypad, the browser's saved number, room for any way of writing it. */
export function PhoneField(props: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  return <TextField type="tel" inputMode="tel" autoComplete="tel" maxLength={30} {...props} />;
}

export function TextareaField({
  label,
  name,
  error,
  hint,
  ...textarea
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const control = useControl(error, hint);
  return (
    <LabelledField id={control.id} label={label} error={error} hint={hint}>
      <textarea {...control} name={name} className="field" rows={6} {...textarea} />
    </LabelledField>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  placeholder,
  ...select
}: Common & {
  options: { value: string; label: string }[];
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const control = useControl(error, hint);
  return (
    <LabelledField id={control.id} label={label} error={error} hint={hint}>
      <select {...control} name={name} className="field" {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export function CheckboxField({
  label,
  name,
  error,
  hint,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const control = useControl(error, hint);
  return (
    <div>
      <div className="flex items-start gap-2">
        <input {...control} type="checkbox" name={name} className="mt-1 h-5 w-5 shrink-0" {...input} />
        <label htmlFor={control.id}>{label}</label>
      </div>
      <FieldMessages id={control.id} error={error} hint={hint} />
    </div>
  );
}

type Choice = { value: string; label: string };

/** Radio buttons (one choice) or checkboxes (several), in a fieldset whose legend is the label. */
export function ChoiceGroup({
  legend,
  name,
  choices,
  multiple = false,
  selected,
  error,
  hint,
}: {
  legend: string;
  name: string;
  choices: Choice[];
  multiple?: boolean;
  selected: string[];
  error?: FieldError;
  hint?: ReactNode;
}) {
  const { id, ...aria } = useControl(error, hint);
  return (
    <fieldset {...aria}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2">
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={choice.value}
              defaultChecked={selected.includes(choice.value)}
              className="h-5 w-5"
            />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

/** A summary of the errors at the top of a refused form, for screen readers and small screens. */
export function FormErrorSummary({ errors, message }: { errors?: Record<string, FieldError>; message?: string }) {
  const { t } = useTranslation();
  if (!message && (!errors || Object.keys(errors).length === 0)) return null;
  return (
    <Notice tone="error" className="mb-4">
      <p className="font-semibold">{message ? t(message) : t("validation.summary")}</p>
    </Notice>
  );
}
