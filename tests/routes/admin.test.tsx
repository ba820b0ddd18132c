// @vitest-environment jsdom
// The admin pages: /admin, /admin/utilisateurs, /admin/organisations, /admin/journal.
// Who may open them (every loader and action), and the admin's forms. Bad input tried:
// empty fields, 10 000 characters, `<script>`, SQL fragments as text and as ids, negative
// and unknown ids, an unknown intent and role, the admin's own id and another admin's id
// (self-rules), an employer organisation where a partner is expected, a taken e-mail.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../app/models/login.server";
import * as adminHome from "../../app/routes/admin._index";
import * as journalPage from "../../app/routes/admin.journal";
import * as partnersPage from "../../app/routes/admin.organisations";
import * as usersPage from "../../app/routes/admin.utilisateurs";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { getSessionUser } from "../../app/utils/session.server";
import { auditLog, memberships, organisations, users } from "../../db/schema";
import { insertAuditLine } from "../helpers/admin";
import { insertUser, PASSWORD, registerCandidate, registerEmployer } from "../helpers/factories/accounts";
import { addMember, insertPartner } from "../helpers/factories/organisations";
import { requestWithCookie, sessionCookieFor } from "../helpers/factories/sessions";
import { insertAdmin } from "../helpers/factories/staff";
import { as, callRoute, errorOf, type Handler, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", admin: "" };
const ids = { admin: 0, otherAdmin: 0, aminata: 0, employer: 0, oim: 0, cnpm: 0, garage: 0 };

beforeAll(async () => {
  const db = getDb();
  const admin = await insertAdmin(db, "Awa Admin", "awa.admin@baara.ml");
  const otherAdmin = await insertAdmin(db, "Ali Admin", "ali.admin@baara.ml");
  const aminata = await registerCandidate(db, { firstName: "Aminata", lastName: "Maïga", phone: "70 12 34 56" });
  const employer = await registerEmployer(db, {
    firstName: "Moussa",
    lastName: "Traoré",
    email: "moussa@garage.ml",
    orgName: "Garage Traoré",
  });
  const counsellor = await insertUser(db, { role: "conseiller", displayName: "Kadia Konaté" });
  const oim = insertPartner(db, "OIM Mali", "OIM");
  const cnpm = insertPartner(db, "Conseil National du Patronat du Mali", "CNPM");
  addMember(db, counsellor.id, oim.id, "member");
  const garage = db.select().from(memberships).where(eq(memberships.userId, employer.id)).get()!.orgId;
  Object.assign(ids, {
    admin: admin.id,
    otherAdmin: otherAdmin.id,
    aminata: aminata.id,
    employer: employer.id,
    oim: oim.id,
    cnpm: cnpm.id,
    garage,
  });
  cookies.candidat = await sessionCookieFor(db, aminata.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

const call = (handler: Handler, url: string, cookie?: string, fields?: Record<string, string>) =>
  callRoute(handler, url, { cookie, body: fields && new URLSearchParams(fields), context: { clientIp: "41.73.9.9" } });

type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string> };
  init: ResponseInit | null;
};
const post = (handler: Handler, url: string, fields: Record<string, string>) =>
  call(handler, url, cookies.admin, fields) as Promise<Result>;
const postUsers = (fields: Record<string, string>) => post(usersPage.action as Handler, "/admin/utilisateurs", fields);
const postPartners = (fields: Record<string, string>) =>
  post(partnersPage.action as Handler, "/admin/organisations", fields);

const userRow = (id: number) => getDb().select().from(users).where(eq(users.id, id)).get()!;

type PageModule = { default: unknown; loader: Handler; action?: Handler };

async function renderPage(
  path: string,
  page: PageModule,
  { url = path, lng = "fr" as Locale, cookie = cookies.admin } = {},
) {
  const route = {
    path,
    Component: page.default,
    loader: as(cookie, page.loader),
    action: page.action && as(cookie, page.action),
  };
  return renderRoutes([route], url, { lng, context: { clientIp: "41.73.8.8" } });
}

const PAGES = [
  { url: "/admin", loader: adminHome.loader as Handler, action: undefined },
  { url: "/admin/utilisateurs", loader: usersPage.loader as Handler, action: usersPage.action as Handler },
  { url: "/admin/organisations", loader: partnersPage.loader as Handler, action: partnersPage.action as Handler },
  { url: "/admin/journal", loader: journalPage.loader as Handler, action: undefined },
];

describe("who may use the admin pages", () => {
  it.each(PAGES.map((p) => [p.url, p] as const))("%s sends a visitor to the login page", async (url, page) => {
    const response = (await thrownBy(call(page.loader, url))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(url)}`);
    if (page.action) expect(((await thrownBy(call(page.action, url, undefined, {}))) as Response).status).toBe(302);
  });

  it.each(
    (["candidat", "employeur", "conseiller"] as const).flatMap((role) => PAGES.map((p) => [role, p.url, p] as const)),
  )("a %s gets 403 from %s, loader and action", async (role, url, page) => {
    expect((await thrownBy(call(page.loader, url, cookies[role]))).init?.status).toBe(403);
    if (page.action) expect((await thrownBy(call(page.action, url, cookies[role], {}))).init?.status).toBe(403);
  });

  it("a counsellor's POST disables nobody, creates no account and no partner", async () => {
    const actions = [
      [usersPage.action, "/admin/utilisateurs", { intent: "disable", userId: String(ids.aminata) }],
      [usersPage.action, "/admin/utilisateurs", { intent: "role", userId: String(ids.aminata), role: "admin" }],
      [
        usersPage.action,
        "/admin/utilisateurs",
        {
          intent: "createCounsellor",
          firstName: "Faux",
          lastName: "Compte",
          email: "faux@oim.ml",
          partnerOrgId: String(ids.oim),
        },
      ],
      [partnersPage.action, "/admin/organisations", { intent: "create", name: "Fausse ONG", region: "bamako" }],
    ] as const;
    for (const [action, url, fields] of actions) {
      expect((await thrownBy(call(action as Handler, url, cookies.conseiller, fields))).init?.status).toBe(403);
    }
    expect(userRow(ids.aminata)).toMatchObject({ role: "candidat", disabledAt: null });
    expect(getDb().select().from(users).where(eq(users.email, "faux@oim.ml")).get()).toBeUndefined();
    expect(getDb().select().from(organisations).where(eq(organisations.name, "Fausse ONG")).get()).toBeUndefined();
  });

  it("/admin links to the three admin pages", async () => {
    await renderPage("/admin", adminHome as PageModule);
    expect(screen.getByRole("link", { name: "Utilisateurs" }).getAttribute("href")).toBe("/admin/utilisateurs");
    expect(screen.getByRole("link", { name: "Organisations partenaires" }).getAttribute("href")).toBe(
      "/admin/organisations",
    );
    expect(screen.getByRole("link", { name: "Journal d'audit" }).getAttribute("href")).toBe("/admin/journal");
  });
});

describe("/admin/utilisateurs", () => {
  it("finds an account by phone through the search form, and changes its role from its row", async () => {
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule);
    await user.type(screen.getByLabelText("Nom, téléphone ou e-mail"), "+223 70 12 34 56");
    await user.click(screen.getByRole("button", { name: "Chercher" }));
    expect(await screen.findByRole("heading", { level: 2, name: "1 compte trouvé" })).toBeTruthy();
    const row = screen.getByRole("rowheader", { name: /Aminata Maïga/ }).closest("tr")!;
    expect(within(row).getByRole("link", { name: "+223 70 12 34 56" }).getAttribute("href")).toBe("tel:+22370123456");
    expect(within(row).getAllByRole("cell")[0]!.textContent).toBe("Candidat");

    await user.selectOptions(within(row).getByLabelText("Rôle de Aminata Maïga"), "employeur");
    await user.click(within(row).getByRole("button", { name: "Changer le rôle de Aminata Maïga" }));
    expect((await screen.findByRole("status")).textContent).toContain("Le rôle a été changé");
    // The search is kept after the change.
    expect((screen.getByLabelText("Nom, téléphone ou e-mail") as HTMLInputElement).value).toBe("+223 70 12 34 56");
    expect(
      within(screen.getByRole("rowheader", { name: /Aminata Maïga/ }).closest("tr")!).getAllByRole("cell")[0]!
        .textContent,
    ).toBe("Employeur");
    expect(userRow(ids.aminata).role).toBe("employeur");
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, "admin.role_changed")).all()).toMatchObject([
      { actorId: ids.admin, subjectId: String(ids.aminata), ip: "41.73.8.8" },
    ]);
    await postUsers({ intent: "role", userId: String(ids.aminata), role: "candidat" });
  });

  it("disables an account from its row: its session ends and it cannot log in; then enables it", async () => {
    const db = getDb();
    const candidate = await registerCandidate(db, { firstName: "Oumar", lastName: "Cissé", phone: "70 98 76 54" });
    const cookie = await sessionCookieFor(db, candidate.id);
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule, {
      url: "/admin/utilisateurs?q=cisse",
    });
    await user.click(screen.getByRole("button", { name: "Désactiver le compte de Oumar Cissé" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Le compte est désactivé et toutes ses sessions sont fermées.",
    );
    expect(
      within(screen.getByRole("rowheader", { name: /Oumar Cissé/ }).closest("tr")!).getByText("Désactivé"),
    ).toBeTruthy();
    expect(await getSessionUser(db, requestWithCookie("http://localhost/", cookie))).toBeNull();
    expect(await authenticate(db, { identifier: "70987654", password: PASSWORD, ip: "10.2.2.2" })).toEqual({
      ok: false,
      reason: "invalid",
    });

    await user.click(screen.getByRole("button", { name: "Réactiver le compte de Oumar Cissé" }));
    expect((await screen.findByText(/Le compte est réactivé/)).getAttribute("role")).toBe("status");
    expect(userRow(candidate.id).disabledAt).toBeNull();
  });

  it("offers no action on the admin's own row, and refuses it by POST too", async () => {
    await renderPage("/admin/utilisateurs", usersPage as PageModule, { url: "/admin/utilisateurs?q=awa.admin" });
    const row = screen.getByRole("rowheader", { name: /Awa Admin/ }).closest("tr")!;
    expect(within(row).getByText("C'est votre compte.")).toBeTruthy();
    expect(within(row).queryByRole("button")).toBeNull();
    const attempts: Record<string, string>[] = [{ intent: "disable" }, { intent: "role", role: "candidat" }];
    for (const fields of attempts) {
      const refused = await postUsers({ ...fields, userId: String(ids.admin) });
      expect(refused.init?.status).toBe(400);
      expect(refused.data.fieldErrors).toEqual({ form: "admin:errors.notOnYourself" });
    }
    expect(userRow(ids.admin)).toMatchObject({ role: "admin", disabledAt: null });
  });

  it("may disable and enable another admin: the self-rule is about the admin's own id only", async () => {
    const db = getDb();
    const ali = await sessionCookieFor(db, ids.otherAdmin);
    expect(
      ((await postUsers({ intent: "disable", userId: String(ids.otherAdmin) })) as unknown as Response).status,
    ).toBe(302);
    expect(await getSessionUser(db, requestWithCookie("http://localhost/", ali))).toBeNull();
    // Ali's session is gone: he can no longer act, on Awa or anyone.
    expect(
      (
        (await thrownBy(
          call(usersPage.action as Handler, "/admin/utilisateurs", ali, {
            intent: "disable",
            userId: String(ids.admin),
          }),
        )) as Response
      ).status,
    ).toBe(302);
    expect(userRow(ids.admin).disabledAt).toBeNull();
    expect(
      ((await postUsers({ intent: "enable", userId: String(ids.otherAdmin) })) as unknown as Response).status,
    ).toBe(302);
    expect(userRow(ids.otherAdmin).disabledAt).toBeNull();
  });

  it("answers 404 for an unknown account and 400 for ids, roles and intents that make no sense", async () => {
    const unknown = await postUsers({ intent: "disable", userId: "999999" });
    expect(unknown.init?.status).toBe(404);
    expect(unknown.data).toEqual({
      fieldErrors: { form: "admin:errors.userNotFound" },
      values: { intent: "disable", userId: "999999" },
    });
    expect((await postUsers({ intent: "role", userId: "424242", role: "conseiller" })).init?.status).toBe(404);
    for (const userId of ["", "-1", "0", "1 OR 1=1", "1; DROP TABLE users", "abc", "9".repeat(10_000)]) {
      const refused = await postUsers({ intent: "disable", userId });
      expect(refused.init?.status, userId.slice(0, 20)).toBe(400);
      expect(refused.data.fieldErrors.userId).toBe("admin:errors.userNotFound");
    }
    const badRole = await postUsers({ intent: "role", userId: String(ids.aminata), role: "superadmin" });
    expect(badRole.data.fieldErrors).toEqual({ role: "admin:errors.roleInvalid" });
    expect((await postUsers({ intent: "delete", userId: String(ids.aminata) })).data.fieldErrors).toEqual({
      intent: "admin:errors.unknownIntent",
    });
    expect((await postUsers({})).init?.status).toBe(400);
    expect(userRow(ids.aminata)).toMatchObject({ role: "candidat", disabledAt: null });
  });

  it("shows an error next to the row it is about", async () => {
    const db = getDb();
    const target = await insertUser(db, { role: "conseiller", displayName: "Salif Keïta" });
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule, {
      url: "/admin/utilisateurs?q=keita",
    });
    // Deleted by someone else meanwhile.
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, target.id)).run();
    await user.click(screen.getByRole("button", { name: "Désactiver le compte de Salif Keïta" }));
    const row = screen.getByRole("rowheader", { name: /Salif Keïta/ }).closest("tr")!;
    expect((await within(row).findByRole("alert")).textContent).toBe(
      "Ce compte a été supprimé : il ne peut plus être modifié.",
    );
  });

  it("treats a search of 10 000 characters, `<script>` or SQL as plain text", async () => {
    const long = await call(
      usersPage.loader as Handler,
      `/admin/utilisateurs?q=${"a".repeat(10_000)}&role=pirate&statut=x&page=-4`,
      cookies.admin,
    );
    expect(long).toMatchObject({ query: { q: "a".repeat(100), role: undefined, statut: undefined, page: 1 } });
    const sqlText = (await call(
      usersPage.loader as Handler,
      `/admin/utilisateurs?q=${encodeURIComponent("' OR '1'='1")}`,
      cookies.admin,
    )) as { total: number };
    expect(sqlText.total).toBe(0);
    await renderPage("/admin/utilisateurs", usersPage as PageModule, {
      url: `/admin/utilisateurs?q=${encodeURIComponent("<script>alert(1)</script>")}`,
    });
    expect((screen.getByLabelText("Nom, téléphone ou e-mail") as HTMLInputElement).value).toBe(
      "<script>alert(1)</script>",
    );
    expect(screen.getByText("Aucun compte ne correspond à cette recherche.")).toBeTruthy();
    expect(document.querySelector("main script, table script")).toBeNull();
  });
});

describe("creating a counsellor account", () => {
  it("creates it through the form and shows the temporary password once", async () => {
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule);
    const form = screen.getByRole("heading", { name: "Créer un compte conseiller" }).closest("section")!;
    await user.type(within(form).getByLabelText("Prénom"), "Fanta");
    await user.type(within(form).getByLabelText("Nom"), "Coulibaly");
    await user.type(within(form).getByLabelText("Téléphone"), "66 11 22 33");
    await user.selectOptions(within(form).getByLabelText("Organisation partenaire"), String(ids.cnpm));
    await user.click(within(form).getByRole("button", { name: "Créer le compte conseiller" }));
    const banner = await screen.findByRole("status");
    expect(banner.textContent).toContain("Le compte de Fanta Coulibaly est créé.");
    expect(banner.textContent).toContain("Il se connecte avec : 66 11 22 33");
    const password = within(banner).getByText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/).textContent!;
    const created = getDb().select().from(users).where(eq(users.phone, "+22366112233")).get()!;
    expect(created).toMatchObject({ role: "conseiller", displayName: "Fanta Coulibaly" });
    expect(getDb().select().from(memberships).where(eq(memberships.userId, created.id)).all()).toMatchObject([
      { orgId: ids.cnpm },
    ]);
    expect(await authenticate(getDb(), { identifier: "66112233", password, ip: "10.3.3.3" })).toMatchObject({
      ok: true,
    });
    // The form is empty again, ready for the next account.
    const again = screen.getByRole("heading", { name: "Créer un compte conseiller" }).closest("section")!;
    expect((within(again).getByLabelText("Prénom") as HTMLInputElement).value).toBe("");
  });

  it("shows one message per field for an empty form, and keeps what was typed when refused", async () => {
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule);
    const form = screen.getByRole("heading", { name: "Créer un compte conseiller" }).closest("section")!;
    await user.click(within(form).getByRole("button", { name: "Créer le compte conseiller" }));
    expect(
      await within(form).findByText("Le formulaire contient des erreurs. Corrigez les champs signalés ci-dessous."),
    ).toBeTruthy();
    expect(errorOf(within(form).getByLabelText("Prénom"))).toBe("Ce champ est obligatoire.");
    expect(errorOf(within(form).getByLabelText("Nom"))).toBe("Ce champ est obligatoire.");
    expect(errorOf(within(form).getByLabelText("Adresse e-mail"))).toBe(
      "Donnez un numéro de téléphone ou une adresse e-mail.",
    );
    expect(errorOf(within(form).getByLabelText("Organisation partenaire"))).toBe(
      "Choisissez une organisation partenaire dans la liste.",
    );

    await user.type(within(form).getByLabelText("Prénom"), "Moussa");
    await user.type(within(form).getByLabelText("Nom"), "Traoré");
    await user.type(within(form).getByLabelText("Adresse e-mail"), "MOUSSA@garage.ml");
    await user.selectOptions(within(form).getByLabelText("Organisation partenaire"), String(ids.oim));
    await user.click(within(form).getByRole("button", { name: "Créer le compte conseiller" }));
    expect(await within(form).findByText(/Cette adresse e-mail a déjà un compte/)).toBeTruthy();
    expect((within(form).getByLabelText("Adresse e-mail") as HTMLInputElement).value).toBe("MOUSSA@garage.ml");
    expect(userRow(ids.employer).role).toBe("employeur");
  });

  it.each([
    ["10 000 characters", { firstName: "A".repeat(10_000) }, "firstName", "validation.tooLong"],
    ["a <script> tag", { lastName: "<script>alert(1)</script>" }, "lastName", "validation.nameInvalid"],
    ["an SQL fragment as a name", { lastName: "Traoré'; DROP TABLE users; --" }, "lastName", "validation.nameInvalid"],
    ["an SQL fragment as e-mail", { email: "' OR 1=1 --" }, "email", "validation.emailInvalid"],
    ["a French phone", { phone: "+33 6 12 34 56 78" }, "phone", "validation.phoneInvalid"],
    ["an employer organisation", { partnerOrgId: "employer" }, "partnerOrgId", "admin:errors.partnerRequired"],
    ["an unknown organisation", { partnerOrgId: "999999" }, "partnerOrgId", "admin:errors.partnerRequired"],
    ["an SQL fragment as organisation", { partnerOrgId: "1 OR 1=1" }, "partnerOrgId", "admin:errors.partnerRequired"],
  ])("refuses %s with a 400 and creates nothing", async (_what, change, field, message) => {
    const fields: Record<string, string> = {
      intent: "createCounsellor",
      firstName: "Binta",
      lastName: "Sow",
      email: "binta@oim.ml",
      phone: "",
      partnerOrgId: String(ids.oim),
      ...change,
    };
    if (fields.partnerOrgId === "employer") fields.partnerOrgId = String(ids.garage);
    const refused = await postUsers(fields);
    expect(refused.init?.status).toBe(400);
    expect(refused.data.fieldErrors[field]).toBe(message);
    expect(refused.data.values.firstName).toBe(fields.firstName);
    expect(getDb().select().from(users).where(eq(users.email, "binta@oim.ml")).get()).toBeUndefined();
  });
});

describe("/admin/organisations", () => {
  it("lists the partner bodies with their accounts, and adds one through the form", async () => {
    const user = await renderPage("/admin/organisations", partnersPage as PageModule);
    const oimRow = screen.getByRole("rowheader", { name: /OIM Mali/ }).closest("tr")!;
    expect(within(oimRow).getByText("1")).toBeTruthy();
    expect(screen.queryByRole("rowheader", { name: /Garage Traoré/ })).toBeNull();

    const form = screen.getByRole("heading", { name: "Ajouter une organisation partenaire" }).closest("section")!;
    await user.type(within(form).getByLabelText("Nom complet"), "Agence pour la Promotion de l'Emploi des Jeunes");
    await user.type(within(form).getByLabelText("Sigle"), "APEJ");
    await user.selectOptions(within(form).getByLabelText("Région"), "segou");
    await user.type(within(form).getByLabelText("Téléphone de contact"), "20 22 33 44");
    await user.click(within(form).getByRole("button", { name: "Ajouter l'organisation" }));
    expect((await screen.findByRole("status")).textContent).toBe("L'organisation partenaire est ajoutée.");
    const row = screen.getByRole("rowheader", { name: /APEJ/ }).closest("tr")!;
    expect(within(row).getByText("Ségou")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "+223 20 22 33 44" }).getAttribute("href")).toBe("tel:+22320223344");
    expect(within(row).getByText("Vérifiée")).toBeTruthy();
  });

  it("edits a partner from its row's link, keeping what was typed when refused", async () => {
    const user = await renderPage("/admin/organisations", partnersPage as PageModule, {
      url: `/admin/organisations?modifier=${ids.oim}`,
    });
    const form = screen.getByRole("heading", { name: "Modifier : OIM Mali" }).closest("section")!;
    const name = within(form).getByLabelText("Nom complet") as HTMLInputElement;
    expect(name.value).toBe("OIM Mali");
    await user.clear(name);
    await user.type(name, "Conseil National du Patronat du Mali");
    await user.type(within(form).getByLabelText("Commune ou ville"), "Commune II");
    await user.click(within(form).getByRole("button", { name: "Enregistrer les modifications" }));
    await within(form).findByText("Une organisation partenaire porte déjà ce nom.");
    expect(errorOf(within(form).getByLabelText("Nom complet"))).toBe("Une organisation partenaire porte déjà ce nom.");
    expect((within(form).getByLabelText("Commune ou ville") as HTMLInputElement).value).toBe("Commune II");

    await user.clear(within(form).getByLabelText("Nom complet"));
    await user.type(
      within(form).getByLabelText("Nom complet"),
      "OIM Mali (Organisation internationale pour les migrations)",
    );
    await user.click(within(form).getByRole("button", { name: "Enregistrer les modifications" }));
    expect((await screen.findByRole("status")).textContent).toBe("Les modifications sont enregistrées.");
    expect(screen.getByRole("rowheader", { name: /Organisation internationale pour les migrations/ })).toBeTruthy();
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, "admin.partner_updated")).all()).toMatchObject([
      { actorId: ids.admin, subjectId: String(ids.oim), detail: { changed: ["name", "commune"] } },
    ]);
  });

  it("keeps `<script>` and SQL as plain text, and refuses empty and 10 000-character names", async () => {
    const empty = await postPartners({ intent: "create", name: "  ", region: "" });
    expect(empty.init?.status).toBe(400);
    expect(empty.data.fieldErrors).toEqual({ name: "validation.required", region: "validation.choose" });
    expect(
      (await postPartners({ intent: "create", name: "N".repeat(10_000), region: "kayes" })).data.fieldErrors,
    ).toEqual({ name: "validation.tooLong" });
    expect(
      (await postPartners({ intent: "create", name: "ONG", region: "kayes", contactEmail: "x' OR 1=1" })).data
        .fieldErrors,
    ).toEqual({ contactEmail: "validation.emailInvalid" });

    const odd = "<script>alert(1)</script> Robert'); DROP TABLE organisations;--";
    expect(((await postPartners({ intent: "create", name: odd, region: "kayes" })) as unknown as Response).status).toBe(
      302,
    );
    await renderPage("/admin/organisations", partnersPage as PageModule);
    expect(screen.getByRole("rowheader", { name: odd })).toBeTruthy();
    expect(document.querySelector("table script")).toBeNull();
  });

  it("lists employers too when asked, filtered by status, region and name; hostile filters are left out, said so", async () => {
    await renderPage("/admin/organisations", partnersPage as PageModule, {
      url: "/admin/organisations?type=employer&statut=pending",
    });
    expect(screen.getByRole("rowheader", { name: /Garage Traoré/ })).toBeTruthy();
    expect(screen.queryByRole("rowheader", { name: /OIM Mali/ })).toBeNull();
    const garageRow = screen.getByRole("rowheader", { name: /Garage Traoré/ }).closest("tr")!;
    expect(within(garageRow).queryByRole("link", { name: /Modifier/ })).toBeNull();

    type Page = { list: { total: number; items: { name: string }[] }; ignored: string[] };
    const load = async (search: string) => {
      const page = (await callRoute(partnersPage.loader as Handler, `/admin/organisations${search}`, {
        cookie: cookies.admin,
      })) as Page | { data: Page };
      return { data: "data" in page ? page.data : page };
    };
    expect((await load("?type=toutes&q=traore")).data.list.items.map((o) => o.name)).toEqual(["Garage Traoré"]);
    expect((await load("?type=partner&q=oim")).data.list.items.map((o) => o.name)).toEqual([
      expect.stringMatching(/^OIM Mali/),
    ]);
    const hostile = await load(`?type=<script>&statut=' OR 1=1 --&region=x&q=${"x".repeat(10_000)}&page=-1`);
    expect(hostile.data.ignored.sort()).toEqual(["page", "q", "region", "statut", "type"]);
    expect(hostile.data.list.items.map((o) => o.name).some((name) => name.startsWith("OIM Mali"))).toBe(true);
    await renderPage("/admin/organisations", partnersPage as PageModule, { url: "/admin/organisations?type=nope" });
    expect(await screen.findByText(/filtres de l'adresse n'étaient pas valables/)).toBeTruthy();
  });

  it("answers 404 when updating an employer or an unknown organisation, 400 for a malformed id", async () => {
    const fields = { intent: "update", name: "Garage Traoré", region: "bamako" };
    for (const orgId of [String(ids.garage), "999999"]) {
      const refused = await postPartners({ ...fields, orgId });
      expect(refused.init?.status).toBe(404);
      expect(refused.data.fieldErrors).toEqual({ form: "admin:errors.partnerNotFound" });
    }
    expect((await postPartners({ ...fields, orgId: "1 OR 1=1" })).init?.status).toBe(400);
    expect(getDb().select().from(organisations).where(eq(organisations.id, ids.garage)).get()!.kind).toBe("employer");
  });
});

describe("/admin/journal", () => {
  it("filters by actor, action and dates through the form, with labels and codes", async () => {
    const db = getDb();
    const kadia = await insertUser(db, { role: "conseiller", displayName: "Kadia Diallo", email: "kadia@anpe.ml" });
    insertAuditLine(db, {
      actorId: kadia.id,
      action: "organisation.verified",
      at: "2026-01-15T09:30:00Z",
      subjectType: "organisation",
      subjectId: "12",
      ip: "41.73.5.5",
    });
    insertAuditLine(db, { actorId: kadia.id, action: "auth.login", at: "2026-01-14T08:00:00Z", ip: "41.73.5.5" });
    insertAuditLine(db, {
      actorId: kadia.id,
      action: "candidate.archived",
      at: "2026-01-16T08:00:00Z",
      subjectType: "user",
      subjectId: "3",
    });
    const user = await renderPage("/admin/journal", journalPage as PageModule);
    await user.type(screen.getByLabelText("Auteur"), "kadia@anpe");
    await user.selectOptions(screen.getByLabelText("Action"), "organisation.verified");
    await user.type(screen.getByLabelText("Du"), "2026-01-15");
    await user.type(screen.getByLabelText("Au"), "2026-01-15");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByRole("heading", { level: 2, name: "1 ligne" })).toBeTruthy();
    const row = screen.getAllByRole("row")[1]!;
    expect(within(row).getByText("Entreprise vérifiée")).toBeTruthy();
    expect(within(row).getByText("organisation.verified")).toBeTruthy();
    expect(within(row).getByText("Kadia Diallo")).toBeTruthy();
    expect(within(row).getByText("Organisation n° 12")).toBeTruthy();
    expect(within(row).getByText("41.73.5.5")).toBeTruthy();
    expect(within(row).getByText("15 janv. 2026, 09:30")).toBeTruthy();

    // An action this page has no words for still shows its code.
    await renderPage("/admin/journal", journalPage as PageModule, { url: "/admin/journal?action=candidate.archived" });
    expect(screen.getAllByText("candidate.archived").length).toBeGreaterThan(0);
  });

  it("ignores filters that make no sense instead of failing", async () => {
    const result = (await call(
      journalPage.loader as Handler,
      `/admin/journal?acteur=${"x".repeat(10_000)}&action=${encodeURIComponent("'; DROP TABLE audit_log;--")}&du=2026-02-30&au=hier&page=abc`,
      cookies.admin,
    )) as {
      query: Record<string, unknown>;
      total: number;
    };
    expect(result.query).toEqual({ acteur: "x".repeat(100), action: undefined, du: undefined, au: undefined, page: 1 });
    expect(result.total).toBe(0);
    expect(getDb().select().from(auditLog).all().length).toBeGreaterThan(0);
  });

  it("speaks English, dates included", async () => {
    insertAuditLine(getDb(), {
      actorId: ids.admin,
      action: "admin.user_enabled",
      at: "2026-02-03T14:05:00Z",
      subjectType: "user",
      subjectId: "9",
    });
    await renderPage("/admin/journal", journalPage as PageModule, {
      url: "/admin/journal?action=admin.user_enabled&du=2026-02-03&au=2026-02-03",
      lng: "en",
    });
    expect(screen.getByRole("heading", { level: 1, name: "Audit log" })).toBeTruthy();
    const row = screen.getAllByRole("row")[1]!;
    expect(within(row).getByText("Account enabled")).toBeTruthy();
    expect(within(row).getByText("Account no. 9")).toBeTruthy();
    expect(within(row).getByText("3 Feb 2026, 14:05")).toBeTruthy();
  });
});

describe("in English", () => {
  it("the users page and its errors", async () => {
    const user = await renderPage("/admin/utilisateurs", usersPage as PageModule, {
      lng: "en",
      url: "/admin/utilisateurs?q=maiga",
    });
    expect(screen.getByRole("heading", { level: 1, name: "Users" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "1 account found" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Disable the account of Aminata Maïga" })).toBeTruthy();
    const form = screen.getByRole("heading", { name: "Create a counsellor account" }).closest("section")!;
    await user.type(within(form).getByLabelText("First name"), "<script>");
    await user.click(within(form).getByRole("button", { name: "Create the counsellor account" }));
    await within(form).findByText("Use only letters, spaces, hyphens or apostrophes.");
    expect(errorOf(within(form).getByLabelText("First name"))).toBe(
      "Use only letters, spaces, hyphens or apostrophes.",
    );
    expect(errorOf(within(form).getByLabelText("Partner organisation"))).toBe(
      "Choose a partner organisation from the list.",
    );
  });

  it("the partners page", async () => {
    await renderPage("/admin/organisations", partnersPage as PageModule, { lng: "en" });
    expect(screen.getByRole("heading", { level: 1, name: "Organisations" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Add a partner organisation" })).toBeTruthy();
    expect(screen.getAllByText("Verified").length).toBeGreaterThan(0);
  });
});
