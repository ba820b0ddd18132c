// @vitest-environment jsdom
// Training outcomes recorded on the trainer's application page and on the
// counsellor's placements list, and the verified skill the employer then sees on
// the applicant's profile. Refused: another employer's application (404), a job's
// hire (404), no outcome, an outcome that is not one, a certificate missing or of
// 10 000 letters, an SQL fragment as the date or the placement, a date ahead, an
// employer on the counsellor's page (403); `<script>` as a certificate is kept as text.
import { cleanup, screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createPlacement } from "../../app/models/lifecycles/placement.server";
import MyApplications, { loader as myApplicationsLoader } from "../../app/routes/candidat.candidatures";
import CandidateFilePage, { loader as fileLoader } from "../../app/routes/conseiller.candidats.$userId";
import Placements, {
  action as placementsAction,
  loader as placementsLoader,
} from "../../app/routes/conseiller.placements";
import EmployerPage, {
  action as employerAction,
  loader as employerLoader,
} from "../../app/routes/employeur.offres.$offerId.candidatures.$applicationId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { trainingOutcomes, verifiedSkills } from "../../db/schema";
import {
  insertApplication,
  insertCandidate,
  insertCounsellor,
  insertEmployer,
  insertOffer,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { candidate: "", employer: "", other: "", counsellor: "" };
const ids = { candidate: 0, employer: 0, org: 0, counsellor: 0 };
const today = isoToday();

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 79 10 01", firstName: "Awa", lastName: "Traoré" });
  const { user: employer, org } = await insertEmployer(db, "verified", "Centre de couture Diallo");
  const { user: other } = await insertEmployer(db, "verified", "Autre centre");
  const counsellor = await insertCounsellor(db, "OIM Mali", "Kadia Konaté");
  Object.assign(ids, { candidate: awa.id, employer: employer.id, org: org.id, counsellor: counsellor.id });
  cookies.candidate = await sessionCookieFor(db, awa.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
  cookies.other = await sessionCookieFor(db, other.id);
  cookies.counsellor = await sessionCookieFor(db, counsellor.id);
});

/** A hired application on a new offer of the centre (a training unless told), with its placement. */
function admitted(type: "formation" | "emploi" = "formation") {
  const db = getDb();
  const offer = insertOffer(db, {
    orgId: ids.org,
    type,
    contract: type === "formation" ? "formation" : "cdd",
    title: type === "formation" ? "Formation en couture" : "Couturier",
    trade: "couturier",
    provider: type === "formation" ? "Centre de couture Diallo" : null,
  });
  const application = insertApplication(db, { offerId: offer.id, candidateId: ids.candidate, status: "hired" });
  const placementId = createPlacement(db, {
    candidateId: ids.candidate,
    orgId: ids.org,
    offerId: offer.id,
    applicationId: application.id,
    type,
    contract: offer.contract,
    startDate: addDays(today, -90),
    recordedBy: null,
  });
  return { offerId: offer.id, applicationId: application.id, placementId };
}

const pageOf = (offerId: number, applicationId: number) => `/employeur/offres/${offerId}/candidatures/${applicationId}`;
const onEmployerPage = (
  { offerId, applicationId }: { offerId: number; applicationId: number },
  body: Record<string, string>,
  cookie = cookies.employer,
) =>
  settled(
    callRoute(employerAction, pageOf(offerId, applicationId), {
      cookie,
      params: { offerId: String(offerId), applicationId: String(applicationId) },
      body: { intent: "trainingOutcome", ...body },
    }),
  );
const refused = (result: unknown) => (result as { data: { fieldErrors: Record<string, string> } }).data;
const outcomeOf = (placementId: number) =>
  getDb().select().from(trainingOutcomes).where(eq(trainingOutcomes.placementId, placementId)).get();

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
    pageOf(offerId, applicationId),
  );
}

