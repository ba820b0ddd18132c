import type { ReactNode } from "react";
import { Form, Link, useLocation } from "react-router";

/**
 * A GET form that filters a list, with its submit button and a link that clears every filter.
 * Keyed by the query, so that its fields show the address's filters again after a search.
 */
export function FilterForm({
  texts,
  resetTo,
  className,
  buttonsClassName = "flex flex-wrap items-end gap-3",
  children,
}: {
  /** The form's name, its submit button's and its reset link's. */
  texts: { label: string; submit: string; reset: string };
  resetTo: string;
  className: string;
  buttonsClassName?: string;
  children: ReactNode;
}) {
  const location = useLocation();
  return (
    <Form key={location.search} method="get" role="search" aria-label={texts.label} className={className}>
      {children}
      <div className={buttonsClassName}>
        <button type="submit" className="btn">
          {texts.submit}
        </button>
        <Link to={resetTo}>{texts.reset}</Link>
      </div>
    </Form>
  );
}
