// On a 360 px phone and a 1280 px screen: the reports' chart text is drawn at 12 CSS px
// or more, the CSV buttons come before the figures, and a candidate's number is two
// links (call, WhatsApp) at least 44 px tall.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const SCREENS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

/** The size each text of the page's charts is drawn at, in CSS pixels. */
function chartTextSizes(page: Page) {
  return page.locator("figure svg text").evaluateAll((texts) =>
    texts.map((text) => {
      const matrix = (text as SVGTextElement).getScreenCTM()!;
      return { text: text.textContent, px: Number(text.getAttribute("font-size")) * Math.hypot(matrix.a, matrix.b) };
    }),
  );
}

describeInBrowser("reports and phone numbers on a phone and a desktop", () => {
  const portal = usePortal();

  it.each(SCREENS)("reports at $width px: chart text ≥ 12 px, the CSV buttons before the figures", async (screen) => {
    const page = await (await portal.newContext({ viewport: screen })).newPage();
    await logIn(page, "conseiller@baara.demo");
    await page.goto("/conseiller/rapports");
    await page.getByRole("img", { name: /Placements par mois/ }).waitFor();
    const sizes = await chartTextSizes(page);
    expect(sizes.length).toBeGreaterThan(12);
    for (const size of sizes) expect(size.px, size.text ?? "").toBeGreaterThanOrEqual(12);

    const csv = page.getByRole("link", { name: "Indicateurs (CSV)" });
    const keyFigures = await page.getByRole("heading", { name: "Chiffres clés" }).boundingBox();
    const button = (await csv.boundingBox())!;
    expect(button.y).toBeLessThan(keyFigures!.y);
    expect(button.height).toBeGreaterThanOrEqual(44);
  });

  it.each(SCREENS)("a candidate's number at $width px: call and WhatsApp links ≥ 44 px tall", async (screen) => {
    const page = await (await portal.newContext({ viewport: screen })).newPage();
    await logIn(page, "conseiller@baara.demo");
    await page.goto("/conseiller/candidats");
    const call = page.locator('a[href^="tel:+223"]').first();
    await call.waitFor();
    expect(await call.textContent()).toMatch(/^\+223 \d{2} \d{2} \d{2} \d{2}$/);
    const whatsapp = page.getByRole("link", { name: `WhatsApp ${await call.textContent()}` }).first();
    expect(await whatsapp.getAttribute("href")).toMatch(/^https:\/\/wa\.me\/223\d{8}$/);
    for (const link of [call, whatsapp]) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  });
});
