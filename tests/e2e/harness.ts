import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe } from "vitest";
import { type BuiltServer, freePort, startBuiltServer } from "../helpers/built-server";
import { captureFailure } from "./artifacts";
import { browserMissing, E2E_DIR, launchChromium, TEMPLATE_DB } from "./paths";

if (browserMissing()) {
  console.log(
    "Browser tests skipped: no Chromium found. Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).",
  );
}

/** `describe` for browser tests: skipped without Chromium, failing if REQUIRE_BROWSER=1. */
export const describeInBrowser = browserMissing() ? describe.skip : describe;

export type Portal = {
  url: string;
  dbPath: string;
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
};

/**
 * Starts the built server on a free port with its own copy of the seeded demo
 * database, and a headless Chromium. Both stop after the file's tests. A test that
 * fails leaves a screenshot and the HTML of every page it opened or navigated
 * under tests/e2e/.artifacts/.
 */
export function usePortal(): Portal {
  const portal = {} as Portal;
  let server: BuiltServer | undefined;
  const contexts: BrowserContext[] = [];
  // Pages this test opened or navigated (pages made in beforeAll are shared by the tests).
  const usedPages = new Set<Page>();
  const watch = (page: Page) => {
    usedPages.add(page);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) usedPages.add(page);
    });
  };

  beforeAll(async () => {
    const port = await freePort();
    portal.dbPath = path.join(E2E_DIR, `portal-${port}.db`);
    fs.copyFileSync(TEMPLATE_DB, portal.dbPath);
    server = await startBuiltServer(portal.dbPath, { port });
    portal.url = `http://localhost:${port}`;
    portal.browser = await launchChromium();
    portal.newContext = async (options = {}) => {
      const context = await portal.browser.newContext({ baseURL: portal.url, ...options });
      contexts.push(context);
      context.on("page", watch);
      return context;
    };
  });

  beforeEach(() => usedPages.clear());

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    const name = `${path.basename(task.file.name, ".test.ts")} ${task.name}`;
    const files = await captureFailure(name, [...usedPages]);
    if (files.length > 0) console.log(`[e2e] "${task.name}" failed; its pages are in ${files.join(", ")}`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await portal.browser?.close();
    server?.process.kill("SIGTERM");
    if (portal.dbPath) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(portal.dbPath + suffix, { force: true });
  });

  return portal;
}
