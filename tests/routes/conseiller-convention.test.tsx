// @vitest-environment jsdom
// /conseiller/partenariats/:id/convention: signing a convention and amending it
// through the page. Bad input tried: an empty form, a 10 000-character reference
// and signatories, `<script>` in the signatories (kept as text), an SQL fragment as
// a quantity and as a partner id, a word as a date, an unknown intent, another
// partnership's id, an employer and a candidate.
import { screen } from "@testing-library/react";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { conventionForPartnership } from "../../app/models/conventions-view.server";
import ConventionPage, { action, loader } from "../../app/routes/conseiller.partenariats.$id.convention";
import { isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { conventions, partnerships } from "../../db/schema";
import {
  insertEmployer,
  insertPartner,
  insertPartnership,
  insertProgramme,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { mutatedForm } from "../helpers/hostile";
import { as, callRoute, outcomeStatus, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

const cookies = { conseiller: "", admin: "", employeur: "", candidat: "" };
let orgId = 0;
let programmeId = 0;
let oim = 0;
const today = isoToday();
const thisYear = today.slice(0, 4);
const nextYear = String(Number(thisYear) + 1);

beforeAll(async () => {
  const db = getDb();
  oim = insertPartner(db, "Organisation internationale pour les migrations", "OIM").id;
  insertPartner(db, "Agence pour la promotion de l'emploi des jeunes", "APEJ");
  const { user: employer, org } = await insertEmployer(db);
  orgId = org.id;
  programmeId = insertProgramme(db).id;
  const candidate = await registerCandidate(db, { phone: "70 55 66 77" });
  cookies.conseiller = await sessionCookieFor(db, insertStaff(db, { name: "Fatoumata Konaté" }).id);
  cookies.admin = await sessionCookieFor(db, insertStaff(db, { role: "admin" }).id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.candidat = await sessionCookieFor(db, candidate.id);
});

const newPartnership = (status: "documents_received" | "meeting_held" = "documents_received") =>
  insertPartnership(getDb(), { orgId, programmeId, status, createdAt: new Date(`${thisYear}-01-01T08:00:00Z`) }).id;

type Refused = { data: { fieldErrors: Record<string, unknown>; formError?: string; values: Record<string, string> } };

const post = (id: number, fields: Record<string, string | string[]>, cookie = cookies.conseiller) =>
  callRoute(action, `/conseiller/partenariats/${id}/convention`, {
    cookie,
    params: { id: String(id) },
    body: fields,
    context: { clientIp: "41.73.1.1" },
  });

const signing = (reference: string): Record<string, string | string[]> => ({
  intent: "save",
  commitmentRows: "3",
  contributionRows: "3",
  reference,
  signedOn: today,
  startDate: `${nextYear}-01-01`,
  endDate: `${nextYear}-12-31`,
  signatories: "Directeur, OIM Mali\nGérant, Atelier",
  partnerIds: [String(oim)],
  c0_offerType: "apprentissage",
  c0_quantity: "10",
  c0_trade: "mecanicien_auto",
  c0_region: "sikasso",
  c0_durationMonths: "12",
  c0_audience: "youth",
  c1_audience: "all",
  c2_audience: "all",
  k0_partnerId: String(oim),
  k0_description: "Allocation mensuelle",
  k0_amountFcfa: "25 000",
});

describe("signing", () => {
  it("records the convention and signs the partnership, then the page offers the amendment", async () => {
    const id = newPartnership();
    const page = (await callRoute(loader, `/x`, { cookie: cookies.conseiller, params: { id: String(id) } })) as {
      mode: string;
      values: Record<string, string>;
    };
    expect(page.mode).toBe("sign");
    expect(page.values.reference).toMatch(new RegExp(`^OIM-${thisYear}-\\d{3}$`));
    const response = (await post(id, signing(page.values.reference!))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/conseiller/partenariats/${id}`);
    const view = conventionForPartnership(getDb(), id)!;
    expect(view.status).toBe("signed");
    expect(view.current.commitments).toEqual([
      expect.objectContaining({ key: 1, quantity: 10, trade: "mecanicien_auto", audience: "youth" }),
    ]);
    expect(view.current.contributions[0]).toMatchObject({ amountFcfa: 25_000, partnerName: "OIM" });

    await renderRoutes(
      [
        {
          path: "/conseiller/partenariats/:id/convention",
          Component: ConventionPage,
          loader: as(cookies.conseiller, loader),
        },
      ],
      `/conseiller/partenariats/${id}/convention`,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain(view.reference);
    expect(screen.getByText(/10 apprentis \(Mécanicien auto\), Sikasso, 12 mois, jeunes/)).toBeTruthy();
    expect((screen.getByLabelText("Motif de l'avenant") as HTMLTextAreaElement).value).toBe("");
  });

  it("refuses empty, huge, wrong-type and SQL input: a message per field, values kept", async () => {
    const id = newPartnership();
    const empty = (await post(id, { intent: "save", commitmentRows: "3", contributionRows: "3" })) as Refused;
    expect(statusOf(empty)).toBe(400);
    expect(empty.data.fieldErrors).toMatchObject({
      reference: "validation.required",
      signedOn: "validation.required",
      signatories: "validation.required",
      commitments: "conventions:errors.noCommitment",
    });
    const hostile = (await post(id, {
      ...signing("x".repeat(10_000)),
      signatories: `<script>alert(1)</script>${"é".repeat(10_000)}`,
      c0_quantity: "1; DELETE FROM offers",
      startDate: "demain",
      partnerIds: ["' OR 1=1 --"],
    })) as Refused;
    expect(statusOf(hostile)).toBe(400);
    expect(hostile.data.fieldErrors).toMatchObject({
      reference: "validation.tooLong",
      signatories: "validation.tooLong",
      c0_quantity: "validation.number",
      startDate: "validation.dateInvalid",
      partnerIds: "validation.choose",
    });
    expect(hostile.data.values.c0_trade).toBe("mecanicien_auto");
    const inverted = (await post(id, { ...signing("REF-INV-1"), endDate: `${thisYear}-01-01` })) as Refused;
    expect(inverted.data.fieldErrors.endDate).toBe("conventions:errors.endBeforeStart");
    const notPartner = (await post(id, { ...signing("REF-NP-1"), partnerIds: [String(orgId)] })) as Refused;
    expect(notPartner.data.fieldErrors.partnerIds).toBe("conventions:errors.partner_invalid");
    expect(getDb().select().from(conventions).where(eq(conventions.partnershipId, id)).all()).toEqual([]);
    expect(await thrownStatus(post(id, { ...signing("REF-X"), intent: "delete" }))).toBe(400);
  });

  it("never fails on generated hostile forms, and a refused one writes nothing", async () => {
    const id = newPartnership();
    await fc.assert(
      fc.asyncProperty(mutatedForm(signing(`HOSTILE-${id}`)), async (entries) => {
        const body = new FormData();
        for (const [key, value] of entries) body.append(key, value);
        const status = await outcomeStatus(
          callRoute(action, "/x", { cookie: cookies.conseiller, params: { id: String(id) }, body }),
        );
        expect(status).toBeLessThan(500);
        const written = getDb().select().from(conventions).where(eq(conventions.partnershipId, id)).all();
        if (status >= 400) expect(written).toEqual([]);
        // Signed once: start again from a partnership awaiting its convention.
        if (written.length > 0) {
          getDb().delete(conventions).where(eq(conventions.partnershipId, id)).run();
          getDb().update(partnerships).set({ status: "documents_received" }).where(eq(partnerships.id, id)).run();
        }
      }),
      { numRuns: 40 },
    );
  });

  it("shows a message and no form before the documents, and answers 404 for an unknown partnership", async () => {
    const id = newPartnership("meeting_held");
    const page = (await callRoute(loader, "/x", { cookie: cookies.conseiller, params: { id: String(id) } })) as {
      mode: null;
    };
    expect(page.mode).toBeNull();
    const refused = (await post(id, signing("REF-EARLY-1"))) as Refused;
    expect(refused.data.formError).toBe("conventions:errors.notAllowed");
    expect(getDb().select().from(partnerships).where(eq(partnerships.id, id)).get()?.status).toBe("meeting_held");
    for (const bad of ["999999", "abc", "1 OR 1=1"])
      expect(await thrownStatus(callRoute(loader, "/x", { cookie: cookies.conseiller, params: { id: bad } }))).toBe(
        404,
      );
  });

  it("is refused to employers, candidates and visitors", async () => {
    const id = newPartnership();
    for (const cookie of [cookies.employeur, cookies.candidat]) {
      expect(await thrownStatus(callRoute(loader, "/x", { cookie, params: { id: String(id) } }))).toBe(403);
      expect(await thrownStatus(post(id, signing("REF-EMP-1"), cookie))).toBe(403);
    }
    expect(await thrownStatus(callRoute(loader, "/x", { params: { id: String(id) } }))).toBe(302);
    expect(getDb().select().from(conventions).where(eq(conventions.partnershipId, id)).all()).toEqual([]);
  });
});

describe("amending", () => {
  it("adds a version with its reason; a refusal or added lines keep what was typed", async () => {
    const id = newPartnership();
    expect(statusOf(await post(id, signing(`AMEND-${id}`)))).toBe(302);
    const loaded = (await callRoute(loader, "/x", { cookie: cookies.admin, params: { id: String(id) } })) as {
      mode: string;
      values: Record<string, string>;
      rows: { commitments: number; contributions: number };
    };
    expect(loaded.mode).toBe("amend");
    expect(loaded.values).toMatchObject({ c0_key: "1", c0_quantity: "10", endDate: `${nextYear}-12-31` });
    const form = {
      ...loaded.values,
      intent: "save",
      commitmentRows: String(loaded.rows.commitments),
      contributionRows: String(loaded.rows.contributions),
    };
    const unchanged = (await post(id, { ...form, reason: "Rien" }, cookies.admin)) as Refused;
    expect(unchanged.data.formError).toBe("conventions:errors.unchanged");
    const noReason = (await post(id, { ...form, c0_quantity: "12", reason: "" }, cookies.admin)) as Refused;
    expect(noReason.data.fieldErrors.reason).toBe("validation.required");
    expect(noReason.data.values.c0_quantity).toBe("12");
    const more = (await post(id, { ...form, intent: "addRows", c1_quantity: "4" }, cookies.admin)) as {
      data: { rows: { commitments: number }; values: Record<string, string> };
    };
    expect(more.data.rows.commitments).toBe(loaded.rows.commitments + 3);
    expect(more.data.values.c1_quantity).toBe("4");

    const done = (await post(
      id,
      { ...form, c0_quantity: "12", reason: "Deux apprentis de plus" },
      cookies.admin,
    )) as Response;
    expect(done.status).toBe(302);
    const view = conventionForPartnership(getDb(), id)!;
    expect(view.history.map((v) => [v.version, v.reason])).toEqual([
      [2, "Deux apprentis de plus"],
      [1, null],
    ]);
    expect(view.history[1]!.commitments[0]!.quantity).toBe(10);
  });
});
