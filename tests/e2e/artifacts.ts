// What a failed browser test leaves behind: a screenshot and the HTML of each page it used,
// under tests/e2e/.artifacts/ (ignored by git, emptied at the start of each browser-test run).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export const ARTIFACTS_DIR = path.resolve("tests/e2e/.artifacts");

/** The test's name as a file name: plain letters, digits and dashes. */
export function artifactName(testName: string) {
  return testName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 120);
}

/** A page that hangs (navigating, crashed) must not hang the test run as well. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Writes `<test name>-<n>.png` (the whole page) and `<test name>-<n>.html` (its URL, then its
 * DOM as it was) for each page still open, and returns the files written. A page that cannot
 * be captured is skipped: the test's own error is what matters.
 */
export async function captureFailure(testName: string, pages: Page[]): Promise<string[]> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const written: string[] = [];
  const open = pages.filter((page) => !page.isClosed());
  for (const [index, page] of open.entries()) {
    const stem = path.join(ARTIFACTS_DIR, `${artifactName(testName)}-${index + 1}`);
    try {
      await page.screenshot({ path: `${stem}.png`, fullPage: true, timeout: 10_000 });
      written.push(`${stem}.png`);
    } catch {
      // closed or crashed meanwhile
    }
    try {
      const html = await within(page.content(), 10_000);
      fs.writeFileSync(`${stem}.html`, `<!-- ${page.url()} -->\n${html}`);
      written.push(`${stem}.html`);
    } catch {
      // closed or crashed meanwhile
    }
  }
  return written;
}
