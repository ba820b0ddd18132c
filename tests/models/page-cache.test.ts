// The public page cache in front of a small page renderer reading the real (in-memory) database:
// which requests it answers from memory, with which headers and bytes, and when it renders again.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publicDataVersion } from "~/models/data-version.server";
import { OTHER_LANGUAGE_CACHE_CONTROL, publicPageCache, SHARED_CACHE_CONTROL } from "~/server/page-cache";
import { privateWhenPersonal } from "~/server/private-responses";
import { localeCookie } from "~/utils/i18n.server";
import { offers, programmes } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertOffer, insertOrganisation } from "../helpers/factories";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

let db: ReturnType<typeof createTestDb>;
let server: http.Server;
let base: string;
let clock: number;
let renders: number;
let offerId: number;

/** A GET (or HEAD) that sends exactly these headers and keeps the body as the server encoded it. */
function request(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request(`${base}${path}`, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject)
      .end();
  });
}

/** A page as the portal renders it: the language, the open offer's title, a nonce on its links. */
function renderPage(req: express.Request, res: express.Response) {
  renders++;
  const nonce = `nonce${renders}`;
  const lng = /lng=/.test(req.get("cookie") ?? "") ? "en" : "fr";
  const title = db.select({ title: offers.title }).from(offers).where(eq(offers.id, offerId)).get()?.title;
  const extra = req.query.script ? `<script nonce="${nonce}">run()</script>` : "";
  if (req.query.cookie) res.append("Set-Cookie", "baara_session=abc; Path=/");
  res.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${nonce}'`);
  res.status(req.query.missing ? 404 : 200).type("html");
  res.write(`<html lang="${lng}"><link nonce="${nonce}" rel="stylesheet" href="/a.css"/>`);
  res.write(`<script type="application/ld+json">{"title":"x"}</script>${extra}`);
  res.end(`<h1>${title}</h1><p>${"Offre ouverte. ".repeat(200)}</p></html>`);
}

async function start(options: { enabled?: boolean; maxEntries?: number; maxBytes?: number } = {}) {
  const app = express();
  app.use(privateWhenPersonal);
  const cache = publicPageCache({ db: () => db, now: () => clock, ...options });
  app.use(cache);
  app.use(renderPage);
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return cache;
}

beforeEach(() => {
  db = createTestDb();
  clock = 1_000_000;
  renders = 0;
  const org = insertOrganisation(db);
  offerId = insertOffer(db, { orgId: org.id, title: "Soudeur à Kayes", status: "published" }).id;
});

afterEach(() => {
  server?.close();
  db.$client.close();
});

describe("the data version", () => {
  it("goes up with every write to offers, organisations and programmes, whoever writes", () => {
    const before = publicDataVersion(db);
    db.update(offers).set({ title: "Soudeur à Kayes (CDD)" }).where(eq(offers.id, offerId)).run();
    const afterOffer = publicDataVersion(db);
    insertOrganisation(db, { name: "Atelier Sikasso" });
    const afterOrganisation = publicDataVersion(db);
    db.delete(programmes).run();
    db.$client.prepare("DELETE FROM offers WHERE id = ?").run(offerId);
    expect(afterOffer).toBeGreaterThan(before);
    expect(afterOrganisation).toBeGreaterThan(afterOffer);
    expect(publicDataVersion(db)).toBeGreaterThan(afterOrganisation);
  });
});

