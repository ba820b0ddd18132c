import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { FieldError } from "~/utils/forms";

type Common = {
  label: string;
  name: string;
  error?: FieldError;
  hint?: ReactNode;
};

/** The message of a field, tied to it by aria-describedby (locale key → text). */
/** The text of a field error in the page's language. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: FieldError) => (typeof error === "string" ? t(error) : t(error.key, error.values));
}

export function FieldMessages({ id, error, hint }: { id: string; error?: FieldError; hint?: ReactNode }) {
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

export const describedBy = (id: string, error?: FieldError, hint?: ReactNode) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function TextField({
  label,
  name,
  error,
  hint,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className="field"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
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
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="field"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({
  label,
  name,
  error,
  hint,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const id = useId();
  return (
    <div>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name={name}
          className="mt-1 h-5 w-5 shrink-0"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

/** A summary of the errors at the top of a refused form, for screen readers and small screens. */
export function FormErrorSummary({ errors, message }: { errors?: Record<string, FieldError>; message?: string }) {
  const { t } = useTranslation();
  if (!message && (!errors || Object.keys(errors).length === 0)) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
      <p className="font-semibold">{message ? t(message) : t("validation.summary")}</p>
    </div>
  );
}
