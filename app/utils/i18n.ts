export const SUPPORTED_LOCALES = ["fr", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const DEFAULT_NS = "common";

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** The Intl locale used to format numbers, money and dates. */
export const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "fr-ML");
