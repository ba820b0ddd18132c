// One straight path to an application on a 360×740 phone, JavaScript off and on: a visitor on
// an offer meets a page naming it, signs up there, completes their profile on the way and comes
// back to the form with their message kept, sends, and finds the application in their list.
import type { Locator } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { confirmPhoneLater } from "./journeys";

const PHONE = { width: 360, height: 740 };

/** The top of an element from the top of the page, in CSS pixels. */
const topOf = (locator: Locator) => locator.evaluate((el) => Math.round(el.getBoundingClientRect().top + scrollY));
const heightOf = async (locator: Locator) => Math.round((await locator.boundingBox())!.height);

describeInBrowser("the apply path on a phone", () => {
  const portal = usePortal();

  it.each([
    { js: false, phone: "+223 65 43 21 07" },
    { js: true, phone: "+223 65 43 21 08" },
  ])(
    "JavaScript $js: offer → a page naming it → sign-up → profile → the form, message kept → sent",
    async ({ js, phone }) => {
      const page = await (await portal.newContext({ viewport: PHONE, javaScriptEnabled: js })).newPage();
      await page.goto("/offres");
      const first = page.locator('main a[href^="/offres/"]').first();
      const title = (await first.textContent())!.trim();
      await first.click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      const orgName = (await page.locator('main a[href^="/entreprises/"]').first().textContent())!.trim();
      const offerPath = `${new URL(page.url()).pathname}/postuler`;

      // The gate names the offer, its employer and place; both ways in look alike and are 44 px tall.
      await page.getByRole("link", { name: "Postuler à cette offre" }).click();
      await page.getByRole("heading", { level: 1, name: `Postuler : ${title}` }).waitFor();
      expect(await page.locator("main").textContent()).toContain(`${orgName} · `);
      const logIn = page.getByRole("region", { name: "J'ai un compte" }).getByRole("button", { name: "Se connecter" });
      const signUp = page.getByRole("region", { name: "Je n'ai pas de compte" }).getByRole("link", {
        name: "Créer mon compte",
      });
      expect(await heightOf(logIn)).toBeGreaterThanOrEqual(44);
      expect(await heightOf(signUp)).toBe(await heightOf(logIn));
      console.log(
        `[apply-path] JS ${js}: gate "Se connecter" top ${await topOf(logIn)} px, "Créer mon compte" top ${await topOf(signUp)} px`,
      );

      await signUp.click();
      await page.getByLabel("Prénom").fill("Oumou");
      await page.getByLabel("Nom", { exact: true }).fill("Sangaré");
      await page.getByLabel("Numéro de téléphone").fill(phone);
      await page.getByLabel("Mot de passe", { exact: true }).fill("chemin-2026");
      await page.getByLabel("Confirmez le mot de passe").fill("chemin-2026");
      await page.getByRole("checkbox").check();
      await page.getByRole("button", { name: "Créer mon compte" }).click();
      await confirmPhoneLater(page);
      await page.waitForURL((url) => url.pathname === offerPath);

      // The form: "Envoyer ma candidature" within the first screen and a half, even with the profile notice.
      const send = page.getByRole("button", { name: "Envoyer ma candidature" });
      await send.waitFor();
      const sendTop = await topOf(send);
      console.log(
        `[apply-path] JS ${js}: "Envoyer ma candidature" top ${sendTop} px (new candidate, profile incomplete)`,
      );
      expect(sendTop).toBeLessThan(PHONE.height * 1.5);
      expect(await heightOf(send)).toBeGreaterThanOrEqual(44);

      const message = "Bonjour, je suis disponible tout de suite.\nJ'habite Bamako.";
      await page.getByLabel("Votre message à l'employeur (facultatif)").fill(message);
      await page.getByRole("button", { name: "Compléter mon profil" }).click();
      await page.waitForURL(
        (url) => url.pathname === "/candidat/profil" && url.searchParams.get("retour") === offerPath,
      );
      await page.getByLabel("Région", { exact: true }).selectOption("bamako");
      await page.getByRole("button", { name: "Enregistrer mon profil" }).click();

      await page.waitForURL((url) => url.pathname === offerPath);
      await page.getByText("Profil enregistré — vous pouvez envoyer votre candidature.").waitFor();
      expect(await page.getByLabel("Votre message à l'employeur (facultatif)").inputValue()).toBe(message);
      console.log(
        `[apply-path] JS ${js}: "Envoyer ma candidature" top ${await topOf(send)} px (back from the profile)`,
      );

      await send.click();
      await page.waitForURL((url) => url.pathname === "/candidat/candidatures");
      await page.locator('[id^="candidature-"]').filter({ hasText: title }).getByText("Envoyée").first().waitFor();
    },
  );
});
