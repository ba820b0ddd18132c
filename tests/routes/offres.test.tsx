// @vitest-environment jsdom
// The search page /offres with its real loader on the process-wide in-memory database.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import Search, { loader } from "../../app/routes/offres._index";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import type { Contract, OfferType } from "../../db/schema";
import { insertOffer, insertOrganisation } from "../helpers/factories";
import { renderStub } from "../helpers/route";

function offer(values: {
  orgId: number;
  title: string;
  type?: OfferType;
  sector?: string;
  region?: string;
  contract?: Contract;
  description?: string;
  daysAgo?: number;
}) {
  const { daysAgo = 1, ...columns } = values;
  insertOffer(getDb(), {
    description: "Travail sérieux dans une équipe accueillante.",
    sector: "services",
    commune: values.region === "sikasso" ? "Sikasso" : "Commune IV",
    payAmount: 75_000,
    closingDate: addDays(isoToday(), 20),
    ...columns,
    publishedAt: new Date(Date.now() - daysAgo * 86_400_000),
  });
}

beforeAll(() => {
  const org = insertOrganisation(getDb(), { name: "Atelier Sanogo" }).id;
  offer({
    orgId: org,
    title: "Électricien bâtiment",
    sector: "electricite",
    region: "sikasso",
    description: "Câblage de villas neuves.",
  });
  offer({
    orgId: org,
    title: "Apprenti mécanicien moto",
    type: "apprentissage",
    sector: "mecanique",
    region: "segou",
    contract: "apprentissage",
  });
  offer({ orgId: org, title: "<script>alert('x')</script> Soudeur", sector: "mecanique" });
  for (let i = 1; i <= 25; i++)
    offer({ orgId: org, title: `Couturier atelier ${i}`, sector: "textile", contract: "cdi", daysAgo: i });
});

