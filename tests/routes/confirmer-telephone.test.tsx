// @vitest-environment jsdom
// Sign-up with a phone → /confirmer-telephone → where the person was going; changing one's number.
// Bad input tried: empty, huge, wrong-type and hostile codes and numbers, another person's code,
// a number of another account, an unsafe redirectTo, an unknown intent, a visitor, too many codes.
import { cleanup, screen } from "@testing-library/react";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loader as candidateHome } from "../../app/routes/candidat._index";
import Account, { action as accountAction, loader as accountLoader } from "../../app/routes/candidat.compte";
import { action as staffAccountAction } from "../../app/routes/compte";
import ConfirmPhone, { action, loader } from "../../app/routes/confirmer-telephone";
import { action as register } from "../../app/routes/inscription";
import { getDb } from "../../app/utils/db.server";
import { outbox, users } from "../../db/schema";
import { cookieFrom, insertCandidate, insertEmployer, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, cookiesAfter, followRedirect, renderRoutes, statusOf, thrownBy } from "../helpers/route";

const IP = { clientIp: "41.73.9.1" };
let phoneSeq = 0;

/** Signs up through the form with a fresh number; gives the session, the number and where the answer leads. */
async function signUp(redirectTo = "") {
  phoneSeq++;
  const national = `76 30 ${String(phoneSeq).padStart(2, "0")} 19`;
  const response = (await callRoute(register, "/inscription", {
    body: {
      accountType: "candidat",
      firstName: "Mariam",
      lastName: "Keïta",
      phone: national,
      email: "",
      password: "sikasso-2026",
      passwordConfirm: "sikasso-2026",
      consent: "on",
      redirectTo,
    },
    context: IP,
  })) as Response;
  const phone = `+223${national.replace(/ /g, "")}`;
  const user = getDb().select().from(users).where(eq(users.phone, phone)).get()!;
  return { cookie: cookieFrom(response), phone, national, user, location: response.headers.get("Location") };
}

/** The code of the last confirmation SMS to this number, as the phone would show it. */
function codeSentTo(phone: string) {
  const sms = getDb()
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipient, phone), eq(outbox.template, "confirmPhone")))
    .all();
  return sms.length ? String(sms.at(-1)!.payload.code) : undefined;
}

const post = (cookie: string | undefined, body: Record<string, string>, redirectTo = "/offres/12/postuler") =>
  callRoute(action, "/confirmer-telephone", { cookie, body: { redirectTo, ...body }, context: IP });

/** What a refused form sends back: a message per field, what was typed. */
const refusal = (answer: unknown) =>
  (answer as { data: { fieldErrors: Record<string, unknown>; values?: Record<string, string> } }).data;

const confirmedAt = (id: number) =>
  getDb().select({ at: users.phoneConfirmedAt }).from(users).where(eq(users.id, id)).get()?.at;

describe("sign-up with a phone", () => {
  it("opens the account at once and leads to the confirmation page, then where the person was going", async () => {
    const { cookie, phone, user, location } = await signUp("/offres/12/postuler");
    expect(location).toBe("/confirmer-telephone?redirectTo=%2Foffres%2F12%2Fpostuler");
    expect(confirmedAt(user.id)).toBeNull();
    const page = (await callRoute(loader, location!, { cookie })) as { phone: string; codeLive: boolean };
    expect(page).toMatchObject({ phone: `+223 ${phone.slice(4).replace(/(\d\d)(?=\d)/g, "$1 ")}`, codeLive: true });

    const confirmed = (await post(cookie, { intent: "confirm", code: codeSentTo(phone)! })) as Response;
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/offres/12/postuler");
    expect(cookiesAfter(confirmed)).toMatch(/baara_flash=/);
    expect(confirmedAt(user.id)).toBeInstanceOf(Date);
  });

  it.each(["//evil.example", "https://evil.example/x", "/\\evil.example", "javascript:alert(1)"])(
    "never leads outside the site (redirectTo %s)",
    async (redirectTo) => {
      const { cookie, phone, location } = await signUp(redirectTo);
      expect(location).toBe("/confirmer-telephone?redirectTo=%2Fcandidat");
      const page = (await callRoute(loader, `/confirmer-telephone?redirectTo=${encodeURIComponent(redirectTo)}`, {
        cookie,
      })) as { redirectTo: string };
      expect(page.redirectTo).toBe("/candidat");
      const confirmed = (await post(cookie, { intent: "confirm", code: codeSentTo(phone)! }, redirectTo)) as Response;
      expect(confirmed.headers.get("Location")).toBe("/candidat");
      expect(await followRedirect(confirmed, candidateHome, { cookie })).toMatchObject({
        flash: { message: "flash.phoneConfirmed" },
      });
    },
  );

  it("says the number the code went to, and 'Plus tard' continues", async () => {
    const { cookie, national } = await signUp("/offres/12/postuler");
    const user = await renderRoutes(
      [
        {
          path: "/confirmer-telephone",
          Component: ConfirmPhone,
          loader: as(cookie, loader),
          action: as(cookie, action),
        },
        { path: "/offres/12/postuler", Component: () => <h1>Postuler</h1> },
      ],
      "/confirmer-telephone?redirectTo=%2Foffres%2F12%2Fpostuler",
    );
    expect(await screen.findByText(`Nous avons envoyé un code au +223 ${national}.`)).toBeTruthy();
    await user.type(screen.getByLabelText("Code reçu par SMS"), "12");
    await user.click(screen.getByRole("button", { name: "Confirmer" }));
    expect(await screen.findByText("Le code a 6 chiffres, par exemple 123456.")).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Plus tard" }));
    expect(await screen.findByRole("heading", { name: "Postuler" })).toBeTruthy();
  });
});

