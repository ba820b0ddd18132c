/** "Entreprise vérifiée": a counsellor has checked that the employer exists. */
export function VerifiedBadge({ label, title }: { label: string; title?: string }) {
  return (
    <span
      title={title}
      className="inline-flex items-center gap-1 rounded-full bg-green-100 px-2 py-0.5 text-sm font-semibold text-green-900"
    >
      <span aria-hidden="true">✓</span>
      {label}
    </span>
  );
}
