// Lighthouse scores: lighthouse@12.2.3 (pinned in package.json) drives Debian's
// Chromium through its debugging port with its default configuration, the mobile profile (a mid-range
// phone, 4× slower CPU, simulated slow 4G). Each page is measured RUNS times; the median run is kept.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { chromiumPath } from "../e2e/paths";
import { freePort, waitUntilAnswering } from "../helpers/built-server";

const RUNS = 3;

export type PageScores = {
  path: string;
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  runs: number[];
};

async function debuggableChromium() {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)");
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "baara-lighthouse-"));
  const chrome = spawn(
    executablePath,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-quic",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  await waitUntilAnswering(`http://127.0.0.1:${port}/json/version`, chrome, "Chromium's debugging port", 20);
  const close = async () => {
    if (chrome.exitCode === null) {
      const exited = new Promise<void>((resolve) => chrome.once("exit", () => resolve()));
      chrome.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { port, close };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchLighthouse(baseUrl: string, paths: string[]): Promise<PageScores[]> {
  const chrome = await debuggableChromium();
  try {
    const scores: PageScores[] = [];
    for (const pagePath of paths) {
      const runs: PageScores[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(baseUrl + pagePath, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
        const { categories, audits, runtimeError } = result.lhr;
        if (runtimeError) throw new Error(`Lighthouse on ${pagePath}: ${runtimeError.message}`);
        const metric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
        runs.push({
          path: pagePath,
          performance: Math.round((categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
          fcpMs: metric("first-contentful-paint"),
          lcpMs: metric("largest-contentful-paint"),
          tbtMs: metric("total-blocking-time"),
          cls: metric("cumulative-layout-shift"),
          runs: [],
        });
      }
      const performance = median(runs.map((r) => r.performance));
      const kept = runs.find((r) => r.performance === performance)!;
      scores.push({ ...kept, runs: runs.map((r) => r.performance) });
    }
    return scores;
  } finally {
    await chrome.close();
  }
}
