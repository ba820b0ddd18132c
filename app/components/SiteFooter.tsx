import { Link } from "react-router";
import { useTranslation } from "~/utils/translation";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="mt-8 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-4 text-sm text-stone-700 sm:flex-row sm:justify-between">
        <p>{t("layout.partners")}</p>
        {/* Each link a whole line high: two short links side by side or stacked stay easy to tap. */}
        <p className="flex flex-wrap gap-x-4">
          <Link to="/partenariats" className="inline-flex min-h-11 items-center">
            {t("layout.programmes")}
          </Link>
          <Link to="/confidentialite" className="inline-flex min-h-11 items-center">
            {t("layout.privacy")}
          </Link>
        </p>
      </div>
    </footer>
  );
}
