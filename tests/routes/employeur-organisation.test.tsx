// @vitest-environment jsdom
// The organisation page (edit, verification status, team, invitations) and the
// invitation link. Bad input tried: a 10 000-character name, `<script>` in the
// name, a bad RCCM, a foreign phone, an unknown token, a colleague's invitation
// sent by a member who is not the owner, a candidate opening an invitation.
import { fireEvent, screen, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { inviteColleague } from "../../app/models/invitations.server";
import { isOrgMember } from "../../app/models/organisations.server";
import Organisation, { action as orgAction, loader as orgLoader } from "../../app/routes/employeur.organisation";
import Invitation, { action as invitationAction, loader as invitationLoader } from "../../app/routes/invitation.$token";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import {
  memberships,
  organisationIdentityRequests,
  organisations,
  orgInvitations,
  outbox,
  users,
} from "../../db/schema";
import {
  addMember,
  cookieFrom,
  insertEmployer,
  insertUser,
  ORGANISATION_FORM_REST,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { createTestI18n } from "../helpers/i18n";
import { as, callRoute, errorOf, type Handler, renderRoutes, outcomeStatus as statusOf } from "../helpers/route";

const cookies = { owner: "", member: "", rejected: "", candidate: "", stranger: "" };
const ids = { org: 0, rejectedOrg: 0, owner: 0 };

beforeAll(async () => {
  const db = getDb();
  const owner = await insertEmployer(db, "verified", "Boulangerie du Fleuve");
  const member = await insertUser(db, {
    role: "employeur",
    email: "mariam@fleuve.ml",
    displayName: "Mariam Coulibaly",
  });
  addMember(db, member.id, owner.org.id, "member");
  const rejected = await insertEmployer(db, "rejected", "Atelier Refusé");
  db.update(organisations)
    .set({ verificationReason: "Le RCCM ne correspond pas." })
    .where(eq(organisations.id, rejected.org.id))
    .run();
  const stranger = await insertEmployer(db, "verified", "Garage Voisin");
  const candidate = await registerCandidate(db, { phone: "70 50 50 50" });
  Object.assign(ids, { org: owner.org.id, rejectedOrg: rejected.org.id, owner: owner.user.id });
  cookies.owner = await sessionCookieFor(db, owner.user.id);
  cookies.member = await sessionCookieFor(db, member.id);
  cookies.rejected = await sessionCookieFor(db, rejected.user.id);
  cookies.stranger = await sessionCookieFor(db, stranger.user.id);
  cookies.candidate = await sessionCookieFor(db, candidate.id);
});

async function renderAt(url: string, cookie?: string) {
  const routes = [
    {
      path: "/employeur/organisation",
      Component: Organisation,
      loader: as(cookie, orgLoader),
      action: as(cookie, orgAction),
    },
    {
      path: "/invitation/:token",
      Component: Invitation,
      loader: as(cookie, invitationLoader),
      action: as(cookie, invitationAction),
    },
    { path: "/employeur", Component: () => <h1>Espace employeur</h1> },
  ];
  return renderRoutes(routes, url, { heading: false });
}

/** The organisation page's form as the owner's verified organisation has it. */
const ORG_FIELDS = {
  intent: "save",
  name: "Boulangerie du Fleuve",
  rccm: "",
  nif: "",
  ...ORGANISATION_FORM_REST,
};

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const save = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Enregistrer" }));
const orgRow = (id: number) => getDb().select().from(organisations).where(eq(organisations.id, id)).get()!;
const pendingIdentityRequests = () =>
  getDb().select().from(organisationIdentityRequests).where(eq(organisationIdentityRequests.status, "pending")).all();

const call = (handler: Handler, url: string, cookie?: string, fields?: Record<string, string>, params = {}) =>
  callRoute(handler, url, { cookie, params, body: fields });

describe("/employeur/organisation", () => {
  it("shows the organisation, its status, its team, and the invitation form to the owner", async () => {
    await renderAt("/employeur/organisation", cookies.owner);
    expect(await screen.findByRole("heading", { name: "Vérification : Vérifiée" })).toBeTruthy();
    expect(field("Nom de l'entreprise ou de l'atelier").value).toBe("Boulangerie du Fleuve");
    const team = screen.getByRole("heading", { name: "L'équipe" }).parentElement!;
    expect(within(team).getByText("Moussa Traoré")).toBeTruthy();
    expect(within(team).getByText("Responsable du compte")).toBeTruthy();
    expect(within(team).getByText("Mariam Coulibaly")).toBeTruthy();
    expect(within(team).getByText("Membre")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Envoyer l'invitation" })).toBeTruthy();
  });

  it("shows a member the page without the invitation form, and refuses their invitation (403)", async () => {
    await renderAt("/employeur/organisation", cookies.member);
    expect(await screen.findByText("Seul le responsable du compte peut inviter des collègues.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Envoyer l'invitation" })).toBeNull();
    expect(
      await statusOf(
        call(orgAction, "/employeur/organisation", cookies.member, { intent: "invite", contact: "70 11 11 11" }),
      ),
    ).toBe(403);
    expect(getDb().select().from(orgInvitations).where(eq(orgInvitations.phone, "+22370111111")).all()).toEqual([]);
  });

  it("shows a rejected organisation's reason; correcting its name sends it back to verification", async () => {
    const user = await renderAt("/employeur/organisation", cookies.rejected);
    expect(await screen.findByText("Motif : Le RCCM ne correspond pas.")).toBeTruthy();
    const name = field("Nom de l'entreprise ou de l'atelier");
    await user.clear(name);
    await user.type(name, "Atelier Refusé SARL");
    fireEvent.change(field("Téléphone (facultatif)"), { target: { value: "66 12 34 56" } });
    await user.click(screen.getByRole("radio", { name: "CCIM" }));
    await save(user);
    expect(await screen.findByText(/Votre entreprise repart en vérification/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Vérification : En attente de vérification" })).toBeTruthy();
    expect(orgRow(ids.rejectedOrg)).toMatchObject({
      name: "Atelier Refusé SARL",
      verificationStatus: "pending",
      verificationReason: null,
      contactPhone: "+22366123456",
      membership: "ccim",
    });
  });

  it("refuses bad input with one message per field and keeps what was typed, <script> included", async () => {
    const user = await renderAt("/employeur/organisation", cookies.owner);
    const name = await screen.findByLabelText("Nom de l'entreprise ou de l'atelier");
    fireEvent.change(name, { target: { value: "A".repeat(10_000) } });
    fireEvent.change(field("Numéro RCCM (facultatif)"), { target: { value: "<script>alert(1)</script>" } });
    fireEvent.change(field("Téléphone (facultatif)"), { target: { value: "+33 6 12 34 56 78" } });
    await save(user);
    expect(await screen.findByText(/Le formulaire contient des erreurs/)).toBeTruthy();
    expect(errorOf(field("Nom de l'entreprise ou de l'atelier"))).toBe("Ce texte est trop long.");
    expect(errorOf(field("Numéro RCCM (facultatif)"))).toBe(
      "Ce numéro RCCM n'est pas valable. Exemple : MA.BKO.2019.B.1234.",
    );
    expect(errorOf(field("Téléphone (facultatif)"))).toBe(
      "Ce numéro n'est pas un numéro malien valable. Exemple : 70 00 00 01.",
    );
    expect(field("Numéro RCCM (facultatif)").value).toBe("<script>alert(1)</script>");
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(orgRow(ids.org).name).toBe("Boulangerie du Fleuve");
  });

  it("a verified organisation's new name waits for a counsellor: the checked name stays, the page says what was asked and when", async () => {
    const user = await renderAt("/employeur/organisation", cookies.owner);
    const name = await screen.findByLabelText("Nom de l'entreprise ou de l'atelier");
    await user.clear(name);
    await user.type(name, "Agence Nationale pour l'Emploi");
    fireEvent.change(field("Présentation de l'entreprise (facultatif)"), {
      target: { value: "Pain chaud chaque matin." },
    });
    await save(user);
    expect(await screen.findByText(/Votre demande de changement est envoyée/)).toBeTruthy();
    expect(orgRow(ids.org)).toMatchObject({
      name: "Boulangerie du Fleuve",
      verificationStatus: "verified",
      description: "Pain chaud chaque matin.",
    });
    const pending = screen.getByRole("heading", { name: "Changement d'identité en attente" }).parentElement!;
    expect(within(pending).getByText(/^Demandé le /)).toBeTruthy();
    const rows = within(pending)
      .getAllByRole("row")
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[1]).toEqual(["Nom", "Boulangerie du Fleuve", "Agence Nationale pour l'Emploi"]);
    // The form shows what was asked, so that saving other fields keeps the request.
    expect(field("Nom de l'entreprise ou de l'atelier").value).toBe("Agence Nationale pour l'Emploi");
    expect(
      getDb().select().from(organisationIdentityRequests).where(eq(organisationIdentityRequests.orgId, ids.org)).all(),
    ).toMatchObject([{ name: "Agence Nationale pour l'Emploi", status: "pending", requestedBy: ids.owner }]);
  });

  it("another employer cannot withdraw the request; a member withdraws it on the page", async () => {
    const requests = () =>
      getDb().select().from(organisationIdentityRequests).where(eq(organisationIdentityRequests.orgId, ids.org)).all();
    const refused = (await call(orgAction, "/employeur/organisation", cookies.stranger, {
      intent: "withdrawIdentity",
    })) as { init: ResponseInit };
    expect(refused.init.status).toBe(404);
    expect(requests()).toMatchObject([{ status: "pending" }]);
    const user = await renderAt("/employeur/organisation", cookies.member);
    await user.click(await screen.findByRole("button", { name: "Retirer la demande" }));
    expect(
      await screen.findByText("Votre demande de changement est retirée. L'identité vérifiée reste affichée."),
    ).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Changement d'identité en attente" })).toBeNull();
    expect(requests()).toMatchObject([{ status: "withdrawn" }]);
    expect(field("Nom de l'entreprise ou de l'atelier").value).toBe("Boulangerie du Fleuve");
  });

  it("refuses a hostile new name as the form does, and shows a <script> name as text", async () => {
    const tooLong = (await call(orgAction, "/employeur/organisation", cookies.owner, {
      ...ORG_FIELDS,
      name: "A".repeat(10_000),
    })) as {
      init: ResponseInit;
      data: { fieldErrors: Record<string, string> };
    };
    expect(tooLong.init.status).toBe(400);
    expect(tooLong.data.fieldErrors.name).toBe("validation.tooLong");
    expect(
      (
        (await call(orgAction, "/employeur/organisation", cookies.owner, { ...ORG_FIELDS, name: "  " })) as {
          init: ResponseInit;
        }
      ).init.status,
    ).toBe(400);
    const sql = "x'); DROP TABLE organisations; --";
    await call(orgAction, "/employeur/organisation", cookies.owner, { ...ORG_FIELDS, name: sql });
    expect(pendingIdentityRequests()).toMatchObject([{ name: sql }]);
    await call(orgAction, "/employeur/organisation", cookies.owner, {
      ...ORG_FIELDS,
      name: "<script>alert(1)</script>",
    });
    await renderAt("/employeur/organisation", cookies.owner);
    const pending = (await screen.findByRole("heading", { name: "Changement d'identité en attente" })).parentElement!;
    expect(within(pending).getByText("<script>alert(1)</script>")).toBeTruthy();
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(orgRow(ids.org).name).toBe("Boulangerie du Fleuve");
    // Back to the checked name: the request is withdrawn.
    await call(orgAction, "/employeur/organisation", cookies.owner, ORG_FIELDS);
    expect(pendingIdentityRequests()).toEqual([]);
  });

  it("lets the owner invite a colleague by phone, shows the link and lists the invitation", async () => {
    const user = await renderAt("/employeur/organisation", cookies.owner);
    await user.type(await screen.findByLabelText("Téléphone ou e-mail du collègue"), "76 99 88 77");
    await user.click(screen.getByRole("button", { name: "Envoyer l'invitation" }));
    expect(await screen.findByText("Invitation envoyée à 76 99 88 77.")).toBeTruthy();
    const link = screen.getByText(/\/invitation\/[\w-]{43}$/).textContent!;
    const row = getDb().select().from(outbox).where(eq(outbox.recipient, "+22376998877")).get()!;
    expect(row).toMatchObject({ channel: "sms", template: "invitation" });
    expect(link.endsWith(String(row.payload.link))).toBe(true);
    expect(await screen.findByText(/^76 99 88 77 — valable jusqu'au/)).toBeTruthy();
  });

  it("says why an invitation is refused, on the field", async () => {
    const user = await renderAt("/employeur/organisation", cookies.owner);
    const contact = await screen.findByLabelText("Téléphone ou e-mail du collègue");
    await user.type(contact, "mariam@fleuve.ml");
    await user.click(screen.getByRole("button", { name: "Envoyer l'invitation" }));
    expect(await screen.findByText("Cette personne fait déjà partie de l'équipe.")).toBeTruthy();
    expect(errorOf(screen.getByLabelText("Téléphone ou e-mail du collègue"))).toBe(
      "Cette personne fait déjà partie de l'équipe.",
    );

    for (const [typed, message] of [
      ["+33 6 12 34 56 78", "Écrivez un numéro malien (exemple : 70 00 00 01) ou une adresse e-mail."],
      ["moussa@", "Cette adresse e-mail n'est pas valable. Exemple : nom@exemple.ml."],
      ["", "Ce champ est obligatoire."],
    ]) {
      const result = (await call(orgAction, "/employeur/organisation", cookies.owner, {
        intent: "invite",
        contact: typed!,
      })) as {
        init: ResponseInit;
        data: { fieldErrors: Record<string, string> };
      };
      expect(result.init.status).toBe(400);
      const i18n = await createTestI18n("fr");
      expect(i18n.t(result.data.fieldErrors.contact!)).toBe(message);
    }
  });

  it("sends a visitor to the login page and refuses a candidate (403)", async () => {
    const response = (await call(orgLoader, "/employeur/organisation").catch((e: unknown) => e)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/connexion?redirectTo=%2Femployeur%2Forganisation");
    expect(await statusOf(call(orgLoader, "/employeur/organisation", cookies.candidate))).toBe(403);
    expect(
      await statusOf(call(orgAction, "/employeur/organisation", cookies.candidate, { intent: "save", name: "x" })),
    ).toBe(403);
  });
});

describe("/invitation/:token", () => {
  function newInvitation(contact: { phone?: string; email?: string }) {
    const result = inviteColleague(getDb(), ids.owner, contact);
    if (!result?.ok) throw new Error(JSON.stringify(result));
    return result.token;
  }

  /** A visitor posts the invitation's form that creates their account. */
  const registerThrough = (token: string, fields: Record<string, string>) =>
    call(invitationAction, `/invitation/${token}`, undefined, { intent: "register", ...fields }, { token });

  /** Opens the invitation with an account that may not join it: 403, and the page says why. */
  async function openRefused(token: string, cookie: string, why: RegExp) {
    const page = (await call(invitationLoader, `/invitation/${token}`, cookie, undefined, { token })) as {
      init: ResponseInit;
    };
    expect(page.init.status).toBe(403);
    await renderAt(`/invitation/${token}`, cookie);
    expect(await screen.findByText(why)).toBeTruthy();
  }

  it("lets a visitor create an employer account in the organisation, with the invited phone", async () => {
    const token = newInvitation({ phone: "+22365432100" });
    const user = await renderAt(`/invitation/${token}`);
    expect(await screen.findByRole("heading", { name: /^Rejoindre Boulangerie du Fleuve/ })).toBeTruthy();
    const phone = field("Numéro de téléphone");
    expect(phone.value).toBe("65 43 21 00");
    expect(phone.readOnly).toBe(true);
    expect(screen.getByRole("link", { name: "Connectez-vous d'abord" }).getAttribute("href")).toBe(
      `/connexion?redirectTo=${encodeURIComponent(`/invitation/${token}`)}`,
    );
    await user.type(field("Prénom"), "Kadiatou");
    await user.type(field("Nom"), "Sangaré");
    await user.type(field("Mot de passe"), "bamako2026");
    await user.type(field("Confirmez le mot de passe"), "bamako2026");
    await user.click(screen.getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Créer mon compte et rejoindre l'équipe" }));
    expect(await screen.findByRole("heading", { name: "Espace employeur" })).toBeTruthy();

    const account = getDb().select().from(users).where(eq(users.phone, "+22365432100")).get()!;
    expect(account).toMatchObject({ role: "employeur", displayName: "Kadiatou Sangaré" });
    expect(getDb().select().from(memberships).where(eq(memberships.userId, account.id)).all()).toEqual([
      expect.objectContaining({ orgId: ids.org, role: "member" }),
    ]);
  });

  it("logs the new colleague in (a session cookie for their account)", async () => {
    const token = newInvitation({ email: "bakary@fleuve.ml" });
    const response = (await registerThrough(token, {
      firstName: "Bakary",
      lastName: "Keïta",
      password: "bamako2026",
      passwordConfirm: "bamako2026",
      consent: "on",
      // A different contact typed into a crafted request is ignored: the invitation's is used.
      email: "pirate@exemple.ml",
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/employeur");
    const session = await getSessionUser(getDb(), requestWithCookie("http://localhost/", cookieFrom(response)));
    expect(session).toMatchObject({ role: "employeur", email: "bakary@fleuve.ml", displayName: "Bakary Keïta" });
    expect(getDb().select().from(users).where(eq(users.email, "pirate@exemple.ml")).get()).toBeUndefined();
    // The link is spent.
    expect(await statusOf(call(invitationLoader, `/invitation/${token}`, undefined, undefined, { token }))).toBe(404);
  });

  it("refuses a bad registration form with 400 and keeps the names", async () => {
    const token = newInvitation({ phone: "+22365432101" });
    const result = (await registerThrough(token, {
      firstName: "<script>",
      lastName: "A".repeat(10_000),
      password: "court",
      passwordConfirm: "autre",
    })) as { init: ResponseInit; data: { fieldErrors: Record<string, string>; values: Record<string, string> } };
    expect(result.init.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({
      firstName: "validation.nameInvalid",
      lastName: "validation.tooLong",
      password: "validation.passwordTooShort",
      passwordConfirm: "validation.passwordMismatch",
      consent: "validation.consentRequired",
    });
    expect(result.data.values).toMatchObject({ firstName: "<script>" });
    expect(result.data.values).not.toHaveProperty("password");
    expect(getDb().select().from(users).where(eq(users.phone, "+22365432101")).get()).toBeUndefined();
  });

  it("lets a logged-in employer join with one button", async () => {
    const colleague = await insertUser(db(), { role: "employeur", email: "awa@fleuve.ml", displayName: "Awa Touré" });
    const token = newInvitation({ email: "awa@fleuve.ml" });
    const user = await renderAt(`/invitation/${token}`, await sessionCookieFor(db(), colleague.id));
    await user.click(await screen.findByRole("button", { name: /^Rejoindre Boulangerie du Fleuve/ }));
    expect(await screen.findByRole("heading", { name: "Espace employeur" })).toBeTruthy();
    expect(isOrgMember(db(), colleague.id, ids.org)).toBe(true);
  });

  it("refuses an employer whose account is not the invited one (403, in their language); the invited person still joins", async () => {
    const token = newInvitation({ phone: "+22365432103" });
    await openRefused(token, cookies.stranger, /Cette invitation a été envoyée au 65 43 21 03/);
    expect(screen.queryByRole("button", { name: /^Rejoindre/ })).toBeNull();

    const refused = (await call(
      invitationAction,
      `/invitation/${token}`,
      cookies.stranger,
      { intent: "join" },
      { token },
    )) as {
      init: ResponseInit;
      data: { formError: string };
    };
    expect(refused.init.status).toBe(403);
    expect(refused.data.formError).toBe("employer:invitation.notInvitee");
    const stranger = (await getSessionUser(db(), requestWithCookie("http://localhost/", cookies.stranger)))!;
    expect(isOrgMember(db(), stranger.id, ids.org)).toBe(false);

    const invited = await insertUser(db(), { role: "employeur", phone: "+22365432103" });
    const joined = (await call(
      invitationAction,
      `/invitation/${token}`,
      await sessionCookieFor(db(), invited.id),
      { intent: "join" },
      { token },
    )) as Response;
    expect(joined.headers.get("Location")).toBe("/employeur");
    expect(isOrgMember(db(), invited.id, ids.org)).toBe(true);
  });

  it("explains to a candidate that only an employer account can join (403)", async () => {
    const token = newInvitation({ phone: "+22365432102" });
    await openRefused(token, cookies.candidate, /Vous êtes connecté avec un compte Candidat/);
    expect(screen.queryByRole("button", { name: /Rejoindre/ })).toBeNull();
    expect(
      await statusOf(call(invitationAction, `/invitation/${token}`, cookies.candidate, { intent: "join" }, { token })),
    ).toBe(403);
  });

  it.each(["inconnu", "x".repeat(43), "' OR 1=1 --", "a".repeat(5000)])(
    "answers 404 to the token %j",
    async (token) => {
      expect(await statusOf(call(invitationLoader, `/invitation/x`, undefined, undefined, { token }))).toBe(404);
      expect(
        await statusOf(call(invitationAction, `/invitation/x`, cookies.stranger, { intent: "join" }, { token })),
      ).toBe(404);
    },
  );
});

const db = () => getDb();
