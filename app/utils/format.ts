import { useTranslation } from "~/utils/translation";
import { intlLocale } from "./i18n";

// Mali is on UTC all year (Africa/Bamako): dates print the same on server and phone.
const TIME_ZONE = "Africa/Bamako";

// Building an Intl formatter costs far more than using one: keep one per locale and style.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number, locale: string) {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(value);
}

/** `50 000 F CFA` in French, `50,000 F CFA` in English. */
export function formatMoney(amount: number, locale: string) {
  return `${formatNumber(amount, locale)} F CFA`;
}

/** A date (ISO `YYYY-MM-DD`, a Date or epoch ms) as `29 novembre 2026` / `29 November 2026`. */
export function formatDate(value: string | number | Date, locale: string, style: "long" | "medium" | "short" = "long") {
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : new Date(value);
  return cached(
    `d:${locale}:${style}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatDateTime(value: number | Date, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** Formatters bound to the language of the page. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    number: (value: number) => formatNumber(value, locale),
    money: (value: number) => formatMoney(value, locale),
    date: (value: string | number | Date, style?: "long" | "medium" | "short") => formatDate(value, locale, style),
    dateTime: (value: number | Date) => formatDateTime(value, locale),
  };
}
