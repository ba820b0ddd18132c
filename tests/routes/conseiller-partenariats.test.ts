// @vitest-environment jsdom
// /conseiller/partenariats and /conseiller/partenariats/:id: the counsellors' list (filters, paging over 500+
// rows, overdue first) and one partnership (moves, counsellor, notes, next step's date, documents), and who may
// download a partnership's document. Bad input tried: an empty form, an unknown intent or move, a huge note,
// <script>, SQL fragments, a date that is no date, another partnership's document id, a counsellor id that is
// an employer, files that are not PDFs, empty or too large.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { unreadNotificationCount } from "../../app/models/notifications.server";
import { remindOverduePartnerships } from "../../app/models/partnership-chores.server";
import { addPartnershipDocument } from "../../app/models/partnership-work.server";
import CounsellorHome, { action as homeAction, loader as homeLoader } from "../../app/routes/conseiller._index";
import List, { loader as listLoader } from "../../app/routes/conseiller.partenariats._index";
import Page, { action, loader } from "../../app/routes/conseiller.partenariats.$id";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { auditLog, partnershipDocuments, partnershipEvents, partnerships } from "../../db/schema";
import {
  insertCandidate,
  insertEmployer,
  insertPartnership,
  insertProgramme,
  pdfBytes,
  sessionCookieFor,
} from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { as, callRoute, followRedirect, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", admin: "" };
const ids = { counsellor: 0, other: 0, admin: 0, employer: 0, otherEmployer: 0, candidate: 0 };
let programmeId = 0;
let orgId = 0;
const today = isoToday();

beforeAll(async () => {
  const db = getDb();
  const { user, org } = await insertEmployer(db, "verified", "Garage Sahel");
  const other = await insertEmployer(db, "verified", "Autre atelier");
  const candidate = insertCandidate(db, { phone: "+22370998877" });
  ids.counsellor = insertStaff(db, { name: "Kadia Konaté" }).id;
  ids.other = insertStaff(db, { name: "Ibrahim Diallo" }).id;
  ids.admin = insertStaff(db, { role: "admin" }).id;
  ids.employer = user.id;
  ids.otherEmployer = other.user.id;
  ids.candidate = candidate.id;
  orgId = org.id;
  programmeId = insertProgramme(db).id;
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, user.id);
  cookies.conseiller = await sessionCookieFor(db, ids.counsellor);
  cookies.admin = await sessionCookieFor(db, ids.admin);
});

const newPartnership = (values: Partial<typeof partnerships.$inferInsert> = {}) =>
  insertPartnership(getDb(), { orgId, programmeId, nextStepDue: addDays(today, 5), ...values }).id;

const post = (id: number, fields: Record<string, string> | FormData, cookie = cookies.conseiller) =>
  callRoute(action, `/conseiller/partenariats/${id}`, { cookie, params: { id: String(id) }, body: fields });

type Refused = { data: { formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> } };

const attach = (id: number, label: string) => {
  const added = addPartnershipDocument(
    getDb(),
    id,
    { label, name: "statuts.pdf", bytes: pdfBytes() },
    { userId: ids.counsellor },
  );
  if (!added.ok) throw new Error(added.reason);
  return added;
};

const statusNow = (id: number) => getDb().select().from(partnerships).where(eq(partnerships.id, id)).get()!;

describe("who may use the pages", () => {
  it.each(["candidat", "employeur"] as const)("a %s gets 403 on the list, the page and its forms", async (role) => {
    const id = newPartnership();
    expect(await thrownStatus(callRoute(listLoader, "/conseiller/partenariats", { cookie: cookies[role] }))).toBe(403);
    const page = callRoute(loader, `/conseiller/partenariats/${id}`, {
      cookie: cookies[role],
      params: { id: String(id) },
    });
    expect(await thrownStatus(page)).toBe(403);
    expect(await thrownStatus(post(id, { intent: "move", action: "contact" }, cookies[role]))).toBe(403);
    expect(statusNow(id).status).toBe("requested");
  });

  it.each(["0", "abc", "987654", "1 OR 1=1"])("answers 404 for the partnership %s", async (id) => {
    const page = callRoute(loader, `/conseiller/partenariats/${id}`, { cookie: cookies.conseiller, params: { id } });
    expect(await thrownStatus(page)).toBe(404);
  });
});

