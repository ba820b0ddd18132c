import { useLocation } from "react-router";
import { isLocale, LANGUAGE_NAMES, localesFor } from "~/utils/i18n";
import { useTranslation } from "~/utils/translation";

/**
 * A plain GET form: works without JavaScript, keeps the page and its query, and
 * reloads the whole document so that every text comes back in the new language.
 * Staff pages are not in Bambara: it is offered to visitors and candidates (and to whoever chose it).
 */
export function LanguageSwitch({ locale, role }: { locale: string; role?: string | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = [...new URLSearchParams(location.search)].filter(([key]) => key !== "lng");
  return (
    <form method="get" action={location.pathname} className="flex flex-wrap items-center gap-1 text-sm">
      <span className="sr-only">{t("layout.language")}</span>
      {params.map(([key, value], index) => (
        <input key={`${key}-${index}`} type="hidden" name={key} value={value} />
      ))}
      {localesFor(role, isLocale(locale) ? locale : undefined).map((lng) => (
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
