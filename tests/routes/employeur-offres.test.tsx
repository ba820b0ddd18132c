// @vitest-environment jsdom
// The employer's offers: the list, the posting form and the edit page, with the
// real loaders and actions on the process-wide in-memory database. Bad input
// tried: an empty form, a 10 000-character title, `<script>` in the title, a
// phone number in the description, pay under the SMIG, another organisation's
// offer id, ids that are not numbers.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { eq } from "drizzle-orm";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it, vi } from "vitest";
import OfferList, { action as listAction, loader as listLoader } from "../../app/routes/employeur.offres._index";
import EditOffer, { action as editAction, loader as editLoader } from "../../app/routes/employeur.offres.$offerId";
import NewOffer, { action as newAction, loader as newLoader } from "../../app/routes/employeur.offres.nouvelle";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { applications, offers } from "../../db/schema";
import {
  insertApplication,
  insertEmployer,
  insertOffer,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import { offerFormFields as offerFields } from "../helpers/offers";
import {
  as,
  callRoute,
  errorOf,
  followRedirect,
  type Handler,
  renderRoutes,
  thrownStatus as statusOf,
} from "../helpers/route";

const cookies = { verified: "", established: "", pending: "", other: "", candidate: "" };
const ids = { otherOffer: 0, closedOffer: 0, established: 0, estOrg: 0 };

beforeAll(async () => {
  const db = getDb();
  const verified = await insertEmployer(db, "verified", "Menuiserie Diallo");
  const established = await insertEmployer(db, "verified", "Garage Sissoko");
  const pending = await insertEmployer(db, "pending", "Atelier en attente");
  const other = await insertEmployer(db, "verified", "Concurrent SARL");
  const candidate = await registerCandidate(db, { phone: "70 40 40 40" });
  // Garage Sissoko has published before: its clean offers go online at once.
  insertOffer(db, {
    orgId: established.org.id,
    title: "Ancienne offre",
    status: "closed",
    publishedAt: new Date(2026, 0, 1),
  });
  ids.closedOffer = insertOffer(db, { orgId: established.org.id, title: "Soudeur (fermée)", status: "closed" }).id;
  ids.otherOffer = insertOffer(db, { orgId: other.org.id, title: "Offre du concurrent", status: "draft" }).id;
  ids.established = established.user.id;
  ids.estOrg = established.org.id;
  cookies.verified = await sessionCookieFor(db, verified.user.id);
  cookies.established = await sessionCookieFor(db, established.user.id);
  cookies.pending = await sessionCookieFor(db, pending.user.id);
  cookies.other = await sessionCookieFor(db, other.user.id);
  cookies.candidate = await sessionCookieFor(db, candidate.id);
});

async function renderAt(url: string, cookie: string) {
  const routes = [
    { path: "/employeur/offres", Component: OfferList, loader: as(cookie, listLoader), action: as(cookie, listAction) },
    {
      path: "/employeur/offres/nouvelle",
      Component: NewOffer,
      loader: as(cookie, newLoader),
      action: as(cookie, newAction),
    },
    {
      path: "/employeur/offres/:offerId",
      Component: EditOffer,
      loader: as(cookie, editLoader),
      action: as(cookie, editAction),
    },
    { path: "/offres/:offerId", Component: () => <h1>Page publique</h1> },
  ];
  return renderRoutes(routes, url, { heading: false });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

/** Fills the common fields of a valid job offer (a cdd paid 75 000 a month). */
async function fillJob(
  user: ReturnType<typeof userEvent.setup>,
  changes: { title?: string; description?: string; pay?: string } = {},
) {
  fireEvent.change(await screen.findByLabelText("Titre de l'offre"), {
    target: { value: changes.title ?? "Menuisier qualifié" },
  });
  fireEvent.change(field("Description"), {
    target: {
      value: changes.description ?? "Fabrication de meubles en bois à Kalaban Coro. Deux ans d'expérience demandés.",
    },
  });
  await user.selectOptions(field("Secteur d'activité"), "btp");
  await user.selectOptions(field("Région"), "koulikoro");
  fireEvent.change(field("Date de clôture des candidatures"), { target: { value: addDays(isoToday(), 20) } });
  await user.selectOptions(field("Contrat"), "cdd");
  fireEvent.change(field("Salaire en F CFA"), { target: { value: changes.pay ?? "75 000" } });
}

const publish = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Publier" }));
const saveDraft = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole("button", { name: "Enregistrer le brouillon" }));

const post = (handler: Handler, cookie: string, url: string, fields: Record<string, string | string[]>, params = {}) =>
  callRoute(handler, url, { cookie, params, body: fields });

const get = (handler: Handler, cookie: string | undefined, url: string, params = {}) =>
  callRoute(handler, url, { cookie, params });

describe("/employeur/offres/nouvelle: refused forms", () => {
  it("an empty form: one message per required field, in French, and nothing saved", async () => {
    const before = getDb().select().from(offers).all().length;
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.verified);
    await screen.findByRole("heading", { name: "Nouvelle offre" });
    await saveDraft(user);

    expect(await screen.findByText(/Le formulaire contient des erreurs/)).toBeTruthy();
    expect(errorOf(field("Titre de l'offre"))).toBe("Ce champ est obligatoire.");
    expect(errorOf(field("Description"))).toMatch(/^Décrivez le poste en au moins 30 caractères/);
    expect(errorOf(field("Secteur d'activité"))).toBe("Choisissez une valeur dans la liste.");
    expect(errorOf(field("Région"))).toBe("Choisissez une valeur dans la liste.");
    expect(errorOf(field("Date de clôture des candidatures"))).toBe("Indiquez une date.");
    expect(getDb().select().from(offers).all()).toHaveLength(before);
  });

  it("a 10 000-character title: 'Ce texte est trop long.', the rest kept", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.verified);
    await fillJob(user);
    // maxLength stops typing; a crafted request does not.
    fireEvent.change(field("Titre de l'offre"), { target: { value: "A".repeat(10_000) } });
    await saveDraft(user);
    expect(await screen.findByText("Ce texte est trop long.")).toBeTruthy();
    expect(errorOf(field("Titre de l'offre"))).toBe("Ce texte est trop long.");
    expect(field("Salaire en F CFA").value).toBe("75 000");
  });

  it("a phone number in the description: the message names it", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.established);
    await fillJob(user, {
      description: "Atelier de menuiserie. Pour postuler appelez Moussa au 76 12 34 56 le matin.",
    });
    await publish(user);
    const message = "Retirez ce numéro de téléphone : 76 12 34 56. Les candidats vous contactent par Baara.";
    expect(await screen.findByText(message)).toBeTruthy();
    expect(errorOf(field("Description"))).toBe(message);
    expect(getDb().select().from(offers).where(eq(offers.title, "Menuisier qualifié")).all()).toEqual([]);
  });

  it("pay under the SMIG for a cdd: the message names 40 000 F CFA", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.established);
    await fillJob(user, { pay: "39 999" });
    await publish(user);
    await screen.findByText(/Le formulaire contient des erreurs/);
    // The amount is written in full (with or without a thousands separator).
    expect(errorOf(field("Salaire en F CFA"))).toMatch(
      /^Le salaire d'un CDI ou d'un CDD ne peut pas être inférieur au SMIG \(40[\s\u202f\u00a0]?000 F CFA par mois\)\.$/,
    );
  });

  it("<script> in the title is kept as typed and shown as text, never run", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.verified);
    const title = "<script>alert('x')</script> Menuisier";
    fireEvent.change(await screen.findByLabelText("Titre de l'offre"), { target: { value: title } });
    await saveDraft(user);
    await screen.findByText(/Le formulaire contient des erreurs/);
    expect(field("Titre de l'offre").value).toBe(title);
    expect(document.querySelectorAll("script")).toHaveLength(0);

    // Saved as a draft, the title is the page's heading, as text.
    await fillJob(user, { title });
    await saveDraft(user);
    const heading = await screen.findByRole("heading", { level: 1, name: title });
    expect(heading.textContent).toBe(title);
    expect(heading.querySelector("script")).toBeNull();
    expect(await screen.findByText("Brouillon enregistré. Il n'est pas visible par les candidats.")).toBeTruthy();
  });

  it("keeps every value and the ticked languages when the form is refused (server answer)", async () => {
    const fields = offerFields({
      title: "Chauffeur",
      payAmount: "20 000",
      contract: "cdi",
      languages: ["fr", "bm", "son"],
    });
    const result = (await post(newAction, cookies.established, "/employeur/offres/nouvelle", {
      ...fields,
      intent: "submit",
    })) as {
      init: ResponseInit;
      data: { fieldErrors: Record<string, unknown>; values: Record<string, string>; languages: string[] };
    };
    expect(result.init.status).toBe(400);
    expect(Object.keys(result.data.fieldErrors)).toEqual(["payAmount"]);
    expect(result.data.languages).toEqual(["fr", "bm", "son"]);
    expect(result.data.values).toMatchObject({ title: "Chauffeur", contract: "cdi", region: "koulikoro" });

    // The page rendered from that answer (as without JavaScript) ticks them again.
    const i18n = await createTestI18n("fr");
    const Stub = createRoutesStub([{ id: "new", path: "/employeur/offres/nouvelle", Component: NewOffer as never }]);
    render(
      <WithI18n i18n={i18n}>
        <Stub
          initialEntries={["/employeur/offres/nouvelle"]}
          hydrationData={{ loaderData: { new: { orgStatus: "verified" } }, actionData: { new: result.data } }}
        />
      </WithI18n>,
    );
    expect(((await screen.findByLabelText("Titre de l'offre")) as HTMLInputElement).value).toBe("Chauffeur");
    expect((screen.getByRole("checkbox", { name: "Bambara" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Songhaï" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Peul" }) as HTMLInputElement).checked).toBe(false);
    expect(field("Contrat").value).toBe("cdi");
  });
});

