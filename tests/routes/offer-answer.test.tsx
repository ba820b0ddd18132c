// @vitest-environment jsdom
// A job offer answered on /candidat/candidatures (or by the counsellor on the
// candidate's file), the employer's page waiting for that answer, and the undo
// of a mistaken hire. Refusals tried: another candidate's application, another
// candidate's file, another employer, an application not offered or not hired,
// a second answer, hostile reasons, an undo after 48 hours.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import MyApplications, { action, loader } from "../../app/routes/candidat.candidatures";
import { action as counsellorAction } from "../../app/routes/conseiller.candidats.$userId";
import EmployerPage, {
  action as employerAction,
  loader as employerLoader,
} from "../../app/routes/employeur.offres.$offerId.candidatures.$applicationId";
import { getDb } from "../../app/utils/db.server";
import { applicationEvents, applications, auditLog, offers } from "../../db/schema";
import {
  insertCounsellor,
  insertEmployer,
  insertOffer,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { awa: "", oumar: "", employer: "", other: "", counsellor: "" };
const ids = { awa: 0, oumar: 0, employer: 0, org: 0, counsellor: 0 };

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 78 00 01", firstName: "Awa", lastName: "Coulibaly" });
  const oumar = await registerCandidate(db, { phone: "70 78 00 02", firstName: "Oumar", lastName: "Sidibé" });
  const { user: employer, org } = await insertEmployer(db, "verified", "Menuiserie Dembélé");
  const { user: other } = await insertEmployer(db, "verified", "Autre atelier");
  const counsellor = await insertCounsellor(db, "OIM Mali", "Kadia Konaté");
  Object.assign(ids, { awa: awa.id, oumar: oumar.id, employer: employer.id, org: org.id, counsellor: counsellor.id });
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.oumar = await sessionCookieFor(db, oumar.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
  cookies.other = await sessionCookieFor(db, other.id);
  cookies.counsellor = await sessionCookieFor(db, counsellor.id);
});

/** A new offer of the employer (one position) where the candidate's application is `offered`; its ids. */
function offered(candidateId = ids.awa, title = "Menuisier") {
  const db = getDb();
  const offerId = insertOffer(db, { orgId: ids.org, title, positions: 1 }).id;
  const applied = applyToOffer(db, { candidateId, offerId });
  if (!applied.ok) throw new Error(applied.reason);
  const applicationId = applied.applicationId;
  expect(moveApplication(db, { employerId: ids.employer, applicationId, to: "offered" })).toMatchObject({ ok: true });
  return { offerId, applicationId };
}

const rowOf = (id: number) => getDb().select().from(applications).where(eq(applications.id, id)).get()!;
const answer = (fields: Record<string, string>, cookie = cookies.awa) =>
  settled(callRoute(action, "/candidat/candidatures", { cookie, body: { intent: "answer", ...fields } }));
const employerParams = (offerId: number, applicationId: number) => ({
  offerId: String(offerId),
  applicationId: String(applicationId),
});
const onEmployerPage = (
  offerId: number,
  applicationId: number,
  body: Record<string, string>,
  cookie = cookies.employer,
) =>
  settled(
    callRoute(employerAction, `/employeur/offres/${offerId}/candidatures/${applicationId}`, {
      cookie,
      params: employerParams(offerId, applicationId),
      body,
    }),
  );

