import { data } from "react-router";
import { checkCurrentPassword, passwordRefusal } from "~/models/own-account.server";
import { isWeakPin, setPin } from "~/models/pin.server";
import { setPinSchema } from "~/schemas/pin";
import { getDb } from "./db.server";
import { redirectWithFlash } from "./flash.server";
import { type FieldErrors, parseForm } from "./forms";

type PinRefused = { form: "pin"; fieldErrors: FieldErrors };

const refused = (fieldErrors: FieldErrors, init: ResponseInit = { status: 400 }) =>
  data<PinRefused>({ form: "pin", fieldErrors }, init);

/**
 * The account page's PIN form. A weak PIN is refused before the password is checked, so that it costs
 * no try; no value typed is sent back (a PIN is a secret like a password).
 */
export async function savePin(ip: string, userId: number, formData: FormData, page: string) {
  const form = parseForm(setPinSchema, formData);
  if (!form.ok) return refused(form.fieldErrors);
  if (isWeakPin(form.data.pin)) return refused({ pin: "pin:errors.weak" });
  const db = getDb();
  const check = await checkCurrentPassword(db, userId, form.data.currentPassword, { purpose: "set_pin", ip });
  if (!check.ok) {
    const { message, init } = passwordRefusal(check);
    return refused({ currentPassword: message }, init);
  }
  const saved = await setPin(db, userId, form.data.pin, { actorId: userId, ip });
  if (!saved.ok) return refused({ pin: `pin:errors.${saved.reason}` });
  return redirectWithFlash(page, { message: "pin:saved" });
}
