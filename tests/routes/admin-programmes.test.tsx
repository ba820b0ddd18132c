// @vitest-environment jsdom
// The admins' programme pages: the list (status, order, publish, archive) and the
// form (French first, other languages folded, figures, partners), for a new programme
// (`nouveau`) or an existing one. Refused: other roles (403), visitors (to log in),
// ids that name nothing (404), unknown intents, bad input (400, typed values kept).
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import AdminProgrammes, { action as listAction, loader as listLoader } from "../../app/routes/admin.programmes";
import AdminProgramme, {
  action as formAction,
  loader as formLoader,
} from "../../app/routes/admin.programmes.$programmeId";
import { programmeSchema } from "../../app/schemas/programme";
import { getDb } from "../../app/utils/db.server";
import { programmes } from "../../db/schema";
import { auditRows } from "../helpers/db";
import {
  insertAdmin,
  insertCounsellor,
  insertEmployer,
  insertPartner,
  insertProgramme,
  programmeText,
  sessionCookieFor,
} from "../helpers/factories";
import { fieldNames, hostileForm, mutatedForm } from "../helpers/hostile";
import { as, callRoute, followRedirect, outcomeStatus, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

let admin = "";
let counsellor = "";
let employer = "";
const ids = { oim: 0, first: 0, second: 0 };

beforeAll(async () => {
  const db = getDb();
  ids.oim = insertPartner(db, "OIM Mali", "OIM").id;
  insertPartner(db, "APEJ", "APEJ");
  ids.first = insertProgramme(db, { position: 1, texts: { fr: programmeText("Apprentissage") } }).id;
  ids.second = insertProgramme(db, { position: 2, status: "draft", texts: { fr: programmeText("Stage") } }).id;
  admin = await sessionCookieFor(db, (await insertAdmin(db)).id);
  counsellor = await sessionCookieFor(db, insertCounsellor(db).id);
  employer = await sessionCookieFor(db, (await insertEmployer(db)).user.id);
});

const listRoutes = () => [
  {
    path: "/admin/programmes",
    Component: AdminProgrammes,
    loader: as(admin, listLoader),
    action: as(admin, listAction),
  },
];
const formRoutes = () => [
  ...listRoutes(),
  {
    path: "/admin/programmes/:programmeId",
    Component: AdminProgramme,
    loader: as(admin, formLoader),
    action: as(admin, formAction),
  },
];
const order = () =>
  getDb()
    .select({ id: programmes.id })
    .from(programmes)
    .orderBy(programmes.position, programmes.id)
    .all()
    .map((p) => p.id);

describe("/admin/programmes/:programmeId", () => {
  it("creates a draft from the French texts, with figures and partners", async () => {
    const user = await renderRoutes(formRoutes(), "/admin/programmes/nouveau");
    expect(screen.getByRole("heading", { level: 1, name: "Nouveau programme" })).toBeTruthy();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type de programme" }), "hiring");
    const french = within(screen.getByRole("group", { name: "Texte en français (obligatoire)" }));
    await user.type(french.getByRole("textbox", { name: "Titre" }), "Embauche de migrants de retour");
    await user.click(screen.getByRole("button", { name: "Créer le programme (brouillon)" }));
    // Refused: what was typed stays, each missing text says so.
    expect(
      await screen.findByText("Le formulaire contient des erreurs. Corrigez les champs signalés ci-dessous."),
    ).toBeTruthy();
    expect(screen.getByDisplayValue("Embauche de migrants de retour")).toBeTruthy();
    expect(screen.getAllByText("Ce champ est obligatoire.")).toHaveLength(6);

    const fill = async (name: string, text: string) => {
      const field = french.getByRole("textbox", { name });
      await user.clear(field);
      await user.type(field, text);
    };
    await fill("Résumé (sur la carte de la liste)", "Embauchez, l'OIM forme.");
    await fill("Qui peut participer", "Entreprises formelles");
    await fill("Ce que l'entreprise s'engage à faire", "Un contrat d'un an");
    await fill("Ce que les partenaires apportent", "La formation");
    await fill("Étapes de la démarche", "Demande{Enter}Rencontre");
    await fill("Documents à fournir", "RCCM");
    await user.type(screen.getByRole("textbox", { name: "Formation par personne (FCFA)" }), "150 000");
    await user.type(screen.getByRole("textbox", { name: "Durée (mois, de 1 à 60)" }), "12");
    await user.click(screen.getByRole("checkbox", { name: "Assurance payée par les partenaires" }));
    await user.click(screen.getByRole("checkbox", { name: "OIM" }));
    await user.click(screen.getByRole("button", { name: "Créer le programme (brouillon)" }));
    expect(
      await screen.findByText("Programme créé en brouillon. Publiez-le depuis la liste quand il est prêt."),
    ).toBeTruthy();

    const created = getDb().select().from(programmes).orderBy(programmes.id).all().at(-1)!;
    expect(created).toMatchObject({
      kind: "hiring",
      status: "draft",
      trainingFcfa: 150_000,
      stipendFcfa: null,
      durationMonths: 12,
      insurance: true,
      partnerIds: [ids.oim],
    });
    expect(created.texts.fr.steps).toEqual(["Demande", "Rencontre"]);
    expect(auditRows(getDb(), "programme.created").map((a) => a.subjectId)).toContain(String(created.id));
  });

  it("edits a programme: its texts come back one line each, a started translation must be whole", async () => {
    const user = await renderRoutes(formRoutes(), `/admin/programmes/${ids.first}`);
    expect(screen.getByRole("heading", { level: 1, name: "Modifier : Apprentissage" })).toBeTruthy();
    const french = within(screen.getByRole("group", { name: "Texte en français (obligatoire)" }));
    expect(french.getByRole("textbox", { name: "Étapes de la démarche" })).toHaveProperty(
      "value",
      "Manifester son intérêt\nRencontre",
    );
    await user.click(screen.getByText("Texte en anglais (facultatif)"));
    await user.type(screen.getAllByRole("textbox", { name: "Titre" })[1]!, "Apprenticeships");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(
      await screen.findAllByText("Cette langue est commencée : remplissez aussi ce champ, ou videz tous ses champs."),
    ).toHaveLength(6);
    expect(screen.getByDisplayValue("Apprenticeships")).toBeTruthy();
  });

  it("refuses hostile input with 400 and keeps it; an unknown id is a 404", async () => {
    const post = (body: Record<string, string | string[]>, id = String(ids.first)) =>
      callRoute(formAction, `/admin/programmes/${id}`, { cookie: admin, params: { programmeId: id }, body });
    const refused = (await post({
      kind: "' OR 1=1 --",
      fr_title: "<script>alert(1)</script>".repeat(10),
      fr_summary: "x".repeat(3_000_000),
      stipendFcfa: "1e308",
      durationMonths: "61",
      partnerIds: ["999999", "<b>"],
    })) as { data: { fieldErrors: Record<string, string>; values: Record<string, string>; partnerIds: string[] } };
    expect(statusOf(refused)).toBe(400);
    expect(refused.data.fieldErrors).toMatchObject({
      kind: "validation.choose",
      fr_title: "validation.tooLong",
      fr_summary: "validation.tooLong",
      stipendFcfa: "validation.number",
      durationMonths: "validation.numberRange",
      partnerIds: "programmes-admin:errors.partnerUnknown",
    });
    expect(refused.data.values.fr_title).toContain("<script>");
    expect(refused.data.partnerIds).toEqual(["999999", "<b>"]);
    for (const id of ["999999", "abc", "0"]) {
      expect(await thrownStatus(post({}, id))).toBe(404);
      expect(
        await thrownStatus(
          callRoute(formLoader, `/admin/programmes/${id}`, { cookie: admin, params: { programmeId: id } }),
        ),
      ).toBe(404);
    }
  });
});

describe("/admin/programmes", () => {
  it("lists every programme with its status; publishes, moves and archives", async () => {
    const user = await renderRoutes(listRoutes(), "/admin/programmes");
    const items = () => within(screen.getByRole("list", { name: "Programmes" })).getAllByRole("listitem");
    expect(within(items()[0]!).getByText("Publié")).toBeTruthy();
    expect(within(items()[1]!).getByText("Brouillon")).toBeTruthy();

    await user.click(within(items()[1]!).getByRole("button", { name: "Publier Stage" }));
    expect(await screen.findByText("Programme publié.")).toBeTruthy();
    expect(getDb().select().from(programmes).where(eq(programmes.id, ids.second)).get()?.status).toBe("published");

    await user.click(screen.getByRole("button", { name: "Monter Stage" }));
    expect(await screen.findByText("Ordre des programmes modifié.")).toBeTruthy();
    expect(order().slice(0, 2)).toEqual([ids.second, ids.first]);

    await user.click(within(items()[0]!).getByRole("button", { name: "Archiver Stage" }));
    expect(await screen.findByText("Programme archivé : il ne prend plus de nouvelle demande.")).toBeTruthy();
    expect(within(items()[0]!).getByText("Archivé")).toBeTruthy();
    expect(auditRows(getDb(), "programme.archived")).toHaveLength(1);
  });

  it("refuses unknown intents and ids, and a status the programme already has", async () => {
    const post = (body: Record<string, string>) => callRoute(listAction, "/admin/programmes", { cookie: admin, body });
    expect(statusOf(await post({ intent: "delete", programmeId: String(ids.first) }))).toBe(400);
    expect(statusOf(await post({ intent: "up", programmeId: "abc" }))).toBe(400);
    expect(statusOf(await post({ intent: "publish", programmeId: "999999" }))).toBe(404);
    const again = await post({ intent: "publish", programmeId: String(ids.first) });
    expect(statusOf(again)).toBe(409);
    const page = await followRedirect(await post({ intent: "down", programmeId: String(ids.first) }), listLoader, {
      cookie: admin,
    });
    expect((page as { flash: { message: string } }).flash.message).toBe("programmes-admin:done.moved");
  });

  it("is for admins only", async () => {
    for (const [handler, path, params] of [
      [listLoader, "/admin/programmes", {}],
      [formLoader, "/admin/programmes/nouveau", { programmeId: "nouveau" }],
    ] as const) {
      expect(await thrownStatus(callRoute(handler, path, { cookie: counsellor, params }))).toBe(403);
      expect(await thrownStatus(callRoute(handler, path, { cookie: employer, params }))).toBe(403);
      expect(await thrownStatus(callRoute(handler, path, { params }))).toBe(302);
    }
    const body = { intent: "publish", programmeId: String(ids.first) };
    expect(await thrownStatus(callRoute(listAction, "/admin/programmes", { cookie: counsellor, body }))).toBe(403);
    const form = { kind: "hiring" };
    const params = { programmeId: String(ids.first) };
    expect(
      await thrownStatus(
        callRoute(formAction, `/admin/programmes/${ids.first}`, { cookie: employer, params, body: form }),
      ),
    ).toBe(403);
  });
});

describe("hostile input, generated", () => {
  const FRENCH = {
    kind: "apprenticeship",
    fr_title: "Titre",
    fr_summary: "Résumé",
    fr_eligibility: "Qui",
    fr_companyCommits: "Engagements",
    fr_partnersBring: "Apports",
    fr_steps: "Une\nDeux",
    fr_documents: "RCCM",
    stipendFcfa: "25 000",
    durationMonths: "6",
  };

  it("never answers 5xx; a refusal leaves the programmes as they were", async () => {
    const fields = [...fieldNames(programmeSchema), "insurance"];
    const rows = () => JSON.stringify(getDb().select().from(programmes).orderBy(programmes.id).all());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileForm(fields, []), mutatedForm({ ...FRENCH, partnerIds: String(ids.oim) })),
        async (entries) => {
          const body = new FormData();
          for (const [key, value] of entries) body.append(key, value);
          const before = rows();
          const params = { programmeId: String(ids.first) };
          const status = await outcomeStatus(
            callRoute(formAction, `/admin/programmes/${ids.first}`, { cookie: admin, params, body }),
          );
          expect(status).toBeLessThan(500);
          if (status >= 400) expect(rows()).toBe(before);
        },
      ),
      { numRuns: 40 },
    );
  });
});
