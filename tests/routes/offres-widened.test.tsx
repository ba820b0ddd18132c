// @vitest-environment jsdom
// /offres when the words typed find nothing: the page shows the offers of the word meant, says so, and
// offers to search the words as typed.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import Search, { loader } from "../../app/routes/offres._index";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { insertOffer, insertOrganisation } from "../helpers/factories";
import { renderStub } from "../helpers/route";

beforeAll(() => {
  const orgId = insertOrganisation(getDb(), { name: "Garage Traoré" }).id;
  insertOffer(getDb(), { orgId, title: "Mécanicien auto", description: "Vidange et freins.", commune: "Bamako" });
  insertOffer(getDb(), { orgId, title: "Chauffeur livreur", description: "Permis B exigé." });
});

function renderSearch(url: string, lng: Locale = "fr") {
  const routes = [
    { path: "/offres", Component: Search, loader },
    { path: "/offres/:offerId", Component: () => <h1>Page de l'offre</h1> },
  ];
  return renderStub(routes, url, { lng });
}

describe("/offres with a misspelt word", () => {
  it("shows the offers of the word meant, says which word it searched, and links to the words as typed", async () => {
    await renderSearch("/offres?q=mecanisien");
    expect(await screen.findByRole("link", { name: "Mécanicien auto" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "1 offre" })).toBeTruthy();
    expect(screen.getByText("Résultats pour « mécanicien »")).toBeTruthy();
    const asTyped = screen.getByRole("link", { name: "rechercher plutôt « mecanisien »" });
    expect(asTyped.getAttribute("href")).toBe(`/offres?q=${encodeURIComponent('"mecanisien"')}`);
  });

  it("searches the words as typed from that link, and then finds nothing", async () => {
    await renderSearch("/offres?q=mecanisien");
    await userEvent.click(await screen.findByRole("link", { name: "rechercher plutôt « mecanisien »" }));
    expect(await screen.findByText("Aucune offre ne correspond à votre recherche.")).toBeTruthy();
    expect(screen.queryByText(/^Résultats pour/)).toBeNull();
  });

  it("keeps the filters in the link", async () => {
    await renderSearch("/offres?q=mecano&region=bamako");
    expect(await screen.findByRole("link", { name: "Mécanicien auto" })).toBeTruthy();
    const asTyped = screen.getByRole("link", { name: "rechercher plutôt « mecano »" });
    expect(asTyped.getAttribute("href")).toBe(`/offres?q=${encodeURIComponent('"mecano"')}&region=bamako`);
  });

  it("says nothing more when the words typed find offers", async () => {
    await renderSearch("/offres?q=chauffeur");
    expect(await screen.findByRole("link", { name: "Chauffeur livreur" })).toBeTruthy();
    expect(screen.queryByText(/^Résultats pour/)).toBeNull();
  });

  it("shows hostile characters as text in the link, shortened", async () => {
    const typed = `mecanisien "'><&${"!".repeat(100)}`;
    await renderSearch(`/offres?${new URLSearchParams({ q: typed })}`);
    const asTyped = await screen.findByRole("link", { name: `rechercher plutôt « ${typed.slice(0, 59)}… »` });
    expect(asTyped.getAttribute("href")).toBe(`/offres?${new URLSearchParams({ q: `"${typed}"` })}`);
    expect(screen.getByRole("link", { name: "Mécanicien auto" })).toBeTruthy();
  });

  it("speaks English", async () => {
    await renderSearch("/offres?q=driver", "en");
    expect(await screen.findByRole("link", { name: "Chauffeur livreur" })).toBeTruthy();
    expect(screen.getByText("Results for “chauffeur”")).toBeTruthy();
    expect(screen.getByRole("link", { name: "search for “driver” instead" })).toBeTruthy();
  });
});
