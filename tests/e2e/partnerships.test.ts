import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, addMonths, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const PROGRAMME = "Apprentissage avec allocation mensuelle";
const COMPANY = "Garage Samaké Frères";
const OFFER = "Apprenti(e) mécanicien moto, Garage Samaké";

/** Opens a move folded under its name on the counsellor's partnership page, and records it. */
async function recordMove(page: Page, name: string) {
  const move = page.locator("details").filter({ has: page.locator("summary", { hasText: name }) });
  await move.locator("summary").click();
  await move.getByRole("button", { name }).click();
  await page.getByText("Étape enregistrée.").waitFor();
}

describeInBrowser("partnerships in a real browser", () => {
  const portal = usePortal();

  // Four people and some thirty steps: more time than one journey gets.
  it("a new company asks for an apprenticeship programme, the counsellor signs and starts its convention, the company hires under it and sees 1 of 3", async () => {
    // A visitor reads the programme, writes what the company wants, and creates its account on the way.
    const company = await (await portal.newContext()).newPage();
    await company.goto("/partenariats");
    await company.getByRole("link", { name: PROGRAMME }).first().click();
    await company.getByRole("heading", { level: 1, name: PROGRAMME }).waitFor();
    await company.getByLabel("Ce que votre entreprise voudrait faire").fill("Former 3 apprentis mécaniciens moto.");
    await company.getByLabel("Comment et quand vous joindre").fill("76 40 40 40, le matin");
    await company.getByRole("button", { name: "Créer mon compte entreprise et envoyer" }).click();
    await company.waitForURL("**/inscription?**");
    await company.getByLabel("Nom de l'entreprise ou de l'atelier").fill(COMPANY);
    await company.getByLabel("Secteur d'activité").selectOption("mecanique");
    await company.getByLabel("Région").selectOption("bamako");
    await company.getByLabel("Prénom").fill("Bakary");
    await company.getByLabel("Nom", { exact: true }).fill("Samaké");
    await company.getByLabel("Adresse e-mail (facultatif si vous donnez un téléphone)").fill("garage@samake.ml");
    await company.getByLabel("Mot de passe", { exact: true }).fill("garage-samake");
    await company.getByLabel("Confirmez le mot de passe").fill("garage-samake");
    await company.getByRole("checkbox").check();
    await company.getByRole("button", { name: "Créer mon compte" }).click();
    // Back on the programme, what was typed is still there: one tap sends it.
    await company.waitForURL(/\/partenariats\/\d+/);
    expect(await company.getByLabel("Ce que votre entreprise voudrait faire").inputValue()).toBe(
      "Former 3 apprentis mécaniciens moto.",
    );
    await company.getByRole("button", { name: "Envoyer ma demande" }).click();
    await company.waitForURL(/\/employeur\/partenariats\/\d+$/);
    const partnershipId = /(\d+)$/.exec(company.url())![1]!;

    // The demo counsellor verifies the company and walks the request to a signed convention.
    const counsellor = await (await portal.newContext()).newPage();
    await logIn(counsellor, "conseiller@baara.demo");
    await counsellor.goto("/conseiller/moderation");
    const pending = counsellor.locator("li, article").filter({ hasText: COMPANY }).first();
    await pending.getByRole("button", { name: "Vérifier l'entreprise" }).click();
    await counsellor.getByText("L'entreprise est vérifiée.").waitFor();

    await counsellor.goto(`/conseiller/partenariats/${partnershipId}`);
    await counsellor.getByText("Former 3 apprentis mécaniciens moto.").waitFor();
    await counsellor.getByRole("button", { name: "Je m'en occupe" }).click();
    await counsellor.getByText("Vous suivez ce partenariat.").waitFor();
    await recordMove(counsellor, "Entreprise contactée");
    await recordMove(counsellor, "Rencontre faite");
    await recordMove(counsellor, "Documents reçus");
    await counsellor.getByRole("link", { name: "Rédiger et signer la convention" }).click();
    await counsellor.waitForURL(`**/conseiller/partenariats/${partnershipId}/convention`);
    const reference = await counsellor.getByLabel("Référence de la convention").inputValue();
    expect(reference).not.toBe("");
    await counsellor.getByLabel("Début").fill(isoToday());
    await counsellor.getByLabel("Fin", { exact: true }).fill(addMonths(isoToday(), 12));
    await counsellor
      .getByLabel("Signataires")
      .fill("Bakary Samaké, gérant, Garage Samaké Frères\nChef de mission, OIM");
    await counsellor.getByRole("checkbox", { name: "OIM", exact: true }).check();
    const commitment = counsellor.getByRole("group", { name: "Engagement 1" });
    await commitment.getByLabel("Type").selectOption("apprentissage");
    await commitment.getByLabel("Nombre de personnes").fill("3");
    await commitment.getByLabel("Durée (mois)").fill("12");
    await counsellor.getByRole("button", { name: "Enregistrer la convention signée" }).click();
    await counsellor.waitForURL(`**/conseiller/partenariats/${partnershipId}`);
    await counsellor.getByText("La convention est enregistrée et le partenariat est signé.").waitFor();
    await recordMove(counsellor, "Démarrer le partenariat");

    // The company posts its apprenticeship under the convention's commitment; its first offer waits for a counsellor.
    await company.goto("/employeur/offres/nouvelle?type=apprentissage");
    await company.getByLabel("Type d'offre").selectOption("apprentissage");
    await company.getByLabel("Titre de l'offre").fill(OFFER);
    await company
      .getByLabel("Description")
      .fill("Vous apprendrez l'entretien et la réparation des motos aux côtés de nos mécaniciens. Allocation OIM.");
    await company.getByLabel("Secteur d'activité").selectOption("mecanique");
    await company.getByLabel("Région", { exact: true }).selectOption("bamako");
    await company.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), 30));
    await company.getByRole("group", { name: "Pour un apprentissage" }).getByLabel("Durée en mois").fill("12");
    const link = company.getByLabel("Convention (engagement)");
    const option = link.locator("option").filter({ hasText: reference });
    await link.selectOption((await option.getAttribute("value"))!);
    await company.getByRole("button", { name: "Publier" }).click();
    await company.getByText("C'est la première offre de votre entreprise").waitFor();
    const offerId = /\/employeur\/offres\/(\d+)/.exec(company.url())![1]!;

    await counsellor.goto("/conseiller/moderation?liste=offres&region=bamako");
    const held = counsellor.locator("li, article").filter({ hasText: OFFER }).first();
    await held.getByRole("button", { name: "Publier l'offre" }).click();
    await counsellor.getByText("L'offre est publiée.").waitFor();

    // The demo candidate applies; the company hires her.
    const candidate = await (await portal.newContext()).newPage();
    await logIn(candidate, "candidat@baara.demo");
    await candidate.goto(`/offres/${offerId}`);
    await candidate.getByRole("link", { name: "Postuler à cette offre" }).click();
    await candidate.getByRole("button", { name: "Envoyer ma candidature" }).click();
    await candidate.waitForURL("**/candidat/candidatures**");

    await company.goto(`/employeur/offres/${offerId}/candidatures`);
    await company
      .getByRole("link", { name: /Aminata Coulibaly/ })
      .first()
      .click();
    await company.waitForURL(/candidatures\/\d+/);
    await company.getByRole("button", { name: "Présélectionner" }).click();
    await company.getByText("Candidature présélectionnée.").waitFor();
    await company.getByLabel("Date et heure de l'entretien").fill(`${addDays(isoToday(), 2)}T10:00`);
    await company.getByLabel("Lieu de l'entretien").fill("Au garage, Sogoniko");
    await company.getByRole("button", { name: "Proposer l'entretien" }).click();
    await company.getByText("Entretien proposé.").waitFor();
    await company.getByRole("button", { name: "Enregistrer l'embauche" }).click();
    await company.getByText("Embauche enregistrée.").waitFor();

    // The convention's results: one apprentice of three.
    await company.goto(`/employeur/partenariats/${partnershipId}`);
    await company.getByText("1 sur 3 apprentis placés").first().waitFor();
    await counsellor.goto(`/conseiller/partenariats/${partnershipId}`);
    await counsellor.getByText("1 sur 3 apprentis placés").first().waitFor();

    // The reports count by programme, small numbers hidden.
    await counsellor.goto("/conseiller/rapports");
    const byProgramme = counsellor.getByRole("table", { name: "Résultats par programme" });
    const row = byProgramme.getByRole("row").filter({ hasText: PROGRAMME });
    await row.waitFor();
    expect(await row.textContent()).toContain("< 5");

    // Another company gets nothing of this partnership by its address.
    const other = await (await portal.newContext()).newPage();
    await logIn(other, "employeur@baara.demo");
    const response = await other.goto(`/employeur/partenariats/${partnershipId}`);
    expect(response?.status()).toBe(404);
  }, 240_000);
});
