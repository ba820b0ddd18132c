import { CurrentPasswordField } from "~/components/AccountFields";
import { TextField } from "~/components/Field";
import type { RefusedForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";

/** A login form's identifier and password, with what a refused form kept (never the password). */
export function LoginFields({ refused }: { refused: RefusedForm | undefined }) {
  const { t } = useTranslation("auth");
  return (
    <>
      <TextField
        label={t("login.identifier")}
        hint={t("login.identifierHint")}
        name="identifier"
        autoComplete="username"
        required
        defaultValue={refused?.values.identifier}
        error={refused?.fieldErrors.identifier}
      />
      <CurrentPasswordField label={t("login.password")} name="password" error={refused?.fieldErrors.password} />
    </>
  );
}
