import { CardSection } from "~/components/CardSection";
import { SelectField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import type { FieldErrors } from "~/utils/forms";
import { LANGUAGE_NAMES, type Locale, SUPPORTED_LOCALES } from "~/utils/i18n";
import { useTranslation } from "~/utils/translation";

type Props = { locale: string; errors: FieldErrors; locales?: readonly Locale[] };

/** The language Baara writes in to the person (SMS, e-mail) among `locales`: a POST with intent=language. */
export function MessageLanguageForm({ locale, errors, locales = SUPPORTED_LOCALES }: Props) {
  const { t } = useTranslation("candidate");
  return (
    <CardSection id="message-language-title" title={t("account.language.title")} intro={t("account.language.intro")}>
      <IntentForm intent="language" submit={t("account.language.submit")} errors={errors}>
        <SelectField
          label={t("account.language.label")}
          name="locale"
          defaultValue={locale}
          error={errors.locale}
          options={locales.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng] }))}
        />
      </IntentForm>
    </CardSection>
  );
}
