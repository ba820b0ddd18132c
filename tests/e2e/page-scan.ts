// What the key scan reads on a page: whether React has taken it over, the links a person can
// follow, and what would look broken to them (a locale key, a heading or control without a name).
import type { Page } from "playwright-core";
import { keysShown } from "./locale-keys";

/** The page came with React Router's scripts (its context is a global: React may move the script tags). */
export function hasScripts(page: Page): Promise<boolean> {
  return page.evaluate(() => "__reactRouterContext" in window);
}

/** The page is ready to be read: sent without JavaScript, or hydrated by React. */
export async function ready(page: Page) {
  await page.waitForFunction(() => {
    if (!("__reactRouterContext" in window)) return true;
    const main = document.getElementById("contenu");
    return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactProps$")));
  });
}

/** React manages the page: following one of its links is a client-side navigation. */
export function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const main = document.getElementById("contenu");
    return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactProps$")));
  });
}

/** Folded parts (<details>) are opened, as a person reading everything would. */
function unfold(page: Page) {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
  });
}

export type Link = { href: string; url: string };

/** The visible links a person can follow in this tab (downloads and new tabs left out). */
export async function visibleLinks(page: Page): Promise<Link[]> {
  await unfold(page);
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("a[href]")]
      .filter((a) => a.checkVisibility() && !a.hasAttribute("download") && (!a.target || a.target === "_self"))
      .map((a) => ({ href: a.getAttribute("href")!, url: a.href })),
  );
}

/** Headings and controls that are shown with no text and no accessible name. */
function unnamed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = (el: Element): string => {
      const labelledBy = el.getAttribute("aria-labelledby");
      if (labelledBy) {
        return labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
          .trim();
      }
      const parts = [
        el.getAttribute("aria-label"),
        el.textContent,
        ...[...el.querySelectorAll("img[alt], svg title")].map((img) => img.getAttribute("alt") ?? img.textContent),
        el instanceof HTMLInputElement ? el.value : null,
        el.getAttribute("title"),
      ];
      return parts.map((part) => part?.trim() ?? "").find(Boolean) ?? "";
    };
    const describe = (el: Element) => el.outerHTML.replace(/\s+/g, " ").slice(0, 140);
    const problems: string[] = [];
    const main = document.querySelector("main h1");
    if (!main) problems.push("no main heading (<h1> in <main>)");
    if (!document.title.trim()) problems.push("empty <title>");
    const named =
      "h1, h2, h3, h4, h5, h6, a[href], button, summary, label, legend, caption, [role=button], [role=link], " +
      "input[type=submit], input[type=button]";
    for (const el of document.querySelectorAll(named)) {
      if (el.checkVisibility() && !nameOf(el)) problems.push(`no text nor name: ${describe(el)}`);
    }
    return problems;
  });
}

/** Everything on the page that looks broken to a person: locale keys shown, unnamed headings and controls. */
export async function pageProblems(page: Page): Promise<string[]> {
  await unfold(page);
  const keys = await keysShown(page);
  return [...keys.map((key) => `locale key shown: ${key}`), ...(await unnamed(page))];
}