describe("the list", () => {
  it("puts overdue partnerships first, then by due date, and filters by status, counsellor, region and name", async () => {
    const db = getDb();
    const late = newPartnership({ nextStepDue: addDays(today, -3), counsellorId: ids.counsellor });
    const soon = newPartnership({ nextStepDue: addDays(today, 1), status: "contacted" });
    const elsewhere = await insertEmployer(db, "verified", "Boulangerie Ségou");
    const segou = insertPartnership(db, { orgId: elsewhere.org.id, programmeId, nextStepDue: addDays(today, 2) }).id;
    const list = async (query = "") =>
      (
        (await callRoute(listLoader, `/conseiller/partenariats${query}`, { cookie: cookies.conseiller })) as {
          list: { rows: { id: number; overdue: boolean }[]; total: number };
        }
      ).list;
    const all = await list("?statut=open");
    expect(all.rows[0]).toMatchObject({ id: late, overdue: true });
    expect(all.rows.findIndex((r) => r.id === soon)).toBeLessThan(all.rows.findIndex((r) => r.id === segou));
    expect((await list("?statut=overdue")).rows.map((r) => r.id)).toContain(late);
    expect((await list("?statut=overdue")).rows.map((r) => r.id)).not.toContain(soon);
    expect((await list("?conseiller=moi")).rows.map((r) => r.id)).toEqual([late]);
    expect((await list("?conseiller=personne")).rows.map((r) => r.id)).not.toContain(late);
    expect((await list("?entreprise=boulangerie segou")).rows.map((r) => r.id)).toEqual([segou]);
    expect((await list("?statut=contacted")).rows.map((r) => r.id)).toEqual([soon]);
    db.update(partnerships).set({ status: "requested" }).where(eq(partnerships.id, soon)).run();
  });

  it("pages 25 at a time over 520 partnerships, and shows cards with an overdue badge", async () => {
    const db = getDb();
    const many = await insertEmployer(db, "verified", "Grande Série");
    db.insert(partnerships)
      .values(
        Array.from({ length: 520 }, (_, i) => ({
          orgId: many.org.id,
          programmeId,
          need: `Besoin ${i}`,
          contact: "70 00 00 00",
          statusChangedAt: new Date(),
          nextStepDue: addDays(today, (i % 40) - 10),
        })),
      )
      .run();
    const started = performance.now();
    const data = (await callRoute(listLoader, "/conseiller/partenariats?entreprise=grande&page=21", {
      cookie: cookies.conseiller,
    })) as { list: { rows: unknown[]; total: number; page: number; pageCount: number } };
    expect(performance.now() - started).toBeLessThan(1000);
    expect(data.list).toMatchObject({ total: 520, page: 21, pageCount: 21 });
    expect(data.list.rows).toHaveLength(20);
    const past = (await callRoute(listLoader, "/conseiller/partenariats?entreprise=grande&page=99", {
      cookie: cookies.conseiller,
    })) as { list: { page: number; rows: unknown[] } };
    expect(past.list.page).toBe(21);

    await renderRoutes(
      [{ path: "/conseiller/partenariats", Component: List, loader: as(cookies.conseiller, listLoader) }],
      "/conseiller/partenariats?entreprise=grande",
    );
    expect(screen.getByText(/^520 partenariats/)).toBeTruthy();
    expect(screen.getAllByText("En retard").length).toBeGreaterThan(0);
    expect(screen.getByRole("link", { name: "Page 2" }).getAttribute("href")).toContain("entreprise=grande");
    db.delete(partnerships).where(eq(partnerships.orgId, many.org.id)).run();
  });
});

describe("a list address that makes no sense", () => {
  it("leaves out what it cannot read and says so, never an error page", async () => {
    const query = new URLSearchParams({
      statut: "<script>alert(1)</script>",
      programme: "1 OR 1=1",
      conseiller: "'; DROP TABLE partnerships; --",
      region: "atlantide",
      page: "1e308",
      entreprise: "x".repeat(10_000),
    });
    const data = (await callRoute(listLoader, `/conseiller/partenariats?${query}`, { cookie: cookies.conseiller })) as {
      ignored: string[];
      q: { entreprise?: string };
      list: { page: number };
    };
    expect(data.ignored.sort()).toEqual(["conseiller", "page", "programme", "region", "statut"]);
    expect(data.q.entreprise).toHaveLength(60);
    expect(data.list.page).toBe(1);
  });
});