describe("/employeur/offres/nouvelle: saving", () => {
  it("publishes a clean offer of an established organisation and shows it is online", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.established);
    await fillJob(user, { title: "Tôlier confirmé" });
    await user.click(screen.getByRole("checkbox", { name: "Bambara" }));
    await publish(user);

    expect(await screen.findByText("Votre offre est en ligne.")).toBeTruthy();
    const saved = getDb().select().from(offers).where(eq(offers.title, "Tôlier confirmé")).get()!;
    expect(saved).toMatchObject({
      status: "published",
      orgId: ids.estOrg,
      contract: "cdd",
      payAmount: 75_000,
      languages: ["bm"],
    });
    const link = screen.getByRole("link", { name: "Voir l'offre comme les candidats la voient" });
    expect(link.getAttribute("href")).toBe(`/offres/${saved.id}`);
  });

  it("redirects a successful publication to the edit page, which says the offer is online", async () => {
    const response = (await post(newAction, cookies.established, "/employeur/offres/nouvelle", {
      ...offerFields({ title: "Plombier" }),
      intent: "submit",
    })) as Response;
    expect(response.status).toBe(302);
    const id = getDb().select().from(offers).where(eq(offers.title, "Plombier")).get()!.id;
    expect(response.headers.get("Location")).toBe(`/employeur/offres/${id}`);
    const page = await followRedirect(response, editLoader, {
      cookie: cookies.established,
      params: { offerId: String(id) },
    });
    expect(page).toMatchObject({ flash: { message: "employer:offerPage.saved.published" } });
  });

  it("holds a first offer for a counsellor and says why", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.verified);
    await fillJob(user, { title: "Menuisier pour meubles" });
    await publish(user);
    expect(await screen.findByText(/Un conseiller va la relire/)).toBeTruthy();
    expect(screen.getByText(/C'est la première offre de votre entreprise/)).toBeTruthy();
  });

  it("an organisation not verified: a banner, no Publier button, drafts only", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.pending);
    expect(await screen.findByText(/Votre entreprise n'est pas encore vérifiée/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Publier" })).toBeNull();
    await fillJob(user, { title: "Aide-maçon" });
    await saveDraft(user);
    expect(await screen.findByText("Vous pourrez la publier dès que votre entreprise sera vérifiée.")).toBeTruthy();
    // Submitting anyway (a crafted request) is refused with the explanation.
    const result = (await post(newAction, cookies.pending, "/employeur/offres/nouvelle", {
      ...offerFields(),
      intent: "submit",
    })) as {
      init: ResponseInit;
      data: { formError: string };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.formError).toBe("offer.rules.orgNotVerified.pending");
  });

  it("posts an apprenticeship without JavaScript: every fieldset sent, only its own fields kept", async () => {
    const response = (await post(newAction, cookies.established, "/employeur/offres/nouvelle", {
      ...offerFields({
        type: "apprentissage",
        title: "Apprenti soudeur",
        contract: "cdi",
        payAmount: "",
        trade: "soudeur",
      }),
      emploi_payAmount: "90 000",
      payAmount: "90 000",
      apprentissage_durationMonths: "18",
      apprentissage_payAmount: "15 000",
      stage_durationMonths: "",
      stage_payAmount: "",
      intent: "submit",
    })) as Response;
    expect(response.status).toBe(302);
    const saved = getDb().select().from(offers).where(eq(offers.title, "Apprenti soudeur")).get()!;
    expect(saved).toMatchObject({
      type: "apprentissage",
      contract: "apprentissage",
      durationMonths: 18,
      payAmount: 15_000,
      trade: "soudeur",
    });
  });

  it("with JavaScript, shows only the chosen type's fieldset", async () => {
    const user = await renderAt("/employeur/offres/nouvelle?type=emploi", cookies.verified);
    const typeSelect = await screen.findByLabelText("Type d'offre");
    const legend = (name: string) => screen.getByText(name).closest("fieldset")!;
    // Only the posted type's fieldset until the page is interactive; then every one, the chosen type's shown.
    await waitFor(() => expect(legend("Pour un apprentissage").hidden).toBe(true));
    expect(legend("Pour un emploi").hidden).toBe(false);
    await user.selectOptions(typeSelect, "apprentissage");
    expect(legend("Pour un emploi").hidden).toBe(true);
    expect(legend("Pour un apprentissage").hidden).toBe(false);
    expect(screen.getByLabelText("Métier du maître d'apprentissage")).toBeTruthy();
    await user.selectOptions(typeSelect, "formation");
    expect(legend("Pour une formation").hidden).toBe(false);
    expect(screen.getByLabelText("Nombre de places")).toBeTruthy();
  });

  it("is refused to a candidate (403)", async () => {
    expect(await statusOf(get(newLoader, cookies.candidate, "/employeur/offres/nouvelle"))).toBe(403);
    expect(
      await statusOf(
        post(newAction, cookies.candidate, "/employeur/offres/nouvelle", { ...offerFields(), intent: "draft" }),
      ),
    ).toBe(403);
  });
});

