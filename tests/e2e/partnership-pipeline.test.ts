// The counsellors' partnership pipeline on a 360×740 phone without JavaScript: the list fits the screen
// with the overdue request first and its badge, the filter form narrows it, a note is written on the
// partnership's page, and a refused move (another reason without a note) says why, its form open and
// what was chosen kept. Buttons and folded moves are at least 44 px high.
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const PHONE = { width: 360, height: 740 };

describeInBrowser("the partnership pipeline on a phone without JavaScript", () => {
  const portal = usePortal();

  it("lists overdue first, filters, records a note and explains a refused move", async () => {
    const page = await (await portal.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
    await logIn(page, "conseiller@baara.demo");
    await page.goto("/conseiller/partenariats");
    await page.getByRole("heading", { level: 1, name: "Partenariats" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const first = page.locator("article").first();
    expect(await first.getByText("En retard", { exact: true }).isVisible()).toBe(true);

    await page.getByLabel("Étape").selectOption("overdue");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL("**/conseiller/partenariats?*statut=overdue*");
    const cards = page.locator("article");
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.filter({ hasNotText: "En retard" }).count()).toBe(0);

    await cards.first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^Partenariat avec / }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const small = await page.$$eval("main button, main summary", (elements) =>
      elements
        .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().height < 44)
        .map((e) => e.textContent),
    );
    expect(small).toEqual([]);

    await page.getByLabel("Votre note").fill("Rappeler le gérant jeudi matin.");
    await page.getByRole("button", { name: "Enregistrer la note" }).click();
    await page.getByText("Note enregistrée.").waitFor();
    expect(
      await page.getByRole("region", { name: "Historique" }).getByText("Rappeler le gérant jeudi matin.").count(),
    ).toBe(1);

    const decline = page.locator("details").filter({ has: page.locator("summary", { hasText: "Refuser la demande" }) });
    await decline.locator("summary").click();
    await decline.getByLabel("Motif").selectOption("other");
    await decline.getByRole("button", { name: "Refuser la demande" }).click();
    await page.getByText("Écrivez une note pour expliquer.").first().waitFor();
    const reopened = page.locator("details[open]").filter({ has: page.locator("summary", { hasText: "Refuser" }) });
    expect(await reopened.getByLabel("Motif").inputValue()).toBe("other");
  });
});
