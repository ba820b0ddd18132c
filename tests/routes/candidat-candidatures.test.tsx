// @vitest-environment jsdom
// "My applications": status in plain words, interview, refusal reason, the
// timeline from application_events, and withdrawing. Bad input tried: another
// candidate's application id, ids that are not numbers, a hired and a rejected
// application, an unknown intent, an employer.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import MyApplications, { action, loader } from "../../app/routes/candidat.candidatures";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { applicationEvents, applications } from "../../db/schema";
import { insertEmployer, insertOffer, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { awa: "", oumar: "", employer: "" };
const ids = { interview: 0, rejected: 0, hired: 0, submitted: 0, oumars: 0, interviewOffer: 0 };
const interviewDay = addDays(isoToday(), 5);

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 77 00 01", firstName: "Awa", lastName: "Keïta" });
  const oumar = await registerCandidate(db, { phone: "70 77 00 02", firstName: "Oumar", lastName: "Diallo" });
  const { user: employer, org } = await insertEmployer(db, "verified", "Garage Sissoko");
  const offer = (title: string) => insertOffer(db, { orgId: org.id, title }).id;
  const apply = (offerId: number, candidateId = awa.id) => {
    const result = applyToOffer(db, { candidateId, offerId });
    if (!result.ok) throw new Error(result.reason);
    return result.applicationId;
  };
  const move = (applicationId: number, to: "shortlisted" | "interview" | "hired" | "rejected", extra = {}) =>
    moveApplication(db, { employerId: employer.id, applicationId, to, ...extra });

  ids.interviewOffer = offer("Mécanicien moto");
  ids.interview = apply(ids.interviewOffer);
  move(ids.interview, "shortlisted");
  move(ids.interview, "interview", {
    interviewAt: `${interviewDay}T09:30`,
    interviewPlace: "Garage Sissoko, Badalabougou",
  });
  ids.rejected = apply(offer("Vendeuse"));
  move(ids.rejected, "rejected", { refusalReason: "profile_mismatch" });
  ids.hired = apply(offer("Soudeur"));
  move(ids.hired, "interview", { interviewAt: `${interviewDay}T10:00` });
  move(ids.hired, "hired");
  ids.submitted = apply(offer("Caissière"));
  ids.oumars = apply(ids.interviewOffer, oumar.id);

  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.oumar = await sessionCookieFor(db, oumar.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

async function renderPage(cookie = cookies.awa, lng: Locale = "fr") {
  return renderRoutes(
    [
      {
        path: "/candidat/candidatures",
        Component: MyApplications,
        loader: as(cookie, loader),
        action: as(cookie, action),
      },
      { path: "/offres/:offerId", Component: () => <h1>Offre</h1> },
    ],
    "/candidat/candidatures",
    { lng },
  );
}

const card = (applicationId: number) => document.getElementById(`candidature-${applicationId}`)!;
const statusOfApplication = (id: number) =>
  getDb().select().from(applications).where(eq(applications.id, id)).get()!.status;

const post = (fields: Record<string, string>, cookie = cookies.awa) =>
  settled(callRoute(action, "/candidat/candidatures", { cookie, body: fields }));

describe("/candidat/candidatures", () => {
  it("lists every application with its offer, organisation, status in plain words and what it means", async () => {
    await renderPage();
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Caissière",
      "Soudeur",
      "Vendeuse",
      "Mécanicien moto",
    ]);
    const interview = within(card(ids.interview));
    expect(interview.getByRole("link", { name: "Mécanicien moto" }).getAttribute("href")).toBe(
      `/offres/${ids.interviewOffer}`,
    );
    expect(interview.getByText(/^Garage Sissoko · envoyée le /)).toBeTruthy();
    expect(interview.getByText("Entretien prévu")).toBeTruthy();
    expect(
      interview.getByText("L'employeur veut vous rencontrer. Soyez à l'heure, avec une pièce d'identité."),
    ).toBeTruthy();
    expect(interview.getByText(/^Entretien : .* 09:30, lieu : Garage Sissoko, Badalabougou\.$/)).toBeTruthy();

    const rejected = within(card(ids.rejected));
    expect(rejected.getByText("Non retenue")).toBeTruthy();
    expect(rejected.getByText("Motif : votre profil ne correspond pas à ce que cherchait l'employeur.")).toBeTruthy();
    expect(
      within(card(ids.hired)).getByText(
        "Vous êtes embauché(e). Félicitations ! Un conseiller pourra prendre de vos nouvelles.",
      ),
    ).toBeTruthy();
    expect(within(card(ids.submitted)).getByText(/L'employeur a reçu votre candidature/)).toBeTruthy();
    expect(screen.queryByText("Oumar")).toBeNull();
  });

  it("shows the timeline of each application, dated, from its events", async () => {
    await renderPage();
    const steps = within(card(ids.interview))
      .getAllByRole("listitem")
      .map((li) => li.textContent!.replace(/^.*? — /, ""));
    expect(steps).toEqual(["Candidature envoyée", "Présélectionnée par l'employeur", "Entretien proposé"]);
    const times = card(ids.interview).querySelectorAll("time");
    expect(times).toHaveLength(3);
    expect(times[0]!.getAttribute("datetime")!.slice(0, 10)).toBe(isoToday());
  });

  it("offers to withdraw only open applications", async () => {
    await renderPage();
    expect(within(card(ids.submitted)).getByText("Retirer ma candidature")).toBeTruthy();
    expect(within(card(ids.interview)).getByText("Retirer ma candidature")).toBeTruthy();
    expect(within(card(ids.hired)).queryByText("Retirer ma candidature")).toBeNull();
    expect(within(card(ids.rejected)).queryByText("Retirer ma candidature")).toBeNull();
  });

  it("withdraws the candidate's own application after a second, explicit step", async () => {
    const user = await renderPage();
    const submitted = within(card(ids.submitted));
    await user.click(submitted.getByText("Retirer ma candidature"));
    expect(submitted.getByText(/vous ne pourrez pas postuler une deuxième fois/)).toBeTruthy();
    await user.click(submitted.getByRole("button", { name: "Oui, retirer ma candidature" }));
    expect(await screen.findByRole("status")).toHaveProperty("textContent", "Votre candidature est retirée.");
    await waitFor(() => expect(within(card(ids.submitted)).getByText("Retirée")).toBeTruthy());
    expect(within(card(ids.submitted)).queryByText("Retirer ma candidature")).toBeNull();
    expect(statusOfApplication(ids.submitted)).toBe("withdrawn");
    const events = getDb()
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, ids.submitted))
      .all();
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "submitted"],
      ["submitted", "withdrawn"],
    ]);
  });

  it("answers 404 to another candidate's application id, which stays as it was", async () => {
    expect(statusOf(await post({ intent: "withdraw", applicationId: String(ids.oumars) }))).toBe(404);
    expect(statusOfApplication(ids.oumars)).toBe("submitted");
  });

  it("cannot withdraw a hired or a rejected application: 400 with a message, nothing changes", async () => {
    for (const id of [ids.hired, ids.rejected]) {
      const result = (await post({ intent: "withdraw", applicationId: String(id) })) as {
        data: { withdrawError: { key: string } };
      };
      expect(statusOf(result)).toBe(400);
      expect(result.data.withdrawError.key).toBe("applications.withdrawClosed");
    }
    expect(statusOfApplication(ids.hired)).toBe("hired");
    expect(statusOfApplication(ids.rejected)).toBe("rejected");
  });

  it.each([["abc"], [""], ["1 OR 1=1"], ["99999"]])("answers 404 to the application id %j", async (applicationId) => {
    expect(statusOf(await post({ intent: "withdraw", applicationId }))).toBe(404);
  });

  it("answers 400 to an unknown intent and 403 to an employer", async () => {
    expect(statusOf(await post({ intent: "delete", applicationId: String(ids.interview) }))).toBe(400);
    expect(statusOf(await post({ intent: "withdraw", applicationId: String(ids.interview) }, cookies.employer))).toBe(
      403,
    );
    expect(statusOfApplication(ids.interview)).toBe("interview");
  });

  it("writes it all in English for an English reader", async () => {
    await renderPage(cookies.awa, "en");
    expect(screen.getByRole("heading", { level: 1, name: "My applications" })).toBeTruthy();
    expect(
      within(card(ids.interview)).getByText("The employer wants to meet you. Be on time, with an identity document."),
    ).toBeTruthy();
    expect(
      within(card(ids.rejected)).getByText("Reason: your profile did not match what the employer was looking for."),
    ).toBeTruthy();
  });
});
