import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { MessageLanguageForm } from "~/components/MessageLanguageForm";
import { FlashNotice } from "~/components/Notice";
import { PasswordForm } from "~/components/PasswordForm";
import { requireUser } from "~/utils/auth.server";
import { readFlash, withFlashCleared } from "~/utils/flash.server";
import { saveMessageLanguage } from "~/utils/message-language.server";
import { savePassword } from "~/utils/password-change.server";
import { clientIp } from "~/utils/request.server";
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
  return savePassword(request, clientIp(context), user.id, formData, "/compte");
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const errors = (form: "password" | "language") => (actionData?.form === form ? actionData.fieldErrors : {});
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <title>{`${t("common:nav.myAccount")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("common:nav.myAccount")}</h1>
      <p className="text-stone-700">{loaderData.displayName}</p>
      <FlashNotice flash={loaderData.flash} />
      <PasswordForm errors={errors("password")} />
      <MessageLanguageForm locale={loaderData.locale} errors={errors("language")} />
    </div>
  );
}
