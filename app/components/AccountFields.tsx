// The fields that several account forms ask for: a person's name, their contact, a password.
// Each page words them in its own locale keys: `label(key)` gives the text of a key.
import { TextField } from "~/components/Field";
import type { FieldError, FieldErrors, FormValues } from "~/utils/forms";

type Texts = { label: (key: string) => string; values?: FormValues; errors?: FieldErrors };

const NAMES = [
  { name: "firstName", autoComplete: "given-name" },
  { name: "lastName", autoComplete: "family-name" },
];

/** First and last name. `ofSomeoneElse`: typed by a staff member, so the browser must not fill in their own. */
export function NameFields({
  label,
  values,
  errors,
  ofSomeoneElse = false,
  required = true,
}: Texts & { ofSomeoneElse?: boolean; required?: boolean }) {
  return NAMES.map(({ name, autoComplete }) => (
    <TextField
      key={name}
      label={label(name)}
      name={name}
      autoComplete={ofSomeoneElse ? "off" : autoComplete}
      required={required}
      maxLength={60}
      defaultValue={values?.[name]}
      error={errors?.[name]}
    />
  ));
}

/** A phone number (with its hint) and an e-mail address; `emailHint` only where the page has one. */
export function ContactFields({
  label,
  values,
  errors,
  ofSomeoneElse = false,
  emailHint,
}: Texts & { ofSomeoneElse?: boolean; emailHint?: string }) {
  const contacts = [
    { name: "phone", type: "tel", inputMode: "tel", autoComplete: "tel", hint: label("phoneHint") },
    { name: "email", type: "email", autoComplete: "email", hint: emailHint },
  ] as const;
  return contacts.map(({ name, autoComplete, ...field }) => (
    <TextField
      key={name}
      label={label(name)}
      name={name}
      {...field}
      autoComplete={ofSomeoneElse ? "off" : autoComplete}
      defaultValue={values?.[name]}
      error={errors?.[name]}
    />
  ));
}

/** A new password (keys `password` and `passwordHint`) and its confirmation (key `passwordConfirm`). */
export function NewPasswordFields({ label, errors }: Omit<Texts, "values">) {
  const fields = [
    { name: "password", label: label("password"), hint: label("passwordHint") },
    { name: "passwordConfirm", label: label("passwordConfirm") },
  ];
  return fields.map((field) => (
    <TextField
      key={field.name}
      {...field}
      type="password"
      autoComplete="new-password"
      required
      error={errors?.[field.name]}
    />
  ));
}

/** The password the person has now (to log in, or to confirm a change). */
export function CurrentPasswordField({ label, name, error }: { label: string; name: string; error?: FieldError }) {
  return <TextField label={label} name={name} type="password" autoComplete="current-password" required error={error} />;
}
