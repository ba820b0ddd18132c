// A 360×740 phone, with and without JavaScript: the offers start in the first screen, the header is one
// line whose menu opens on every link, and every link or button of the header and the result list is
// at least 44 px tall.
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";
import { ready } from "./page-scan";

const PHONE = { width: 360, height: 740 };
const TAP = 44;

/** The top of the first element `locator` finds, in CSS pixels from the top of the page. */
async function topOf(locator: Locator): Promise<number> {
  const box = await locator.first().boundingBox();
  if (!box) throw new Error("not shown");
  return box.y;
}

/** Visible links, buttons and summaries inside `scope` shorter than a finger (their text and height). */
function smallTargets(scope: Locator): Promise<string[]> {
  return scope.locator("a, button, summary").evaluateAll(
    (elements, tap) =>
      elements
        .filter((el) => el.checkVisibility({ visibilityProperty: true }))
        .map((el) => ({ text: (el.textContent ?? "").trim().slice(0, 40), height: el.getBoundingClientRect().height }))
        .filter(({ height }) => height < tap)
        .map(({ text, height }) => `${text}: ${Math.round(height)} px`),
    TAP,
  );
}

const ACCOUNTS = ["candidat", "employeur", "conseiller", "admin"] as const;

describeInBrowser("a phone's first screen (360×740)", () => {
  const portal = usePortal();

  async function phone(javaScript: boolean): Promise<Page> {
    const context = await portal.newContext({ viewport: PHONE, javaScriptEnabled: javaScript });
    return context.newPage();
  }

  for (const javaScript of [false, true]) {
    const mode = javaScript ? "with JavaScript" : "without JavaScript";

    it(`shows the first search result in the first screen, with and without a filter (${mode})`, async () => {
      const page = await phone(javaScript);
      await page.goto("/offres");
      expect(await topOf(page.locator("main article"))).toBeLessThan(PHONE.height);
      const results = page.locator("section[aria-labelledby=search-results]");
      expect(await smallTargets(results)).toEqual([]);
      expect(await smallTargets(page.locator("header"))).toEqual([]);
      // The footer's two links (programmes, privacy) sit close together: each a finger high.
      expect(await smallTargets(page.getByRole("contentinfo"))).toEqual([]);

      // A word of a job's title, then the type "job" chosen in the folded part of the form.
      await page.goto("/offres?type=emploi");
      const title = (await page.locator("main article h2").first().textContent())!.trim();
      const word = title.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? title;
      await page.goto("/offres");
      await page.getByRole("searchbox", { name: "Métier ou mot-clé" }).fill(word);
      expect(await page.locator("main details").getAttribute("open")).toBeNull();
      await page.getByText("Filtres", { exact: true }).click();
      await page.getByLabel("Type d'offre").selectOption("emploi");
      await page.getByRole("button", { name: "Appliquer les filtres" }).click();
      await page.waitForURL((url) => url.searchParams.get("type") === "emploi" && url.searchParams.get("q") === word);

      await page.getByText("Filtres (1)").waitFor();
      expect(await page.locator("main details").getAttribute("open")).toBeNull();
      const chips = page.getByRole("list", { name: "Recherche en cours" });
      await chips.getByRole("link", { name: "Retirer le filtre « Emploi »" }).waitFor();
      expect(await topOf(page.locator("main article"))).toBeLessThan(PHONE.height);
      expect(await smallTargets(results)).toEqual([]);

      // A chip is a plain link to the same search without its filter.
      await chips.getByRole("link", { name: "Retirer le filtre « Emploi »" }).click();
      await page.waitForURL((url) => !url.searchParams.has("type") && url.searchParams.get("q") === word);
      await page.getByText("Filtres", { exact: true }).waitFor();
    });

    it(`shows the latest offers in the home page's first screen (${mode})`, async () => {
      const page = await phone(javaScript);
      await page.goto("/");
      await page.getByRole("searchbox").waitFor();
      expect(await topOf(page.getByRole("searchbox"))).toBeLessThan(await topOf(page.locator("main article")));
      expect(await topOf(page.locator("main article"))).toBeLessThan(PHONE.height);
      expect((await page.locator("header").boundingBox())!.height).toBeLessThanOrEqual(120);
      expect(await smallTargets(page.locator("header"))).toEqual([]);
    });

    for (const role of ACCOUNTS) {
      it(`keeps the ${role}'s header on one line, its menu opening on every link (${mode})`, async () => {
        const page = await phone(javaScript);
        await logIn(page, `${role}@baara.demo`);
        // With JavaScript, the menu is tried once React has the page (a tap while it hydrates may be undone).
        await ready(page);
        const home = new URL(page.url()).pathname;
        const header = page.locator("header");
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(120);
        const brand = await header.getByRole("link", { name: "Baara" }).boundingBox();
        const menu = header.locator("summary");
        const summary = await menu.boundingBox();
        // The brand and the menu side by side.
        expect(Math.abs(brand!.y + brand!.height / 2 - (summary!.y + summary!.height / 2))).toBeLessThan(8);
        // By its tag: a role query skips what is hidden, and the menu is folded.
        const nav = header.locator('nav[aria-label="Navigation principale"]');
        expect(await nav.isVisible()).toBe(false);
        expect(await smallTargets(header)).toEqual([]);

        await menu.click();
        await nav.waitFor();
        const links = nav.getByRole("link");
        expect(await links.count()).toBeGreaterThan(2);
        for (const link of await links.all()) {
          const box = (await link.boundingBox())!;
          expect(box.y + box.height, (await link.textContent()) ?? "").toBeLessThanOrEqual(PHONE.height);
        }
        expect(await nav.locator('a[aria-current="page"]').getAttribute("href")).toBe(home);
        await header.getByRole("button", { name: "Français" }).waitFor();
        await header.getByRole("button", { name: "Se déconnecter" }).waitFor();
        expect(await smallTargets(header)).toEqual([]);

        // A link of the menu leads to its page, where the menu is folded again.
        const target = await links.last().getAttribute("href");
        await links.last().click();
        await page.waitForURL((url) => url.pathname === target);
        await nav.locator(`a[href="${target}"][aria-current="page"]`).waitFor({ state: "attached" });
        expect(await nav.isVisible()).toBe(false);
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(120);
      });
    }
  }

  it("shows the whole menu as a row on a wide screen, without a « Menu » button", async () => {
    const context = await portal.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, "conseiller@baara.demo");
    const header = page.locator("header");
    expect(await header.locator("summary").isVisible()).toBe(false);
    await header.getByRole("navigation").getByRole("link", { name: "Rapports" }).waitFor();
    await header.getByRole("button", { name: "Se déconnecter" }).waitFor();
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(120);
    expect(await smallTargets(header)).toEqual([]);
  });
});
