// @vitest-environment jsdom
// The public programme pages: /partenariats (published programmes in order) and
// /partenariats/:programmeId with its interest form. Who asks decides what the form
// does: an employer sends (a partnership and its notification), a visitor is sent to
// sign up or log in and comes back to what they typed, a candidate or a counsellor is
// pointed elsewhere. Bad input tried: empty, huge, repeated fields, markup, SQL, ids
// that name nothing or a draft, an archived programme.
import { cleanup, screen, within } from "@testing-library/react";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import Programmes, { loader as listLoader } from "../../app/routes/partenariats._index";
import ProgrammePage, { action, loader } from "../../app/routes/partenariats.$programmeId";
import { getDb } from "../../app/utils/db.server";
import { safeRedirect } from "../../app/utils/request.server";
import { notifications, organisations, partnerships } from "../../db/schema";
import {
  insertAdmin,
  insertCandidate,
  insertCounsellor,
  insertEmployer,
  insertPartner,
  insertProgramme,
  programmeText,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, outcomeStatus, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

const ids = { first: 0, second: 0, draft: 0, archived: 0, org: 0, employer: 0 };
const cookies = { employer: "", other: "", candidate: "", counsellor: "", admin: "" };

beforeAll(async () => {
  const db = getDb();
  const oim = insertPartner(db, "Organisation internationale pour les migrations", "OIM");
  const apej = insertPartner(db, "Agence pour la promotion de l'emploi des jeunes", "APEJ");
  ids.second = insertProgramme(db, {
    position: 2,
    kind: "returnee_internship",
    texts: { fr: programmeText("Stage de retour"), bm: programmeText("Segin kalanbaara") },
  }).id;
  ids.first = insertProgramme(db, {
    position: 1,
    texts: {
      fr: {
        ...programmeText("Apprentissage en atelier"),
        steps: ["Manifester son intérêt", "Rencontre avec un conseiller", "Signature de la convention"],
        documents: ["RCCM", "NIF"],
      },
    },
    stipendFcfa: 25_000,
    trainingFcfa: 150_000,
    insurance: true,
    durationMonths: 6,
    partnerIds: [apej.id, oim.id],
  }).id;
  ids.draft = insertProgramme(db, { status: "draft", texts: { fr: programmeText("Brouillon secret") } }).id;
  ids.archived = insertProgramme(db, { status: "archived", texts: { fr: programmeText("Ancien programme") } }).id;

  const employer = await insertEmployer(db, "verified", "Atelier Diarra");
  db.update(organisations).set({ contactPhone: "+22376123456" }).where(eq(organisations.id, employer.org.id)).run();
  ids.org = employer.org.id;
  ids.employer = employer.user.id;
  cookies.employer = await sessionCookieFor(db, employer.user.id);
  cookies.other = await sessionCookieFor(db, (await insertEmployer(db, "verified", "Garage Keïta")).user.id);
  cookies.candidate = await sessionCookieFor(db, insertCandidate(db).id);
  cookies.counsellor = await sessionCookieFor(db, insertCounsellor(db, oim).id);
  cookies.admin = await sessionCookieFor(db, (await insertAdmin(db)).id);
});

const pageRoute = (cookie?: string) => ({
  path: "/partenariats/:programmeId",
  Component: ProgrammePage,
  loader: as(cookie, loader),
  action: as(cookie, action),
});

const post = (programmeId: number, body: Record<string, string | string[]>, cookie?: string) =>
  callRoute(action, `/partenariats/${programmeId}`, { cookie, params: { programmeId: String(programmeId) }, body });

describe("/partenariats", () => {
  it("lists the published programmes in the admins' order, with their key figures", async () => {
    await renderRoutes([{ path: "/partenariats", Component: Programmes, loader: listLoader }], "/partenariats");
    expect(
      screen.getByRole("heading", {
        level: 1,
        name: "Ce que votre entreprise peut faire avec l'OIM et ses partenaires",
      }),
    ).toBeTruthy();
    const cards = screen.getAllByRole("article");
    expect(cards.map((card) => within(card).getByRole("heading").textContent)).toEqual([
      "Apprentissage en atelier",
      "Stage de retour",
    ]);
    expect(within(cards[0]!).getByText(/^25\s000 F CFA par mois$/)).toBeTruthy();
    expect(within(cards[0]!).getByText(/^150\s000 F CFA par personne$/)).toBeTruthy();
    expect(within(cards[0]!).getByText("Payée par les partenaires")).toBeTruthy();
    expect(within(cards[0]!).getByText("6 mois")).toBeTruthy();
    expect(within(cards[1]!).getByText("Stage pour migrants de retour")).toBeTruthy();
    expect(screen.queryByText(/Brouillon secret|Ancien programme/)).toBeNull();
  });
});

describe("/partenariats/:programmeId", () => {
  it("shows who may join, the commitments, the steps in order, the documents and the partners", async () => {
    await renderRoutes([pageRoute()], `/partenariats/${ids.first}`);
    expect(screen.getByRole("heading", { level: 1, name: "Apprentissage en atelier" })).toBeTruthy();
    for (const name of [
      "Qui peut participer",
      "Ce que votre entreprise s'engage à faire",
      "Ce que les partenaires apportent",
    ])
      expect(screen.getByRole("heading", { name })).toBeTruthy();
    const steps = within(screen.getByRole("region", { name: "La démarche, étape par étape" }));
    expect(steps.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Manifester son intérêt",
      "Rencontre avec un conseiller",
      "Signature de la convention",
    ]);
    expect(steps.getByRole("list").tagName).toBe("OL");
    const documents = within(screen.getByRole("region", { name: "Les documents à fournir" }));
    expect(documents.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["RCCM", "NIF"]);
    const partners = within(screen.getByRole("region", { name: "Les partenaires du programme" }));
    expect(partners.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Agence pour la promotion de l'emploi des jeunes (APEJ)",
      "Organisation internationale pour les migrations (OIM)",
    ]);
  });

  it("reads Bambara when written, and marks the French read instead as French", async () => {
    await renderRoutes([pageRoute()], `/partenariats/${ids.second}`, { lng: "bm" });
    expect(screen.getByRole("heading", { level: 1, name: "Segin kalanbaara" }).closest("[lang]")).toBeNull();
    cleanup();
    await renderRoutes([pageRoute()], `/partenariats/${ids.second}`, { lng: "en" });
    expect(screen.getByRole("heading", { level: 1, name: "Stage de retour" }).getAttribute("lang")).toBe("fr");
    expect(screen.getByText("This text exists in French only.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Who may join" })).toBeTruthy();
  });

  it("gives an employer the form with the company phone; sending opens a partnership and tells the company", async () => {
    const user = await renderRoutes(
      [pageRoute(cookies.employer), { path: "/employeur/partenariats/:id", Component: () => <h1>Demande</h1> }],
      `/partenariats/${ids.first}`,
    );
    expect(screen.getByText("Demande au nom de Atelier Diarra.")).toBeTruthy();
    const contact = screen.getByRole("textbox", { name: "Comment et quand vous joindre" }) as HTMLTextAreaElement;
    expect(contact.value).toBe("76 12 34 56");
    await user.type(
      screen.getByRole("textbox", { name: "Ce que votre entreprise voudrait faire" }),
      "4 apprentis soudeurs",
    );
    await user.clear(contact);
    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    expect(await screen.findByText("Ce champ est obligatoire.")).toBeTruthy();
    expect(screen.getByDisplayValue("4 apprentis soudeurs")).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: "Comment et quand vous joindre" }), "76 12 34 56, le matin");
    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    expect(await screen.findByRole("heading", { name: "Demande" })).toBeTruthy();

    const db = getDb();
    const row = db.select().from(partnerships).where(eq(partnerships.orgId, ids.org)).get();
    expect(row).toMatchObject({
      programmeId: ids.first,
      status: "requested",
      need: "4 apprentis soudeurs",
      contact: "76 12 34 56, le matin",
      requestedBy: ids.employer,
    });
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, ids.employer), eq(notifications.kind, "partnership.requested")))
      .all();
    expect(told.map((n) => n.link)).toEqual([`/employeur/partenariats/${row!.id}`]);
  });

  it("says when the company already has a request under way, with a link to it", async () => {
    const open = getDb().select().from(partnerships).where(eq(partnerships.orgId, ids.org)).get()!;
    const again = await post(ids.first, { intent: "send", need: "Encore", contact: "76 00 00 00" }, cookies.employer);
    expect(statusOf(again)).toBe(409);
    await renderRoutes([pageRoute(cookies.employer)], `/partenariats/${ids.first}`);
    expect(screen.getByText("Votre entreprise a déjà une demande en cours pour ce programme.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir votre demande" }).getAttribute("href")).toBe(
      `/employeur/partenariats/${open.id}`,
    );
    expect(screen.queryByRole("button", { name: "Envoyer ma demande" })).toBeNull();
  });

  it("sends a visitor to sign up as a company, then back to the form with what they typed", async () => {
    const need = "Former 5 apprentis & 2 stagiaires\nen mécanique";
    const signup = (await post(ids.first, { intent: "signup", need, contact: "Moussa: 76 12 34 56" })) as Response;
    expect(signup.status).toBe(302);
    const to = new URL(signup.headers.get("Location")!, "http://localhost");
    expect(to.pathname).toBe("/inscription");
    expect(to.searchParams.get("type")).toBe("employeur");
    const back = to.searchParams.get("redirectTo")!;
    expect(safeRedirect(back)).toBe(back);
    expect(back.endsWith("#interet")).toBe(true);

    await renderRoutes([pageRoute()], back.replace("#interet", ""));
    expect(screen.getByRole("textbox", { name: "Ce que votre entreprise voudrait faire" })).toHaveProperty(
      "value",
      need,
    );
    expect(screen.getByRole("textbox", { name: "Comment et quand vous joindre" })).toHaveProperty(
      "value",
      "Moussa: 76 12 34 56",
    );
    expect(screen.getByRole("button", { name: "Créer mon compte entreprise et envoyer" })).toBeTruthy();

    const login = (await post(ids.first, { intent: "login", need, contact: "76" })) as Response;
    const loginTo = new URL(login.headers.get("Location")!, "http://localhost");
    expect(loginTo.pathname).toBe("/connexion");
    expect(loginTo.searchParams.get("redirectTo")).toMatch(new RegExp(`^/partenariats/${ids.first}\\?need=`));
  });

  it("tells a candidate the programmes are for companies, and points counsellors to their list", async () => {
    await renderRoutes([pageRoute(cookies.candidate)], `/partenariats/${ids.first}`);
    expect(screen.getByText(/Ces programmes sont pour les entreprises/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir les offres" }).getAttribute("href")).toBe("/offres");
    expect(screen.queryByRole("textbox")).toBeNull();
    cleanup();
    await renderRoutes([pageRoute(cookies.counsellor)], `/partenariats/${ids.first}`);
    expect(screen.getByRole("link", { name: "Voir les partenariats" }).getAttribute("href")).toBe(
      "/conseiller/partenariats",
    );
    for (const who of [cookies.candidate, cookies.counsellor, cookies.admin]) {
      expect(await thrownStatus(post(ids.first, { intent: "send", need: "x", contact: "y" }, who))).toBe(403);
    }
  });

  it("hides a draft from everyone but admins, and takes no request for an archived programme", async () => {
    const page = (id: number | string, cookie?: string) =>
      outcomeStatus(callRoute(loader, `/partenariats/${id}`, { cookie, params: { programmeId: String(id) } }));
    expect(await page(ids.draft)).toBe(404);
    expect(await page(ids.draft, cookies.employer)).toBe(404);
    expect(await page(ids.draft, cookies.counsellor)).toBe(404);
    expect(await page(ids.draft, cookies.admin)).toBe(200);
    for (const id of ["999999", "abc", "1e3", "-1", "' OR 1=1 --"]) expect(await page(id)).toBe(404);
    expect(await thrownStatus(post(ids.draft, { intent: "signup", need: "x", contact: "y" }))).toBe(404);

    await renderRoutes([pageRoute(cookies.other)], `/partenariats/${ids.archived}`);
    expect(screen.getByText("Ce programme est terminé : il ne prend plus de nouvelle demande.")).toBeTruthy();
    expect(screen.queryByRole("textbox")).toBeNull();
    const refused = await post(ids.archived, { intent: "send", need: "x", contact: "y" }, cookies.other);
    expect(statusOf(refused)).toBe(409);
  });

  it.each([
    ["empty", { need: "", contact: "" }, { need: "validation.required", contact: "validation.required" }],
    ["huge", { need: "é".repeat(2_000_000), contact: "76" }, { need: "validation.tooLong" }],
    ["repeated", { need: ["a", "b"], contact: "76" }, { need: "validation.required" }],
    ["control characters", { need: "Former\u0000", contact: "76" }, { need: "validation.invalidCharacters" }],
  ])("refuses %s input with 400, keeping what was typed", async (_, body, errors) => {
    for (const cookie of [undefined, cookies.other]) {
      const refused = (await post(ids.first, { intent: cookie ? "send" : "signup", ...body }, cookie)) as {
        data: { fieldErrors: Record<string, string>; values: Record<string, string> };
      };
      expect(statusOf(refused)).toBe(400);
      expect(refused.data.fieldErrors).toMatchObject(errors);
      expect(refused.data.values.contact).toBe(body.contact);
    }
  });

  it("keeps markup and SQL as the company's words", async () => {
    const sent = await post(
      ids.second,
      { intent: "send", need: "<script>alert(1)</script>", contact: "'; DROP TABLE partnerships; --" },
      cookies.other,
    );
    expect(statusOf(sent)).toBe(302);
    const row = getDb().select().from(partnerships).where(eq(partnerships.programmeId, ids.second)).get();
    expect(row).toMatchObject({ need: "<script>alert(1)</script>", contact: "'; DROP TABLE partnerships; --" });
  });
});
