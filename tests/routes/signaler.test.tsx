// @vitest-environment jsdom
// /offres/:offerId/signaler: anyone reports an offer they can see. Bad input tried: no
// reason, `other` without details, 10 000 characters, `<script>` and SQL in the details,
// a filled honeypot, a sixth report from one address, unknown, malformed and unpublished ids.
import { fireEvent, screen, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import ReportOffer, { action, loader } from "../../app/routes/offres.$offerId.signaler";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { fraudReports, offers, users } from "../../db/schema";
import { insertOffer, insertOrganisation, insertUser, sessionCookieFor } from "../helpers/factories";
import { callRoute, errorOf, followRedirect, renderRoutes, thrownStatus as statusThrownBy } from "../helpers/route";

let orgId = 0;
beforeAll(() => {
  orgId = insertOrganisation(getDb(), { name: "Quincaillerie Touré" }).id;
});

const newOffer = (title: string, status: "published" | "draft" | "pending" = "published") =>
  insertOffer(getDb(), { orgId, title, status });
const reportsOf = (offerId: number) =>
  getDb().select().from(fraudReports).where(eq(fraudReports.offerId, offerId)).all();

/** The session of a candidate whose account is `days` old. */
async function accountCookie(days: number) {
  const { id } = await insertUser(getDb(), { role: "candidat" });
  getDb()
    .update(users)
    .set({ createdAt: new Date(Date.now() - days * 24 * 60 * 60 * 1000) })
    .where(eq(users.id, id))
    .run();
  return sessionCookieFor(getDb(), id);
}

async function renderReport(offerId: number, ip: string, lng: Locale = "fr") {
  const routes = [
    { path: "/offres/:offerId/signaler", Component: ReportOffer, loader, action },
    { path: "/offres/:offerId", Component: () => <h1>Page de l'offre</h1> },
    { path: "/offres", Component: () => <h1>Toutes les offres</h1> },
  ];
  return renderRoutes(routes, `/offres/${offerId}/signaler`, { lng, context: { clientIp: ip } });
}

const detailsField = () => screen.getByLabelText("Précisions") as HTMLTextAreaElement;
const send = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Envoyer le signalement" }));

const post = (offerId: number | string, fields: Record<string, string>, ip: string, cookie?: string) =>
  callRoute(action, `/offres/${offerId}/signaler`, {
    cookie,
    params: { offerId: String(offerId) },
    body: new URLSearchParams(fields),
    context: { clientIp: ip },
  });
const get = (offerId: number | string, search = "", cookie?: string) =>
  callRoute(loader, `/offres/${offerId}/signaler${search}`, { cookie, params: { offerId: String(offerId) } });

type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string>; formError?: string };
  init: ResponseInit | null;
};

