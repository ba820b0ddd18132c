// @vitest-environment jsdom
// An employer's offer linked to a commitment of its convention, through the posting
// and edit pages. Refused: another organisation's commitment, a closed convention's,
// an offer type that is not the commitment's, a value that is not a commitment.
import { screen } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import EditOffer, { action as editAction, loader as editLoader } from "../../app/routes/employeur.offres.$offerId";
import NewOffer, { action as newAction, loader as newLoader } from "../../app/routes/employeur.offres.nouvelle";
import { getDb } from "../../app/utils/db.server";
import { offers, partnerships } from "../../db/schema";
import {
  insertConvention,
  insertEmployer,
  insertPartnership,
  insertProgramme,
  sessionCookieFor,
} from "../helpers/factories";
import { offerFormFields } from "../helpers/offers";
import { as, callRoute, renderRoutes, statusOf } from "../helpers/route";

const cookies = { mine: "", other: "" };
const ids = { active: "", closed: "", othersCommitment: "", activePartnership: 0 };

function conventionOf(orgId: number, status: "active" | "closed") {
  const db = getDb();
  const programme = insertProgramme(db);
  const partnership = insertPartnership(db, { orgId, programmeId: programme.id, status });
  const { convention } = insertConvention(db, partnership, {
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    commitments: [{ offerType: "apprentissage", quantity: 10, trade: "mecanicien_auto", region: "sikasso" }],
  });
  return { value: `${convention.id}:1`, convention, partnership };
}

beforeAll(async () => {
  const db = getDb();
  const mine = await insertEmployer(db, "verified", "Garage Diarra");
  const other = await insertEmployer(db, "verified", "Atelier Coulibaly");
  cookies.mine = await sessionCookieFor(db, mine.user.id);
  cookies.other = await sessionCookieFor(db, other.user.id);
  const active = conventionOf(mine.org.id, "active");
  ids.active = active.value;
  ids.activePartnership = active.partnership.id;
  ids.closed = conventionOf(mine.org.id, "closed").value;
  ids.othersCommitment = conventionOf(other.org.id, "active").value;
});

const apprenticeship = (commitment: string) =>
  offerFormFields({
    type: "apprentissage",
    title: "Apprenti mécanicien auto",
    sector: "mecanique",
    trade: "mecanicien_auto",
    region: "sikasso",
    contract: "",
    payAmount: "25000",
    durationMonths: "12",
    commitment,
    intent: "draft",
  });

type Refused = { data: { fieldErrors: Record<string, string>; values: Record<string, string> } };
const postNew = (fields: Record<string, string | string[]>, cookie = cookies.mine) =>
  callRoute(newAction, "/employeur/offres/nouvelle", { cookie, body: fields });

describe("an offer serving a commitment", () => {
  it("lists only the organisation's commitments in force, and saves the link", async () => {
    const page = (await callRoute(newLoader, "/employeur/offres/nouvelle", { cookie: cookies.mine })) as {
      commitments: { value: string }[];
    };
    expect(page.commitments.map((c) => c.value)).toEqual([ids.active]);
    const response = (await postNew(apprenticeship(ids.active))) as Response;
    expect(response.status).toBe(302);
    const offerId = Number(response.headers.get("Location")!.split("/").pop());
    const saved = getDb().select().from(offers).where(eq(offers.id, offerId)).get()!;
    const [conventionId] = ids.active.split(":").map(Number);
    expect([saved.conventionId, saved.commitmentKey]).toEqual([conventionId, 1]);

    await renderRoutes(
      [{ path: "/employeur/offres/:offerId", Component: EditOffer, loader: as(cookies.mine, editLoader) }],
      `/employeur/offres/${offerId}`,
    );
    expect(screen.getByText(/Dans le cadre de la convention CONV-TEST-/)).toBeTruthy();
    const select = screen.getByLabelText("Convention (engagement)") as HTMLSelectElement;
    expect(select.value).toBe(ids.active);
    expect(select.selectedOptions[0]!.textContent).toContain("10 apprentis (Mécanicien auto), Sikasso");

    // Once the convention has closed, an edit keeps the offer's link as it was.
    getDb().update(partnerships).set({ status: "closed" }).where(eq(partnerships.id, ids.activePartnership)).run();
    const edited = await callRoute(editAction, `/employeur/offres/${offerId}`, {
      cookie: cookies.mine,
      params: { offerId: String(offerId) },
      body: { ...apprenticeship(ids.active), title: "Apprenti mécanicien (modifiée)" },
    });
    expect(statusOf(edited)).toBe(302);
    expect(getDb().select().from(offers).where(eq(offers.id, offerId)).get()?.conventionId).toBe(conventionId);
    getDb().update(partnerships).set({ status: "active" }).where(eq(partnerships.id, ids.activePartnership)).run();
  });

  it("refuses another company's, a closed or another type's commitment, and junk (400)", async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [apprenticeship(ids.othersCommitment), "conventions:offer.notYours"],
      [apprenticeship(ids.closed), "conventions:offer.notInForce"],
      [apprenticeship("999999:1"), "conventions:offer.notYours"],
      [
        { ...apprenticeship(ids.active), type: "stage", stage_durationMonths: "6" },
        "conventions:offer.typeMismatch.apprentissage",
      ],
      [apprenticeship("1 OR 1=1"), "validation.choose"],
      [apprenticeship("<script>alert(1)</script>"), "validation.choose"],
    ];
    const before = getDb().select().from(offers).all().length;
    for (const [fields, message] of cases) {
      const refused = (await postNew(fields)) as Refused;
      expect(statusOf(refused), message).toBe(400);
      expect(refused.data.fieldErrors.commitment).toBe(message);
      expect(refused.data.values.title).toBe("Apprenti mécanicien auto");
    }
    expect(getDb().select().from(offers).all()).toHaveLength(before);
  });

  it("shows no convention field to an organisation without one in force", async () => {
    const page = (await callRoute(newLoader, "/employeur/offres/nouvelle", { cookie: cookies.other })) as {
      commitments: unknown[];
    };
    expect(page.commitments).toHaveLength(1);
    const db = getDb();
    const lone = await insertEmployer(db, "verified", "Boutique Keita");
    const cookie = await sessionCookieFor(db, lone.user.id);
    await renderRoutes(
      [{ path: "/employeur/offres/nouvelle", Component: NewOffer, loader: as(cookie, newLoader) }],
      "/employeur/offres/nouvelle?type=emploi",
    );
    expect(screen.queryByLabelText("Convention (engagement)")).toBeNull();
  });
});
