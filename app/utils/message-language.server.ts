import { data } from "react-router";
import { setUserLocale } from "~/models/own-account.server";
import { languageSchema } from "~/schemas/account";
import { getDb } from "./db.server";
import { redirectWithFlash } from "./flash.server";
import { parseForm } from "./forms";
import { type Locale, SUPPORTED_LOCALES } from "./i18n";

/**
 * The account pages' language form (/compte and /candidat/compte): the only
 * place where the language of a person's SMS and e-mails changes, among `locales`
 * (Bambara for candidates only: staff messages are not written in it).
 */
export function saveMessageLanguage(
  userId: number,
  formData: FormData,
  page: string,
  locales: readonly Locale[] = SUPPORTED_LOCALES,
) {
  const form = parseForm(languageSchema, formData);
  if (form.ok && !locales.includes(form.data.locale)) {
    return data(
      { form: "language" as const, fieldErrors: { locale: "candidate:errors.localeInvalid" } },
      { status: 400 },
    );
  }
  if (!form.ok) return data({ form: "language" as const, fieldErrors: form.fieldErrors }, { status: 400 });
  setUserLocale(getDb(), userId, form.data.locale);
  return redirectWithFlash(page, { message: "candidate:account.language.saved" });
}
