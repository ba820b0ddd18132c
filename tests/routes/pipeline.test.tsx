// @vitest-environment jsdom
// The employer's pipeline: /employeur/offres/:offerId/candidatures (filter by status) and
// /employeur/offres/:offerId/candidatures/:applicationId (read, then move). Bad input tried:
// another organisation's offer and application ids, an application under another offer's URL,
// ids that are not numbers, a status jump (submitted → hired), an interview without a date,
// with a past or impossible date, a 201-character place, a refusal without a reason, a 501-
// character note, an unknown move, no intent, a hire beyond the offer's positions.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { storeCv } from "../../app/models/files.server";
import EmployerHome, { loader as homeLoader } from "../../app/routes/employeur._index";
import EmployerOffers, { loader as offersLoader } from "../../app/routes/employeur.offres._index";
import EditOffer, { loader as offerLoader } from "../../app/routes/employeur.offres.$offerId";
import OfferApplications, { loader as listLoader } from "../../app/routes/employeur.offres.$offerId.candidatures";
import ApplicationPage, {
  action,
  loader,
} from "../../app/routes/employeur.offres.$offerId.candidatures.$applicationId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import {
  type ApplicationStatus,
  applicationEvents,
  applications,
  candidateNotes,
  candidateProfiles,
  candidateTrades,
  notifications,
  offers,
  placementFollowups,
  placements,
} from "../../db/schema";
import {
  insertApplication,
  insertEmployer,
  insertOffer,
  insertUser,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, followRedirect, renderRoutes, thrownStatus, as as withSession } from "../helpers/route";

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");
const cookies: Record<string, string> = {};
const ids = { org: 0, otherOrg: 0, employer: 0, awa: 0, awaCv: 0 };
let people: number[] = [];

beforeAll(async () => {
  const db = getDb();
  const mine = await insertEmployer(db, "verified", "Menuiserie Sangaré");
  const other = await insertEmployer(db, "verified", "Garage Concurrent");
  ids.org = mine.org.id;
  ids.otherOrg = other.org.id;
  ids.employer = mine.user.id;
  cookies.employer = await sessionCookieFor(db, mine.user.id);
  cookies.other = await sessionCookieFor(db, other.user.id);
  const counsellor = await insertUser(db, { role: "conseiller" });

  const awa = await registerCandidate(db, { firstName: "Awa", lastName: "Sangaré", phone: "76 20 30 40" });
  ids.awa = awa.id;
  // Everything a profile may hold, the sensitive answers and a counsellor's note included.
  db.update(candidateProfiles)
    .set({
      region: "segou",
      commune: "Markala",
      educationLevel: "def",
      skills: "Pose de portes",
      languages: ["bm", "fr"],
      experienceYears: 4,
      birthDate: "2001-02-17",
      migrantStatus: "refugee",
      disability: "hearing",
      smsConsentAt: new Date(),
    })
    .where(eq(candidateProfiles.userId, awa.id))
    .run();
  db.insert(candidateTrades).values({ userId: awa.id, trade: "menuisier_bois" }).run();
  db.insert(candidateNotes)
    .values({ candidateId: awa.id, authorId: counsellor.id, body: "NOTE-CONFIDENTIELLE suivi psychosocial" })
    .run();
  const cv = storeCv(db, awa.id, { name: "cv-awa.pdf", bytes: PDF });
  if (!cv.ok) throw new Error("no CV");
  ids.awaCv = cv.fileId;

  people = [];
  for (let i = 0; i < 8; i++) {
    people.push(
      (
        await registerCandidate(db, {
          firstName: "Candidat",
          lastName: `Numéro ${"ABCDEFGH"[i]}`,
          phone: `65 00 00 1${i}`,
        })
      ).id,
    );
  }
});

const newOffer = (title: string, positions = 1, orgId = ids.org) =>
  insertOffer(getDb(), { orgId, title, positions }).id;

