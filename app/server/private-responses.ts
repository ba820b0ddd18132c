// Phones are shared and cyber-cafés common: what a logged-in person was shown must
// stay neither in a shared cache nor in the browser's own store after they leave.
import type { ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { flashCookie } from "~/utils/flash.server";
import { sessionCookie } from "~/utils/session.server";

export const PRIVATE_CACHE_CONTROL = "private, no-store";

const READS = new Set(["GET", "HEAD"]);
// A flash message is personal too: a visitor's "thank you" after a report has no session.
const carriesPersonalCookie = new RegExp(`(?:^|;)\\s*(?:${sessionCookie.name}|${flashCookie.name})=[^;\\s]`);

/** A request that writes (a form, a login), or that comes with a session or a flash: its answer may be personal. */
export function mayBePersonal(method: string, cookieHeader: string | undefined) {
  return !READS.has(method.toUpperCase()) || carriesPersonalCookie.test(cookieHeader ?? "");
}

/**
 * Such answers (pages, `.data`, files, redirects, errors) say `private, no-store`,
 * set as the headers leave so that no route can say otherwise. Static assets are
 * served before this and stay cacheable.
 */
export function privateWhenPersonal(req: Request, res: Response, next: NextFunction) {
  if (mayBePersonal(req.method, req.get("cookie"))) {
    const writeHead = res.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      this.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
      return writeHead.apply(this, args);
    } as Response["writeHead"];
  }
  next();
}