describe("the candidate's answer on /candidat/candidatures", () => {
  it("asks 'Offre d'emploi : acceptez-vous ?' and accepts with one tap", async () => {
    const { applicationId } = offered(ids.awa, "Menuisier d'atelier");
    const user = await renderRoutes(
      [
        {
          path: "/candidat/candidatures",
          Component: MyApplications,
          loader: as(cookies.awa, loader),
          action: as(cookies.awa, action),
        },
      ],
      "/candidat/candidatures",
    );
    const card = within(document.getElementById(`candidature-${applicationId}`)!);
    expect(card.getByRole("heading", { name: "Offre d'emploi : acceptez-vous ?" })).toBeTruthy();
    await user.click(card.getByRole("button", { name: "Accepter l'offre" }));
    expect(await screen.findByText(/Réponse envoyée : vous acceptez l'offre/)).toBeTruthy();
    expect(rowOf(applicationId)).toMatchObject({ status: "offered", offerAnswer: "accepted" });
    const again = within(document.getElementById(`candidature-${applicationId}`)!);
    expect(again.queryByRole("button", { name: "Accepter l'offre" })).toBeNull();
    expect(again.getByText(/Vous avez accepté l'offre d'emploi/)).toBeTruthy();
  });

  it("declines with a reason: the application is closed as withdrawn by the candidate", async () => {
    const { applicationId } = offered();
    const result = await answer({ applicationId: String(applicationId), answer: "decline", reason: "pay" });
    expect(statusOf(result)).toBe(302);
    expect(rowOf(applicationId)).toMatchObject({
      status: "withdrawn",
      offerAnswer: "declined",
      offerAnswerReason: "pay",
    });
  });

  it("refuses a second answer (409), another candidate's application (404) and an employer (403)", async () => {
    const { applicationId } = offered();
    await answer({ applicationId: String(applicationId), answer: "accept" });
    const twice = (await answer({ applicationId: String(applicationId), answer: "decline", reason: "pay" })) as {
      data: { answerRefused: { fieldErrors: Record<string, string> } };
    };
    expect(statusOf(twice)).toBe(409);
    expect(twice.data.answerRefused.fieldErrors.answer).toBe("answers:errors.alreadyAnswered");
    expect(statusOf(await answer({ applicationId: String(applicationId), answer: "accept" }, cookies.oumar))).toBe(404);
    expect(statusOf(await answer({ applicationId: String(applicationId), answer: "accept" }, cookies.employer))).toBe(
      403,
    );
    expect(rowOf(applicationId).offerAnswer).toBe("accepted");
  });

  it("refuses to answer an application with no job offer (409)", async () => {
    const db = getDb();
    const { offerId } = offered(ids.oumar);
    const applied = applyToOffer(db, { candidateId: ids.awa, offerId });
    if (!applied.ok) throw new Error(applied.reason);
    const result = await answer({ applicationId: String(applied.applicationId), answer: "accept" });
    expect(statusOf(result)).toBe(409);
    expect(rowOf(applied.applicationId)).toMatchObject({ status: "submitted", offerAnswer: null });
  });

  it.each([
    ["an empty reason", { reason: "" }],
    ["an SQL fragment", { reason: "pay' OR '1'='1" }],
    ["a script", { reason: "<script>alert(1)</script>" }],
    ["huge words", { reason: "pay", words: "é".repeat(10_000) }],
  ])("refuses %s with a message on the form (400), what was typed kept", async (_, fields) => {
    const { applicationId } = offered();
    const result = (await answer({ applicationId: String(applicationId), answer: "decline", ...fields })) as {
      data: { answerRefused: { values: Record<string, string>; fieldErrors: Record<string, string> } };
    };
    expect(statusOf(result)).toBe(400);
    expect(result.data.answerRefused.values).toMatchObject(fields);
    expect(Object.keys(result.data.answerRefused.fieldErrors)).not.toHaveLength(0);
    expect(rowOf(applicationId).status).toBe("offered");
  });

  it.each([["abc"], [""], ["99999"]])("answers 404 to the application id %j", async (applicationId) => {
    expect(statusOf(await answer({ applicationId, answer: "accept" }))).toBe(404);
  });
});

describe("the counsellor answers for a candidate without a smartphone", () => {
  const onFile = (candidateId: number, body: Record<string, string>) =>
    settled(
      callRoute(counsellorAction, `/conseiller/candidats/${candidateId}`, {
        cookie: cookies.counsellor,
        params: { userId: String(candidateId) },
        body: { intent: "offer.answer", ...body },
      }),
    );

  it("records the answer, audited with the counsellor as actor", async () => {
    const { applicationId } = offered(ids.oumar);
    const result = await onFile(ids.oumar, { applicationId: String(applicationId), answer: "accept" });
    expect(statusOf(result)).toBe(302);
    expect(rowOf(applicationId).offerAnswer).toBe("accepted");
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(applicationId)))
      .all()
      .find((a) => a.action === "application.offer_accepted");
    expect(audit?.actorId).toBe(ids.counsellor);
  });

  it("answers 404 when the application is not the candidate's of the file", async () => {
    const { applicationId } = offered(ids.oumar);
    expect(statusOf(await onFile(ids.awa, { applicationId: String(applicationId), answer: "accept" }))).toBe(404);
    expect(rowOf(applicationId).offerAnswer).toBeNull();
  });
});

