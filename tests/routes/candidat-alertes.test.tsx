// @vitest-environment jsdom
// Alerts: saved from /offres ("Recevoir une alerte pour cette recherche"),
// listed in words on /candidat/alertes, deleted. Bad input tried: an empty
// search, an unknown region, 201 characters, `<script>` in the words, an 11th
// alert, the same search twice, another candidate's alert id, ids that are not
// numbers, a visitor, an employer.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { saveAlert } from "../../app/models/alerts.server";
import Alerts, { action, loader } from "../../app/routes/candidat.alertes";
import Search, { loader as searchLoader } from "../../app/routes/offres._index";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { candidateProfiles, savedSearches } from "../../db/schema";
import { insertUser, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, cookiesAfter, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { awa: "", bintou: "", full: "", employer: "" };
const ids = { awa: 0, bintou: 0, full: 0 };

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 99 00 01", firstName: "Awa" });
  const bintou = await registerCandidate(db, { phone: "70 99 00 02", firstName: "Bintou" });
  const full = await registerCandidate(db, { phone: "70 99 00 03", firstName: "Salif" });
  const employer = await insertUser(db, { role: "employeur", email: "patron@alertes.ml" });
  db.update(candidateProfiles).set({ smsConsentAt: new Date() }).where(eq(candidateProfiles.userId, bintou.id)).run();
  ids.awa = awa.id;
  ids.bintou = bintou.id;
  ids.full = full.id;
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.bintou = await sessionCookieFor(db, bintou.id);
  cookies.full = await sessionCookieFor(db, full.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

async function renderAt(url: string, cookie: string | undefined, lng: Locale = "fr") {
  return renderRoutes(
    [
      { path: "/offres", Component: Search, loader: searchLoader },
      { path: "/candidat/alertes", Component: Alerts, loader: as(cookie, loader), action: as(cookie, action) },
      { path: "/connexion", Component: () => <h1>Connexion</h1> },
    ],
    url,
    { lng },
  );
}

/** A POST from this session ("" for a visitor). */
const post = (fields: Record<string, string>, cookie = cookies.awa) =>
  settled(callRoute(action, "/candidat/alertes", { cookie, body: fields }));
const formErrorOf = (result: unknown) => (result as { data: { formError: string } }).data.formError;
const alertsOf = (userId: number) => getDb().select().from(savedSearches).where(eq(savedSearches.userId, userId)).all();

describe("saving a search from /offres", () => {
  it("offers the alert only when there are words or a filter", async () => {
    await renderAt("/offres", cookies.awa);
    expect(screen.queryByRole("button", { name: "Recevoir une alerte pour cette recherche" })).toBeNull();
  });

  it("a candidate saves the current search in one click and sees it described in words", async () => {
    const user = await renderAt("/offres?q=électricien&region=sikasso&type=apprentissage&tri=date", cookies.awa);
    const button = screen.getByRole("button", { name: "Recevoir une alerte pour cette recherche" });
    const form = button.closest("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/candidat/alertes");
    expect(screen.getByText(/au plus une fois par jour/)).toBeTruthy();
    await user.click(button);

    expect(await screen.findByRole("heading", { level: 1, name: "Mes alertes" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe(
      "Alerte enregistrée. Nous vous préviendrons des nouvelles offres.",
    );
    const link = screen.getByRole("link", { name: "électricien · Sikasso · Apprentissage" });
    expect(link.getAttribute("href")).toBe("/offres?q=%C3%A9lectricien&type=apprentissage&region=sikasso");
    expect(alertsOf(ids.awa).map((a) => a.query)).toEqual([
      { q: "électricien", type: "apprentissage", region: "sikasso" },
    ]);
  });

  it("the same search twice is kept once, and the page says so", async () => {
    const result = (await post({
      intent: "save",
      q: "électricien",
      region: "sikasso",
      type: "apprentissage",
    })) as Response;
    expect(result.headers.get("Location")).toBe("/candidat/alertes");
    expect(alertsOf(ids.awa)).toHaveLength(1);
    await renderAt("/candidat/alertes", cookiesAfter(result, cookies.awa));
    expect(screen.getByRole("status").textContent).toBe(
      "Vous aviez déjà cette alerte : elle est gardée une seule fois.",
    );
  });

  it("a visitor is sent to log in, then comes back to confirm the same search", async () => {
    const result = (await post({ intent: "save", q: "soudeur", region: "kayes" }, "")) as Response;
    expect(result.status).toBe(302);
    const location = new URL(result.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/connexion");
    expect(location.searchParams.get("redirectTo")).toBe("/candidat/alertes?q=soudeur&region=kayes");

    const user = await renderAt(location.searchParams.get("redirectTo")!, cookies.bintou);
    expect(screen.getByText("Recevoir une alerte pour cette recherche : soudeur · Kayes ?")).toBeTruthy();
    expect(alertsOf(ids.bintou)).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Oui, créer l'alerte" }));
    expect(await screen.findByRole("link", { name: "soudeur · Kayes" })).toBeTruthy();
    expect(alertsOf(ids.bintou).map((a) => a.query)).toEqual([{ q: "soudeur", region: "kayes" }]);
  });
});

describe("/candidat/alertes", () => {
  it("explains the pace of alerts and whether they come by SMS", async () => {
    await renderAt("/candidat/alertes", cookies.awa);
    expect(screen.getByText(/au plus une fois par jour\./)).toBeTruthy();
    expect(screen.getByText(/vous n'avez pas accepté les messages/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Recevoir aussi les messages" }).getAttribute("href")).toBe(
      "/candidat/profil#field-smsConsent",
    );
  });

  it("says they come by SMS to a candidate who agreed", async () => {
    await renderAt("/candidat/alertes", cookies.bintou);
    expect(screen.getByText(/Vous les recevez par SMS/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Recevoir aussi les messages" })).toBeNull();
  });

  it("deletes one of the candidate's alerts, never another's", async () => {
    const bintousAlert = alertsOf(ids.bintou)[0]!.id;
    expect(statusOf(await post({ intent: "delete", alertId: String(bintousAlert) }))).toBe(404);
    expect(alertsOf(ids.bintou)).toHaveLength(1);
    for (const alertId of ["abc", "", "1 OR 1=1"])
      expect(statusOf(await post({ intent: "delete", alertId }))).toBe(404);

    const user = await renderAt("/candidat/alertes", cookies.awa);
    await user.click(
      screen.getByRole("button", { name: "Supprimer l'alerte « électricien · Sikasso · Apprentissage »" }),
    );
    expect(await screen.findByText("Alerte supprimée.")).toBeTruthy();
    expect(screen.getByText("Vous n'avez pas encore d'alerte.")).toBeTruthy();
    expect(alertsOf(ids.awa)).toHaveLength(0);
  });

  it("refuses an empty search, an unknown filter and words too long, with a message on the page", async () => {
    const empty = await post({ intent: "save", q: "  " });
    expect(statusOf(empty)).toBe(400);
    expect(formErrorOf(empty)).toBe("candidate:errors.alertEmpty");
    expect(formErrorOf(await post({ intent: "save", region: "atlantis" }))).toBe("candidate:errors.alertInvalid");
    expect(formErrorOf(await post({ intent: "save", contrat: "esclavage" }))).toBe("candidate:errors.alertInvalid");
    expect(formErrorOf(await post({ intent: "save", q: "x".repeat(201) }))).toBe("candidate:errors.alertTooLong");
    expect(alertsOf(ids.awa)).toHaveLength(0);

    await renderAt("/candidat/alertes?region=atlantis&q=ma%C3%A7on", cookies.awa);
    // An unknown value in the URL is not offered for saving.
    expect(screen.queryByRole("button", { name: "Oui, créer l'alerte" })).toBeNull();
  });

  it("keeps `<script>` in the words as text", async () => {
    expect(statusOf(await post({ intent: "save", q: "<script>alert(1)</script>" }))).toBe(302);
    await renderAt("/candidat/alertes", cookies.awa);
    expect(screen.getByRole("link", { name: "<script>alert(1)</script>" })).toBeTruthy();
    expect(document.querySelector("script")).toBeNull();
  });

  it("refuses an 11th alert and explains why", async () => {
    for (let i = 0; i < 10; i++) saveAlert(getDb(), ids.full, { q: `métier ${i}` });
    const result = await post({ intent: "save", q: "encore une" }, cookies.full);
    expect(statusOf(result)).toBe(400);
    expect(formErrorOf(result)).toBe("candidate:errors.alertTooMany");
    expect(alertsOf(ids.full)).toHaveLength(10);

    const user = await renderAt("/candidat/alertes?q=encore", cookies.full);
    expect(screen.getByRole("heading", { name: "Mes recherches enregistrées (10 sur 10)" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Oui, créer l'alerte" }));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      "Vous avez déjà 10 alertes. Supprimez-en une pour en créer une nouvelle.",
    );
  });

  it("answers 400 to an unknown intent and 403 to an employer", async () => {
    expect(statusOf(await post({ intent: "run", q: "x" }))).toBe(400);
    expect(statusOf(await post({ intent: "save", q: "x" }, cookies.employer))).toBe(403);
  });

  it("writes the page in English", async () => {
    await renderAt("/candidat/alertes", cookies.bintou, "en");
    expect(screen.getByRole("heading", { level: 1, name: "My alerts" })).toBeTruthy();
    expect(screen.getByText(/at most once a day\./)).toBeTruthy();
    const list = screen.getByRole("heading", { name: "My saved searches (1 of 10)" }).closest("section")!;
    expect(within(list).getByRole("button", { name: 'Delete the alert "soudeur · Kayes"' })).toBeTruthy();
  });
});
