import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import {
  getI18n,
  I18nContext,
  type UseTranslationResponse,
  useTranslation as useReactTranslation,
} from "react-i18next";

type Options = { keyPrefix?: string };

const translators = new WeakMap<I18n, Map<string, TFunction>>();

/**
 * `t` for one namespace of a server instance, kept for the process: a text asked without options (a
 * label, a heading) is looked up once and remembered. The server's texts never change while it runs.
 */
export function serverTranslator(i18n: I18n, ns: string, keyPrefix?: string): TFunction {
  let byNamespace = translators.get(i18n);
  if (!byNamespace) {
    byNamespace = new Map<string, TFunction>();
    translators.set(i18n, byNamespace);
  }
  const name = `${ns}\u0000${keyPrefix ?? ""}`;
  let translator = byNamespace.get(name);
  if (!translator) {
    const fixed = i18n.getFixedT(null, ns, keyPrefix) as unknown as ((...args: unknown[]) => string) & {
      ns: unknown;
      lng: unknown;
      keyPrefix: unknown;
    };
    const texts = new Map<string, string>();
    translator = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== "string") return fixed(key, ...rest);
      let text = texts.get(key);
      if (text === undefined) {
        text = fixed(key);
        texts.set(key, text);
      }
      return text;
    }) as unknown as TFunction;
    // What <Trans t={t}> reads to find the namespace and language, as on i18next's own fixed t.
    Object.assign(translator, { ns: fixed.ns, lng: fixed.lng, keyPrefix: fixed.keyPrefix });
    byNamespace.set(name, translator);
  }
  return translator;
}

function useServerTranslation(ns?: string, options?: Options): UseTranslationResponse<string, undefined> {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  const t = serverTranslator(i18n, ns ?? String(i18n.options.defaultNS ?? "translation"), options?.keyPrefix);
  const response = [t, i18n, true] as unknown as UseTranslationResponse<string, undefined>;
  return Object.assign(response, { t, i18n, ready: true });
}

/**
 * react-i18next's useTranslation in the browser. On the server, where a page is rendered once and its
 * texts are all loaded, the same answer without what a browser needs (a copy of the i18next instance on
 * every call, waiting for texts, re-rendering on a change of language): a list of 20 offers called it a
 * hundred times, a tenth of the page's time. One or the other for a whole build.
 */
export const useTranslation: (ns?: string, options?: Options) => UseTranslationResponse<string, undefined> = import.meta
  .env.SSR
  ? useServerTranslation
  : useReactTranslation;