describe("the counsellors' dashboard", () => {
  it("counts overdue partnerships and new requests, each a link to its list", async () => {
    newPartnership({ nextStepDue: addDays(today, -1) });
    await renderRoutes(
      [{ path: "/conseiller", Component: CounsellorHome, loader: as(cookies.conseiller, homeLoader) }],
      "/conseiller",
    );
    const figures = screen.getByRole("region", { name: "Partenariats" });
    const overdue = within(figures).getByRole("link", { name: /Partenariats en retard/ });
    expect(overdue.getAttribute("href")).toBe("/conseiller/partenariats?statut=overdue");
    expect(Number(overdue.textContent!.split(" ")[0])).toBeGreaterThan(0);
    const requests = within(figures).getByRole("link", { name: /Demandes à traiter/ });
    expect(requests.getAttribute("href")).toBe("/conseiller/partenariats?statut=requested");
  });

  it("lists the chores' reminder of an overdue step in the counsellor's notifications, which they mark read", async () => {
    const id = newPartnership({ nextStepDue: addDays(today, -2) });
    remindOverduePartnerships(getDb());
    const home = async () => {
      await renderRoutes(
        [{ path: "/conseiller", Component: CounsellorHome, loader: as(cookies.conseiller, homeLoader) }],
        "/conseiller",
      );
      return screen.getByRole("region", { name: /^Notifications/ });
    };
    const list = await home();
    expect(within(list).getAllByText(/Garage Sahel est en retard/).length).toBeGreaterThan(0);
    expect(list.querySelector(`a[href="/conseiller/partenariats/${id}"]`)).toBeTruthy();
    expect(within(list).getByRole("heading").textContent).toMatch(/nouvelle/);
    const read = await callRoute(homeAction, "/conseiller", {
      cookie: cookies.conseiller,
      body: { intent: "markRead" },
    });
    expect(statusOf(read)).toBe(302);
    expect(unreadNotificationCount(getDb(), ids.counsellor)).toBe(0);
    const refused = callRoute(homeAction, "/conseiller", { cookie: cookies.conseiller, body: { intent: "<script>" } });
    expect(await thrownStatus(refused)).toBe(400);
  });
});

