// @vitest-environment jsdom
import { fireEvent, screen, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import ConfirmPhone, { loader as confirmLoader } from "../../app/routes/confirmer-telephone";
import Register, { action } from "../../app/routes/inscription";
import { getDb } from "../../app/utils/db.server";
import { memberships, organisations, users } from "../../db/schema";
import { registerCandidate } from "../helpers/factories";
import { callRoute, errorOf, renderRoutes } from "../helpers/route";

async function renderRegister(url = "/inscription?type=employeur") {
  const routes = [
    { path: "/inscription", Component: Register, action },
    { path: "/confirmer-telephone", Component: ConfirmPhone, loader: confirmLoader },
    { path: "/employeur", Component: () => <h1>Espace employeur</h1> },
    { path: "/candidat", Component: () => <h1>Espace candidat</h1> },
  ];
  return renderRoutes(routes, url, { context: { clientIp: "41.73.2.3" }, heading: false });
}

type Organisation = { orgName: string; sector: string; region: string };
type Person = { firstName: string; lastName: string; phone?: string; email?: string };

/** Types the organisation and the person into the form, with a password and consent. */
async function fillEmployer(user: ReturnType<typeof userEvent.setup>, org: Organisation, person: Person) {
  await user.type(await screen.findByLabelText("Nom de l'entreprise ou de l'atelier"), org.orgName);
  await user.selectOptions(screen.getByLabelText("Secteur d'activité"), org.sector);
  await user.selectOptions(screen.getByLabelText("Région"), org.region);
  await user.type(screen.getByLabelText("Prénom"), person.firstName);
  await user.type(screen.getByLabelText("Nom"), person.lastName);
  if (person.phone) await user.type(screen.getByLabelText("Numéro de téléphone"), person.phone);
  if (person.email) {
    await user.type(screen.getByLabelText("Adresse e-mail (facultatif si vous donnez un téléphone)"), person.email);
  }
  await user.type(screen.getByLabelText("Mot de passe"), "bamako2026");
  await user.type(screen.getByLabelText("Confirmez le mot de passe"), "bamako2026");
  await user.click(screen.getByRole("checkbox"));
}

const submit = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Créer mon compte" }));

const postRegister = (fields: Record<string, string>) =>
  callRoute(action, "/inscription?type=employeur", {
    body: new URLSearchParams(fields),
    context: { clientIp: "41.73.2.4" },
  });

const VALID = {
  accountType: "employeur",
  orgName: "Menuiserie Diallo",
  sector: "btp",
  region: "kayes",
  firstName: "Ibrahim",
  lastName: "Diallo",
  phone: "",
  email: "ibrahim@menuiserie.ml",
  password: "bamako2026",
  passwordConfirm: "bamako2026",
  consent: "on",
  redirectTo: "",
};

describe("/inscription?type=employeur", () => {
  it("registers an employer with a pending organisation and opens the employer space", async () => {
    const user = await renderRegister();
    expect(await screen.findByRole("heading", { name: "Créer un compte employeur" })).toBeTruthy();
    await fillEmployer(
      user,
      { orgName: "Boulangerie Le Fleuve", sector: "commerce", region: "segou" },
      { firstName: "Mariam", lastName: "Coulibaly", phone: "66 12 34 56" },
    );
    await submit(user);
    // The number is confirmed first (or later): then the employer space.
    expect(await screen.findByText("Nous avons envoyé un code au +223 66 12 34 56.")).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Plus tard" }));
    expect(await screen.findByRole("heading", { name: "Espace employeur" })).toBeTruthy();

    const db = getDb();
    const account = db.select().from(users).where(eq(users.phone, "+22366123456")).get()!;
    expect(account).toMatchObject({ role: "employeur", displayName: "Mariam Coulibaly" });
    const org = db.select().from(organisations).where(eq(organisations.name, "Boulangerie Le Fleuve")).get()!;
    expect(org).toMatchObject({ kind: "employer", verificationStatus: "pending", sector: "commerce", region: "segou" });
    const membership = db.select().from(memberships).where(eq(memberships.userId, account.id)).get();
    expect(membership).toMatchObject({ orgId: org.id, role: "owner" });
  });

  it("says an e-mail address already has an account, on the e-mail field, and keeps the other values", async () => {
    await registerCandidate(getDb(), { email: "deja@inscrit.ml" });
    const user = await renderRegister();
    await fillEmployer(
      user,
      { orgName: "Transports Maïga", sector: "transport", region: "gao" },
      { firstName: "Hamadoun", lastName: "Maïga", email: "Deja@Inscrit.ML" },
    );
    await submit(user);

    const emailField = await screen.findByLabelText("Adresse e-mail (facultatif si vous donnez un téléphone)");
    expect(
      await screen.findByText("Cette adresse e-mail a déjà un compte. Connectez-vous avec cette adresse."),
    ).toBeTruthy();
    expect(errorOf(emailField)).toBe("Cette adresse e-mail a déjà un compte. Connectez-vous avec cette adresse.");
    expect(emailField.getAttribute("aria-invalid")).toBe("true");
    expect((emailField as HTMLInputElement).value).toBe("Deja@Inscrit.ML");
    expect((screen.getByLabelText("Nom de l'entreprise ou de l'atelier") as HTMLInputElement).value).toBe(
      "Transports Maïga",
    );
    expect((screen.getByLabelText("Secteur d'activité") as HTMLSelectElement).value).toBe("transport");
    expect((screen.getByLabelText("Région") as HTMLSelectElement).value).toBe("gao");
    expect((screen.getByLabelText("Prénom") as HTMLInputElement).value).toBe("Hamadoun");
    expect((screen.getByLabelText("Nom") as HTMLInputElement).value).toBe("Maïga");
    // Still the employer form, and nothing was created.
    expect(screen.getByRole("heading", { name: "Créer un compte employeur" })).toBeTruthy();
    expect(
      getDb().select().from(organisations).where(eq(organisations.name, "Transports Maïga")).get(),
    ).toBeUndefined();
  });

  it("refuses a 10 000-character organisation name with 'Ce texte est trop long.'", async () => {
    const user = await renderRegister();
    await fillEmployer(
      user,
      { orgName: "x", sector: "btp", region: "bamako" },
      { firstName: "Awa", lastName: "Keïta", phone: "76 00 00 99" },
    );
    // The field's maxLength stops typing; a crafted request or a browser without it does not.
    const orgField = screen.getByLabelText("Nom de l'entreprise ou de l'atelier") as HTMLInputElement;
    fireEvent.change(orgField, { target: { value: "A".repeat(10_000) } });
    await submit(user);

    expect(await screen.findByText("Ce texte est trop long.")).toBeTruthy();
    const refreshed = screen.getByLabelText("Nom de l'entreprise ou de l'atelier");
    expect(errorOf(refreshed)).toBe("Ce texte est trop long.");
    expect(within(screen.getByRole("alert")).getByText(/Le formulaire contient des erreurs/)).toBeTruthy();
    expect(getDb().select().from(users).where(eq(users.phone, "+22376000099")).get()).toBeUndefined();
  });

  it("creates the account with a valid request (status 302 to /employeur)", async () => {
    const response = (await postRegister({ ...VALID, email: "valid@menuiserie.ml" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/employeur");
    expect(response.headers.get("Set-Cookie")).toMatch(/^baara_session=/);
  });

  it.each<[string, Record<string, string>]>([
    ["an e-mail already used", { email: "valid@menuiserie.ml" }],
    ["a 10 000-character organisation name", { email: "a1@m.ml", orgName: "A".repeat(10_000) }],
    ["no organisation name", { email: "a2@m.ml", orgName: "" }],
    ["an unknown sector", { email: "a3@m.ml", sector: "piraterie" }],
    ["an unknown region", { email: "a4@m.ml", region: "paris" }],
    ["a bad RCCM", { email: "a5@m.ml", rccm: "<script>" }],
    ["a bad NIF", { email: "a6@m.ml", nif: "12" }],
    ["no consent", { email: "a7@m.ml", consent: "" }],
    ["no contact", { email: "", phone: "" }],
    ["a foreign phone", { email: "", phone: "+33612345678" }],
    ["a short password", { email: "a8@m.ml", password: "court", passwordConfirm: "court" }],
  ])("answers 400 to %s", async (_label, changes) => {
    await postRegister({ ...VALID, email: "valid@menuiserie.ml" }).catch(() => undefined);
    const result = (await postRegister({ ...VALID, ...changes })) as unknown as {
      init: ResponseInit | null;
      data: { fieldErrors: Record<string, string>; values: Record<string, string> };
    };
    expect(result).not.toBeInstanceOf(Response);
    expect(result.init?.status).toBe(400);
    expect(Object.keys(result.data.fieldErrors).length).toBeGreaterThan(0);
    expect(result.data.values).not.toHaveProperty("password");
  });
});