describe("the trainer's application page", () => {
  it("offers to admit to the training, not to hire, an applicant of a training offer", async () => {
    for (const [type, move, submit] of [
      ["formation", "Admettre en formation", "Enregistrer l'admission"],
      ["emploi", "Embaucher", "Enregistrer l'embauche"],
    ] as const) {
      const db = getDb();
      const offer = insertOffer(db, { orgId: ids.org, type, contract: type === "formation" ? "formation" : "cdd" });
      const candidate = insertCandidate(db);
      const application = insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "interview" });
      await renderEmployerPage(offer.id, application.id);
      const form = within(screen.getByRole("form", { name: move }));
      expect(form.getByRole("button", { name: submit })).toBeTruthy();
      cleanup();
    }
  });

  it("shows 'Admis(e) en formation', records 'Certifiée' with its certificate, then the verified skill on the profile", async () => {
    const { offerId, applicationId, placementId } = admitted();
    const user = await renderEmployerPage(offerId, applicationId);
    expect(screen.getAllByText("Admis(e) en formation").length).toBeGreaterThan(0);
    const form = within(screen.getByRole("form", { name: "Issue de la formation" }));
    await user.click(form.getByLabelText("Certifiée (terminée avec un certificat)"));
    await user.type(form.getByLabelText("Certificat obtenu"), "CAP couture");
    await user.click(form.getByRole("button", { name: "Enregistrer l'issue" }));
    expect(await screen.findByText(/Formation certifiée : la compétence vérifiée est ajoutée/)).toBeTruthy();
    expect(outcomeOf(placementId)).toMatchObject({ outcome: "certified", certificate: "CAP couture" });
    // The employer sees the skill on the applicant's profile, marked apart from what the person wrote.
    const profile = within(screen.getByRole("region", { name: "Profil" }));
    expect(profile.getByText("Compétences vérifiées")).toBeTruthy();
    expect(profile.getByText("Vérifiée")).toBeTruthy();
    expect(profile.getByText(/Certificat : CAP couture/)).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Issue de la formation" })).toBeNull();
  });

  it("refuses bad input with a message in French, 400, what was typed kept", async () => {
    const hired = admitted();
    const tries: [Record<string, string>, string, string][] = [
      [{}, "outcome", "training:errors.outcomeRequired"],
      [{ outcome: "hired" }, "outcome", "training:errors.outcomeRequired"],
      [{ outcome: "certified", certificate: "" }, "certificate", "training:errors.certificateRequired"],
      [{ outcome: "certified", certificate: "C".repeat(10_000) }, "certificate", "training:errors.certificateTooLong"],
      [{ outcome: "completed", recordedOn: "2026-01-01' OR 1=1 --" }, "recordedOn", "training:errors.dateInvalid"],
      [{ outcome: "completed", recordedOn: addDays(today, 3) }, "recordedOn", "training:errors.dateInFuture"],
      [{ outcome: "completed", recordedOn: addDays(today, -400) }, "recordedOn", "training:errors.dateBeforeStart"],
    ];
    for (const [body, field, error] of tries) {
      const result = await onEmployerPage(hired, body);
      expect(statusOf(result), JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(refused(result).fieldErrors[field]).toBe(error);
    }
    const kept = refused(await onEmployerPage(hired, { outcome: "certified", certificate: "C".repeat(300) }));
    expect((kept as unknown as { values: Record<string, string> }).values.certificate).toHaveLength(300);
    expect(outcomeOf(hired.placementId)).toBeUndefined();
  });

  it("keeps `<script>` as the certificate's text", async () => {
    const hired = admitted();
    const done = await onEmployerPage(hired, { outcome: "certified", certificate: "<script>alert(1)</script>" });
    expect(statusOf(done)).toBe(302);
    expect(outcomeOf(hired.placementId)?.certificate).toBe("<script>alert(1)</script>");
  });

  it("answers 404 to another employer and for a job's hire, and records nothing", async () => {
    const hired = admitted();
    expect(statusOf(await onEmployerPage(hired, { outcome: "completed" }, cookies.other))).toBe(404);
    const job = admitted("emploi");
    expect(statusOf(await onEmployerPage(job, { outcome: "completed" }))).toBe(404);
    expect(outcomeOf(hired.placementId)).toBeUndefined();
    expect(outcomeOf(job.placementId)).toBeUndefined();
  });
});

