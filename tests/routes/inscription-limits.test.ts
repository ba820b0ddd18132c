// Registration's protections against robots and enumeration: a hidden trap
// field, a high bound per address (a job fair shares one Wi-Fi, a town one
// carrier address), strict bounds on refused attempts, answered with 429, the
// user's language and Retry-After. A counsellor's assisted registration has no
// bound per address.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  REGISTRATION_REFUSALS_PER_ADDRESS,
  REGISTRATION_REFUSALS_PER_IDENTIFIER,
  REGISTRATIONS_PER_ADDRESS,
} from "../../app/models/limits.server";
import { action as assistedAction } from "../../app/routes/conseiller.candidats.nouveau";
import { action } from "../../app/routes/inscription";
import { getDb } from "../../app/utils/db.server";
import { auditLog, users } from "../../db/schema";
import { assistedFields, insertCounselledCandidate } from "../helpers/counsellor";
import { insertCounsellor, requestWithCookie, sessionCookieFor } from "../helpers/factories";
import { createTestI18n } from "../helpers/i18n";
import { toFormData } from "../helpers/offers";
import { callRoute, statusOf } from "../helpers/route";

const post = (fields: Record<string, string>, ip: string) =>
  callRoute(action, "/inscription", { body: new URLSearchParams(fields), context: { clientIp: ip } });

type Refused = {
  data: { formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> };
  init: { status: number; headers: Record<string, string> };
};

