// Steps the browser journeys share: logging in, registering an employer, putting off the phone's confirmation.
import type { Page } from "playwright-core";

export async function logIn(page: Page, identifier: string, password = "baara-demo") {
  await page.goto("/connexion");
  await page.getByLabel("Téléphone ou e-mail").fill(identifier);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname !== "/connexion");
}

/** After a sign-up with a phone, the confirmation page comes first: "Plus tard" goes on to where the person was going. */
export async function confirmPhoneLater(page: Page) {
  await page.waitForURL("**/confirmer-telephone?**");
  await page.getByRole("link", { name: "Plus tard" }).click();
}

/** Registers an employer and their organisation (pending) through the form, and lands on /employeur. */
export async function registerEmployer(
  page: Page,
  who: { orgName: string; sector: string; region: string; firstName: string; lastName: string; password: string } & (
    | { phone: string }
    | { email: string }
  ),
) {
  await page.goto("/inscription?type=employeur");
  await page.getByLabel("Nom de l'entreprise ou de l'atelier").fill(who.orgName);
  await page.getByLabel("Secteur d'activité").selectOption(who.sector);
  await page.getByLabel("Région").selectOption(who.region);
  await page.getByLabel("Prénom").fill(who.firstName);
  await page.getByLabel("Nom", { exact: true }).fill(who.lastName);
  if ("phone" in who) await page.getByLabel("Numéro de téléphone").fill(who.phone);
  else await page.getByLabel("Adresse e-mail (facultatif si vous donnez un téléphone)").fill(who.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(who.password);
  await page.getByLabel("Confirmez le mot de passe").fill(who.password);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  if ("phone" in who) await confirmPhoneLater(page);
  await page.waitForURL("**/employeur");
}
