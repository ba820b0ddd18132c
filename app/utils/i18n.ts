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

/** A Bambara text not written yet is read in French; English has no fallback, so a missing text shows. */
export const FALLBACK_LNG = { bm: ["fr"] };

/**
 * The languages a person may choose: staff pages (employers, counsellors, admins) exist in French and
 * English only, so Bambara is offered to visitors and candidates, and to whoever already chose it.
 */
export function localesFor(role: string | null | undefined, chosen?: Locale): readonly Locale[] {
  if (!role || role === "candidat") return SUPPORTED_LOCALES;
  return chosen === "bm" ? SUPPORTED_LOCALES : STAFF_LOCALES;
}

/** The languages of the staff's pages, SMS and e-mails. */
export const STAFF_LOCALES: readonly Locale[] = ["fr", "en"];

/** A new account's language from the page it signed up on: staff who browsed in Bambara get French messages. */
export const accountLocale = (role: string, browsing: Locale): Locale =>
  localesFor(role).includes(browsing) ? browsing : DEFAULT_LOCALE;

/** The Intl locale used to format numbers, money and dates. */
export const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "fr-ML");
