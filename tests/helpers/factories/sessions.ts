// Logged-in requests: session cookies as the login page sets them, and failed
// logins written in the audit log at a given time.
import type { Db } from "../../../app/utils/db.server";
import { createUserSession } from "../../../app/utils/session.server";
import { auditLog } from "../../../db/schema";

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0]!;
}

/** Logs a user in (as the login page would) and gives the Cookie header of their session. */
export async function sessionCookieFor(db: Db, userId: number, redirectTo = "/") {
  const response = await createUserSession(db, new Request("http://localhost/connexion"), userId, redirectTo);
  return cookieFrom(response);
}

export function requestWithCookie(url: string, cookie?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(url, { ...init, headers });
}

/** A failed login written in the audit log at a given time (to test the 15-minute window). */
export function insertFailedLogin(db: Db, values: { identifier: string; ip: string; at: Date }) {
  db.insert(auditLog)
    .values({
      action: "auth.login_failed",
      subjectType: "identifier",
      subjectId: values.identifier,
      ip: values.ip,
      createdAt: values.at,
    })
    .run();
}
