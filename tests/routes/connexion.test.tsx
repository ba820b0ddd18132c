// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import Login, { action } from "../../app/routes/connexion";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import { auditLog } from "../../db/schema";
import { cookieFrom, PASSWORD, registerCandidate, registerEmployer } from "../helpers/factories";
import { callRoute, renderStub } from "../helpers/route";

const LABELS = {
  fr: { identifier: "Téléphone ou e-mail", password: "Mot de passe", submit: "Se connecter" },
  en: { identifier: "Phone or e-mail", password: "Password", submit: "Log in" },
};

async function renderLogin(url = "/connexion", lng: "fr" | "en" = "fr", context?: { clientIp: string }) {
  const routes = [
    { path: "/connexion", Component: Login, action },
    { path: "/candidat", Component: () => <h1>Espace candidat</h1> },
    { path: "/employeur", Component: () => <h1>Espace employeur</h1> },
  ];
  await renderStub(routes, url, { lng, context });
  const labels = LABELS[lng];
  const user = userEvent.setup();
  return {
    async logIn(identifier: string, password: string) {
      const field = (await screen.findByLabelText(labels.identifier)) as HTMLInputElement;
      await user.clear(field);
      await user.type(field, identifier);
      const passwordField = screen.getByLabelText(labels.password);
      await user.clear(passwordField);
      await user.type(passwordField, password);
      await user.click(screen.getByRole("button", { name: labels.submit }));
    },
  };
}

/** Calls the action as the server would, with the client's address in the context. */
const postLogin = (fields: Record<string, string>, ip = "1.2.3.4") =>
  callRoute(action, "/connexion", { body: new URLSearchParams(fields), context: { clientIp: ip } });

type DataResult = {
  type?: string;
  data: { formError?: string; values: Record<string, string> };
  init: ResponseInit | null;
};

