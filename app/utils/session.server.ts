import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { createCookie, redirect } from "react-router";
import { sessions, users } from "../../db/schema";
import { DAY_MS } from "./dates";
import type { Db } from "./db.server";

export const SESSION_TTL_MS = 30 * DAY_MS;

// Plain HTTP outside production (and for a demo reached over a LAN with INSECURE_COOKIES=1).
export const secure = process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";

export const sessionCookie = createCookie("baara_session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure,
  maxAge: SESSION_TTL_MS / 1000,
});

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SessionUser = Pick<typeof users.$inferSelect, "id" | "role" | "displayName" | "locale" | "phone" | "email">;

/** The user of this request's session, if it is valid and the account active. */
export async function getSessionUser(db: Db, request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = db
    .select({
      id: users.id,
      role: users.role,
      displayName: users.displayName,
      locale: users.locale,
      phone: users.phone,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, hashToken(token)),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
        isNull(users.deletedAt),
      ),
    )
    .get();
  return row ?? null;
}

/**
 * Opens a new session (a fresh id at every login, so an id seen before login is
 * worthless after it), ends the one the request carried, and redirects.
 */
export async function createUserSession(db: Db, request: Request, userId: number, redirectTo: string) {
  const previous = await readToken(request);
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  db.transaction((tx) => {
    if (previous)
      tx.delete(sessions)
        .where(eq(sessions.id, hashToken(previous)))
        .run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date(now))))
      .run();
    tx.insert(sessions)
      .values({ id: hashToken(token), userId, expiresAt: new Date(now + SESSION_TTL_MS) })
      .run();
  });
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

export async function destroySession(db: Db, request: Request, redirectTo = "/") {
  const token = await readToken(request);
  if (token)
    db.delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .run();
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

/** Ends every session of a user (account disabled, password changed, account deleted). */
export function endAllSessions(db: Db, userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
