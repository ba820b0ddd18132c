import { Link } from "react-router";
import { Notice } from "~/components/Notice";
import { useTranslation } from "~/utils/translation";

/** On the profile page opened from an apply form: saving goes back there, or this link without saving. */
export function ReturnToApplication({ href }: { href: string }) {
  const { t } = useTranslation("apply");
  return (
    <Notice tone="info" role={null}>
      <p>{t("profileReturn.body")}</p>
      <Link to={href} className="inline-flex min-h-11 items-center">
        {t("profileReturn.back")}
      </Link>
    </Notice>
  );
}
