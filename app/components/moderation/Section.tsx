import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One queue of the page: its heading with the total, its items, and a note when only the first are shown. */
export function Section({
  id,
  heading,
  total,
  shown,
  limit,
  empty,
  children,
}: {
  id: string;
  heading: string;
  total: number;
  shown: number;
  limit: number;
  empty: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("moderation");
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {shown === 0 ? <p className="text-stone-700">{empty}</p> : <ul className="space-y-4">{children}</ul>}
      {total > shown && shown === limit ? (
        <p className="text-sm text-stone-600">{t("showingFirst", { n: shown })}</p>
      ) : null}
    </section>
  );
}
