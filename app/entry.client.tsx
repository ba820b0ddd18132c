import i18next, { type BackendModule } from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { getInitialNamespaces } from "remix-i18next/client";
import { DEFAULT_NS, FALLBACK_LNG } from "./utils/i18n";

// Each language and namespace is its own small chunk, fetched only when a page needs it.
const chunks = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json");

const lazyLocales: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    const load = chunks[`../locales/${language}/${namespace}.json`];
    if (!load) return callback(new Error(`no locale ${language}/${namespace}`), null);
    load().then(
      (module) => callback(null, module.default),
      (error: Error) => callback(error, null),
    );
  },
};

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(lazyLocales)
    .init({
      // The server chose the page's language and wrote it in <html lang>. A Bambara page also
      // fetches the French texts of its namespaces, read where a Bambara one is missing.
      lng: document.documentElement.lang,
      fallbackLng: FALLBACK_LNG,
      ns: getInitialNamespaces(),
      defaultNS: DEFAULT_NS,
      fallbackNS: DEFAULT_NS,
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
