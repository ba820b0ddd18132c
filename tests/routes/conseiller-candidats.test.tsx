// @vitest-environment jsdom
// /conseiller/candidats, /conseiller/candidats/nouveau and /conseiller/candidats/:userId:
// who may open them, the list and its filters, assigning, assisted registration,
// and the candidate's file with its actions.
// Bad input tried: an empty form, 10 000-character names, `<script>` as a name
// and as a note, a wrong phone, a phone already registered, no consent method,
// an unknown field, a field posted twice, unknown and malformed ids, another
// organisation's counsellor, an unknown intent.
import { screen, within } from "@testing-library/react";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import Candidates, { action as listAction, loader as listLoader } from "../../app/routes/conseiller.candidats._index";
import CandidateFilePage, {
  action as fileAction,
  loader as fileLoader,
} from "../../app/routes/conseiller.candidats.$userId";
import RegisterCandidate, {
  action as registerAction,
  loader as registerLoader,
} from "../../app/routes/conseiller.candidats.nouveau";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import {
  applications,
  auditLog,
  candidateNotes,
  candidateProfiles,
  oneTimeCodes,
  outbox,
  users,
} from "../../db/schema";
import { assistedFields, insertCounselledCandidate, insertMatchingOffer } from "../helpers/counsellor";
import {
  insertCounsellor,
  insertOrganisation,
  registerCandidate,
  registerEmployer,
  sessionCookieFor,
} from "../helpers/factories";
import { toFormData } from "../helpers/offers";
import { as, callRoute, cookiesAfter, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", colleague: "", stranger: "" };
const ids = { counsellor: 0, colleague: 0, stranger: 0, awa: 0, oumar: 0, candidate: 0, employer: 0, orgId: 0 };

beforeAll(async () => {
  const db = getDb();
  const candidate = await registerCandidate(db, { phone: "70 40 50 61" });
  const employer = await registerEmployer(db, { email: "patron@candidats.ml" });
  const counsellor = await insertCounsellor(db, "OIM Mali", "Kadia Konaté");
  const colleague = await insertCounsellor(db, { id: counsellor.orgId }, "Seydou Keïta");
  const stranger = await insertCounsellor(db, "CNPM", "Fanta Camara");
  const awa = insertCounselledCandidate(db, {
    firstName: "Awa",
    lastName: "Maïga",
    phone: "+22376543210",
    region: "sikasso",
    trades: ["couturier"],
    migrantStatus: "returnee",
    disability: "visual",
    counsellorId: counsellor.id,
  });
  const oumar = insertCounselledCandidate(db, {
    firstName: "Oumar",
    lastName: "Cissé",
    region: "kayes",
    trades: ["soudeur"],
  });
  Object.assign(ids, {
    counsellor: counsellor.id,
    colleague: colleague.id,
    stranger: stranger.id,
    awa: awa.id,
    oumar: oumar.id,
    candidate: candidate.id,
    employer: employer.id,
    orgId: insertOrganisation(db, { name: "Couture Bah" }).id,
  });
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
  cookies.colleague = await sessionCookieFor(db, colleague.id);
  cookies.stranger = await sessionCookieFor(db, stranger.id);
});

type Fn = (args: never) => unknown;
type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string> };
  init: ResponseInit | null;
};

const call = (
  fn: Fn,
  path: string,
  cookie: string,
  params: Record<string, string> = {},
  body?: FormData | URLSearchParams,
) => callRoute(fn, path, { cookie, params, body, context: { clientIp: "41.73.9.9" } });

