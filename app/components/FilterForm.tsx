import type { ReactNode } from "react";
import { Form, Link, useLocation } from "react-router";

/**
 * A GET form that filters a list, with its submit button and a link that clears every filter.
 * Keyed by the query, so that its fields show the address's filters again after a search.
 */
export function FilterForm({
  label,
  className,
  submit,
  reset,
  resetTo,
  buttonsClassName,
  children,
}: {
  label: string;
  className: string;
  submit: string;
  reset: string;
  resetTo: string;
  buttonsClassName: string;
  children: ReactNode;
}) {
  const location = useLocation();
  return (
    <Form key={location.search} method="get" role="search" aria-label={label} className={className}>
      {children}
      <div className={buttonsClassName}>
        <button type="submit" className="btn">
          {submit}
        </button>
        <Link to={resetTo}>{reset}</Link>
      </div>
    </Form>
  );
}
