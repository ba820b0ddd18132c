// The USSD menu's words (locales/<lng>/ussd.json) and the shape of a screen: what a
// phone shows is GSM-7 only, at most 182 characters with its `CON `/`END ` prefix.
import fs from "node:fs";
import path from "node:path";
import { channelNumbers } from "~/utils/channel-numbers";
import { toGsm7 } from "~/utils/gsm7";
import type { Locale } from "~/utils/i18n";

export const SCREEN_MAX = 182;

type Tree = { [key: string]: string | Tree };
const cache = new Map<string, Tree>();

function read(lng: string, ns: string): Tree {
  const key = `${lng}/${ns}`;
  let tree = cache.get(key);
  if (!tree) {
    const file = path.resolve(process.cwd(), "locales", lng, `${ns}.json`);
    tree = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Tree) : {};
    cache.set(key, tree);
  }
  return tree;
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** A text of the menu in this language (Bamanankan missing one falls back to French). */
export function say(locale: Locale, key: string, values: Record<string, string | number> = {}) {
  const text = lookup(read(locale, "ussd"), key) ?? lookup(read("fr", "ussd"), key) ?? key;
  const all: Record<string, string | number> = { ussd: channelNumbers().ussdCode, ...values };
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(all[name] ?? ""));
}

/** A region's or a trade's name, as the web pages write it in this language (French when it has none). */
export function label(kind: "region" | "trade", code: string, locale: Locale) {
  return lookup(read(locale, "common"), `${kind}.${code}`) ?? lookup(read("fr", "common"), `${kind}.${code}`) ?? code;
}

/** A line whose data (an offer's title, a description) may be shortened to fit the screen. */
export type Flexible = { flex: string; before?: string; after?: string };
export type Line = string | Flexible;

const joined = (line: Line) =>
  typeof line === "string" ? line : `${line.before ?? ""}${line.flex}${line.after ?? ""}`;

/**
 * A whole screen: `CON ` or `END `, the lines in GSM-7, and the data lines cut
 * (the longest first, at a word, ending with "...") until all of it fits SCREEN_MAX.
 */
export function screen(kind: "CON" | "END", lines: Line[]) {
  const folded = lines.map((line) =>
    typeof line === "string"
      ? toGsm7(line)
      : {
          before: toGsm7(line.before ?? ""),
          flex: toGsm7(line.flex.replace(/\s+/g, " ").trim()),
          after: toGsm7(line.after ?? ""),
        },
  );
  const size = () => kind.length + 1 + folded.map(joined).join("\n").length;
  while (size() > SCREEN_MAX) {
    let longest: Flexible | null = null;
    for (const line of folded) {
      if (typeof line !== "string" && line.flex.length > 1 && (!longest || line.flex.length > longest.flex.length)) {
        longest = line;
      }
    }
    if (!longest) break;
    const over = size() - SCREEN_MAX;
    longest.flex = shortened(longest.flex, Math.max(1, longest.flex.length - Math.max(1, over)));
  }
  return `${kind} ${folded.map(joined).join("\n")}`.slice(0, SCREEN_MAX);
}

/** `text` in at most `length` characters: cut after a whole word where one is near, then "...". */
function shortened(text: string, length: number) {
  if (length <= 4) return text.slice(0, length);
  let cut = text.slice(0, length - 3);
  const space = cut.lastIndexOf(" ");
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:(/-]+$/, "")}...`;
}

/** "Choix invalide" above the screen it answers. */
export const withNote = (note: string | null, lines: Line[]): Line[] => (note ? [note, ...lines] : lines);

/** `1 Bamako`: numbered choices from `first`. */
export const numbered = (items: string[], first = 1): Line[] =>
  items.map((item, i) => ({ before: `${first + i} `, flex: item }));

export const navLine = (locale: Locale, more = false) =>
  [more ? say(locale, "nav.more") : null, say(locale, "nav.back"), say(locale, "nav.home")].filter(Boolean).join(" ");