/** The three pages with their real loaders and actions, as the counsellor (or someone else) sees them. */
async function renderAt(url: string, { cookie = cookies.conseiller, lng = "fr" as Locale } = {}) {
  const wrap = (fn: Fn) => as(cookie, fn, { clientIp: "41.73.9.9" });
  const routes = [
    { path: "/conseiller/candidats", Component: Candidates, loader: wrap(listLoader), action: wrap(listAction) },
    {
      path: "/conseiller/candidats/nouveau",
      Component: RegisterCandidate,
      loader: wrap(registerLoader),
      action: wrap(registerAction),
    },
    {
      path: "/conseiller/candidats/:userId",
      Component: CandidateFilePage,
      loader: wrap(fileLoader),
      action: wrap(fileAction),
    },
    { path: "/offres/:offerId", Component: () => <h1>Page de l'offre</h1> },
  ];
  return renderRoutes(routes, url, { lng });
}

describe("who may use /conseiller/candidats*", () => {
  const pages = (): {
    name: string;
    loader: unknown;
    action: unknown;
    path: string;
    params: Record<string, string>;
    body: Record<string, string | string[]>;
  }[] => [
    {
      name: "list",
      loader: listLoader,
      action: listAction,
      path: "/conseiller/candidats",
      params: {},
      body: { intent: "assign.self", candidateId: String(ids.oumar) },
    },
    {
      name: "new",
      loader: registerLoader,
      action: registerAction,
      path: "/conseiller/candidats/nouveau",
      params: {},
      body: assistedFields({ phone: "70 40 50 99" }),
    },
    {
      name: "file",
      loader: fileLoader,
      action: fileAction,
      path: `/conseiller/candidats/${ids.awa}`,
      params: { userId: String(ids.awa) },
      body: { intent: "note.add", body: "Intrus" },
    },
  ];

  it.each(["candidat", "employeur"] as const)(
    "a %s gets 403 from every loader and action, and nothing changes",
    async (role) => {
      const db = getDb();
      const before = {
        users: db.select().from(users).all().length,
        notes: db.select().from(candidateNotes).all().length,
      };
      for (const page of pages()) {
        expect(
          (await thrownBy(() => call(page.loader as Fn, page.path, cookies[role], page.params))).init?.status,
          `${page.name} loader`,
        ).toBe(403);
        const body = toFormData(page.body as Record<string, string | string[]>);
        expect(
          (await thrownBy(() => call(page.action as Fn, page.path, cookies[role], page.params, body))).init?.status,
          `${page.name} action`,
        ).toBe(403);
      }
      expect(db.select().from(users).all().length).toBe(before.users);
      expect(db.select().from(candidateNotes).all().length).toBe(before.notes);
      expect(
        db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, ids.oumar)).get()!.counsellorId,
      ).toBeNull();
      expect(
        db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, "candidate.viewed"))
          .all()
          .filter((r) => r.actorId !== ids.counsellor),
      ).toEqual([]);
    },
  );

  it("sends a visitor to the login page", async () => {
    const response = (await thrownBy(() => call(listLoader as Fn, "/conseiller/candidats", ""))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/connexion?redirectTo=%2Fconseiller%2Fcandidats");
  });

  it("answers 404 for a file that is not a candidate's, or a malformed id", async () => {
    for (const userId of [String(ids.employer), "999999", "abc", "-1", "1 OR 1=1"]) {
      const thrown = await thrownBy(() =>
        call(fileLoader as Fn, `/conseiller/candidats/${userId}`, cookies.conseiller, { userId }),
      );
      expect(thrown.init?.status, userId).toBe(404);
    }
  });
});

