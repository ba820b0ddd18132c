// How a browser test tells a locale key shown to a person apart from the page's ordinary text.
// i18next shows a missing text as its key ("nav.offers", "offers:search.title"), a key that
// names a group of texts as "key '…' returned an object instead of string", and a text whose
// value was not given keeps its "{{placeholder}}".
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

const PLURAL = /_(zero|one|two|few|many|other)$/;

type LocaleFiles = { namespaces: Set<string>; topLevel: Set<string>; keys: Set<string> };

function readLocales(): LocaleFiles {
  const found: LocaleFiles = { namespaces: new Set(), topLevel: new Set(), keys: new Set() };
  const walk = (ns: string, prefix: string, value: unknown) => {
    if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(ns, prefix ? `${prefix}.${key}` : key, child);
      return;
    }
    // A one-word key could be an ordinary word of the page: only dotted paths are told apart.
    if (!prefix.includes(".")) return;
    found.topLevel.add(prefix.slice(0, prefix.indexOf(".")));
    for (const key of new Set([prefix, prefix.replace(PLURAL, "")])) {
      found.keys.add(key);
      found.keys.add(`${ns}:${key}`);
    }
  };
  for (const lng of ["fr", "en", "bm"]) {
    const dir = path.resolve("locales", lng);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const ns = path.basename(file, ".json");
      found.namespaces.add(ns);
      walk(ns, "", JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
    }
  }
  return found;
}

const LOCALES = readLocales();

/** Every key of our locale files, as i18next shows a missing one: "path.to.key" and "ns:path.to.key". */
export function localeKeys(): Set<string> {
  return LOCALES.keys;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A key of our locale files, or one that is not in them (misspelt, or never written) but has their
 * shape: a known namespace before ":", or dotted identifiers starting with one of their top-level
 * groups ("dashboard.newOfer"). An e-mail's domain or a time ("baara.demo", "10:30") is neither.
 */
export function looksLikeKey(token: string): boolean {
  if (LOCALES.keys.has(token)) return true;
  const colon = token.indexOf(":");
  const ns = colon === -1 ? null : token.slice(0, colon);
  if (ns !== null && !LOCALES.namespaces.has(ns)) return false;
  const segments = token.slice(colon + 1).split(".");
  if (!segments.every((segment) => IDENTIFIER.test(segment))) return false;
  return ns !== null || (segments.length > 1 && LOCALES.topLevel.has(segments[0]!));
}

/**
 * The locale keys the page shows (its title and visible text), and any text i18next left unfinished
 * (a group of texts, a "{{placeholder}}"). The audit journal shows the names of its actions on
 * purpose, as code and in parentheses after their label in its filter: those are left out.
 */
export async function keysShown(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("code, script, style, template")) continue;
      const option = parent.closest("option");
      if (option) texts.push((node.textContent ?? "").replace(/\([^()]*\)/g, ""));
      else if (parent.checkVisibility()) texts.push(node.textContent ?? "");
    }
    return texts.join("\n");
  });
  const tokens = text.match(/[A-Za-z0-9_]+(?:[.:][A-Za-z0-9_]+)+/g) ?? [];
  const unfinished = text.match(/returned an object instead of string|\{\{[^}]*\}\}/g) ?? [];
  return [...new Set([...tokens.filter(looksLikeKey), ...unfinished])];
}
