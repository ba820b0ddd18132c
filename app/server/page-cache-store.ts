// The public pages kept in this process's memory: each with its data version, its
// headers and its body compressed once (brotli, gzip) when stored, least recently
// used first out, bounded in entries and bytes.
import { createHash } from "node:crypto";
import type { OutgoingHttpHeaders } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip" | "identity";

export type CachedPage = {
  version: number;
  storedAt: number;
  etag: string;
  headers: OutgoingHttpHeaders;
  /** Compressed only when kept: a page served once (`PAGE_CACHE=off`) is left to `compression`. */
  bodies: { identity: Buffer; br?: Buffer; gzip?: Buffer };
};

/** A weak validator: the same page (same bytes) gets the same tag in every process. */
export function weakEtag(body: Buffer) {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** The page's body in every encoding served; brotli at a quality that costs about a millisecond. */
export function encodeBodies(body: Buffer): CachedPage["bodies"] {
  return {
    identity: body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    gzip: gzipSync(body),
  };
}

const sizeOf = (key: string, page: CachedPage) =>
  key.length + page.bodies.identity.length + (page.bodies.br?.length ?? 0) + (page.bodies.gzip?.length ?? 0) + 1024;

export class PageStore {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxBytes: number; ttlMs: number },
    private readonly now: () => number,
  ) {}

  get size() {
    return this.pages.size;
  }

  get totalBytes() {
    return this.bytes;
  }

  /** The page stored under `key` if it is of `version` and young enough; it becomes the most recently used. */
  get(key: string, version: number): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.remove(key, page);
    if (page.version !== version || this.now() - page.storedAt >= this.limits.ttlMs) return undefined;
    this.pages.set(key, page);
    this.bytes += sizeOf(key, page);
    return page;
  }

  set(key: string, page: CachedPage) {
    const size = sizeOf(key, page);
    if (size > this.limits.maxBytes) return;
    const previous = this.pages.get(key);
    if (previous) this.remove(key, previous);
    this.pages.set(key, page);
    this.bytes += size;
    for (const [oldestKey, oldest] of this.pages) {
      if (this.pages.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldestKey, oldest);
    }
  }

  private remove(key: string, page: CachedPage) {
    this.pages.delete(key);
    this.bytes -= sizeOf(key, page);
  }
}