/** Audit rows as registrations from this address would have left them, a few minutes ago. */
function pastRegistrations(ip: string, count: number, action = "account.registered") {
  const at = new Date(Date.now() - 5 * 60_000);
  const rows = Array.from({ length: count }, () => ({ action, subjectType: "user", ip, createdAt: at }));
  getDb().insert(auditLog).values(rows).run();
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
    const response = (await post(
      { ...candidate("66 00 00 01"), website: "http://spam.example" },
      "10.1.1.1",
    )) as Response;
    expect(response.status).toBe(302);
    expect(userCount()).toBe(before);
    expect(getDb().select().from(users).where(eq(users.phone, "+22366000001")).get()).toBeUndefined();
  });

  it("lets 60 people sign up from one address within an hour (a job fair's Wi-Fi)", async () => {
    for (let i = 0; i < 60; i++) {
      const result = await post(candidate(`66 40 00 ${String(i).padStart(2, "0")}`), "10.2.2.2");
      expect(statusOf(result), `registration ${i + 1}`).toBe(302);
    }
  }, 120_000);

  it(`refuses an account beyond ${REGISTRATIONS_PER_ADDRESS} from one address in an hour with 429, the input kept`, async () => {
    pastRegistrations("10.4.4.4", REGISTRATIONS_PER_ADDRESS - 1);
    expect(statusOf(await post(candidate("66 10 00 00"), "10.4.4.4"))).toBe(302);
    const refused = (await post(candidate("66 20 00 00"), "10.4.4.4")) as unknown as Refused;
    expect(refused.init.status).toBe(429);
    expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(Number(refused.init.headers["Retry-After"])).toBeLessThanOrEqual(3600);
    expect(refused.data.formError).toBe("validation.tooManyRegistrations");
    expect(refused.data.values.firstName).toBe("Kadiatou");
    expect(refused.data.values.password).toBeUndefined();
    expect(getDb().select().from(users).where(eq(users.phone, "+22366200000")).get()).toBeUndefined();

    // Another address is not affected, and an hour later this one may register again.
    expect(statusOf(await post(candidate("66 30 00 00"), "10.3.3.3"))).toBe(302);
    getDb()
      .update(auditLog)
      .set({ createdAt: new Date(Date.now() - 61 * 60 * 1000) })
      .where(eq(auditLog.ip, "10.4.4.4"))
      .run();
    expect(statusOf(await post(candidate("66 20 00 00"), "10.4.4.4"))).toBe(302);
  }, 60_000);

  it("ends 25 registrations with numbers that have an account, from one address, in 429", async () => {
    const taken = Array.from({ length: 25 }, (_, i) => `+2236550${String(i).padStart(4, "0")}`);
    for (const phone of taken) insertCounselledCandidate(getDb(), { phone });
    const statuses: number[] = [];
    for (const phone of taken) {
      const result = (await post(candidate(phone.slice(4)), "10.5.5.5")) as unknown as Refused;
      statuses.push(result.init.status);
      if (result.init.status === 400) expect(result.data.fieldErrors).toEqual({ phone: "validation.phoneTaken" });
    }
    expect(statuses.slice(0, REGISTRATION_REFUSALS_PER_ADDRESS).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(REGISTRATION_REFUSALS_PER_ADDRESS)).toEqual(
      Array(25 - REGISTRATION_REFUSALS_PER_ADDRESS).fill(429),
    );
    const refusals = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "account.registration_refused"), eq(auditLog.ip, "10.5.5.5")))
      .all();
    expect(refusals).toHaveLength(REGISTRATION_REFUSALS_PER_ADDRESS);

    // Once throttled, a free number gets the same 429 (else the answer would still tell which are taken).
    const free = (await post(candidate("66 50 99 99"), "10.5.5.5")) as unknown as Refused;
    expect(free.init.status).toBe(429);
    expect(Number(free.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(free.data.formError).toBe("validation.tooManyRefusedRegistrations");
    expect(free.data.values.phone).toBe("66 50 99 99");
    // Elsewhere, the same free number registers.
    expect(statusOf(await post(candidate("66 50 99 99"), "10.5.5.6"))).toBe(302);
  }, 60_000);

  it(`refuses the ${REGISTRATION_REFUSALS_PER_IDENTIFIER + 1}th attempt with one taken number, whatever the address`, async () => {
    insertCounselledCandidate(getDb(), { phone: "+22366560001" });
    const withTaken = { ...candidate("66 56 00 01") };
    for (let i = 0; i < REGISTRATION_REFUSALS_PER_IDENTIFIER; i++) {
      expect(statusOf(await post(withTaken, `10.6.6.${i}`))).toBe(400);
    }
    const refused = (await post(withTaken, "10.6.7.1")) as unknown as Refused;
    expect(refused.init.status).toBe(429);
    expect(refused.data.formError).toBe("validation.tooManyRefusedRegistrations");
    expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThan(0);
    // Other people at that address are not affected.
    expect(statusOf(await post(candidate("66 56 00 02"), "10.6.7.1"))).toBe(302);
  }, 60_000);

  it("tells a throttled person what to do, in French and in English", async () => {
    const [fr, en] = [await createTestI18n("fr"), await createTestI18n("en")];
    expect(fr.t("validation.tooManyRefusedRegistrations")).toMatch(/conseiller/);
    expect(en.t("validation.tooManyRefusedRegistrations")).toMatch(/counsellor/);
  });

  it("never limits a counsellor's assisted registrations per address (a counsellor's office)", async () => {
    const office = "10.8.8.8";
    pastRegistrations(office, REGISTRATIONS_PER_ADDRESS);
    pastRegistrations(office, REGISTRATION_REFUSALS_PER_ADDRESS, "account.registration_refused");
    expect(statusOf(await post(candidate("66 80 00 00"), office))).toBe(429);

    const counsellor = await insertCounsellor(getDb(), "ANPE Ségou");
    const cookie = await sessionCookieFor(getDb(), counsellor.id);
    const register = async (fields: Record<string, string | string[]>) => {
      const request = requestWithCookie("http://localhost/conseiller/candidats/nouveau", cookie, {
        method: "POST",
        body: toFormData(fields),
      });
      return (await assistedAction({ request, params: {}, context: { clientIp: office } } as never)) as unknown;
    };
    for (let i = 0; i < 3; i++) {
      expect(statusOf(await register(assistedFields({ phone: `66 81 00 0${i}` })))).toBe(302);
    }
    const taken = (await register(assistedFields({ phone: "66 81 00 00" }))) as Refused;
    expect(taken.init.status).toBe(400);
    expect(taken.data.fieldErrors).toEqual({ phone: "validation.phoneTaken" });
  }, 60_000);
});
