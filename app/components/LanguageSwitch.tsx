import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from "~/utils/i18n";

/**
 * A plain GET form: works without JavaScript, keeps the page and its query, and
 * reloads the whole document so that every text comes back in the new language.
 */
export function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = [...new URLSearchParams(location.search)].filter(([key]) => key !== "lng");
  return (
    <form method="get" action={location.pathname} className="flex items-center gap-1 text-sm">
      <span className="sr-only">{t("layout.language")}</span>
      {params.map(([key, value], index) => (
        <input key={`${key}-${index}`} type="hidden" name={key} value={value} />
      ))}
      {SUPPORTED_LOCALES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="lng"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={
            lng === locale
              ? "rounded border border-brand-700 bg-brand-700 px-2 py-0.5 font-semibold text-white"
              : "rounded border border-stone-300 px-2 py-0.5 text-brand-700"
          }
        >
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </form>
  );
}
