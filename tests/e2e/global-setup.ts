// Once per `npm test`: build the portal and seed a small demo database that
// every browser test file copies, so that each starts from the same fresh data.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { ARTIFACTS_DIR } from "./artifacts";
import { browserMissing, E2E_DIR, TEMPLATE_DB } from "./paths";

export default function setup() {
  console.log("[e2e] building the portal and seeding the browser-test database");
  if (browserMissing()) return;
  // Screenshots of failed tests are those of this run only.
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.rmSync(E2E_DIR, { recursive: true, force: true });
  fs.mkdirSync(E2E_DIR, { recursive: true });
  // Without VITEST in its environment (vite.config.ts leaves React Router's plugin
  // out under Vitest), and as production, not as Vitest's "test": the real build.
  const { VITEST: _vitest, ...env } = process.env;
  execFileSync("npx", ["react-router", "build"], { stdio: "ignore", env: { ...env, NODE_ENV: "production" } });
  execFileSync(
    "npx",
    ["tsx", "db/seed.ts", "--employers", "12", "--offers", "60", "--candidates", "80", "--applications", "120"],
    { stdio: "ignore", env: { ...process.env, DATABASE_PATH: TEMPLATE_DB } },
  );
}