function apply(
  offerId: number,
  candidateId: number,
  values: { status?: ApplicationStatus; message?: string; cvFileId?: number; daysAgo?: number } = {},
) {
  const db = getDb();
  const row = insertApplication(db, { offerId, candidateId, status: values.status ?? "submitted" });
  db.update(applications)
    .set({
      message: values.message ?? null,
      cvFileId: values.cvFileId ?? null,
      createdAt: new Date(Date.now() - (values.daysAgo ?? 0) * 86_400_000),
    })
    .where(eq(applications.id, row.id))
    .run();
  db.insert(applicationEvents)
    .values({ applicationId: row.id, actorId: candidateId, fromStatus: null, toStatus: "submitted" })
    .run();
  return row.id;
}

async function renderAt(url: string, as = "employer", lng: Locale = "fr") {
  const cookie = cookies[as];
  const routes = [
    {
      path: "/employeur/offres/:offerId/candidatures",
      Component: OfferApplications,
      loader: withSession(cookie, listLoader),
      ErrorBoundary: () => <h1>Erreur</h1>,
    },
    {
      path: "/employeur/offres/:offerId/candidatures/:applicationId",
      Component: ApplicationPage,
      loader: withSession(cookie, loader),
      action: withSession(cookie, action),
      ErrorBoundary: () => <h1>Erreur</h1>,
    },
    { path: "/employeur", Component: EmployerHome, loader: withSession(cookie, homeLoader) },
    { path: "/employeur/offres", Component: EmployerOffers, loader: withSession(cookie, offersLoader) },
    { path: "/employeur/offres/:offerId", Component: EditOffer, loader: withSession(cookie, offerLoader) },
  ];
  return renderRoutes(routes, url, { lng });
}

const pageOf = (offerId: number, applicationId: number) => `/employeur/offres/${offerId}/candidatures/${applicationId}`;

function getDetail(offerId: number | string, applicationId: number | string, as = "employer") {
  const params = { offerId: String(offerId), applicationId: String(applicationId) };
  return callRoute(loader, `/employeur/offres/${offerId}/candidatures/${applicationId}`, {
    cookie: cookies[as],
    params,
  });
}
function getList(offerId: number | string, as = "employer", search = "") {
  return callRoute(listLoader, `/employeur/offres/${offerId}/candidatures${search}`, {
    cookie: cookies[as],
    params: { offerId: String(offerId) },
  });
}
function move(offerId: number, applicationId: number, fields: Record<string, string>, as = "employer") {
  return callRoute(action, pageOf(offerId, applicationId), {
    cookie: cookies[as],
    params: { offerId: String(offerId), applicationId: String(applicationId) },
    body: new URLSearchParams({ intent: "move", ...fields }),
  });
}
type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string>; formError?: string };
  init: ResponseInit | null;
};

const applicationRow = (id: number) => getDb().select().from(applications).where(eq(applications.id, id)).get()!;
const eventsOf = (id: number) =>
  getDb().select().from(applicationEvents).where(eq(applicationEvents.applicationId, id)).all();
const placementsOf = (offerId: number) =>
  getDb().select().from(placements).where(eq(placements.offerId, offerId)).all();
/** What Awa's file holds that an employer must never receive, in the page's data. */
const SENSITIVE_DATA = [
  "2001-02-17",
  "refugee",
  "hearing",
  "NOTE-CONFIDENTIELLE",
  "migrantStatus",
  "disability",
  "birthDate",
];

const soon = `${addDays(isoToday(), 3)}T10:30`;

