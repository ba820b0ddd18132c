import { data, Form, Link } from "react-router";
import { NewPasswordFields } from "~/components/AccountFields";
import { FormErrorSummary, TextField } from "~/components/Field";
import { FlashNotice } from "~/components/Notice";
import { type ResetProof, resetPassword } from "~/models/password-reset.server";
import { resetWithCodeSchema, resetWithTokenSchema } from "~/schemas/password";
import { getDb } from "~/utils/db.server";
import { addFlash, readFlash, withFlashCleared } from "~/utils/flash.server";
import { type FormResult, parseForm, type RefusedForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { RESET_TOKEN_PARAM } from "~/utils/password-reset";
import { clientIp } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/nouveau-mot-de-passe";

export const handle = { i18n: ["common", "password"] };

/** The e-mail's token, if the page was opened from its link; anything longer than a token is none. */
function linkToken(request: Request) {
  const token = new URL(request.url).searchParams.get(RESET_TOKEN_PARAM)?.trim() ?? "";
  return token.length > 0 && token.length <= 100 ? token : null;
}

export async function loader({ request }: Route.LoaderArgs) {
  const { flash, headers } = await readFlash(request);
  // The forgotten-password form's answer carries what the person typed, to start this form with it.
  const typed = flash?.values?.identifier;
  return withFlashCleared(
    { flash, fromLink: linkToken(request) !== null, identifier: typeof typed === "string" ? typed : "" },
    headers,
  );
}

const MESSAGES = {
  invalid: "password:errors.invalid",
  expired: "password:errors.expired",
  used: "password:errors.used",
} as const;

/** The new password, with the link's token or else the typed phone or e-mail and code. */
function readForm(formData: FormData, token: string | null): FormResult<{ proof: ResetProof; password: string }> {
  if (token) {
    const form = parseForm(resetWithTokenSchema, formData);
    return form.ok ? { ok: true, data: { proof: { token }, password: form.data.password } } : form;
  }
  const form = parseForm(resetWithCodeSchema, formData);
  if (!form.ok) return form;
  const { identifier, code, password } = form.data;
  return { ok: true, data: { proof: { identifier, code }, password } };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const token = linkToken(request);
  const form = readForm(formData, token);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const db = getDb();
  const result = await resetPassword(db, { ...form.data, ip: clientIp(context) });
  // The code and the passwords are never sent back; the phone or e-mail is.
  const values = { identifier: String(formData.get("identifier") ?? "") };
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      return data<RefusedForm>(
        { fieldErrors: {}, values, formError: "password:errors.tooMany" },
        { status: 429, headers: { "Retry-After": "900" } },
      );
    }
    const formError = token && result.reason === "invalid" ? "password:errors.invalidLink" : MESSAGES[result.reason];
    return data<RefusedForm>({ fieldErrors: {}, values, formError }, { status: 400 });
  }
  // Logged in at once, on the account page that says so: the code proved the phone or e-mail.
  const accountPage = result.role === "candidat" ? "/candidat/compte" : "/compte";
  return addFlash(await createUserSession(db, request, result.userId, accountPage), { message: "password:reset.done" });
}

export default function NewPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("password");
  const busy = useBusy();
  const { fromLink } = loaderData;
  const errors = actionData?.fieldErrors ?? {};
  return (
    <section className="mx-auto max-w-md" aria-labelledby="reset-title">
      <title>{`${t("reset.title")} · Baara`}</title>
      <h1 id="reset-title" className="text-2xl font-bold">
        {t("reset.title")}
      </h1>
      {actionData ? null : <FlashNotice flash={loaderData.flash} />}
      <p className="mt-2 text-stone-700">{t(fromLink ? "reset.introLink" : "reset.intro")}</p>
      {fromLink ? null : <p className="mt-2 text-sm text-stone-700">{t("reset.emailHelp")}</p>}
      <Form method="post" className="card mt-4 space-y-4" noValidate>
        <FormErrorSummary message={actionData?.formError} errors={errors} />
        {fromLink ? null : (
          <>
            <TextField
              label={t("reset.identifier")}
              hint={t("reset.identifierHint")}
              name="identifier"
              autoComplete="username"
              required
              maxLength={254}
              defaultValue={actionData?.values.identifier ?? loaderData.identifier}
              error={errors.identifier}
            />
            <TextField
              label={t("reset.code")}
              hint={t("reset.codeHint")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              required
              error={errors.code}
            />
          </>
        )}
        <NewPasswordFields label={(key) => t(`reset.${key}`)} errors={errors} />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("reset.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("reset.askAgain")}{" "}
        <Link to="/mot-de-passe-oublie" className="inline-flex min-h-11 items-center">
          {t("reset.askAgainLink")}
        </Link>
      </p>
    </section>
  );
}