describe("/connexion", () => {
  it("logs a candidate in with their phone written another way and opens their space", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 33" });
    const page = await renderLogin();
    await page.logIn("+223 70 11 22 33", PASSWORD);
    expect(await screen.findByRole("heading", { name: "Espace candidat" })).toBeTruthy();
  });

  it("logs an employer in with their e-mail in capitals and opens the employer space", async () => {
    await registerEmployer(getDb(), { email: "patron@garage.ml" });
    const page = await renderLogin();
    await page.logIn("PATRON@Garage.ML", PASSWORD);
    expect(await screen.findByRole("heading", { name: "Espace employeur" })).toBeTruthy();
  });

  it("says the identifier or password is wrong and keeps the identifier", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 34" });
    const page = await renderLogin();
    await page.logIn("70 11 22 34", "pas-le-bon");
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Identifiant ou mot de passe incorrect.")).toBeTruthy();
    expect((screen.getByLabelText("Téléphone ou e-mail") as HTMLInputElement).value).toBe("70 11 22 34");
    expect(screen.queryByRole("heading", { name: "Espace candidat" })).toBeNull();
  });

  it("gives the same message for an account that does not exist", async () => {
    const page = await renderLogin();
    await page.logIn("personne@nulle-part.ml", PASSWORD);
    expect(await screen.findByText("Identifiant ou mot de passe incorrect.")).toBeTruthy();
  });

  it("speaks English to an English reader", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 35" });
    const page = await renderLogin("/connexion", "en");
    await page.logIn("70 11 22 35", "wrong-password");
    expect(await screen.findByText("Wrong identifier or password.")).toBeTruthy();
    expect((screen.getByLabelText("Phone or e-mail") as HTMLInputElement).value).toBe("70 11 22 35");
  });

  it("asks to wait 15 minutes at the sixth attempt, even with the right password", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 36" });
    const page = await renderLogin("/connexion", "fr", { clientIp: "41.73.5.6" });
    const failures = () =>
      getDb()
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "auth.login_failed"))
        .all()
        .filter((row) => row.subjectId === "+22370112236").length;
    for (let i = 0; i < 5; i++) {
      await page.logIn("70 11 22 36", `essai-${i}`);
      // The message may still be on screen from the attempt before: wait for this one to be recorded.
      await vi.waitFor(() => expect(failures()).toBe(i + 1));
      expect(await screen.findByText("Identifiant ou mot de passe incorrect.")).toBeTruthy();
    }
    await page.logIn("70 11 22 36", PASSWORD);
    expect(
      await screen.findByText(
        "Trop de tentatives de connexion. Pour votre sécurité, attendez 15 minutes avant de réessayer.",
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Espace candidat" })).toBeNull();
  });

  it("answers 400 to a wrong password and 429 (Retry-After) once throttled", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 37" });
    for (let i = 0; i < 5; i++) {
      const result = (await postLogin({ identifier: "70112237", password: "wrong" })) as unknown as DataResult;
      expect(result.init?.status).toBe(400);
      expect(result.data.formError).toBe("validation.invalidCredentials");
      expect(result.data.values).toEqual({ identifier: "70112237" });
    }
    const throttled = (await postLogin({ identifier: "70112237", password: PASSWORD })) as unknown as DataResult;
    expect(throttled.init?.status).toBe(429);
    // Until the oldest of the 5 failures is 15 minutes old.
    const retryAfter = Number(new Headers(throttled.init?.headers).get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(throttled.data.formError).toBe("validation.tooManyAttempts");
    const failures = getDb().select().from(auditLog).where(eq(auditLog.subjectId, "+22370112237")).all();
    expect(failures.filter((f) => f.action === "auth.login_failed").every((f) => f.ip === "1.2.3.4")).toBe(true);
  });

  it("lets 6 people behind one address (a town's carrier, a job fair's Wi-Fi) each mistype once, then all log in", async () => {
    const shared = "41.73.200.1";
    const phones = ["70 11 30 01", "70 11 30 02", "70 11 30 03", "70 11 30 04", "70 11 30 05", "70 11 30 06"];
    for (const phone of phones) await registerCandidate(getDb(), { phone });
    for (const phone of phones) {
      const result = (await postLogin(
        { identifier: phone, password: "faute-de-frappe" },
        shared,
      )) as unknown as DataResult;
      expect(result.init?.status).toBe(400);
    }
    for (const phone of phones) {
      const response = (await postLogin({ identifier: phone, password: PASSWORD }, shared)) as Response;
      expect(response.status, phone).toBe(302);
      expect(response.headers.get("Location")).toBe("/candidat");
    }
  });

  it("counts one account's failures together: 5 by e-mail then 1 by phone answers 429, the identifier kept", async () => {
    await registerCandidate(getDb(), { phone: "70 11 30 10", email: "aminata@exemple.ml" });
    for (let i = 0; i < 5; i++) {
      const result = (await postLogin(
        { identifier: "aminata@exemple.ml", password: `essai-${i}` },
        `41.73.201.${i}`,
      )) as unknown as DataResult;
      expect(result.init?.status).toBe(400);
    }
    const throttled = (await postLogin(
      { identifier: "70 11 30 10", password: PASSWORD },
      "41.73.202.1",
    )) as unknown as DataResult;
    expect(throttled.init?.status).toBe(429);
    expect(Number(new Headers(throttled.init?.headers).get("Retry-After"))).toBeGreaterThan(0);
    expect(throttled.data.formError).toBe("validation.tooManyAttempts");
    expect(throttled.data.values).toEqual({ identifier: "70 11 30 10" });
  });

  it("says so in English to an English reader once the account is throttled", async () => {
    await registerCandidate(getDb(), { phone: "70 11 30 11", email: "oumar@exemple.ml" });
    for (let i = 0; i < 5; i++)
      await postLogin({ identifier: "oumar@exemple.ml", password: `essai-${i}` }, `41.73.203.${i}`);
    const page = await renderLogin("/connexion", "en", { clientIp: "41.73.204.1" });
    await page.logIn("70113011", PASSWORD);
    expect(
      await screen.findByText("Too many login attempts. For your security, wait 15 minutes before trying again."),
    ).toBeTruthy();
    expect((screen.getByLabelText("Phone or e-mail") as HTMLInputElement).value).toBe("70113011");
  });

  it("answers 400 to an empty form", async () => {
    const result = (await postLogin({ identifier: "", password: "" })) as unknown as DataResult;
    expect(result.init?.status).toBe(400);
  });

  it("opens a session with the right password (redirect with a session cookie)", async () => {
    const user = await registerCandidate(getDb(), { phone: "70 11 22 38" });
    const response = (await postLogin({ identifier: "70 11 22 38", password: PASSWORD }, "5.6.7.8")) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidat");
    const request = new Request("http://localhost/candidat", { headers: { Cookie: cookieFrom(response) } });
    expect((await getSessionUser(getDb(), request))?.id).toBe(user.id);
  });

  it("goes back to the page asked for (redirectTo=/employeur)", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 39" });
    const page = await renderLogin("/connexion?redirectTo=%2Femployeur");
    await page.logIn("70112239", PASSWORD);
    expect(await screen.findByRole("heading", { name: "Espace employeur" })).toBeTruthy();
  });

  it("ignores a redirectTo leading to another site", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 40" });
    const page = await renderLogin("/connexion?redirectTo=https%3A%2F%2Fevil.example");
    await page.logIn("70112240", PASSWORD);
    expect(await screen.findByRole("heading", { name: "Espace candidat" })).toBeTruthy();

    for (const redirectTo of ["https://evil.example", "//evil.example", "/\\evil.example"]) {
      const response = (await postLogin(
        { identifier: "70112240", password: PASSWORD, redirectTo },
        "5.6.7.9",
      )) as Response;
      expect(response.headers.get("Location")).toBe("/candidat");
    }
  });

  // Fails: safeRedirect lets "/<TAB>/evil.example" through, and browsers resolve it to
  // https://evil.example/ (see report). A link /connexion?redirectTo=/%09/evil.example
  // puts it in the hidden field of the login form.
  it("never sends a person who just logged in to another site", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 41" });
    const response = (await postLogin(
      { identifier: "70112241", password: PASSWORD, redirectTo: "/\t/evil.example" },
      "5.6.7.10",
    )) as Response;
    const location = response.headers.get("Location")!;
    expect(new URL(location, "https://baara.ml/connexion").origin).toBe("https://baara.ml");
  });

  it("after a successful login, a redirectTo with non-ASCII characters gives a safe redirect, never a 500", async () => {
    await registerCandidate(getDb(), { phone: "70 11 22 42" });
    const cases: [string, string][] = [
      ["/offres\u3000", "/offres%E3%80%80"],
      ["/\uFF0Fevil.example", "/%EF%BC%8Fevil.example"],
      ["\uFF0F\uFF0Fevil.example", "/candidat"],
      ["/offres?q=électricien#résultats", "/offres?q=%C3%A9lectricien#r%C3%A9sultats"],
      ["/.//evil.example", "/candidat"],
      ["/\u2028/evil.example", "/candidat"],
    ];
    for (const [redirectTo, expected] of cases) {
      const response = (await postLogin(
        { identifier: "70112242", password: PASSWORD, redirectTo },
        "5.6.7.11",
      )) as Response;
      expect(response.status, redirectTo).toBe(302);
      const location = response.headers.get("Location")!;
      expect(location, redirectTo).toBe(expected);
      expect(new URL(location, "https://baara.ml/connexion").origin).toBe("https://baara.ml");
    }
  });
});
