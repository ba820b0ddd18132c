import { Link } from "react-router";
import { ItemActionForm } from "~/components/ItemActionForm";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import type { ProgrammeKind, ProgrammeStatus } from "../../../db/enums";

type Row = { id: number; title: string; kind: ProgrammeKind; status: ProgrammeStatus };

const STATUS_LOOK: Record<ProgrammeStatus, string> = {
  draft: "border-amber-600 bg-amber-50 text-amber-900",
  published: "border-green-700 bg-green-50 text-green-900",
  archived: "border-stone-400 bg-stone-100 text-stone-700",
};

/** The programmes in their public order, each with its status and buttons: a list of cards, readable on a phone. */
export function ProgrammeTable({ programmes }: { programmes: Row[] }) {
  const { t } = useTranslation("programmes-admin");
  const busy = useBusy();
  const small = "btn-secondary px-3";
  return (
    <ol className="space-y-3" aria-label={t("list.title")}>
      {programmes.map((p, index) => (
        <li key={p.id} className="card flex flex-wrap items-center gap-3">
          <span className="w-8 text-center font-semibold text-stone-600" title={t("list.columns.order")}>
            {index + 1}
          </span>
          <div className="min-w-0 flex-1">
            <Link
              to={`/admin/programmes/${p.id}`}
              className="inline-flex min-h-11 items-center font-semibold break-words"
            >
              {p.title}
            </Link>
            <p className="text-sm text-stone-600">{t(`programmes:kind.${p.kind}`)}</p>
          </div>
          <span className={`rounded-full border px-3 py-1 text-sm ${STATUS_LOOK[p.status]}`}>
            {t(`status.${p.status}`)}
          </span>
          <div className="flex flex-wrap gap-2">
            {index > 0 ? (
              <ItemActionForm fields={{ programmeId: p.id }} intent="up" className={small} disabled={busy}>
                <span aria-hidden="true">↑</span>
                <span className="sr-only">{t("list.up", { title: p.title })}</span>
              </ItemActionForm>
            ) : null}
            {index < programmes.length - 1 ? (
              <ItemActionForm fields={{ programmeId: p.id }} intent="down" className={small} disabled={busy}>
                <span aria-hidden="true">↓</span>
                <span className="sr-only">{t("list.down", { title: p.title })}</span>
              </ItemActionForm>
            ) : null}
            {p.status !== "published" ? (
              <ItemActionForm
                fields={{ programmeId: p.id }}
                intent="publish"
                className="btn px-3"
                disabled={busy}
                aria-label={t("list.publishNamed", { title: p.title })}
              >
                {t("list.publish")}
              </ItemActionForm>
            ) : (
              <ItemActionForm
                fields={{ programmeId: p.id }}
                intent="archive"
                className={small}
                disabled={busy}
                aria-label={t("list.archiveNamed", { title: p.title })}
              >
                {t("list.archive")}
              </ItemActionForm>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
