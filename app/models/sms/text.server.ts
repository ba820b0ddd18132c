// The words SMS answers are made of (locales/<lng>/sms.json) and the lists they carry:
// offers and applications, cut so that the whole answer stays one SMS (160 GSM-7 units).
import fs from "node:fs";
import path from "node:path";
import { channelValues } from "~/models/outbox.server";
import { smsShape, toGsm7 } from "~/utils/gsm7";
import type { Locale } from "~/utils/i18n";

export const SMS_UNITS = 160;

type Tree = { [key: string]: string | Tree };
const files = new Map<string, Tree>();

function read(lng: string, ns: string): Tree {
  const key = `${lng}/${ns}`;
  let tree = files.get(key);
  if (!tree) {
    const file = path.resolve(process.cwd(), "locales", lng, `${ns}.json`);
    tree = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Tree) : {};
    files.set(key, tree);
  }
  return tree;
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const fill = (text: string, values: Record<string, unknown>) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** A word of sms.json in this language (Bamanankan lacking one says it in French). */
export function smsWord(locale: Locale, key: string, values: Record<string, unknown> = {}) {
  return fill(lookup(read(locale, "sms"), key) ?? lookup(read("fr", "sms"), key) ?? key, values);
}

/** The text an answer's template gives with these values (what the outbox will send). */
export const replyText = (locale: Locale, name: string, values: Record<string, unknown>) =>
  smsWord(locale, `reply.${name}.sms`, values);

/** A region's name as a place (`Ségou`; the district is just `Bamako`). */
export function regionName(code: string) {
  const name = lookup(read("fr", "common"), `region.${code}`) ?? code;
  return name.replace(/^District de /, "");
}

/** Every region code with the folded ways of writing it ("segou", "nioro du sahel", "nioro"). */
export function regionNames(): { code: string; name: string }[] {
  const regions = read("fr", "common").region;
  return typeof regions === "object" ? Object.keys(regions).map((code) => ({ code, name: regionName(code) })) : [];
}

/** `75000F/mois`: digits without separators, the shortest a keypad phone shows. */
export function payText(locale: Locale, amount: number | null, period: string) {
  return amount ? smsWord(locale, `pay.${period}`, { amount }) : null;
}

const units = (text: string) => smsShape(text).units;

function cut(text: string, room: number) {
  if (units(text) <= room) return text;
  let kept = text;
  while (kept.length > 0 && units(kept) > room - 1) kept = kept.slice(0, -1);
  return `${kept.trimEnd()}.`;
}

/** One line of a list: `head` and `tail` as they are, `flex` (a title) cut to fit. */
export type ListLine = { head: string; flex: string; tail: string };

/**
 * Up to `max` lines in `room` units: the titles share what the fixed parts leave, a
 * short title giving its spare to the longer ones; fewer lines when even 8 letters
 * of each title would not fit.
 */
export function fitLines(lines: ListLine[], room: number, max = 3) {
  const folded = lines.slice(0, max).map((line) => ({
    head: toGsm7(line.head),
    flex: toGsm7(line.flex.replace(/\s+/g, " ").trim()),
    tail: toGsm7(line.tail),
  }));
  for (let count = folded.length; count > 0; count--) {
    const chosen = folded.slice(0, count);
    let left = room - (count - 1) - chosen.reduce((sum, line) => sum + units(line.head) + units(line.tail), 0);
    if (left < 8 * count && count > 1) continue;
    const rooms = new Map<number, number>();
    const byLength = [...chosen.keys()].sort((a, b) => units(chosen[a]!.flex) - units(chosen[b]!.flex));
    byLength.forEach((index, order) => {
      const share = Math.floor(left / (count - order));
      const given = Math.max(0, Math.min(units(chosen[index]!.flex), share));
      rooms.set(index, given);
      left -= given;
    });
    return chosen.map((line, index) => `${line.head}${cut(line.flex, rooms.get(index)!)}${line.tail}`).join("\n");
  }
  return "";
}

/** The units a template leaves for its list, once its other values are in. */
export const roomFor = (locale: Locale, name: string, listKey: string, values: Record<string, unknown> = {}) =>
  SMS_UNITS - units(toGsm7(replyText(locale, name, { ...channelValues(), ...values, [listKey]: "" })));
