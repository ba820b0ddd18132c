// Fields that Field.tsx does not have: a long text, a radio group, a checkbox
// group. Same contract: a label, an optional hint, an error tied to the field.
import { useId, type ReactNode, type TextareaHTMLAttributes } from "react";
import { describedBy, FieldMessages as Messages } from "~/components/Field";
import type { FieldError } from "~/utils/forms";

export function TextareaField({
  label,
  name,
  error,
  hint,
  ...textarea
}: { label: string; name: string; error?: FieldError; hint?: ReactNode } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name"
>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        className="field"
        rows={6}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...textarea}
      />
      <Messages id={id} error={error} hint={hint} />
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
  const id = useId();
  return (
    <fieldset aria-describedby={describedBy(id, error, hint)} aria-invalid={error ? true : undefined}>
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
      <Messages id={id} error={error} hint={hint} />
    </fieldset>
  );
}
