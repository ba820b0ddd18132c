import { data } from "react-router";
import { changePassword, passwordRefusal } from "~/models/own-account.server";
import { changePasswordSchema } from "~/schemas/account";
import { getDb } from "./db.server";
import { addFlash } from "./flash.server";
import { type FieldErrors, parseForm } from "./forms";
import { createUserSession } from "./session.server";

type PasswordRefused = { form: "password"; fieldErrors: FieldErrors };

/**
 * The account pages' password form (/compte and /candidat/compte). Every session ends
 * with the change (a stolen one too); this browser gets a new one.
 */
export async function savePassword(request: Request, ip: string, userId: number, formData: FormData, page: string) {
  const form = parseForm(changePasswordSchema, formData);
  if (!form.ok) return data<PasswordRefused>({ form: "password", fieldErrors: form.fieldErrors }, { status: 400 });
  const db = getDb();
  const changed = await changePassword(db, userId, form.data.currentPassword, form.data.newPassword, ip);
  if (!changed.ok) {
    const { message, init } = passwordRefusal(changed);
    return data<PasswordRefused>({ form: "password", fieldErrors: { currentPassword: message } }, init);
  }
  const session = await createUserSession(db, request, userId, page);
  return addFlash(session, { message: "candidate:account.passwordChanged" });
}
