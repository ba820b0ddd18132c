// @vitest-environment jsdom
// Saved offers: the save button of a result posts to /candidat/favoris and comes back to the same
// offer of the same page (303); /candidat/favoris lists them, closed ones last and marked, with a
// remove button. Refusals: a visitor is sent to log in, an employer gets 403, a draft or rejected
// offer 404, ids that are not ids ("abc", "1 OR 1=1", 40 digits, <script>) 400; another
// candidate's list is not shown and their removal leaves it alone; returnTo never leaves the site.
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { saveOffer } from "../../app/models/saved-offers.server";
import SavedOffers, { action, loader } from "../../app/routes/candidat.favoris";
import Search, { loader as searchLoader } from "../../app/routes/offres._index";
import OfferPage, { loader as offerLoader } from "../../app/routes/offres.$offerId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { savedOffers } from "../../db/schema";
import { insertCandidate, insertEmployer, insertOffer, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, renderRoutes, settled, statusOf, thrownStatus } from "../helpers/route";

const cookies = { awa: "", bintou: "", employer: "" };
const ids = { awa: 0, bintou: 0, open: 0, other: 0, closingSoon: 0, draft: 0, rejected: 0 };

beforeAll(async () => {
  const db = getDb();
  const { user: employer, org } = await insertEmployer(db, "verified", "Atelier Favoris");
  const awa = insertCandidate(db, { firstName: "Awa" });
  const bintou = insertCandidate(db, { firstName: "Bintou" });
  ids.awa = awa.id;
  ids.bintou = bintou.id;
  ids.open = insertOffer(db, {
    orgId: org.id,
    title: "Maçon favori",
    type: "apprentissage",
    contract: "apprentissage",
    region: "kayes",
    commune: "Kayes",
  }).id;
  ids.other = insertOffer(db, { orgId: org.id, title: "Plombier favori" }).id;
  ids.closingSoon = insertOffer(db, {
    orgId: org.id,
    title: "Soudeur favori",
    closingDate: addDays(isoToday(), 2),
    publishedAt: new Date(Date.now() - 10 * 86_400_000),
  }).id;
  ids.draft = insertOffer(db, { orgId: org.id, title: "Brouillon favori", status: "draft" }).id;
  ids.rejected = insertOffer(db, { orgId: org.id, title: "Refusée favori", status: "rejected" }).id;
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.bintou = await sessionCookieFor(db, bintou.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

const post = (fields: Record<string, string>, cookie = cookies.awa) =>
  settled(callRoute(action, "/candidat/favoris", { cookie, body: fields }));
const savedBy = (userId: number) =>
  getDb()
    .select()
    .from(savedOffers)
    .all()
    .filter((row) => row.userId === userId)
    .map((row) => row.offerId);
const clear = () => getDb().delete(savedOffers).run();

describe("saving without JavaScript", () => {
  it("saves, coming back to the same offer of the same page with a 303, once however often it is posted", async () => {
    clear();
    const returnTo = `/offres?q=ma%C3%A7on#offer-${ids.open}`;
    for (let i = 0; i < 2; i++) {
      const response = (await post({ intent: "save", offerId: String(ids.open), returnTo })) as Response;
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(returnTo);
    }
    expect(savedBy(ids.awa)).toEqual([ids.open]);
    const removed = (await post({ intent: "remove", offerId: String(ids.open), returnTo })) as Response;
    expect([removed.status, removed.headers.get("Location")]).toEqual([303, returnTo]);
    expect(savedBy(ids.awa)).toEqual([]);
  });

  it("answers a fetcher with the new state instead of a redirect", async () => {
    clear();
    expect(await post({ intent: "save", offerId: String(ids.open), reply: "data" })).toEqual({ saved: true });
    expect(await post({ intent: "remove", offerId: String(ids.open), reply: "data" })).toEqual({ saved: false });
  });

  it("never sends anyone off the site: another site's returnTo comes back to the saved list", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const response = (await post({ intent: "save", offerId: String(ids.open), returnTo })) as Response;
      expect(response.headers.get("Location"), returnTo).toBe(`/candidat/favoris#offer-${ids.open}`);
    }
  });
});

describe("refusals", () => {
  it("a draft or rejected offer, or one that does not exist, cannot be saved: 404", async () => {
    clear();
    for (const offerId of [ids.draft, ids.rejected, 999_999]) {
      expect(
        await thrownStatus(
          callRoute(action, "/candidat/favoris", {
            cookie: cookies.awa,
            body: { intent: "save", offerId: String(offerId) },
          }),
        ),
      ).toBe(404);
    }
    expect(savedBy(ids.awa)).toEqual([]);
  });

  it("ids that are not ids and unknown intents get 400 and a message in the person's language", async () => {
    for (const offerId of ["abc", "1 OR 1=1", "9".repeat(40), "<script>alert(1)</script>", "", "-1", "1e3"]) {
      const result = await post({ intent: "save", offerId });
      expect(statusOf(result), offerId).toBe(400);
      expect((result as { data: { error: string } }).data.error).toBe("saved:errors.offerId");
    }
    const result = await post({ intent: "'; DROP TABLE saved_offers; --", offerId: String(ids.open) });
    expect(statusOf(result)).toBe(400);
    expect(savedBy(ids.awa)).toEqual([]);
  });

  it("a visitor is sent to log in, an employer is refused (403) both the list and the button's post", async () => {
    const visitor = (await settled(callRoute(loader, "/candidat/favoris"))) as Response;
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcandidat%2Ffavoris");
    expect(await thrownStatus(callRoute(loader, "/candidat/favoris", { cookie: cookies.employer }))).toBe(403);
    const employer = await post({ intent: "save", offerId: String(ids.open) }, cookies.employer);
    expect(statusOf(employer)).toBe(403);
  });

  it("another candidate neither sees nor empties Awa's list", async () => {
    clear();
    saveOffer(getDb(), ids.awa, ids.open);
    const bintouList = (await callRoute(loader, "/candidat/favoris", { cookie: cookies.bintou })) as { total: number };
    expect(bintouList.total).toBe(0);
    await post({ intent: "remove", offerId: String(ids.open) }, cookies.bintou);
    expect(savedBy(ids.awa)).toEqual([ids.open]);
  });
});

async function renderSite(url: string, cookie: string | undefined) {
  return renderRoutes(
    [
      { path: "/offres", Component: Search, loader: as(cookie, searchLoader) },
      { path: "/offres/:offerId", Component: OfferPage, loader: as(cookie, offerLoader) },
      { path: "/candidat/favoris", Component: SavedOffers, loader: as(cookie, loader), action: as(cookie, action) },
      { path: "/connexion", Component: () => <h1>Connexion</h1> },
    ],
    url,
  );
}

describe("the buttons and the list", () => {
  it("a result's button posts to the list with the way back, and shows the offer saved afterwards", async () => {
    clear();
    await renderSite("/offres?q=favori", cookies.awa);
    const result = document.getElementById(`offer-${ids.open}`)!;
    const button = within(result).getByRole("button", { name: "Sauvegarder l'offre « Maçon favori »" });
    expect(button.getAttribute("aria-pressed")).toBe("false");
    const form = button.closest("form")!;
    expect([form.getAttribute("method"), form.getAttribute("action")]).toEqual(["post", "/candidat/favoris"]);
    const fields = Object.fromEntries(new FormData(form));
    expect(fields).toEqual({
      offerId: String(ids.open),
      intent: "save",
      returnTo: `/offres?q=favori#offer-${ids.open}`,
    });
    // Shown once, and the place once: "Apprentissage", "Kayes".
    expect(within(result).getByText("Apprentissage").textContent).toBe("Apprentissage");
    expect(within(result).getByText(/Atelier Favoris/).textContent).toBe("Atelier Favoris · Kayes");
    expect(within(result).getByText("Nouveau")).toBeTruthy();
    const soon = document.getElementById(`offer-${ids.closingSoon}`)!;
    expect(within(soon).getByText("Clôture bientôt")).toBeTruthy();
    expect(within(soon).queryByText("Nouveau")).toBeNull();
  });

  it("a visitor's button is a link to log in that comes back to the offer", async () => {
    await renderSite("/offres?q=favori", undefined);
    const link = within(document.getElementById(`offer-${ids.open}`)!).getByRole("link", {
      name: "Sauvegarder l'offre « Maçon favori »",
    });
    expect(link.getAttribute("href")).toBe(
      `/connexion?${new URLSearchParams({ redirectTo: `/offres?q=favori#offer-${ids.open}` })}`,
    );
  });

  it("an employer sees no save button", async () => {
    await renderSite("/offres?q=favori", cookies.employer);
    expect(screen.queryByRole("button", { name: /Sauvegarder/ })).toBeNull();
    expect(screen.queryByRole("link", { name: /Sauvegarder/ })).toBeNull();
  });

  it("lists saved offers, closed ones last and marked without an apply link, and removes one", async () => {
    clear();
    const db = getDb();
    saveOffer(db, ids.awa, ids.open);
    saveOffer(db, ids.awa, ids.other);
    db.$client.prepare("UPDATE offers SET status = 'closed' WHERE id = ?").run(ids.other);
    const user = await renderSite("/candidat/favoris", cookies.awa);
    const items = screen.getAllByRole("listitem");
    expect(items.map((item) => within(item).getByRole("heading").textContent)).toEqual([
      "Maçon favori",
      "Plombier favori",
    ]);
    expect(within(items[1]!).getByText("Plus ouverte")).toBeTruthy();
    expect(within(items[1]!).queryByRole("link", { name: /Postuler/ })).toBeNull();
    expect(
      within(items[0]!).getByRole("link", { name: "Postuler à l'offre « Maçon favori »" }).getAttribute("href"),
    ).toBe(`/offres/${ids.open}/postuler`);
    await user.click(within(items[1]!).getByRole("button", { name: /^Retirer l'offre « Plombier favori »/ }));
    expect(await screen.findByText("Offre retirée de vos offres sauvegardées.")).toBeTruthy();
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
    db.$client.prepare("UPDATE offers SET status = 'published' WHERE id = ?").run(ids.other);
  });

  it("the offer page has the save button, and share links with the title and the address", async () => {
    clear();
    await renderSite(`/offres/${ids.open}`, cookies.awa);
    expect(screen.getByRole("button", { name: "Sauvegarder l'offre « Maçon favori »" })).toBeTruthy();
    const url = `http://localhost:3000/offres/${ids.open}`;
    const text = encodeURIComponent(`Maçon favori : ${url}`);
    expect(screen.getByRole("link", { name: "Envoyer par WhatsApp" }).getAttribute("href")).toBe(
      `https://wa.me/?text=${text}`,
    );
    expect(screen.getByRole("link", { name: "Envoyer par SMS" }).getAttribute("href")).toBe(`sms:?&body=${text}`);
    const field = screen.getByRole("textbox", { name: "Lien de l'offre" }) as HTMLInputElement;
    expect([field.value, field.readOnly]).toEqual([url, true]);
  });
});