describe("publicPageCache", () => {
  it("answers a second visitor from memory with the shared headers, and 304 to a matching If-None-Match", async () => {
    await start();
    const first = await request("/offres");
    const second = await request("/offres");
    expect(renders).toBe(1);
    expect(second.body.toString()).toBe(first.body.toString());
    expect(second.body.toString()).toContain("Soudeur à Kayes");
    for (const answer of [first, second]) {
      expect(answer.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
      expect(answer.headers.vary).toBe("Cookie, Accept-Encoding");
      expect(answer.headers.etag).toMatch(/^W\/"[\w-]+"$/);
      // The nonce is taken out: the kept page's policy opens no script, and its bytes do not change.
      expect(answer.headers["content-security-policy"]).toBe("script-src 'self'");
      expect(answer.body.toString()).not.toContain("nonce");
    }
    const revalidated = await request("/offres", { "If-None-Match": String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(first.headers.etag);
    expect(revalidated.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
  });

  it("keeps each language apart; another language is private to the browser", async () => {
    await start();
    const lngCookie = (await localeCookie.serialize("en")).split(";")[0] ?? "";
    const fr = await request("/");
    const en = await request("/", { Cookie: lngCookie });
    const enAgain = await request("/", { Cookie: lngCookie });
    const frAgain = await request("/");
    expect(renders).toBe(2);
    expect(fr.body.toString()).toContain('lang="fr"');
    expect(frAgain.body.toString()).toContain('lang="fr"');
    expect(en.body.toString()).toContain('lang="en"');
    expect(enAgain.body.toString()).toContain('lang="en"');
    expect(en.headers["cache-control"]).toBe(OTHER_LANGUAGE_CACHE_CONTROL);
    expect(fr.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
    // A language asked for in the address sets a cookie: neither kept nor served from memory.
    await request("/?lng=en");
    await request("/?lng=en");
    expect(renders).toBe(4);
  });

  it("renders again once an offer changed, and after 30 seconds", async () => {
    await start();
    await request("/offres");
    db.update(offers).set({ title: "Mécanicien à Ségou" }).where(eq(offers.id, offerId)).run();
    const changed = await request("/offres");
    expect(changed.body.toString()).toContain("Mécanicien à Ségou");
    expect(renders).toBe(2);
    clock += 29_999;
    await request("/offres");
    expect(renders).toBe(2);
    clock += 1;
    await request("/offres");
    expect(renders).toBe(3);
  });

  it("never keeps a page with a cookie, a script, another status, or a session", async () => {
    await start();
    for (const path of ["/offres?cookie=1", "/offres?script=1", "/offres?missing=1"]) {
      const first = await request(path);
      await request(path);
      expect(first.headers.etag, path).toBeUndefined();
      expect(first.headers["cache-control"], path).toBeUndefined();
    }
    const personal = await request("/offres", { Cookie: "baara_session=abc" });
    await request("/offres", { Cookie: "baara_session=abc" });
    expect(personal.headers["cache-control"]).toBe("private, no-store");
    expect(renders).toBe(8);
  });

  it("answers HEAD with the headers only", async () => {
    await start();
    const page = await request("/confidentialite");
    const head = await request("/confidentialite", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(page.headers.etag);
    expect(Number(head.headers["content-length"])).toBe(page.body.length);
  });

  it("serves brotli, gzip or plain bytes as the browser accepts, all the same page", async () => {
    await start();
    const plain = await request("/partenariats");
    const br = await request("/partenariats", { "Accept-Encoding": "gzip, deflate, br" });
    const gzip = await request("/partenariats", { "Accept-Encoding": "gzip;q=1, br;q=0" });
    expect(renders).toBe(1);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
  });

  it("keeps at most its entries and bytes, the least recently used going first", async () => {
    const cache = await start({ maxEntries: 2 });
    await request("/offres?page=1");
    await request("/offres?page=2");
    await request("/offres?page=1");
    await request("/offres?page=3");
    expect(cache.store.size).toBe(2);
    await request("/offres?page=1");
    expect(renders).toBe(3);
    await request("/offres?page=2");
    expect(renders).toBe(4);

    server.close();
    const small = await start({ maxBytes: 20_000 });
    for (const page of [1, 2, 3, 4, 5]) await request(`/offres?page=${page}`);
    expect(small.store.totalBytes).toBeLessThanOrEqual(20_000);
    expect(small.store.size).toBeGreaterThan(0);
  });

  it("with PAGE_CACHE=off renders every time but keeps the ETag, the 304 and the headers", async () => {
    await start({ enabled: false });
    const first = await request("/offres");
    const second = await request("/offres", { "If-None-Match": String(first.headers.etag) });
    expect(renders).toBe(2);
    expect(second.status).toBe(304);
    expect(first.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
  });

  it("takes a huge, hostile or odd address as just another page, or none", async () => {
    const cache = await start();
    const hostile = [
      `/offres?q=${"a".repeat(10_000)}`,
      `/offres?q=${encodeURIComponent("<script>alert(1)</script>")}`,
      `/offres?q=${encodeURIComponent("'; DROP TABLE offers; --")}`,
      "/offres/12.data",
      "/offres/abc",
    ];
    for (const path of hostile) {
      const answer = await request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body.toString(), path).toContain("Soudeur à Kayes");
    }
    // The long address is not kept; the two short ones are; the others are not public pages.
    expect(cache.store.size).toBe(2);
    expect(publicDataVersion(db)).toBeGreaterThan(0);
  });
});
