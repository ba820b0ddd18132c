// /compte: employers, counsellors and admins change their password there.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate } from "../../app/models/login.server";
import { action, loader } from "../../app/routes/compte";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import { auditLog } from "../../db/schema";
import {
  PASSWORD,
  registerCandidate,
  registerEmployer,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, followRedirect } from "../helpers/route";

const post = (cookie: string, fields: Record<string, string>) =>
  callRoute(action, "/compte", {
    cookie,
    body: new URLSearchParams({ intent: "password", ...fields }),
    context: { clientIp: "41.73.7.7" },
  }) as Promise<unknown>;

describe("/compte", () => {
  it("lets an employer change their password: the old sessions end, this browser stays logged in", async () => {
    const db = getDb();
    const employer = await registerEmployer(db, { email: "awa@atelier.ml" });
    const cookie = await sessionCookieFor(db, employer.id);
    const response = (await post(cookie, {
      currentPassword: PASSWORD,
      newPassword: "nouveau-2026",
      passwordConfirm: "nouveau-2026",
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/compte");
    expect(await followRedirect(response, loader)).toMatchObject({
      flash: { message: "candidate:account.passwordChanged" },
    });
    expect(await getSessionUser(db, requestWithCookie("http://localhost/", cookie))).toBeNull();
    expect(
      (await authenticate(db, { identifier: "awa@atelier.ml", password: "nouveau-2026", ip: "10.0.0.9" })).ok,
    ).toBe(true);
  });

  it("refuses a wrong current password, a short new one and a mismatch, with 400 and nothing changed", async () => {
    const db = getDb();
    const employer = await registerEmployer(db, { email: "binta@atelier.ml" });
    const cookie = await sessionCookieFor(db, employer.id);
    const cases: [Record<string, string>, string, string][] = [
      [
        { currentPassword: "faux", newPassword: "nouveau-2026", passwordConfirm: "nouveau-2026" },
        "currentPassword",
        "candidate:errors.wrongPassword",
      ],
      [
        { currentPassword: PASSWORD, newPassword: "court", passwordConfirm: "court" },
        "newPassword",
        "validation.passwordTooShort",
      ],
      [
        { currentPassword: PASSWORD, newPassword: "nouveau-2026", passwordConfirm: "autre-2026" },
        "passwordConfirm",
        "validation.passwordMismatch",
      ],
      [
        { currentPassword: PASSWORD, newPassword: "x".repeat(10_000), passwordConfirm: "x".repeat(10_000) },
        "newPassword",
        "validation.passwordTooLong",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const refused = (await post(cookie, fields)) as {
        data: { fieldErrors: Record<string, string> };
        init: { status: number };
      };
      expect(refused.init.status).toBe(400);
      expect(refused.data.fieldErrors[field]).toBe(message);
    }
    expect((await authenticate(db, { identifier: "binta@atelier.ml", password: PASSWORD, ip: "10.0.0.8" })).ok).toBe(
      true,
    );
  });

  it("answers 429 at the 6th wrong current password in 15 minutes, even with the right one, and logs each failure", async () => {
    const db = getDb();
    const employer = await registerEmployer(db, { email: "issa@atelier.ml" });
    const cookie = await sessionCookieFor(db, employer.id);
    const guess = (currentPassword: string) =>
      post(cookie, { currentPassword, newPassword: "nouveau-2026", passwordConfirm: "nouveau-2026" });
    type Refused = {
      data: { fieldErrors: Record<string, string> };
      init: { status: number; headers: Record<string, string> };
    };
    for (let i = 0; i < 5; i++) expect(((await guess(`devine-${i}`)) as Refused).init.status).toBe(400);
    const throttled = (await guess(PASSWORD)) as Refused;
    expect(throttled.init.status).toBe(429);
    expect(Number(throttled.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(throttled.data.fieldErrors).toEqual({ currentPassword: "validation.tooManyPasswordChecks" });
    expect((await authenticate(db, { identifier: "issa@atelier.ml", password: PASSWORD, ip: "10.0.0.7" })).ok).toBe(
      true,
    );
    const failures = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.password_check_failed"), eq(auditLog.actorId, employer.id)))
      .all();
    expect(failures.map((f) => f.ip)).toEqual(Array(5).fill("41.73.7.7"));
  });

  it("sends candidates to their own account page and visitors to the login page", async () => {
    const db = getDb();
    const candidate = await registerCandidate(db, { phone: "66 44 33 22" });
    const cookie = await sessionCookieFor(db, candidate.id);
    const asCandidate = await loader({
      request: requestWithCookie("http://localhost/compte", cookie),
      params: {},
      context: {},
    } as never).catch((r: Response) => r);
    expect((asCandidate as Response).headers.get("Location")).toBe("/candidat/compte");
    const asVisitor = await loader({
      request: new Request("http://localhost/compte"),
      params: {},
      context: {},
    } as never).catch((r: Response) => r);
    expect((asVisitor as Response).headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte");
  });
});
