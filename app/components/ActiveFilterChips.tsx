import { Link } from "react-router";

export type FilterChip = {
  /** What the filter keeps, as a person reads it ("Sikasso"). */
  label: string;
  /** The link's full name for a screen reader ("Retirer le filtre « Sikasso »"). */
  removeLabel: string;
  /** The same list without this filter. */
  href: string;
};

const CHIP = [
  "inline-flex min-h-11 max-w-full items-center gap-2 rounded-full border border-brand-700 bg-brand-50 px-3",
  "text-ink no-underline hover:bg-brand-100",
].join(" ");

/**
 * The filters in use above a list, each a plain link to the list without it (no JavaScript), and a
 * link that removes them all. Nothing is shown when no filter is in use.
 */
export function ActiveFilterChips({
  label,
  chips,
  clearAll,
}: {
  label: string;
  chips: FilterChip[];
  clearAll?: { label: string; href: string };
}) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap items-center gap-2">
      {chips.map((chip) => (
        <li key={chip.href}>
          <Link to={chip.href} aria-label={chip.removeLabel} className={CHIP}>
            <span className="truncate">{chip.label}</span>
            <span aria-hidden="true" className="text-lg leading-none text-brand-700">
              ×
            </span>
          </Link>
        </li>
      ))}
      {clearAll && chips.length > 1 ? (
        <li>
          <Link to={clearAll.href} className="inline-flex min-h-11 items-center px-2">
            {clearAll.label}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
