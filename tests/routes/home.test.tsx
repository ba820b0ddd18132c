// @vitest-environment jsdom
// The home page: the headline and one search field, then the latest offers, then the figures, each
// a link to the offers it counts.
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import Home, { loader } from "../../app/routes/home";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { insertOffer, insertOrganisation } from "../helpers/factories";
import { renderStub } from "../helpers/route";

beforeAll(() => {
  const org = insertOrganisation(getDb(), { name: "Garage Diarra" }).id;
  for (let i = 1; i <= 8; i++) insertOffer(getDb(), { orgId: org, title: `Mécanicien ${i}` });
  insertOffer(getDb(), { orgId: org, title: "Apprenti soudeur", type: "apprentissage", contract: "apprentissage" });
});

function renderHome(lng: Locale = "fr") {
  return renderStub([{ path: "/", Component: Home, loader }], "/", { lng });
}

const follows = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe("/", () => {
  it("puts the search field first, then the six latest offers, then the figures", async () => {
    await renderHome();
    const heading = await screen.findByRole("heading", { level: 1, name: "Trouvez du travail au Mali" });
    const search = screen.getByRole("search");
    expect(within(search).getAllByRole("searchbox")).toHaveLength(1);
    expect(search.getAttribute("action")).toBe("/offres");
    const latest = screen.getByRole("region", { name: "Dernières offres" });
    const figures = screen.getByRole("region", { name: "Baara en chiffres" });
    expect(follows(heading, search) && follows(search, latest) && follows(latest, figures)).toBe(true);
    expect(within(latest).getAllByRole("article")).toHaveLength(6);
    expect(within(latest).getAllByRole("heading", { level: 3 })[0]!.textContent).toBe("Apprenti soudeur");
  });

  it("counts the open offers of each type as links to them, and the verified employers", async () => {
    await renderHome();
    const figures = await screen.findByRole("region", { name: "Baara en chiffres" });
    expect(within(figures).getByRole("link", { name: "8 emplois ouverts" }).getAttribute("href")).toBe(
      "/offres?type=emploi",
    );
    expect(within(figures).getByRole("link", { name: "1 apprentissage ouvert" }).getAttribute("href")).toBe(
      "/offres?type=apprentissage",
    );
    expect(within(figures).getByRole("link", { name: "0 stage ouvert" })).toBeTruthy();
    expect(within(figures).getAllByRole("listitem").at(-1)!.textContent).toBe("1 employeur vérifié");
  });

  it("speaks English", async () => {
    await renderHome("en");
    expect(await screen.findByRole("region", { name: "Latest offers" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Search" })).toBeTruthy();
    expect(screen.getByRole("searchbox").getAttribute("placeholder")).toBe("Trade, keyword");
  });
});
