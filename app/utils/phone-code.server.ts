import { data } from "react-router";
import { type PhoneCodeResult, phoneState, sendPhoneCode } from "~/models/phone-confirmation.server";
import { newPhoneSchema } from "~/schemas/phone";
import { getDb } from "./db.server";
import { redirectWithFlash } from "./flash.server";
import { type FieldError, type FieldErrors, type FormValues, formValues, parseForm } from "./forms";
import { displayPhone } from "./phone";

/** A number as the pages and messages write it: `+223 76 30 37 19`. */
export const writtenPhone = (phone: string) => displayPhone(phone).text;

/** The confirmation page, which comes back to `back` once the number is confirmed (or "Plus tard"). */
export const confirmationPath = (back: string) => `/confirmer-telephone?${new URLSearchParams({ redirectTo: back })}`;

/** Why no code was sent, as the field's message and the answer's status (429 with Retry-After when throttled). */
export function phoneCodeRefusal(result: Exclude<PhoneCodeResult, { ok: true }>): {
  error: FieldError;
  init: ResponseInit;
} {
  if (result.reason === "rate_limited") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return {
      error: { key: "phone:errors.tooManyCodes", values: { minutes } },
      init: { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    };
  }
  const key = result.reason === "already_confirmed" ? "phone:errors.alreadyYours" : "phone:errors.noPhone";
  return { error: key, init: { status: 400 } };
}

export type PhoneRefused = { form: "phone"; fieldErrors: FieldErrors; values: FormValues };

/**
 * The new-number form of the account pages and of the confirmation page: a code goes to the number,
 * and the person types it on the confirmation page, which then returns to `back`.
 */
export function requestPhoneChange(userId: number, formData: FormData, { ip, back }: { ip: string; back: string }) {
  const form = parseForm(newPhoneSchema, formData);
  if (!form.ok)
    return data<PhoneRefused>({ form: "phone", fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const sent = sendPhoneCode(getDb(), userId, { phone: form.data.phone, ip });
  if (!sent.ok) {
    const { error, init } = phoneCodeRefusal(sent);
    return data<PhoneRefused>({ form: "phone", fieldErrors: { phone: error }, values: formValues(formData) }, init);
  }
  return redirectWithFlash(confirmationPath(back), {
    message: "phone:notice.sent",
    values: { phone: writtenPhone(sent.phone) },
  });
}

/** What the account pages say about the person's number: confirmed or not, and a new one waiting for its code. */
export function accountPhoneView(userId: number) {
  const state = phoneState(getDb(), userId);
  return {
    phone: state.accountPhone ? writtenPhone(state.accountPhone) : null,
    confirmed: state.accountConfirmed,
    pending: state.codeLive && state.phone && state.phone !== state.accountPhone ? writtenPhone(state.phone) : null,
  };
}

export type AccountPhoneView = ReturnType<typeof accountPhoneView>;