describe("pipeline: another organisation gets 404", () => {
  it("by offer id, by application id and on every move, and nothing changes", async () => {
    const offerId = newOffer("Menuisier (privé)");
    const applicationId = apply(offerId, ids.awa);
    expect(await thrownStatus(getList(offerId, "other"))).toBe(404);
    expect(await thrownStatus(getDetail(offerId, applicationId, "other"))).toBe(404);
    for (const fields of [{ to: "shortlisted" }, { to: "rejected", refusalReason: "other" }] as Record<
      string,
      string
    >[]) {
      expect(await thrownStatus(move(offerId, applicationId, fields, "other"))).toBe(404);
    }
    // Their own offer's id in the URL does not open our application either.
    const theirs = newOffer("Leur offre", 1, ids.otherOrg);
    expect(await thrownStatus(getDetail(theirs, applicationId, "other"))).toBe(404);
    expect(await thrownStatus(move(theirs, applicationId, { to: "shortlisted" }, "other"))).toBe(404);
    expect(applicationRow(applicationId).status).toBe("submitted");
    expect(eventsOf(applicationId)).toHaveLength(1);

    await renderAt(pageOf(offerId, applicationId), "other");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Erreur");
    expect(document.body.textContent).not.toContain("Awa");
  });

  it("answers 404 for an application under another offer's URL, an unknown id and ids that are not numbers", async () => {
    const first = newOffer("Menuisier A");
    const second = newOffer("Menuisier B");
    const applicationId = apply(first, people[0]!);
    expect(await thrownStatus(getDetail(second, applicationId))).toBe(404);
    expect(await thrownStatus(move(second, applicationId, { to: "shortlisted" }))).toBe(404);
    expect(applicationRow(applicationId).status).toBe("submitted");
    for (const [offerId, appId] of [
      [first, 999_999],
      [first, "1abc"],
      ["x", applicationId],
      [first, "-1"],
    ] as const) {
      expect(await thrownStatus(getDetail(offerId, appId)), `${offerId}/${appId}`).toBe(404);
    }
    expect(await thrownStatus(getList(999_999))).toBe(404);
    expect(await thrownStatus(getList("12; DROP TABLE offers"))).toBe(404);
  });

  it("refuses candidates and visitors", async () => {
    const offerId = newOffer("Menuisier C");
    const applicationId = apply(offerId, people[1]!);
    cookies.candidate = await sessionCookieFor(getDb(), ids.awa);
    expect(await thrownStatus(getDetail(offerId, applicationId, "candidate"))).toBe(403);
    expect(await thrownStatus(getList(offerId, "candidate"))).toBe(403);
    expect(await thrownStatus(getDetail(offerId, applicationId, "nobody"))).toBe(302);
  });
});

