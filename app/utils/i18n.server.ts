import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { createCookie } from "react-router";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, DEFAULT_NS, FALLBACK_LNG, isLocale, type Locale, SUPPORTED_LOCALES } from "./i18n";

type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

// Every namespace of both languages is bundled into the server; the browser
// downloads only the language and namespaces of the page it shows.
const files = import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", {
  eager: true,
  import: "default",
});

export const resources = Object.entries(files).reduce(
  (all, [file, content]) => {
    const [, lng, ns] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(file) ?? [];
    if (isLocale(lng) && ns) all[lng][ns] = content;
    return all;
  },
  { fr: {}, en: {}, bm: {} } as Resources,
);

/** One text of the bundled files, in `lng` or else in French (for a loader that passes a text on). */
export function translation(lng: Locale, ns: string, key: string): string {
  const find = (locale: Locale) =>
    key
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[locale][ns]);
  const text = find(lng) ?? find(DEFAULT_LOCALE);
  return typeof text === "string" ? text : key;
}

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // French unless the person chose otherwise: the browser's language is not asked.
    order: ["searchParams", "cookie"],
  },
  i18next: {
    resources,
    defaultNS: DEFAULT_NS,
    fallbackNS: DEFAULT_NS,
    fallbackLng: DEFAULT_LOCALE,
    showSupportNotice: false,
  },
});

/** The locale this request asks for with `?lng=`, if any (to be remembered in a cookie). */
export function requestedLocale(request: Request): Locale | null {
  const lng = new URL(request.url).searchParams.get("lng");
  return isLocale(lng) ? lng : null;
}

const localeOfRequest = new WeakMap<Request, Promise<Locale>>();

/** The language chosen for this request (`?lng=`, else the `lng` cookie, else French), read once per request. */
export function getLocale(request: Request): Promise<Locale> {
  let locale = localeOfRequest.get(request);
  if (!locale) {
    locale = i18nServer.getLocale(request).then((lng) => (isLocale(lng) ? lng : DEFAULT_LOCALE));
    localeOfRequest.set(request, locale);
  }
  return locale;
}

const pageInstances = new Map<Locale, I18n>();

/**
 * The i18next that renders pages in `lng`: initialised once per process with every text (which took a
 * tenth of a page's time when done per request), then shared by every request in that language. Nothing
 * changes its language while rendering: a page in another language gets another instance (root.tsx).
 */
export function pageI18n(lng: Locale): I18n {
  let instance = pageInstances.get(lng);
  if (!instance) {
    instance = createInstance();
    void instance.use(initReactI18next).init({
      lng,
      resources,
      fallbackLng: FALLBACK_LNG,
      defaultNS: DEFAULT_NS,
      fallbackNS: DEFAULT_NS,
      interpolation: { escapeValue: false },
      showSupportNotice: false,
      // The texts are bundled: ready before init returns.
      initAsync: false,
    });
    pageInstances.set(lng, instance);
  }
  return instance;
}
