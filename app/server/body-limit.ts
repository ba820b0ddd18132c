// Every request body is bounded before React Router reads it: a form is a few
// kilobytes, so a flood of megabytes must cost the server neither memory nor time.
import { Readable } from "node:stream";
import type { Request as ExpressRequest, NextFunction, RequestHandler, Response } from "express";
import { getLocale, resources } from "~/utils/i18n.server";
import { CV_FORM_MAX_BYTES } from "~/utils/upload.server";

/**
 * The largest form: an offer's 5 000-character description in a script of 3-byte
 * characters, percent-encoded (9 bytes each), plus its other fields, is under 50 KB.
 */
export const FORM_MAX_BYTES = 64 * 1024;

/** The forms that carry a file, with their own bound. */
const UPLOAD_PATHS: Record<string, number> = { "/candidat/profil": CV_FORM_MAX_BYTES };
/** A partnership's staff page takes its documents (PDFs as large as a CV). */
const PARTNERSHIP_PAGE = /^\/conseiller\/partenariats\/\d+$/;

/** The bound of a path, `.data` (React Router's fetch of the same action) and any spelling included. */
export function bodyLimitFor(pathname: string): number {
  const route = pathname
    .toLowerCase()
    .replace(/\.data$/, "")
    .replace(/\/+$/, "");
  if (PARTNERSHIP_PAGE.test(route)) return CV_FORM_MAX_BYTES;
  return UPLOAD_PATHS[route] ?? FORM_MAX_BYTES;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a refused client still sends is read and dropped for at most this long and this much. */
const LINGER_MS = 2000;
const LINGER_BYTES = 256 * 1024;

/**
 * A short page in the person's language, then the connection is closed. The
 * answer and the end of our side go out at once; what the client is still
 * sending is dropped unread for a moment, so that a reset does not destroy the
 * answer before the client reads it (a "lingering close", as web servers do).
 * Past LINGER_BYTES the socket is no longer read: a fast sender just waits.
 */
async function refuse(req: ExpressRequest, res: Response) {
  if (res.headersSent) return;
  // Node cuts a `Connection: close` socket as soon as the answer is written; here it
  // only ends our side, and the socket is cut LINGER_MS later (or when the client closes).
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) req.pause();
  });
  req.resume();
  const locale = await getLocale(
    new Request(new URL(req.originalUrl, "http://localhost"), { headers: { cookie: req.get("cookie") ?? "" } }),
  );
  const errors = (resources[locale].common as { errors: { home: string; "413": { title: string; body: string } } })
    .errors;
  const { title, body } = errors["413"];
  res
    .status(413)
    .set("Connection", "close")
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} · Baara</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>` +
        `<p><a href="/">${escapeHtml(errors.home)}</a></p></body></html>`,
    );
}

/**
 * Reads the body within its bound, then hands React Router the request with that
 * body. A length announced over the bound is refused unread; a chunked body is
 * counted as it arrives and refused at the bound. GET and HEAD carry no body.
 */
export function withBoundedBody(handler: RequestHandler): RequestHandler {
  return (req: ExpressRequest, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return handler(req, res, next);
    const limit = bodyLimitFor(req.path);
    if (Number(req.get("content-length") ?? 0) > limit) return void refuse(req, res).catch(next);
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd);
      chunks.length = 0;
      refuse(req, res).catch(next);
    };
    const onEnd = () => handler(replayed(req, Buffer.concat(chunks)), res, next);
    // A client gone half-way: nothing to answer, nothing kept.
    req
      .on("data", onData)
      .once("end", onEnd)
      .once("error", () => (chunks.length = 0));
  };
}

/**
 * The request as React Router's Express adapter reads it (method, URL parts,
 * headers, address, and a stream for the body), its body replayed from memory.
 */
function replayed(req: ExpressRequest, body: Buffer): ExpressRequest {
  const stream = Readable.from(body.length > 0 ? [body] : []);
  return Object.assign(stream, {
    method: req.method,
    headers: req.headers,
    originalUrl: req.originalUrl,
    url: req.url,
    path: req.path,
    protocol: req.protocol,
    secure: req.secure,
    hostname: req.hostname,
    ip: req.ip,
    app: req.app,
    get: req.get.bind(req),
    header: req.header.bind(req),
  }) as unknown as ExpressRequest;
}