describe("pipeline: the list", () => {
  it("counts each status as a filter link, marks who waits more than 14 days and links each application", async () => {
    const offerId = newOffer("Menuisier poseur", 3);
    const old = apply(offerId, ids.awa, { daysAgo: 20, cvFileId: ids.awaCv });
    apply(offerId, people[2]!, { daysAgo: 2 });
    const shortlisted = apply(offerId, people[3]!, { status: "shortlisted", daysAgo: 30 });
    await renderAt(`/employeur/offres/${offerId}/candidatures`);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Candidatures : Menuisier poseur");
    const filters = within(screen.getByRole("navigation", { name: "Filtrer par état" }));
    expect(filters.getByRole("link", { name: "Toutes (3)" }).getAttribute("aria-current")).toBe("page");
    expect(filters.getByRole("link", { name: "Envoyée (2)" }).getAttribute("href")).toBe(
      `/employeur/offres/${offerId}/candidatures?statut=submitted`,
    );
    expect(filters.getByRole("link", { name: "Présélectionnée (1)" })).toBeTruthy();
    expect(filters.getByRole("link", { name: "Embauché(e) (0)" })).toBeTruthy();

    const card = screen.getByRole("link", { name: "Awa Sangaré" }).closest("li")!;
    expect(screen.getByRole("link", { name: "Awa Sangaré" }).getAttribute("href")).toBe(pageOf(offerId, old));
    expect(within(card).getByText("Attend une réponse depuis 20 jours")).toBeTruthy();
    expect(within(card).getByText(/avec CV/)).toBeTruthy();
    expect(within(card).getByText("Markala, Ségou")).toBeTruthy();
    expect(within(card).getByText("DEF")).toBeTruthy();
    expect(within(card).getByText("Menuisier bois, Pose de portes")).toBeTruthy();
    expect(within(card).getByText("Bambara, Français")).toBeTruthy();
    expect(within(card).getByText("4 ans")).toBeTruthy();
    expect(within(card).getByText("25-35 ans")).toBeTruthy();
    // Only submitted applications wait: the shortlisted one (30 days old) is answered.
    expect(screen.getAllByText(/Attend une réponse/)).toHaveLength(1);
    expect(document.body.textContent).not.toMatch(/2001|17 févr|refugee|Réfugié|hearing|NOTE-CONFIDENTIELLE/);

    const user = userEvent.setup();
    await user.click(filters.getByRole("link", { name: "Présélectionnée (1)" }));
    await screen.findByRole("link", { name: "Présélectionnée (1)", current: "page" });
    expect(screen.getAllByRole("listitem").filter((li) => li.querySelector("h2"))).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Candidat Numéro D" }).getAttribute("href")).toBe(
      pageOf(offerId, shortlisted),
    );
  });

  it("shows every application for an unknown status in the URL, and loader data without sensitive fields", async () => {
    const offerId = newOffer("Menuisier ébéniste");
    apply(offerId, ids.awa);
    const all = (await getList(offerId, "employer", "?statut=n'importe")) as { status: null; applications: unknown[] };
    expect(all.status).toBeNull();
    expect(all.applications).toHaveLength(1);
    const text = JSON.stringify(all);
    for (const secret of SENSITIVE_DATA) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("pipeline: one application", () => {
  it("shows only what an employer may see — never migrant status, disability, birth date or notes, in the page or the loader data", async () => {
    const offerId = newOffer("Menuisier d'atelier");
    const applicationId = apply(offerId, ids.awa, {
      message: 'Bonjour,\n<script>alert("x")</script> je suis menuisière.',
      cvFileId: ids.awaCv,
    });
    const data = JSON.stringify(await getDetail(offerId, applicationId));
    for (const secret of [...SENSITIVE_DATA, "2001", "notes"]) {
      expect(data, secret).not.toContain(secret);
    }

    await renderAt(pageOf(offerId, applicationId));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Awa Sangaré");
    const profile = screen.getByRole("heading", { name: "Profil" }).closest("section")!;
    const shown = (label: string) => within(profile).getByText(label).nextElementSibling?.textContent;
    expect(within(profile).getByRole("link", { name: "+223 76 20 30 40" }).getAttribute("href")).toBe(
      "tel:+22376203040",
    );
    expect(within(profile).getByRole("link", { name: "WhatsApp +223 76 20 30 40" })).toBeTruthy();
    expect(shown("Commune")).toBe("Markala, Ségou");
    expect(shown("Âge")).toBe("25-35 ans");
    const message = screen.getByText(/je suis menuisière/);
    expect(message.textContent).toBe('Bonjour,\n<script>alert("x")</script> je suis menuisière.');
    expect(message.querySelector("script")).toBeNull();
    expect(screen.getByRole("link", { name: "Télécharger le CV (PDF)" }).getAttribute("href")).toBe(
      `/fichiers/${ids.awaCv}`,
    );
    const page = document.body.textContent!;
    for (const secret of [
      "2001",
      "17 février",
      "Réfugié",
      "réfugié",
      "refugee",
      "auditi",
      "hearing",
      "NOTE-CONFIDENTIELLE",
      "psychosocial",
    ]) {
      expect(page, secret).not.toContain(secret);
    }
    expect(
      within(screen.getByRole("heading", { name: "Historique" }).closest("section")!).getByText("Envoyée"),
    ).toBeTruthy();
    // From `submitted`: shortlist, interview, offer, reject — never hire straight away.
    expect(screen.getAllByRole("form").map((f) => f.getAttribute("aria-label"))).toEqual([
      "Présélectionner",
      "Proposer un entretien",
      "Faire une proposition d'embauche",
      "Ne pas retenir",
    ]);
  });

  it("says there is no CV when the candidate applied without one", async () => {
    const offerId = newOffer("Menuisier sans CV");
    const applicationId = apply(offerId, people[4]!);
    await renderAt(pageOf(offerId, applicationId));
    expect(screen.getByText("Pas de CV : le candidat a postulé avec son profil.")).toBeTruthy();
    expect(screen.getByText("Pas de message.")).toBeTruthy();
    expect(screen.queryByRole("link", { name: /Télécharger/ })).toBeNull();
  });

  it("shortlists, then refuses an interview without a date (400 by the field), then books it; each move is an event and the candidate is told", async () => {
    const db = getDb();
    const offerId = newOffer("Menuisier coffreur");
    const applicationId = apply(offerId, ids.awa);
    const user = await renderAt(pageOf(offerId, applicationId));
    await user.click(
      within(screen.getByRole("form", { name: "Présélectionner" })).getByRole("button", { name: "Présélectionner" }),
    );
    expect(await screen.findByText("Candidature présélectionnée. Le candidat est prévenu.")).toBeTruthy();
    expect(applicationRow(applicationId).status).toBe("shortlisted");

    const interview = within(screen.getByRole("form", { name: "Proposer un entretien" }));
    await user.type(interview.getByLabelText("Lieu de l'entretien"), "Atelier, rue 310, Hamdallaye");
    await user.click(interview.getByRole("button", { name: "Proposer l'entretien" }));
    expect(await screen.findByText("Indiquez la date et l'heure de l'entretien.")).toBeTruthy();
    const when = within(screen.getByRole("form", { name: "Proposer un entretien" })).getByLabelText(
      "Date et heure de l'entretien",
    );
    expect(when.getAttribute("aria-invalid")).toBe("true");
    expect(
      (
        within(screen.getByRole("form", { name: "Proposer un entretien" })).getByLabelText(
          "Lieu de l'entretien",
        ) as HTMLInputElement
      ).value,
    ).toBe("Atelier, rue 310, Hamdallaye");
    expect(applicationRow(applicationId).status).toBe("shortlisted");

    const result = (await move(offerId, applicationId, {
      to: "interview",
      interviewAt: "",
      interviewPlace: "Atelier",
    })) as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ interviewAt: "applications:errors.interviewAtRequired" });

    const ok = (await move(offerId, applicationId, {
      to: "interview",
      interviewAt: soon,
      interviewPlace: "Atelier, rue 310",
    })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(pageOf(offerId, applicationId));
    const params = { offerId: String(offerId), applicationId: String(applicationId) };
    const page = await followRedirect(ok, loader, { cookie: cookies.employer, params });
    expect(page).toMatchObject({ flash: { message: "applications:detail.done.interview" } });
    expect(applicationRow(applicationId)).toMatchObject({
      status: "interview",
      interviewAt: soon,
      interviewPlace: "Atelier, rue 310",
    });
    expect(eventsOf(applicationId).map((e) => [e.fromStatus, e.toStatus, e.actorId])).toEqual([
      [null, "submitted", ids.awa],
      ["submitted", "shortlisted", ids.employer],
      ["shortlisted", "interview", ids.employer],
    ]);
    const told = db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, ids.awa))
      .all()
      .map((n) => n.kind);
    expect(told).toEqual(expect.arrayContaining(["application.shortlisted", "application.interview"]));
  });

  it("refuses an interview date in the past, an impossible date and a 201-character place", async () => {
    const offerId = newOffer("Menuisier charpentier");
    const applicationId = apply(offerId, people[5]!, { status: "shortlisted" });
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { interviewAt: `${addDays(isoToday(), -2)}T09:00`, interviewPlace: "Atelier" },
        { interviewAt: "applications:errors.interviewAtPast" },
      ],
      [
        { interviewAt: "2030-02-30T09:00", interviewPlace: "Atelier" },
        { interviewAt: "applications:errors.interviewAtInvalid" },
      ],
      [
        { interviewAt: "demain 9h", interviewPlace: "Atelier" },
        { interviewAt: "applications:errors.interviewAtInvalid" },
      ],
      [{ interviewAt: soon, interviewPlace: "x".repeat(201) }, { interviewPlace: "applications:errors.placeTooLong" }],
      [{ interviewAt: soon, interviewPlace: "  " }, { interviewPlace: "applications:errors.placeRequired" }],
    ];
    for (const [fields, errors] of cases) {
      const result = (await move(offerId, applicationId, { to: "interview", ...fields })) as Result;
      expect(result.init?.status).toBe(400);
      expect(result.data.fieldErrors).toEqual(errors);
    }
    expect(applicationRow(applicationId).status).toBe("shortlisted");
    expect(eventsOf(applicationId)).toHaveLength(1);
  });

  it("refuses a status jump (submitted → hired) with 400 and changes nothing in the database", async () => {
    const db = getDb();
    const offerId = newOffer("Menuisier pressé");
    const applicationId = apply(offerId, people[6]!);
    const notificationsBefore = db.select().from(notifications).all().length;
    const user = await renderAt(pageOf(offerId, applicationId));
    expect(screen.queryByRole("form", { name: "Embaucher" })).toBeNull();

    const result = (await move(offerId, applicationId, { to: "hired", startDate: isoToday() })) as Result;
    expect(result.init?.status).toBe(400);
    expect(result.data.formError).toBe("applications:errors.notAllowed");
    expect(applicationRow(applicationId).status).toBe("submitted");
    expect(eventsOf(applicationId)).toHaveLength(1);
    expect(placementsOf(offerId)).toEqual([]);
    expect(db.select().from(notifications).all()).toHaveLength(notificationsBefore);
    expect(db.select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("published");

    // A stale page (the form of a move that no longer exists) gets the message in plain words.
    const form = screen.getByRole("form", { name: "Faire une proposition d'embauche" });
    (form.querySelector('input[name="to"]') as HTMLInputElement).value = "hired";
    await user.click(within(form).getByRole("button", { name: "Proposer le poste" }));
    expect(
      await screen.findByText("Ce changement n'est pas possible depuis l'état actuel de la candidature."),
    ).toBeTruthy();
    expect(applicationRow(applicationId).status).toBe("submitted");

    for (const fields of [
      { to: "withdrawn" },
      { to: "submitted" },
      { to: "'; DELETE FROM applications; --" },
      {},
    ] as Record<string, string>[]) {
      const bad = (await move(offerId, applicationId, fields)) as Result;
      expect(bad.init?.status, JSON.stringify(fields)).toBe(400);
    }
    const noIntent = requestWithCookie(`http://localhost${pageOf(offerId, applicationId)}`, cookies.employer, {
      method: "POST",
      body: new URLSearchParams({ to: "shortlisted" }),
    });
    expect(
      await thrownStatus(
        action({
          request: noIntent,
          params: { offerId: String(offerId), applicationId: String(applicationId) },
          context: {},
        } as never),
      ),
    ).toBe(400);
    expect(applicationRow(applicationId).status).toBe("submitted");
  });

  it("refuses a refusal without a reason and a 501-character note; with both it tells the candidate", async () => {
    const db = getDb();
    const offerId = newOffer("Menuisier (refus)");
    const applicationId = apply(offerId, people[7]!);
    const user = await renderAt(pageOf(offerId, applicationId));
    const form = () => within(screen.getByRole("form", { name: "Ne pas retenir" }));
    await user.type(form().getByLabelText("Message au candidat (facultatif)"), "Merci, bon courage.");
    await user.click(form().getByRole("button", { name: "Ne pas retenir" }));
    expect(await screen.findByText("Choisissez la raison dans la liste.")).toBeTruthy();
    expect((form().getByLabelText("Message au candidat (facultatif)") as HTMLTextAreaElement).value).toBe(
      "Merci, bon courage.",
    );
    expect(applicationRow(applicationId).status).toBe("submitted");

    const long = (await move(offerId, applicationId, {
      to: "rejected",
      refusalReason: "other",
      note: "x".repeat(501),
    })) as Result;
    expect(long.data.fieldErrors).toEqual({ note: "applications:errors.noteTooLong" });
    const wrong = (await move(offerId, applicationId, { to: "rejected", refusalReason: "parce que" })) as Result;
    expect(wrong.data.fieldErrors).toEqual({ refusalReason: "applications:errors.refusalReasonRequired" });

    await user.selectOptions(form().getByLabelText("Raison"), "Le profil ne correspond pas");
    await user.click(form().getByRole("button", { name: "Ne pas retenir" }));
    expect(await screen.findByText("Candidature non retenue. Le candidat est prévenu.")).toBeTruthy();
    expect(applicationRow(applicationId)).toMatchObject({ status: "rejected", refusalReason: "profile_mismatch" });
    expect(eventsOf(applicationId).at(-1)).toMatchObject({ toStatus: "rejected", note: "Merci, bon courage." });
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, people[7]!), eq(notifications.kind, "application.rejected")))
      .get();
    expect(told?.payload).toMatchObject({ refusalReason: "profile_mismatch", note: "Merci, bon courage." });
    expect(screen.getByText("Raison : Le profil ne correspond pas")).toBeTruthy();
    expect(screen.getByText("Cette candidature est terminée : plus aucun changement n'est possible.")).toBeTruthy();
  });
});

