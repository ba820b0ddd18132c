// A forgotten password on a 360×740 phone, with JavaScript off and on: from the login page's link to a
// login with the new password, the code read from the SMS the `log` transport wrote.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { sendPendingMessages } from "../../app/models/outbox.server";
import { openDb } from "../../app/utils/db.server";
import { logTransport } from "../../app/utils/transports.server";
import { insertCandidate } from "../helpers/factories";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";
import { E2E_DIR } from "./paths";

const PHONE_SCREEN = { width: 360, height: 740 };
const NEW_PASSWORD = "kayes-2026-nouveau";
const smsLog = path.join(E2E_DIR, `password-reset-outbox-${process.pid}.log`);

afterAll(() => fs.rmSync(smsLog, { force: true }));

/** Sends the portal's pending messages as `npm run outbox` would, and gives the last SMS's text to `phone`. */
async function lastSmsTo(dbPath: string, phone: string) {
  const db = openDb(dbPath);
  try {
    await sendPendingMessages(db, logTransport(smsLog));
  } finally {
    db.$client.close();
  }
  const lines = fs.readFileSync(smsLog, "utf8").trim().split("\n");
  const messages = lines.map((line) => JSON.parse(line) as { recipient: string; text: string });
  return messages.filter((m) => m.recipient === phone).at(-1)?.text ?? "";
}

async function tapHeight(page: Page, name: string) {
  return (await page.getByRole("link", { name }).boundingBox())?.height ?? 0;
}

describeInBrowser("a forgotten password in a real browser", () => {
  const portal = usePortal();

  for (const javaScriptEnabled of [false, true]) {
    const mode = javaScriptEnabled ? "on" : "off";
    it(`gets a code by SMS and logs in with the new password (JavaScript ${mode})`, async () => {
      const phone = javaScriptEnabled ? "+22391550002" : "+22391550001";
      const typed = `${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`;
      const db = openDb(portal.dbPath);
      insertCandidate(db, { phone, firstName: "Assitan" });
      db.$client.close();

      const context = await portal.newContext({ javaScriptEnabled, viewport: PHONE_SCREEN });
      const page = await context.newPage();
      await page.goto("/connexion");
      expect(await tapHeight(page, "Mot de passe oublié ?")).toBeGreaterThanOrEqual(44);
      await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
      await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();

      await page.getByLabel("Numéro de téléphone ou adresse e-mail").fill(typed);
      await page.getByRole("button", { name: "Recevoir un code" }).click();
      await page.getByRole("heading", { level: 1, name: "Nouveau mot de passe" }).waitFor();
      await page.getByText("Si un compte correspond, nous avons envoyé un code par SMS").waitFor();
      expect(await page.getByLabel("Numéro de téléphone ou adresse e-mail").inputValue()).toBe(typed);

      const sms = await lastSmsTo(portal.dbPath, phone);
      const code = /code (\d{6})/.exec(sms)?.[1];
      expect(code, `the SMS was: ${sms}`).toMatch(/^\d{6}$/);
      expect(sms).toContain("/nouveau-mot-de-passe");

      // A wrong code first: the message, and the number still typed.
      await page.getByLabel("Code reçu par SMS").fill(code === "000000" ? "111111" : "000000");
      await page.getByLabel("Votre nouveau mot de passe").fill(NEW_PASSWORD);
      await page.getByLabel("Le même mot de passe, encore une fois").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
      await page.getByText("Ce code ne correspond pas").waitFor();
      expect(await page.getByLabel("Numéro de téléphone ou adresse e-mail").inputValue()).toBe(typed);

      await page.getByLabel("Code reçu par SMS").fill(code!);
      await page.getByLabel("Votre nouveau mot de passe").fill(NEW_PASSWORD);
      await page.getByLabel("Le même mot de passe, encore une fois").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
      await page.waitForURL("**/candidat/compte");
      await page.getByText("Mot de passe changé.").waitFor();

      // On another phone, the new password opens the account.
      const other = await portal.newContext({ javaScriptEnabled, viewport: PHONE_SCREEN });
      const again = await other.newPage();
      await logIn(again, typed, NEW_PASSWORD);
      expect(new URL(again.url()).pathname).toBe("/candidat");
      await other.close();
      await context.close();
    });
  }
});
