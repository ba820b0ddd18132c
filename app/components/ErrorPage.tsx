import { Link } from "react-router";
import { useTranslation } from "~/utils/translation";

const KNOWN = new Set([400, 403, 404, 405, 413, 429, 503]);

/** A friendly page in the person's language for any error; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const key = KNOWN.has(status) ? String(status) : "500";
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl py-8">
      <title>{`${t(`errors.${key}.title`)} · Baara`}</title>
      <p className="text-sm font-semibold text-brand-700">{t("errors.code", { status })}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-bold">
        {t(`errors.${key}.title`)}
      </h1>
      <p className="mt-3">{t(`errors.${key}.body`)}</p>
      <p className="mt-6">
        <Link to="/" className="btn">
          {t("errors.home")}
        </Link>
      </p>
    </section>
  );
}
