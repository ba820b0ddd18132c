import { redirect } from "react-router";
import { MessageLanguageForm } from "~/components/MessageLanguageForm";
import { FlashNotice } from "~/components/Notice";
import { PasswordForm } from "~/components/PasswordForm";
import { PhoneSection } from "~/components/PhoneSection";
import { requireUser } from "~/utils/auth.server";
import { readFlash, withFlashCleared } from "~/utils/flash.server";
import { STAFF_LOCALES } from "~/utils/i18n";
import { saveMessageLanguage } from "~/utils/message-language.server";
import { savePassword } from "~/utils/password-change.server";
import { accountPhoneView, requestPhoneChange } from "~/utils/phone-code.server";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/compte";

// Employers, counsellors and admins change their password here; candidates
// have their own account page (with their data export and deletion).
export const handle = { i18n: ["common", "candidate", "phone"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    { displayName: user.displayName, flash, locale: user.locale, phoneView: accountPhoneView(user.id) },
    headers,
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (user.role === "candidat") throw redirect("/candidat/compte");
  const formData = await request.formData();
  if (formData.get("intent") === "language") return saveMessageLanguage(user.id, formData, "/compte", STAFF_LOCALES);
  if (formData.get("intent") === "phone")
    return requestPhoneChange(user.id, formData, { ip: clientIp(context), back: "/compte" });
  return savePassword(request, clientIp(context), user.id, formData, "/compte");
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const errors = (form: "password" | "language" | "phone") => (actionData?.form === form ? actionData.fieldErrors : {});
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <title>{`${t("common:nav.myAccount")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("common:nav.myAccount")}</h1>
      <p className="text-stone-700">{loaderData.displayName}</p>
      <FlashNotice flash={loaderData.flash} />
      <PhoneSection
        view={loaderData.phoneView}
        page="/compte"
        errors={errors("phone")}
        values={actionData?.form === "phone" && "values" in actionData ? actionData.values : undefined}
      />
      <PasswordForm errors={errors("password")} />
      <MessageLanguageForm locale={loaderData.locale} errors={errors("language")} locales={STAFF_LOCALES} />
    </div>
  );
}
