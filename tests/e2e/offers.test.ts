import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { logIn, registerEmployer } from "./journeys";

/** Fills the common part of the offer form and the section of the chosen type. */
async function fillOffer(page: Page, offer: { type: string; title: string; sector: string; region: string }) {
  await page.getByLabel("Type d'offre").selectOption(offer.type);
  await page.getByLabel("Titre de l'offre").fill(offer.title);
  await page
    .getByLabel("Description")
    .fill(
      "Vous apprendrez le métier dans notre atelier, aux côtés d'un maître artisan expérimenté. Sérieux et ponctualité demandés.",
    );
  await page.getByLabel("Secteur d'activité").selectOption(offer.sector);
  await page.getByLabel("Région", { exact: true }).selectOption(offer.region);
  await page.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), 30));
}

async function jsonLd(page: Page) {
  const text = await page.locator('script[type="application/ld+json"]').textContent();
  return JSON.parse(text ?? "null") as Record<string, unknown>;
}

describeInBrowser("offers in a real browser", () => {
  const portal = usePortal();

  it("the demo employer posts an apprenticeship; a search typed without accents finds it; its JSON-LD parses", async () => {
    const employer = await (await portal.newContext()).newPage();
    await logIn(employer, "employeur@baara.demo");
    await employer.goto("/employeur/offres/nouvelle?type=emploi");
    await fillOffer(employer, {
      type: "apprentissage",
      title: "Apprenti(e) soudeur métallique",
      sector: "mecanique",
      region: "sikasso",
    });
    await employer.getByRole("group", { name: "Pour un apprentissage" }).getByLabel("Durée en mois").fill("18");
    await employer.getByRole("button", { name: "Publier" }).click();
    await employer.getByText("Votre offre est en ligne.").waitFor();

    const visitor = await (await portal.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto("/offres");
    await visitor.getByRole("searchbox").fill("soudeur metallique");
    await visitor.getByRole("button", { name: "Rechercher" }).click();
    await visitor.waitForURL((url) => url.searchParams.get("q") === "soudeur metallique");
    await visitor.getByRole("link", { name: "Apprenti(e) soudeur métallique", exact: true }).click();
    await visitor.getByRole("heading", { level: 1, name: "Apprenti(e) soudeur métallique" }).waitFor();
    const posting = await jsonLd(visitor);
    expect(posting["@type"]).toBe("JobPosting");
    expect(posting.title).toBe("Apprenti(e) soudeur métallique");
    expect(posting.jobLocation).toMatchObject({ address: { addressCountry: "ML" } });
    expect(posting.validThrough).toMatch(new RegExp(`^${addDays(isoToday(), 30)}`));
  });

  it("an employer whose phone is slow picks the apprenticeship before the page's scripts arrive: the choice and its section stay", async () => {
    const employer = await (await portal.newContext()).newPage();
    await logIn(employer, "employeur@baara.demo");
    // The page's scripts are held back until the type is chosen.
    let release = () => {};
    const chosen = new Promise<void>((resolve) => (release = resolve));
    await employer.route("**/*.js", async (route) => {
      await chosen;
      await route.continue();
    });
    await employer.goto("/employeur/offres/nouvelle?type=emploi", { waitUntil: "commit" });
    await employer.getByLabel("Type d'offre").selectOption("apprentissage");
    release();
    // Once the scripts run, the chosen type's section is the one on the page.
    await employer.getByRole("group", { name: "Pour un apprentissage" }).waitFor();
    expect(await employer.getByLabel("Type d'offre").inputValue()).toBe("apprentissage");
    expect(await employer.getByRole("group", { name: "Pour un stage" }).isVisible()).toBe(false);
    expect(await employer.getByRole("group", { name: "Pour un emploi" }).isVisible()).toBe(false);
  });

  it("a new employer's offer waits for the demo counsellor, who verifies the company and publishes it", async () => {
    const employer = await (await portal.newContext()).newPage();
    await registerEmployer(employer, {
      orgName: "Atelier Koné Couture",
      sector: "textile",
      region: "segou",
      firstName: "Salimata",
      lastName: "Koné",
      phone: "76 55 44 33",
      password: "couture-segou",
    });

    // Not verified yet: the offer can only be a draft.
    await employer.goto("/employeur/offres/nouvelle?type=emploi");
    await fillOffer(employer, { type: "emploi", title: "Couturière confirmée", sector: "textile", region: "segou" });
    await employer.getByLabel("Contrat").selectOption("cdd");
    await employer.getByLabel("Salaire en F CFA").fill("60 000");
    expect(await employer.getByRole("button", { name: "Publier" }).count()).toBe(0);
    await employer.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await employer.waitForURL(/\/employeur\/offres\/\d+/);
    const offerPath = new URL(employer.url()).pathname;

    const counsellor = await (await portal.newContext()).newPage();
    await logIn(counsellor, "conseiller@baara.demo");
    await counsellor.goto("/conseiller/moderation");
    const company = counsellor.locator("li, article").filter({ hasText: "Atelier Koné Couture" }).first();
    await company.getByRole("button", { name: "Vérifier l'entreprise" }).click();
    await counsellor.getByText("L'entreprise est vérifiée.").waitFor();

    // Verified: the first offer is published only after a counsellor reads it.
    await employer.goto(offerPath);
    await employer.getByRole("button", { name: "Publier" }).click();
    await employer.getByText("C'est la première offre de votre entreprise").waitFor();
    const visitor = await (await portal.newContext()).newPage();
    await visitor.goto("/offres?q=couturiere");
    expect(await visitor.getByRole("link", { name: "Couturière confirmée", exact: true }).count()).toBe(0);

    // Offers wait oldest first, 25 a page: the counsellor looks at her region's.
    await counsellor.goto("/conseiller/moderation?liste=offres&region=segou");
    const held = counsellor.locator("li, article").filter({ hasText: "Couturière confirmée" }).first();
    await held.getByRole("button", { name: "Publier l'offre" }).click();
    await counsellor.getByText("L'offre est publiée.").waitFor();
    await visitor.goto("/offres?q=couturiere");
    await visitor.getByRole("link", { name: "Couturière confirmée", exact: true }).waitFor();
  });

  it("three reporters (a visitor and two established accounts) suspend an offer until a counsellor decides", async () => {
    const first = await (await portal.newContext()).newPage();
    await first.goto("/offres?tri=date");
    const link = first.locator("main ol a, main ul a").filter({ hasNotText: /^\d+$/ }).first();
    const title = (await link.textContent())!.trim();
    const offerPath = (await link.getAttribute("href"))!;
    expect(offerPath).toMatch(/^\/offres\/\d+$/);

    const reporters: BrowserContext[] = [];
    // Visitors together count as one reporter; the demo accounts are months old, so each counts.
    const people = [
      { address: "41.73.10.1", account: null },
      { address: "41.73.10.2", account: "candidat@baara.demo" },
      { address: "41.73.10.3", account: "awa.sangare@oim.baara.demo" },
    ];
    for (const { address, account } of people) {
      // Three people behind the same local proxy, which tells their addresses.
      const context = await portal.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
      reporters.push(context);
      const page = await context.newPage();
      if (account) await logIn(page, account);
      await page.goto(`${offerPath}/signaler`);
      await page.getByLabel("Demande d'argent ou arnaque").check();
      await page.getByLabel("Précisions").fill("On m'a demandé 10 000 F de frais de dossier au téléphone.");
      await page.getByRole("button", { name: "Envoyer le signalement" }).click();
      await page.getByRole("heading", { name: "Merci pour votre signalement" }).waitFor();
    }

    const response = await first.goto(offerPath);
    expect(response?.status()).toBe(404);
    const counsellor = await (await portal.newContext()).newPage();
    await logIn(counsellor, "conseiller@baara.demo");
    await counsellor.goto("/conseiller/moderation?liste=signalements");
    await counsellor.getByText(title).first().waitFor();
    expect(
      await counsellor.getByText("Suspendue par les signalements en attendant votre décision.").count(),
    ).toBeGreaterThan(0);
  });

  it("a visitor's pages (home, search, an offer) come without any script; the apply page brings them back and logging in there works", async () => {
    const context = await portal.newContext();
    const visitor = await context.newPage();
    const scripts: string[] = [];
    visitor.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await visitor.goto("/");
    await visitor.getByRole("searchbox").first().fill("mecanicien");
    await visitor.getByRole("searchbox").first().press("Enter");
    await visitor.waitForURL((url) => url.pathname === "/offres" && url.searchParams.get("q") === "mecanicien");
    const first = visitor.locator('main a[href^="/offres/"]').first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await visitor.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(scripts).toEqual([]);

    await visitor.getByRole("link", { name: "Postuler à cette offre" }).click();
    await visitor.getByLabel("Téléphone ou e-mail").fill("candidat@baara.demo");
    await visitor.getByLabel("Mot de passe").fill("baara-demo");
    await visitor.waitForLoadState("load");
    expect(scripts.length).toBeGreaterThan(0);
    await visitor.getByRole("button", { name: "Se connecter" }).click();
    // Logged in on the same page: the application form, or the application this demo candidate already sent.
    await visitor.getByRole("region", { name: "J'ai un compte" }).waitFor({ state: "detached" });
    expect(visitor.url()).toMatch(/\/postuler$/);
    await visitor.getByText(title).first().waitFor();
  });
});
