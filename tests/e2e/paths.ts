import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const E2E_DIR = path.join(os.tmpdir(), "baara-e2e");
export const TEMPLATE_DB = path.join(E2E_DIR, "template.db");

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}

/** True when browser tests cannot run here (and are not required to). */
export function browserMissing(): boolean {
  return !chromiumPath() && process.env.REQUIRE_BROWSER !== "1";
}
