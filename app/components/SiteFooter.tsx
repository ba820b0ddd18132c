import { Link } from "react-router";
import { useTranslation } from "~/utils/translation";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="mt-8 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-4 text-sm text-stone-700 sm:flex-row sm:justify-between">
        <p>{t("layout.partners")}</p>
        <p className="flex flex-wrap gap-x-4">
          <Link to="/partenariats">{t("layout.programmes")}</Link>
          <Link to="/confidentialite">{t("layout.privacy")}</Link>
        </p>
      </div>
    </footer>
  );
}
