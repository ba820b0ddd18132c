import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { FormErrorSummary, SelectField } from "~/components/Field";
import type { FieldErrors } from "~/utils/forms";
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from "~/utils/i18n";
import { useBusy } from "~/utils/navigation";

/** The language Baara writes in to the person (SMS, e-mail): a POST with intent=language. */
export function MessageLanguageForm({ locale, errors }: { locale: string; errors: FieldErrors }) {
  const { t } = useTranslation("candidate");
  const busy = useBusy();
  return (
    <section aria-labelledby="message-language-title" className="card space-y-4">
      <h2 id="message-language-title" className="text-xl font-semibold">
        {t("account.language.title")}
      </h2>
      <p className="text-stone-700">{t("account.language.intro")}</p>
      <Form method="post" className="space-y-4" noValidate>
        <FormErrorSummary errors={errors} />
        <SelectField
          label={t("account.language.label")}
          name="locale"
          defaultValue={locale}
          error={errors.locale}
          options={SUPPORTED_LOCALES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng] }))}
        />
        <button type="submit" name="intent" value="language" className="btn" disabled={busy}>
          {t("account.language.submit")}
        </button>
      </Form>
    </section>
  );
}
