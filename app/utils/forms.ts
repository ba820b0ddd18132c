import type { z } from "zod";

/** A locale key, or a locale key with the values it interpolates ("found: 70 12 34 56"). */
export type FieldError = string | { key: string; values: Record<string, string | number> };
export type FieldErrors = Record<string, FieldError>;
export type FormValues = Record<string, string>;
/** A refused form as an action sends it back: a message per field, what was typed, maybe one for the whole form. */
export type RefusedForm = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

export type FormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: FormValues };

// Never sent back to the page, even when the form is refused.
const SECRET_FIELDS = new Set(["password", "passwordConfirm", "currentPassword", "newPassword", "code"]);

/** What was typed, to put back into the form (last value of a repeated field, secrets left out). */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELDS.has(key)) values[key] = value;
  }
  return values;
}

// `validation.required`, or with a namespace: `moderation:errors.reasonRequired`.
const LOCALE_KEY = /^(?:[a-z][\w-]*:)?[a-z][\w-]*(\.[\w-]+)+$/;

/** Every value of the given repeated fields (checkbox groups), to tick them again. */
export function formLists(formData: FormData, keys: string[]): Record<string, string[]> {
  return Object.fromEntries(
    keys.map((key) => [key, formData.getAll(key).filter((v): v is string => typeof v === "string")]),
  );
}

/**
 * Validates a posted form with a zod schema whose messages are locale keys.
 * Gives the first message for each field, keyed by the field's name.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const input: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    input[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= LOCALE_KEY.test(issue.message) ? issue.message : "validation.invalid";
  }
  return { ok: false, fieldErrors, values: formValues(formData) };
}
