// @vitest-environment jsdom
// What an employer reaches of applicants through the pages, their loader data
// (what `.data` sends) and /fichiers: a withdrawn application keeps its name and
// history but never its phone, e-mail or CV; a CV the candidate did not send is
// nobody's business; a suspended or rejected organisation gets a 403 page saying
// why and whom to contact, and its candidates see their applications on hold.
// Ids tried: the withdrawn application's CV, the profile CV of a candidate who
// applied without it, another organisation's application and CV.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToOffer, withdrawApplication } from "../../app/models/applications.server";
import { storeCv } from "../../app/models/files.server";
import MyApplications, { loader as candidateLoader } from "../../app/routes/candidat.candidatures";
import { loader as homeLoader } from "../../app/routes/employeur._index";
import OfferApplications, {
  ErrorBoundary as ListBoundary,
  loader as listLoader,
} from "../../app/routes/employeur.offres.$offerId.candidatures";
import ApplicationPage, {
  ErrorBoundary as DetailBoundary,
  loader as detailLoader,
  action as moveAction,
} from "../../app/routes/employeur.offres.$offerId.candidatures.$applicationId";
import { loader as fileLoader } from "../../app/routes/fichiers.$fileId";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { applicationEvents, applications, notifications, organisations, outbox } from "../../db/schema";
import {
  insertEmployer,
  insertOffer,
  pdfBytes,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, renderRoutes, statusOf, thrownBy } from "../helpers/route";

const cookies = { employer: "", suspended: "", rejected: "", moussa: "" };
const ids = {
  offer: 0,
  awaApp: 0,
  awaCv: 0,
  kadiApp: 0,
  kadiCv: 0,
  otherOrgApp: 0,
  otherOrgCv: 0,
  suspendedOrg: 0,
  suspendedOffer: 0,
  moussaApp: 0,
  moussaCv: 0,
  rejectedOffer: 0,
  rejectedApp: 0,
};
const REASON = "Frais demandés aux candidats (rapport du 3 mars)";

beforeAll(async () => {
  const db = getDb();
  const cv = (owner: number) => {
    const stored = storeCv(db, owner, { name: "cv.pdf", bytes: pdfBytes() });
    if (!stored.ok) throw new Error(stored.error);
    return stored.fileId;
  };
  const apply = (offerId: number, candidateId: number, cvFileId: number | null) => {
    const result = applyToOffer(db, { candidateId, offerId, cvFileId });
    if (!result.ok) throw new Error(result.reason);
    return result.applicationId;
  };
  const mine = await insertEmployer(db, "verified", "Atelier Coulibaly");
  const rival = await insertEmployer(db, "verified", "Atelier Rival");
  const suspended = await insertEmployer(db, "verified", "Garage Suspendu");
  const rejected = await insertEmployer(db, "verified", "Boutique Refusée");
  cookies.employer = await sessionCookieFor(db, mine.user.id);
  cookies.suspended = await sessionCookieFor(db, suspended.user.id);
  cookies.rejected = await sessionCookieFor(db, rejected.user.id);

  const awa = await registerCandidate(db, {
    firstName: "Awa",
    lastName: "Diarra",
    phone: "76 11 22 33",
    email: "awa.diarra@example.ml",
  });
  const kadi = await registerCandidate(db, { firstName: "Kadi", lastName: "Coulibaly", phone: "76 11 22 34" });
  const moussa = await registerCandidate(db, { firstName: "Moussa", lastName: "Keïta", phone: "76 11 22 35" });
  cookies.moussa = await sessionCookieFor(db, moussa.id);

  ids.offer = insertOffer(db, { orgId: mine.org.id, title: "Couturière" }).id;
  ids.awaCv = cv(awa.id);
  ids.awaApp = apply(ids.offer, awa.id, ids.awaCv);
  // Kadi has a CV on her profile and chose "Envoyer sans CV".
  ids.kadiCv = cv(kadi.id);
  ids.kadiApp = apply(ids.offer, kadi.id, null);
  // Kadi sent a newer CV to the rival only.
  ids.otherOrgCv = cv(kadi.id);
  ids.otherOrgApp = apply(insertOffer(db, { orgId: rival.org.id, title: "Vendeuse" }).id, kadi.id, ids.otherOrgCv);

  ids.suspendedOrg = suspended.org.id;
  ids.suspendedOffer = insertOffer(db, { orgId: suspended.org.id, title: "Mécanicien" }).id;
  ids.moussaCv = cv(moussa.id);
  ids.moussaApp = apply(ids.suspendedOffer, moussa.id, ids.moussaCv);
  // Unanswered for 20 days: the employer's home page would list it as waiting.
  db.update(applications)
    .set({ createdAt: new Date(Date.now() - 20 * 86_400_000) })
    .where(eq(applications.id, ids.moussaApp))
    .run();
  db.update(organisations)
    .set({ verificationStatus: "suspended", verificationReason: REASON })
    .where(eq(organisations.id, suspended.org.id))
    .run();

  ids.rejectedOffer = insertOffer(db, { orgId: rejected.org.id, title: "Caissière" }).id;
  ids.rejectedApp = apply(ids.rejectedOffer, awa.id, null);
  db.update(organisations)
    .set({ verificationStatus: "rejected", verificationReason: null })
    .where(eq(organisations.id, rejected.org.id))
    .run();
});

