// A browser tab moving through the portal by its own links, as one person: first loading each
// page it finds (one per route pattern), then reaching each of them again by clicking links
// from a page React has taken over (client-side navigation). Every page it shows is read with
// pageProblems; what went wrong is collected, not thrown, so that one run lists every page.
import type { Page } from "playwright-core";
import { BAMBARA_ROUTES } from "../../app/utils/i18n-pages";
import { hasScripts, type Link, pageProblems, ready, visibleLinks } from "./page-scan";
import { patternOf, routeIds, shown } from "./route-patterns";

export type Role = "anonymous" | "candidat" | "employeur" | "conseiller" | "admin";
export const LANGUAGES = ["fr", "en", "bm"] as const;
export type Lng = (typeof LANGUAGES)[number];
type Mode = "full" | "client";

const ROUTE_IDS = routeIds();

/** The language a page of `pattern` is shown in when `lng` was chosen: French for a page not written in Bambara. */
export function pageLang(lng: Lng, pattern: string | undefined): Lng {
  if (lng !== "bm" || pattern === undefined) return lng;
  return BAMBARA_ROUTES.has(ROUTE_IDS.get(pattern) ?? "") ? "bm" : "fr";
}

/** Which route patterns were shown to which role, in which language, by which kind of navigation. */
export class Coverage {
  private readonly visits = new Map<string, Set<string>>();

  record(pattern: string, role: Role, lng: Lng, mode: Mode) {
    const visits = this.visits.get(pattern) ?? new Set();
    visits.add(`${role} ${lng} ${mode}`);
    this.visits.set(pattern, visits);
  }

  has(pattern: string, role: Role, lng: Lng, mode: Mode) {
    return this.visits.get(pattern)?.has(`${role} ${lng} ${mode}`) ?? false;
  }

  reached(pattern: string) {
    return (this.visits.get(pattern)?.size ?? 0) > 0;
  }

  /** One row per pattern, one column per role: "F C|F C|F C" is fr, en then bm; F a full load, C a client one. */
  table(patterns: string[], roles: Role[]): string {
    const cell = (pattern: string, role: Role) =>
      LANGUAGES.map(
        (lng) =>
          `${this.has(pattern, role, lng, "full") ? "F" : "-"} ${this.has(pattern, role, lng, "client") ? "C" : "-"}`,
      ).join("|");
    const width = Math.max(...patterns.map((p) => shown(p).length));
    const header = ["route".padEnd(width), ...roles.map((role) => role.padEnd(15))].join("  ");
    const rows = patterns.map((pattern) =>
      [shown(pattern).padEnd(width), ...roles.map((role) => cell(pattern, role).padEnd(15))].join("  "),
    );
    return [header, ...rows].join("\n");
  }
}

export type Tab = {
  page: Page;
  role: Role;
  lng: Lng;
  patterns: string[];
  /** Patterns never followed: downloads, resources, logging out. */
  excluded: Set<string>;
  coverage: Coverage;
  problems: string[];
};

type Followable = Link & { pattern: string; path: string };

/** Links of the current page to a page of the portal that the scan follows. */
async function followable(tab: Tab): Promise<Followable[]> {
  const origin = new URL(tab.page.url()).origin;
  const links: Followable[] = [];
  for (const link of await visibleLinks(tab.page)) {
    const url = new URL(link.url);
    if (url.origin !== origin || url.searchParams.has("lng")) continue;
    const pattern = patternOf(url.pathname, tab.patterns);
    if (pattern === undefined || tab.excluded.has(pattern)) continue;
    links.push({ ...link, pattern, path: url.pathname + url.search });
  }
  return links;
}

const where = (tab: Tab, mode: Mode) => `${tab.role} ${tab.lng} ${mode} ${new URL(tab.page.url()).pathname}`;

/** Reads the page now shown and records it; returns its pattern. */
async function check(tab: Tab, mode: Mode): Promise<string | undefined> {
  const pattern = patternOf(new URL(tab.page.url()).pathname, tab.patterns);
  const lang = await tab.page.evaluate(() => document.documentElement.lang);
  const problems = await pageProblems(tab.page);
  // Bambara chosen, a page not written in it says it is French.
  const expected = pageLang(tab.lng, pattern);
  if (lang !== expected) problems.push(`the page is in "${lang}", not "${expected}"`);
  tab.problems.push(...problems.map((problem) => `${where(tab, mode)}: ${problem}`));
  if (pattern !== undefined) tab.coverage.record(pattern, tab.role, tab.lng, mode);
  return pattern;
}

