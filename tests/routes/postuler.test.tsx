// @vitest-environment jsdom
// /offres/:offerId/postuler: a candidate applies once, with or without a CV, and sees
// what the employer will see. Bad input tried: a 5 000-character message, `<script>` and
// an SQL fragment in the message, another candidate's CV id, a CV id that is not a number,
// a second attempt, two racing submissions, a 31st application in a day, closed, filled,
// expired, unpublished and unknown offers, a visitor and an employer.
import { fireEvent, screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { useLocation } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { storeCv } from "../../app/models/files.server";
import OfferPage, { loader as offerLoader } from "../../app/routes/offres.$offerId";
import Apply, { action, loader } from "../../app/routes/offres.$offerId.postuler";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { applicationEvents, applications, candidateProfiles, candidateTrades } from "../../db/schema";
import {
  addMember,
  insertApplication,
  insertOffer,
  insertOrganisation,
  insertUser,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, errorOf, renderRoutes, statusOf, thrownBy, as as withSession } from "../helpers/route";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

const ids = { org: 0, awa: 0, moussa: 0, moussaCv: 0, awaCv: 0 };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  ids.org = insertOrganisation(db, { name: "Atelier Coulibaly Soudure" }).id;
  const employer = await insertUser(db, { role: "employeur", email: "bakary@coulibaly.ml" });
  addMember(db, employer.id, ids.org);
  const awa = await registerCandidate(db, { firstName: "Awa", lastName: "Keïta", phone: "76 11 22 33" });
  const moussa = await registerCandidate(db, { firstName: "Moussa", lastName: "Diallo", phone: "66 11 22 33" });
  ids.awa = awa.id;
  ids.moussa = moussa.id;
  // Awa's profile holds sensitive answers that the employer must never see.
  db.update(candidateProfiles)
    .set({
      region: "bamako",
      commune: "Commune IV",
      educationLevel: "cap",
      skills: "Soudure à l'arc",
      languages: ["fr", "bm"],
      experienceYears: 3,
      birthDate: "2003-05-14",
      migrantStatus: "returnee",
      disability: "motor",
    })
    .where(eq(candidateProfiles.userId, awa.id))
    .run();
  db.insert(candidateTrades).values({ userId: awa.id, trade: "soudeur" }).run();
  const awaCv = storeCv(db, awa.id, { name: "cv-awa.pdf", bytes: PDF });
  const moussaCv = storeCv(db, moussa.id, { name: "cv-moussa.pdf", bytes: PDF });
  if (!awaCv.ok || !moussaCv.ok) throw new Error("CV not stored");
  ids.awaCv = awaCv.fileId;
  ids.moussaCv = moussaCv.fileId;
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.moussa = await sessionCookieFor(db, moussa.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
  cookies.counsellor = await sessionCookieFor(db, (await insertUser(db, { role: "conseiller" })).id);
});

const newOffer = (title: string, values: Partial<Parameters<typeof insertOffer>[1]> = {}) =>
  insertOffer(getDb(), { orgId: ids.org, title, ...values }).id;

function Landing() {
  const location = useLocation();
  return <h1>{`Mes candidatures ${location.hash}`}</h1>;
}

async function renderApply(offerId: number | string, as: string | undefined, lng: Locale = "fr") {
  const cookie = as ? cookies[as] : undefined;
  const routes = [
    {
      path: "/offres/:offerId/postuler",
      Component: Apply,
      loader: withSession(cookie, loader),
      action: withSession(cookie, action),
      ErrorBoundary: () => <h1>Erreur</h1>,
    },
    { path: "/candidat/candidatures", Component: Landing },
  ];
  return renderRoutes(routes, `/offres/${offerId}/postuler`, { lng });
}

const get = (offerId: number | string, as?: string) =>
  callRoute(loader, `/offres/${offerId}/postuler`, {
    cookie: as ? cookies[as] : undefined,
    params: { offerId: String(offerId) },
  });
const post = (offerId: number | string, fields: Record<string, string>, as?: string) =>
  callRoute(action, `/offres/${offerId}/postuler`, {
    cookie: as ? cookies[as] : undefined,
    params: { offerId: String(offerId) },
    body: new URLSearchParams(fields),
  });
