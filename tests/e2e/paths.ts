import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

// One folder per checkout, so that two clones can run their browser tests side by side.
const checkout = createHash("sha256").update(process.cwd()).digest("hex").slice(0, 8);
export const E2E_DIR = path.join(os.tmpdir(), `baara-e2e-${checkout}`);
export const TEMPLATE_DB = path.join(E2E_DIR, "template.db");

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}

/** True when browser tests cannot run here (and are not required to). */
export function browserMissing(): boolean {
  return !chromiumPath() && process.env.REQUIRE_BROWSER !== "1";
}

/** Debian's Chromium, headless, quiet (no updates, sync or first-run pages), for tests and benchmarks. */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)");
  return chromium.launch({
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
}
