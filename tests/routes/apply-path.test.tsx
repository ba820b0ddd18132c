// @vitest-environment jsdom
// One straight path to an application: a visitor meets a gate naming the offer (log in there,
// or create an account that comes back); a candidate whose profile is incomplete goes to
// complete it and comes back to the form with their message kept.
// Bad input tried: wrong and empty logins, `<script>`, SQL and 300 characters as an identifier,
// a form posted by a visitor without the login intent, return addresses to other sites or pages,
// a draft cookie of another person, a forged one, a message too long to keep.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { useLocation } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import Profile, { action as profileAction, loader as profileLoader } from "../../app/routes/candidat.profil";
import Apply, { action, loader } from "../../app/routes/offres.$offerId.postuler";
import { getDb } from "../../app/utils/db.server";
import { applications } from "../../db/schema";
import {
  addMember,
  cookieFrom,
  insertOffer,
  insertOrganisation,
  insertUser,
  PASSWORD,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, cookiesAfter, renderRoutes, settled, statusOf, as as withSession } from "../helpers/route";

const ids = { org: 0, kadi: 0, awa: 0 };
const cookies = { kadi: "", awa: "" };

beforeAll(async () => {
  const db = getDb();
  ids.org = insertOrganisation(db, { name: "Boulangerie Sanogo" }).id;
  const employer = await insertUser(db, { role: "employeur", email: "sanogo@boulangerie.ml" });
  addMember(db, employer.id, ids.org);
  // Just registered: a name and a phone, nothing else in the profile.
  const kadi = await registerCandidate(db, { firstName: "Kadiatou", lastName: "Touré", phone: "75 44 33 22" });
  const awa = await registerCandidate(db, { firstName: "Awa", lastName: "Keïta", phone: "76 11 22 44" });
  ids.kadi = kadi.id;
  ids.awa = awa.id;
  cookies.kadi = await sessionCookieFor(db, kadi.id);
  cookies.awa = await sessionCookieFor(db, awa.id);
});

const newOffer = (title: string) => insertOffer(getDb(), { orgId: ids.org, title, region: "segou", commune: "San" }).id;
const applyUrl = (offerId: number) => `/offres/${offerId}/postuler`;

const getApply = (offerId: number, cookie?: string) =>
  settled(callRoute(loader, applyUrl(offerId), { cookie, params: { offerId: String(offerId) } }));
const postApply = (offerId: number, body: Record<string, string>, cookie?: string) =>
  settled(callRoute(action, applyUrl(offerId), { cookie, params: { offerId: String(offerId) }, body }));
const location = (result: unknown) => (result as Response).headers.get("Location");
type Page = { state: string; draft?: { message: string; cv: string } | null; flash?: { message: string } | null };

function Landing() {
  return <h1>{`Mes candidatures ${useLocation().hash}`}</h1>;
}

/** The apply page, the real profile page and the list of applications, for one session (or none). */
function renderPath(url: string, cookie?: string) {
  return renderRoutes(
    [
      {
        path: "/offres/:offerId/postuler",
        Component: Apply,
        loader: withSession(cookie, loader),
        action: withSession(cookie, action),
      },
      {
        path: "/candidat/profil",
        Component: Profile,
        loader: withSession(cookie, profileLoader),
        action: withSession(cookie, profileAction),
      },
      { path: "/candidat/candidatures", Component: Landing },
      { path: "/employeur", Component: () => <h1>Espace employeur</h1> },
    ],
    url,
  );
}

