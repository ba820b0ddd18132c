// @vitest-environment jsdom
// /conseiller/offres/:offerId/correspondances: the candidates who fit an offer,
// with their reasons in words, and "Proposer" in one click.
// Bad input tried: unknown and malformed offer ids, an unknown candidate id, an
// SQL fragment as id, an unknown intent, a closed offer, referring twice, and
// a candidate or employer calling the loader and the action.
import { screen, within } from "@testing-library/react";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import Matches, { action, loader } from "../../app/routes/conseiller.offres.$offerId.correspondances";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { applications } from "../../db/schema";
import { insertCounselledCandidate, insertMatchingOffer } from "../helpers/counsellor";
import {
  insertCounsellor,
  insertOrganisation,
  registerCandidate,
  registerEmployer,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, type Handler, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "" };
const ids = { counsellor: 0, adama: 0, bakary: 0, sory: 0, offer: 0, closed: 0 };

beforeAll(async () => {
  const db = getDb();
  const counsellor = await insertCounsellor(db, "OIM Mali");
  const org = insertOrganisation(db, { name: "Bâtiments Koné" });
  const offer = insertMatchingOffer(db, org.id, {
    title: "Maçon qualifié",
    minEducation: "bt",
    languages: ["fr", "bm"],
  });
  const closed = insertMatchingOffer(db, org.id, { title: "Maçon (fermée)", status: "closed" });
  const adama = insertCounselledCandidate(db, {
    firstName: "Adama",
    lastName: "Koné",
    trades: ["macon", "carreleur"],
    region: "koulikoro",
    educationLevel: "bt",
    languages: ["fr"],
    availability: "immediate",
  });
  const bakary = insertCounselledCandidate(db, {
    firstName: "Bakary",
    lastName: "Diallo",
    trades: ["macon"],
    region: "koulikoro",
    commune: "Kalaban Coro",
    educationLevel: "bac",
  });
  const sory = insertCounselledCandidate(db, {
    firstName: "Sory",
    lastName: "Bah",
    trades: ["macon"],
    region: "koulikoro",
    educationLevel: "def",
  });
  Object.assign(ids, {
    counsellor: counsellor.id,
    adama: adama.id,
    bakary: bakary.id,
    sory: sory.id,
    offer: offer.id,
    closed: closed.id,
  });
  cookies.candidat = await sessionCookieFor(db, (await registerCandidate(db, { phone: "70 40 50 71" })).id);
  cookies.employeur = await sessionCookieFor(db, (await registerEmployer(db, { email: "patron@kone.ml" })).id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
});

const url = (offerId: number | string) => `/conseiller/offres/${offerId}/correspondances`;
type Result = { data: { fieldErrors: Record<string, string> }; init: ResponseInit | null };

const call = (
  fn: typeof loader | typeof action,
  offerId: string,
  cookie = cookies.conseiller,
  body?: URLSearchParams,
): Promise<unknown> => callRoute(fn as Handler, url(offerId), { cookie, params: { offerId }, body });

/** The counsellor refers a candidate to an offer, as the card's button posts it. */
const refer = (offerId: number | string, candidateId: number | string) =>
  call(
    action,
    String(offerId),
    cookies.conseiller,
    new URLSearchParams({ intent: "refer", candidateId: String(candidateId) }),
  );

async function renderMatches(offerId: number, lng: Locale = "fr") {
  const { conseiller } = cookies;
  const page = {
    path: "/conseiller/offres/:offerId/correspondances",
    Component: Matches,
    loader: as(conseiller, loader, {}),
    action: as(conseiller, action, {}),
  };
  return renderRoutes([page], url(offerId), { lng });
}

const card = (name: string) => screen.getByRole("link", { name }).closest("li") as HTMLElement;

describe("/conseiller/offres/:offerId/correspondances", () => {
  it("lists the candidates who fit, best first, with the reasons in French", async () => {
    await renderMatches(ids.offer);
    expect(screen.getByRole("heading", { level: 1, name: "Candidats pour « Maçon qualifié »" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "2 personnes correspondent" })).toBeTruthy();
    const names = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    // Adama: 40 + 12 (tiler, a trade of the sector) + 15 + 8 + 4 + 6 = 85; Bakary: 40 + 25 + 8 = 73.
    expect(names).toEqual(["Adama Koné", "Bakary Diallo"]);
    expect(
      within(card("Bakary Diallo")).getByText("même métier (Maçon) · même commune (Kalaban Coro) · niveau Bac"),
    ).toBeTruthy();
    expect(
      within(card("Adama Koné")).getByText(
        "même métier (Maçon) · 1 compétence en commun · même région · niveau BT · 1 langue en commun · disponible tout de suite",
      ),
    ).toBeTruthy();
    // Below the minimum education: not listed.
    expect(screen.queryByRole("link", { name: "Sory Bah" })).toBeNull();
  });

  it("gives the reasons in English", async () => {
    await renderMatches(ids.offer, "en");
    expect(screen.getByRole("heading", { level: 1, name: "Candidates for « Maçon qualifié »" })).toBeTruthy();
    expect(
      within(card("Adama Koné")).getByText(
        "same trade (Mason) · 1 skill in common · same region · Technician certificate (BT) level · 1 language in common · available now",
      ),
    ).toBeTruthy();
  });

  it("refers a candidate once confirmed: a channel-counsellor application, and they leave the list", async () => {
    const user = await renderMatches(ids.offer);
    await user.click(within(card("Adama Koné")).getByRole("button", { name: "Proposer Adama Koné" }));
    // First a confirmation: who goes to which offer, and nothing sent yet.
    const confirm = (await screen.findByRole("heading", { name: "Confirmer la candidature proposée" })).closest(
      "section",
    ) as HTMLElement;
    expect(within(confirm).getByText("Adama Koné")).toBeTruthy();
    expect(within(confirm).getByText(/Aucun message ni CV joint/)).toBeTruthy();
    expect(within(confirm).getByRole("link", { name: "Modifier" }).getAttribute("href")).toBe(url(ids.offer));
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.adama)).all()).toEqual([]);
    await user.click(within(confirm).getByRole("button", { name: "Confirmer l'envoi" }));
    expect((await screen.findByRole("status")).textContent).toBe("La candidature est envoyée à l'employeur.");
    expect(screen.queryByRole("link", { name: "Adama Koné" })).toBeNull();
    const application = getDb()
      .select()
      .from(applications)
      .where(and(eq(applications.offerId, ids.offer), eq(applications.candidateId, ids.adama)))
      .get();
    expect(application).toMatchObject({ channel: "counsellor", referredBy: ids.counsellor, status: "submitted" });

    const twice = (await refer(ids.offer, ids.adama)) as unknown as Result;
    expect(twice.init?.status).toBe(400);
    expect(twice.data.fieldErrors.form).toBe("counsellor:errors.alreadyApplied");
  });

  it("reviews a referral without sending it, refuses a review that could not be sent, and never sends twice", async () => {
    const review = (candidateId: number) =>
      call(
        action,
        String(ids.offer),
        cookies.conseiller,
        new URLSearchParams({ intent: "review", candidateId: String(candidateId) }),
      ) as unknown as Promise<Result & { data: { review?: { candidate: { name: string }; send: string } } }>;
    const shown = await review(ids.sory);
    expect(shown.data.review).toMatchObject({ candidate: { name: "Sory Bah" }, send: "refer" });
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.sory)).all()).toEqual([]);
    // The confirmation posted twice (a replay, a double tap) sends one application.
    await refer(ids.offer, ids.sory);
    const replay = (await refer(ids.offer, ids.sory)) as unknown as Result;
    expect(replay.data.fieldErrors.form).toBe("counsellor:errors.alreadyApplied");
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.sory)).all()).toHaveLength(1);
    const again = await review(ids.sory);
    expect(again.init?.status).toBe(400);
    expect(again.data.review).toBeUndefined();
    expect((await review(999999)).init?.status).toBe(404);
  });

  it("shows a closed offer's list but cannot refer anyone, and says why", async () => {
    await renderMatches(ids.closed);
    expect(screen.getByText(/Cette offre n'accepte pas de candidatures \(Fermée\)/)).toBeTruthy();
    for (const button of screen.getAllByRole("button", { name: /^Proposer/ }))
      expect((button as HTMLButtonElement).disabled).toBe(true);
    const refused = (await refer(ids.closed, ids.bakary)) as unknown as Result;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.fieldErrors.form).toBe("counsellor:errors.offerNotOpen");
  });

  it("answers 404 for an unknown or malformed offer, and for an unknown candidate", async () => {
    for (const offerId of ["999999", "abc", "0", "1 OR 1=1"]) {
      expect((await thrownBy(() => call(loader, offerId))).init?.status, offerId).toBe(404);
    }
    for (const offerId of ["abc", "0", "-4", "1 OR 1=1"]) {
      expect((await thrownBy(() => refer(offerId, ids.bakary))).init?.status, offerId).toBe(404);
    }
    // An offer that does not exist accepts no application either.
    const gone = (await refer("999999", ids.bakary)) as unknown as Result;
    expect(gone.data.fieldErrors.form).toBe("counsellor:errors.offerNotOpen");
    const unknown = (await refer(ids.offer, "999999")) as unknown as Result;
    expect(unknown.init?.status).toBe(404);
    for (const body of [
      { intent: "refer", candidateId: "1; DROP TABLE users" },
      { intent: "hire", candidateId: String(ids.bakary) },
    ]) {
      expect(
        ((await call(action, String(ids.offer), cookies.conseiller, new URLSearchParams(body))) as unknown as Result)
          .init?.status,
      ).toBe(400);
    }
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.bakary)).all()).toEqual([]);
  });

  it.each(["candidat", "employeur"] as const)("a %s gets 403 from the loader and the action", async (role) => {
    expect((await thrownBy(() => call(loader, String(ids.offer), cookies[role]))).init?.status).toBe(403);
    for (const intent of ["review", "refer"]) {
      const body = new URLSearchParams({ intent, candidateId: String(ids.bakary) });
      expect((await thrownBy(() => call(action, String(ids.offer), cookies[role], body))).init?.status).toBe(403);
    }
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.bakary)).all()).toEqual([]);
  });
});
