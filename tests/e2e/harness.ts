import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";
import { browserMissing, chromiumPath, E2E_DIR, TEMPLATE_DB } from "./paths";

if (browserMissing()) {
  console.log("Browser tests skipped: no Chromium found. Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).");
}

/** `describe` for browser tests: skipped without Chromium, failing if REQUIRE_BROWSER=1. */
export const describeInBrowser = browserMissing() ? describe.skip : describe;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Portal = {
  url: string;
  dbPath: string;
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
};

/**
 * Starts the built server on a free port with its own copy of the seeded demo
 * database, and a headless Chromium. Both stop after the file's tests.
 */
export function usePortal(): Portal {
  const portal = {} as Portal;
  let server: ChildProcess | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error("REQUIRE_BROWSER=1 but no Chromium: apt-get install -y chromium");
    const port = await freePort();
    portal.dbPath = path.join(E2E_DIR, `portal-${port}.db`);
    fs.copyFileSync(TEMPLATE_DB, portal.dbPath);
    server = spawn(process.execPath, ["build/server/index.js"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: portal.dbPath },
      stdio: ["ignore", "ignore", "inherit"],
    });
    portal.url = `http://localhost:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${portal.url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("the server did not start within 30 s");
      await new Promise((r) => setTimeout(r, 150));
    }
    portal.browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    portal.newContext = async (options = {}) => {
      const context = await portal.browser.newContext({ baseURL: portal.url, ...options });
      contexts.push(context);
      return context;
    };
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await portal.browser?.close();
    server?.kill("SIGTERM");
    if (portal.dbPath) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(portal.dbPath + suffix, { force: true });
  });

  return portal;
}