describe("the employer's page: the hire waits for the answer, and a mistaken hire is undone", () => {
  async function renderEmployerPage(offerId: number, applicationId: number) {
    return renderRoutes(
      [
        {
          path: "/employeur/offres/:offerId/candidatures/:applicationId",
          Component: EmployerPage,
          loader: as(cookies.employer, employerLoader),
          action: as(cookies.employer, employerAction),
        },
      ],
      `/employeur/offres/${offerId}/candidatures/${applicationId}`,
    );
  }

  it("says the hire waits for the candidate's answer, with no hire button, and refuses a hire posted anyway (409)", async () => {
    const { offerId, applicationId } = offered();
    await renderEmployerPage(offerId, applicationId);
    expect(screen.getByText(/en attente de la réponse du candidat/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Enregistrer l'embauche" })).toBeNull();
    const hire = await onEmployerPage(offerId, applicationId, { intent: "move", to: "hired" });
    expect(statusOf(hire)).toBe(409);
    expect(rowOf(applicationId).status).toBe("offered");
  });

  it("undoes a hire within 48 hours: the offer is open again", async () => {
    const { offerId, applicationId } = offered();
    await answer({ applicationId: String(applicationId), answer: "accept" });
    expect(await onEmployerPage(offerId, applicationId, { intent: "move", to: "hired" })).toHaveProperty("status", 302);
    expect(getDb().select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("filled");

    const user = await renderEmployerPage(offerId, applicationId);
    await user.click(screen.getByText("Annuler cette embauche (erreur)…"));
    await user.click(screen.getByRole("button", { name: "Oui, annuler l'embauche" }));
    expect(await screen.findByText(/Embauche annulée/)).toBeTruthy();
    expect(rowOf(applicationId).status).toBe("offered");
    expect(getDb().select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("published");
  });

  it("refuses an undo after 48 hours (409, no button), another employer's (404) and one not hired (409)", async () => {
    const db = getDb();
    const { offerId, applicationId } = offered();
    await answer({ applicationId: String(applicationId), answer: "accept" });
    expect(statusOf(await onEmployerPage(offerId, applicationId, { intent: "undoHire" }))).toBe(409);
    await onEmployerPage(offerId, applicationId, { intent: "move", to: "hired" });
    expect(statusOf(await onEmployerPage(offerId, applicationId, { intent: "undoHire" }, cookies.other))).toBe(404);

    db.update(applicationEvents)
      .set({ createdAt: new Date(Date.now() - 49 * 3600_000) })
      .where(eq(applicationEvents.applicationId, applicationId))
      .run();
    await renderEmployerPage(offerId, applicationId);
    expect(screen.queryByText("Annuler cette embauche (erreur)…")).toBeNull();
    const late = (await onEmployerPage(offerId, applicationId, { intent: "undoHire" })) as {
      data: { formError: string };
    };
    expect(statusOf(late)).toBe(409);
    expect(late.data.formError).toBe("answers:errors.undoExpired");
    expect(rowOf(applicationId).status).toBe("hired");
  });
});
