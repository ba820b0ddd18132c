// @vitest-environment jsdom
// /activer-compte: a person registered by a counsellor types their phone, the
// SMS code and a new password, and lands in their space, logged in.
// Bad input tried: an empty form, a wrong phone, a 5-digit code, letters as
// code, different passwords, a wrong code, an expired code, a code used twice,
// 6 attempts from one address.
import { screen } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CODE_TTL_MS, issueSetPasswordCode } from "../../app/models/activation.server";
import ActivateAccount, { action } from "../../app/routes/activer-compte";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { getSessionUser } from "../../app/utils/session.server";
import { oneTimeCodes } from "../../db/schema";
import { insertCounselledCandidate } from "../helpers/counsellor";
import { cookieFrom } from "../helpers/factories";
import { callRoute, renderRoutes } from "../helpers/route";

const PASSWORD = "mon-mot-de-passe";
type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string>; formError?: string };
  init: ResponseInit | null;
};

function personWithCode(phone: string) {
  const person = insertCounselledCandidate(getDb(), { phone });
  return { person, code: issueSetPasswordCode(getDb(), person.id)!.code };
}

const post = (fields: Record<string, string>, ip = "41.7.7.7") =>
  callRoute(action, "/activer-compte", { body: new URLSearchParams(fields), context: { clientIp: ip } });

async function renderPage(lng: Locale = "fr", ip = "41.8.8.8") {
  const routes = [
    { path: "/activer-compte", Component: ActivateAccount, action },
    { path: "/candidat", Component: () => <h1>Espace candidat</h1> },
  ];
  const user = await renderRoutes(routes, "/activer-compte", { lng, context: { clientIp: ip } });
  return {
    async submit(phone: string, code: string, password = PASSWORD, confirm = password) {
      const labels =
        lng === "fr"
          ? [
              "Votre numéro de téléphone",
              "Code reçu par SMS",
              "Nouveau mot de passe",
              "Le même mot de passe, encore une fois",
              "Activer mon compte",
            ]
          : [
              "Your phone number",
              "Code received by SMS",
              "New password",
              "The same password again",
              "Activate my account",
            ];
      for (const [label, value] of [
        [labels[0], phone],
        [labels[1], code],
        [labels[2], password],
        [labels[3], confirm],
      ] as const) {
        const field = screen.getByLabelText(label!);
        await user.clear(field);
        if (value) await user.type(field, value);
      }
      await user.click(screen.getByRole("button", { name: labels[4] }));
    },
  };
}

describe("/activer-compte", () => {
  it("sets the password with the SMS code and opens the candidate's space, logged in", async () => {
    const { code } = personWithCode("+22377000001");
    const page = await renderPage();
    await page.submit("77 00 00 01", code);
    expect(await screen.findByRole("heading", { name: "Espace candidat" })).toBeTruthy();
  });

  it("answers with a session cookie for the person (redirect to /candidat)", async () => {
    const { person, code } = personWithCode("+22377000002");
    const response = (await post({
      phone: "+223 77 00 00 02",
      code: ` ${code.slice(0, 3)} ${code.slice(3)} `,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidat");
    const request = new Request("http://localhost/candidat", { headers: { Cookie: cookieFrom(response) } });
    expect((await getSessionUser(getDb(), request))?.id).toBe(person.id);
  });

  it("says the code is wrong and keeps the phone", async () => {
    personWithCode("+22377000003");
    const page = await renderPage();
    await page.submit("77000003", "000000");
    expect((await screen.findByRole("alert")).textContent).toContain("Ce numéro ou ce code n'est pas bon.");
    expect((screen.getByLabelText("Votre numéro de téléphone") as HTMLInputElement).value).toBe("77000003");
  });

  it("speaks English", async () => {
    const page = await renderPage("en", "41.8.8.9");
    await page.submit("77000009", "123456");
    expect((await screen.findByRole("alert")).textContent).toContain("This number or code is wrong.");
  });

  it("answers 400 with a clear message to an expired code and to a code used twice", async () => {
    const db = getDb();
    const { person, code } = personWithCode("+22377000004");
    db.update(oneTimeCodes)
      .set({ expiresAt: new Date(Date.now() - 1), createdAt: new Date(Date.now() - CODE_TTL_MS - 1) })
      .where(eq(oneTimeCodes.userId, person.id))
      .run();
    const expired = (await post(
      { phone: "77000004", code, password: PASSWORD, passwordConfirm: PASSWORD },
      "41.7.7.1",
    )) as unknown as Result;
    expect(expired.init?.status).toBe(400);
    expect(expired.data).toEqual({
      fieldErrors: {},
      values: { phone: "77000004" },
      formError: "counsellor:activation.errors.expired",
    });

    const other = personWithCode("+22377000005");
    expect(
      (
        (await post(
          { phone: "77000005", code: other.code, password: PASSWORD, passwordConfirm: PASSWORD },
          "41.7.7.2",
        )) as Response
      ).status,
    ).toBe(302);
    const again = (await post(
      { phone: "77000005", code: other.code, password: "un-autre-mdp", passwordConfirm: "un-autre-mdp" },
      "41.7.7.2",
    )) as unknown as Result;
    expect(again.init?.status).toBe(400);
    expect(again.data.formError).toBe("counsellor:activation.errors.used");
  });

  it.each([
    [
      "an empty form",
      { phone: "", code: "", password: "", passwordConfirm: "" },
      { phone: "validation.required", code: "validation.required", password: "validation.required" },
    ],
    [
      "a wrong phone and a 5-digit code",
      { phone: "12", code: "12345", password: PASSWORD, passwordConfirm: PASSWORD },
      { phone: "validation.phoneInvalid", code: "counsellor:activation.errors.codeFormat" },
    ],
    [
      "letters as code and different passwords",
      { phone: "77000006", code: "abcdef", password: PASSWORD, passwordConfirm: "autre-chose" },
      { code: "counsellor:activation.errors.codeFormat", passwordConfirm: "validation.passwordMismatch" },
    ],
    [
      "a short password and 10 000 characters",
      { phone: "7".repeat(10_000), code: "123456", password: "court", passwordConfirm: "court" },
      { phone: "validation.phoneInvalid", password: "validation.passwordTooShort" },
    ],
  ])("refuses %s with 400 and one message per field", async (_, fields, errors) => {
    const result = (await post(fields, "41.7.7.3")) as unknown as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.fieldErrors).toMatchObject(errors);
    expect(result.data.values).not.toHaveProperty("code");
    expect(result.data.values).not.toHaveProperty("password");
  });

  it("is throttled like login: 429 with Retry-After after 5 wrong codes for one phone", async () => {
    const { code } = personWithCode("+22377000007");
    for (let i = 0; i < 5; i++) {
      const guess = code === `11111${i}` ? "999999" : `11111${i}`;
      const wrong = (await post(
        { phone: "77000007", code: guess, password: PASSWORD, passwordConfirm: PASSWORD },
        `41.9.9.${i}`,
      )) as unknown as Result;
      expect(wrong.init?.status).toBe(400);
    }
    const throttled = (await post(
      { phone: "77000007", code, password: PASSWORD, passwordConfirm: PASSWORD },
      "41.9.9.9",
    )) as unknown as Result;
    expect(throttled.init?.status).toBe(429);
    expect(new Headers(throttled.init?.headers).get("Retry-After")).toBe("900");
    expect(throttled.data.formError).toBe("counsellor:activation.errors.tooMany");
  });
});
