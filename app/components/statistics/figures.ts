// How the statistics page writes its figures, months and categories.
import { useFormat } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.rapports._index";

export type Data = Route.ComponentProps["loaderData"];
export type Report = Data["report"];
export type Value = Report["people"]["registered"]["total"];
export type As = "count" | "rate" | "days";
type Dimension = Report["people"]["registered"]["breakdowns"][number]["dimension"];

/** A figure as the page shows it: the number, "< 5" or "hidden". */
export function useShow() {
  const { t } = useTranslation("reports");
  const format = useFormat();
  return (value: Value, as: As = "count") => {
    if (typeof value !== "number") return value.complement ? t("hidden") : t("small");
    if (as === "rate") return t("percent", { value: format.number(Math.round(value * 100)) });
    if (as === "days") return t("days", { value: format.number(Math.round(value)) });
    return format.number(value);
  };
}

/** Months and breakdown categories in the reader's language. */
export function useLabels() {
  const { t, i18n } = useTranslation("reports");
  const monthFormat = new Intl.DateTimeFormat(intlLocale(i18n.language), {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  });
  const longMonth = new Intl.DateTimeFormat(intlLocale(i18n.language), {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return {
    month: (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`)),
    longMonth: (m: string) => longMonth.format(new Date(`${m}-01T00:00:00Z`)),
    category: (dimension: Dimension, key: string) =>
      dimension === "region" || dimension === "sector" || dimension === "offerType"
        ? key === "unknown"
          ? t("unknown")
          : t(`common:${dimension}.${key}`)
        : t(`${dimension}.${key}`),
  };
}
