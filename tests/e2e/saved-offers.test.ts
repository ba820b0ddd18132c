// Saved offers on a 360×740 phone, with and without JavaScript: a candidate saves an offer from the
// search results (the page stays where it was: a fetcher with JavaScript, a 303 back to the offer's
// anchor without), finds it in /candidat/favoris and removes it. On an offer's page, the apply
// button is in the first screen and a bar keeps it at the bottom of the screen while reading.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const PHONE = { width: 360, height: 740 };

describeInBrowser("saved offers on a phone (360×740)", () => {
  const portal = usePortal();

  async function phone(javaScript: boolean): Promise<Page> {
    const context = await portal.newContext({ viewport: PHONE, javaScriptEnabled: javaScript });
    return context.newPage();
  }

  for (const javaScript of [false, true]) {
    const mode = javaScript ? "with JavaScript" : "without JavaScript";

    it(`saves an offer from a result, finds it in the saved list and removes it (${mode})`, async () => {
      const page = await phone(javaScript);
      await logIn(page, "candidat@baara.demo");
      if (javaScript) {
        // Reached by a link of the hydrated home page, as a person does: the search page then runs
        // with the scripts (loaded directly, it is sent without them).
        const link = page.getByRole("link", { name: "Chercher des offres" });
        await link.evaluate(
          (el) =>
            new Promise<void>((resolve) => {
              const check = () =>
                Object.keys(el).some((key) => key.startsWith("__reactProps$")) ? resolve() : setTimeout(check, 50);
              check();
            }),
        );
        await page.evaluate(() => Object.assign(window, { sameDocument: true }));
        await link.click();
        await page.waitForURL((url) => url.pathname === "/offres");
      } else {
        await page.goto("/offres");
      }
      const card = page.locator("main article").nth(javaScript ? 1 : 0);
      const title = (await card.locator("h2").textContent())!.trim();
      const anchor = await card.getAttribute("id");
      await card.getByRole("button", { name: /^Sauvegarder l'offre/ }).click();
      await page.locator(`#${anchor}`).locator("button[aria-pressed=true]").waitFor();
      expect(await page.locator(`#${anchor}`).getByRole("button", { pressed: true }).textContent()).toContain(
        "Sauvegardée",
      );
      if (javaScript) {
        expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
      } else {
        expect(new URL(page.url()).hash).toBe(`#${anchor}`);
      }

      await page.goto("/candidat/favoris");
      const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
      await item.waitFor();
      expect(await item.getByRole("link", { name: `Postuler à l'offre « ${title} »` }).isVisible()).toBe(true);
      await item.getByRole("button", { name: `Retirer l'offre « ${title} » de mes offres sauvegardées` }).click();
      await page.getByText("Offre retirée de vos offres sauvegardées.").waitFor();
      await page.getByText("Vous n'avez encore sauvegardé aucune offre.", { exact: false }).waitFor();
    });

    it(`shows the apply button in an offer's first screen, kept at the bottom when scrolled (${mode})`, async () => {
      const page = await phone(javaScript);
      await page.goto("/offres");
      await page.locator("main article h2 a").first().click();
      await page.waitForURL(/\/offres\/\d+$/);
      const apply = page.getByRole("link", { name: "Postuler à cette offre" });
      const top = (await apply.boundingBox())!.y;
      console.log(`[saved-offers] apply button top on ${new URL(page.url()).pathname}: ${Math.round(top)} px`);
      expect(top).toBeLessThan(PHONE.height);

      // Halfway down, the bar's button sits at the bottom of the screen.
      const bar = page.getByRole("link", { name: "Postuler", exact: true });
      await page.getByRole("heading", { name: "Description" }).evaluate((el) => el.scrollIntoView());
      const stuck = await bar.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      expect(stuck.bottom).toBeGreaterThan(PHONE.height - 20);
      expect(stuck.bottom).toBeLessThanOrEqual(PHONE.height);
      expect(stuck.height).toBeGreaterThanOrEqual(44);
      // At the end, it lies under the offer's last link and above the footer, hiding neither.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const box = (await bar.boundingBox())!;
      const back = (await page.getByRole("link", { name: /Toutes les offres/ }).boundingBox())!;
      expect(back.y + back.height).toBeLessThanOrEqual(box.y - 8);
    });
  }
});
