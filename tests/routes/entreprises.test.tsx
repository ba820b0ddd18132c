// @vitest-environment jsdom
// The public employer page /entreprises/:orgId: verified employers only, with their open offers.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import EmployerPage, { loader } from "../../app/routes/entreprises.$orgId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { organisations } from "../../db/schema";
import { insertOffer, insertOrganisation } from "../helpers/factories";
import { callRoute, outcomeStatus, renderStub } from "../helpers/route";

const ids: Record<string, number> = {};

beforeAll(() => {
  const db = getDb();
  const diarra = insertOrganisation(db, { name: "Atelier Diarra Mécanique" }).id;
  db.update(organisations)
    .set({
      sector: "mecanique",
      region: "koulikoro",
      commune: "Kati",
      membership: "cnpm",
      description: "Réparation de motos et de tricycles depuis 2009.\nNous formons des apprentis chaque année.",
      rccm: "MA.BKO.2019.B.1234",
      nif: "084123456M",
      contactPhone: "+22376000000",
      contactEmail: "contact@diarra.ml",
      contactName: "Moussa Diarra",
    })
    .where(eq(organisations.id, diarra))
    .run();
  const other = insertOrganisation(db, { name: "Boulangerie du Fleuve" }).id;
  insertOffer(db, { orgId: diarra, title: "Mécanicien moto", publishedAt: new Date(Date.now() - 86_400_000) });
  insertOffer(db, { orgId: diarra, title: "Apprenti soudeur", type: "apprentissage" });
  insertOffer(db, { orgId: diarra, title: "Électricien (brouillon)", status: "draft" });
  insertOffer(db, { orgId: diarra, title: "Tôlier (fermée)", status: "closed" });
  insertOffer(db, { orgId: diarra, title: "Magasinier (clôturée hier)", closingDate: addDays(isoToday(), -1) });
  insertOffer(db, { orgId: other, title: "Boulanger" });
  Object.assign(ids, {
    diarra,
    other,
    empty: insertOrganisation(db, { name: "Garage sans offre" }).id,
    pending: insertOrganisation(db, { name: "Garage en attente", status: "pending" }).id,
    rejected: insertOrganisation(db, { name: "Société refusée", status: "rejected" }).id,
    suspended: insertOrganisation(db, { name: "Société suspendue", status: "suspended" }).id,
    partner: insertOrganisation(db, { kind: "partner", name: "OIM Mali", status: "verified" }).id,
  });
});

async function renderEmployer(orgId: number, lng: Locale = "fr") {
  return renderStub([{ path: "/entreprises/:orgId", Component: EmployerPage, loader }], `/entreprises/${orgId}`, {
    lng,
  });
}

const status = (orgId: string | number) =>
  outcomeStatus(callRoute(loader, `/entreprises/${orgId}`, { params: { orgId: String(orgId) } }));

describe("/entreprises/:orgId", () => {
  it("shows a verified employer with its badge, sector, place, membership and description", async () => {
    vi.stubEnv("PUBLIC_URL", "https://baara.ml/");
    await renderEmployer(ids.diarra!);
    expect(await screen.findByRole("heading", { level: 1, name: "Atelier Diarra Mécanique" })).toBeTruthy();
    expect(screen.getByText("Entreprise vérifiée")).toBeTruthy();
    expect(screen.getByText("Mécanique")).toBeTruthy();
    expect(screen.getByText("Kati, Koulikoro")).toBeTruthy();
    expect(screen.getByText("Conseil national du patronat du Mali (CNPM)")).toBeTruthy();
    const about = screen.getByText(/Réparation de motos et de tricycles/);
    expect(about.textContent).toContain("2009.\nNous formons");
    expect(document.title).toBe("Atelier Diarra Mécanique · Baara");
    // Search engines are told the page's one address: PUBLIC_URL's, not the request's (http://localhost).
    expect(document.head.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(
      `https://baara.ml/entreprises/${ids.diarra}`,
    );
    vi.unstubAllEnvs();
  });

  it("lists its open offers only, with their count", async () => {
    await renderEmployer(ids.diarra!);
    const section = (await screen.findByRole("heading", { name: /Offres ouvertes/ })).closest("section")!;
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("Offres ouvertes (2 offres ouvertes)");
    const links = within(section)
      .getAllByRole("link")
      .map((a) => [a.textContent, a.getAttribute("href")]);
    // Each card's title, then its save button (a visitor's leads to the login page).
    expect(links.map(([title]) => title)).toEqual([
      "Apprenti soudeur",
      "Sauvegarder",
      "Mécanicien moto",
      "Sauvegarder",
    ]);
    expect(links[0]![1]).toMatch(/^\/offres\/\d+$/);
  });

  it("says so when a verified employer has no open offer", async () => {
    await renderEmployer(ids.empty!);
    expect(await screen.findByText("Cette entreprise n'a pas d'offre ouverte en ce moment.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir toutes les offres" }).getAttribute("href")).toBe("/offres");
  });

  it("speaks English", async () => {
    await renderEmployer(ids.diarra!, "en");
    expect(await screen.findByText("Verified employer")).toBeTruthy();
    expect(screen.getByText("National Employers' Council of Mali (CNPM)")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Open offers (2 open offers)" })).toBeTruthy();
  });

  it("never sends registration numbers or contact details to the page", async () => {
    const data = (await loader({
      request: new Request("http://localhost/"),
      params: { orgId: String(ids.diarra) },
      context: {},
    } as never)) as {
      org: Record<string, unknown>;
    };
    expect(Object.keys(data.org).sort()).toEqual([
      "commune",
      "description",
      "id",
      "membership",
      "name",
      "region",
      "sector",
    ]);
    expect(JSON.stringify(data)).not.toMatch(/22376000000|contact@diarra|084123456M|MA\.BKO/);
  });

  it("answers 404 for an employer that is not verified, a partner, an unknown or malformed id", async () => {
    for (const key of ["pending", "rejected", "suspended", "partner"]) expect(await status(ids[key]!), key).toBe(404);
    for (const id of ["999999", "abc", "0", "-1", "1.0", "1e2", "<script>", "1 OR 1=1", "99999999999999999999"])
      expect(await status(id), id).toBe(404);
    expect(await status(ids.other!)).toBe(200);
  });
});
