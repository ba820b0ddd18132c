// Registration's protections against robots: a hidden trap field and a limit
// per address, answered with 429, the user's language and Retry-After.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { REGISTRATIONS_PER_HOUR } from "../../app/models/accounts.server";
import { action } from "../../app/routes/inscription";
import { getDb } from "../../app/utils/db.server";
import { auditLog, users } from "../../db/schema";

function post(fields: Record<string, string>, ip: string) {
  const request = new Request("http://localhost/inscription", { method: "POST", body: new URLSearchParams(fields) });
  return action({ request, params: {}, context: { clientIp: ip } } as never);
}

const candidate = (phone: string) => ({
  accountType: "candidat",
  firstName: "Kadiatou",
  lastName: "Diallo",
  phone,
  password: "kayes-2026-ok",
  passwordConfirm: "kayes-2026-ok",
  consent: "on",
});

const userCount = () => getDb().select({ n: sql<number>`count(*)` }).from(users).get()!.n;

describe("/inscription against robots", () => {
  it("creates no account when the hidden trap field is filled, and looks like success", async () => {
    const before = userCount();
    const response = (await post({ ...candidate("66 00 00 01"), website: "http://spam.example" }, "10.1.1.1")) as Response;
    expect(response.status).toBe(302);
    expect(userCount()).toBe(before);
    expect(getDb().select().from(users).where(eq(users.phone, "+22366000001")).get()).toBeUndefined();
  });

  it(`refuses the ${REGISTRATIONS_PER_HOUR + 1}th account from one address in an hour with 429, the input kept`, async () => {
    for (let i = 0; i < REGISTRATIONS_PER_HOUR; i++) {
      const response = (await post(candidate(`66 10 00 ${String(i).padStart(2, "0")}`), "10.2.2.2")) as Response;
      expect(response.status).toBe(302);
    }
    const refused = (await post(candidate("66 20 00 00"), "10.2.2.2")) as unknown as {
      data: { formError: string; values: Record<string, string> };
      init: { status: number; headers: Record<string, string> };
    };
    expect(refused.init.status).toBe(429);
    expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(refused.data.formError).toBe("validation.tooManyRegistrations");
    expect(refused.data.values.firstName).toBe("Kadiatou");
    expect(refused.data.values.password).toBeUndefined();
    expect(getDb().select().from(users).where(eq(users.phone, "+22366200000")).get()).toBeUndefined();

    // Another address is not affected, and an hour later this one may register again.
    expect(((await post(candidate("66 30 00 00"), "10.3.3.3")) as Response).status).toBe(302);
    getDb().update(auditLog).set({ createdAt: new Date(Date.now() - 61 * 60 * 1000) }).where(eq(auditLog.ip, "10.2.2.2")).run();
    expect(((await post(candidate("66 20 00 00"), "10.2.2.2")) as Response).status).toBe(302);
  }, 60_000);
});
