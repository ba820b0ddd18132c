import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BAMBARA_ROUTES } from "../../app/utils/i18n-pages";

const LOCALES_DIR = path.resolve("locales");
const APP_DIR = path.resolve("app");

const namespaces = (lng: string) =>
  fs
    .readdirSync(path.join(LOCALES_DIR, lng))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

const load = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, `${ns}.json`), "utf8")) as unknown;

/** Every leaf of a locale file as `a.b.c` → value (array items by index). */
function leaves(node: unknown, prefix = "", out = new Map<string, unknown>()) {
  if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

// i18next plural forms: `applicants_one` and `applicants_other` are one key, `applicants`.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const keysOf = (lng: string, ns: string) =>
  new Set([...leaves(load(lng, ns)).keys()].map((k) => k.replace(PLURAL, "")));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("+") ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("locales", () => {
  it("French and English have the same namespaces", () => {
    expect(namespaces("fr").length).toBeGreaterThan(0);
    expect(namespaces("en")).toEqual(namespaces("fr"));
  });

  it.each(namespaces("fr"))("%s has exactly the same keys in French and English", (ns) => {
    const fr = [...keysOf("fr", ns)].sort();
    const en = [...keysOf("en", ns)].sort();
    expect({
      missingInEnglish: fr.filter((k) => !en.includes(k)),
      missingInFrench: en.filter((k) => !fr.includes(k)),
    }).toEqual({
      missingInEnglish: [],
      missingInFrench: [],
    });
  });

  it.each(namespaces("fr"))("%s has both plural forms wherever it has one", (ns) => {
    for (const lng of ["fr", "en"]) {
      const keys = [...leaves(load(lng, ns)).keys()];
      for (const key of keys.filter((k) => k.endsWith("_one"))) {
        expect(keys, `${lng}/${ns}: ${key}`).toContain(key.replace(/_one$/, "_other"));
      }
    }
  });

  it.each(
    namespaces("fr").flatMap((ns) => [
      ["fr", ns],
      ["en", ns],
    ]),
  )("%s/%s has no empty text", (lng, ns) => {
    const empty = [...leaves(load(lng, ns!))]
      .filter(([, v]) => typeof v !== "string" || v.trim() === "")
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(
    namespaces("fr").flatMap((ns) => [
      ["fr", ns],
      ["en", ns],
    ]),
  )("%s/%s uses the same {{placeholders}} as the other language", (lng, ns) => {
    const other = lng === "fr" ? "en" : "fr";
    const mine = leaves(load(lng, ns!));
    const theirs = leaves(load(other, ns!));
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const [key, text] of mine) {
      const base = key.replace(PLURAL, "");
      const counterpart = theirs.get(key) ?? theirs.get(`${base}_other`) ?? theirs.get(base);
      if (counterpart === undefined) continue; // reported by the key test
      const expected = placeholders(counterpart).filter((p) => p !== "count");
      expect(
        placeholders(text).filter((p) => p !== "count"),
        `${lng}/${ns}: ${key}`,
      ).toEqual(expected);
    }
  });

  it("every Bambara file has a French one", () => {
    const french = namespaces("fr");
    expect(namespaces("bm").filter((ns) => !french.includes(ns))).toEqual([]);
  });

  it("every namespace of the pages written in Bambara has its Bambara file", () => {
    // The route ids of BAMBARA_ROUTES are their files; their `handle.i18n` lists what they read.
    const read = new Set<string>();
    for (const id of [...BAMBARA_ROUTES].filter((id) => id !== "root")) {
      const file = sourceFiles(path.join(APP_DIR, "routes")).find((f) => f.replace(/\.tsx?$/, "").endsWith(id));
      expect(file, `${id} in app/routes`).toBeDefined();
      const handle = /export const handle = \{ i18n: \[([^\]]*)\]/.exec(fs.readFileSync(file!, "utf8"));
      for (const ns of handle?.[1]?.match(/[\w-]+/g) ?? []) read.add(ns);
    }
    // The visitor and candidate pages: home, search, offer, apply, sign-up, log-in, the candidate's space,
    // phone confirmation, forgotten password, privacy.
    for (const ns of ["common", "home", "offers", "saved", "apply", "auth", "candidate", "applications"]) {
      expect(read).toContain(ns);
    }
    for (const ns of ["phone", "password", "answers", "notifications", "spaces", "privacy"]) expect(read).toContain(ns);
    expect([...read].filter((ns) => !namespaces("bm").includes(ns)).sort()).toEqual([]);
  });

  describe.each(namespaces("bm"))("bm/%s", (ns) => {
    const french = () => leaves(load("fr", ns));
    const bambara = () => leaves(load("bm", ns));

    it("has exactly the keys of the French file", () => {
      const fr = [...keysOf("fr", ns)].sort();
      const bm = [...keysOf("bm", ns)].sort();
      expect({
        missingInBambara: fr.filter((k) => !bm.includes(k)),
        notInFrench: bm.filter((k) => !fr.includes(k)),
      }).toEqual({ missingInBambara: [], notInFrench: [] });
    });

    it("has the plural forms Bambara uses: `_other` (Intl knows no other), `_zero` where French has it", () => {
      const bm = [...bambara().keys()];
      const problems: string[] = [];
      for (const key of french().keys()) {
        const match = /^(.*)_(zero|one|other)$/.exec(key);
        if (!match) continue;
        const wanted = match[2] === "zero" ? key : `${match[1]}_other`;
        if (!bm.includes(wanted)) problems.push(`missing ${wanted}`);
      }
      problems.push(...bm.filter((key) => /_(one|two|few|many)$/.test(key)).map((key) => `never used: ${key}`));
      expect(problems).toEqual([]);
    });

    it("has no empty text and the same {{placeholders}} as French", () => {
      const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      const fr = french();
      const problems: string[] = [];
      for (const [key, text] of bambara()) {
        if (typeof text !== "string" || text.trim() === "") problems.push(`empty: ${key}`);
        const base = key.replace(PLURAL, "");
        const counterpart = fr.get(key) ?? fr.get(`${base}_other`) ?? fr.get(base);
        if (counterpart === undefined) continue; // reported by the key test
        const mine = placeholders(text).filter((p) => p !== "count");
        if (
          mine.join() !==
          placeholders(counterpart)
            .filter((p) => p !== "count")
            .join()
        ) {
          problems.push(`${key}: {{${mine.join("}}, {{")}}} against French`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  it("every validation.* key used in the app exists in both languages", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(APP_DIR)) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/["'`](validation\.[A-Za-z0-9_]+)["'`]/g)) {
        used.add(match[1]!);
      }
    }
    // The schemas' own messages must be among them.
    const schemaKeys = new Set<string>();
    for (const file of sourceFiles(path.join(APP_DIR, "schemas"))) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/["'`](validation\.[A-Za-z0-9_]+)["'`]/g)) {
        schemaKeys.add(match[1]!);
      }
    }
    expect(schemaKeys.size).toBeGreaterThan(10);
    for (const key of schemaKeys) expect(used).toContain(key);

    for (const lng of ["fr", "en"]) {
      const keys = keysOf(lng, "common");
      const missing = [...used].filter((key) => !keys.has(key));
      expect(missing, `missing in locales/${lng}/common.json`).toEqual([]);
    }
  });

  it("every action the audit journal can show has its words in both languages", () => {
    // The journal shows an action's words, and only its code when it has none: a new action must bring them.
    const written = new Set<string>();
    for (const file of sourceFiles(APP_DIR)) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/\b(?:action|audit): "([a-z_]+\.[a-z_.]+)"/g)) {
        written.add(match[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(20);
    for (const lng of ["fr", "en"]) {
      const labels = keysOf(lng, "admin");
      const missing = [...written].filter((code) => !labels.has(`actions.${code}`)).sort();
      expect(missing, `missing under "actions" in locales/${lng}/admin.json`).toEqual([]);
    }
  });
});