/** The status of what a loader or action threw (a redirect, a 403, a 404). */
async function thrown(promise: Promise<unknown>) {
  const error = await thrownBy(promise);
  return { status: statusOf(error), location: error instanceof Response ? error.headers.get("Location") : null };
}
type Result = {
  data: Record<string, unknown> & {
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
    formError?: string;
  };
  init: ResponseInit | null;
};

const applicationsOf = (offerId: number) =>
  getDb().select().from(applications).where(eq(applications.offerId, offerId)).all();

describe("/offres/:offerId/postuler: who may open it", () => {
  it("shows a visitor the gate, whose login and registration both come back to the form", async () => {
    const offerId = newOffer("Soudeur qualifié");
    expect(await get(offerId)).toMatchObject({ state: "gate", offer: { id: offerId, title: "Soudeur qualifié" } });
    await renderApply(offerId, undefined);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Postuler : Soudeur qualifié");
    const register = new URL(
      screen.getByRole("link", { name: "Créer mon compte" }).getAttribute("href")!,
      "http://localhost",
    );
    expect(register.pathname).toBe("/inscription");
    expect(register.searchParams.get("redirectTo")).toBe(`/offres/${offerId}/postuler`);
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Envoyer ma candidature" })).toBeNull();
  });

  it("refuses employers and counsellors with 403, on the page and on the form", async () => {
    const offerId = newOffer("Aide-soudeur");
    expect((await thrown(get(offerId, "employer"))).status).toBe(403);
    expect((await thrown(get(offerId, "counsellor"))).status).toBe(403);
    expect((await thrown(post(offerId, { message: "", cvFileId: "" }, "employer"))).status).toBe(403);
    expect(applicationsOf(offerId)).toEqual([]);
  });

  it("answers 404 for an unknown, malformed, draft, pending or rejected offer, and one of an unverified employer", async () => {
    const db = getDb();
    const pendingOrg = insertOrganisation(db, { status: "pending" }).id;
    const hidden = [
      newOffer("Brouillon", { status: "draft" }),
      newOffer("En attente", { status: "pending" }),
      newOffer("Refusée", { status: "rejected" }),
      insertOffer(db, { orgId: pendingOrg, title: "Entreprise non vérifiée" }).id,
    ];
    for (const offerId of [...hidden, 999_999, "12abc", "-1"]) {
      expect((await thrown(get(offerId, "awa"))).status, `offer ${offerId}`).toBe(404);
    }
    for (const offerId of hidden) {
      const result = (await post(offerId, { message: "Bonjour", cvFileId: "" }, "awa")) as Result;
      expect(result.init?.status).toBe(409);
      expect(applicationsOf(offerId)).toEqual([]);
    }
  });

  it("explains, with 410, that a closed, filled or expired offer takes no more applications; posting gets 409", async () => {
    const cases = {
      closed: newOffer("Soudeur (fermée)", { status: "closed" }),
      filled: newOffer("Soudeur (pourvue)", { status: "filled" }),
      expired: newOffer("Soudeur (expirée)", { status: "expired" }),
      pastClosing: newOffer("Soudeur (date passée)", { closingDate: addDays(isoToday(), -1) }),
    };
    const texts = {
      closed: "L'employeur a fermé l'offre « Soudeur (fermée) » (Atelier Coulibaly Soudure).",
      filled: "Tous les postes de l'offre « Soudeur (pourvue) » (Atelier Coulibaly Soudure) sont pourvus.",
      expired: "La date limite de l'offre « Soudeur (expirée) » (Atelier Coulibaly Soudure) est passée.",
      pastClosing: "La date limite de l'offre « Soudeur (date passée) » (Atelier Coulibaly Soudure) est passée.",
    };
    for (const [key, offerId] of Object.entries(cases)) {
      const page = (await get(offerId, "awa")) as Result;
      expect(page.init?.status, key).toBe(410);
      await renderApply(offerId, "awa");
      expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Cette offre n'accepte plus de candidatures");
      expect(screen.getByText(texts[key as keyof typeof texts])).toBeTruthy();
      expect(screen.getByRole("link", { name: "Voir les autres offres" }).getAttribute("href")).toBe("/offres");
      expect(screen.queryByRole("button", { name: "Envoyer ma candidature" })).toBeNull();
      document.body.innerHTML = "";

      const result = (await post(offerId, { message: "Bonjour", cvFileId: "" }, "awa")) as Result;
      expect(result.init?.status).toBe(409);
      expect(result.data.formError).toBe("applications:errors.offerNotOpen");
      expect(applicationsOf(offerId)).toEqual([]);
    }
  });
});

