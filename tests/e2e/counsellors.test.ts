import { expect, it } from "vitest";
import { addDays, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const COUNSELLOR_AND_ADMIN_URLS = [
  "/conseiller",
  "/conseiller/candidats",
  "/conseiller/candidats/nouveau",
  "/conseiller/candidats/1",
  "/conseiller/offres/1/correspondances",
  "/conseiller/placements",
  "/conseiller/rappels",
  "/conseiller/moderation",
  "/conseiller/rapports",
  "/conseiller/rapports/placements.csv",
  "/conseiller/rapports/indicateurs.csv",
  "/admin",
  "/admin/utilisateurs",
  "/admin/organisations",
  "/admin/journal",
];

describeInBrowser("counsellors in a real browser", () => {
  const portal = usePortal();

  it("the demo counsellor registers someone without a phone, refers them, the employer hires them, and the follow-up and reports show it", async () => {
    const title = "Mécanicien moto pour atelier de Bamako";
    const employer = await (await portal.newContext()).newPage();
    await logIn(employer, "employeur@baara.demo");
    await employer.goto("/employeur");
    const orgName = (await employer.getByRole("heading", { level: 1 }).textContent())!.trim();
    await employer.goto("/employeur/offres/nouvelle?type=emploi");
    await employer.getByLabel("Type d'offre").selectOption("emploi");
    await employer.getByLabel("Titre de l'offre").fill(title);
    await employer
      .getByLabel("Description")
      .fill("Entretien et réparation de motos Jakarta et Sanili : vidange, freins, embrayage, électricité.");
    await employer.getByLabel("Secteur d'activité").selectOption("mecanique");
    await employer.getByLabel("Métier", { exact: true }).selectOption("mecanicien_moto");
    await employer.getByLabel("Région", { exact: true }).selectOption("bamako");
    await employer.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), 25));
    await employer.getByLabel("Contrat").selectOption("cdi");
    await employer.getByLabel("Salaire en F CFA").fill("75000");
    await employer.getByRole("button", { name: "Publier" }).click();
    await employer.getByText("Votre offre est en ligne.").waitFor();
    const offerId = /\/employeur\/offres\/(\d+)/.exec(employer.url())![1]!;

    // Assisted registration, JavaScript off: no phone, consent given orally.
    const counsellor = await (await portal.newContext({ javaScriptEnabled: false })).newPage();
    await logIn(counsellor, "conseiller@baara.demo");
    await counsellor.goto("/conseiller/candidats/nouveau");
    await counsellor.getByLabel("Prénom").fill("Hawa");
    await counsellor.getByLabel("Nom", { exact: true }).fill("Tangara");
    await counsellor.getByLabel("Région", { exact: true }).selectOption("bamako");
    await counsellor.getByLabel("Commune ou quartier").fill("Commune IV");
    await counsellor.locator("summary", { hasText: "Mécanique" }).click();
    await counsellor.getByLabel("Mécanicien moto", { exact: true }).check();
    await counsellor.getByLabel("à l'oral").check();
    await counsellor.getByRole("button", { name: "Créer le compte" }).click();
    await counsellor.waitForURL(/\/conseiller\/candidats\/\d+/);
    await counsellor.getByText("Compte créé. Sans téléphone").waitFor();

    // The new offer is among the matches: refer her, once the confirmation says who goes where.
    const match = counsellor.locator("li", { hasText: title }).first();
    await match.getByRole("button", { name: "Proposer sa candidature" }).click();
    await counsellor.getByRole("button", { name: "Confirmer l'envoi" }).click();
    await counsellor.getByText("La candidature est envoyée à l'employeur.").waitFor();

    // The employer hires her; she started 30 days ago.
    await employer.goto(`/employeur/offres/${offerId}/candidatures`);
    await employer
      .getByRole("link", { name: /Hawa Tangara/ })
      .first()
      .click();
    await employer.waitForURL(/candidatures\/\d+/);
    await employer.getByRole("button", { name: "Présélectionner" }).click();
    await employer.getByText("Candidature présélectionnée.").waitFor();
    await employer.getByLabel("Date et heure de l'entretien").fill(`${addDays(isoToday(), 1)}T09:00`);
    await employer.getByLabel("Lieu de l'entretien").fill("Atelier, Commune IV");
    await employer.getByRole("button", { name: "Proposer l'entretien" }).click();
    await employer.getByText("Entretien proposé.").waitFor();
    const started = addDays(isoToday(), -30);
    await employer.getByLabel("Premier jour de travail").fill(started);
    await employer.getByRole("button", { name: "Enregistrer l'embauche" }).click();
    await employer.getByText("Embauche enregistrée.").waitFor();

    // The 1-month follow-up is due: the counsellor records that she is still in work.
    // Among the follow-ups of the people she follows, the 1-month ones; each card's form is folded.
    await counsellor.goto("/conseiller/placements?mes=1&suivi=1");
    const due = counsellor.locator("li", { hasText: "Hawa Tangara" }).filter({ hasText: "Suivi à 1 mois" }).first();
    await due.locator("summary", { hasText: "Enregistrer ce suivi" }).click();
    await due.getByLabel("Oui, toujours en poste").check();
    await due.getByRole("button", { name: "Enregistrer le suivi" }).click();
    await counsellor.getByText("Le suivi est enregistré. Merci !").waitFor();

    // The reports count it, and the placements export has its row (no name leaves the portal).
    await counsellor.goto("/conseiller/rapports");
    await counsellor.getByRole("heading", { name: "Chiffres clés" }).waitFor();
    expect(await counsellor.locator("svg[role='img']").count()).toBeGreaterThan(0);
    const csv = await counsellor.request.get("/conseiller/rapports/placements.csv");
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const row = text.split(/\r?\n/).find((line) => line.includes(started) && line.includes(orgName));
    expect(row).toBeTruthy();
    expect(text).not.toContain("Tangara");
  });

  it("an employer and a candidate get 403 on every counsellor and admin URL", async () => {
    for (const account of ["employeur@baara.demo", "candidat@baara.demo"]) {
      const page = await (await portal.newContext()).newPage();
      await logIn(page, account);
      for (const url of COUNSELLOR_AND_ADMIN_URLS) {
        const response = await page.request.get(url, { maxRedirects: 0 });
        expect(`${account} ${url} ${response.status()}`).toBe(`${account} ${url} 403`);
      }
    }
  });
});