describe("the gate: a visitor on /offres/:offerId/postuler", () => {
  it("names the offer, its employer and its place, and offers logging in and signing up alike", async () => {
    const offerId = newOffer("Boulanger de nuit");
    expect(await getApply(offerId)).toMatchObject({ state: "gate", offer: { title: "Boulanger de nuit" } });
    await renderPath(applyUrl(offerId));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Postuler : Boulanger de nuit");
    expect(screen.getByText("Boulangerie Sanogo · San, Ségou")).toBeTruthy();

    const login = screen.getByRole("region", { name: "J'ai un compte" });
    const register = screen.getByRole("region", { name: "Je n'ai pas de compte" });
    const logIn = within(login).getByRole("button", { name: "Se connecter" });
    const signUp = within(register).getByRole("link", { name: "Créer mon compte" });
    expect(within(login).getByLabelText("Téléphone ou e-mail")).toBeTruthy();
    const href = new URL(signUp.getAttribute("href")!, "http://localhost");
    expect(href.pathname).toBe("/inscription");
    expect(href.searchParams.get("redirectTo")).toBe(applyUrl(offerId));
    // Alike: the same look and size, the full width of their halves.
    expect(signUp.className).toBe(logIn.className);
    expect(logIn.className).toContain("min-h-11");
    expect(screen.queryByRole("button", { name: "Envoyer ma candidature" })).toBeNull();
  });

  it("logs a candidate in on the spot and shows the form; an employer goes to their space", async () => {
    const offerId = newOffer("Vendeuse en boutique");
    const user = await renderPath(applyUrl(offerId));
    await user.type(screen.getByLabelText("Téléphone ou e-mail"), "75 44 33 22");
    await user.type(screen.getByLabelText("Mot de passe"), PASSWORD);
    const loggedIn = await postApply(offerId, { intent: "login", identifier: "75 44 33 22", password: PASSWORD });
    expect(statusOf(loggedIn)).toBe(302);
    expect(location(loggedIn)).toBe(applyUrl(offerId));
    expect(await getApply(offerId, cookieFrom(loggedIn as Response))).toMatchObject({ state: "form" });

    const db = getDb();
    await insertUser(db, { role: "employeur", email: "gerant@sanogo.ml" });
    const employer = await postApply(offerId, { intent: "login", identifier: "gerant@sanogo.ml", password: PASSWORD });
    expect(location(employer)).toBe("/employeur");
  });

  it("refuses a wrong password on the gate itself, keeping the identifier, never the password", async () => {
    const offerId = newOffer("Caissier");
    const user = await renderPath(applyUrl(offerId));
    await user.type(screen.getByLabelText("Téléphone ou e-mail"), "75 44 33 22");
    await user.type(screen.getByLabelText("Mot de passe"), "pas-le-bon");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(await screen.findByText("Identifiant ou mot de passe incorrect.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Postuler : Caissier");
    expect((screen.getByLabelText("Téléphone ou e-mail") as HTMLInputElement).value).toBe("75 44 33 22");
    expect(screen.getByRole("link", { name: "Créer mon compte" })).toBeTruthy();
  });

  it("answers hostile logins with 400 and a message, never a 500 nor a session; the password is not sent back", async () => {
    const offerId = newOffer("Livreur");
    for (const identifier of ["", "<script>alert(1)</script>", "' OR 1=1 --", "7".repeat(300)]) {
      const result = (await postApply(offerId, { intent: "login", identifier, password: "secret-typed" })) as {
        init: ResponseInit;
        data: { values: Record<string, string>; formError?: string; fieldErrors: Record<string, string> };
      };
      expect(statusOf(result), identifier).toBe(400);
      expect(new Headers(result.init.headers).get("Set-Cookie")).toBeNull();
      expect(result.data.formError ?? result.data.fieldErrors.identifier).toBeTruthy();
      expect(JSON.stringify(result.data)).not.toContain("secret-typed");
    }
  });

  it("sends what else a visitor posts (a form left open after the session ended) back to the gate", async () => {
    const offerId = newOffer("Magasinier");
    const bodies: Record<string, string>[] = [{}, { message: "Bonjour", cvFileId: "" }, { intent: "complete-profile" }];
    for (const body of bodies) {
      const result = await postApply(offerId, body);
      expect(statusOf(result)).toBe(302);
      expect(location(result)).toBe(applyUrl(offerId));
    }
    expect(getDb().select().from(applications).where(eq(applications.offerId, offerId)).all()).toEqual([]);
  });
});

describe("completing the profile on the way: the message is kept", () => {
  it("goes from the form to the profile and back, the message and a flash waiting, then sends", async () => {
    const offerId = newOffer("Aide-boulanger");
    const user = await renderPath(applyUrl(offerId), cookies.kadi);
    expect(
      screen.getByText("Il manque 8 informations à votre profil : le compléter aide l'employeur à vous choisir."),
    ).toBeTruthy();
    const message = "Je pétris le pain depuis 2 ans à San.\nDisponible la nuit.";
    await user.type(screen.getByLabelText("Votre message à l'employeur (facultatif)"), message);
    await user.click(screen.getByRole("button", { name: "Compléter mon profil" }));

    await screen.findByRole("heading", { level: 1, name: "Mon profil" });
    expect(screen.getByText(/vous reviendrez à votre candidature, avec votre message/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Revenir à ma candidature sans enregistrer" }).getAttribute("href")).toBe(
      applyUrl(offerId),
    );
    await user.selectOptions(screen.getByLabelText("Région"), "segou");
    await user.click(screen.getByRole("button", { name: "Enregistrer mon profil" }));
    // The profile page is a long form: jsdom takes a few seconds to render it and the way back.
    await screen.findByText("Profil enregistré — vous pouvez envoyer votre candidature.", {}, { timeout: 15_000 });
    const field = screen.getByLabelText("Votre message à l'employeur (facultatif)") as HTMLTextAreaElement;
    expect(field.value).toBe(message);
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));
    await screen.findByRole("heading", { name: /^Mes candidatures #candidature-\d+$/ });
    const rows = getDb().select().from(applications).where(eq(applications.offerId, offerId)).all();
    expect(rows).toMatchObject([{ candidateId: ids.kadi, message }]);
  });

  it("keeps the draft in a signed cookie of the offer's pages, for this account only, until it is sent", async () => {
    const offerId = newOffer("Pâtissier");
    const left = await postApply(
      offerId,
      { intent: "complete-profile", message: "Bonjour", cvFileId: "" },
      cookies.kadi,
    );
    expect(statusOf(left)).toBe(302);
    expect(location(left)).toBe(`/candidat/profil?retour=${applyUrl(offerId)}`);
    const setCookie = (left as Response).headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^baara_apply_draft=/);
    expect(setCookie).toContain(`Path=/offres/${offerId};`);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).not.toContain("Bonjour");

    const withDraft = cookiesAfter(left, cookies.kadi);
    expect((await getApply(offerId, withDraft)) as Page).toMatchObject({
      state: "form",
      draft: { message: "Bonjour", cv: "none" },
    });
    // Another person on the same phone, the same cookie sent with their session: nothing.
    const draftOnly = withDraft.replace(cookies.kadi, "");
    expect(((await getApply(offerId, `${cookies.awa}${draftOnly}`)) as Page).draft).toBeNull();
    // Another offer's page, a forged or altered cookie: nothing.
    expect(((await getApply(newOffer("Autre"), withDraft)) as Page).draft).toBeNull();
    for (const forged of ["baara_apply_draft=eyJ4IjoxfQ", `${draftOnly.trim().slice(2, -3)}AAA`]) {
      expect(((await getApply(offerId, `${cookies.kadi}; ${forged}`)) as Page).draft, forged).toBeNull();
    }

    const sent = await postApply(offerId, { message: "Bonjour", cvFileId: "" }, withDraft);
    expect(statusOf(sent)).toBe(302);
    expect((sent as Response).headers.get("Set-Cookie")).toMatch(/^baara_apply_draft=;.*Max-Age=0/);
  });

  it("goes to the CV section with 'Ajouter ou changer mon CV', and comes back with the new CV chosen", async () => {
    const offerId = newOffer("Vendeur de pain");
    const left = await postApply(offerId, { intent: "add-cv", message: "Mon CV suit", cvFileId: "" }, cookies.kadi);
    expect(location(left)).toBe(`/candidat/profil?retour=${applyUrl(offerId)}#cv`);
    const back = await getApply(offerId, cookiesAfter(left, cookies.kadi));
    expect(back).toMatchObject({ draft: { message: "Mon CV suit", cv: "attach" } });
  });

  it("refuses a message too long to keep, and a refused message, on the form with what was typed", async () => {
    const offerId = newOffer("Chauffeur-livreur");
    // 2 000 Chinese characters: allowed in an application, too big for a cookie even compressed.
    const wide = Array.from({ length: 2000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join("");
    const tooWide = (await postApply(
      offerId,
      { intent: "complete-profile", message: wide, cvFileId: "" },
      cookies.kadi,
    )) as {
      init: ResponseInit;
      data: { formError: string; values: Record<string, string> };
    };
    expect(statusOf(tooWide)).toBe(413);
    expect(tooWide.data).toMatchObject({ formError: "apply:errors.draftTooLong", values: { message: wide } });
    // 2 000 characters of French, of N'Ko or of hostile text are kept.
    for (const message of [
      "Je suis boulanger à Ségou, sérieux et ponctuel. ".repeat(45).slice(0, 2000),
      "ߒ߬ ߓߊ߯ ߓߊ߯ߙߊ ߞߍ߫ ".repeat(200).slice(0, 2000),
      `<script>alert(1)</script> '; DROP TABLE applications; -- ${"é".repeat(1900)}`,
    ]) {
      const kept = await postApply(offerId, { intent: "complete-profile", message, cvFileId: "" }, cookies.kadi);
      expect(statusOf(kept), message.slice(0, 20)).toBe(302);
      const page = (await getApply(offerId, cookiesAfter(kept, cookies.kadi))) as Page;
      expect(page.draft?.message).toBe(message.trim());
    }
    const refused = await postApply(offerId, { intent: "complete-profile", message: "x".repeat(2001) }, cookies.kadi);
    expect(statusOf(refused)).toBe(400);
    expect((refused as { data: { fieldErrors: object } }).data.fieldErrors).toEqual({
      message: "applications:errors.messageTooLong",
    });
  });
});

describe("/candidat/profil?retour=: back to the application", () => {
  const profileForm = {
    intent: "profile.save",
    firstName: "Kadiatou",
    lastName: "Touré",
    sex: "f",
    region: "segou",
    commune: "San",
  };
  const postProfile = (url: string, body: Record<string, string> = profileForm, cookie = cookies.kadi) =>
    settled(callRoute(profileAction, url, { cookie, body }));

  it("returns to the apply form after saving, with a flash saying the application can be sent", async () => {
    const offerId = newOffer("Boulanger (retour)");
    const page = (await callRoute(profileLoader, `/candidat/profil?retour=${applyUrl(offerId)}`, {
      cookie: cookies.kadi,
    })) as { returnTo?: string } & { data?: { returnTo?: string } };
    expect(page.data?.returnTo ?? page.returnTo).toBe(applyUrl(offerId));
    const saved = await postProfile(`/candidat/profil?retour=${encodeURIComponent(applyUrl(offerId))}`);
    expect(location(saved)).toBe(applyUrl(offerId));
    const back = (await getApply(offerId, cookiesAfter(saved, cookies.kadi))) as { data: Page };
    expect(back.data).toMatchObject({ state: "form", flash: { message: "apply:notice.profileSaved" } });
  });

  it("refuses a return to another site or another page: the profile page stays where it is", async () => {
    for (const retour of [
      "//evil.example/offres/1/postuler",
      "https://evil.example/offres/1/postuler",
      "/\\evil.example",
      "javascript:alert(1)",
      "/offres/1/postuler/../../../admin",
      "/offres/1/postuler?next=//evil.example",
      "/offres/abc/postuler",
      "/offres/0/postuler",
      "/admin",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "/offres/1/postuler".repeat(200),
    ]) {
      const url = `/candidat/profil?${new URLSearchParams({ retour })}`;
      const page = (await callRoute(profileLoader, url, { cookie: cookies.kadi })) as {
        returnTo?: string | null;
        data?: { returnTo?: string | null };
      };
      expect(page.data?.returnTo ?? page.returnTo, retour).toBeNull();
      expect(location(await postProfile(url)), retour).toBe("/candidat/profil");
    }
  });

  it("keeps the return address through a refused profile form, and shows no return notice without one", async () => {
    const offerId = newOffer("Boulanger (erreur)");
    await renderPath(`/candidat/profil?retour=${applyUrl(offerId)}`, cookies.kadi);
    const form = screen.getByRole("button", { name: "Enregistrer mon profil" }).closest("form")!;
    expect(form.getAttribute("action")).toBe(`/candidat/profil?retour=${applyUrl(offerId)}`);
    const refused = await postProfile(`/candidat/profil?retour=${applyUrl(offerId)}`, {
      ...profileForm,
      firstName: "",
    });
    expect(statusOf(refused)).toBe(400);
    document.body.innerHTML = "";

    await renderPath("/candidat/profil", cookies.kadi);
    expect(screen.queryByRole("link", { name: "Revenir à ma candidature sans enregistrer" })).toBeNull();
  });
});
