// @vitest-environment jsdom
// An offer's keypad code on the web: the public offer page tells a visitor without internet how to apply by
// SMS or USSD, and the employer's own offer page shows the code to copy onto a poster. Only while the offer is
// published (and, on the public page, open); another organisation's employer never sees it.
import { render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OfferKeypadCode } from "../../app/components/OfferKeypadCode";
import { ensureShortCode } from "../../app/models/offer-codes.server";
import EditOffer, { loader as editLoader } from "../../app/routes/employeur.offres.$offerId";
import OfferPage, { loader as offerLoader } from "../../app/routes/offres.$offerId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { insertEmployer, insertOffer, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import { as, callRoute, outcomeStatus, renderStub } from "../helpers/route";

const ids = { open: 0, pastClosing: 0, draft: 0, uncoded: 0 };
const codes = { open: "", pastClosing: "" };
const cookies = { owner: "", other: "", candidate: "" };

beforeAll(async () => {
  const db = getDb();
  const owner = await insertEmployer(db, "verified", "Atelier Coulibaly Couture");
  const other = await insertEmployer(db, "verified", "Boutique Traoré");
  const candidate = await registerCandidate(db, { phone: "70 41 41 41" });
  ids.open = insertOffer(db, { orgId: owner.org.id, title: "Couturière (H/F)" }).id;
  ids.pastClosing = insertOffer(db, {
    orgId: owner.org.id,
    title: "Brodeur",
    closingDate: addDays(isoToday(), -2),
  }).id;
  ids.draft = insertOffer(db, { orgId: owner.org.id, title: "Repasseur (brouillon)", status: "draft" }).id;
  // Published before codes existed and not yet given one by the migration.
  ids.uncoded = insertOffer(db, { orgId: owner.org.id, title: "Teinturière" }).id;
  codes.open = ensureShortCode(db, ids.open);
  codes.pastClosing = ensureShortCode(db, ids.pastClosing);
  cookies.owner = await sessionCookieFor(db, owner.user.id);
  cookies.other = await sessionCookieFor(db, other.user.id);
  cookies.candidate = await sessionCookieFor(db, candidate.id);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function renderPublic(offerId: number, cookie?: string, lng: Locale = "fr") {
  const page = { path: "/offres/:offerId", Component: OfferPage, loader: as(cookie, offerLoader) };
  await renderStub([page], `/offres/${offerId}`, { lng });
  await screen.findByRole("heading", { level: 1 });
}

async function renderOwn(offerId: number) {
  const page = { path: "/employeur/offres/:offerId", Component: EditOffer, loader: as(cookies.owner, editLoader) };
  await renderStub([page], `/employeur/offres/${offerId}`);
  await screen.findByRole("heading", { level: 1 });
}

const keypadBox = () => screen.queryByRole("region", { name: /internet/i });

describe("the public offer page", () => {
  it("tells a visitor how to apply without internet: POSTULER and the code by SMS, or the USSD menu", async () => {
    await renderPublic(ids.open);
    const box = keypadBox();
    expect(box?.textContent).toBe(`Sans internet ?Envoyez POSTULER ${codes.open} au 36 22 ou composez *384*22#.`);
    expect(codes.open).toMatch(/^\d{4,6}$/);
  });

  it("says it in English, and with the numbers the operator's agreement gives", async () => {
    vi.stubEnv("USSD_CODE", "*123*45#");
    vi.stubEnv("SMS_NUMBER", "38 00");
    await renderPublic(ids.open, cookies.candidate, "en");
    expect(keypadBox()?.textContent).toBe(`No internet?Text APPLY ${codes.open} to 38 00 or dial *123*45#.`);
  });

  it("shows no code for an offer past its closing date (its employer still sees the page), nor one without a code", async () => {
    await renderPublic(ids.pastClosing, cookies.owner);
    expect(screen.getByText(/sa date de clôture est passée/)).toBeTruthy();
    expect(keypadBox()).toBeNull();
    expect(document.body.textContent).not.toContain(codes.pastClosing);
    await renderPublic(ids.uncoded);
    expect(keypadBox()).toBeNull();
  });
});

describe("the employer's own offer page", () => {
  it("shows the published offer's code large, to write on a poster, with how people use it", async () => {
    await renderOwn(ids.open);
    expect(screen.getByTestId("offer-keypad-code").textContent).toBe(codes.open);
    expect(screen.getByText(/Écrivez-le sur votre affiche/).textContent).toBe(
      `Écrivez-le sur votre affiche : sans internet, on postule en envoyant POSTULER ${codes.open} au 36 22 ou en composant *384*22#.`,
    );
  });

  it("shows no code for a draft", async () => {
    await renderOwn(ids.draft);
    expect(screen.queryByTestId("offer-keypad-code")).toBeNull();
  });

  it("refuses another organisation's employer (404) and a candidate (403), so neither learns the code", async () => {
    const path = `/employeur/offres/${ids.open}`;
    const params = { offerId: String(ids.open) };
    expect(await outcomeStatus(callRoute(editLoader, path, { cookie: cookies.other, params }))).toBe(404);
    expect(await outcomeStatus(callRoute(editLoader, path, { cookie: cookies.candidate, params }))).toBe(403);
  });
});

describe("in Bamanankan", () => {
  it("uses the Bambara keyword SEBEN and the standard orthography", async () => {
    const i18n = await createTestI18n("bm");
    const keypad = { code: "4071", ussdCode: "*384*22#", smsNumber: "36 22" };
    render(
      <WithI18n i18n={i18n}>
        <OfferKeypadCode keypad={keypad} />
      </WithI18n>,
    );
    const box = screen.getByRole("region");
    expect(box.textContent).toBe("Ɛntɛrinɛti tɛ i bolo wa?SEBEN 4071 ci 36 22 ma walima ka *384*22# wele.");
  });
});
