// @vitest-environment jsdom
// /conseiller/moderation: who may open it, and the counsellor's decisions through its forms.
// Bad input tried: no reason, a reason of spaces, 501 and 10 000 characters, unknown and
// negative ids, an SQL fragment as id, an unknown intent, an item already decided by a colleague.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { reportOffer } from "../../app/models/fraud-reports.server";
import { pendingIdentityRequest } from "../../app/models/identity-requests.server";
import { decideOrganisation } from "../../app/models/moderation.server";
import { getEmployerMembership, updateOrganisation } from "../../app/models/organisations.server";
import Moderation, { action, loader } from "../../app/routes/conseiller.moderation";
import { organisationSchema } from "../../app/schemas/organisation";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { auditLog, notifications, offers, organisations } from "../../db/schema";
import {
  addMember,
  insertOffer,
  insertOrganisation,
  insertUser,
  registerCandidate,
  registerEmployer,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, errorOf, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", admin: "" };
let counsellorId = 0;

beforeAll(async () => {
  const db = getDb();
  const candidate = await registerCandidate(db, { phone: "70 40 50 60" });
  const employer = await registerEmployer(db, { email: "patron@moderation.ml" });
  const counsellor = await insertUser(db, { role: "conseiller", displayName: "Kadia Konaté" });
  const admin = await insertUser(db, { role: "admin" });
  counsellorId = counsellor.id;
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

/** A pending employer with its details and one member, as registration leaves it. */
async function pendingEmployer(name: string) {
  const db = getDb();
  const org = insertOrganisation(db, { name, status: "pending" });
  db.update(organisations)
    .set({
      rccm: "MA.BKO.2024.B.1234",
      nif: "084123456M",
      sector: "mecanique",
      region: "sikasso",
      commune: "Kadiolo",
      contactName: "Seydou Sanogo",
      contactPhone: "+22376543210",
      membership: "ccim",
    })
    .where(eq(organisations.id, org.id))
    .run();
  const owner = await insertUser(db, { role: "employeur" });
  addMember(db, owner.id, org.id);
  return { org, ownerId: owner.id };
}

async function renderModeration(cookie = cookies.conseiller, lng: Locale = "fr", url = "/conseiller/moderation") {
  const routes = [
    { path: "/conseiller/moderation", Component: Moderation, loader: as(cookie, loader), action: as(cookie, action) },
    { path: "/offres/:offerId", Component: () => <h1>Page de l'offre</h1> },
  ];
  return renderRoutes(routes, url, { lng, context: { clientIp: "41.73.8.8" } });
}

/** The card of one item, found by its heading. */
const item = async (name: string) =>
  (await screen.findByRole("heading", { level: 3, name })).closest("article") as HTMLElement;

const post = (fields: Record<string, string>, cookie = cookies.conseiller) =>
  callRoute(action, "/conseiller/moderation", {
    cookie,
    body: new URLSearchParams(fields),
    context: { clientIp: "41.73.8.9" },
  });

type Result = {
  data: { fieldErrors: Record<string, string>; values: Record<string, string> };
  init: ResponseInit | null;
};

describe("who may use /conseiller/moderation", () => {
  it.each(["candidat", "employeur"] as const)(
    "a %s gets 403 from the loader and the action, and nothing changes",
    async (role) => {
      const { org } = await pendingEmployer(`Refus ${role}`);
      const page = requestWithCookie("http://localhost/conseiller/moderation", cookies[role]);
      expect(
        (await thrownBy(Promise.resolve().then(() => loader({ request: page, params: {}, context: {} } as never)))).init
          ?.status,
      ).toBe(403);
      const refused = await thrownBy(
        Promise.resolve().then(() => post({ intent: "org.verify", orgId: String(org.id) }, cookies[role])),
      );
      expect(refused.init?.status).toBe(403);
      expect(getDb().select().from(organisations).where(eq(organisations.id, org.id)).get()!.verificationStatus).toBe(
        "pending",
      );
    },
  );

  it("sends a visitor to the login page", async () => {
    const request = new Request("http://localhost/conseiller/moderation");
    const response = (await thrownBy(
      Promise.resolve().then(() => loader({ request, params: {}, context: {} } as never)),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/connexion?redirectTo=%2Fconseiller%2Fmoderation");
  });

  it("opens for an admin", async () => {
    const request = requestWithCookie("http://localhost/conseiller/moderation", cookies.admin);
    await expect(loader({ request, params: {}, context: {} } as never)).resolves.toHaveProperty("counts");
  });
});

describe("deciding on the page", () => {
  it("a counsellor verifies an organisation through its form: confirmation, gone from the list, employer told", async () => {
    const { org, ownerId } = await pendingEmployer("Garage Sanogo");
    const user = await renderModeration();
    const card = await item("Garage Sanogo");
    expect(within(card).getByText("MA.BKO.2024.B.1234")).toBeTruthy();
    expect(within(card).getByText("Kadiolo, Sikasso")).toBeTruthy();
    expect(within(card).getByText("Membre de la CCIM")).toBeTruthy();

    await user.click(within(card).getByRole("button", { name: "Vérifier l'entreprise" }));
    expect((await screen.findByRole("status")).textContent).toContain("L'entreprise est vérifiée");
    expect(screen.queryByRole("heading", { level: 3, name: "Garage Sanogo" })).toBeNull();
    const db = getDb();
    expect(db.select().from(organisations).where(eq(organisations.id, org.id)).get()).toMatchObject({
      verificationStatus: "verified",
      verifiedBy: counsellorId,
    });
    expect(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, String(org.id)))
        .all(),
    ).toMatchObject([{ action: "organisation.verified", ip: "41.73.8.8" }]);
    expect(db.select().from(notifications).where(eq(notifications.userId, ownerId)).all()).toMatchObject([
      { kind: "moderation.organisation.verified" },
    ]);
  });

  it("rejecting without a reason shows the error beside that organisation only", async () => {
    await pendingEmployer("Atelier Keita");
    const { org } = await pendingEmployer("Atelier Diarra");
    const user = await renderModeration();
    const card = await item("Atelier Diarra");
    await user.type(within(card).getByLabelText(/Motif/), "   ");
    await user.click(within(card).getByRole("button", { name: "Refuser" }));
    expect(await within(card).findByText("Écrivez le motif : l'employeur le lira.")).toBeTruthy();
    expect(errorOf(within(card).getByLabelText(/Motif/))).toBe("Écrivez le motif : l'employeur le lira.");
    expect(errorOf(within(await item("Atelier Keita")).getByLabelText(/Motif/))).toBe("");
    expect(getDb().select().from(organisations).where(eq(organisations.id, org.id)).get()!.verificationStatus).toBe(
      "pending",
    );
  });

  it("answers 400 without a reason (or with one too long), keeping the subject and what was typed", async () => {
    const { org } = await pendingEmployer("Menuiserie Traoré");
    const empty = (await post({ intent: "org.suspend", orgId: String(org.id), reason: "" })) as unknown as Result;
    expect(empty.init?.status).toBe(400);
    expect(empty.data).toEqual({
      fieldErrors: { reason: "moderation:errors.reasonRequired" },
      values: { intent: "org.suspend", orgId: String(org.id), reason: "" },
    });
    const long = "Trop long. ".repeat(1000);
    const tooLong = (await post({ intent: "org.reject", orgId: String(org.id), reason: long })) as unknown as Result;
    expect(tooLong.init?.status).toBe(400);
    expect(tooLong.data.fieldErrors.reason).toBe("moderation:errors.reasonTooLong");
    expect(tooLong.data.values.reason).toBe(long);
  });

  it("an unknown id answers 404; a malformed one or an unknown intent 400", async () => {
    const unknown = (await post({ intent: "org.verify", orgId: "999999" })) as unknown as Result;
    expect(unknown.init?.status).toBe(404);
    expect(unknown.data).toEqual({
      fieldErrors: { form: "moderation:errors.notFound" },
      values: { intent: "org.verify", orgId: "999999" },
    });
    expect(((await post({ intent: "reports.dismiss", offerId: "424242" })) as unknown as Result).init?.status).toBe(
      404,
    );
    for (const orgId of ["-1", "1 OR 1=1", "", "abc"]) {
      expect(((await post({ intent: "org.verify", orgId })) as unknown as Result).init?.status, orgId).toBe(400);
    }
    expect(((await post({ intent: "org.delete", orgId: "1" })) as unknown as Result).init?.status).toBe(400);
  });

  it("says by the item when a colleague decided it meanwhile, and keeps the typed reason", async () => {
    const { org } = await pendingEmployer("Boulangerie Cissé");
    const user = await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?liste=organisations");
    const card = await item("Boulangerie Cissé");
    decideOrganisation(getDb(), { counsellorId, orgId: org.id, decision: "verify" });
    const reason = within(card).getByLabelText(/Motif/) as HTMLInputElement;
    await user.type(reason, "RCCM introuvable");
    await user.click(within(card).getByRole("button", { name: "Refuser" }));
    expect((await within(card).findByRole("alert")).textContent).toContain("déjà traité");
    expect(reason.value).toBe("RCCM introuvable");
    expect(getDb().select().from(organisations).where(eq(organisations.id, org.id)).get()!.verificationStatus).toBe(
      "verified",
    );
  });

  it("shows why an offer was held, refuses to publish it while its organisation is unverified, then publishes it", async () => {
    const db = getDb();
    const { org } = await pendingEmployer("Transports Maïga");
    const offer = insertOffer(db, {
      orgId: org.id,
      title: "Chauffeur pour la Libye",
      status: "pending",
      description: "Départ vers la Libye, visa fourni.",
    });
    db.update(offers)
      .set({ moderationFlags: ["first_offer", "work_abroad"] })
      .where(eq(offers.id, offer.id))
      .run();
    const user = await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?liste=offres");
    let card = await item("Chauffeur pour la Libye");
    expect(within(card).getByRole("link", { name: "Chauffeur pour la Libye" }).getAttribute("href")).toBe(
      `/offres/${offer.id}`,
    );
    expect(within(card).getByText(/première offre de cette entreprise/)).toBeTruthy();
    expect(within(card).getByText(/travail à l'étranger/)).toBeTruthy();
    expect(within(card).getByText("Départ vers la Libye, visa fourni.")).toBeTruthy();

    await user.click(within(card).getByRole("button", { name: "Publier l'offre" }));
    expect((await within(card).findByRole("alert")).textContent).toBe(
      "Impossible de publier : l'entreprise n'est pas vérifiée. Vérifiez-la d'abord.",
    );
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("pending");

    await user.click(screen.getByRole("link", { name: /^Entreprises \(\d+\)$/ }));
    await user.click(within(await item("Transports Maïga")).getByRole("button", { name: "Vérifier l'entreprise" }));
    await screen.findByRole("status");
    await user.click(screen.getByRole("link", { name: /^Offres \(\d+\)$/ }));
    card = await item("Chauffeur pour la Libye");
    await user.click(within(card).getByRole("button", { name: "Publier l'offre" }));
    expect((await screen.findByText("L'offre est publiée. L'employeur est prévenu.")).getAttribute("role")).toBe(
      "status",
    );
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
  });

  it("groups reports by offer, shows details as text, and suspending needs a reason", async () => {
    const db = getDb();
    const org = insertOrganisation(db, { name: "Hôtel du Niger" });
    const offer = insertOffer(db, { orgId: org.id, title: "Femme de chambre" });
    reportOffer(db, {
      offerId: offer.id,
      reporterId: null,
      ip: "9.9.9.1",
      reason: "money",
      details: "<script>alert(1)</script> 5 000 F demandés",
    });
    reportOffer(db, { offerId: offer.id, reporterId: null, ip: "9.9.9.2", reason: "trafficking" });
    const user = await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?liste=signalements");
    const card = (await screen.findByRole("heading", { level: 3, name: "Femme de chambre" })).closest(
      "article",
    ) as HTMLElement;
    expect(within(card).getByText("2 signalements")).toBeTruthy();
    expect(within(card).getByText("Demande d'argent ou arnaque")).toBeTruthy();
    expect(within(card).getByText("Traite ou travail forcé")).toBeTruthy();
    expect(within(card).getByText("<script>alert(1)</script> 5 000 F demandés")).toBeTruthy();
    expect(document.querySelector("article script")).toBeNull();

    await user.click(within(card).getByRole("button", { name: "Suspendre l'offre" }));
    expect(await within(card).findByText("Écrivez le motif : l'employeur le lira.")).toBeTruthy();
    await user.type(within(card).getByLabelText(/Motif/), "Frais demandés aux candidats.");
    await user.click(within(card).getByRole("button", { name: "Suspendre l'offre" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "L'offre est retirée. L'employeur est prévenu avec votre motif.",
    );
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()).toMatchObject({
      status: "rejected",
      rejectionReason: "Frais demandés aux candidats.",
    });
  });

  it("speaks English, with counts in the headings", async () => {
    await pendingEmployer("Solar Mali");
    await renderModeration(cookies.conseiller, "en", "/conseiller/moderation?liste=organisations");
    expect(screen.getByRole("heading", { level: 1, name: "Moderation" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: /^Organisations to verify \(\d+\)$/ })).toBeTruthy();
    expect(screen.getByRole("link", { name: /^Offers \(\d+\)$/ }).getAttribute("href")).toBe(
      "/conseiller/moderation?liste=offres",
    );
    const card = await item("Solar Mali");
    expect(within(card).getByRole("button", { name: "Verify the organisation" })).toBeTruthy();
    expect(within(card).getByText("CCIM member")).toBeTruthy();
  });

  it("ignores an unknown confirmation in the address", async () => {
    await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?fait=%3Cscript%3E");
    expect(screen.queryByRole("status")).toBeNull();
  });
});

describe("a verified organisation's identity change", () => {
  /** A verified employer whose owner asked for a new name through the organisation page. */
  async function renamed(current: string, wanted: string) {
    const db = getDb();
    const owner = await registerEmployer(db, {
      email: `${current.replace(/\W/g, "").toLowerCase()}@identite.ml`,
      orgName: current,
    });
    const org = getEmployerMembership(db, owner.id)!.org;
    db.update(organisations)
      .set({ verificationStatus: "verified", rccm: "MA.BKO.2019.B.1234" })
      .where(eq(organisations.id, org.id))
      .run();
    const form = organisationSchema.parse({
      name: wanted,
      rccm: "MA.BKO.2019.B.1234",
      nif: "084123456M",
      sector: "btp",
      region: "bamako",
      membership: "none",
    });
    updateOrganisation(db, owner.id, form);
    return { orgId: org.id, ownerId: owner.id, requestId: pendingIdentityRequest(db, org.id)!.id };
  }
  const nameOf = (orgId: number) => getDb().select().from(organisations).where(eq(organisations.id, orgId)).get()!.name;

  it("shows the checked and the requested identity side by side; accepting makes the new name public", async () => {
    const { orgId, ownerId } = await renamed("Garage Kanté", "Agence Nationale pour l'Emploi");
    const user = await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?liste=identite");
    expect(screen.getByRole("heading", { level: 2, name: /^Changements de nom, RCCM ou NIF \(\d+\)$/ })).toBeTruthy();
    const card = await item("Garage Kanté");
    const rows = within(card)
      .getAllByRole("row")
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["", "Vérifié aujourd'hui", "Demandé"],
      ["Nom", "Garage Kanté", "Agence Nationale pour l'Emploi"],
      ["RCCM", "MA.BKO.2019.B.1234", "MA.BKO.2019.B.1234"],
      ["NIF", "Non renseigné", "084123456M"],
    ]);
    await user.click(within(card).getByRole("button", { name: "Accepter la nouvelle identité" }));
    expect((await screen.findByRole("status")).textContent).toContain("La nouvelle identité est acceptée");
    expect(nameOf(orgId)).toBe("Agence Nationale pour l'Emploi");
    const db = getDb();
    expect(db.select().from(notifications).where(eq(notifications.userId, ownerId)).all()).toMatchObject([
      { kind: "moderation.identity.accepted" },
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.identity.accepted")).all()).toMatchObject(
      [{ subjectId: String(orgId), actorId: counsellorId, ip: "41.73.8.8" }],
    );
  });

  it("refusing needs a reason; the checked name stays and the employer reads why", async () => {
    const { orgId, ownerId } = await renamed("Menuiserie Dembélé", "<script>alert(1)</script> ANPE");
    const user = await renderModeration(cookies.conseiller, "fr", "/conseiller/moderation?liste=identite");
    const card = await item("Menuiserie Dembélé");
    expect(within(card).getByText("<script>alert(1)</script> ANPE")).toBeTruthy();
    expect(document.querySelector("article script")).toBeNull();
    await user.click(within(card).getByRole("button", { name: "Refuser le changement" }));
    expect(await within(card).findByText("Écrivez le motif : l'employeur le lira.")).toBeTruthy();
    await user.type(within(card).getByLabelText(/Motif/), "Ce nom n'est pas le vôtre.");
    await user.click(within(card).getByRole("button", { name: "Refuser le changement" }));
    expect((await screen.findByRole("status")).textContent).toContain("Le changement est refusé");
    expect(nameOf(orgId)).toBe("Menuiserie Dembélé");
    expect(getDb().select().from(notifications).where(eq(notifications.userId, ownerId)).all()).toMatchObject([
      { kind: "moderation.identity.refused", payload: { reason: "Ce nom n'est pas le vôtre." } },
    ]);
  });

  it("refuses hostile input with 400 or 404, and anyone but a counsellor or an admin with 403", async () => {
    const { orgId, requestId } = await renamed("Boutique Sylla", "Ministère du Travail");
    for (const id of ["1' OR '1'='1", "-1", "", "9".repeat(20)]) {
      expect(((await post({ intent: "identity.accept", requestId: id })) as unknown as Result).init?.status, id).toBe(
        400,
      );
    }
    expect(((await post({ intent: "identity.accept", requestId: "999999" })) as unknown as Result).init?.status).toBe(
      404,
    );
    const tooLong = (await post({
      intent: "identity.refuse",
      requestId: String(requestId),
      reason: "x".repeat(10_000),
    })) as unknown as Result;
    expect(tooLong.init?.status).toBe(400);
    expect(tooLong.data.fieldErrors.reason).toBe("moderation:errors.reasonTooLong");
    for (const role of ["candidat", "employeur"] as const) {
      expect(
        (
          await thrownBy(
            Promise.resolve().then(() =>
              post({ intent: "identity.accept", requestId: String(requestId) }, cookies[role]),
            ),
          )
        ).init?.status,
      ).toBe(403);
    }
    expect(nameOf(orgId)).toBe("Boutique Sylla");
    expect(
      ((await post({ intent: "identity.accept", requestId: String(requestId) }, cookies.admin)) as Response).status,
    ).toBe(302);
    expect(nameOf(orgId)).toBe("Ministère du Travail");
    // Already decided: a second counsellor's decision finds nothing.
    expect(
      ((await post({ intent: "identity.refuse", requestId: String(requestId), reason: "Non" })) as unknown as Result)
        .init?.status,
    ).toBe(404);
  });
});
