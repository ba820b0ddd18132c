// Bytes on the wire of a first visit: Debian's Chromium opens each page with an
// empty cache, asking for gzip only, and every response that arrives before the page is idle is
// counted with its headers (Chromium's encodedDataLength), by kind: HTML, CSS, JavaScript, other.
import type { Browser } from "playwright-core";
import { launchChromium } from "../e2e/paths";

export type PageWeight = {
  path: string;
  html: number;
  css: number;
  js: number;
  other: number;
  total: number;
  encodings: string[];
};

type Kind = "html" | "css" | "js" | "other";

function kindOf(resourceType: string, mimeType: string): Kind {
  if (resourceType === "Document") return "html";
  if (resourceType === "Stylesheet" || mimeType === "text/css") return "css";
  if (resourceType === "Script" || mimeType.includes("javascript")) return "js";
  return "other";
}

async function weigh(browser: Browser, baseUrl: string, path: string): Promise<PageWeight> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const kinds = new Map<string, Kind>();
    const encodings = new Set<string>();
    const weight: PageWeight = { path, html: 0, css: 0, js: 0, other: 0, total: 0, encodings: [] };
    cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
      kinds.set(requestId, kindOf(type, response.mimeType));
      const encoding = Object.entries(response.headers).find(
        ([name]) => name.toLowerCase() === "content-encoding",
      )?.[1];
      if (encoding) encodings.add(String(encoding));
    });
    cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
      const kind = kinds.get(requestId) ?? "other";
      weight[kind] += encodedDataLength;
      weight.total += encodedDataLength;
    });
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    // The budget is stated for gzip; the server would answer Brotli (smaller) to a browser that offers it.
    await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": "gzip" } });
    const response = await page.goto(baseUrl + path, { waitUntil: "networkidle" });
    if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
    weight.encodings = [...encodings];
    return weight;
  } finally {
    await context.close();
  }
}

export async function benchWeight(baseUrl: string, paths: string[]): Promise<PageWeight[]> {
  const browser = await launchChromium();
  try {
    const weights: PageWeight[] = [];
    for (const path of paths) weights.push(await weigh(browser, baseUrl, path));
    return weights;
  } finally {
    await browser.close();
  }
}
