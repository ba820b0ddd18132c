import { useFormat } from "~/utils/format";

/** A row of labelled figures (a description list, read as pairs by screen readers). */
export function StatList({ items }: { items: { label: string; value: number }[] }) {
  const format = useFormat();
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="card">
          <dt className="text-sm text-stone-600">{item.label}</dt>
          <dd className="text-2xl font-bold">{format.number(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