async function renderSearch(url = "/offres", lng: Locale = "fr") {
  const routes = [
    { path: "/offres", Component: Search, loader },
    { path: "/offres/:offerId", Component: () => <h1>Page de l'offre</h1> },
  ];
  return renderStub(routes, url, { lng });
}

const selected = (label: string) => (screen.getByLabelText(label) as HTMLSelectElement).value;

describe("/offres", () => {
  it("lists every open offer, newest first, with the total and 20 a page", async () => {
    await renderSearch();
    expect(await screen.findByRole("heading", { level: 1, name: "Trouver une offre" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /^28 offres/ })).toBeTruthy();
    expect(screen.getAllByRole("article")).toHaveLength(20);
    // Newest first: the four of yesterday, then the seamstresses' workshop day by day.
    const articles = screen.getAllByRole("article");
    expect(within(articles.at(-1)!).getByRole("heading").textContent).toBe("Couturier atelier 17");
    expect(within(articles.at(-1)!).getByText("Atelier Sanogo · Commune IV, District de Bamako")).toBeTruthy();
    expect(screen.getAllByText(/^75\s000 F CFA par mois$/)).toHaveLength(20);
  });

  it("finds an offer typed without accents, and says what was searched in the heading and the title", async () => {
    await renderSearch("/offres?q=electricien");
    expect(await screen.findByRole("heading", { level: 1, name: "Offres pour « electricien »" })).toBeTruthy();
    expect(document.title).toBe("« electricien » · Offres · Baara");
    expect(screen.getByRole("heading", { name: "1 offre" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Électricien bâtiment" }).getAttribute("href")).toBe("/offres/1");
    expect(screen.getByText("Câblage de villas neuves.")).toBeTruthy();
  });

  it("submits as a GET form and keeps the words and filters chosen", async () => {
    await renderSearch();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Métier ou mot-clé"), "mecan");
    await user.selectOptions(screen.getByLabelText("Type d'offre"), "apprentissage");
    await user.selectOptions(screen.getByLabelText("Région"), "segou");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Offres pour « mecan »" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "1 offre" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Apprenti mécanicien moto" })).toBeTruthy();
    expect((screen.getByLabelText("Métier ou mot-clé") as HTMLInputElement).value).toBe("mecan");
    expect(selected("Type d'offre")).toBe("apprentissage");
    expect(selected("Région")).toBe("segou");
    expect(selected("Secteur")).toBe("");
    // Relevance, the default, is not written in the URL.
    expect(selected("Trier par")).toBe("");
  });

  it("links to the other pages, keeping the search, and marks the current page", async () => {
    await renderSearch("/offres?q=couturier&contrat=cdi&tri=date&page=2");
    const nav = await screen.findByRole("navigation", { name: "Pages de résultats" });
    expect(screen.getByRole("heading", { name: /25 offres · page 2 sur 2/ })).toBeTruthy();
    expect(screen.getAllByRole("article")).toHaveLength(5);
    const current = within(nav).getByRole("link", { current: "page" });
    expect(current.textContent).toBe("2");
    expect(within(nav).getByRole("link", { name: "Page 1" }).getAttribute("href")).toBe(
      "/offres?q=couturier&contrat=cdi&tri=date",
    );
    expect(
      within(nav)
        .getByRole("link", { name: /Page précédente/ })
        .getAttribute("href"),
    ).toBe("/offres?q=couturier&contrat=cdi&tri=date");
    expect(within(nav).queryByRole("link", { name: /Page suivante/ })).toBeNull();
    expect(selected("Contrat")).toBe("cdi");
    expect(selected("Trier par")).toBe("date");

    await userEvent.setup().click(within(nav).getByRole("link", { name: "Page 1" }));
    expect(await screen.findByRole("heading", { name: /25 offres · page 1 sur 2/ })).toBeTruthy();
    expect(
      within(screen.getByRole("navigation", { name: "Pages de résultats" }))
        .getByRole("link", { name: /Page suivante/ })
        .getAttribute("href"),
    ).toBe("/offres?q=couturier&contrat=cdi&tri=date&page=2");
  });

  it("suggests removing each filter when nothing matches, and removing one brings results back", async () => {
    await renderSearch("/offres?q=electricien&type=stage&region=sikasso&secteur=electricite");
    expect(await screen.findByText("Aucune offre ne correspond à votre recherche.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Retirer le mot « electricien »" }).getAttribute("href")).toBe(
      "/offres?type=stage&region=sikasso&secteur=electricite",
    );
    expect(screen.getByRole("link", { name: "Retirer le filtre « Sikasso »" }).getAttribute("href")).toBe(
      "/offres?q=electricien&type=stage&secteur=electricite",
    );
    expect(screen.getByRole("link", { name: "Retirer le filtre « Électricité et énergie »" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir toutes les offres ouvertes" }).getAttribute("href")).toBe("/offres");
    expect(screen.queryByRole("navigation", { name: "Pages de résultats" })).toBeNull();

    await userEvent.setup().click(screen.getByRole("link", { name: "Retirer le filtre « Stage »" }));
    expect(await screen.findByRole("link", { name: "Électricien bâtiment" })).toBeTruthy();
    expect(selected("Type d'offre")).toBe("");
    expect(selected("Région")).toBe("sikasso");
  });

  it("shows the words field and its button first, and folds the other filters, closed, under their count", async () => {
    await renderSearch("/offres?q=couturier&contrat=cdi&secteur=textile&tri=date");
    const form = await screen.findByRole("search", { name: "Rechercher des offres" });
    const fields = within(form).getAllByRole("searchbox");
    expect(fields).toHaveLength(1);
    expect(fields[0]!.closest("details")).toBeNull();
    expect(within(form).getByRole("button", { name: "Rechercher" }).closest("details")).toBeNull();
    // Two filters in use (the sort order is not one); the folded part has its own button.
    const folded = within(form).getByText("Filtres (2)").closest("details")!;
    expect(folded.open).toBe(false);
    for (const label of ["Type d'offre", "Région", "Secteur", "Contrat", "Trier par"])
      expect(folded.contains(screen.getByLabelText(label))).toBe(true);
    expect(within(folded).getByRole("button", { name: "Appliquer les filtres" })).toBeTruthy();
    expect(selected("Secteur")).toBe("textile");

    await userEvent.setup().click(within(form).getByText("Filtres (2)"));
    expect(folded.open).toBe(true);
  });

  it("says « Filtres » without a count when none is in use", async () => {
    await renderSearch("/offres?q=couturier");
    expect(await screen.findByText("Filtres")).toBeTruthy();
    expect(screen.queryByText(/^Filtres \(/)).toBeNull();
  });

  it("shows the words and each filter in use as chips above the results, each a link removing it", async () => {
    await renderSearch("/offres?q=couturier&contrat=cdi&secteur=textile&tri=date&page=2");
    const chips = await screen.findByRole("list", { name: "Recherche en cours" });
    const links = within(chips).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("aria-label"), link.getAttribute("href")])).toEqual(
      [
        ["« couturier »×", "Retirer le mot « couturier »", "/offres?secteur=textile&contrat=cdi"],
        [
          "Textile et artisanat×",
          "Retirer le filtre « Textile et artisanat »",
          "/offres?q=couturier&contrat=cdi&tri=date",
        ],
        ["CDI×", "Retirer le filtre « CDI »", "/offres?q=couturier&secteur=textile&tri=date"],
        ["Tout effacer", null, "/offres"],
      ],
    );
    // Above the results, after their count.
    const count = screen.getByRole("heading", { name: /25 offres/ });
    const firstResult = screen.getAllByRole("article")[0]!;
    expect(count.compareDocumentPosition(chips) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(chips.compareDocumentPosition(firstResult) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await userEvent.setup().click(within(chips).getByRole("link", { name: "Retirer le filtre « CDI »" }));
    await waitFor(() => expect(screen.queryByRole("link", { name: "Retirer le filtre « CDI »" })).toBeNull());
    expect(screen.getByRole("heading", { name: /25 offres/ })).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Recherche en cours" })).getAllByRole("link")).toHaveLength(3);
    expect(selected("Contrat")).toBe("");
  });

  it("shows no chips without words or filters, and no « clear all » for a single one", async () => {
    const { unmount } = await renderSearch("/offres?tri=date");
    await screen.findByRole("heading", { name: /28 offres/ });
    expect(screen.queryByRole("list", { name: "Recherche en cours" })).toBeNull();
    unmount();
    await renderSearch("/offres?region=sikasso");
    const chips = await screen.findByRole("list", { name: "Recherche en cours" });
    expect(
      within(chips)
        .getAllByRole("link")
        .map((link) => link.getAttribute("aria-label")),
    ).toEqual(["Retirer le filtre « Sikasso »"]);
  });

  it("shows hostile words as text in their chip, shortened", async () => {
    const q = `<script>alert(1)</script> ' OR 1=1 -- ${"x".repeat(300)}`;
    await renderSearch(`/offres?${new URLSearchParams({ q })}`);
    const chip = await screen.findByRole("link", { name: /^Retirer le mot « <script>alert\(1\)<\/script>/ });
    expect(chip.textContent!.length).toBeLessThan(50);
    expect(chip.getAttribute("href")).toBe("/offres");
    expect(document.querySelectorAll("main script, body script").length).toBe(0);
  });

  it("shows any text typed as text: tags, quotes, FTS operators, emoji, 2 000 characters", async () => {
    for (const q of [
      "<script>alert(1)</script>",
      '"soudeur',
      "NEAR(a b) OR (x",
      "👷🏾‍♂️ soudeur",
      "'; DROP TABLE offers;--",
    ]) {
      const { unmount } = await renderSearch(`/offres?${new URLSearchParams({ q })}`);
      expect(await screen.findByRole("heading", { level: 1, name: `Offres pour « ${q} »` })).toBeTruthy();
      expect((screen.getByLabelText("Métier ou mot-clé") as HTMLInputElement).value).toBe(q);
      unmount();
    }
    await renderSearch("/offres?q=soudeur");
    // The title with a tag is plain text in a link; no script element is created.
    expect(await screen.findByRole("link", { name: "<script>alert('x')</script> Soudeur" })).toBeTruthy();
    expect(document.querySelectorAll("main script, body script").length).toBe(0);
  });

  it("cuts a very long query to 2 000 characters and shortens it in the heading", async () => {
    const long = `soudeur ${"x".repeat(5000)}`;
    await renderSearch(`/offres?q=${long}`);
    const input = (await screen.findByLabelText("Métier ou mot-clé")) as HTMLInputElement;
    expect(input.value).toHaveLength(2000);
    expect(input.maxLength).toBe(2000);
    const heading = screen.getByRole("heading", { level: 1 });
    expect(heading.textContent!.length).toBeLessThan(120);
  });

  it("speaks English", async () => {
    await renderSearch("/offres?q=couturier&region=bamako", "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Offers for “couturier”" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /25 offers · page 1 of 2/ })).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "Result pages" })).toBeTruthy();
    expect(selected("Region")).toBe("bamako");
    expect(screen.getByRole("button", { name: "Search" })).toBeTruthy();
    expect(screen.getByText("Filters (1)")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Remove the filter “Bamako District”" })).toBeTruthy();
    expect(screen.getByRole("link", { name: /^Remove the words “couturier”/ }).textContent).toBe("“couturier”×");
  });
});

describe("the search loader", () => {
  const call = (search: string) =>
    loader({ request: new Request(`http://localhost/offres${search}`), params: {}, context: {} } as never);

  it("ignores unknown or malformed parameters instead of failing", async () => {
    const result = await call("?type=cdi&region=paris&secteur=%3Cscript%3E&contrat=emploi&tri=hasard&page=abc");
    expect(result.query).toEqual({ q: "", page: 1 });
    expect(result.total).toBe(28);
    expect((await call("?page=-4")).page).toBe(1);
    expect((await call("?page=1e400")).page).toBe(1);
    expect((await call("?page=2.5")).page).toBe(1);
    expect((await call("?q=couturier&page=999")).page).toBe(2);
  });

  it("takes the first value of a repeated parameter", async () => {
    const result = await call("?region=sikasso&region=bamako&q=");
    expect(result.query.region).toBe("sikasso");
    expect(result.total).toBe(1);
  });

  it("accepts what the home page's form sends, empty selects included", async () => {
    const result = await call("?q=moto&type=&region=");
    expect(result.query).toEqual({ q: "moto", page: 1 });
    expect(result.items.map((o) => o.title)).toEqual(["Apprenti mécanicien moto"]);
  });
});
