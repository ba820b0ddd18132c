import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS_DIR, artifactName } from "./artifacts";
import { describeInBrowser, usePortal } from "./harness";

const PASSING = "passes: the home page names the portal";
const FAILING = "fails on purpose: the home page never says Bonjour Mars";
const stem = (test: string) => path.join(ARTIFACTS_DIR, `${artifactName(`artifacts ${test}`)}-1`);

describeInBrowser("what a failed browser test leaves behind", () => {
  const portal = usePortal();

  it(PASSING, async () => {
    const page = await (await portal.newContext()).newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Baara" }).first().waitFor();
  });

  it.fails(FAILING, async () => {
    const page = await (await portal.newContext()).newPage();
    await page.goto("/offres");
    await page.getByText("Bonjour Mars").waitFor({ timeout: 1_000 });
  });

  it("the failed test, and only it, left a screenshot and its page's HTML in tests/e2e/.artifacts/", () => {
    const png = fs.readFileSync(`${stem(FAILING)}.png`);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(1_000);
    const html = fs.readFileSync(`${stem(FAILING)}.html`, "utf8");
    expect(html.startsWith(`<!-- ${portal.url}/offres -->`)).toBe(true);
    expect(html).toMatch(/<h1[\s\S]*<\/html>$/);
    expect(fs.existsSync(`${stem(PASSING)}.png`)).toBe(false);
    expect(fs.existsSync(`${stem(PASSING)}.html`)).toBe(false);
    // A green run leaves the folder as it found it.
    for (const extension of [".png", ".html"]) fs.rmSync(stem(FAILING) + extension);
  });
});
