// Client-side navigation with JavaScript on, as a person uses the portal: from the home page's
// "Se connecter" link, through the login form, then through every link of their role's menu.
// Each page must show its texts, never a locale key (a namespace the page needs that the
// browser has not loaded shows as its key), and focus must move to the new page's main heading.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { keysShown, localeKeys } from "./locale-keys";

const KEYS = localeKeys();

/** What has focus: "h1: <its text>", or the element's tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "nothing";
    const where = el.matches("main h1") ? "h1" : el.tagName.toLowerCase();
    return `${where}: ${(el.textContent ?? "").trim().slice(0, 60)}`;
  });
}

/**
 * After a client navigation to `pathname`, once the new page is shown (its menu link is the current
 * page): no locale key is shown, and focus is on the new page's main heading.
 */
async function checkPage(page: Page, pathname: string) {
  await page.waitForURL((url) => url.pathname === pathname);
  await page.getByRole("navigation").first().locator(`a[href="${pathname}"][aria-current="page"]`).waitFor();
  expect(await keysShown(page), `locale keys shown on ${pathname}`).toEqual([]);
  const heading = (await page.locator("main h1").first().textContent())?.trim();
  await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(`h1: ${heading}`);
  expect(await keysShown(page), `locale keys shown on ${pathname}`).toEqual([]);
}

const ACCOUNTS = [
  { role: "candidat", email: "candidat@baara.demo" },
  { role: "employeur", email: "employeur@baara.demo" },
  { role: "conseiller", email: "conseiller@baara.demo" },
  { role: "admin", email: "admin@baara.demo" },
] as const;

const LANGUAGES = [
  { lng: "fr", name: "Français", login: "Se connecter" },
  { lng: "en", name: "English", login: "Log in" },
] as const;

type Language = (typeof LANGUAGES)[number];

/**
 * From the home page (in `language`), the "log in" link, the login form once hydrated, then each
 * link of the role's menu: every step a client-side navigation, each page checked with checkPage.
 */
async function journey(page: Page, { lng, name, login }: Language, email: string) {
  await page.goto("/");
  if (lng !== "fr") {
    await page.getByRole("button", { name }).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lng);
  }
  await page.getByRole("link", { name: login, exact: true }).first().click();
  await page.waitForURL((url) => url.pathname === "/connexion");

  // The form is submitted by React Router once hydrated (a client navigation), not by the browser.
  const form = page.locator("main form[method=post]");
  await form.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const hydrated = () => Object.keys(el).some((key) => key.startsWith("__reactProps$"));
        const check = () => (hydrated() ? resolve() : setTimeout(check, 50));
        check();
      }),
  );
  await page.locator("input[name=identifier]").fill(email);
  await page.locator("input[name=password]").fill("baara-demo");
  // A mark on this document: it would be lost if the browser loaded another page.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await form.locator("button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/connexion");
  const home = new URL(page.url()).pathname;
  await checkPage(page, home);

  const menu = page.getByRole("navigation").first();
  const hrefs = await menu.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(1);
  // Each link away from the current page, then back to the role's home page.
  for (const href of [...hrefs.filter((h) => h !== home), home]) {
    await menu.locator(`a[href="${href}"]`).click();
    await checkPage(page, href);
  }
  expect(await page.locator("html").getAttribute("lang")).toBe(lng);
  // No page was loaded by the browser: every step was a client-side navigation.
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
}

describeInBrowser("client-side navigation", () => {
  const portal = usePortal();

  it("tells locale keys apart from ordinary text", () => {
    expect(KEYS.has("dashboard.newOffer")).toBe(true);
    expect(KEYS.has("counsellor:home.myCaseload")).toBe(true);
    expect(KEYS.has("employeur@baara.demo")).toBe(false);
  });

  for (const language of LANGUAGES) {
    for (const { role, email } of ACCOUNTS) {
      it(`${role} (${language.lng}): logs in from the home page and visits each page of the menu`, async () => {
        const context = await portal.newContext();
        await journey(await context.newPage(), language, email);
      });
    }
  }

  it("on a slow connection, a page waits for its texts instead of showing their keys", async () => {
    const context = await portal.newContext();
    // Every script (route modules and locale chunks) arrives 800 ms late.
    await context.route("**/assets/*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await journey(await context.newPage(), LANGUAGES[0], "employeur@baara.demo");
  });
});