describe("pipeline: hiring", () => {
  it("refuses a hire beyond the offer's positions with 409 and changes nothing", async () => {
    const db = getDb();
    const offerId = newOffer("Menuisier (1 poste)", 1);
    // Already one hire on a one-position offer (e.g. recorded before the offer was edited), one more at interview.
    apply(offerId, people[0]!, { status: "hired" });
    const applicationId = apply(offerId, people[1]!, { status: "interview" });
    const user = await renderAt(pageOf(offerId, applicationId));
    const hire = within(screen.getByRole("form", { name: "Embaucher" }));
    expect((hire.getByLabelText("Premier jour de travail") as HTMLInputElement).value).toBe(isoToday());
    await user.click(hire.getByRole("button", { name: "Enregistrer l'embauche" }));
    expect(await screen.findByText("Tous les postes de cette offre sont déjà pourvus.")).toBeTruthy();
    const result = (await move(offerId, applicationId, { to: "hired", startDate: isoToday() })) as Result;
    expect(result.init?.status).toBe(409);
    expect(applicationRow(applicationId).status).toBe("interview");
    expect(placementsOf(offerId)).toEqual([]);
    expect(db.select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("published");
  });

  it("the last hire fills the offer, closes the others with position_filled, tells them, and creates the placement", async () => {
    const db = getDb();
    const offerId = newOffer("Menuisiers (2 postes)", 2);
    const first = apply(offerId, people[2]!, { status: "offered" });
    // The candidate accepted the job offer: the hire is possible.
    db.update(applications).set({ offerAnswer: "accepted" }).where(eq(applications.id, first)).run();
    const second = apply(offerId, people[3]!, { status: "interview" });
    const others = [apply(offerId, people[4]!), apply(offerId, people[5]!, { status: "shortlisted" })];
    const withdrawn = apply(offerId, people[6]!, { status: "withdrawn" });

    const firstHire = (await move(offerId, first, { to: "hired", startDate: "2026-12-01" })) as Response;
    expect(firstHire.headers.get("Location")).toBe(pageOf(offerId, first));
    const params = { offerId: String(offerId), applicationId: String(first) };
    const page = await followRedirect(firstHire, loader, { cookie: cookies.employer, params });
    expect(page).toMatchObject({ flash: { message: "applications:detail.done.hired" } });
    expect(db.select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("published");

    const user = await renderAt(pageOf(offerId, second));
    const startDate = within(screen.getByRole("form", { name: "Embaucher" })).getByLabelText("Premier jour de travail");
    await user.clear(startDate);
    await user.type(startDate, "2026-12-15");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'embauche" }));
    expect(
      await screen.findByText(
        "L'offre est pourvue : les autres candidatures ont été closes et les candidats prévenus.",
      ),
    ).toBeTruthy();
    expect(screen.getByText("Embauche enregistrée. Le suivi du placement commence (à 1, 3 et 6 mois).")).toBeTruthy();

    expect(db.select().from(offers).where(eq(offers.id, offerId)).get()!.status).toBe("filled");
    expect([applicationRow(first).status, applicationRow(second).status]).toEqual(["hired", "hired"]);
    for (const id of others)
      expect(applicationRow(id)).toMatchObject({ status: "rejected", refusalReason: "position_filled" });
    expect(applicationRow(withdrawn).status).toBe("withdrawn");
    for (const candidateId of [people[4]!, people[5]!]) {
      const told = db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, candidateId), eq(notifications.kind, "application.positionFilled")))
        .all();
      expect(told).toHaveLength(1);
    }
    const made = placementsOf(offerId);
    expect(made.map((p) => [p.candidateId, p.startDate]).sort()).toEqual(
      [
        [people[2], "2026-12-01"],
        [people[3], "2026-12-15"],
      ].sort(),
    );
    const followups = db
      .select()
      .from(placementFollowups)
      .where(eq(placementFollowups.placementId, made.find((p) => p.candidateId === people[3])!.id))
      .all();
    expect(followups.map((f) => [f.monthsAfter, f.dueDate])).toEqual([
      [1, "2027-01-15"],
      [3, "2027-03-15"],
      [6, "2027-06-15"],
    ]);

    // A closed application offers no more moves, and a late hire attempt is refused.
    const late = (await move(offerId, others[0]!, { to: "shortlisted" })) as Result;
    expect(late.init?.status).toBe(400);
    expect(applicationRow(others[0]!).status).toBe("rejected");
  });

  it("refuses an impossible start date", async () => {
    const offerId = newOffer("Menuisier (date)");
    const applicationId = apply(offerId, people[7]!, { status: "offered" });
    for (const startDate of ["2026-02-30", "15/12/2026", "<script>"]) {
      const result = (await move(offerId, applicationId, { to: "hired", startDate })) as Result;
      expect(result.data.fieldErrors, startDate).toEqual({ startDate: "applications:errors.startDateInvalid" });
    }
    expect(applicationRow(applicationId).status).toBe("offered");
  });
});