const detailUrl = (offerId: number, applicationId: number) =>
  `/employeur/offres/${offerId}/candidatures/${applicationId}`;
const getDetail = (offerId: number, applicationId: number, cookie = cookies.employer) =>
  callRoute(detailLoader, detailUrl(offerId, applicationId), {
    cookie,
    params: { offerId: String(offerId), applicationId: String(applicationId) },
  });
const getList = (offerId: number, cookie = cookies.employer) =>
  callRoute(listLoader, `/employeur/offres/${offerId}/candidatures`, { cookie, params: { offerId: String(offerId) } });
const getFile = (fileId: number, cookie = cookies.employer) =>
  callRoute(fileLoader, `/fichiers/${fileId}`, { cookie, params: { fileId: String(fileId) } });
const move = (offerId: number, applicationId: number, fields: Record<string, string>, cookie = cookies.employer) =>
  callRoute(moveAction, detailUrl(offerId, applicationId), {
    cookie,
    params: { offerId: String(offerId), applicationId: String(applicationId) },
    body: new URLSearchParams({ intent: "move", ...fields }),
  });

/** What was thrown, as the server sends it: its status and its data. */
async function thrown(promise: Promise<unknown>) {
  const error = await thrownBy(promise);
  return { status: statusOf(error), data: error instanceof Response ? null : (error.data ?? null) };
}

async function renderAt(url: string, cookie: string, lng: Locale = "fr") {
  const routes = [
    {
      path: "/employeur/offres/:offerId/candidatures",
      Component: OfferApplications,
      loader: as(cookie, listLoader),
      ErrorBoundary: ListBoundary,
    },
    {
      path: "/employeur/offres/:offerId/candidatures/:applicationId",
      Component: ApplicationPage,
      loader: as(cookie, detailLoader),
      action: as(cookie, moveAction),
      ErrorBoundary: DetailBoundary,
    },
    { path: "/candidat/candidatures", Component: MyApplications, loader: as(cookie, candidateLoader) },
  ];
  await renderRoutes(routes, url, { lng });
}

const CONTACT = /76112233|\+22376112233|76 11 22 33|awa\.diarra@example\.ml/;

describe("a withdrawn application: the employer keeps the name and history, never the contact details or the CV", () => {
  it("leaves no phone, e-mail or CV in the application's data or page, nor in the list, and the CV answers 404", async () => {
    const db = getDb();
    expect(JSON.stringify(await getDetail(ids.offer, ids.awaApp))).toMatch(CONTACT);
    expect(
      withdrawApplication(
        db,
        db.select().from(applications).where(eq(applications.id, ids.awaApp)).get()!.candidateId,
        ids.awaApp,
      ),
    ).toEqual({ ok: true });

    const detail = (await getDetail(ids.offer, ids.awaApp)) as {
      application: { applicant: { name: string }; cvFileId: number | null; timeline: { toStatus: string }[] };
    };
    expect(JSON.stringify(detail)).not.toMatch(CONTACT);
    expect(detail.application.cvFileId).toBeNull();
    expect(detail.application.applicant.name).toBe("Awa Diarra");
    expect(detail.application.timeline.map((e) => e.toStatus)).toEqual(["submitted", "withdrawn"]);
    const list = (await getList(ids.offer)) as { applications: { id: number; hasCv: boolean }[] };
    expect(JSON.stringify(list)).not.toMatch(CONTACT);
    expect(list.applications.find((a) => a.id === ids.awaApp)).toMatchObject({ hasCv: false });
    expect((await getFile(ids.awaCv).catch((e: Response) => e)).status).toBe(404);

    await renderAt(detailUrl(ids.offer, ids.awaApp), cookies.employer);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Awa Diarra");
    expect(
      screen.getByText(
        "Le candidat a retiré sa candidature : son téléphone, son e-mail et son CV ne sont plus visibles.",
      ),
    ).toBeTruthy();
    expect(screen.queryByText("Téléphone")).toBeNull();
    expect(screen.queryByRole("link", { name: /Télécharger/ })).toBeNull();
    expect(document.body.textContent).not.toMatch(CONTACT);
  });
});

