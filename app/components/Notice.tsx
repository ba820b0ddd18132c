import type { ReactNode } from "react";
import type { Flash } from "~/utils/flash.server";
import { useTranslation } from "~/utils/translation";

export type NoticeTone = "success" | "info" | "warning" | "error";

const LOOK: Record<NoticeTone, string> = {
  success: "border-green-700 bg-green-50 text-green-900",
  info: "border-stone-300 bg-white",
  warning: "border-amber-600 bg-amber-50 text-amber-900",
  error: "border-red-700 bg-red-50 font-semibold text-red-800",
};

type NoticeProps = {
  tone: NoticeTone;
  children: ReactNode;
  /** A small form's notice: tighter and in smaller type. */
  compact?: boolean;
  /**
   * What happened is announced (`status`), a refusal at once (`alert`); a notice that is
   * part of the page from the start (a closed offer) may say `null`.
   */
  role?: "status" | "alert" | null;
  id?: string;
  className?: string;
};

/** A banner: what was done, a warning, or why something was refused. */
export function Notice({ tone, children, compact = false, role, id, className = "" }: NoticeProps) {
  const announced = role === undefined ? (tone === "error" ? "alert" : "status") : role;
  const size = compact ? "p-2 text-sm" : "p-3";
  return (
    <div
      role={announced ?? undefined}
      id={id}
      className={`rounded-md border ${size} ${LOOK[tone]} ${className}`.trim()}
    >
      {children}
    </div>
  );
}

/** The message an action left for this page (see ~/utils/flash.server), said once. */
export function FlashNotice({ flash }: { flash: Flash | null }) {
  const { t } = useTranslation();
  if (!flash) return null;
  return (
    <Notice tone="success">
      {flash.detail ? (
        <p className="font-semibold">{t(flash.message, flash.values)}</p>
      ) : (
        t(flash.message, flash.values)
      )}
      {flash.detail ? <p className="mt-1">{t(flash.detail, flash.values)}</p> : null}
    </Notice>
  );
}