/** Loads `path` as a new document and reads it; returns the pattern it landed on (after redirects). */
export async function load(tab: Tab, path: string, expectedStatus = 200): Promise<string | undefined> {
  try {
    const response = await tab.page.goto(path);
    await ready(tab.page);
    const status = response?.status() ?? 0;
    if (status !== expectedStatus && !(expectedStatus === 200 && status < 400)) {
      tab.problems.push(`${where(tab, "full")}: ${path} answered ${status}`);
    }
    return await check(tab, "full");
  } catch (error) {
    tab.problems.push(`${tab.role} ${tab.lng} full ${path}: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

type PageNode = { path: string; scripts: boolean; links: Map<string, string> };

/** From `home`, loads each page found by following links, one per route pattern (breadth first). */
async function crawlByFullLoad(tab: Tab, home: string): Promise<Map<string, PageNode>> {
  const graph = new Map<string, PageNode>();
  const queued = new Set([patternOf(home, tab.patterns)]);
  const queue = [home];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const pattern = await load(tab, path);
    if (pattern === undefined || graph.has(pattern)) continue;
    const node: PageNode = { path, scripts: await hasScripts(tab.page), links: new Map() };
    graph.set(pattern, node);
    for (const link of await followable(tab)) {
      if (!node.links.has(link.pattern)) node.links.set(link.pattern, link.href);
      if (queued.has(link.pattern)) continue;
      queued.add(link.pattern);
      queue.push(link.path);
    }
  }
  return graph;
}

/** The shortest chain of patterns from one of `sources` to `target`, following the links found. */
function chain(graph: Map<string, PageNode>, sources: string[], target: string): string[] | undefined {
  const previous = new Map<string, string | null>(sources.map((source) => [source, null]));
  const queue = [...sources];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === target) {
      const steps = [at];
      for (let step = previous.get(at); step != null; step = previous.get(step)) steps.unshift(step);
      return steps;
    }
    for (const next of graph.get(at)?.links.keys() ?? []) {
      if (previous.has(next) || !graph.has(next)) continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  return undefined;
}

/**
 * Clicks a link of the current page to a page of `pattern` and waits for what a person sees: the
 * address changes and a new main heading replaces the old one. Returns false when it could not.
 */
async function follow(tab: Tab, pattern: string, preferred: string | undefined): Promise<boolean> {
  const { page } = tab;
  const links = (await followable(tab)).filter((link) => link.pattern === pattern);
  const link = links.find((l) => l.href === preferred) ?? links[0];
  if (!link) return false;
  const from = page.url();
  await page.evaluate(() => {
    document.querySelector("main h1")?.setAttribute("data-key-scan-left", "");
    Object.assign(window, { keyScanSameDocument: true });
  });
  try {
    await page
      .locator(`a[href=${JSON.stringify(link.href)}]`)
      .filter({ visible: true })
      .first()
      .click();
    await page.waitForFunction(
      (left) => {
        const heading = document.querySelector("main h1");
        return location.href !== left && heading !== null && !heading.hasAttribute("data-key-scan-left");
      },
      from,
      { timeout: 15_000 },
    );
    await ready(page);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    tab.problems.push(
      `${tab.role} ${tab.lng} client: following ${link.href} from ${from}: no new page shown (${message})`,
    );
    return false;
  }
  const sameDocument = await page.evaluate(() => "keyScanSameDocument" in window);
  await check(tab, sameDocument ? "client" : "full");
  return true;
}

/**
 * Reaches each page of `graph` by client-side navigation: from the page on screen when React
 * manages it, else from a page loaded with its scripts, along the shortest chain of links.
 */
async function crawlByClientNavigation(tab: Tab, graph: Map<string, PageNode>) {
  const withScripts = [...graph].filter(([, node]) => node.scripts).map(([pattern]) => pattern);
  const mark = () => tab.page.evaluate(() => Object.assign(window, { keyScanSameDocument: true }));
  for (const target of graph.keys()) {
    let tried = false;
    for (let attempt = 0; attempt < 2 && !tab.coverage.has(target, tab.role, tab.lng, "client"); attempt++) {
      const onScreen = patternOf(new URL(tab.page.url()).pathname, tab.patterns);
      const managed = await tab.page.evaluate(() => "keyScanSameDocument" in window);
      const fromScreen = attempt === 0 && managed && onScreen !== undefined && onScreen !== target;
      let steps = fromScreen ? chain(graph, [onScreen], target) : undefined;
      if (!steps) {
        steps = chain(
          graph,
          withScripts.filter((pattern) => pattern !== target),
          target,
        );
        if (!steps) break;
        await load(tab, graph.get(steps[0]!)!.path);
        await mark();
      }
      tried = true;
      for (const [i, next] of steps.slice(1).entries()) {
        if (!(await follow(tab, next, graph.get(steps[i]!)?.links.get(next)))) break;
      }
    }
    if (tried && !tab.coverage.has(target, tab.role, tab.lng, "client")) {
      tab.problems.push(`${tab.role} ${tab.lng} client: no client-side navigation reached ${shown(target)}`);
    }
  }
}

/** Loads `home`, then the pages its links lead to, then reaches them again by client-side navigation. */
export async function crawl(tab: Tab, home: string) {
  const graph = await crawlByFullLoad(tab, home);
  await crawlByClientNavigation(tab, graph);
}

/** Changes the language with the switch in the header, as a person does. */
export async function switchLanguage(tab: Tab, home: string, lng: Lng) {
  const names: Record<Lng, string> = { fr: "Français", en: "English", bm: "Bamanankan" };
  await tab.page.goto(home);
  await tab.page.getByRole("button", { name: names[lng], exact: true }).click();
  const lang = pageLang(lng, patternOf(home, tab.patterns));
  await tab.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  tab.lng = lng;
}
