// @vitest-environment jsdom
// /mot-de-passe-oublie and /nouveau-mot-de-passe: asking for a code, typing it (or opening the e-mail's
// link) with a new password, landing logged in on one's account page.
// Bad input tried: empty, 10 000 characters, `<script>`, SQL fragments, a field posted twice, a 5-digit
// code, different passwords, a wrong code, a code used twice, an expired code, a made-up link, too many tries.
import { screen } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { RESET_CODE_TTL_MS } from "../../app/models/password-reset.server";
import ForgottenPassword, { action as forgottenAction } from "../../app/routes/mot-de-passe-oublie";
import NewPassword, { action as resetAction, loader as resetLoader } from "../../app/routes/nouveau-mot-de-passe";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { verifyPassword } from "../../app/utils/password.server";
import { getSessionUser } from "../../app/utils/session.server";
import { oneTimeCodes, outbox, users } from "../../db/schema";
import { cookieFrom, insertCandidate, sessionCookieFor } from "../helpers/factories";
import { callRoute, followRedirect, renderRoutes, statusOf } from "../helpers/route";

const NEW_PASSWORD = "nouveau-secret-42";
type Refused = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string>; formError?: string };
  init: ResponseInit | null;
};

let phoneSeq = 0;
/** A candidate with a phone (or only an e-mail) who asked for a reset: their id and the code or token sent. */
async function personWhoAsked({ email }: { email?: string } = {}) {
  const phone = email ? null : `+2237800${String(++phoneSeq).padStart(4, "0")}`;
  const person = insertCandidate(getDb(), { phone, email });
  const identifier = phone ?? email!;
  const asked = await askFor(identifier, `41.20.0.${phoneSeq}`);
  expect(statusOf(asked)).toBe(302);
  const payload = getDb().select().from(outbox).where(eq(outbox.userId, person.id)).all().at(-1)!.payload;
  const secret =
    typeof payload.code === "string"
      ? payload.code
      : new URL(String(payload.link), "http://x").searchParams.get("jeton")!;
  return { person, identifier, secret };
}

const askFor = (identifier: string | string[], ip = "41.21.0.1") =>
  callRoute(forgottenAction, "/mot-de-passe-oublie", { body: { identifier }, context: { clientIp: ip } });

const reset = (
  fields: Record<string, string>,
  { ip = "41.22.0.1", path = "/nouveau-mot-de-passe", cookie = "" } = {},
) => callRoute(resetAction, path, { body: fields, context: { clientIp: ip }, cookie });

const withCode = (identifier: string, code: string, password = NEW_PASSWORD) => ({
  identifier,
  code,
  password,
  passwordConfirm: password,
});

const wrong = (code: string, n = 1) => code.slice(0, 5) + String((Number(code[5]) + n) % 10);

async function renderForgotten(lng: Locale = "fr", ip = "41.23.0.1") {
  const routes = [
    { path: "/mot-de-passe-oublie", Component: ForgottenPassword, action: forgottenAction },
    { path: "/nouveau-mot-de-passe", Component: NewPassword, loader: resetLoader, action: resetAction },
    { path: "/candidat/compte", Component: () => <h1>Mon compte</h1> },
  ];
  return renderRoutes(routes, "/mot-de-passe-oublie", { lng, context: { clientIp: ip } });
}

