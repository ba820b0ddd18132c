import type { ReactNode } from "react";
import { Form, Link, useLocation } from "react-router";

/**
 * A GET form that filters a list, with its submit button and a link that clears every filter.
 * Keyed by the query, so that its fields show the address's filters again after a search.
 * `folded` fields sit under a plain <details> after the buttons (no JavaScript needed), closed
 * when the page loads: the list stays in the first screen of a phone.
 */
export function FilterForm({
  texts,
  resetTo,
  className,
  buttonsClassName = "flex flex-wrap items-end gap-3",
  children,
  folded,
}: {
  /** The form's name, its submit button's and its reset link's (no link without `resetTo`). */
  texts: { label: string; submit: string; reset?: string };
  resetTo?: string;
  className: string;
  buttonsClassName?: string;
  children: ReactNode;
  /** `summary` names the folded fields (and how many are in use); `submit` is their own button's text. */
  folded?: { summary: string; submit: string; className?: string; children: ReactNode };
}) {
  const location = useLocation();
  return (
    <Form key={location.search} method="get" role="search" aria-label={texts.label} className={className}>
      {children}
      <div className={buttonsClassName}>
        <button type="submit" className="btn">
          {texts.submit}
        </button>
        {resetTo ? <Link to={resetTo}>{texts.reset}</Link> : null}
      </div>
      {folded ? (
        <details className="col-span-full">
          <summary className="cursor-pointer py-2.5 font-semibold text-brand-700">{folded.summary}</summary>
          <div className={folded.className ?? "mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3"}>
            {folded.children}
            <div className="flex items-end">
              <button type="submit" className="btn-secondary w-full">
                {folded.submit}
              </button>
            </div>
          </div>
        </details>
      ) : null}
    </Form>
  );
}
