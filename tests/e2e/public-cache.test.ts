// The public page cache in the built server: what browsers and proxies are told about each public
// page, that a page is never given in another language or to a logged-in person, and that a
// change to an offer shows on the very next request, whichever process writes it or answers.
// No browser is needed, but the built server and the seeded template database only exist
// where the browser tests run, hence `describeInBrowser`.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltServer, freePort, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

const SHARED = "public, max-age=0, s-maxage=30, stale-while-revalidate=30";
const OTHER_LANGUAGE = "private, max-age=0";

/** The built server on its own copy of the demo database, and that file opened by this test. */
function useServer(workers: number) {
  const ctx = {} as { server: BuiltServer; url: string; sqlite: Database.Database; dbPath: string };
  beforeAll(async () => {
    const port = await freePort();
    ctx.dbPath = path.join(E2E_DIR, `public-cache-${port}.db`);
    fs.copyFileSync(TEMPLATE_DB, ctx.dbPath);
    ctx.server = await startBuiltServer(ctx.dbPath, { port, env: { WEB_CONCURRENCY: String(workers) } });
    ctx.url = ctx.server.url;
    ctx.sqlite = new Database(ctx.dbPath);
    ctx.sqlite.pragma("busy_timeout = 5000");
  });
  afterAll(async () => {
    ctx.sqlite?.close();
    await ctx.server?.stop();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(ctx.dbPath + suffix, { force: true });
  });
  return ctx;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { response, html: await response.text() };
}

/** Paths of a few public pages of the demo data: a search, an open offer, its company, a programme. */
async function publicPaths(url: string) {
  const search = (await get(`${url}/offres?tri=date`)).html;
  const offer = /href="(\/offres\/\d+)"/.exec(search)?.[1];
  const company = /href="(\/entreprises\/\d+)"/.exec((await get(`${url}${offer}`)).html)?.[1];
  const programme = /href="(\/partenariats\/\d+)"/.exec((await get(`${url}/partenariats`)).html)?.[1];
  expect([offer, company, programme]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
  return { offer: offer!, company: company!, programme: programme! };
}

describeInBrowser("public pages served from the page cache (one process)", () => {
  const ctx = useServer(1);

  it("every public page has an ETag and the shared Cache-Control, and a repeated request with it gets a 304", async () => {
    const { offer, company, programme } = await publicPaths(ctx.url);
    for (const page of [
      "/",
      "/offres",
      "/offres?q=soudeur",
      offer,
      company,
      "/partenariats",
      programme,
      "/confidentialite",
    ]) {
      const { response } = await get(`${ctx.url}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get("cache-control"), page).toBe(SHARED);
      expect(response.headers.get("vary"), page).toBe("Cookie, Accept-Encoding");
      expect(response.headers.getSetCookie(), page).toEqual([]);
      const etag = response.headers.get("etag");
      expect(etag, page).toMatch(/^W\/"[\w-]+"$/);
      const again = await fetch(`${ctx.url}${page}`, { headers: { "If-None-Match": etag! } });
      expect(again.status, page).toBe(304);
      expect(await again.text(), page).toBe("");
    }
  });

  it("a visitor who chose English gets English pages kept for their browser only, and the French entry stays French", async () => {
    const chosen = await fetch(`${ctx.url}/offres?lng=en`, { redirect: "manual" });
    const english = chosen.headers.getSetCookie()[0]!.split(";")[0]!;
    expect(english).toMatch(/^lng=/);
    await get(`${ctx.url}/offres`); // the French page is kept first
    const en = await get(`${ctx.url}/offres`, { Cookie: english });
    expect(en.html).toContain('<html lang="en"');
    expect(en.response.headers.get("cache-control")).toBe(OTHER_LANGUAGE);
    expect(en.response.headers.get("etag")).toBeTruthy();
    const enAgain = await get(`${ctx.url}/offres`, { Cookie: english });
    expect(enAgain.html).toContain('<html lang="en"');
    const fr = await get(`${ctx.url}/offres`);
    expect(fr.html).toContain('<html lang="fr"');
    expect(fr.response.headers.get("cache-control")).toBe(SHARED);
  });

  it("a logged-in person never gets a kept page: private, no-store, and their own header", async () => {
    await get(`${ctx.url}/`);
    const login = await fetch(`${ctx.url}/connexion`, {
      method: "POST",
      body: new URLSearchParams({ identifier: "candidat@baara.demo", password: "baara-demo" }),
      redirect: "manual",
      headers: { Origin: ctx.url },
    });
    const session = login.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
    const { response, html } = await get(`${ctx.url}/`, { Cookie: session });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("etag")).toBeNull();
    expect(html).toContain('action="/deconnexion"');
    expect((await get(`${ctx.url}/`)).html).not.toContain('action="/deconnexion"');
  });

  staleness(ctx);
});

describeInBrowser("public pages served from the page cache (two worker processes)", () => {
  const ctx = useServer(2);
  staleness(ctx, 6);
});

/** Kept pages, then an offer changed by another process (this test, writing the SQLite file): the next request shows it. */
function staleness(ctx: { url: string; sqlite: Database.Database }, warmUps = 2) {
  it("an offer's new title shows on the very next request to the search, the offer and its company, and a hidden offer goes", async () => {
    const { offer, company } = await publicPaths(ctx.url);
    const pages = ["/offres?tri=date", offer, company];
    const id = Number(offer.split("/").pop());
    // Each worker keeps its own pages: several requests reach them all.
    for (let i = 0; i < warmUps; i++) for (const page of pages) await get(`${ctx.url}${page}`);

    const renamed = `Soudeur qualifié ${warmUps} ${Date.now()}`;
    ctx.sqlite.prepare("UPDATE offers SET title = ? WHERE id = ?").run(renamed, id);
    for (let i = 0; i < warmUps; i++) {
      for (const page of pages) expect((await get(`${ctx.url}${page}`)).html, page).toContain(renamed);
    }

    ctx.sqlite.prepare("UPDATE offers SET status = 'rejected' WHERE id = ?").run(id);
    for (let i = 0; i < warmUps; i++) {
      expect((await get(`${ctx.url}/offres?tri=date`)).html).not.toContain(renamed);
      expect((await get(`${ctx.url}${company}`)).html).not.toContain(renamed);
      expect((await get(`${ctx.url}${offer}`)).response.status).toBe(404);
    }
  });
}
