import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";

/** The first long word of the newest offer's title, and that word with a letter left out. */
async function misspeltTitleWord(page: Page) {
  await page.goto("/offres");
  const title = (await page.getByRole("article").first().getByRole("heading").textContent()) ?? "";
  const word = title.split(/[\s'()-]+/).find((w) => w.length >= 6);
  if (!word) throw new Error(`no word of 6 letters or more in « ${title} »`);
  const middle = word.length >> 1;
  return { word, typo: word.slice(0, middle) + word.slice(middle + 1) };
}

describeInBrowser("search with a misspelt word in a real browser", () => {
  const portal = usePortal();

  for (const javaScriptEnabled of [false, true]) {
    it(`shows the offers of the word meant, then the words as typed on request (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await (await portal.newContext({ javaScriptEnabled })).newPage();
      await page.setViewportSize({ width: 360, height: 740 });
      const { word, typo } = await misspeltTitleWord(page);
      await page.getByRole("searchbox").fill(typo);
      await page.getByRole("button", { name: "Rechercher" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === typo);
      await page.getByText(/^Résultats pour « .+ »$/).waitFor();
      const firstTitle = await page.getByRole("article").first().getByRole("heading").textContent();
      expect(firstTitle?.toLowerCase()).toContain(word.toLowerCase());

      const asTyped = page.getByRole("link", { name: `rechercher plutôt « ${typo} »` });
      expect((await asTyped.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      await asTyped.click();
      await page.waitForURL((url) => url.searchParams.get("q") === `"${typo}"`);
      await page.getByText("Aucune offre ne correspond à votre recherche.").waitFor();
      expect(await page.getByText(/^Résultats pour/).count()).toBe(0);
    });
  }
});
