import { data, Form, Link } from "react-router";
import { PhoneField, TextField, useErrorText } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import { FlashNotice, Notice } from "~/components/Notice";
import { confirmPhone, phoneState, sendPhoneCode } from "~/models/phone-confirmation.server";
import { confirmPhoneSchema } from "~/schemas/phone";
import { HOME_BY_ROLE, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import {
  confirmationPath,
  type PhoneRefused,
  phoneCodeRefusal,
  requestPhoneChange,
  writtenPhone,
} from "~/utils/phone-code.server";
import { clientIp, safeRedirect } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/confirmer-telephone";

export const handle = { i18n: ["common", "phone"] };

const CODE_REFUSED = {
  invalid: "phone:errors.invalid",
  expired: "phone:errors.expired",
  used: "phone:errors.used",
  unavailable: "phone:errors.unavailable",
  rate_limited: "phone:errors.tooManyTries",
} as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), HOME_BY_ROLE[user.role]);
  const state = phoneState(getDb(), user.id);
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      phone: state.phone ? writtenPhone(state.phone) : null,
      confirmed: state.confirmed,
      codeLive: state.codeLive,
      redirectTo,
      flash,
    },
    headers,
  );
}

type ActionData = { form: "code" | "resend"; fieldErrors: FieldErrors; values?: FormValues } | PhoneRefused;

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const back = safeRedirect(formData.get("redirectTo"), HOME_BY_ROLE[user.role]);
  const db = getDb();
  const ip = clientIp(context);
  const intent = formData.get("intent");

  if (intent === "change") return requestPhoneChange(user.id, formData, { ip, back });

  if (intent === "resend") {
    const sent = sendPhoneCode(db, user.id, { ip });
    if (!sent.ok) {
      const { error, init } = phoneCodeRefusal(sent);
      return data<ActionData>({ form: "resend", fieldErrors: { code: error } }, init);
    }
    return redirectWithFlash(confirmationPath(back), {
      message: "phone:notice.sent",
      values: { phone: writtenPhone(sent.phone) },
    });
  }

  if (intent !== "confirm") throw data(null, { status: 400 });
  const form = parseForm(confirmPhoneSchema, formData);
  if (!form.ok) return data<ActionData>({ form: "code", fieldErrors: form.fieldErrors }, { status: 400 });
  const confirmed = confirmPhone(db, user.id, form.data.code, { ip });
  if (!confirmed.ok) {
    const init =
      confirmed.reason === "rate_limited" ? { status: 429, headers: { "Retry-After": "900" } } : { status: 400 };
    return data<ActionData>({ form: "code", fieldErrors: { code: CODE_REFUSED[confirmed.reason] } }, init);
  }
  return redirectWithFlash(back, {
    message: "flash.phoneConfirmed",
    values: { phone: writtenPhone(confirmed.phone) },
  });
}

export default function ConfirmPhone({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("phone");
  const { phone, confirmed, codeLive, redirectTo, flash } = loaderData;
  const errorText = useErrorText();
  const busy = useBusy();
  const errors = (form: ActionData["form"]) => (actionData?.form === form ? actionData.fieldErrors : {});
  const resendError = errors("resend").code;
  const backField = <input type="hidden" name="redirectTo" value={redirectTo} />;
  const intro = !phone
    ? t("noPhone")
    : confirmed
      ? t("isConfirmed", { phone })
      : codeLive
        ? t("sentTo", { phone })
        : t("sendTo", { phone });
  return (
    <section className="mx-auto max-w-md space-y-4" aria-labelledby="confirm-phone-title">
      <title>{`${t("title")} · Baara`}</title>
      <h1 id="confirm-phone-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <FlashNotice flash={flash} />
      <p className="text-lg">{intro}</p>
      {confirmed ? (
        <Link to={redirectTo} className="btn w-full">
          {t("continue")}
        </Link>
      ) : (
        <>
          {codeLive ? (
            <div className="card">
              <IntentForm intent="confirm" submit={t("submit")} errors={errors("code")}>
                {backField}
                <TextField
                  label={t("code")}
                  hint={`${t("codeHint")} ${t("validFor")}`}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={12}
                  required
                  error={errors("code").code}
                />
              </IntentForm>
            </div>
          ) : null}
          {phone ? (
            <Form method="post" className="space-y-2">
              {backField}
              {resendError ? (
                <Notice tone="error" compact>
                  {errorText(resendError)}
                </Notice>
              ) : null}
              <button type="submit" name="intent" value="resend" className="btn-secondary w-full" disabled={busy}>
                {t(codeLive ? "resend" : "send")}
              </button>
            </Form>
          ) : null}
          <p className="text-stone-700">{t("why")}</p>
        </>
      )}
      <details className="card" open={!phone || actionData?.form === "phone"}>
        <summary className="cursor-pointer font-semibold text-brand-700">
          {t(phone ? "wrongNumber" : "addNumber")}
        </summary>
        <div className="mt-3">
          <IntentForm intent="change" submit={t("sendToNew")} errors={errors("phone")}>
            {backField}
            <PhoneField
              label={t("newPhone")}
              hint={t("newPhoneHint")}
              name="phone"
              required
              defaultValue={actionData?.form === "phone" ? actionData.values.phone : undefined}
              error={errors("phone").phone}
            />
          </IntentForm>
        </div>
      </details>
      {confirmed ? null : (
        <p>
          <Link to={redirectTo} className="btn-secondary w-full">
            {t("later")}
          </Link>
        </p>
      )}
    </section>
  );
}
