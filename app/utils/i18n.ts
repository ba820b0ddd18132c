// `bm` is Bamanankan: the visitor and candidate pages, the USSD menu and SMS; any text not
// translated into it is shown in French.
export const SUPPORTED_LOCALES = ["fr", "en", "bm"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** Each language named in itself, wherever a person chooses one. */
export const LANGUAGE_NAMES: Record<Locale, string> = { fr: "Français", en: "English", bm: "Bamanankan" };
export const DEFAULT_LOCALE: Locale = "fr";
export const DEFAULT_NS = "common";

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** The Intl locale used to format numbers, money and dates. */
export const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "fr-ML");