describe("pipeline: the employer's dashboard and English", () => {
  it("lists the applications unanswered for more than 14 days, with a count and links", async () => {
    const offerId = newOffer("Menuisier (attente)");
    const waiting = apply(offerId, people[0]!, { daysAgo: 16 });
    apply(offerId, people[1]!, { daysAgo: 3 });
    apply(offerId, people[2]!, { daysAgo: 40, status: "shortlisted" });
    // Another organisation's old application is not ours to answer.
    apply(newOffer("Leur offre ancienne", 1, ids.otherOrg), people[3]!, { daysAgo: 60 });
    await renderAt("/employeur");
    const section = screen
      .getByRole("heading", { name: /Candidatures sans réponse depuis plus de 14 jours/ })
      .closest("section")!;
    const links = within(section).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toContain(pageOf(offerId, waiting));
    expect(within(section).getByRole("link", { name: "Candidat Numéro A — Menuisier (attente)" })).toBeTruthy();
    expect(links.every((a) => !a.textContent!.includes("Leur offre"))).toBe(true);
    expect(within(section).getByText(`(${links.length} candidature${links.length > 1 ? "s" : ""})`)).toBeTruthy();
  });

  it("links each offer with applications to its pipeline, from the offer list and the offer page", async () => {
    const offerId = newOffer("Menuisier (liens)");
    const empty = newOffer("Menuisier (personne)");
    apply(offerId, people[4]!);
    const user = await renderAt("/employeur/offres");
    const link = screen.getByRole("link", { name: "Voir les candidatures à « Menuisier (liens) »" });
    expect(link.getAttribute("href")).toBe(`/employeur/offres/${offerId}/candidatures`);
    expect(screen.queryByRole("link", { name: "Voir les candidatures à « Menuisier (personne) »" })).toBeNull();
    await user.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Candidatures : Menuisier (liens)" })).toBeTruthy();
    document.body.innerHTML = "";
    await renderAt(`/employeur/offres/${empty}`);
    expect(screen.getByRole("link", { name: "Voir les candidatures" }).getAttribute("href")).toBe(
      `/employeur/offres/${empty}/candidatures`,
    );
  });

  it("speaks English on the application page", async () => {
    const offerId = newOffer("Joiner");
    const applicationId = apply(offerId, ids.awa, { status: "shortlisted" });
    const user = await renderAt(pageOf(offerId, applicationId), "employer", "en");
    expect(screen.getByRole("heading", { name: "Answer the candidate" })).toBeTruthy();
    expect(screen.getByText("Trades and skills")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Propose the interview" }));
    expect(await screen.findByText("Give the date and time of the interview.")).toBeTruthy();
    expect(screen.getByText("Give the place of the interview.")).toBeTruthy();
    const reject = within(screen.getByRole("form", { name: "Do not retain" }));
    expect(reject.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Choose",
      "The profile does not match",
      "The position is filled",
      "The candidate does not answer",
      "Other",
    ]);
  });
});
