// A job offer answered on a 360×740 phone, JavaScript off and on: the employer offers the job, the
// candidate accepts it, the employer hires, then undoes the hire (a mistake) and the offer is open again.
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const PHONE_SCREEN = { width: 360, height: 740 };

const heightOf = async (target: Locator) => (await target.boundingBox())?.height ?? 0;

/** The demo employer publishes a job of one position; its id. */
async function publishOffer(employer: Page, title: string) {
  await employer.goto("/employeur/offres/nouvelle?type=emploi");
  await employer.getByLabel("Type d'offre").selectOption("emploi");
  await employer.getByLabel("Titre de l'offre").fill(title);
  await employer
    .getByLabel("Description")
    .fill("Atelier de menuiserie : fabrication de portes et de fenêtres, pose chez les clients.");
  await employer.getByLabel("Secteur d'activité").selectOption("btp");
  await employer.getByLabel("Région", { exact: true }).selectOption("bamako");
  await employer.getByLabel("Nombre de postes").fill("1");
  await employer.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), 20));
  await employer.getByLabel("Contrat").selectOption("cdd");
  await employer.getByLabel("Salaire en F CFA").fill("60 000");
  await employer.getByRole("button", { name: "Publier" }).click();
  await employer.getByText("Votre offre est en ligne.").waitFor();
  return /\/employeur\/offres\/(\d+)/.exec(employer.url())![1]!;
}

describeInBrowser("answering a job offer and undoing a mistaken hire in a real browser", () => {
  const portal = usePortal();

  for (const javaScriptEnabled of [false, true]) {
    it(`offer → accepted → hired → hire undone → offer open again (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const title = `Menuisier aluminium ${javaScriptEnabled ? "Kalaban" : "Sébénikoro"}`;
      const screen = { javaScriptEnabled, viewport: PHONE_SCREEN };
      const employer = await (await portal.newContext(screen)).newPage();
      await logIn(employer, "employeur@baara.demo");
      const offerId = await publishOffer(employer, title);

      const candidate = await (await portal.newContext(screen)).newPage();
      await logIn(candidate, "candidat@baara.demo");
      await candidate.goto(`/offres/${offerId}/postuler`);
      await candidate.getByRole("button", { name: "Envoyer ma candidature" }).click();
      await candidate.waitForURL("**/candidat/candidatures**");

      // The employer offers the job: no hire yet, the page says it waits for the candidate.
      await employer.goto(`/employeur/offres/${offerId}/candidatures`);
      await employer
        .getByRole("link", { name: /Aminata Coulibaly/ })
        .first()
        .click();
      await employer.waitForURL(/candidatures\/\d+/);
      const applicationPage = new URL(employer.url()).pathname;
      await employer.getByRole("button", { name: "Proposer le poste" }).click();
      await employer.getByText(/en attente de la réponse du candidat/).waitFor();
      expect(await employer.getByRole("button", { name: "Enregistrer l'embauche" }).count()).toBe(0);

      // The candidate accepts on their list of applications.
      await candidate.goto("/candidat/candidatures");
      const card = candidate.locator('[id^="candidature-"]').filter({ hasText: title });
      await card.getByRole("heading", { name: "Offre d'emploi : acceptez-vous ?" }).waitFor();
      const accept = card.getByRole("button", { name: "Accepter l'offre" });
      expect(await heightOf(accept)).toBeGreaterThanOrEqual(44);
      expect(await heightOf(card.getByText("Refuser l'offre…"))).toBeGreaterThanOrEqual(44);
      await accept.click();
      await candidate.getByText(/Réponse envoyée : vous acceptez l'offre/).waitFor();

      // The employer reads the answer and hires.
      await employer.goto(applicationPage);
      await employer.getByText(/Le candidat a accepté l'offre/).waitFor();
      await employer.getByRole("button", { name: "Enregistrer l'embauche" }).click();
      await employer.getByText("Embauche enregistrée.").waitFor();

      // A mistake: undone within 48 hours, in two steps.
      const undo = employer.getByText("Annuler cette embauche (erreur)…");
      expect(await heightOf(undo)).toBeGreaterThanOrEqual(44);
      await undo.click();
      await employer.getByRole("button", { name: "Oui, annuler l'embauche" }).click();
      await employer.getByText(/Embauche annulée/).waitFor();
      await employer.getByText(/L'offre est de nouveau ouverte/).waitFor();
      expect(await employer.getByText("Annuler cette embauche (erreur)…").count()).toBe(0);

      // The offer takes applications again, and the candidate was told.
      const visitor = await (await portal.newContext(screen)).newPage();
      await visitor.goto(`/offres/${offerId}`);
      await visitor.getByRole("link", { name: "Postuler à cette offre" }).waitFor();
      await candidate.goto("/candidat");
      expect(await candidate.locator("#notifications").textContent()).toContain(
        `L'employeur a annulé votre embauche pour « ${title} »`,
      );
    });
  }
});
