import { data, Form, Link } from "react-router";
import { CurrentPasswordField } from "~/components/AccountFields";
import { CardSection } from "~/components/CardSection";
import { CheckboxField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import { MessageLanguageForm } from "~/components/MessageLanguageForm";
import { FlashNotice } from "~/components/Notice";
import { PasswordForm } from "~/components/PasswordForm";
import { PhoneSection } from "~/components/PhoneSection";
import { PinSection } from "~/components/PinSection";
import { deleteOwnAccount, passwordRefusal } from "~/models/own-account.server";
import { hasPin } from "~/models/pin.server";
import { deleteAccountSchema } from "~/schemas/account";
import { getUser, requireRole } from "~/utils/auth.server";
import { channelNumbers } from "~/utils/channel-numbers";
import { getDb } from "~/utils/db.server";
import { addFlash, readFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/forms";
import { saveMessageLanguage } from "~/utils/message-language.server";
import { savePassword } from "~/utils/password-change.server";
import { accountPhoneView, requestPhoneChange } from "~/utils/phone-code.server";
import { savePin } from "~/utils/pin-change.server";
import { clientIp } from "~/utils/request.server";
import { destroySession } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/candidat.compte";

export const handle = { i18n: ["common", "candidate", "phone", "pin"] };

const DELETED = { message: "candidate:account.deletedBody" };

export async function loader({ request }: Route.LoaderArgs) {
  const { flash, headers } = await readFlash(request);
  // Right after deleting their account the person is logged out: this page says it was done.
  if (flash?.message === DELETED.message && !(await getUser(request)))
    return withFlashCleared({ deleted: true as const }, headers);
  const user = await requireRole(request, "candidat");
  return withFlashCleared(
    {
      deleted: false as const,
      phone: user.phone,
      email: user.email,
      flash,
      locale: user.locale,
      phoneView: accountPhoneView(user.id),
      hasPin: hasPin(getDb(), user.id),
      channelNumbers: channelNumbers(),
    },
    headers,
  );
}

type ActionData = {
  form: "password" | "delete" | "language" | "phone" | "pin";
  fieldErrors: FieldErrors;
  values?: FormValues;
};

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const formData = await request.formData();
  const db = getDb();
  const intent = formData.get("intent");

  if (intent === "password") return savePassword(request, clientIp(context), user.id, formData, "/candidat/compte");

  if (intent === "pin") return savePin(clientIp(context), user.id, formData, "/candidat/compte");

  if (intent === "delete") {
    const form = parseForm(deleteAccountSchema, formData);
    if (!form.ok) return data<ActionData>({ form: "delete", fieldErrors: form.fieldErrors }, { status: 400 });
    const deleted = await deleteOwnAccount(db, user.id, form.data.password, clientIp(context));
    if (!deleted.ok) {
      const { message, init } = passwordRefusal(deleted);
      return data<ActionData>({ form: "delete", fieldErrors: { password: message } }, init);
    }
    return addFlash(await destroySession(db, request, "/candidat/compte"), DELETED);
  }

  if (intent === "language") return saveMessageLanguage(user.id, formData, "/candidat/compte");

  if (intent === "phone")
    return requestPhoneChange(user.id, formData, { ip: clientIp(context), back: "/candidat/compte" });

  throw data(null, { status: 400 });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  if (loaderData.deleted) {
    return (
      <section className="mx-auto max-w-xl space-y-4" aria-labelledby="deleted-title">
        <title>{`${t("account.deletedTitle")} · Baara`}</title>
        <h1 id="deleted-title" className="text-2xl font-bold">
          {t("account.deletedTitle")}
        </h1>
        <p role="status">{t("account.deletedBody")}</p>
        <p>
          <Link to="/" className="btn">
            {t("account.backHome")}
          </Link>
        </p>
      </section>
    );
  }
  const errors = (form: ActionData["form"]) => (actionData?.form === form ? actionData.fieldErrors : {});
  return (
    <div className="space-y-6">
      <title>{`${t("account.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <p className="text-stone-700">
        {t("account.loggedInWith", { contact: [loaderData.phone, loaderData.email].filter(Boolean).join(" · ") })}
      </p>
      <FlashNotice flash={loaderData.flash} />
      <PhoneSection
        view={loaderData.phoneView}
        page="/candidat/compte"
        errors={errors("phone")}
        values={actionData?.form === "phone" ? actionData.values : undefined}
      />
      <PinSection hasPin={loaderData.hasPin} numbers={loaderData.channelNumbers} errors={errors("pin")} />
      <PasswordForm errors={errors("password")} />
      <MessageLanguageForm locale={loaderData.locale} errors={errors("language")} />
      <ExportForm />
      <DeleteForm errors={errors("delete")} />
    </div>
  );
}

function ExportForm() {
  const { t } = useTranslation("candidate");
  return (
    <CardSection id="export-title" title={t("account.export.title")} intro={t("account.export.intro")}>
      {/* A download, not a page: a plain POST to the file route (reloadDocument: no client navigation). */}
      <Form method="post" action="/fichiers/mes-donnees" reloadDocument>
        <button type="submit" name="intent" value="export" className="btn-secondary">
          {t("account.export.submit")}
        </button>
      </Form>
    </CardSection>
  );
}

function DeleteForm({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation("candidate");
  return (
    <CardSection id="delete-title" title={t("account.delete.title")} danger>
      <div className="space-y-2 text-stone-800">
        <p>{t("account.delete.whatGoes")}</p>
        <p>{t("account.delete.whatStays")}</p>
        <p className="font-semibold">{t("account.delete.final")}</p>
      </div>
      <IntentForm intent="delete" submit={t("account.delete.submit")} errors={errors} danger>
        <CurrentPasswordField label={t("account.delete.password")} name="password" error={errors.password} />
        <CheckboxField label={t("account.delete.understand")} name="understand" required error={errors.understand} />
      </IntentForm>
    </CardSection>
  );
}