describe("/mot-de-passe-oublie", () => {
  it("sends the code, then asks for it with what was typed, and logs the person in with the new password", async () => {
    const person = insertCandidate(getDb(), { phone: "+22378100001" });
    const user = await renderForgotten();
    await user.type(screen.getByLabelText("Numéro de téléphone ou adresse e-mail"), "78 10 00 01");
    await user.click(screen.getByRole("button", { name: "Recevoir un code" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Nouveau mot de passe" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Si un compte correspond, nous avons envoyé un code");
    const identifier = screen.getByLabelText("Numéro de téléphone ou adresse e-mail") as HTMLInputElement;
    expect(identifier.value).toBe("78 10 00 01");
    const code = String(getDb().select().from(outbox).where(eq(outbox.userId, person.id)).get()!.payload.code);
    await user.type(screen.getByLabelText("Code reçu par SMS"), code);
    await user.type(screen.getByLabelText("Votre nouveau mot de passe"), NEW_PASSWORD);
    await user.type(screen.getByLabelText("Le même mot de passe, encore une fois"), NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Changer mon mot de passe" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Mon compte" })).toBeTruthy();
    const row = getDb().select().from(users).where(eq(users.id, person.id)).get()!;
    expect(await verifyPassword(NEW_PASSWORD, row.passwordHash)).toBe(true);
  });

  it("answers an unknown, a disabled and an existing account alike: the same redirect and message", async () => {
    insertCandidate(getDb(), { phone: "+22378100002" });
    insertCandidate(getDb(), { phone: "+22378100003", disabled: true });
    const answers = [];
    for (const identifier of ["78100002", "78100003", "78109999", "inconnu@exemple.ml"]) {
      const response = (await askFor(identifier, "41.24.0.1")) as Response;
      expect(response.status).toBe(302);
      answers.push({
        location: response.headers.get("Location"),
        page: await followRedirect(response, resetLoader),
      });
    }
    for (const [i, answer] of answers.entries()) {
      expect(answer.location).toBe("/nouveau-mot-de-passe");
      expect(answer.page).toMatchObject({ flash: { message: "password:forgotten.sent" }, fromLink: false });
      expect((answer.page as { identifier: string }).identifier).toBe(
        ["78100002", "78100003", "78109999", "inconnu@exemple.ml"][i],
      );
    }
  });

  it.each([
    ["empty", "", "validation.required"],
    ["10 000 characters", "7".repeat(10_000), "validation.tooLong"],
    ["a script tag", "<script>alert(1)</script>", "password:errors.identifierInvalid"],
    ["an SQL fragment", "' OR 1=1; DROP TABLE users; --", "password:errors.identifierInvalid"],
    ["a malformed e-mail", "awa@", "password:errors.identifierInvalid"],
  ])("refuses %s with 400, a message and what was typed", async (_, identifier, message) => {
    const refused = (await askFor(identifier)) as unknown as Refused;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.fieldErrors.identifier).toBe(message);
    expect(refused.data.values.identifier).toBe(identifier);
  });

  it("refuses a field posted twice with 400, not a crash", async () => {
    const refused = (await askFor(["78100001", "78100002"])) as unknown as Refused;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.fieldErrors.identifier).toBeTruthy();
  });

  it("answers 429 with Retry-After after 3 requests an hour for one number, keeping it in the form", async () => {
    for (let i = 0; i < 3; i++) expect(statusOf(await askFor("78100077", `41.25.0.${i}`))).toBe(302);
    const throttled = (await askFor("78100077", "41.25.0.9")) as unknown as Refused;
    expect(throttled.init?.status).toBe(429);
    expect(Number(new Headers(throttled.init?.headers).get("Retry-After"))).toBeGreaterThan(3000);
    expect(throttled.data).toMatchObject({
      formError: "password:errors.tooManyRequests",
      values: { identifier: "78100077" },
    });
  });

  it("speaks English", async () => {
    const user = await renderForgotten("en", "41.23.0.2");
    await user.click(screen.getByRole("button", { name: "Get a code" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Forgotten password" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to log in" }).getAttribute("href")).toBe("/connexion");
  });
});

