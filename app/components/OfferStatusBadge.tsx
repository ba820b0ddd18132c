import { useTranslation } from "~/utils/translation";

const LOOK: Record<string, string> = {
  published: "bg-green-100 text-green-900",
  pending: "bg-amber-100 text-amber-900",
  draft: "bg-stone-200 text-stone-900",
  rejected: "bg-red-100 text-red-900",
};

/** An offer's status as the employer's pages show it: a coloured label. */
export function OfferStatusBadge({ status, className = "" }: { status: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`rounded px-2 py-0.5 font-semibold ${LOOK[status] ?? "bg-stone-200"} ${className}`.trim()}>
      {t(`common:offerStatus.${status}`)}
    </span>
  );
}
