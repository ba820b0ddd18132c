// @vitest-environment jsdom
// The PIN section of /candidat/compte: what the PIN is for, setting it and changing it with the current password.
// Bad input tried: two different PINs, a weak PIN, a wrong password, an empty form, 10 000 digits, letters,
// <script>, an SQL fragment, an employer posting the form.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPin, hasPin } from "../../app/models/pin.server";
import Account, { action, loader } from "../../app/routes/candidat.compte";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { users } from "../../db/schema";
import { auditRows } from "../helpers/db";
import { insertEmployer, PASSWORD, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, errorOf, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { awa: "", issa: "", employer: "" };
const ids = { awa: 0, issa: 0 };

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 66 00 01", firstName: "Awa", lastName: "Traoré" });
  const issa = await registerCandidate(db, { phone: "70 66 00 02", firstName: "Issa", lastName: "Coulibaly" });
  const { user: employer } = await insertEmployer(db, "verified", "Garage du Fleuve");
  ids.awa = awa.id;
  ids.issa = issa.id;
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.issa = await sessionCookieFor(db, issa.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

async function renderAccount(cookie: string, lng: Locale = "fr") {
  const page = { path: "/candidat/compte", Component: Account, loader: as(cookie, loader), action: as(cookie, action) };
  return renderRoutes([page], "/candidat/compte", { lng, context: { clientIp: "10.0.0.8" } });
}

const section = () => screen.getByRole("region", { name: "Code PIN (téléphone sans internet)" });

const post = (fields: Record<string, string>, cookie = cookies.issa) =>
  settled(callRoute(action, "/candidat/compte", { cookie, body: fields, context: { clientIp: "10.0.0.9" } }));

const pinHashOf = (id: number) => getDb().select({ h: users.pinHash }).from(users).where(eq(users.id, id)).get()!.h;

describe("/candidat/compte: the PIN", () => {
  it("says what the PIN is for, with the USSD code and the SMS number", async () => {
    await renderAccount(cookies.awa);
    const region = section();
    expect(region.textContent).toContain("*384*22#");
    expect(region.textContent).toContain("36 22");
    expect(within(region).getByText("Vous n'avez pas encore de code PIN.")).toBeTruthy();
    for (const label of ["Nouveau code PIN (4 chiffres)", "Retapez le code PIN"]) {
      const input = within(region).getByLabelText(label) as HTMLInputElement;
      expect([input.type, input.inputMode, input.autocomplete]).toEqual(["password", "numeric", "off"]);
    }
  });

  it("sets the PIN with the current password, says so, and then offers to change it", async () => {
    const user = await renderAccount(cookies.awa);
    await user.type(within(section()).getByLabelText("Nouveau code PIN (4 chiffres)"), "4826");
    await user.type(within(section()).getByLabelText("Retapez le code PIN"), "4826");
    await user.type(within(section()).getByLabelText("Votre mot de passe actuel"), PASSWORD);
    await user.click(within(section()).getByRole("button", { name: "Enregistrer le code PIN" }));
    expect((await screen.findByRole("status")).textContent).toContain("Code PIN enregistré");
    expect(within(section()).getByText("Un code PIN est enregistré. Vous pouvez le changer ici.")).toBeTruthy();
    expect(within(section()).getByRole("button", { name: "Changer le code PIN" })).toBeTruthy();
    expect(await checkPin(getDb(), ids.awa, "4826")).toBe("ok");
    expect(auditRows(getDb(), "account.pin_set").at(-1)).toMatchObject({ actorId: ids.awa, ip: "10.0.0.8" });
  });

  it("refuses two different PINs under the second field", async () => {
    const user = await renderAccount(cookies.issa);
    await user.type(within(section()).getByLabelText("Nouveau code PIN (4 chiffres)"), "4826");
    await user.type(within(section()).getByLabelText("Retapez le code PIN"), "4827");
    await user.type(within(section()).getByLabelText("Votre mot de passe actuel"), PASSWORD);
    await user.click(within(section()).getByRole("button", { name: "Enregistrer le code PIN" }));
    await waitFor(() =>
      expect(errorOf(within(section()).getByLabelText("Retapez le code PIN"))).toBe(
        "Les deux codes PIN ne sont pas les mêmes.",
      ),
    );
    expect(hasPin(getDb(), ids.issa)).toBe(false);
  });

  it("refuses a weak PIN without spending a password try", async () => {
    const result = await post({ intent: "pin", pin: "1234", pinConfirm: "1234", currentPassword: "pas-le-bon" });
    expect(statusOf(result)).toBe(400);
    expect(result).toMatchObject({ data: { form: "pin", fieldErrors: { pin: "pin:errors.weak" } } });
    expect(auditRows(getDb(), "auth.password_check_failed").filter((r) => r.actorId === ids.issa)).toHaveLength(0);
    expect(hasPin(getDb(), ids.issa)).toBe(false);
  });

  it("refuses a wrong password under the password field, in English too", async () => {
    const user = await renderAccount(cookies.issa, "en");
    const region = screen.getByRole("region", { name: "PIN (phone without internet)" });
    await user.type(within(region).getByLabelText("New PIN (4 digits)"), "5917");
    await user.type(within(region).getByLabelText("Type the PIN again"), "5917");
    await user.type(within(region).getByLabelText("Your current password"), "pas-le-bon");
    await user.click(within(region).getByRole("button", { name: "Save the PIN" }));
    await waitFor(() => expect(errorOf(within(region).getByLabelText("Your current password"))).not.toBe(""));
    expect(hasPin(getDb(), ids.issa)).toBe(false);
    const [failed] = auditRows(getDb(), "auth.password_check_failed").filter((r) => r.actorId === ids.issa);
    expect(failed!.detail).toEqual({ purpose: "set_pin" });
  });

  it.each([
    ["an empty form", {}, { pin: "pin:errors.required" }],
    ["10 000 digits", { pin: "9".repeat(10_000), pinConfirm: "9".repeat(10_000) }, { pin: "pin:errors.format" }],
    ["letters", { pin: "abcd", pinConfirm: "abcd" }, { pin: "pin:errors.format" }],
    ["<script>", { pin: "<script>", pinConfirm: "<script>" }, { pin: "pin:errors.format" }],
    ["an SQL fragment", { pin: "1' OR '1'='1", pinConfirm: "x" }, { pin: "pin:errors.format" }],
    ["no confirmation", { pin: "4826" }, { pinConfirm: "pin:errors.confirmRequired" }],
    ["no password", { pin: "4826", pinConfirm: "4826" }, { currentPassword: "validation.required" }],
  ])("refuses %s with a message on the field (400), never a 500", async (_, fields, errors) => {
    const result = await post({ intent: "pin", ...fields } as Record<string, string>);
    expect(statusOf(result)).toBe(400);
    expect(result).toMatchObject({ data: { form: "pin", fieldErrors: errors } });
    expect(JSON.stringify(result)).not.toContain("4826");
    expect(pinHashOf(ids.issa)).toBeNull();
  });

  it("is refused to an employer (403)", async () => {
    const result = await post(
      { intent: "pin", pin: "4826", pinConfirm: "4826", currentPassword: PASSWORD },
      cookies.employer,
    );
    expect(statusOf(result)).toBe(403);
  });
});
