import { expect, it } from "vitest";
import { addDays, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { confirmPhoneLater, logIn, registerEmployer } from "./journeys";

describeInBrowser("applications in a real browser", () => {
  const portal = usePortal();

  it("a new candidate registers from an offer, applies without JavaScript, is hired, and sees it; another employer cannot open the application", async () => {
    // The demo employer posts a job with two positions.
    const employer = await (await portal.newContext()).newPage();
    await logIn(employer, "employeur@baara.demo");
    await employer.goto("/employeur/offres/nouvelle?type=emploi");
    await employer.getByLabel("Type d'offre").selectOption("emploi");
    await employer.getByLabel("Titre de l'offre").fill("Aide-maçon pour chantier à Kalaban Coro");
    await employer
      .getByLabel("Description")
      .fill("Chantier de construction d'une école : transport des matériaux, préparation du mortier, aide aux maçons.");
    await employer.getByLabel("Secteur d'activité").selectOption("btp");
    await employer.getByLabel("Région", { exact: true }).selectOption("koulikoro");
    await employer.getByLabel("Nombre de postes").fill("2");
    await employer.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), 20));
    await employer.getByLabel("Contrat").selectOption("cdd");
    await employer.getByLabel("Salaire en F CFA").fill("55 000");
    await employer.getByRole("button", { name: "Publier" }).click();
    await employer.getByText("Votre offre est en ligne.").waitFor();
    const offerId = /\/employeur\/offres\/(\d+)/.exec(employer.url())![1]!;

    // A visitor, JavaScript off, goes from the offer to registration and back to the form.
    const candidate = await (await portal.newContext({ javaScriptEnabled: false })).newPage();
    await candidate.goto(`/offres/${offerId}`);
    await candidate.getByRole("link", { name: "Postuler à cette offre" }).click();
    await candidate.getByRole("link", { name: "Créer mon compte" }).click();
    await candidate.getByLabel("Prénom").fill("Seydou");
    await candidate.getByLabel("Nom", { exact: true }).fill("Dembélé");
    await candidate.getByLabel("Numéro de téléphone").fill("+223 65 12 12 12");
    await candidate.getByLabel("Mot de passe", { exact: true }).fill("chantier-2026");
    await candidate.getByLabel("Confirmez le mot de passe").fill("chantier-2026");
    await candidate.getByRole("checkbox").check();
    await candidate.getByRole("button", { name: "Créer mon compte" }).click();
    await confirmPhoneLater(candidate);
    await candidate.waitForURL(`**/offres/${offerId}/postuler`);
    await candidate.getByRole("button", { name: "Envoyer ma candidature" }).waitFor();
    await candidate
      .getByLabel("Votre message à l'employeur (facultatif)")
      .fill("Je suis disponible tout de suite et j'habite Kalaban Coro.");
    await candidate.getByRole("button", { name: "Envoyer ma candidature" }).click();
    await candidate.waitForURL("**/candidat/candidatures**");
    const mine = candidate
      .locator(`[id^="candidature-"]`)
      .filter({ hasText: "Aide-maçon pour chantier à Kalaban Coro" });
    await mine.getByText("Envoyée").first().waitFor();

    // The employer shortlists, invites to an interview, then hires.
    await employer.goto(`/employeur/offres/${offerId}/candidatures`);
    await employer
      .getByRole("link", { name: /Seydou Dembélé/ })
      .first()
      .click();
    await employer.waitForURL(/candidatures\/\d+/);
    const applicationUrl = new URL(employer.url()).pathname;
    await employer.getByRole("button", { name: "Présélectionner" }).click();
    await employer.getByText("Candidature présélectionnée.").waitFor();
    await employer.getByLabel("Date et heure de l'entretien").fill(`${addDays(isoToday(), 3)}T10:00`);
    await employer.getByLabel("Lieu de l'entretien").fill("Chantier, près du marché de Kalaban Coro");
    await employer.getByRole("button", { name: "Proposer l'entretien" }).click();
    await employer.getByText("Entretien proposé.").waitFor();
    await employer.getByRole("button", { name: "Enregistrer l'embauche" }).click();
    await employer.getByText("Embauche enregistrée.").waitFor();

    // The candidate sees the new status and the notification.
    await candidate.goto("/candidat/candidatures");
    await mine.getByText("Embauché(e)").first().waitFor();
    await candidate.goto("/candidat");
    expect(await candidate.locator("#notifications").textContent()).toContain(
      "Aide-maçon pour chantier à Kalaban Coro",
    );

    // Another organisation's employer gets nothing by URL.
    const other = await (await portal.newContext()).newPage();
    await registerEmployer(other, {
      orgName: "Quincaillerie Sissoko",
      sector: "commerce",
      region: "kayes",
      firstName: "Mamadou",
      lastName: "Sissoko",
      email: "mamadou@quincaillerie-sissoko.ml",
      password: "kayes-quinca",
    });
    for (const path of [applicationUrl, `/employeur/offres/${offerId}/candidatures`, `/employeur/offres/${offerId}`]) {
      const response = await other.goto(path);
      expect([403, 404]).toContain(response?.status());
      expect(await other.content()).not.toContain("Dembélé");
    }
  });
});
