import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import { MessageLanguageForm } from "~/components/MessageLanguageForm";
import { FlashNotice } from "~/components/Notice";
import { PasswordForm } from "~/components/PasswordForm";
import { changePassword, passwordRefusal } from "~/models/own-account.server";
import { changePasswordSchema } from "~/schemas/account";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { addFlash, readFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, parseForm } from "~/utils/forms";
import { saveMessageLanguage } from "~/utils/message-language.server";
import { clientIp } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import type { Route } from "./+types/compte";

// Employers, counsellors and admins change their password here; candidates
// have their own account page (with their data export and deletion).
export const handle = { i18n: ["common", "candidate"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const { flash, headers } = await readFlash(request);
  return withFlashCleared({ displayName: user.displayName, flash, locale: user.locale }, headers);
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const formData = await request.formData();
  if (formData.get("intent") === "language") return saveMessageLanguage(user.id, formData, "/compte");
  const form = parseForm(changePasswordSchema, formData);
  if (!form.ok) return data<{ fieldErrors: FieldErrors }>({ fieldErrors: form.fieldErrors }, { status: 400 });
  const db = getDb();
  const changed = await changePassword(
    db,
    user.id,
    form.data.currentPassword,
    form.data.newPassword,
    clientIp(context),
  );
  if (!changed.ok) {
    const { message, init } = passwordRefusal(changed);
    return data<{ fieldErrors: FieldErrors }>({ fieldErrors: { currentPassword: message } }, init);
  }
  // Every session ended with the change (a stolen one too); this browser gets a new one.
  return addFlash(await createUserSession(db, request, user.id, "/compte"), {
    message: "candidate:account.passwordChanged",
  });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const languageErrors = actionData && "form" in actionData ? actionData.fieldErrors : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <title>{`${t("common:nav.myAccount")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("common:nav.myAccount")}</h1>
      <p className="text-stone-700">{loaderData.displayName}</p>
      <FlashNotice flash={loaderData.flash} />
      <PasswordForm errors={languageErrors ? {} : (actionData?.fieldErrors ?? {})} />
      <MessageLanguageForm locale={loaderData.locale} errors={languageErrors ?? {}} />
    </div>
  );
}