describe("/offres/:offerId/signaler", () => {
  it("a visitor reports an offer, is thanked and told what happens next", async () => {
    const offer = newOffer("Gardien de nuit");
    const user = await renderReport(offer.id, "41.73.10.1");
    expect(screen.getByRole("link", { name: "Offre : Gardien de nuit" }).getAttribute("href")).toBe(
      `/offres/${offer.id}`,
    );
    expect(screen.getByText(/l'employeur ne saura jamais qui l'a signalée/)).toBeTruthy();
    await user.click(screen.getByLabelText("Demande d'argent ou arnaque"));
    await user.type(detailsField(), "On m'a demandé 15 000 F pour le dossier.");
    await send(user);

    expect(await screen.findByRole("heading", { level: 1, name: "Merci pour votre signalement" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Un conseiller va l'examiner.");
    expect(screen.getByRole("link", { name: "Voir les autres offres" }).getAttribute("href")).toBe("/offres");
    expect(reportsOf(offer.id)).toMatchObject([
      { reason: "money", details: "On m'a demandé 15 000 F pour le dossier.", reporterId: null, status: "open" },
    ]);
  });

  it("records who reported when logged in (for the daily limit), never shown to the employer", async () => {
    const db = getDb();
    const offer = newOffer("Plongeur");
    const awa = await insertUser(db, { role: "candidat" });
    const response = (await post(
      offer.id,
      { reason: "fake", details: "" },
      "41.73.10.2",
      await sessionCookieFor(db, awa.id),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/offres/${offer.id}/signaler`);
    expect(await followRedirect(response, loader, { params: { offerId: String(offer.id) } })).toMatchObject({
      thanks: true,
    });
    expect(reportsOf(offer.id)).toMatchObject([{ reason: "fake", details: null, reporterId: awa.id }]);
  });

  it("thanks a robot that filled the hidden field, and stores nothing", async () => {
    const offer = newOffer("Caissière");
    const user = await renderReport(offer.id, "41.73.10.3");
    const trap = screen.getByLabelText("Ne pas remplir") as HTMLInputElement;
    expect(trap.tabIndex).toBe(-1);
    expect(trap.getAttribute("autocomplete")).toBe("off");
    fireEvent.change(trap, { target: { value: "http://spam.example" } });
    await user.click(screen.getByLabelText("Fausse offre"));
    await send(user);
    expect(await screen.findByRole("heading", { name: "Merci pour votre signalement" })).toBeTruthy();
    expect(reportsOf(offer.id)).toEqual([]);
  });

  it("asks for details when the reason is `other`, with 400 and the choice kept", async () => {
    const offer = newOffer("Vendeur ambulant");
    const user = await renderReport(offer.id, "41.73.10.4");
    await user.click(screen.getByLabelText("Autre"));
    await send(user);
    expect(
      await screen.findByText("Vous avez choisi « Autre » : expliquez le problème en quelques mots."),
    ).toBeTruthy();
    expect(errorOf(detailsField())).toBe("Vous avez choisi « Autre » : expliquez le problème en quelques mots.");
    expect((screen.getByLabelText("Autre") as HTMLInputElement).checked).toBe(true);
    expect(reportsOf(offer.id)).toEqual([]);

    const result = (await post(offer.id, { reason: "other", details: "  " }, "41.73.10.4")) as unknown as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ details: "moderation:report.errors.detailsRequired" });
  });

  it("asks for a reason when none is chosen (or one not in the list)", async () => {
    const offer = newOffer("Pâtissier");
    const user = await renderReport(offer.id, "41.73.10.5");
    await send(user);
    expect(await screen.findByText("Choisissez le problème dans la liste.")).toBeTruthy();
    for (const reason of ["", "spam", "money' OR 1=1 --"]) {
      const result = (await post(offer.id, { reason, details: "x" }, "41.73.10.5")) as unknown as Result;
      expect(result.init?.status, reason).toBe(400);
    }
    expect(reportsOf(offer.id)).toEqual([]);
  });

  it("refuses 10 000 characters of details: 400, « trop long », text kept", async () => {
    const offer = newOffer("Électricien bâtiment");
    const user = await renderReport(offer.id, "41.73.10.6");
    await user.click(screen.getByLabelText("Discrimination"));
    const long = "Ils ne veulent pas de femmes. ".repeat(345).slice(0, 10_000);
    // What a browser without the maxlength attribute (or a robot) would send.
    fireEvent.change(detailsField(), { target: { value: long } });
    await send(user);
    expect(await screen.findByText(/trop long/)).toBeTruthy();
    expect(errorOf(detailsField())).toBe("Ce texte est trop long : 2 000 caractères au plus.");
    expect(detailsField().value).toBe(long);
    const result = (await post(
      offer.id,
      { reason: "discrimination", details: long },
      "41.73.10.6",
    )) as unknown as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.values.details).toBe(long);
    expect(reportsOf(offer.id)).toEqual([]);
  });

  it("stores `<script>` and SQL in the details as plain text", async () => {
    const offer = newOffer("Agent de sécurité");
    const details = `<script>alert("baara")</script> '); DELETE FROM offers; --`;
    const response = (await post(offer.id, { reason: "fake", details }, "41.73.10.7")) as Response;
    expect(response.status).toBe(302);
    expect(reportsOf(offer.id)).toMatchObject([{ details }]);
    expect(getDb().select().from(offers).all().length).toBeGreaterThan(1);
  });

  it("refuses the sixth report from one address in a day: 429, a message, Retry-After, the form kept", async () => {
    const targets = [1, 2, 3, 4, 5, 6].map((i) => newOffer(`Manœuvre ${i}`));
    for (const offer of targets.slice(0, 5)) {
      expect(((await post(offer.id, { reason: "money" }, "41.73.10.8")) as Response).status).toBe(302);
    }
    const refused = (await post(
      targets[5]!.id,
      { reason: "money", details: "Encore une arnaque" },
      "41.73.10.8",
    )) as unknown as Result;
    expect(refused.init?.status).toBe(429);
    const retryAfter = Number(new Headers(refused.init?.headers).get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(86_000);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(refused.data.values).toMatchObject({ reason: "money", details: "Encore une arnaque" });
    expect(reportsOf(targets[5]!.id)).toEqual([]);

    const user = await renderReport(targets[5]!.id, "41.73.10.8");
    await user.click(screen.getByLabelText("Demande d'argent ou arnaque"));
    await user.type(detailsField(), "Frais de dossier");
    await send(user);
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Vous avez déjà envoyé beaucoup de signalements aujourd'hui.",
    );
    expect(detailsField().value).toBe("Frais de dossier");
  });

  it("answers 404 for an unknown, malformed or unpublished offer (form and action)", async () => {
    const draft = newOffer("Brouillon secret", "draft");
    const held = newOffer("Offre retenue", "pending");
    for (const id of [999_999, "abc", "-3", "1 OR 1=1", draft.id, held.id]) {
      expect(await statusThrownBy(get(id)), String(id)).toBe(404);
      expect(await statusThrownBy(post(id, { reason: "money" }, "41.73.10.9")), String(id)).toBe(404);
    }
    expect(reportsOf(draft.id)).toEqual([]);
    // A counsellor, who can read a held offer, may report it too.
    const counsellor = await insertUser(getDb(), { role: "conseiller" });
    await expect(get(held.id, "", await sessionCookieFor(getDb(), counsellor.id))).resolves.toMatchObject({
      offer: { title: "Offre retenue" },
    });
  });

  it("still thanks the third reporter once the reports have suspended the offer", async () => {
    const offer = newOffer("Aide ménagère");
    let last: unknown;
    for (const ip of ["41.73.11.1", "41.73.11.2", "41.73.11.3"])
      last = await post(offer.id, { reason: "trafficking" }, ip, await accountCookie(30));
    expect(getDb().select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("pending");
    expect(await statusThrownBy(get(offer.id))).toBe(404);
    await expect(followRedirect(last, loader, { params: { offerId: String(offer.id) } })).resolves.toMatchObject({
      thanks: true,
      offer: null,
    });
  });

  it("a visitor and two accounts made today, from one address, are thanked but leave the offer online", async () => {
    const offer = newOffer("Gardien de nuit");
    await post(offer.id, { reason: "money" }, "41.73.12.1");
    for (let i = 0; i < 2; i++) {
      const response = (await post(offer.id, { reason: "money" }, "41.73.12.1", await accountCookie(0))) as Response;
      expect(response.headers.get("Location")).toBe(`/offres/${offer.id}/signaler`);
      expect(await followRedirect(response, loader, { params: { offerId: String(offer.id) } })).toMatchObject({
        thanks: true,
      });
    }
    expect(reportsOf(offer.id)).toHaveLength(3);
    expect(getDb().select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
    await expect(get(offer.id)).resolves.toMatchObject({ offer: { title: "Gardien de nuit" } });
  });

  it("speaks English", async () => {
    const offer = newOffer("Night watchman");
    const user = await renderReport(offer.id, "41.73.10.10", "en");
    expect(screen.getByRole("heading", { level: 1, name: "Report an offer" })).toBeTruthy();
    expect(screen.getByText(/the employer will never know who reported it/)).toBeTruthy();
    await user.click(screen.getByLabelText("Other"));
    await user.click(screen.getByRole("button", { name: "Send the report" }));
    expect(await screen.findByText('You chose "Other": explain the problem in a few words.')).toBeTruthy();
    await user.type(screen.getByLabelText("Details"), "Asked me to bring my passport.");
    await user.click(screen.getByRole("button", { name: "Send the report" }));
    expect(await screen.findByRole("heading", { name: "Thank you for your report" })).toBeTruthy();
    expect(within(screen.getByRole("status")).getByText(/A counsellor will look at it/)).toBeTruthy();
  });
});
