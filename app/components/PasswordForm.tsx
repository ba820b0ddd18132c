import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { FormErrorSummary, TextField } from "~/components/Field";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";

/** Changing one's password (the current one, the new one twice): a POST with intent=password. */
export function PasswordForm({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation("candidate");
  const busy = useBusy();
  return (
    <section aria-labelledby="password-title" className="card space-y-4">
      <h2 id="password-title" className="text-xl font-semibold">
        {t("account.password.title")}
      </h2>
      <p className="text-stone-700">{t("account.password.intro")}</p>
      <Form method="post" className="space-y-4" noValidate>
        <FormErrorSummary errors={errors} />
        <TextField
          label={t("account.password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          label={t("account.password.new")}
          hint={t("account.password.newHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.newPassword}
        />
        <TextField
          label={t("account.password.confirm")}
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.passwordConfirm}
        />
        <button type="submit" name="intent" value="password" className="btn" disabled={busy}>
          {t("account.password.submit")}
        </button>
      </Form>
    </section>
  );
}
