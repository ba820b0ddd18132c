// A 360×740 phone without JavaScript: the offer form asks the type first and then holds
// only that type's section; a past closing date comes back as a message with every field
// kept; a counsellor's referral shows who goes where before "Confirmer l'envoi" sends it.
import { expect, it } from "vitest";
import { addDays, isoToday } from "../../app/utils/dates";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";

const PHONE = { width: 360, height: 740 };

describeInBrowser("forms without JavaScript on a phone (360×740)", () => {
  const portal = usePortal();

  it("the offer form: the type first, one section, and a bad date keeps everything typed", async () => {
    const employer = await (await portal.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
    await logIn(employer, "employeur@baara.demo");
    await employer.goto("/employeur/offres/nouvelle");
    await employer.getByRole("radio", { name: /Formation/ }).check();
    await employer.getByRole("button", { name: "Continuer" }).click();
    await employer.waitForURL("**/employeur/offres/nouvelle?type=formation");
    expect(await employer.locator("fieldset[data-offer-type]").count()).toBe(1);
    expect(await employer.getByRole("group", { name: "Pour une formation" }).isVisible()).toBe(true);

    const title = "Formation en couture et broderie";
    await employer.getByLabel("Titre de l'offre").fill(title);
    const description = "Trois mois d'atelier pour apprendre la coupe, la couture et la broderie des bazins.";
    await employer.getByLabel("Description").fill(description);
    await employer.getByLabel("Secteur d'activité").selectOption("textile");
    await employer.getByLabel("Région", { exact: true }).selectOption("segou");
    await employer.getByLabel("Organisme de formation").fill("Centre Ségou Couture");
    await employer.getByLabel("Date de début (facultatif)").fill(addDays(isoToday(), 40));
    await employer.getByLabel("Date de fin").fill(addDays(isoToday(), 130));
    await employer.getByLabel("Date de clôture des candidatures").fill(addDays(isoToday(), -3));
    await employer.getByRole("button", { name: "Enregistrer le brouillon" }).click();

    await employer.getByText("La date de clôture doit être dans le futur.").first().waitFor();
    expect(await employer.getByLabel("Titre de l'offre").inputValue()).toBe(title);
    expect(await employer.getByLabel("Description").inputValue()).toBe(description);
    expect(await employer.getByLabel("Secteur d'activité").inputValue()).toBe("textile");
    expect(await employer.getByLabel("Région", { exact: true }).inputValue()).toBe("segou");
    expect(await employer.getByLabel("Organisme de formation").inputValue()).toBe("Centre Ségou Couture");
    expect(await employer.locator("fieldset[data-offer-type]").count()).toBe(1);

    // Another type without JavaScript: a button brings that type's section, what was typed kept.
    await employer.getByLabel("Type d'offre").selectOption("stage");
    await employer.getByRole("button", { name: "Afficher les champs de ce type" }).click();
    await employer.getByRole("group", { name: "Pour un stage" }).waitFor();
    expect(await employer.locator("fieldset[data-offer-type]").count()).toBe(1);
    expect(await employer.getByLabel("Titre de l'offre").inputValue()).toBe(title);
  });

  it("a referral shows who goes to which offer, and is sent only on 'Confirmer l'envoi'", async () => {
    const counsellor = await (await portal.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
    await logIn(counsellor, "conseiller@baara.demo");
    await counsellor.goto("/offres");
    const href = await counsellor.locator('a[href^="/offres/"]').first().getAttribute("href");
    const offerId = href!.match(/\/offres\/(\d+)/)![1];
    await counsellor.goto(`/conseiller/offres/${offerId}/correspondances`);
    const button = counsellor.getByRole("button", { name: /^Proposer / }).first();
    const name = (await button.getAttribute("aria-label"))!.replace(/^Proposer /, "");
    await button.click();

    const confirm = counsellor.locator("#referral-confirm");
    await confirm.getByRole("heading", { name: "Confirmer la candidature proposée" }).waitFor();
    expect(await confirm.getByText(name, { exact: true }).count()).toBe(1);
    const send = confirm.getByRole("button", { name: "Confirmer l'envoi" });
    const change = confirm.getByRole("link", { name: "Modifier" });
    for (const [label, target] of [
      ["send", send],
      ["change", change],
    ] as const) {
      expect((await target.boundingBox())!.height, label).toBeGreaterThanOrEqual(44);
    }
    // Nothing was sent yet: the person is still in the list.
    expect(await counsellor.getByRole("button", { name: `Proposer ${name}` }).count()).toBe(1);

    await send.click();
    await counsellor.getByText("La candidature est envoyée à l'employeur.").waitFor();
    expect(await counsellor.getByRole("button", { name: `Proposer ${name}` }).count()).toBe(0);
  });
});
