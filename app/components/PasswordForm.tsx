import { CardSection } from "~/components/CardSection";
import { TextField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import type { FieldErrors } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";

/** Changing one's password (the current one, the new one twice): a POST with intent=password. */
export function PasswordForm({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation("candidate");
  const fields = [
    { name: "currentPassword", label: t("account.password.current"), autoComplete: "current-password" },
    {
      name: "newPassword",
      label: t("account.password.new"),
      hint: t("account.password.newHint"),
      autoComplete: "new-password",
    },
    { name: "passwordConfirm", label: t("account.password.confirm"), autoComplete: "new-password" },
  ];
  return (
    <CardSection id="password-title" title={t("account.password.title")} intro={t("account.password.intro")}>
      <IntentForm intent="password" submit={t("account.password.submit")} errors={errors}>
        {fields.map((field) => (
          <TextField key={field.name} {...field} type="password" required error={errors[field.name]} />
        ))}
      </IntentForm>
    </CardSection>
  );
}
