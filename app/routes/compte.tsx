import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/compte";
import { MessageLanguageForm } from "~/components/MessageLanguageForm";
import { PasswordForm } from "~/components/PasswordForm";
import { changePassword, passwordRefusal } from "~/models/own-account.server";
import { changePasswordSchema } from "~/schemas/account";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { languageSaved, saveMessageLanguage } from "~/utils/message-language.server";
import { clientIp } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";

// Employers, counsellors and admins change their password here; candidates
// have their own account page (with their data export and deletion).
export const handle = { i18n: ["common", "candidate"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const url = new URL(request.url);
  return {
    displayName: user.displayName,
    changed: url.searchParams.get("motdepasse") === "change",
    locale: user.locale,
    languageSaved: languageSaved(request),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const formData = await request.formData();
  if (formData.get("intent") === "language") return saveMessageLanguage(user.id, formData, "/compte");
  const form = parseForm(changePasswordSchema, formData);
  if (!form.ok) return data<{ fieldErrors: FieldErrors }>({ fieldErrors: form.fieldErrors }, { status: 400 });
  const db = getDb();
  const changed = await changePassword(db, user.id, form.data.currentPassword, form.data.newPassword, clientIp(context));
  if (!changed.ok) {
    const { message, init } = passwordRefusal(changed);
    return data<{ fieldErrors: FieldErrors }>({ fieldErrors: { currentPassword: message } }, init);
  }
  // Every session ended with the change (a stolen one too); this browser gets a new one.
  return createUserSession(db, request, user.id, "/compte?motdepasse=change");
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const languageErrors = actionData && "form" in actionData ? actionData.fieldErrors : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <title>{`${t("common:nav.myAccount")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("common:nav.myAccount")}</h1>
      <p className="text-stone-700">{loaderData.displayName}</p>
      {loaderData.changed ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3">{t("account.passwordChanged")}</p>
      ) : null}
      <PasswordForm errors={languageErrors ? {} : (actionData?.fieldErrors ?? {})} />
      <MessageLanguageForm locale={loaderData.locale} saved={loaderData.languageSaved} errors={languageErrors ?? {}} />
    </div>
  );
}
