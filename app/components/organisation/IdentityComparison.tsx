type Identity = { name: string; rccm: string | null; nif: string | null };

export type IdentityLabels = {
  name: string;
  rccm: string;
  nif: string;
  current: string;
  requested: string;
  notSet: string;
};

/** The checked identity and the requested one side by side; changed rows stand out. */
export function IdentityComparison({
  current,
  requested,
  labels,
}: {
  current: Identity;
  requested: Identity;
  labels: IdentityLabels;
}) {
  const rows = (["name", "rccm", "nif"] as const).map((key) => [key, labels[key]] as const);
  const show = (value: string | null) => value ?? labels.notSet;
  return (
    // Fixed columns and wrapping anywhere: an RCCM has no space to break at on a 360 px screen.
    <table className="w-full table-fixed text-left text-sm">
      <thead>
        <tr>
          <td className="w-16" />
          <th scope="col" className="pr-2">
            {labels.current}
          </th>
          <th scope="col">{labels.requested}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label]) => (
          <tr key={key} className={current[key] !== requested[key] ? "bg-amber-50 font-semibold" : undefined}>
            <th scope="row" className="align-top font-medium text-stone-600">
              {label}
            </th>
            <td className="pr-2 align-top wrap-anywhere">{show(current[key])}</td>
            <td className="align-top wrap-anywhere">{show(requested[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