describe("one partnership", () => {
  it("records the steps through the page, then offers the convention's page instead of signing", async () => {
    const id = newPartnership();
    const moved = await post(id, { intent: "move", action: "contact", happenedOn: today, note: "Appel au gérant" });
    expect(statusOf(moved)).toBe(302);
    const page = (await followRedirect(moved, loader, { cookie: cookies.conseiller, params: { id: String(id) } })) as {
      flash: { message: string };
    };
    expect(page.flash.message).toBe("partnerships:flash.moved");
    expect(statusNow(id)).toMatchObject({ status: "contacted", nextStepDue: addDays(today, 14) });
    const due = addDays(today, 3);
    await post(id, { intent: "move", action: "hold_meeting", happenedOn: today, nextStepDue: due });
    expect(statusNow(id)).toMatchObject({ status: "meeting_held", nextStepDue: due });
    await post(id, { intent: "move", action: "receive_documents" });

    await renderRoutes(
      [{ path: "/conseiller/partenariats/:id", Component: Page, loader: as(cookies.conseiller, loader) }],
      `/conseiller/partenariats/${id}`,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Partenariat avec Garage Sahel");
    const link = screen.getByRole("link", { name: "Rédiger et signer la convention" });
    expect(link.getAttribute("href")).toBe(`/conseiller/partenariats/${id}/convention`);
    expect(screen.getByRole("link", { name: "Voir la page de l'entreprise" }).getAttribute("href")).toBe(
      `/entreprises/${orgId}`,
    );
    const timeline = screen.getByRole("region", { name: "Historique" });
    expect(within(timeline).getByText("Entreprise contactée → Rencontre faite")).toBeTruthy();
    expect(within(timeline).getByText("Appel au gérant")).toBeTruthy();
    expect(within(timeline).getAllByText(/par Kadia Konaté/).length).toBe(3);
  });

  it("shows a document with its download link", async () => {
    const id = newPartnership();
    const { documentId } = attach(id, "Statuts de l'entreprise");
    const fileId = getDb()
      .select()
      .from(partnershipDocuments)
      .where(eq(partnershipDocuments.id, documentId))
      .get()!.fileId;
    await renderRoutes(
      [{ path: "/conseiller/partenariats/:id", Component: Page, loader: as(cookies.conseiller, loader) }],
      `/conseiller/partenariats/${id}`,
    );
    const link = screen.getByRole("link", { name: "Télécharger Statuts de l'entreprise" });
    expect(link.getAttribute("href")).toBe(`/fichiers/${fileId}`);
    expect(screen.getByRole("button", { name: "Retirer le document Statuts de l'entreprise" })).toBeTruthy();
  });

  it.each([
    ["a move not allowed from the status", { action: "activate" }, "partnerships:errors.notAllowed", null],
    ["signing from the page", { action: "sign" }, "partnerships:errors.notAllowed", null],
    ["an unknown move", { action: "steal" }, "partnerships:errors.notAllowed", null],
    ["a day in the future", { action: "contact", happenedOn: addDays(today, 2) }, null, "happenedOn"],
    ["a day that is no date", { action: "contact", happenedOn: "2026-02-30" }, null, "happenedOn"],
    ["SQL as a date", { action: "contact", happenedOn: "'; DROP TABLE partnerships; --" }, null, "happenedOn"],
    ["a past next step", { action: "contact", nextStepDue: "2001-01-01" }, null, "nextStepDue"],
    ["a decline without reason", { action: "decline" }, null, "declineReason"],
    ["a decline for another reason without note", { action: "decline", declineReason: "other" }, null, "note"],
    ["an unknown reason", { action: "decline", declineReason: "<script>" }, null, "declineReason"],
    ["a huge note", { action: "contact", note: "x".repeat(5000) }, null, "note"],
  ])("refuses %s with 400 and a message, keeping what was typed", async (_, fields, formError, field) => {
    const id = newPartnership();
    const result = (await post(id, { intent: "move", ...fields } as Record<string, string>)) as Refused;
    expect(statusOf(result)).toBe(400);
    if (formError) expect(result.data.formError).toBe(formError);
    if (field) expect(result.data.fieldErrors[field]).toMatch(/^partnerships:errors\./);
    expect(result.data.values.action).toBe(fields.action);
    expect(statusNow(id).status).toBe("requested");
  });

  it.each([
    ["an empty form", {}],
    ["an unknown intent", { intent: "<script>alert(1)</script>" }],
    ["an empty note", { intent: "note", note: "   " }],
    ["a counsellor who is an employer", { intent: "assign", counsellorId: "EMPLOYER" }],
    ["a counsellor id of 10 000 digits", { intent: "assign", counsellorId: "9".repeat(10_000) }],
    ["a date that is words", { intent: "reschedule", nextStepDue: "demain" }],
    ["a date in the past", { intent: "reschedule", nextStepDue: addDays(today, -1) }],
    ["another partnership's document", { intent: "document.remove", documentId: "OTHER_DOC" }],
  ])("answers %s with 400, never a 500", async (_, fields) => {
    const id = newPartnership();
    const other = newPartnership();
    const doc = attach(other, "Statuts");
    const values = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [
        k,
        v === "EMPLOYER" ? String(ids.employer) : v === "OTHER_DOC" ? String(doc.documentId) : v,
      ]),
    );
    const result = await post(id, values);
    expect(statusOf(result)).toBe(400);
    expect(
      getDb().select().from(partnershipDocuments).where(eq(partnershipDocuments.partnershipId, other)).all(),
    ).toHaveLength(1);
  });

  it("takes, hands over and gives back the partnership, adds a note and changes the next step's date", async () => {
    const id = newPartnership();
    expect(statusOf(await post(id, { intent: "take" }))).toBe(302);
    expect(statusNow(id).counsellorId).toBe(ids.counsellor);
    await post(id, { intent: "assign", counsellorId: String(ids.other) });
    expect(statusNow(id).counsellorId).toBe(ids.other);
    await post(id, { intent: "release" }, cookies.admin);
    expect(statusNow(id).counsellorId).toBeNull();
    await post(id, { intent: "note", note: "<script>alert(1)</script> rappeler lundi" });
    const notes = getDb().select().from(partnershipEvents).where(eq(partnershipEvents.partnershipId, id)).all();
    expect(notes).toMatchObject([
      { fromStatus: null, toStatus: null, note: "<script>alert(1)</script> rappeler lundi" },
    ]);
    const due = addDays(today, 9);
    await post(id, { intent: "reschedule", nextStepDue: due });
    expect(statusNow(id).nextStepDue).toBe(due);
    const actions = getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(id)))
      .all()
      .map((row) => row.action);
    expect(actions).toEqual([
      "partnership.assigned",
      "partnership.assigned",
      "partnership.assigned",
      "partnership.noted",
      "partnership.rescheduled",
    ]);
  });
});
