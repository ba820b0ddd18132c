import type { TFunction } from "i18next";

/** How long someone has waited, in the unit a person would say: minutes, then hours up to 2 days, then days. */
export function waitedText(t: TFunction, minutes: number) {
  const whole = Math.max(1, Math.floor(minutes));
  if (whole < 60) return t("callbacks:waited.minutes", { count: whole });
  const hours = Math.floor(whole / 60);
  if (hours < 48) return t("callbacks:waited.hours", { count: hours });
  return t("callbacks:waited.days", { count: Math.floor(hours / 24) });
}