describe("/employeur/offres/:offerId", () => {
  it("answers 404 for another organisation's offer, by id, to read, edit, close or duplicate it", async () => {
    const id = ids.otherOffer;
    const url = `/employeur/offres/${id}`;
    const params = { offerId: String(id) };
    expect(await statusOf(get(editLoader, cookies.verified, url, params))).toBe(404);
    for (const fields of [
      { ...offerFields({ title: "Piraté" }), intent: "draft" },
      { intent: "close" },
      { intent: "fill" },
      { intent: "duplicate" },
    ]) {
      expect(await statusOf(post(editAction, cookies.verified, url, fields, params))).toBe(404);
    }
    for (const intent of ["close", "duplicate"]) {
      expect(
        await statusOf(post(listAction, cookies.verified, "/employeur/offres", { intent, offerId: String(id) })),
      ).toBe(404);
    }
    const row = getDb().select().from(offers).where(eq(offers.id, id)).get()!;
    expect(row).toMatchObject({ title: "Offre du concurrent", status: "draft" });
    expect(getDb().select().from(offers).where(eq(offers.title, "Offre du concurrent")).all()).toHaveLength(1);
    // Its own organisation opens it.
    expect(await get(editLoader, cookies.other, url, params)).toMatchObject({ offer: { id } });
  });

  it.each(["abc", "1 OR 1=1", "-1", "99999999999", "999999"])("answers 404 for the id %j", async (offerId) => {
    expect(await statusOf(get(editLoader, cookies.verified, `/employeur/offres/x`, { offerId }))).toBe(404);
  });

  it("shows a closed offer read-only, with the duplicate button that makes a draft copy", async () => {
    const user = await renderAt(`/employeur/offres/${ids.closedOffer}`, cookies.established);
    expect(await screen.findByText(/Cette offre est terminée/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Publier" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Fermer/ })).toBeNull();
    expect((field("Titre de l'offre") as HTMLInputElement).closest("fieldset")!.disabled).toBe(true);
    await user.click(screen.getByRole("button", { name: "Dupliquer : Soudeur (fermée)" }));
    expect(await screen.findByText(/Voici une copie de l'offre, en brouillon/)).toBeTruthy();
    const copies = getDb().select().from(offers).where(eq(offers.title, "Soudeur (fermée)")).all();
    expect(copies.map((o) => o.status).sort()).toEqual(["closed", "draft"]);
  });

  it("closes a published offer: its applicants are told and the page says so", async () => {
    const db = getDb();
    const offer = insertOffer(db, { orgId: ids.estOrg, title: "Gardien de nuit" });
    const candidate = await registerCandidate(db, { phone: "70 41 41 41" });
    insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    vi.spyOn(window, "confirm").mockReturnValue(true);
    const user = await renderAt(`/employeur/offres/${offer.id}`, cookies.established);
    await user.click(await screen.findByRole("button", { name: "Fermer : Gardien de nuit" }));
    expect(await screen.findByText(/L'offre est fermée\. Les candidatures en cours ont été closes/)).toBeTruthy();
    expect(window.confirm).toHaveBeenCalled();
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("closed");
    expect(db.select().from(applications).where(eq(applications.offerId, offer.id)).get()).toMatchObject({
      status: "rejected",
      refusalReason: "position_filled",
    });
  });

  it("does nothing when the confirmation is cancelled", async () => {
    const offer = insertOffer(getDb(), { orgId: ids.estOrg, title: "Caissière" });
    vi.spyOn(window, "confirm").mockReturnValue(false);
    const user = await renderAt(`/employeur/offres/${offer.id}`, cookies.established);
    await user.click(await screen.findByRole("button", { name: "Marquer pourvue : Caissière" }));
    expect(getDb().select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
  });

  it("edits a published offer, which stays published", async () => {
    const offer = insertOffer(getDb(), { orgId: ids.estOrg, title: "Vendeur" });
    getDb()
      .update(offers)
      .set({
        description: "Vente de pagnes au marché de Médine, six jours sur sept.",
        payAmount: 60_000,
        languages: ["bm"],
      })
      .where(eq(offers.id, offer.id))
      .run();
    const user = await renderAt(`/employeur/offres/${offer.id}`, cookies.established);
    const title = await screen.findByLabelText("Titre de l'offre");
    expect((screen.getByRole("checkbox", { name: "Bambara" }) as HTMLInputElement).checked).toBe(true);
    expect(field("Salaire en F CFA").value).toBe("60000");
    fireEvent.change(title, { target: { value: "Vendeur de pagnes" } });
    fireEvent.change(field("Date de clôture des candidatures"), { target: { value: addDays(isoToday(), 10) } });
    expect(screen.queryByRole("button", { name: "Enregistrer le brouillon" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(await screen.findByText("Votre offre est en ligne.")).toBeTruthy();
    expect(getDb().select().from(offers).where(eq(offers.id, offer.id)).get()).toMatchObject({
      title: "Vendeur de pagnes",
      status: "published",
    });
  });
});

describe("/employeur/offres", () => {
  it("lists the organisation's offers with counts, filtered by ?statut=", async () => {
    const db = getDb();
    const offer = insertOffer(db, { orgId: ids.estOrg, title: "Magasinier" });
    for (const [i, status] of (["submitted", "submitted", "interview"] as const).entries()) {
      const c = await registerCandidate(db, { phone: `70 42 42 4${i}` });
      insertApplication(db, { offerId: offer.id, candidateId: c.id, status });
    }
    await renderAt("/employeur/offres", cookies.established);
    const item = (await screen.findByRole("link", { name: "Magasinier" })).closest("li")!;
    expect(within(item).getByText("3 candidatures · 2 sans réponse")).toBeTruthy();
    expect(within(item).getByText("Publiée")).toBeTruthy();
    expect(within(item).getByRole("button", { name: "Marquer pourvue : Magasinier" })).toBeTruthy();
    expect(screen.queryByText("Offre du concurrent")).toBeNull();
    expect(screen.getByRole("link", { name: "Nouvelle offre" }).getAttribute("href")).toBe(
      "/employeur/offres/nouvelle",
    );

    const closed = (await get(listLoader, cookies.established, "/employeur/offres?statut=closed")) as {
      offers: { title: string }[];
    };
    expect(closed.offers.map((o) => o.title)).toContain("Soudeur (fermée)");
    expect(closed.offers.map((o) => o.title)).not.toContain("Magasinier");
    const bogus = (await get(listLoader, cookies.established, "/employeur/offres?statut=%27%20OR%201%3D1")) as {
      status: null;
      offers: unknown[];
    };
    expect(bogus.status).toBeNull();
    expect(bogus.offers.length).toBeGreaterThan(closed.offers.length);
  });

  it("shows a large company's offers 25 a page, the filter kept in the pages' links; a wrong page shows the first or the last", async () => {
    const db = getDb();
    const big = await insertEmployer(db, "verified", "Grande Société Malienne");
    for (let i = 1; i <= 60; i++) insertOffer(db, { orgId: big.org.id, title: `Poste ${i}`, status: "draft" });
    const cookie = await sessionCookieFor(db, big.user.id);
    await renderAt("/employeur/offres?statut=draft", cookie);
    const list = (await screen.findByRole("link", { name: "Poste 60" })).closest("ul")!;
    expect(within(list).getAllByRole("listitem")).toHaveLength(25);
    const pages = screen.getByRole("navigation", { name: /pages/i });
    expect(within(pages).getByRole("link", { name: "Page 3" }).getAttribute("href")).toBe(
      "/employeur/offres?statut=draft&page=3",
    );
    const titles = async (url: string) =>
      ((await get(listLoader, cookie, url)) as { offers: { title: string }[]; page: number }).offers.map(
        (o) => o.title,
      );
    expect(await titles("/employeur/offres?page=3")).toEqual([
      "Poste 10",
      "Poste 9",
      "Poste 8",
      "Poste 7",
      "Poste 6",
      "Poste 5",
      "Poste 4",
      "Poste 3",
      "Poste 2",
      "Poste 1",
    ]);
    // Past the last page, the last; a page that is no number (or an SQL fragment), the first.
    expect(await titles("/employeur/offres?page=999")).toHaveLength(10);
    expect((await titles("/employeur/offres?page=%27%20OR%201%3D1"))[0]).toBe("Poste 60");
    expect((await titles("/employeur/offres?page=-4"))[0]).toBe("Poste 60");
  });

  it("explains to an organisation not verified that its offers stay drafts", async () => {
    await renderAt("/employeur/offres", cookies.pending);
    expect(await screen.findByText(/elles restent en brouillon jusqu'à la vérification/)).toBeTruthy();
  });

  it("refuses a garbage action with 400", async () => {
    expect(
      await statusOf(post(listAction, cookies.established, "/employeur/offres", { intent: "delete", offerId: "1" })),
    ).toBe(400);
    expect(
      await statusOf(
        post(listAction, cookies.established, "/employeur/offres", {
          intent: "close",
          offerId: "1; DROP TABLE offers",
        }),
      ),
    ).toBe(400);
  });
});
