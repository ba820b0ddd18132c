// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import ConfirmPhone, { loader as confirmLoader } from "../../app/routes/confirmer-telephone";
import Register, { action } from "../../app/routes/inscription";
import { getDb } from "../../app/utils/db.server";
import { users } from "../../db/schema";
import { renderStub } from "../helpers/route";

async function renderRegister(url = "/inscription") {
  const routes = [
    { path: "/inscription", Component: Register, action },
    { path: "/confirmer-telephone", Component: ConfirmPhone, loader: confirmLoader },
    { path: "/candidat", Component: () => <h1>Espace candidat</h1> },
  ];
  return renderStub(routes, url);
}

describe("/inscription", () => {
  it("registers a candidate with a phone number only, asks for the code sent to it, and opens their space", async () => {
    await renderRegister();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Prénom"), "Fatoumata");
    await user.type(screen.getByLabelText("Nom"), "Sidibé");
    await user.type(screen.getByLabelText("Numéro de téléphone"), "76 12 34 56");
    await user.type(screen.getByLabelText("Mot de passe"), "bamako2026");
    await user.type(screen.getByLabelText("Confirmez le mot de passe"), "bamako2026");
    await user.click(screen.getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Créer mon compte" }));
    expect(await screen.findByText("Nous avons envoyé un code au +223 76 12 34 56.")).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Plus tard" }));
    expect(await screen.findByRole("heading", { name: "Espace candidat" })).toBeTruthy();
    const row = getDb().select().from(users).where(eq(users.phone, "+22376123456")).get();
    expect(row?.displayName).toBe("Fatoumata Sidibé");
  });

  it("keeps what was typed and explains each refused field", async () => {
    await renderRegister();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Prénom"), "<script>alert(1)</script>");
    await user.type(screen.getByLabelText("Numéro de téléphone"), "12345");
    await user.type(screen.getByLabelText("Mot de passe"), "court");
    await user.type(screen.getByLabelText("Confirmez le mot de passe"), "autre");
    await user.click(screen.getByRole("button", { name: "Créer mon compte" }));

    const firstName = await screen.findByLabelText("Prénom");
    expect(await screen.findByText(/Utilisez seulement des lettres/)).toBeTruthy();
    expect((firstName as HTMLInputElement).value).toBe("<script>alert(1)</script>");
    expect(firstName.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Ce numéro n'est pas un numéro malien valable. Exemple : 70 00 00 01.")).toBeTruthy();
    expect(screen.getByText("Le mot de passe doit avoir au moins 8 caractères.")).toBeTruthy();
    expect(within(screen.getByRole("alert")).getByText(/Le formulaire contient des erreurs/)).toBeTruthy();
  });
});