describe("/fichiers: an employer opens only the CV sent with an application to its own offers", () => {
  it("answers 404 for the profile CV of a candidate who applied without it, and for the CV sent to another organisation", async () => {
    expect((await getFile(ids.kadiCv).catch((e: Response) => e)).status).toBe(404);
    expect((await getFile(ids.otherOrgCv).catch((e: Response) => e)).status).toBe(404);
    // Her application is there, without a CV link.
    const detail = (await getDetail(ids.offer, ids.kadiApp)) as { application: { cvFileId: number | null } };
    expect(detail.application.cvFileId).toBeNull();
  });
});

describe("a suspended or rejected organisation reaches none of its applicants", () => {
  it("answers 403 with why, never the applicant, on the list, the application and the CV, and refuses every move", async () => {
    const db = getDb();
    for (const outcome of [
      await thrown(getList(ids.suspendedOffer, cookies.suspended)),
      await thrown(getDetail(ids.suspendedOffer, ids.moussaApp, cookies.suspended)),
    ]) {
      expect(outcome).toEqual({
        status: 403,
        data: { reason: "applicantsWithheld", status: "suspended", verificationReason: REASON },
      });
    }
    expect((await getFile(ids.moussaCv, cookies.suspended).catch((e: Response) => e)).status).toBe(404);
    for (const fields of [{ to: "shortlisted" }, { to: "rejected", refusalReason: "other" }] as Record<
      string,
      string
    >[]) {
      expect((await thrown(move(ids.suspendedOffer, ids.moussaApp, fields, cookies.suspended))).status).toBe(403);
    }
    expect(db.select().from(applications).where(eq(applications.id, ids.moussaApp)).get()!.status).toBe("submitted");
    expect(
      db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, ids.moussaApp)).all(),
    ).toHaveLength(1);
    const moussa = db.select().from(applications).where(eq(applications.id, ids.moussaApp)).get()!.candidateId;
    expect(db.select().from(notifications).where(eq(notifications.userId, moussa)).all()).toEqual([]);
    expect(db.select().from(outbox).where(eq(outbox.userId, moussa)).all()).toEqual([]);

    // Another organisation's application is still "not found" for them, and the rejected one gets its own status.
    expect((await thrown(getDetail(ids.offer, ids.kadiApp, cookies.suspended))).status).toBe(404);
    expect(await thrown(getList(ids.rejectedOffer, cookies.rejected))).toEqual({
      status: 403,
      data: { reason: "applicantsWithheld", status: "rejected", verificationReason: null },
    });
  });

  it("lists no waiting applicant on the employer's home page", async () => {
    const home = (await homeLoader({
      request: requestWithCookie("http://localhost/employeur", cookies.suspended),
      params: {},
      context: {},
    } as never)) as {
      waiting: unknown[];
    };
    expect(home.waiting).toEqual([]);
    expect(JSON.stringify(home)).not.toContain("Moussa");
  });

  it("shows a page saying why and whom to contact, in French", async () => {
    await renderAt(`/employeur/offres/${ids.suspendedOffer}/candidatures`, cookies.suspended);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Candidatures inaccessibles");
    expect(screen.getByText(/^Votre entreprise est suspendue par les conseillers de Baara/)).toBeTruthy();
    expect(screen.getByText(`Motif : ${REASON}`)).toBeTruthy();
    expect(screen.getByText(/contactez un conseiller de Baara \(OIM Mali et ses partenaires\)/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir la page de l'entreprise" }).getAttribute("href")).toBe(
      "/employeur/organisation",
    );
    expect(document.body.textContent).not.toMatch(/Moussa|Keïta|76112235/);
  });

  it("says it in English on the application's page", async () => {
    await renderAt(detailUrl(ids.suspendedOffer, ids.moussaApp), cookies.suspended, "en");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Applications not available");
    expect(screen.getByText(/^Your organisation has been suspended by Baara's counsellors/)).toBeTruthy();
    expect(screen.getByText(`Reason: ${REASON}`)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Moussa|Keïta|76112235/);
  });

  it("shows the candidate their application as on hold, with why, and not the counsellor's words", async () => {
    await renderAt("/candidat/candidatures", cookies.moussa);
    const card = within(document.getElementById(`candidature-${ids.moussaApp}`)!);
    expect(card.getByText("En attente")).toBeTruthy();
    expect(
      card.getByText(
        /^L'entreprise qui a publié cette offre est suspendue par les conseillers de Baara\. Votre candidature est en attente/,
      ),
    ).toBeTruthy();
    expect(card.queryByText("Envoyée")).toBeNull();
    expect(document.body.textContent).not.toContain(REASON);
  });
});
