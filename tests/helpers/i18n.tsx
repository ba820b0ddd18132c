import { createInstance, type i18n as I18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_NS, type Locale } from "../../app/utils/i18n";

const files = import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", {
  eager: true,
  import: "default",
});

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(files)) {
  const [, lng, ns] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(file) ?? [];
  if (!lng || !ns) continue;
  resources[lng] ??= {};
  resources[lng][ns] = content;
}

export async function createTestI18n(lng: Locale = "fr"): Promise<I18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({
    lng,
    resources,
    defaultNS: DEFAULT_NS,
    fallbackNS: DEFAULT_NS,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance;
}

export function WithI18n({ i18n, children }: { i18n: I18n; children?: ReactNode }) {
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
