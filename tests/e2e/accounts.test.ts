import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";
import { confirmPhoneLater } from "./journeys";

/** The page's main heading, once the navigation has rendered. */
const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

async function registerCandidate(page: Page, phone: string) {
  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill("Mariam");
  await page.getByLabel("Nom", { exact: true }).fill("Keïta");
  await page.getByLabel("Numéro de téléphone").fill(phone);
  await page.getByLabel("Mot de passe", { exact: true }).fill("sikasso-2026");
  await page.getByLabel("Confirmez le mot de passe").fill("sikasso-2026");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await confirmPhoneLater(page);
  await page.waitForURL("**/candidat");
}

async function logIn(page: Page, identifier: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel(/Téléphone ou e-mail|Phone or e-mail/).fill(identifier);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Se connecter|Log in)$/ }).click();
}

describeInBrowser("accounts in a real browser", () => {
  const portal = usePortal();

  it("a candidate registers by phone, logs out, logs back in, and switches to English", async () => {
    const context = await portal.newContext();
    const page = await context.newPage();
    await registerCandidate(page, "66 12 34 56");
    await expect.poll(() => h1(page)).toBe("Bonjour Mariam");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(`${portal.url}/`);
    await page.getByRole("link", { name: "Se connecter" }).waitFor();

    // The number written differently still finds the account.
    await logIn(page, "+223 66123456", "sikasso-2026");
    await page.waitForURL("**/candidat");

    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL("**/candidat?lng=en");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => h1(page)).toBe("Hello Mariam");
    // The choice is remembered by a cookie on the next page.
    await page.goto("/confidentialite");
    await expect.poll(() => h1(page)).toBe("Privacy: your data on Baara");
  });

  it("registration works with JavaScript switched off, and refused input is kept", async () => {
    const context = await portal.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/inscription");
    await page.getByLabel("Prénom").fill("Oumar");
    await page.getByLabel("Nom", { exact: true }).fill("Maïga");
    await page.getByLabel("Numéro de téléphone").fill("12 34");
    await page.getByLabel("Mot de passe", { exact: true }).fill("gao-2026-ok");
    await page.getByLabel("Confirmez le mot de passe").fill("gao-2026-ok");
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.waitForLoadState();
    await page.getByText("Ce numéro n'est pas un numéro malien valable").waitFor();
    expect(await page.getByLabel("Prénom").inputValue()).toBe("Oumar");
    expect(await page.getByLabel("Numéro de téléphone").inputValue()).toBe("12 34");

    await page.getByLabel("Numéro de téléphone").fill("00223 65 43 21 00");
    await page.getByLabel("Mot de passe", { exact: true }).fill("gao-2026-ok");
    await page.getByLabel("Confirmez le mot de passe").fill("gao-2026-ok");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await confirmPhoneLater(page);
    await page.waitForURL("**/candidat");
    await expect.poll(() => h1(page)).toBe("Bonjour Oumar");
  });

  it.each([
    ["admin@baara.demo", "/admin", "Administration"],
    ["conseiller@baara.demo", "/conseiller", "Tableau de bord du conseiller"],
    ["employeur@baara.demo", "/employeur", null],
    ["candidat@baara.demo", "/candidat", null],
    ["70 00 00 01", "/candidat", null],
  ])("the demo account %s logs in and reaches %s", async (identifier, home, heading) => {
    const context = await portal.newContext();
    const page = await context.newPage();
    await logIn(page, identifier, "baara-demo");
    await page.waitForURL(`**${home}`);
    if (heading) await expect.poll(() => h1(page)).toBe(heading);
    else await expect.poll(() => h1(page)).not.toBe("Se connecter");
    expect(await page.getByText("Erreur").count()).toBe(0);
  });

  it("a visitor is sent to log in and comes back; another role gets a 403 page in their language", async () => {
    const context = await portal.newContext();
    const page = await context.newPage();
    await page.goto("/employeur");
    expect(new URL(page.url()).pathname).toBe("/connexion");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/employeur");
    await page.getByLabel("Téléphone ou e-mail").fill("candidat@baara.demo");
    await page.getByLabel("Mot de passe").fill("baara-demo");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/employeur");
    await expect.poll(() => h1(page)).toBe("Accès refusé");

    const response = await page.goto("/admin?lng=en");
    expect(response?.status()).toBe(403);
    await expect.poll(() => h1(page)).toBe("Access denied");
  });

  it("a wrong password says only that the identifier or password is wrong", async () => {
    const context = await portal.newContext();
    const page = await context.newPage();
    await logIn(page, "employeur@baara.demo", "not-the-password");
    await page.getByText("Identifiant ou mot de passe incorrect.").waitFor();
    expect(await page.getByLabel("Téléphone ou e-mail").inputValue()).toBe("employeur@baara.demo");
  });
});
