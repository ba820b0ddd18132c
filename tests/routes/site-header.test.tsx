// @vitest-environment jsdom
// The header: the brand and one menu (a <details>, folded when a page loads), each role's links, the
// current page marked, the person's own links and the language switch inside the menu.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SiteHeader } from "../../app/components/SiteHeader";
import type { Locale } from "../../app/utils/i18n";
import type { Role } from "../../db/enums";
import { renderStub } from "../helpers/route";

type User = { role: Role; displayName: string; unread: number } | null;

function renderHeader(url: string, user: User, lng: Locale = "fr") {
  const Page = () => <SiteHeader user={user} locale={lng} />;
  return renderStub([{ path: "*", Component: Page }], url, { lng });
}

const menuOf = () => screen.getByText("Menu").closest("details")!;
const hrefs = (nav: HTMLElement) =>
  within(nav)
    .getAllByRole("link")
    .map((link) => link.getAttribute("href"));

describe("the site header", () => {
  it("gives a visitor the brand and a folded menu with the offers, logging in, signing up and the language", async () => {
    await renderHeader("/offres", null);
    expect((await screen.findByRole("link", { name: "Baara" })).getAttribute("href")).toBe("/");
    const menu = menuOf();
    expect(menu.open).toBe(false);
    const nav = within(menu).getByRole("navigation", { name: "Navigation principale" });
    expect(hrefs(nav)).toEqual(["/offres", "/partenariats"]);
    expect(within(nav).getByRole("link", { name: "Offres" }).getAttribute("aria-current")).toBe("page");
    expect(within(menu).getByRole("link", { name: "Se connecter" }).getAttribute("href")).toBe("/connexion");
    expect(within(menu).getByRole("link", { name: "Créer un compte" }).getAttribute("href")).toBe("/inscription");
    expect(within(menu).getByRole("button", { name: "Français" }).getAttribute("aria-pressed")).toBe("true");
    expect(within(menu).getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("false");
    expect(within(menu).queryByRole("button", { name: "Se déconnecter" })).toBeNull();
  });

  const MENUS: [Role, string, string[]][] = [
    [
      "candidat",
      "/candidat",
      [
        "/offres",
        "/candidat",
        "/candidat/profil",
        "/candidat/candidatures",
        "/candidat/alertes",
        "/candidat/favoris",
        "/candidat/compte",
      ],
    ],
    [
      "employeur",
      "/employeur",
      ["/offres", "/employeur", "/employeur/offres", "/employeur/partenariats", "/employeur/organisation"],
    ],
    [
      "conseiller",
      "/conseiller",
      [
        "/offres",
        "/conseiller",
        "/conseiller/candidats",
        "/conseiller/placements",
        "/conseiller/rappels",
        "/conseiller/partenariats",
        "/conseiller/moderation",
        "/conseiller/rapports",
      ],
    ],
    [
      "admin",
      "/admin",
      [
        "/offres",
        "/admin",
        "/admin/utilisateurs",
        "/admin/organisations",
        "/admin/programmes",
        "/admin/journal",
        "/conseiller",
        "/conseiller/partenariats",
      ],
    ],
  ];
  for (const [role, home, links] of MENUS) {
    it(`lists the ${role}'s pages in the menu, their home marked as the current page, and logging out`, async () => {
      await renderHeader(home, { role, displayName: "Awa Traoré", unread: 0 });
      const menu = (await screen.findByText("Menu")).closest("details")!;
      expect(menu.open).toBe(false);
      const nav = within(menu).getByRole("navigation", { name: "Navigation principale" });
      expect(hrefs(nav)).toEqual(links);
      const current = within(nav).getAllByRole("link", { current: "page" });
      expect(current.map((link) => link.getAttribute("href"))).toEqual([home]);
      const logout = within(menu).getByRole("button", { name: "Se déconnecter" });
      expect(logout.closest("form")!.getAttribute("action")).toBe("/deconnexion");
      expect(within(menu).getByRole("link", { name: /^Mon compte – ?Awa Traoré$/ })).toBeTruthy();
      expect(within(menu).getByRole("button", { name: "Français" })).toBeTruthy();
    });
  }

  it("marks a page of the candidate's space, not their home, and shows unread notifications on the menu", async () => {
    await renderHeader("/candidat/profil", { role: "candidat", displayName: "Awa", unread: 3 });
    const summary = (await screen.findByText("Menu")).closest("summary")!;
    expect(summary.textContent).toBe("Menu3 notifications: 3");
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(within(nav).getByRole("link", { current: "page" }).textContent).toBe("Mon profil");
    expect(within(nav).getByRole("link", { name: "Mon espace" }).getAttribute("aria-current")).toBeNull();
    expect(screen.getByRole("link", { name: "3 notifications" }).getAttribute("href")).toBe("/candidat#notifications");
  });

  it("folds the menu again after following one of its links", async () => {
    await renderHeader("/employeur", { role: "employeur", displayName: "Moussa", unread: 0 });
    const user = userEvent.setup();
    menuOf().open = true;
    await user.click(screen.getByRole("link", { name: "Mes offres" }));
    await waitFor(() =>
      expect(screen.getByRole("link", { name: "Mes offres" }).getAttribute("aria-current")).toBe("page"),
    );
    expect(menuOf().open).toBe(false);
  });

  it("speaks English", async () => {
    await renderHeader("/conseiller/rapports", { role: "conseiller", displayName: "Fanta", unread: 0 }, "en");
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { current: "page" }).textContent).toBe("Reports");
    expect(screen.getByRole("button", { name: "Log out" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
  });
});
