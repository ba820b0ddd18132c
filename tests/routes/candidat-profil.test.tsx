// @vitest-environment jsdom
// The candidate's profile form with its real loader and action. Bad input
// tried: empty names, 10 000 characters, `<script>` (refused in a name, kept as
// text in the skills), a birth date in the future and one making the person 9,
// 6 trades, an unknown language code, a SQL fragment as a region, a field
// posted twice, a field the form does not have, another role.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { storeCv } from "../../app/models/files.server";
import Profile, { action, loader } from "../../app/routes/candidat.profil";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { candidateProfiles, candidateTrades, users } from "../../db/schema";
import { insertUser, registerCandidate, requestWithCookie, sessionCookieFor } from "../helpers/factories";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import { as, callRoute, errorOf, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { fatou: "", noConsent: "", employer: "" };
const ids = { fatou: 0, noConsent: 0 };

beforeAll(async () => {
  const db = getDb();
  const fatou = await registerCandidate(db, { phone: "70 55 00 01", firstName: "Fatoumata", lastName: "Sidibé" });
  // Registered by hand, without a profile or consent yet.
  const noConsent = await insertUser(db, { role: "candidat", phone: "+22370550002", displayName: "Oumar Coulibaly" });
  const employer = await insertUser(db, { role: "employeur", email: "patron@atelier.ml" });
  ids.fatou = fatou.id;
  ids.noConsent = noConsent.id;
  cookies.fatou = await sessionCookieFor(db, fatou.id);
  cookies.noConsent = await sessionCookieFor(db, noConsent.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

async function renderProfile(cookie = cookies.fatou, lng: Locale = "fr") {
  const profile = {
    path: "/candidat/profil",
    Component: Profile,
    loader: as(cookie, loader),
    action: as(cookie, action),
  };
  return renderRoutes([profile], "/candidat/profil", { lng });
}

/** The page as the server renders it without JavaScript: Fatou's loader data and the action's answer. */
async function renderAsServed(actionData: unknown) {
  const loaderData = await loader({
    request: requestWithCookie("http://localhost/candidat/profil", cookies.fatou),
    params: {},
    context: {},
  } as never);
  const i18n = await createTestI18n("fr");
  const Stub = createRoutesStub([
    { id: "profile", path: "/candidat/profil", Component: Profile as never, loader: as(cookies.fatou, loader) },
  ]);
  render(
    <WithI18n i18n={i18n}>
      <Stub
        initialEntries={["/candidat/profil"]}
        hydrationData={{ loaderData: { profile: loaderData }, actionData: { profile: actionData } }}
      />
    </WithI18n>,
  );
}

const field = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const box = (name: string) => screen.getByRole("checkbox", { name }) as HTMLInputElement;
const save = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Enregistrer mon profil" }));

/** Waits for the page to answer the submitted form, then reads the field's message. */
async function messageOf(find: () => HTMLElement) {
  await waitFor(() => expect(errorOf(find())).not.toBe(""));
  return errorOf(find());
}

/** A valid profile as the form posts it, with changes. */
function fields(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "profile.save",
    firstName: "Fatoumata",
    lastName: "Sidibé",
    sex: "f",
    birthDate: "2003-02-11",
    region: "bamako",
    commune: "Commune IV",
    educationLevel: "bt",
    trades: ["couturier"],
    skills: "",
    languages: ["fr", "bm"],
    experienceYears: "2",
    availability: "immediate",
    disability: "",
    migrantStatus: "",
    ...changes,
  };
}

const post = (body: Record<string, string | string[]>, cookie = cookies.fatou) =>
  settled(callRoute(action, "/candidat/profil", { cookie, body }));

type Refused = {
  init: ResponseInit;
  data: { fieldErrors: Record<string, string>; values: Record<string, string>; lists: Record<string, string[]> };
};
const profileOf = (userId: number) =>
  getDb().select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get();

describe("/candidat/profil: what the candidate sees", () => {
  it("shows the consent given at registration, the completeness in words with links to the fields, and that no CV is needed", async () => {
    await renderProfile();
    expect(screen.getByText(/^Vous avez donné votre accord le /)).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: /J'accepte que Baara/ })).toBeNull();
    const bar = screen.getByRole("progressbar", { name: "Profil complet à 0 %" });
    expect(bar.getAttribute("aria-valuenow")).toBe("0");
    const missing = screen.getByRole("link", { name: "votre date de naissance" });
    expect(missing.getAttribute("href")).toBe("/candidat/profil#field-birthDate");
    expect(document.getElementById("field-birthDate")!.querySelector("input[type=date]")).toBeTruthy();
    for (const link of within(bar.closest("section")!).getAllByRole("link")) {
      const id = link.getAttribute("href")!.split("#")[1]!;
      expect(document.getElementById(id), id).toBeTruthy();
    }
    // The alerts page sends people here to agree to messages.
    expect(document.getElementById("field-smsConsent")!.querySelector("input[name=smsConsent]")).toBeTruthy();
    expect(screen.getByText(/Pas besoin de CV pour postuler/)).toBeTruthy();
    expect((field("Prénom") as HTMLInputElement).value).toBe("Fatoumata");
  });

  it("says why disability and migrant status are asked, and that employers never see them", async () => {
    await renderProfile();
    const disability = field("Situation de handicap");
    const migrant = field("Situation de migration");
    for (const select of [disability, migrant]) {
      expect(select.value).toBe("");
      expect((select as unknown as HTMLSelectElement).options[0]!.textContent).toBe("Je ne souhaite pas répondre");
      const hint = document.getElementById(select.getAttribute("aria-describedby")!.split(" ")[0]!)!.textContent!;
      expect(hint).toMatch(/Seuls les conseillers et les administrateurs de Baara le voient, jamais les employeurs\./);
    }
  });

  it("asks for consent when none was given, and refuses the form without it", async () => {
    const user = await renderProfile(cookies.noConsent);
    const consent = box("J'accepte que Baara garde ces informations pour m'aider à trouver du travail.");
    expect(consent.checked).toBe(false);
    expect(field("Prénom").value).toBe("Oumar");
    expect(field("Nom").value).toBe("Coulibaly");
    await save(user);
    expect(await messageOf(() => screen.getByRole("checkbox", { name: /J'accepte que Baara/ }))).toBe(
      "Votre accord est nécessaire pour garder votre profil.",
    );
    expect(profileOf(ids.noConsent)).toBeUndefined();

    await user.click(box("J'accepte que Baara garde ces informations pour m'aider à trouver du travail."));
    await save(user);
    expect(await screen.findByText(/^Vous avez donné votre accord le /)).toBeTruthy();
    expect(profileOf(ids.noConsent)!.consentAt).toBeInstanceOf(Date);
  });
});

describe("/candidat/profil: refused forms keep what was typed", () => {
  it("empty names: one message each, nothing saved", async () => {
    const user = await renderProfile();
    await user.clear(field("Prénom"));
    await user.clear(field("Nom"));
    await save(user);
    expect(await messageOf(() => field("Prénom"))).toBe("Ce champ est obligatoire.");
    expect(errorOf(field("Nom"))).toBe("Ce champ est obligatoire.");
    expect(screen.getAllByText(/Le formulaire contient des erreurs/)).toHaveLength(1);
    expect(profileOf(ids.fatou)!.firstName).toBe("Fatoumata");
  });

  it("a `<script>` name is refused and shown back as text; the ticked boxes and choices stay", async () => {
    const user = await renderProfile();
    fireEvent.change(field("Prénom"), { target: { value: "<script>alert(1)</script>" } });
    fireEvent.change(field("Date de naissance"), { target: { value: addDays(isoToday(), 3) } });
    await user.selectOptions(field("Région"), "sikasso");
    await user.type(field("Commune ou ville"), "Kadiolo");
    await user.click(box("Soudeur"));
    await user.click(box("Tamasheq"));
    await user.click(box("J'ai le permis de conduire"));
    await user.selectOptions(field("Situation de migration"), "returnee");
    await user.click(screen.getByRole("radio", { name: "Homme" }));
    await save(user);

    const firstName = field("Prénom");
    expect(await messageOf(() => field("Prénom"))).toBe(
      "Utilisez seulement des lettres, des espaces, des traits d'union ou des apostrophes.",
    );
    expect((firstName as HTMLInputElement).value).toBe("<script>alert(1)</script>");
    expect(document.querySelector("script")).toBeNull();
    expect(errorOf(field("Date de naissance"))).toBe("Vérifiez la date : il faut avoir entre 14 et 80 ans.");
    expect(field("Région").value).toBe("sikasso");
    expect(field("Commune ou ville").value).toBe("Kadiolo");
    expect(box("Soudeur").checked).toBe(true);
    expect(box("Tamasheq").checked).toBe(true);
    expect(box("J'ai le permis de conduire").checked).toBe(true);
    expect(field("Situation de migration").value).toBe("returnee");
    expect((screen.getByRole("radio", { name: "Homme" }) as HTMLInputElement).checked).toBe(true);
    expect(profileOf(ids.fatou)!.region).toBeNull();
  });

  it("6 trades: asked to keep 5, the 6 stay ticked", async () => {
    const user = await renderProfile();
    const six = ["Maçon", "Carreleur", "Plombier", "Soudeur", "Électricien", "Chauffeur"];
    for (const trade of six) await user.click(box(trade));
    await save(user);
    expect(await messageOf(() => screen.getByRole("group", { name: "Métiers que vous savez faire" }))).toBe(
      "Choisissez au plus 5 métiers.",
    );
    for (const trade of six) expect(box(trade).checked, trade).toBe(true);
    const saved = getDb().select().from(candidateTrades).where(eq(candidateTrades.userId, ids.fatou)).all();
    expect(saved).toHaveLength(0);
  });

  it("10 000 characters in a name or the skills: too long, 400", async () => {
    const result = (await post(fields({ firstName: "A".repeat(10_000), skills: "x".repeat(10_000) }))) as Refused;
    expect(statusOf(result)).toBe(400);
    expect(result.data.fieldErrors).toMatchObject({ firstName: "validation.tooLong", skills: "validation.tooLong" });
    expect(result.data.values.skills).toHaveLength(10_000);
  });

  it("an unknown language code, a SQL fragment as region, 61 years, a 9-year-old: each refused, 400", async () => {
    const nineYearsAgo = `${Number(isoToday().slice(0, 4)) - 9}${isoToday().slice(4)}`;
    const result = (await post(
      fields({
        languages: ["fr", "xx"],
        region: "bamako' OR 1=1 --",
        experienceYears: "61",
        birthDate: nineYearsAgo,
        educationLevel: "phd",
      }),
    )) as Refused;
    expect(statusOf(result)).toBe(400);
    expect(result.data.fieldErrors).toEqual({
      languages: "validation.choose",
      region: "validation.choose",
      experienceYears: "candidate:errors.experienceRange",
      birthDate: "candidate:errors.birthDateRange",
      educationLevel: "validation.choose",
    });
    expect(result.data.lists.languages).toEqual(["fr", "xx"]);
  });

  it("a field posted twice and a field the form does not have are refused with a clear message", async () => {
    const twice = (await post(fields({ firstName: ["Fatoumata", "Awa"] }))) as Refused;
    expect(statusOf(twice)).toBe(400);
    expect(twice.data.fieldErrors.firstName).toBe("candidate:errors.repeated");

    const extra = (await post({ ...fields(), role: "admin", counsellorId: "1" })) as Refused;
    expect(statusOf(extra)).toBe(400);
    expect(extra.data.fieldErrors.form).toBe("candidate:errors.unknownField");
    expect(getDb().select().from(users).where(eq(users.id, ids.fatou)).get()!.role).toBe("candidat");
  });

  it("shows the unknown-field message on the page", async () => {
    await renderProfile();
    const form = screen.getByRole("button", { name: "Enregistrer mon profil" }).closest("form")!;
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name: "role", value: "admin" });
    form.appendChild(input);
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer mon profil" }));
    expect(await screen.findByText(/Le formulaire contient un champ inconnu/)).toBeTruthy();
  });

  it("without JavaScript, the page the server renders for a refused form has every value and ticked box that was posted", async () => {
    const posted = (await post(
      fields({
        firstName: "",
        trades: ["macon", "carreleur", "plombier", "soudeur", "electricien", "chauffeur"],
        languages: ["son", "tmh"],
        commune: "Ansongo",
        region: "gao",
        drivingLicence: "on",
        smsConsent: "on",
        migrantStatus: "internal_displaced",
        sex: "m",
      }),
    )) as Refused;
    expect(statusOf(posted)).toBe(400);
    await renderAsServed(posted.data);
    await screen.findByRole("heading", { level: 1 });
    expect(errorOf(field("Prénom"))).toBe("Ce champ est obligatoire.");
    expect(errorOf(screen.getByRole("group", { name: "Métiers que vous savez faire" }))).toBe(
      "Choisissez au plus 5 métiers.",
    );
    for (const name of [
      "Maçon",
      "Carreleur",
      "Plombier",
      "Soudeur",
      "Électricien",
      "Chauffeur",
      "Songhaï",
      "Tamasheq",
      "J'ai le permis de conduire",
    ]) {
      expect(box(name).checked, name).toBe(true);
    }
    expect(box("Recevoir les nouvelles de mes candidatures par SMS").checked).toBe(true);
    expect(box("Bambara").checked).toBe(false);
    expect(field("Commune ou ville").value).toBe("Ansongo");
    expect(field("Région").value).toBe("gao");
    expect(field("Situation de migration").value).toBe("internal_displaced");
    expect((screen.getByRole("radio", { name: "Homme" }) as HTMLInputElement).checked).toBe(true);
  });

  it("answers 400 to an unknown intent and 403 to an employer", async () => {
    expect(statusOf(await post({ intent: "drop" }))).toBe(400);
    expect(statusOf(await post(fields(), cookies.employer))).toBe(403);
  });
});

describe("/candidat/profil: saving", () => {
  it("saves the whole form, says so, and shows `<script>` skills as plain text", async () => {
    const user = await renderProfile();
    await user.clear(field("Prénom"));
    await user.type(field("Prénom"), "Fatoumata Binta");
    await user.click(screen.getByRole("radio", { name: "Je préfère ne pas le dire" }));
    fireEvent.change(field("Date de naissance"), { target: { value: "2004-08-30" } });
    await user.selectOptions(field("Région"), "sikasso");
    await user.type(field("Commune ou ville"), "Niéna");
    await user.selectOptions(field("Niveau d'études"), "cap");
    await user.click(box("Couturier"));
    await user.click(box("Teinturier"));
    fireEvent.change(field("Autres savoir-faire"), { target: { value: "<script>alert('x')</script> broderie" } });
    await user.click(box("Bambara"));
    await user.click(box("Peul"));
    await user.type(field("Années d'expérience"), "0");
    await user.selectOptions(field("Quand pouvez-vous commencer ?"), "within_month");
    await user.selectOptions(field("Situation de handicap"), "none");
    await user.click(box("Recevoir les nouvelles de mes candidatures par SMS"));
    await save(user);

    expect(await screen.findByRole("status")).toHaveProperty(
      "textContent",
      "C'est enregistré : votre profil est à jour.",
    );
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(screen.getByText("Votre profil est complet. Bravo !")).toBeTruthy();
    const row = profileOf(ids.fatou)!;
    expect(row).toMatchObject({
      firstName: "Fatoumata Binta",
      sex: null,
      birthDate: "2004-08-30",
      region: "sikasso",
      commune: "Niéna",
      educationLevel: "cap",
      skills: "<script>alert('x')</script> broderie",
      languages: ["bm", "ff"],
      experienceYears: 0,
      availability: "within_month",
      disability: "none",
      migrantStatus: null,
      drivingLicence: false,
    });
    expect(row.smsConsentAt).toBeInstanceOf(Date);
    expect(getDb().select().from(users).where(eq(users.id, ids.fatou)).get()!.displayName).toBe(
      "Fatoumata Binta Sidibé",
    );
    expect((field("Autres savoir-faire") as unknown as HTMLTextAreaElement).value).toBe(
      "<script>alert('x')</script> broderie",
    );
    expect(document.querySelector("script")).toBeNull();
    expect(box("Couturier").checked).toBe(true);
    expect(box("Recevoir les nouvelles de mes candidatures par SMS").checked).toBe(true);
  });

  it("in English: labels, the completeness and the messages", async () => {
    const user = await renderProfile(cookies.fatou, "en");
    expect(screen.getByRole("heading", { level: 1, name: "My profile" })).toBeTruthy();
    expect(screen.getByText(/^You gave your consent on /)).toBeTruthy();
    await user.clear(field("First name"));
    await user.click(screen.getByRole("button", { name: "Save my profile" }));
    expect(await messageOf(() => field("First name"))).toBe("This field is required.");
    expect(screen.getAllByText(/Only Baara.s counsellors and administrators see it, never employers\./)).toHaveLength(
      2,
    );
    expect(screen.getByText(/You do not need a CV to apply/)).toBeTruthy();
  });
});

describe("/candidat/profil: the CV section", () => {
  it("shows the current CV with its size and date, a download link and a remove button", async () => {
    const stored = storeCv(getDb(), ids.fatou, {
      name: "cv-fatoumata.pdf",
      bytes: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(250 * 1024, 0x20)]),
    });
    if (!stored.ok) throw new Error(stored.error);
    await renderProfile();
    const section = screen.getByRole("region", { name: "Mon CV (facultatif)" });
    expect(within(section).getByText(/cv-fatoumata\.pdf/)).toBeTruthy();
    expect(within(section).getByText(/250 Ko · ajouté le /)).toBeTruthy();
    expect(within(section).getByRole("link", { name: "Télécharger mon CV" }).getAttribute("href")).toBe(
      `/fichiers/${stored.fileId}`,
    );
    expect(within(section).getByRole("button", { name: "Retirer mon CV" })).toBeTruthy();
    const upload = within(section).getByLabelText("Nouveau fichier PDF") as HTMLInputElement;
    expect(upload.type).toBe("file");
    expect(upload.accept).toContain("application/pdf");
    expect(upload.closest("form")!.getAttribute("enctype")).toBe("multipart/form-data");
  });

  it("shows the refusal of a file that is too large under the file field, in the page the server renders", async () => {
    await renderAsServed({ cvError: "candidate:errors.cv.tooLarge" });
    const upload = await screen.findByLabelText("Nouveau fichier PDF");
    expect(errorOf(upload)).toBe("Le fichier dépasse 3 Mo. Envoyez un PDF plus léger.");
  });

  it("with JavaScript, stops a file over 3 MB before sending it (the server would refuse it unread) and says why", async () => {
    let sent = 0;
    const i18n = await createTestI18n("fr");
    const Stub = createRoutesStub([
      {
        path: "/candidat/profil",
        Component: Profile as never,
        loader: as(cookies.fatou, loader),
        action: (args: { request: Request }) => {
          sent++;
          return as(cookies.fatou, action)(args);
        },
      },
    ]);
    render(
      <WithI18n i18n={i18n}>
        <Stub initialEntries={["/candidat/profil"]} />
      </WithI18n>,
    );
    const user = userEvent.setup();
    const section = await screen.findByRole("region", { name: "Mon CV (facultatif)" });
    const upload = within(section).getByLabelText(/fichier PDF/i) as HTMLInputElement;
    await user.upload(upload, new File([new Uint8Array(4 * 1024 * 1024)], "photo-cv.pdf", { type: "application/pdf" }));
    await user.click(within(section).getByRole("button", { name: /^(Envoyer|Remplacer) mon CV$/ }));
    await waitFor(() => expect(errorOf(upload)).toBe("Le fichier dépasse 3 Mo. Envoyez un PDF plus léger."));
    expect(sent).toBe(0);
  });
});