describe("/confirmer-telephone refuses", () => {
  it("a visitor (sent to log in, then back)", async () => {
    const thrown = await thrownBy(callRoute(loader, "/confirmer-telephone"));
    expect((thrown as Response).headers.get("Location")).toBe("/connexion?redirectTo=%2Fconfirmer-telephone");
    const posted = await thrownBy(post(undefined, { intent: "confirm", code: "123456" }));
    expect(statusOf(posted)).toBe(302);
  });

  it("another person's code, and confirms nobody with it", async () => {
    const first = await signUp();
    const second = await signUp();
    const refused = await post(second.cookie, { intent: "confirm", code: codeSentTo(first.phone)! });
    expect(statusOf(refused)).toBe(400);
    expect(refusal(refused).fieldErrors.code).toBe("phone:errors.invalid");
    expect(confirmedAt(first.user.id)).toBeNull();
    expect(confirmedAt(second.user.id)).toBeNull();
  });

  it.each<[string, string | string[]]>([
    ["empty", ""],
    ["huge", "1".repeat(100_000)],
    ["a tag", "<script>alert(1)</script>"],
    ["SQL", "' OR 1=1 --"],
    ["letters", "abcdef"],
    ["two values", ["123456", "654321"]],
  ])("a code that is %s, with a message (never a 500)", async (_, code) => {
    const { cookie, user } = await signUp();
    const refused = await callRoute(action, "/confirmer-telephone", {
      cookie,
      body: { intent: "confirm", code, redirectTo: "" },
      context: IP,
    });
    expect(statusOf(refused)).toBe(400);
    expect(refusal(refused).fieldErrors.code).toMatch(/^(validation\.|phone:)/);
    expect(confirmedAt(user.id)).toBeNull();
  });

  it("an unknown intent", async () => {
    const { cookie } = await signUp();
    expect(statusOf(await thrownBy(post(cookie, { intent: "DROP TABLE users" })))).toBe(400);
  });

  it("a fourth code within 15 minutes, saying how long to wait", async () => {
    const { cookie } = await signUp();
    for (let i = 0; i < 2; i++) expect(statusOf(await post(cookie, { intent: "resend" }))).toBe(302);
    const refused = await post(cookie, { intent: "resend" });
    expect(statusOf(refused)).toBe(429);
    expect(refusal(refused).fieldErrors.code).toMatchObject({ key: "phone:errors.tooManyCodes" });
  });
});

