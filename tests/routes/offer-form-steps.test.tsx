// @vitest-environment jsdom
// The offer form one type at a time: the new offer's type step (a GET form), the
// server's HTML holding only the chosen type's fields (as a phone without JavaScript
// gets it), the "retype" post that keeps what was typed, and an existing offer's type.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import EditOffer, { action as editAction, loader as editLoader } from "../../app/routes/employeur.offres.$offerId";
import NewOffer, { action as newAction, loader as newLoader } from "../../app/routes/employeur.offres.nouvelle";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { offers } from "../../db/schema";
import { insertEmployer, insertOffer, sessionCookieFor } from "../helpers/factories";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import { as, callRoute, renderRoutes } from "../helpers/route";

const cookies = { employer: "", other: "" };
const ids = { apprenticeship: 0 };

beforeAll(async () => {
  const db = getDb();
  const employer = await insertEmployer(db, "verified", "Soudure Keïta");
  const other = await insertEmployer(db, "verified", "Autre atelier");
  ids.apprenticeship = insertOffer(db, {
    orgId: employer.org.id,
    title: "Apprenti soudeur",
    type: "apprentissage",
    contract: "apprentissage",
    status: "draft",
    durationMonths: 18,
  }).id;
  cookies.employer = await sessionCookieFor(db, employer.user.id);
  cookies.other = await sessionCookieFor(db, other.user.id);
});

function renderAt(url: string, cookie = cookies.employer) {
  return renderRoutes(
    [
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
    ],
    url,
    { heading: false },
  );
}

/** The new offer page as the server sends it: no effect has run, as on a phone without JavaScript. */
async function serverHtml(url: string, actionData?: Record<string, unknown>) {
  const i18n = await createTestI18n("fr");
  const Stub = createRoutesStub([{ id: "new", path: "/employeur/offres/nouvelle", Component: NewOffer as never }]);
  const html = renderToString(
    <WithI18n i18n={i18n}>
      <Stub
        initialEntries={[url]}
        hydrationData={{
          loaderData: { new: { orgStatus: "verified" } },
          actionData: actionData && { new: actionData },
        }}
      />
    </WithI18n>,
  );
  return new DOMParser().parseFromString(html, "text/html");
}

const sections = (doc: Document) =>
  [...doc.querySelectorAll("fieldset[data-offer-type]")].map((f) => f.getAttribute("data-offer-type"));

describe("the offer form, one type at a time", () => {
  it("asks the type first, with a plain GET form, then shows that type's fields only", async () => {
    const user = await renderAt("/employeur/offres/nouvelle");
    const step = await screen.findByRole("group", { name: "Quel type d'offre publiez-vous ?" });
    expect(screen.queryByLabelText("Titre de l'offre")).toBeNull();
    expect(step.closest("form")?.getAttribute("method")).toBe("get");
    await user.click(screen.getByRole("radio", { name: /Stage/ }));
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    expect(await screen.findByLabelText("Titre de l'offre")).toBeTruthy();
    expect((screen.getByLabelText("Type d'offre") as HTMLSelectElement).value).toBe("stage");
    await waitFor(() => expect(screen.getByText("Pour un stage").closest("fieldset")!.hidden).toBe(false));
    // The other types' sections come once the page is hydrated, hidden.
    await waitFor(() => expect(screen.getByText("Pour un emploi").closest("fieldset")!.hidden).toBe(true));
  });

  it("sends only the chosen type's section in the server's HTML", async () => {
    expect(sections(await serverHtml("/employeur/offres/nouvelle?type=formation"))).toEqual(["formation"]);
    expect(sections(await serverHtml("/employeur/offres/nouvelle?type=emploi"))).toEqual(["emploi"]);
    // No type, or a made-up one: the type step, no form fields.
    for (const url of ["/employeur/offres/nouvelle", "/employeur/offres/nouvelle?type=<script>"]) {
      const doc = await serverHtml(url);
      expect(sections(doc)).toEqual([]);
      expect(doc.querySelectorAll('input[type="radio"][name="type"]')).toHaveLength(4);
    }
    // Without JavaScript the type can still change: a button posts the form back for that type's fields.
    const doc = await serverHtml("/employeur/offres/nouvelle?type=emploi");
    expect(doc.querySelector('button[value="retype"]')?.textContent).toBe("Afficher les champs de ce type");
  });

  it("posting another type ('retype') saves nothing and brings back everything typed, with that type's section", async () => {
    const before = getDb().select().from(offers).all().length;
    const body = {
      intent: "retype",
      type: "apprentissage",
      title: "Apprenti mécanicien",
      region: "kayes",
      languages: ["fr", "bm"],
    };
    const result = (await callRoute(newAction, "/employeur/offres/nouvelle", { cookie: cookies.employer, body })) as {
      data: { values: Record<string, string>; languages: string[]; fieldErrors: object };
      init: ResponseInit | null;
    };
    expect(result.data.fieldErrors).toEqual({});
    expect(result.data.values).toMatchObject({ type: "apprentissage", title: "Apprenti mécanicien", region: "kayes" });
    expect(result.data.languages).toEqual(["fr", "bm"]);
    expect(getDb().select().from(offers).all()).toHaveLength(before);
    const doc = await serverHtml("/employeur/offres/nouvelle", result.data);
    expect(sections(doc)).toEqual(["apprentissage"]);
    expect((doc.querySelector('input[name="title"]') as HTMLInputElement).value).toBe("Apprenti mécanicien");
  });

  it("saves a form posted with its own type's section only (the other types' fields absent)", async () => {
    const body = {
      intent: "draft",
      type: "emploi",
      title: "Soudeur qualifié",
      description: "Soudure à l'arc de portails et de grilles dans notre atelier de Kayes, deux ans d'expérience.",
      sector: "btp",
      region: "kayes",
      trade: "",
      commune: "",
      positions: "1",
      minEducation: "",
      startDate: "",
      closingDate: addDays(isoToday(), 20),
      contract: "cdd",
      emploi_payAmount: "70 000",
      payPeriod: "month",
    };
    const response = (await callRoute(newAction, "/employeur/offres/nouvelle", {
      cookie: cookies.employer,
      body,
    })) as Response & { data?: unknown };
    expect(response.status, JSON.stringify(response.data)).toBe(302);
    expect(getDb().select().from(offers).where(eq(offers.title, "Soudeur qualifié")).get()).toMatchObject({
      type: "emploi",
      contract: "cdd",
      payAmount: 70_000,
    });
  });

  it("shows an existing offer with its own type's section; another employer's offer stays a 404", async () => {
    await renderAt(`/employeur/offres/${ids.apprenticeship}`);
    const section = (await screen.findByText("Pour un apprentissage")).closest("fieldset")!;
    expect(section.hidden).toBe(false);
    // Once hydrated, every type's section is in the page (the others hidden): read the field in the one shown.
    expect((within(section as HTMLElement).getByLabelText("Durée en mois") as HTMLInputElement).value).toBe("18");
    const refused = await callRoute(editAction, `/employeur/offres/${ids.apprenticeship}`, {
      cookie: cookies.other,
      params: { offerId: String(ids.apprenticeship) },
      body: { intent: "retype", type: "stage" },
    }).catch((e: { init?: ResponseInit }) => e.init?.status);
    expect(refused).toBe(404);
  });
});
