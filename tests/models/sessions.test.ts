import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/utils/db.server";
import {
  createUserSession,
  destroySession,
  endAllSessions,
  getSessionUser,
  SESSION_TTL_MS,
  sessionCookie,
} from "../../app/utils/session.server";
import { sessions, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { cookieFrom, registerCandidate } from "../helpers/factories";

let db: Db;
let userId: number;

beforeEach(async () => {
  db = createTestDb();
  userId = (await registerCandidate(db, { phone: "70 11 22 33", firstName: "Awa", lastName: "Diarra" })).id;
});

const withCookie = (cookie: string | null) =>
  new Request("http://localhost/x", cookie ? { headers: { Cookie: cookie } } : {});

async function login(from: Request = withCookie(null), redirectTo = "/candidat") {
  const response = await createUserSession(db, from, userId, redirectTo);
  return { response, cookie: cookieFrom(response) };
}

/** The random token the browser holds (the cookie's decoded value). */
async function tokenOf(cookie: string) {
  return (await sessionCookie.parse(cookie)) as string;
}

describe("createUserSession", () => {
  it("redirects with an httpOnly, SameSite=Lax cookie valid for 30 days", async () => {
    const { response } = await login();
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidat");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^baara_session=/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
    expect(setCookie).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
  });

  it("stores only the SHA-256 of the cookie's token, never the token", async () => {
    const { cookie } = await login();
    const token = await tokenOf(cookie);
    expect(token.length).toBeGreaterThanOrEqual(40);
    const rows = db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(createHash("sha256").update(token).digest("hex"));
    expect(rows[0]!.id).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.userId).toBe(userId);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
  });

  it("gives a different token at every login", async () => {
    const a = await login();
    const b = await login();
    expect(await tokenOf(a.cookie)).not.toBe(await tokenOf(b.cookie));
  });

  it("renews the session id at login: the cookie carried before no longer opens anything", async () => {
    const first = await login();
    const second = await login(withCookie(first.cookie));
    expect(await getSessionUser(db, withCookie(first.cookie))).toBeNull();
    expect((await getSessionUser(db, withCookie(second.cookie)))?.id).toBe(userId);
    expect(db.select().from(sessions).all()).toHaveLength(1);
  });

  it("does not end the user's sessions on other devices", async () => {
    const phone = await login();
    const laptop = await login();
    expect((await getSessionUser(db, withCookie(phone.cookie)))?.id).toBe(userId);
    expect((await getSessionUser(db, withCookie(laptop.cookie)))?.id).toBe(userId);
  });
});

describe("getSessionUser", () => {
  it("returns the logged-in user", async () => {
    const { cookie } = await login();
    const user = await getSessionUser(db, withCookie(cookie));
    expect(user).toEqual({
      id: userId,
      role: "candidat",
      displayName: "Awa Diarra",
      locale: "fr",
      phone: "+22370112233",
      email: null,
    });
  });

  it("works among other cookies", async () => {
    const { cookie } = await login();
    const user = await getSessionUser(db, withCookie(`lng=en; ${cookie}; other=1`));
    expect(user?.id).toBe(userId);
  });

  it("returns null without a cookie", async () => {
    expect(await getSessionUser(db, withCookie(null))).toBeNull();
  });

  it("returns null for an expired session", async () => {
    const { cookie } = await login();
    db.update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .run();
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it("returns null for a disabled user", async () => {
    const { cookie } = await login();
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId)).run();
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it("returns null for a deleted (anonymised) user", async () => {
    const { cookie } = await login();
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, userId)).run();
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it("returns null once the user row is gone (its sessions go with it)", async () => {
    const { cookie } = await login();
    db.delete(users).where(eq(users.id, userId)).run();
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it.each([
    "baara_session=garbage",
    "baara_session=",
    "baara_session=%%%",
    `baara_session=${Buffer.from(JSON.stringify("not-a-real-token")).toString("base64")}`,
    `baara_session=${Buffer.from(JSON.stringify({ id: 1 })).toString("base64")}`,
    `baara_session=${"A".repeat(8000)}`,
  ])("returns null for the cookie %#", async (cookie) => {
    await login();
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it("does not accept the stored hash as a cookie (a copy of the database opens no session)", async () => {
    await login();
    const hash = db.select().from(sessions).get()!.id;
    const forged = await sessionCookie.serialize(hash);
    expect(await getSessionUser(db, withCookie(forged.split(";")[0]!))).toBeNull();
  });
});

describe("destroySession", () => {
  it("removes the session and clears the cookie", async () => {
    const { cookie } = await login();
    const response = await destroySession(db, withCookie(cookie), "/");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^baara_session=/);
    expect(setCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(await getSessionUser(db, withCookie(cookie))).toBeNull();
  });

  it("leaves the user's other sessions open", async () => {
    const phone = await login();
    const laptop = await login();
    await destroySession(db, withCookie(phone.cookie));
    expect(await getSessionUser(db, withCookie(phone.cookie))).toBeNull();
    expect((await getSessionUser(db, withCookie(laptop.cookie)))?.id).toBe(userId);
  });

  it("still clears the cookie for a visitor without a session", async () => {
    const response = await destroySession(db, withCookie("baara_session=garbage"));
    expect(response.headers.get("Set-Cookie")).toMatch(/^baara_session=/);
  });
});

describe("endAllSessions", () => {
  it("ends every session of one user and only theirs", async () => {
    const other = await registerCandidate(db, { phone: "70 11 22 44" });
    const a = await login();
    const b = await login();
    const theirs = cookieFrom(await createUserSession(db, withCookie(null), other.id, "/"));
    endAllSessions(db, userId);
    expect(await getSessionUser(db, withCookie(a.cookie))).toBeNull();
    expect(await getSessionUser(db, withCookie(b.cookie))).toBeNull();
    expect((await getSessionUser(db, withCookie(theirs)))?.id).toBe(other.id);
  });
});