describe("a new number", () => {
  it("answers the same for a free number and for one of another account, and sends the latter nothing", async () => {
    const owner = insertCandidate(getDb(), { phone: "+22365111111" });
    const free = await signUp("/candidat/profil");
    const prober = await signUp("/candidat/profil");
    const toFree = (await post(
      free.cookie,
      { intent: "change", phone: "65 22 22 22" },
      "/candidat/profil",
    )) as Response;
    const toTaken = (await post(
      prober.cookie,
      { intent: "change", phone: "65 11 11 11" },
      "/candidat/profil",
    )) as Response;
    expect([toTaken.status, toTaken.headers.get("Location")]).toEqual([toFree.status, toFree.headers.get("Location")]);
    const pageOf = (response: Response, cookie: string) =>
      followRedirect(response, loader, { cookie }) as Promise<{ phone: string; flash: unknown }>;
    expect(await pageOf(toTaken, prober.cookie)).toMatchObject({
      phone: "+223 65 11 11 11",
      flash: { message: "phone:notice.sent", values: { phone: "+223 65 11 11 11" } },
    });
    expect(await pageOf(toFree, free.cookie)).toMatchObject({ phone: "+223 65 22 22 22" });
    expect(codeSentTo("+22365222222")).toMatch(/^\d{6}$/);
    expect(codeSentTo("+22365111111")).toBeUndefined();
    expect(getDb().select().from(users).where(eq(users.id, owner.id)).get()!.phone).toBe("+22365111111");
    expect(getDb().select().from(users).where(eq(users.id, prober.user.id)).get()!.phone).toBe(prober.phone);

    // The right number, confirmed, replaces the wrong one.
    await post(free.cookie, { intent: "confirm", code: codeSentTo("+22365222222")! });
    expect(getDb().select().from(users).where(eq(users.id, free.user.id)).get()).toMatchObject({
      phone: "+22365222222",
      phoneConfirmedAt: expect.any(Date),
    });
  });

  it.each([
    ["empty", ""],
    ["too short", "12 34"],
    ["a tag", "<script>alert(1)</script>"],
    ["SQL", "' OR 1=1 --"],
    ["huge", "7".repeat(10_000)],
  ])("refuses a number that is %s with a message and keeps what was typed", async (_, phone) => {
    const { cookie } = await signUp();
    const refused = await post(cookie, { intent: "change", phone });
    expect(statusOf(refused)).toBe(400);
    expect(refusal(refused).fieldErrors.phone).toMatch(/^validation\./);
    expect(refusal(refused).values?.phone).toBe(phone);
  });
});

describe("the account pages", () => {
  it("show the number as not confirmed with a link to confirm it, then confirmed", async () => {
    const { cookie, phone, national } = await signUp();
    const routes = [
      {
        path: "/candidat/compte",
        Component: Account,
        loader: as(cookie, accountLoader),
        action: as(cookie, accountAction),
      },
    ];
    await renderRoutes(routes, "/candidat/compte");
    expect(await screen.findByText(`+223 ${national}`)).toBeTruthy();
    expect(screen.getByText("non confirmé")).toBeTruthy();
    expect(screen.getByRole("link", { name: "confirmer" }).getAttribute("href")).toBe(
      "/confirmer-telephone?redirectTo=%2Fcandidat%2Fcompte",
    );
    cleanup();
    await post(cookie, { intent: "confirm", code: codeSentTo(phone)! });
    await renderRoutes(routes, "/candidat/compte");
    expect(await screen.findByText(/confirmé/)).toBeTruthy();
    expect(screen.queryByText("non confirmé")).toBeNull();
  });

  it("send a code to a new number and keep the old one until it is confirmed", async () => {
    const { cookie, phone, user } = await signUp();
    await post(cookie, { intent: "confirm", code: codeSentTo(phone)! });
    const sent = (await callRoute(accountAction, "/candidat/compte", {
      cookie,
      body: { intent: "phone", phone: "+223 66 77 88 99" },
      context: IP,
    })) as Response;
    expect(sent.headers.get("Location")).toBe("/confirmer-telephone?redirectTo=%2Fcandidat%2Fcompte");
    const account = (await callRoute(accountLoader, "/candidat/compte", { cookie })) as { phoneView: unknown };
    expect(account.phoneView).toEqual({
      phone: `+223 ${phone.slice(4).replace(/(\d\d)(?=\d)/g, "$1 ")}`,
      confirmed: true,
      pending: "+223 66 77 88 99",
    });
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.phone).toBe(phone);
  });

  it("let an employer change their number from /compte", async () => {
    const { user } = await insertEmployer(getDb());
    const cookie = await sessionCookieFor(getDb(), user.id);
    const sent = (await callRoute(staffAccountAction, "/compte", {
      cookie,
      body: { intent: "phone", phone: "66 55 44 33" },
      context: IP,
    })) as Response;
    expect(sent.headers.get("Location")).toBe("/confirmer-telephone?redirectTo=%2Fcompte");
    const refused = await callRoute(staffAccountAction, "/compte", {
      cookie,
      body: { intent: "phone", phone: "<b>" },
      context: IP,
    });
    expect(statusOf(refused)).toBe(400);
  });
});
