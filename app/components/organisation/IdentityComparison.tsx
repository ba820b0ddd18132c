type Identity = { name: string; rccm: string | null; nif: string | null };

export type IdentityLabels = { name: string; rccm: string; nif: string; current: string; requested: string; notSet: string };

/** The checked identity and the requested one side by side; changed rows stand out. */
export function IdentityComparison({ current, requested, labels }: { current: Identity; requested: Identity; labels: IdentityLabels }) {
  const rows = (["name", "rccm", "nif"] as const).map((key) => [key, labels[key]] as const);
  const show = (value: string | null) => value ?? labels.notSet;
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr>
          <td />
          <th scope="col">{labels.current}</th>
          <th scope="col">{labels.requested}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label]) => (
          <tr key={key} className={current[key] !== requested[key] ? "bg-amber-50 font-semibold" : undefined}>
            <th scope="row" className="font-medium text-stone-600">{label}</th>
            <td className="break-words">{show(current[key])}</td>
            <td className="break-words">{show(requested[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