describe("the counsellor's placements list", () => {
  const post = (body: Record<string, string>, cookie = cookies.counsellor) =>
    settled(
      callRoute(placementsAction, "/conseiller/placements?vue=placements", {
        cookie,
        body: { intent: "trainingOutcome", ...body },
        context: { clientIp: "41.73.9.11" },
      }),
    );

  it("shows the training's outcome on its row and records it there", async () => {
    const { placementId } = admitted();
    const user = await renderRoutes(
      [
        {
          path: "/conseiller/placements",
          Component: Placements,
          loader: as(cookies.counsellor, placementsLoader),
          action: as(cookies.counsellor, placementsAction),
        },
      ],
      `/conseiller/placements?vue=placements&fin=${placementId}`,
      { context: { clientIp: "41.73.9.9" } },
    );
    await user.click(screen.getByText(/Issue de la formation · Admis\(e\) en formation/));
    const form = within(screen.getByRole("form", { name: "Issue de la formation" }));
    await user.click(form.getByLabelText("Terminée"));
    await user.click(form.getByRole("button", { name: "Enregistrer l'issue" }));
    expect(await screen.findByText(/Formation enregistrée comme terminée/)).toBeTruthy();
    expect(outcomeOf(placementId)).toMatchObject({ outcome: "completed", recordedBy: ids.counsellor });
    expect(
      getDb().select().from(verifiedSkills).where(eq(verifiedSkills.placementId, placementId)).get(),
    ).toMatchObject({ skill: "couturier", provider: "Centre de couture Diallo" });
  });

  it("refuses an unknown or hostile placement (404), a job (404), a second outcome (409) and an employer (403)", async () => {
    expect(statusOf(await post({ placementId: "1 OR 1=1", outcome: "completed" }))).toBe(404);
    expect(statusOf(await post({ placementId: "99999999", outcome: "completed" }))).toBe(404);
    expect(statusOf(await post({ placementId: String(admitted("emploi").placementId), outcome: "completed" }))).toBe(
      404,
    );
    const { placementId } = admitted();
    expect(statusOf(await post({ placementId: String(placementId), outcome: "dropped_out" }))).toBe(302);
    expect(statusOf(await post({ placementId: String(placementId), outcome: "completed" }))).toBe(409);
    expect(statusOf(await post({ placementId: String(placementId), outcome: "completed" }, cookies.employer))).toBe(
      403,
    );
  });
});

describe("the candidate's applications", () => {
  it("name a hire on a training offer 'Admis(e) en formation', and a job's 'Embauché(e)'", async () => {
    const training = admitted();
    const job = admitted("emploi");
    await renderRoutes(
      [
        {
          path: "/candidat/candidatures",
          Component: MyApplications,
          loader: as(cookies.candidate, myApplicationsLoader),
        },
      ],
      "/candidat/candidatures",
    );
    const card = (id: number) => within(document.getElementById(`candidature-${id}`)!);
    expect(card(training.applicationId).getByText("Admis(e) en formation")).toBeTruthy();
    expect(card(training.applicationId).getByText(/ajoutée à votre profil comme compétence vérifiée/)).toBeTruthy();
    expect(card(job.applicationId).getByText("Embauché(e)")).toBeTruthy();
  });
});

describe("the counsellor's file of the candidate", () => {
  it("lists the verified skills and the training's outcome on its placement", async () => {
    const { placementId } = admitted();
    const done = await settled(
      callRoute(placementsAction, "/conseiller/placements", {
        cookie: cookies.counsellor,
        body: { intent: "trainingOutcome", placementId: String(placementId), outcome: "completed" },
        context: { clientIp: "41.73.9.12" },
      }),
    );
    expect(statusOf(done)).toBe(302);
    await renderRoutes(
      [
        {
          path: "/conseiller/candidats/:userId",
          Component: CandidateFilePage,
          loader: as(cookies.counsellor, fileLoader, { clientIp: "41.73.9.12" }),
        },
        { path: "/offres/:offerId", Component: () => <h1>Offre</h1> },
      ],
      `/conseiller/candidats/${ids.candidate}`,
    );
    const skills = within(screen.getByRole("region", { name: "Compétences vérifiées" }));
    expect(skills.getAllByText("Couturier").length).toBeGreaterThan(0);
    expect(skills.getAllByText("Vérifiée").length).toBeGreaterThan(0);
    expect(screen.getAllByText("Formation terminée").length).toBeGreaterThan(0);
  });
});
