// A posted login form, checked and answered the same way wherever it is shown:
// the login page, and the apply page's gate for visitors.
import { type AppLoadContext, data } from "react-router";
import type { z } from "zod";
import { authenticate } from "~/models/login.server";
import { loginSchema } from "~/schemas/auth";
import type { Role } from "../../db/schema";
import { getDb } from "./db.server";
import { parseForm, type RefusedForm } from "./forms";
import { clientIp } from "./request.server";
import { createUserSession } from "./session.server";

/**
 * Opens a session and redirects to `destination`; a refused form comes back with what
 * was typed (password excepted): 400, or 429 with Retry-After while the limits hold.
 */
export async function logInWithForm(
  request: Request,
  context: AppLoadContext | undefined,
  formData: FormData,
  destination: (role: Role, form: z.output<typeof loginSchema>) => string,
) {
  const form = parseForm(loginSchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });

  const db = getDb();
  const result = await authenticate(db, { ...form.data, ip: clientIp(context) });
  const values = { identifier: form.data.identifier };
  if (!result.ok) {
    return result.reason === "rate_limited"
      ? data<RefusedForm>(
          { fieldErrors: {}, values, formError: "validation.tooManyAttempts" },
          { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
        )
      : data<RefusedForm>({ fieldErrors: {}, values, formError: "validation.invalidCredentials" }, { status: 400 });
  }
  return createUserSession(db, request, result.user.id, destination(result.user.role, form.data));
}
