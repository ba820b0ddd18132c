// @vitest-environment jsdom
// /conseiller/placements: who may open it; recording follow-ups, ending a placement
// and recording work found outside the portal through the page's forms.
// Bad input tried: no answer, a note of 10 000 characters, `<script>` in a note (kept
// as text), an SQL fragment and an unknown id as followupId, an unknown intent, a
// follow-up recorded twice, "other" without a note, a start date a year ahead,
// both and neither employer, a candidate id that is a counsellor's.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import Placements, { action, loader } from "../../app/routes/conseiller.placements";
import { addDays, addMonths, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { auditLog, placementFollowups, placements } from "../../db/schema";
import { registerCandidate, registerEmployer, requestWithCookie, sessionCookieFor } from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import {
  followupsOf,
  insertCountedOrganisation,
  insertPlacementFor,
  insertRegisteredCandidate,
  placementRow,
} from "../helpers/placements";
import { as, callRoute, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", admin: "" };
let counsellor = 0;
const today = isoToday();

beforeAll(async () => {
  const db = getDb();
  const candidate = await registerCandidate(db, { phone: "70 11 22 33" });
  const employer = await registerEmployer(db, { email: "patron@placements.ml" });
  counsellor = insertStaff(db, { name: "Kadia Konaté" }).id;
  const admin = insertStaff(db, { role: "admin" }).id;
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor);
  cookies.admin = await sessionCookieFor(db, admin);
});

async function renderPage(url = "/conseiller/placements", cookie = cookies.conseiller, lng: Locale = "fr") {
  const page = {
    path: "/conseiller/placements",
    Component: Placements,
    loader: as(cookie, loader),
    action: as(cookie, action),
  };
  return renderRoutes([page], url, { lng, context: { clientIp: "41.73.9.9" } });
}

const post = (fields: Record<string, string>, cookie = cookies.conseiller) =>
  callRoute(action, "/conseiller/placements", {
    cookie,
    body: new URLSearchParams(fields),
    context: { clientIp: "41.73.9.10" },
  }) as Promise<Response | { data: { fieldErrors: Record<string, string> }; init: ResponseInit }>;

/** A placement whose 1-month follow-up is due today (and whose candidate has a name to find). */
function placementDueToday(firstName: string, lastName: string) {
  const candidateId = insertRegisteredCandidate(getDb(), { firstName, lastName });
  const placementId = insertPlacementFor(getDb(), {
    candidateId,
    employerName: `Atelier ${lastName}`,
    startDate: addMonths(today, -1),
  });
  return { candidateId, placementId, oneMonth: followupsOf(getDb(), placementId)[0]! };
}

const card = async (name: RegExp) =>
  (await screen.findByRole("heading", { level: 3, name })).closest("article") as HTMLElement;

/** A follow-up's card with its form unfolded, as a counsellor opens it. */
async function openCard(user: { click(element: Element): Promise<void> }, name: RegExp) {
  const item = await card(name);
  await user.click(within(item).getByText("Enregistrer ce suivi"));
  return item;
}

describe("who may use /conseiller/placements", () => {
  it.each(["candidat", "employeur"] as const)(
    "a %s gets 403 from the loader and from every action, and nothing changes",
    async (role) => {
      const { placementId, oneMonth } = placementDueToday("Refus", `Role${role}`);
      const page = requestWithCookie("http://localhost/conseiller/placements?candidat=awa", cookies[role]);
      expect(
        (await thrownBy(Promise.resolve().then(() => loader({ request: page, params: {}, context: {} } as never)))).init
          ?.status,
      ).toBe(403);
      const forms: Record<string, string>[] = [
        { intent: "followup", followupId: String(oneMonth.id), stillEmployed: "no" },
        { intent: "end", placementId: String(placementId), endedOn: today, reason: "moved" },
        { intent: "manual", candidateId: "1", employerName: "X", type: "emploi", contract: "cdd", startDate: today },
      ];
      for (const fields of forms) {
        expect((await thrownBy(Promise.resolve().then(() => post(fields, cookies[role])))).init?.status).toBe(403);
      }
      expect(followupsOf(getDb(), placementId)[0]!.doneAt).toBeNull();
      expect(placementRow(getDb(), placementId).endedAt).toBeNull();
    },
  );

  it("sends a visitor to the login page", async () => {
    const response = (await thrownBy(
      Promise.resolve().then(() =>
        loader({ request: new Request("http://localhost/conseiller/placements"), params: {}, context: {} } as never),
      ),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/connexion?redirectTo=%2Fconseiller%2Fplacements");
  });

  it("opens for an admin", async () => {
    const request = requestWithCookie("http://localhost/conseiller/placements", cookies.admin);
    await expect(loader({ request, params: {}, context: {} } as never)).resolves.toHaveProperty("followups");
  });
});

describe("recording follow-ups on the page", () => {
  it("a follow-up due today is listed; 'still in work' with a note is recorded, confirmed and audited", async () => {
    const { oneMonth } = placementDueToday("Salimata", "Doumbia");
    const user = await renderPage();
    const item = await openCard(user, /Salimata Doumbia/);
    expect(within(item).getByText(/Suivi à 1 mois/)).toBeTruthy();
    await user.click(within(item).getByLabelText("Oui, toujours en poste"));
    await user.type(within(item).getByLabelText("Note (facultatif)"), "<script>alert(1)</script> Joint au téléphone.");
    await user.click(within(item).getByRole("button", { name: "Enregistrer le suivi" }));
    expect((await screen.findByRole("status")).textContent).toContain("Le suivi est enregistré");
    const row = getDb().select().from(placementFollowups).where(eq(placementFollowups.id, oneMonth.id)).get()!;
    expect(row).toMatchObject({
      stillEmployed: true,
      note: "<script>alert(1)</script> Joint au téléphone.",
      recordedBy: counsellor,
    });
    expect(
      getDb()
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, String(oneMonth.id)))
        .all(),
    ).toMatchObject([{ action: "placement.followup_recorded", ip: "41.73.9.9" }]);
    expect(screen.queryByRole("heading", { level: 3, name: /Salimata Doumbia/ })).toBeNull();
  });

  it("'no longer in work' leads to that placement's end form, open; ending it closes the later follow-ups", async () => {
    const { placementId } = placementDueToday("Boubacar", "Dembélé");
    const user = await renderPage();
    const item = await openCard(user, /Boubacar Dembélé/);
    await user.click(within(item).getByLabelText("Non, plus en poste"));
    await user.click(within(item).getByRole("button", { name: "Enregistrer le suivi" }));
    expect((await screen.findByRole("status")).textContent).toContain("la personne n'est plus en poste");

    const placement = document.getElementById(`placement-${placementId}`)!;
    const details = placement.querySelector("details")!;
    expect(details.open).toBe(true);
    await user.type(within(placement).getByLabelText("Dernier jour de travail"), addDays(today, -3));
    await user.selectOptions(within(placement).getByLabelText("Motif"), "resigned");
    await user.click(within(placement).getByRole("button", { name: "Terminer le placement" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Le placement est terminé"));
    expect(placementRow(getDb(), placementId)).toMatchObject({ endedAt: addDays(today, -3), endReason: "resigned" });
    expect(followupsOf(getDb(), placementId).map((f) => f.stillEmployed)).toEqual([false, false, false]);
  });

  it("without an answer, or with a note of 10 000 characters, the form says so beside that follow-up, and keeps the note", async () => {
    placementDueToday("Kadiatou", "Sylla");
    const user = await renderPage();
    let item = await openCard(user, /Kadiatou Sylla/);
    await user.type(within(item).getByLabelText("Note (facultatif)"), "Pas joignable.");
    await user.click(within(item).getByRole("button", { name: "Enregistrer le suivi" }));
    item = await card(/Kadiatou Sylla/);
    expect(await within(item).findByText("Répondez : la personne est-elle toujours en poste ?")).toBeTruthy();
    expect((within(item).getByLabelText("Note (facultatif)") as HTMLTextAreaElement).value).toBe("Pas joignable.");

    const { oneMonth } = placementDueToday("Long", "Note");
    const result = (await post({
      intent: "followup",
      followupId: String(oneMonth.id),
      stillEmployed: "yes",
      note: "x".repeat(10_000),
    })) as { data: { fieldErrors: Record<string, string> }; init: ResponseInit };
    expect(result.init.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ note: "validation.tooLong" });
  });

  it("a follow-up already recorded, an unknown id, an SQL fragment, an unknown intent: refused, never a 500", async () => {
    const { oneMonth } = placementDueToday("Deux", "Fois");
    expect(await post({ intent: "followup", followupId: String(oneMonth.id), stillEmployed: "yes" })).toHaveProperty(
      "status",
      302,
    );
    const again = (await post({ intent: "followup", followupId: String(oneMonth.id), stillEmployed: "no" })) as {
      data: { fieldErrors: Record<string, string> };
      init: ResponseInit;
    };
    expect(again.init.status).toBe(400);
    expect(again.data.fieldErrors).toEqual({ form: "placements:errors.already_recorded" });
    const unknown = (await post({ intent: "followup", followupId: "987654", stillEmployed: "yes" })) as {
      init: ResponseInit;
    };
    expect(unknown.init.status).toBe(404);
    const sql = (await post({ intent: "followup", followupId: "1 OR 1=1", stillEmployed: "yes" })) as {
      data: { fieldErrors: Record<string, string> };
      init: ResponseInit;
    };
    expect(sql.data.fieldErrors).toEqual({ followupId: "placements:errors.notFound" });
    const intent = (await post({ intent: "drop table" })) as {
      data: { fieldErrors: Record<string, string> };
      init: ResponseInit;
    };
    expect(intent.init.status).toBe(400);
    expect(intent.data.fieldErrors.intent).toBe("placements:errors.unknownIntent");
  });
});

describe("ending a placement", () => {
  it("'other' needs a note: the error shows in that placement's form, which stays open", async () => {
    const { placementId } = placementDueToday("Autre", "Motif");
    const user = await renderPage("/conseiller/placements?vue=placements");
    const placement = document.getElementById(`placement-${placementId}`) as HTMLElement;
    await user.click(within(placement).getByText("Terminer ce placement"));
    await user.type(within(placement).getByLabelText("Dernier jour de travail"), today);
    await user.selectOptions(within(placement).getByLabelText("Motif"), "other");
    await user.click(within(placement).getByRole("button", { name: "Terminer le placement" }));
    const again = await screen.findByText("Précisez le motif quand vous choisissez « Autre ».");
    expect(again.closest("article")!.id).toBe(`placement-${placementId}`);
    expect(placementRow(getDb(), placementId).endedAt).toBeNull();
  });
});

describe("work found outside the portal", () => {
  it("a counsellor finds the candidate by name, picks them and records the placement", async () => {
    const candidateId = insertRegisteredCandidate(getDb(), { firstName: "Mariam", lastName: "Coulibaly" });
    const user = await renderPage("/conseiller/placements?vue=nouveau&candidat=mariam");
    const section = (
      await screen.findByRole("heading", { name: "Enregistrer un travail trouvé hors de Baara" })
    ).closest("section") as HTMLElement;
    const choice = within(section).getByRole("radio", {
      name: new RegExp(`Mariam Coulibaly · n° ${candidateId}`),
    }) as HTMLInputElement;
    expect(choice.checked).toBe(true);
    await user.type(within(section).getByLabelText("Ou nom de l'employeur hors de Baara"), "Restaurant Le Niger");
    await user.selectOptions(within(section).getByLabelText("Contrat"), "journalier");
    await user.type(within(section).getByLabelText(/Premier jour de travail/), addDays(today, -2));
    await user.type(within(section).getByLabelText(/Salaire mensuel/), "45 000");
    await user.click(within(section).getByRole("button", { name: "Enregistrer le placement" }));
    expect((await screen.findByRole("status")).textContent).toContain("Le placement est enregistré");
    expect(getDb().select().from(placements).where(eq(placements.candidateId, candidateId)).all()).toMatchObject([
      {
        employerName: "Restaurant Le Niger",
        contract: "journalier",
        payAmount: 45_000,
        recordedBy: counsellor,
        startDate: addDays(today, -2),
      },
    ]);
  });

  it("says when nobody matches, and offers the number field instead", async () => {
    await renderPage("/conseiller/placements?vue=nouveau&candidat=zzzz");
    expect(await screen.findByText("Aucun candidat ne correspond à « zzzz ».")).toBeTruthy();
    expect(screen.getByLabelText("Numéro du candidat")).toBeTruthy();
  });

  it("refuses a start a year ahead, both or neither employer, a counsellor as candidate; keeps what was typed", async () => {
    const candidateId = insertRegisteredCandidate(getDb());
    const orgId = insertCountedOrganisation(getDb(), { name: "Garage Sanogo" });
    const base = {
      intent: "manual",
      candidateId: String(candidateId),
      type: "emploi",
      contract: "cdd",
      startDate: today,
    };
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ employerName: "Atelier", startDate: addDays(today, 365) }, { form: "placements:errors.start_too_late" }],
      [{ employerName: "Atelier", orgId: String(orgId) }, { employerName: "placements:errors.employerBoth" }],
      [{}, { employerName: "placements:errors.employerRequired" }],
      [{ employerName: "Atelier", candidateId: String(counsellor) }, { form: "placements:errors.candidate_not_found" }],
      [{ employerName: "Atelier", candidateId: "" }, { candidateId: "placements:errors.candidateRequired" }],
      [{ employerName: "Atelier", payAmount: "beaucoup" }, { payAmount: "placements:errors.payInvalid" }],
    ];
    for (const [change, errors] of cases) {
      const result = (await post({ ...base, ...change })) as {
        data: { fieldErrors: Record<string, string>; values: Record<string, string> };
        init: ResponseInit;
      };
      expect(result.init.status, JSON.stringify(change)).toBe(400);
      expect(result.data.fieldErrors).toEqual(errors);
      expect(result.data.values.intent).toBe("manual");
    }
    expect(getDb().select().from(placements).where(eq(placements.candidateId, candidateId)).all()).toEqual([]);
  });
});

describe("the list", () => {
  it("shows placements with their follow-ups' state, filtered by employer name, in English too", async () => {
    const orgId = insertCountedOrganisation(getDb(), { name: "Boulangerie Keïta" });
    insertPlacementFor(getDb(), {
      candidateId: insertRegisteredCandidate(getDb(), { firstName: "Fanta", lastName: "Keïta" }),
      orgId,
      startDate: addMonths(today, -2),
    });
    await renderPage("/conseiller/placements?vue=placements&employeur=boulangerie", cookies.conseiller, "en");
    const heading = await screen.findByRole("heading", { level: 3, name: /Fanta Keïta · Boulangerie Keïta/ });
    const item = heading.closest("article") as HTMLElement;
    expect(within(item).getByText(/1 month/)).toBeTruthy();
    expect(within(item).getByText(/to do \(due on/)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "All placements (1)" })).toBeTruthy();
  });
});