describe("/offres/:offerId/postuler: the form", () => {
  it("shows what the employer will see — and says what they will not — with a button to edit the profile", async () => {
    const offerId = newOffer("Soudeur pour portails");
    await renderApply(offerId, "awa");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Postuler : Soudeur pour portails");
    const preview = screen.getByRole("heading", { name: "Ce que l'employeur verra" }).closest("details")!;
    const shown = (label: string) => within(preview).getByText(label).nextElementSibling?.textContent;
    expect(shown("Nom")).toBe("Awa Keïta");
    expect(shown("Téléphone")).toBe("+223 76 11 22 33WhatsApp");
    expect(shown("E-mail")).toBe("Non renseigné");
    expect(shown("Commune")).toBe("Commune IV, District de Bamako");
    expect(shown("Niveau d'études")).toBe("CAP");
    expect(shown("Métiers et savoir-faire")).toBe("Soudeur, Soudure à l'arc");
    expect(shown("Langues parlées")).toBe("Français, Bambara");
    expect(shown("Expérience")).toBe("3 ans");
    expect(shown("Âge")).toMatch(/^(18-24|25-35) ans$/);
    expect(within(preview).getByRole("button", { name: "Modifier mon profil" }).getAttribute("value")).toBe(
      "complete-profile",
    );
    expect(within(preview).getByText("Ce que l'employeur ne verra pas")).toBeTruthy();
    expect(within(preview).getByText(/Votre situation de migrant/)).toBeTruthy();
    expect(within(preview).getByText(/il voit seulement votre tranche d'âge/)).toBeTruthy();
    // The page itself does not print the sensitive answers, nor the birth date.
    expect(document.body.textContent).not.toMatch(/2003|14 mai|returnee|motor/);
    const data = JSON.stringify(await get(offerId, "awa"));
    for (const secret of ["2003-05-14", "returnee", "motor", "migrantStatus", "disability", "birthDate"])
      expect(data).not.toContain(secret);
    // The CV choice: hers (chosen) or none, and a CV is said to be optional.
    expect((screen.getByLabelText("Joindre mon CV (cv-awa.pdf)") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Envoyer sans CV") as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/Le CV n'est pas obligatoire/)).toBeTruthy();
    expect(document.querySelector('input[type="file"]')).toBeNull();
  });

  it("applies without a CV: the application and its first event exist, and the candidate lands on it", async () => {
    const db = getDb();
    const offerId = newOffer("Soudeur de nuit");
    const user = await renderApply(offerId, "awa");
    await user.type(
      screen.getByLabelText("Votre message à l'employeur (facultatif)"),
      "Je soude depuis 3 ans.\nDisponible de suite.",
    );
    await user.click(screen.getByLabelText("Envoyer sans CV"));
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));

    const [row] = applicationsOf(offerId);
    expect(await screen.findByRole("heading", { name: `Mes candidatures #candidature-${row!.id}` })).toBeTruthy();
    expect(row).toMatchObject({
      candidateId: ids.awa,
      status: "submitted",
      channel: "self",
      cvFileId: null,
      message: "Je soude depuis 3 ans.\nDisponible de suite.",
    });
    const events = db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, row!.id)).all();
    expect(events).toMatchObject([{ fromStatus: null, toStatus: "submitted", actorId: ids.awa }]);
  });

  it("applies with the profile's CV and no message (the redirect goes to the application)", async () => {
    const offerId = newOffer("Soudeur chaudronnier");
    const response = (await post(offerId, { message: "   ", cvFileId: String(ids.awaCv) }, "awa")) as Response;
    const [row] = applicationsOf(offerId);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/candidat/candidatures#candidature-${row!.id}`);
    expect(row).toMatchObject({ cvFileId: ids.awaCv, message: null });
  });

  it("refuses a 5 000-character message with 400, says why by the field and keeps the text", async () => {
    const offerId = newOffer("Soudeur bavard");
    const user = await renderApply(offerId, "awa");
    const long = "Je suis motivée. ".repeat(300).slice(0, 5000);
    const field = screen.getByLabelText("Votre message à l'employeur (facultatif)") as HTMLTextAreaElement;
    expect(field.maxLength).toBe(2000);
    // A browser without the limit (or a script) could still send it: the server decides.
    fireEvent.change(field, { target: { value: long } });
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));
    expect(await screen.findByText("Votre message est trop long : 2 000 caractères au plus.")).toBeTruthy();
    const again = screen.getByLabelText("Votre message à l'employeur (facultatif)") as HTMLTextAreaElement;
    expect(again.value).toBe(long);
    expect(errorOf(again)).toBe("Votre message est trop long : 2 000 caractères au plus.");
    expect(again.getAttribute("aria-invalid")).toBe("true");
    expect(applicationsOf(offerId)).toEqual([]);

    const result = (await post(offerId, { message: long, cvFileId: "" }, "awa")) as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.values?.message).toBe(long);
    expect(applicationsOf(offerId)).toEqual([]);
  });

  it("stores `<script>` and SQL in a message as plain text", async () => {
    const offerId = newOffer("Soudeur prudent");
    const message = `<script>alert("x")</script> '); DROP TABLE applications; --`;
    const response = (await post(offerId, { message, cvFileId: "" }, "awa")) as Response;
    expect(response.status).toBe(302);
    expect(applicationsOf(offerId)).toMatchObject([{ message }]);
  });

  it("refuses another candidate's CV, and a CV id that is not a number, with 400 and nothing stored", async () => {
    const offerId = newOffer("Soudeur (CV)");
    const result = (await post(offerId, { message: "Bonjour", cvFileId: String(ids.moussaCv) }, "awa")) as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ cvFileId: "applications:errors.cvNotYours" });
    expect(result.data.values?.message).toBe("Bonjour");
    for (const cvFileId of ["1 OR 1=1", "-3", "abc", "99999999999999999"]) {
      const bad = (await post(offerId, { message: "", cvFileId }, "awa")) as Result;
      expect(bad.init?.status, cvFileId).toBe(400);
    }
    expect(applicationsOf(offerId)).toEqual([]);

    const user = await renderApply(offerId, "awa");
    const radio = screen.getByLabelText("Joindre mon CV (cv-awa.pdf)") as HTMLInputElement;
    radio.value = String(ids.moussaCv); // a tampered form
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));
    expect(
      await screen.findByText("Ce CV n'est pas celui de votre profil. Choisissez votre CV ou envoyez sans CV."),
    ).toBeTruthy();
    expect(applicationsOf(offerId)).toEqual([]);
  });

  it("shows the existing application to a second attempt, with no duplicate — also for two racing submissions", async () => {
    const offerId = newOffer("Soudeur (une fois)");
    const [first, second] = (await Promise.all([
      post(offerId, { message: "Premier envoi", cvFileId: "" }, "moussa"),
      post(offerId, { message: "Double clic", cvFileId: "" }, "moussa"),
    ])) as [Response | Result, Response | Result];
    expect(applicationsOf(offerId)).toHaveLength(1);
    expect([first, second].filter((r) => r instanceof Response && r.status === 302)).toHaveLength(1);
    const answer = [first, second].find((r) => !(r instanceof Response)) as Result;
    expect(answer.init).toBeNull(); // 200: the page shows the application already sent

    await renderApply(offerId, "moussa");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Vous avez déjà postulé");
    const [row] = applicationsOf(offerId);
    expect(screen.getByText("Envoyée")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir ma candidature" }).getAttribute("href")).toBe(
      `/candidat/candidatures#candidature-${row!.id}`,
    );
    expect(screen.queryByRole("button", { name: "Envoyer ma candidature" })).toBeNull();
    const third = (await post(offerId, { message: "Encore", cvFileId: "" }, "moussa")) as Result;
    expect(third.init).toBeNull();
    expect(applicationsOf(offerId)).toMatchObject([{ message: "Premier envoi" }]);
  });

  it("refuses a 31st application in 24 hours with 429, Retry-After and a French message", async () => {
    const db = getDb();
    const busy = await insertUser(db, { role: "candidat", phone: "+22379000031" });
    db.insert(candidateProfiles).values({ userId: busy.id, firstName: "Sidi", lastName: "Maïga" }).run();
    cookies.busy = await sessionCookieFor(db, busy.id);
    for (let i = 0; i < 30; i++)
      insertApplication(db, { offerId: newOffer(`Offre du jour ${i}`), candidateId: busy.id });
    const offerId = newOffer("Trente et unième");
    const result = (await post(offerId, { message: "Bonjour", cvFileId: "" }, "busy")) as Result;
    expect(result.init?.status).toBe(429);
    const retryAfter = Number(new Headers(result.init?.headers).get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(86_000);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(result.data.formError).toBe("applications:errors.dailyLimit");
    expect(applicationsOf(offerId)).toEqual([]);

    const user = await renderApply(offerId, "busy");
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));
    expect(
      await screen.findByText("Vous avez envoyé 30 candidatures en 24 heures, le maximum. Réessayez demain."),
    ).toBeTruthy();
    // Yesterday's applications do not count.
    db.update(applications)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(applications.candidateId, busy.id))
      .run();
    expect(((await post(offerId, { message: "", cvFileId: "" }, "busy")) as Response).status).toBe(302);
  });

  it("speaks English: form, preview and messages", async () => {
    const offerId = newOffer("Welder");
    const user = await renderApply(offerId, "awa", "en");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Apply: Welder");
    expect(screen.getByRole("heading", { name: "What the employer will see" })).toBeTruthy();
    expect(screen.getByText("What the employer will not see")).toBeTruthy();
    expect(screen.getByLabelText("Send without a CV")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Your message to the employer (optional)"), {
      target: { value: "x".repeat(2001) },
    });
    await user.click(screen.getByRole("button", { name: "Send my application" }));
    expect(await screen.findByText("Your message is too long: at most 2,000 characters.")).toBeTruthy();
    expect(applicationsOf(offerId)).toEqual([]);
  });
});