describe("the list", () => {
  it("lists candidates with their situation, finds a name without accents through the GET form", async () => {
    const user = await renderAt("/conseiller/candidats");
    expect(screen.getByRole("heading", { level: 1, name: "Candidats" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Awa Maïga" }).getAttribute("href")).toBe(
      `/conseiller/candidats/${ids.awa}`,
    );
    expect(screen.getByRole("link", { name: "Oumar Cissé" })).toBeTruthy();
    // Never sensitive fields in the list.
    expect(document.body.textContent).not.toContain("Migrant de retour");

    await user.type(screen.getByLabelText("Nom ou téléphone"), "maiga");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(await screen.findByRole("heading", { level: 2, name: "1 candidat" })).toBeTruthy();
    const card = screen.getByRole("link", { name: "Awa Maïga" }).closest("li") as HTMLElement;
    expect(within(card).getByRole("link", { name: "+223 76 54 32 10" }).getAttribute("href")).toBe("tel:+22376543210");
    expect(within(card).getByText("Couturier", { exact: false })).toBeTruthy();
    expect(within(card).getByText("vous")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Oumar Cissé" })).toBeNull();
  });

  it("shows only my candidates with « mes candidats »", async () => {
    await renderAt("/conseiller/candidats?mine=1");
    expect(screen.getByRole("link", { name: "Awa Maïga" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Oumar Cissé" })).toBeNull();
    expect((screen.getByLabelText("Seulement mes candidats") as HTMLInputElement).checked).toBe(true);
  });

  it("finds a phone number written another way", async () => {
    await renderAt(`/conseiller/candidats?${new URLSearchParams({ q: "00223 76-54-32-10" })}`);
    expect(screen.getByRole("heading", { level: 2, name: "1 candidat" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Awa Maïga" })).toBeTruthy();
  });

  it("ignores nonsense in the address instead of failing", async () => {
    await renderAt("/conseiller/candidats?region=%3Cscript%3E&page=-3&status=vacances&q=%27%3B%20DROP%20TABLE%20users");
    expect(screen.getByRole("heading", { level: 2, name: "0 candidat" })).toBeTruthy();
  });

  it("assigns a candidate to me, then to a colleague, keeping the search", async () => {
    const user = await renderAt("/conseiller/candidats?q=cisse");
    const card = () => screen.getByRole("link", { name: "Oumar Cissé" }).closest("li") as HTMLElement;
    await user.click(within(card()).getByRole("button", { name: "Me l'attribuer : Oumar Cissé" }));
    expect((await screen.findByRole("status")).textContent).toBe("Le candidat a été attribué.");
    expect((screen.getByLabelText("Nom ou téléphone") as HTMLInputElement).value).toBe("cisse");
    expect(within(card()).getByText("vous")).toBeTruthy();

    await user.selectOptions(within(card()).getByLabelText("Collègue qui suivra Oumar Cissé"), "Seydou Keïta");
    await user.click(within(card()).getByRole("button", { name: "Attribuer" }));
    expect(await within(card()).findByText("Seydou Keïta")).toBeTruthy();
    const profile = getDb().select().from(candidateProfiles).where(eq(candidateProfiles.userId, ids.oumar)).get()!;
    expect(profile.counsellorId).toBe(ids.colleague);
  });

  it("refuses to assign to a counsellor of another organisation (400) and to an unknown candidate (404)", async () => {
    const other = (await call(
      listAction as Fn,
      "/conseiller/candidats",
      cookies.conseiller,
      {},
      new URLSearchParams({
        intent: "assign.colleague",
        candidateId: String(ids.awa),
        counsellorId: String(ids.stranger),
      }),
    )) as unknown as Result;
    expect(other.init?.status).toBe(400);
    expect(other.data.fieldErrors.form).toBe("counsellor:errors.notAllowed");
    const unknown = (await call(
      listAction as Fn,
      "/conseiller/candidats",
      cookies.conseiller,
      {},
      new URLSearchParams({ intent: "assign.self", candidateId: "999999" }),
    )) as unknown as Result;
    expect(unknown.init?.status).toBe(404);
    for (const body of [
      { intent: "assign.everyone", candidateId: "1" },
      { intent: "assign.self", candidateId: "1 OR 1=1" },
    ]) {
      expect(
        (
          (await call(
            listAction as Fn,
            "/conseiller/candidats",
            cookies.conseiller,
            {},
            new URLSearchParams(body),
          )) as unknown as Result
        ).init?.status,
      ).toBe(400);
    }
    expect(
      getDb().select().from(candidateProfiles).where(eq(candidateProfiles.userId, ids.awa)).get()!.counsellorId,
    ).toBe(ids.counsellor);
  });
});

describe("assisted registration", () => {
  const post = (fields: Record<string, string | string[]>) =>
    call(
      registerAction as Fn,
      "/conseiller/candidats/nouveau",
      cookies.conseiller,
      {},
      toFormData(fields),
    ) as Promise<unknown>;

  it.each([
    [
      "an empty form",
      { firstName: "", lastName: "", consentMethod: "" },
      {
        firstName: "validation.required",
        lastName: "validation.required",
        consentMethod: "counsellor:errors.consentMethodRequired",
      },
    ],
    [
      "10 000 characters",
      { firstName: "A".repeat(10_000), skills: "x".repeat(10_000) },
      { firstName: "validation.tooLong", skills: "validation.tooLong" },
    ],
    ["a <script> as name", { lastName: "<script>alert(1)</script>" }, { lastName: "validation.nameInvalid" }],
    ["a wrong phone", { phone: "12 34" }, { phone: "validation.phoneInvalid" }],
    ["no consent method", { consentMethod: "" }, { consentMethod: "counsellor:errors.consentMethodRequired" }],
    [
      "consent « online » (not for a counsellor)",
      { consentMethod: "online" },
      { consentMethod: "counsellor:errors.consentMethodRequired" },
    ],
    [
      "6 trades",
      { trades: ["macon", "plombier", "soudeur", "vendeur", "chauffeur", "cuisinier"] },
      { trades: "counsellor:errors.tooManyTrades" },
    ],
    ["an unknown trade", { trades: ["astronaute"] }, { trades: "validation.choose" }],
    ["a birth date 5 years ago", { birthDate: "2021-01-01" }, { birthDate: "counsellor:errors.birthDateRange" }],
  ] as [string, Record<string, string | string[]>, Record<string, string>][])(
    "refuses %s with 400, one message per field, and keeps what was typed",
    async (_, changes, errors) => {
      const before = getDb().select().from(users).all().length;
      const result = (await post(assistedFields({ phone: "70 40 50 98", ...changes }))) as unknown as Result & {
        data: { lists: Record<string, string[]> };
      };
      expect(result.init?.status).toBe(400);
      expect(result.data.fieldErrors).toEqual(errors);
      for (const [key, value] of Object.entries(changes)) {
        if (Array.isArray(value)) expect(result.data.lists[key]).toEqual(value);
        else expect(result.data.values[key]).toBe(value);
      }
      expect(getDb().select().from(users).all().length).toBe(before);
    },
  );

  it("refuses a phone that already has an account, an unknown field and a field sent twice", async () => {
    const taken = (await post(assistedFields({ phone: "76 54 32 10" }))) as unknown as Result;
    expect(taken.init?.status).toBe(400);
    expect(taken.data.fieldErrors).toEqual({ phone: "validation.phoneTaken" });
    const unknown = (await post({ ...assistedFields(), role: "admin" })) as unknown as Result;
    expect(unknown.init?.status).toBe(400);
    expect(unknown.data.fieldErrors.form).toBe("counsellor:errors.unknownField");
    const twice = (await post(assistedFields({ firstName: ["Awa", "Fanta"] }))) as unknown as Result;
    expect(twice.data.fieldErrors.firstName).toBe("counsellor:errors.repeated");
  });

  it("shows the errors on the page in the counsellor's language, with the values kept", async () => {
    const user = await renderAt("/conseiller/candidats/nouveau");
    await user.type(screen.getByLabelText("Prénom"), "Mariam");
    await user.type(screen.getByLabelText("Téléphone (facultatif)"), "12");
    await user.click(screen.getByRole("button", { name: "Créer le compte" }));
    expect(
      await screen.findByText("Ce numéro n'est pas un numéro malien valable. Exemple : 70 00 00 01."),
    ).toBeTruthy();
    expect(screen.getByText("Indiquez comment la personne a donné son accord : à l'oral ou par écrit.")).toBeTruthy();
    expect(screen.getByText("Ce champ est obligatoire.")).toBeTruthy();
    expect((screen.getByLabelText("Prénom") as HTMLInputElement).value).toBe("Mariam");
    expect((screen.getByLabelText("Téléphone (facultatif)") as HTMLInputElement).value).toBe("12");
  });

  it("creates the account with a phone: the file opens with the SMS banner, a code is in the outbox", async () => {
    const user = await renderAt("/conseiller/candidats/nouveau");
    await user.type(screen.getByLabelText("Prénom"), "Mariam");
    await user.type(screen.getByLabelText("Nom"), "Coulibaly");
    await user.type(screen.getByLabelText("Téléphone (facultatif)"), "70998877");
    await user.selectOptions(screen.getByLabelText("Région"), "Ségou");
    await user.selectOptions(screen.getByLabelText("Parcours migratoire"), "Migrant de retour");
    await user.click(screen.getByLabelText("À l'oral"));
    await user.click(screen.getByRole("button", { name: "Créer le compte" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Compte créé. Un SMS avec un code a été envoyé au 70 99 88 77 : la personne choisira son mot de passe sur la page « Activer mon compte ».",
    );
    expect(screen.getByRole("heading", { level: 1, name: "Dossier de Mariam Coulibaly" })).toBeTruthy();
    const db = getDb();
    const person = db.select().from(users).where(eq(users.phone, "+22370998877")).get()!;
    expect(person.passwordHash).toBeNull();
    expect(
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.userId, person.id), eq(outbox.template, "setPassword")))
        .all(),
    ).toHaveLength(1);
    expect(db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, person.id)).get()).toMatchObject({
      consentMethod: "oral",
      consentRecordedBy: ids.counsellor,
      migrantStatus: "returnee",
      region: "segou",
    });
  });

  it("creates the account without a phone: the banner says the counsellor acts for the person, and no SMS", async () => {
    const before = getDb().select().from(outbox).all().length;
    const response = (await post(assistedFields({ firstName: "Bintou", lastName: "Sow" }))) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/conseiller\/candidats\/\d+$/);
    expect(getDb().select().from(outbox).all().length).toBe(before);
    await renderAt(location, { cookie: cookiesAfter(response, cookies.conseiller) });
    expect(screen.getByRole("status").textContent).toContain(
      "Sans téléphone, la personne ne pourra pas se connecter elle-même",
    );
  });
});

describe("the candidate's file", () => {
  it("shows every section, the sensitive ones marked, and writes one audit row per view", async () => {
    const db = getDb();
    const count = () =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "candidate.viewed"), eq(auditLog.subjectId, String(ids.awa))))
        .all().length;
    const before = count();
    await renderAt(`/conseiller/candidats/${ids.awa}`);
    expect(screen.getByRole("heading", { level: 1, name: "Dossier de Awa Maïga" })).toBeTruthy();
    for (const name of [
      "Profil",
      "Contact et compte",
      "Candidatures",
      "Emplois trouvés",
      "Offres qui lui correspondent",
    ]) {
      expect(screen.getByRole("heading", { level: 2, name })).toBeTruthy();
    }
    const sensitive = screen
      .getByRole("heading", { level: 2, name: /Informations sensibles/ })
      .closest("section") as HTMLElement;
    expect(within(sensitive).getByText("Visible seulement par les conseillers")).toBeTruthy();
    expect(within(sensitive).getByText("Migrant de retour")).toBeTruthy();
    expect(within(sensitive).getByText("Visuel")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: /Notes des conseillers/ })).toBeTruthy();
    expect(count()).toBe(before + 1);
    const row = db.select().from(auditLog).where(eq(auditLog.action, "candidate.viewed")).all().at(-1)!;
    expect(row).toMatchObject({ actorId: ids.counsellor, detail: { sensitive: true }, ip: "41.73.9.9" });
  });

  it("adds a note (kept as text), refusing an empty one", async () => {
    const user = await renderAt(`/conseiller/candidats/${ids.awa}`);
    await user.click(screen.getByRole("button", { name: "Ajouter la note" }));
    expect(await screen.findByText("Ce champ est obligatoire.")).toBeTruthy();
    await user.type(screen.getByLabelText("Nouvelle note"), "<script>alert(1)</script> Appelée ce matin.");
    await user.click(screen.getByRole("button", { name: "Ajouter la note" }));
    expect((await screen.findByRole("status")).textContent).toBe("La note est enregistrée.");
    const notes = screen
      .getByRole("heading", { level: 2, name: /Notes des conseillers/ })
      .closest("section") as HTMLElement;
    expect(within(notes).getByText("<script>alert(1)</script> Appelée ce matin.")).toBeTruthy();
    expect(within(notes).getByText(/Kadia Konaté, le/)).toBeTruthy();
    expect(notes.querySelector("script")).toBeNull();
    const tooLong = (await call(
      fileAction as Fn,
      `/conseiller/candidats/${ids.awa}`,
      cookies.conseiller,
      { userId: String(ids.awa) },
      new URLSearchParams({ intent: "note.add", body: "x".repeat(10_000) }),
    )) as unknown as Result;
    expect(tooLong.init?.status).toBe(400);
    expect(tooLong.data.fieldErrors.body).toBe("validation.tooLong");
  });

  it("puts the candidate forward for a matching offer (channel counsellor) and records a phone application", async () => {
    const db = getDb();
    const first = insertMatchingOffer(db, ids.orgId, {
      title: "Couturière retoucheuse",
      sector: "textile",
      trade: "couturier",
      region: "sikasso",
      commune: "Sikasso",
    });
    const second = insertMatchingOffer(db, ids.orgId, {
      title: "Brodeuse",
      sector: "textile",
      trade: "couturier",
      region: "sikasso",
      commune: null,
    });
    const user = await renderAt(`/conseiller/candidats/${ids.awa}`);
    const matches = screen
      .getByRole("heading", { level: 2, name: "Offres qui lui correspondent" })
      .closest("section") as HTMLElement;
    expect(within(matches).getAllByText("même métier (Couturier) · même région")).toHaveLength(2);

    await user.click(within(matches).getByRole("button", { name: "Proposer sa candidature : Couturière retoucheuse" }));
    // Nothing is sent before the counsellor confirms who goes to which offer.
    const confirm = (await screen.findByRole("heading", { name: "Confirmer la candidature proposée" })).closest(
      "section",
    ) as HTMLElement;
    expect(within(confirm).getByText("Awa Maïga")).toBeTruthy();
    expect(within(confirm).getByRole("link", { name: "Couturière retoucheuse" })).toBeTruthy();
    expect(db.select().from(applications).where(eq(applications.candidateId, ids.awa)).all()).toEqual([]);
    await user.click(within(confirm).getByRole("button", { name: "Confirmer l'envoi" }));
    expect((await screen.findByRole("status")).textContent).toBe("La candidature est envoyée à l'employeur.");
    expect(
      db
        .select()
        .from(applications)
        .where(and(eq(applications.offerId, first.id), eq(applications.candidateId, ids.awa)))
        .get(),
    ).toMatchObject({ channel: "counsellor", referredBy: ids.counsellor });

    const section = screen
      .getByRole("heading", { level: 2, name: "Offres qui lui correspondent" })
      .closest("section") as HTMLElement;
    await user.type(within(section).getByLabelText("Ou numéro d'une autre offre"), "abc");
    await user.click(within(section).getByRole("button", { name: "Enregistrer la candidature" }));
    expect(await screen.findByText("Cet élément n'existe pas ou plus.")).toBeTruthy();
    const again = screen
      .getByRole("heading", { level: 2, name: "Offres qui lui correspondent" })
      .closest("section") as HTMLElement;
    await user.selectOptions(within(again).getByLabelText("Offre"), `Brodeuse · Couture Bah`);
    await user.clear(within(again).getByLabelText("Ou numéro d'une autre offre"));
    await user.click(within(again).getByRole("button", { name: "Enregistrer la candidature" }));
    const phoneConfirm = (
      await screen.findByRole("heading", { name: "Confirmer la candidature par téléphone" })
    ).closest("section") as HTMLElement;
    expect(within(phoneConfirm).getByRole("link", { name: "Brodeuse" })).toBeTruthy();
    await user.click(within(phoneConfirm).getByRole("button", { name: "Confirmer l'envoi" }));
    expect((await screen.findByRole("status")).textContent).toBe("La candidature par téléphone est enregistrée.");
    expect(
      db
        .select()
        .from(applications)
        .where(and(eq(applications.offerId, second.id), eq(applications.candidateId, ids.awa)))
        .get(),
    ).toMatchObject({ channel: "phone", referredBy: ids.counsellor });

    // Applying twice, or to an unknown offer, is refused.
    const twice = (await call(
      fileAction as Fn,
      `/conseiller/candidats/${ids.awa}`,
      cookies.conseiller,
      { userId: String(ids.awa) },
      new URLSearchParams({ intent: "refer", offerId: String(first.id) }),
    )) as unknown as Result;
    expect(twice.init?.status).toBe(400);
    expect(twice.data.fieldErrors.form).toBe("counsellor:errors.alreadyApplied");
    const closed = (await call(
      fileAction as Fn,
      `/conseiller/candidats/${ids.awa}`,
      cookies.conseiller,
      { userId: String(ids.awa) },
      new URLSearchParams({ intent: "phone", otherOfferId: "999999" }),
    )) as unknown as Result;
    expect(closed.data.fieldErrors.otherOfferId).toBe("counsellor:errors.offerNotOpen");
  });

  it("sends a new code to a person with a phone and no password; not to someone without a phone", async () => {
    const db = getDb();
    const user = await renderAt(`/conseiller/candidats/${ids.awa}`);
    await user.click(screen.getByRole("button", { name: "Renvoyer un code par SMS" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Un nouveau code a été envoyé par SMS. L'ancien ne marche plus.",
    );
    expect(db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, ids.awa)).all()).toHaveLength(1);
    const noPhone = (await call(
      fileAction as Fn,
      `/conseiller/candidats/${ids.oumar}`,
      cookies.conseiller,
      { userId: String(ids.oumar) },
      new URLSearchParams({ intent: "code.resend" }),
    )) as unknown as Result;
    expect(noPhone.init?.status).toBe(400);
    expect(noPhone.data.fieldErrors.form).toBe("counsellor:errors.noPhone");
  });

  it("speaks English", async () => {
    await renderAt(`/conseiller/candidats/${ids.awa}`, { lng: "en" });
    expect(screen.getByRole("heading", { level: 1, name: "File of Awa Maïga" })).toBeTruthy();
    expect(screen.getAllByText("Visible to counsellors only").length).toBeGreaterThan(0);
    expect(screen.getByText("Returning migrant")).toBeTruthy();
  });
});
