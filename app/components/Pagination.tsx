import { Link } from "react-router";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

type Gap = "gap";

/** The pages to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pageCount: number, around = 2): (number | Gap)[] {
  const pages: (number | Gap)[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= around) pages.push(n);
    else if (pages.at(-1) !== "gap") pages.push("gap");
  }
  return pages;
}

/** Previous, numbered and next page links; plain links, so they work without JavaScript. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const { t } = useTranslation("offers");
  const format = useFormat();
  if (pageCount <= 1) return null;
  const link = "inline-block min-w-10 rounded-md border border-stone-300 bg-white px-3 py-2 text-center no-underline";
  return (
    <nav aria-label={t("pagination.label")} className="mt-6">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev" className={link}>
              ← {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                to={hrefFor(n)}
                aria-current={n === page ? "page" : undefined}
                aria-label={t("pagination.page", { page: format.number(n) })}
                className={n === page ? `${link} border-brand-700 bg-brand-700 font-semibold text-white` : link}
              >
                {format.number(n)}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next" className={link}>
              {t("pagination.next")} →
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