describe("/offres/:offerId: the apply button", () => {
  async function renderOffer(offerId: number, as?: string) {
    const page = {
      path: "/offres/:offerId",
      Component: OfferPage,
      loader: withSession(as ? cookies[as] : undefined, offerLoader),
    };
    await renderRoutes([page], `/offres/${offerId}`);
  }

  it("a visitor gets the same link as a candidate, to the page that asks them to log in or register", async () => {
    const offerId = newOffer("Soudeur (visiteur)");
    await renderOffer(offerId);
    expect(screen.getByRole("link", { name: "Postuler à cette offre" }).getAttribute("href")).toBe(
      `/offres/${offerId}/postuler`,
    );
  });

  it("a candidate who already applied sees it, with the status and a link, instead of the button", async () => {
    const offerId = newOffer("Soudeur (déjà)");
    const response = (await post(offerId, { message: "", cvFileId: "" }, "awa")) as Response;
    expect(response.status).toBe(302);
    const [row] = applicationsOf(offerId);
    getDb().update(applications).set({ status: "shortlisted" }).where(eq(applications.id, row!.id)).run();
    await renderOffer(offerId, "awa");
    expect(screen.getByText("Vous avez déjà postulé")).toBeTruthy();
    expect(screen.getByText(/^Candidature envoyée le .+ · Présélectionnée$/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir ma candidature" }).getAttribute("href")).toBe(
      `/candidat/candidatures#candidature-${row!.id}`,
    );
    expect(screen.queryByRole("link", { name: "Postuler à cette offre" })).toBeNull();
    document.body.innerHTML = "";
    // Another candidate still gets the button; an employer gets none.
    await renderOffer(offerId, "moussa");
    expect(screen.getByRole("link", { name: "Postuler à cette offre" }).getAttribute("href")).toBe(
      `/offres/${offerId}/postuler`,
    );
    expect(screen.queryByText("Vous avez déjà postulé")).toBeNull();
    document.body.innerHTML = "";
    await renderOffer(offerId, "employer");
    expect(screen.queryByRole("link", { name: /postuler/i })).toBeNull();
  });
});
