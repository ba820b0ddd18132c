// axe-core (WCAG 2.1 A and AA rules) on every page of every role, in the built
// portal and a real Chromium, plus two keyboard-only journeys.
//
// axe is injected with `page.evaluate(source)`: the portal's Content-Security-Policy
// allows only scripts carrying the page's nonce, so `addScriptTag` would be blocked;
// evaluate runs through the DevTools protocol, which CSP does not apply to. The page
// itself keeps its real CSP (no `bypassCSP`).
import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** One readable line per violation: "color-contrast (serious): help — targets". */
function describeViolations(path: string, violations: Violation[]): string[] {
  return violations.map(
    (v) =>
      `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${path}`);
  return href;
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(
  page: Page,
  matches: (el: { tag: string; text: string; name: string | null }) => boolean,
  max = 120,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? "",
        text: (a?.textContent ?? "").trim(),
        name: a?.getAttribute("name") ?? null,
      };
    });
    if (matches(el)) return;
  }
  throw new Error("Tab never reached the expected element");
}

/** The focused element shows a visible focus ring (outline or box-shadow). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== "" && style.boxShadow !== "none");
  });
}

type Role = "visitor" | "candidate" | "employer" | "counsellor" | "admin";
const ACCOUNTS: Record<Exclude<Role, "visitor">, string> = {
  candidate: "candidat@baara.demo",
  employer: "employeur@baara.demo",
  counsellor: "conseiller@baara.demo",
  admin: "admin@baara.demo",
};

// Paths with ":offer", ":org", ":employerOffer", ":application", ":candidate" are
// resolved by navigating the demo data before the checks.
const PAGES: [Role, string][] = [
  ["visitor", "/"],
  ["visitor", "/offres"],
  ["visitor", "/offres?q=macon"],
  ["visitor", ":offer"],
  ["visitor", ":offer/signaler"],
  ["visitor", ":org"],
  ["visitor", "/connexion"],
  ["visitor", "/inscription"],
  ["visitor", "/inscription?type=employeur"],
  ["visitor", "/confidentialite"],
  ["visitor", ":offer/postuler"],
  ["visitor", "/mot-de-passe-oublie"],
  ["visitor", "/nouveau-mot-de-passe"],
  ["visitor", "/cette-page-n-existe-pas"],
  ["candidate", "/candidat"],
  ["candidate", "/candidat/profil"],
  ["candidate", "/candidat/candidatures"],
  ["candidate", "/candidat/alertes"],
  ["candidate", "/candidat/compte"],
  ["candidate", "/candidat/favoris"],
  ["candidate", "/confirmer-telephone"],
  ["candidate", ":offer/postuler"],
  ["employer", "/employeur"],
  ["employer", "/employeur/organisation"],
  ["employer", "/employeur/offres"],
  ["employer", "/employeur/offres/nouvelle"],
  ["employer", "/employeur/offres/nouvelle?type=apprentissage"],
  ["employer", ":employerOffer"],
  ["employer", ":employerOffer/candidatures"],
  ["employer", ":application"],
  ["counsellor", "/conseiller"],
  ["counsellor", "/conseiller/candidats"],
  ["counsellor", "/conseiller/candidats/nouveau"],
  ["counsellor", ":candidate"],
  ["counsellor", "/conseiller/offres/:offerId/correspondances"],
  ["counsellor", "/conseiller/placements"],
  ["counsellor", "/conseiller/moderation"],
  ["counsellor", "/conseiller/moderation?liste=offres"],
  ["counsellor", "/conseiller/placements?vue=placements"],
  ["counsellor", "/conseiller/rappels"],
  ["counsellor", "/conseiller/rapports"],
  ["admin", "/admin"],
  ["admin", "/admin/utilisateurs"],
  ["admin", "/admin/organisations"],
  ["admin", "/admin/journal"],
  ["admin", "/compte"],
];

describeInBrowser("accessibility in a real browser", () => {
  const portal = usePortal();
  const pages = {} as Record<Role, Page>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const role of ["visitor", "candidate", "employer", "counsellor", "admin"] as Role[]) {
      const context: BrowserContext = await portal.newContext();
      pages[role] = await context.newPage();
      if (role !== "visitor") await logIn(pages[role], ACCOUNTS[role]);
    }
    const visitor = pages.visitor;
    ids[":offer"] = await firstHref(visitor, "/offres", /^\/offres\/\d+$/);
    ids[":offerId"] = /\d+/.exec(ids[":offer"])![0];
    ids[":org"] = await firstHref(visitor, ids[":offer"], /^\/entreprises\/\d+$/);
    const employer = pages.employer;
    ids[":employerOffer"] = await firstHref(employer, "/employeur/offres", /^\/employeur\/offres\/\d+$/);
    // The first of the employer's offers that has an application.
    await employer.goto("/employeur/offres");
    const offerLinks = await employer
      .locator("main a[href]")
      .evaluateAll((links) =>
        links
          .map((a) => a.getAttribute("href") ?? "")
          .filter((h) => /^\/employeur\/offres\/\d+\/candidatures$/.test(h)),
      );
    for (const href of offerLinks) {
      await employer.goto(href);
      const hrefs = await employer
        .locator("main a[href]")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      const application = hrefs.find((h) => /\/candidatures\/\d+$/.test(h));
      if (application) {
        ids[":application"] = application;
        break;
      }
    }
    if (!ids[":application"]) throw new Error("the demo employer has no application");
    ids[":candidate"] = await firstHref(pages.counsellor, "/conseiller/candidats", /^\/conseiller\/candidats\/\d+$/);
  }, 60_000);

  for (const [role, template] of PAGES) {
    it(`${role} ${template} has no WCAG 2.1 A/AA violation`, async () => {
      const path = template.replace(/:[a-zA-Z]+/g, (key) => ids[key] ?? key);
      const page = pages[role];
      const found: string[] = [];
      // Mobile first: a small phone screen, then a laptop one.
      for (const viewport of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        const where = `${role} ${new URL(page.url()).pathname}${new URL(page.url()).search} @${viewport.width}px`;
        found.push(...describeViolations(where, await axeViolations(page)));
      }
      expect(found).toEqual([]);
    });
  }

  it("a candidate applies using only the keyboard, with a visible focus on the buttons", async () => {
    const context = await portal.newContext();
    const page = await context.newPage();
    // A new candidate, so that no offer is already applied to.
    await page.goto("/inscription");
    const phone = `+223 70 ${String(Date.now()).slice(-6, -4)} ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;
    await page.getByLabel("Prénom").fill("Aminata");
    await page.getByLabel("Nom", { exact: true }).fill("Keïta");
    await page.getByLabel("Numéro de téléphone").fill(phone);
    await page.getByLabel("Mot de passe", { exact: true }).fill("clavier-2026");
    await page.getByLabel("Confirmez le mot de passe").fill("clavier-2026");
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.waitForURL((url) => url.pathname !== "/inscription");

    await page.goto(ids[":offer"]!);
    await page.locator("body").focus();
    await tabTo(page, (el) => el.tag === "a" && /postuler/i.test(el.text));
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/postuler$/);

    await tabTo(page, (el) => el.tag === "textarea");
    await page.keyboard.type("Je suis disponible dès lundi.");
    await tabTo(page, (el) => el.tag === "button" && /Envoyer ma candidature/.test(el.text));
    // One step back and forth with Shift+Tab, then send with Enter.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Envoyer ma candidature");
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/candidat/candidatures**");
    await page.getByText("Envoyée").first().waitFor();
  });

  it("the demo employer shortlists an application using only the keyboard", async () => {
    const page = pages.employer;
    await page.goto(`${ids[":employerOffer"]}/candidatures`);
    // The newest application (the keyboard candidate's, if on this offer) or any sent one.
    let target: string | undefined;
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs.filter((h) => /\/candidatures\/\d+$/.test(h))) {
      await page.goto(href);
      if (await page.getByRole("button", { name: "Présélectionner" }).count()) {
        target = href;
        break;
      }
    }
    expect(target, "an application that can be shortlisted").toBeTruthy();
    await page.locator("body").focus();
    await tabTo(page, (el) => el.tag === "button" && el.text === "Présélectionner");
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Space");
    await page.getByText("Candidature présélectionnée.").waitFor();
  });
});
