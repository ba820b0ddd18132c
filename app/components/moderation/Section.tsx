import type { ReactNode } from "react";
import { Pagination } from "~/components/Pagination";

/** The queue shown: its heading with how many items match, its items, and the links to its other pages. */
export function Section({
  id,
  heading,
  empty,
  paging,
  children,
}: {
  id: string;
  heading: string;
  empty: string;
  paging: { page: number; pageCount: number; hrefFor: (page: number) => string; shown: number };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {paging.shown === 0 ? <p className="text-stone-700">{empty}</p> : <ul className="space-y-4">{children}</ul>}
      <Pagination page={paging.page} pageCount={paging.pageCount} hrefFor={paging.hrefFor} />
    </section>
  );
}