describe("/nouveau-mot-de-passe", () => {
  it("logs the person in on their account page, says so, and closes their other sessions", async () => {
    const { person, identifier, secret } = await personWhoAsked();
    const otherSession = await sessionCookieFor(getDb(), person.id);
    const response = (await reset(withCode(identifier, secret))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidat/compte");
    const opened = new Request("http://localhost/", { headers: { Cookie: cookieFrom(response) } });
    expect((await getSessionUser(getDb(), opened))?.id).toBe(person.id);
    const old = new Request("http://localhost/", { headers: { Cookie: otherSession } });
    expect(await getSessionUser(getDb(), old)).toBeNull();
    expect(response.headers.get("Set-Cookie")).toContain("baara_flash=");
  });

  it("takes the e-mail's link: only the new password, once", async () => {
    const { person, secret } = await personWhoAsked({ email: "lien@exemple.ml" });
    const path = `/nouveau-mot-de-passe?jeton=${secret}`;
    expect(await callRoute(resetLoader, path)).toMatchObject({ fromLink: true });
    const passwords = { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };
    const done = (await reset(passwords, { path })) as Response;
    expect(done.status).toBe(302);
    expect(
      (await getSessionUser(getDb(), new Request("http://x/", { headers: { Cookie: cookieFrom(done) } })))?.id,
    ).toBe(person.id);
    const again = (await reset(passwords, { path })) as unknown as Refused;
    expect(again.init?.status).toBe(400);
    expect(again.data.formError).toBe("password:errors.used");
    const madeUp = (await reset(passwords, { path: "/nouveau-mot-de-passe?jeton=abc" })) as unknown as Refused;
    expect(madeUp.data.formError).toBe("password:errors.invalidLink");
  });

  it("shows only the password fields when opened from the link", async () => {
    const routes = [{ path: "/nouveau-mot-de-passe", Component: NewPassword, loader: resetLoader }];
    await renderRoutes(routes, "/nouveau-mot-de-passe?jeton=abcdef");
    expect(screen.queryByLabelText("Code reçu par SMS")).toBeNull();
    expect(screen.getByLabelText("Votre nouveau mot de passe")).toBeTruthy();
  });

  it("says a wrong code is wrong, keeps the phone, never sends back the code or the passwords", async () => {
    const { identifier, secret } = await personWhoAsked();
    const refused = (await reset(withCode(identifier, wrong(secret)))) as unknown as Refused;
    expect(refused.init?.status).toBe(400);
    expect(refused.data).toEqual({ fieldErrors: {}, values: { identifier }, formError: "password:errors.invalid" });
  });

  it("says an expired code has expired", async () => {
    const { person, identifier, secret } = await personWhoAsked();
    getDb()
      .update(oneTimeCodes)
      .set({ expiresAt: new Date(Date.now() - 1), createdAt: new Date(Date.now() - RESET_CODE_TTL_MS - 1) })
      .where(eq(oneTimeCodes.userId, person.id))
      .run();
    const refused = (await reset(withCode(identifier, secret))) as unknown as Refused;
    expect(refused.data.formError).toBe("password:errors.expired");
  });

  it.each([
    [
      "an empty form",
      { identifier: "", code: "", password: "", passwordConfirm: "" },
      { identifier: "validation.required", code: "validation.required", password: "validation.required" },
    ],
    [
      "a script tag, a 5-digit code and different passwords",
      { identifier: "<script>", code: "12345", password: NEW_PASSWORD, passwordConfirm: "autre-chose-1" },
      {
        identifier: "password:errors.identifierInvalid",
        code: "password:errors.codeFormat",
        passwordConfirm: "validation.passwordMismatch",
      },
    ],
    [
      "SQL as code, 10 000 characters and a short password",
      { identifier: "7".repeat(10_000), code: "1' OR '1'='1", password: "court", passwordConfirm: "court" },
      {
        identifier: "validation.tooLong",
        code: "password:errors.codeFormat",
        password: "validation.passwordTooShort",
      },
    ],
  ])("refuses %s with 400 and one message per field", async (_, fields, errors) => {
    const refused = (await reset(fields)) as unknown as Refused;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.fieldErrors).toMatchObject(errors);
    expect(refused.data.values).not.toHaveProperty("code");
    expect(refused.data.values).not.toHaveProperty("password");
  });

  it("answers 429 with Retry-After after 5 wrong codes for one number, even to the right one", async () => {
    const { identifier, secret } = await personWhoAsked();
    for (let i = 1; i <= 5; i++) {
      expect(statusOf(await reset(withCode(identifier, wrong(secret, i)), { ip: `41.26.0.${i}` }))).toBe(400);
    }
    const throttled = (await reset(withCode(identifier, secret), { ip: "41.26.0.9" })) as unknown as Refused;
    expect(throttled.init?.status).toBe(429);
    expect(new Headers(throttled.init?.headers).get("Retry-After")).toBe("900");
    expect(throttled.data.formError).toBe("password:errors.tooMany");
  });

  it("speaks English", async () => {
    const routes = [
      { path: "/nouveau-mot-de-passe", Component: NewPassword, loader: resetLoader, action: resetAction },
    ];
    const user = await renderRoutes(routes, "/nouveau-mot-de-passe", { lng: "en", context: { clientIp: "41.27.0.1" } });
    await user.type(screen.getByLabelText("Phone number or e-mail address"), "78109998");
    await user.type(screen.getByLabelText("Code received by SMS"), "123456");
    await user.type(screen.getByLabelText("Your new password"), NEW_PASSWORD);
    await user.type(screen.getByLabelText("The same password again"), NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change my password" }));
    expect((await screen.findByRole("alert")).textContent).toContain("This code does not match");
  });
});
