// Anonymous visitors read the same public pages: they are answered from memory while no
// offer, organisation or programme changed (the data version, read from the database on
// each request, so that a change made by any process counts), and browsers and proxies
// revalidate them with an ETag. A page with a session, a flash, a `?lng=`, or a script is
// never kept.
import type { ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { publicDataVersion } from "~/models/data-version.server";
import type { Db } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/utils/i18n";
import { localeCookie } from "~/utils/i18n.server";
import { type CachedPage, type Encoding, encodeBodies, PageStore, weakEtag } from "./page-cache-store";
import { mayBePersonal } from "./private-responses";

// The response's own functions, called once the whole page is known.
type RawEnd = (this: ServerResponse, chunk?: Buffer) => ServerResponse;
type RawWrite = (this: ServerResponse, chunk: Buffer) => boolean;
type RawWriteHead = (this: ServerResponse, status: number) => ServerResponse;

export const SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=30";
export const OTHER_LANGUAGE_CACHE_CONTROL = "private, max-age=0";
const VARY = "Cookie, Accept-Encoding";
const MAX_KEY_LENGTH = 2000;

const PUBLIC_PAGE = /^\/(?:offres(?:\/\d{1,12})?|entreprises\/\d{1,12}|partenariats(?:\/\d{1,12})?|confidentialite)?$/;
const LNG_COOKIE = new RegExp(`(?:^|;)\\s*${localeCookie.name}=`);
// JSON-LD and JSON data run nothing; any other script would need the nonce a kept page shares.
const EXECUTABLE_SCRIPT = /<script\b(?![^>]*\btype="application\/(?:ld\+)?json")/i;
// Per response, or said again by the cache itself.
const NOT_KEPT = new Set([
  "set-cookie",
  "x-request-id",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "etag",
  "cache-control",
  "vary",
  "date",
  "connection",
  "keep-alive",
]);

const READS_KEPT = new Set(["GET", "HEAD"]);

export type PageCacheOptions = {
  db: () => Db;
  /** `PAGE_CACHE=off`: no page is kept or served from memory (ETags, 304s and Cache-Control stay). */
  enabled?: boolean;
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
};

/** A request whose page may be kept: a public page read anonymously, without `?lng=` (that answer sets a cookie). */
const mayBeKept = (req: Request) =>
  READS_KEPT.has(req.method) &&
  !mayBePersonal(req.method, req.get("cookie")) &&
  PUBLIC_PAGE.test(req.path) &&
  !("lng" in req.query);

/** The encoding the client accepts that serves fewest bytes. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : "identity";
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === bare;
  });
}

function send(req: Request, res: Response, page: CachedPage, cacheControl: string, end: RawEnd) {
  res.setHeader("ETag", page.etag);
  res.setHeader("Cache-Control", cacheControl);
  res.setHeader("Vary", VARY);
  if (matchesEtag(req.get("if-none-match"), page.etag)) {
    res.statusCode = 304;
    end.call(res);
    return;
  }
  for (const [name, value] of Object.entries(page.headers)) if (value !== undefined) res.setHeader(name, value);
  const encoding = page.bodies.br ? preferredEncoding(req.get("accept-encoding")) : "identity";
  const body = page.bodies[encoding] ?? page.bodies.identity;
  res.statusCode = 200;
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  if (req.method === "HEAD") end.call(res);
  else end.call(res, body);
}

/**
 * The rendered page as it may be kept: a 200 without cookie or executable script, its
 * nonce taken out of the body and of the Content-Security-Policy (it then opens nothing,
 * and the same page has the same bytes, hence the same ETag, in every process).
 */
function keepable(res: Response, body: Buffer, version: number, now: number, encode: boolean): CachedPage | null {
  if (res.statusCode !== 200 || res.hasHeader("set-cookie") || body.length === 0) return null;
  let html = body.toString("utf8");
  if (EXECUTABLE_SCRIPT.test(html)) return null;
  const headers: CachedPage["headers"] = {};
  for (const [name, value] of Object.entries(res.getHeaders())) if (!NOT_KEPT.has(name)) headers[name] = value;
  const policy = headers["content-security-policy"];
  const nonce = typeof policy === "string" ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined;
  if (nonce && typeof policy === "string") {
    headers["content-security-policy"] = policy.replace(` 'nonce-${nonce}'`, "");
    html = html.split(` nonce="${nonce}"`).join("");
  }
  const bytes = Buffer.from(html, "utf8");
  const bodies = encode ? encodeBodies(bytes) : { identity: bytes };
  return { version, storedAt: now, etag: weakEtag(bytes), headers, bodies };
}

export function publicPageCache({
  db,
  enabled = process.env.PAGE_CACHE !== "off",
  maxEntries = 1000,
  maxBytes = 64 * 1024 * 1024,
  ttlMs = 30_000,
  now = Date.now,
}: PageCacheOptions) {
  const store = new PageStore({ maxEntries, maxBytes, ttlMs }, now);
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (!mayBeKept(req)) return next();
    // The language the page is rendered in: the `lng` cookie's (parsed only when there is one), else French.
    const cookie = req.get("cookie");
    if (!cookie || !LNG_COOKIE.test(cookie)) return serve(req, res, next, DEFAULT_LOCALE);
    localeCookie
      .parse(cookie)
      .then((chosen: unknown) => (isLocale(chosen) ? serve(req, res, next, chosen) : next()))
      .catch(next);
  };
  function serve(req: Request, res: Response, next: NextFunction, language: Locale) {
    const key = `${language} ${req.originalUrl}`;
    const cacheControl = language === DEFAULT_LOCALE ? SHARED_CACHE_CONTROL : OTHER_LANGUAGE_CACHE_CONTROL;
    const version = publicDataVersion(db());
    const kept = enabled && key.length <= MAX_KEY_LENGTH ? store.get(key, version) : undefined;
    const end = res.end as RawEnd;
    if (kept) return send(req, res, kept, cacheControl, end);
    bufferResponse(res, (body, writeHead, write) => {
      // A page rendered while an offer changed may show the old one: served, not kept.
      const storable = enabled && key.length <= MAX_KEY_LENGTH && publicDataVersion(db()) === version;
      const page = keepable(res, body, version, now(), storable);
      if (!page) {
        writeHead.call(res, res.statusCode);
        if (body.length > 0) write.call(res, body);
        return end.call(res);
      }
      if (storable) store.set(key, page);
      send(req, res, page, cacheControl, end);
    });
    next();
  }
  return Object.assign(middleware, { store });
}

/**
 * Holds what React Router writes (status, headers, chunks) until the end, as `compression`
 * does, then hands the whole body over with the response's own writeHead and write.
 */
function bufferResponse(res: Response, finish: (body: Buffer, writeHead: RawWriteHead, write: RawWrite) => void) {
  const chunks: Buffer[] = [];
  const writeHead = res.writeHead as RawWriteHead;
  const write = res.write as RawWrite;
  const end = res.end;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const text = typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8";
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, text) : Buffer.from(chunk as Uint8Array));
  };
  res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
    this.statusCode = status;
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null) as Record<string, string> | undefined;
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
    return this;
  } as Response["writeHead"];
  res.write = ((chunk: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    return true;
  }) as Response["write"];
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    res.end = end as Response["end"];
    res.writeHead = writeHead as Response["writeHead"];
    res.write = write as Response["write"];
    finish(Buffer.concat(chunks), writeHead, write);
    return res;
  }) as Response["end"];
}
