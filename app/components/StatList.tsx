import { Link } from "react-router";
import { useFormat } from "~/utils/format";

/**
 * A row of labelled figures (a description list, read as pairs by screen readers).
 * A figure with `to` is a link to the list it counts.
 */
export function StatList({ items }: { items: { label: string; value: number; to?: string }[] }) {
  const format = useFormat();
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="card">
          <dt className="text-sm text-stone-600">{item.label}</dt>
          <dd className="text-2xl font-bold">
            {item.to ? (
              <Link to={item.to} className="flex min-h-11 items-center">
                {format.number(item.value)}
                <span className="sr-only"> · {item.label}</span>
              </Link>
            ) : (
              format.number(item.value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
