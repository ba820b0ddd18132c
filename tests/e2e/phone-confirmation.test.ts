// Signing up with a phone on a 360×740 phone, JavaScript off and on: the confirmation page names the number,
// the code comes from the SMS the `log` transport wrote, and the account page then says "confirmé".
import type { Locator } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { smsLog } from "./sms-log";

const PHONE_SCREEN = { width: 360, height: 740 };
const sms = smsLog("phone-confirmation");

afterAll(() => sms.remove());

const heightOf = async (target: Locator) => (await target.boundingBox())?.height ?? 0;

describeInBrowser("confirming a phone number in a real browser", () => {
  const portal = usePortal();

  for (const javaScriptEnabled of [false, true]) {
    it(`signs up, confirms the number with the SMS's code and sees it confirmed (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const national = javaScriptEnabled ? "91 66 30 02" : "91 66 30 01";
      const phone = `+223${national.replace(/ /g, "")}`;
      const context = await portal.newContext({ javaScriptEnabled, viewport: PHONE_SCREEN });
      const page = await context.newPage();

      await page.goto("/inscription?redirectTo=%2Fcandidat%2Fcompte");
      await page.getByLabel("Prénom").fill("Mariam");
      await page.getByLabel("Nom", { exact: true }).fill("Keïta");
      await page.getByLabel("Numéro de téléphone").fill(national);
      await page.getByLabel("Mot de passe", { exact: true }).fill("sikasso-2026");
      await page.getByLabel("Confirmez le mot de passe").fill("sikasso-2026");
      await page.getByRole("checkbox").check();
      await page.getByRole("button", { name: "Créer mon compte" }).click();

      await page.waitForURL("**/confirmer-telephone?redirectTo=%2Fcandidat%2Fcompte");
      await page.getByText(`Nous avons envoyé un code au +223 ${national}.`).waitFor();
      for (const target of [
        page.getByRole("button", { name: "Confirmer" }),
        page.getByRole("button", { name: "Renvoyer le code" }),
        page.getByText("Mauvais numéro ? Le changer"),
        page.getByRole("link", { name: "Plus tard" }),
      ]) {
        expect(await heightOf(target)).toBeGreaterThanOrEqual(44);
      }

      const text = await sms.lastSmsTo(portal.dbPath, phone);
      const code = /(\d{6})/.exec(text)?.[1];
      expect(code, `the SMS was: ${text}`).toMatch(/^\d{6}$/);
      expect(text).toContain("/confirmer-telephone");

      await page.getByLabel("Code reçu par SMS").fill(code === "000000" ? "111111" : "000000");
      await page.getByRole("button", { name: "Confirmer" }).click();
      await page.getByText("Ce code n'est pas le bon.").waitFor();

      await page.getByLabel("Code reçu par SMS").fill(code!);
      await page.getByRole("button", { name: "Confirmer" }).click();
      await page.waitForURL("**/candidat/compte");
      await page.getByText(`Numéro confirmé : +223 ${national}.`).waitFor();
      const phoneSection = page.getByRole("region", { name: "Numéro de téléphone" });
      await phoneSection.getByText(`+223 ${national}`).waitFor();
      await phoneSection.getByText("✓ confirmé").waitFor();
      expect(await phoneSection.getByText("non confirmé").count()).toBe(0);
    });
  }
});
