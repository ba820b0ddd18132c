// @vitest-environment jsdom
// The company's side of its partnerships: its list, one partnership (request,
// dated steps without the staff's notes, its own documents, the counsellor),
// withdrawing before signing, and the notifications' words. Bad input tried:
// another company's id, ids that are not numbers, an unknown intent, a candidate.
import fs from "node:fs";
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { partnershipLifecycle } from "../../app/models/lifecycles/partnership";
import { requestPartnership, transitionPartnership } from "../../app/models/lifecycles/partnership.server";
import { notifyUsers } from "../../app/models/notifications.server";
import EmployerHome, { loader as homeLoader } from "../../app/routes/employeur._index";
import EmployerPartnerships, { loader as listLoader } from "../../app/routes/employeur.partenariats._index";
import EmployerPartnershipPage, { action, loader } from "../../app/routes/employeur.partenariats.$id";
import { loader as fileLoader } from "../../app/routes/fichiers.$fileId";
import { getDb } from "../../app/utils/db.server";
import { files, notifications, partnershipDocuments, partnerships } from "../../db/schema";
import {
  addMember,
  insertCandidate,
  insertConvention,
  insertCounsellor,
  insertEmployer,
  insertPartner,
  insertPartnership,
  insertProgramme,
  pdfBytes,
  programmeText,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, outcomeStatus, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

const ids = { own: 0, active: 0, others: 0, ownFile: 0, othersFile: 0, programme: 0, employer: 0, colleague: 0 };
let cookie = "";
let othersCookie = "";
let candidateCookie = "";

function attach(partnershipId: number, label: string) {
  const db = getDb();
  const bytes = pdfBytes();
  const file = db
    .insert(files)
    .values({ name: `${label}.pdf`, contentType: "application/pdf", size: bytes.length, sha256: label, data: bytes })
    .returning()
    .get();
  db.insert(partnershipDocuments).values({ partnershipId, fileId: file.id, label }).run();
  return file.id;
}

beforeAll(async () => {
  const db = getDb();
  const oim = insertPartner(db, "OIM Mali", "OIM");
  const counsellor = insertCounsellor(db, oim, "Awa Konaté");
  const programme = insertProgramme(db, {
    texts: { fr: programmeText("Apprentissage en atelier"), en: programmeText("Workshop apprenticeships") },
  });
  ids.programme = programme.id;
  const { user, org } = await insertEmployer(db, "verified", "Atelier Diarra");
  const colleague = await insertEmployer(db, "verified", "Autre atelier");
  addMember(db, colleague.user.id, org.id, "member");
  ids.employer = user.id;
  ids.colleague = colleague.user.id;
  const other = await insertEmployer(db, "verified", "Garage Keïta");

  const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
  const requested = requestPartnership(db, {
    orgId: org.id,
    programmeId: programme.id,
    need: "Accueillir 4 apprentis mécaniciens",
    contact: "Moussa, 76 12 34 56, le matin",
    actor: { userId: user.id, roles: ["employer"] },
    now: day(2),
  });
  if (!requested.ok) throw new Error(requested.reason);
  const own = { id: requested.id };
  ids.own = own.id;
  db.update(partnerships).set({ counsellorId: counsellor.id }).where(eq(partnerships.id, own.id)).run();
  const staff = { userId: counsellor.id, roles: ["counsellor"] as const };
  for (const [action, on, note] of [
    ["contact", "2026-11-03", "Le patron semble pressé, vérifier le RCCM"],
    ["hold_meeting", "2026-11-10", "Note interne : atelier exigu"],
  ] as const) {
    const moved = transitionPartnership(db, {
      partnershipId: own.id,
      action,
      actor: staff,
      happenedOn: on,
      note,
      nextStepDue: "2026-12-12",
      now: day(20),
    });
    expect(moved.ok).toBe(true);
  }
  const active = insertPartnership(db, {
    orgId: org.id,
    programmeId: programme.id,
    status: "active",
    createdAt: day(1),
  });
  ids.active = active.id;
  insertConvention(db, active, {
    startDate: "2026-11-01",
    endDate: "2027-10-31",
    commitments: [{ offerType: "apprentissage", quantity: 4 }],
  });
  ids.others = insertPartnership(db, { orgId: other.org.id, programmeId: programme.id, need: "Secret de Keïta" }).id;
  ids.ownFile = attach(own.id, "Statuts de l'atelier");
  ids.othersFile = attach(ids.others, "Statuts du garage");

  cookie = await sessionCookieFor(db, user.id);
  othersCookie = await sessionCookieFor(db, other.user.id);
  candidateCookie = await sessionCookieFor(db, insertCandidate(db).id);
});

const detailRoute = (who = cookie) => ({
  path: "/employeur/partenariats/:id",
  Component: EmployerPartnershipPage,
  loader: as(who, loader),
  action: as(who, action),
});

describe("/employeur/partenariats", () => {
  it("lists the company's partnerships, newest first, with their step and what comes next", async () => {
    await renderRoutes(
      [{ path: "/employeur/partenariats", Component: EmployerPartnerships, loader: as(cookie, listLoader) }],
      "/employeur/partenariats",
    );
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText("Rencontre faite")).toBeTruthy();
    expect(
      within(items[0]!).getByText(
        "Prochaine étape : remettre les documents demandés à votre conseiller, d'ici le 12 décembre 2026.",
      ),
    ).toBeTruthy();
    expect(within(items[1]!).getByText("En cours")).toBeTruthy();
    expect(within(items[1]!).getByText(/^Convention CONV-TEST-/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Découvrir les programmes" }).getAttribute("href")).toBe("/partenariats");
    expect(screen.queryByText(/Keïta/)).toBeNull();
  });

  it("says when a counsellor will call, even before a date is set", async () => {
    const page = await callRoute(listLoader, "/employeur/partenariats", { cookie: othersCookie });
    expect(page.partnerships.map((p) => [p.id, p.nextStepDue])).toEqual([[ids.others, null]]);
    await renderRoutes(
      [{ path: "/employeur/partenariats", Component: EmployerPartnerships, loader: as(othersCookie, listLoader) }],
      "/employeur/partenariats",
      { lng: "en" },
    );
    expect(screen.getByText("A counsellor will soon get in touch with you for the next step.")).toBeTruthy();
  });

  it("explains what partnerships are to a company that has none", async () => {
    const db = getDb();
    const lonely = await insertEmployer(db, "verified", "Seul");
    const lonelyCookie = await sessionCookieFor(db, lonely.user.id);
    await renderRoutes(
      [{ path: "/employeur/partenariats", Component: EmployerPartnerships, loader: as(lonelyCookie, listLoader) }],
      "/employeur/partenariats",
      { lng: "en" },
    );
    expect(screen.getByRole("heading", { name: "No partnership yet" })).toBeTruthy();
    expect(screen.getByText(/a counsellor calls you back/)).toBeTruthy();
  });

  it("refuses candidates (403) and sends visitors to log in", async () => {
    expect(await thrownStatus(callRoute(listLoader, "/employeur/partenariats", { cookie: candidateCookie }))).toBe(403);
    expect(await thrownStatus(callRoute(listLoader, "/employeur/partenariats"))).toBe(302);
  });
});

describe("/employeur/partenariats/:id", () => {
  it("shows the request, the dated steps without the staff's notes, the counsellor and the documents", async () => {
    await renderRoutes([detailRoute()], `/employeur/partenariats/${ids.own}`);
    expect(screen.getByRole("heading", { level: 1, name: "Partenariat : Apprentissage en atelier" })).toBeTruthy();
    expect(screen.getByText("Accueillir 4 apprentis mécaniciens")).toBeTruthy();
    expect(screen.getByText("Moussa, 76 12 34 56, le matin")).toBeTruthy();
    expect(screen.getByText("Awa Konaté (OIM)")).toBeTruthy();
    const steps = within(screen.getByRole("region", { name: "Les étapes" })).getAllByRole("listitem");
    expect(steps.map((li) => li.textContent)).toEqual([
      "Demande reçue 2 novembre 2026",
      "Entreprise contactée 3 novembre 2026",
      "Rencontre faite 10 novembre 2026",
    ]);
    expect(screen.queryByText(/RCCM|exigu|Note interne/)).toBeNull();
    const download = screen.getByRole("link", { name: "Télécharger Statuts de l'atelier" });
    expect(download.getAttribute("href")).toBe(`/fichiers/${ids.ownFile}`);
    expect(screen.queryByText(/garage/)).toBeNull();
  });

  it("lets the company's members download its own documents, never another company's", async () => {
    const download = (fileId: number, who: string) =>
      outcomeStatus(callRoute(fileLoader, `/fichiers/${fileId}`, { cookie: who, params: { fileId: String(fileId) } }));
    expect(await download(ids.ownFile, cookie)).toBe(200);
    expect(await download(ids.othersFile, cookie)).toBe(404);
    expect(await download(ids.ownFile, othersCookie)).toBe(404);
  });

  it("shows a signed partnership's convention, and offers no withdrawal", async () => {
    await renderRoutes([detailRoute()], `/employeur/partenariats/${ids.active}`, { lng: "en" });
    expect(screen.getByRole("heading", { name: /^Agreement CONV-TEST-\d+$/ })).toBeTruthy();
    expect(screen.getByText("from 1 November 2026 to 31 October 2027")).toBeTruthy();
    expect(screen.getByRole("heading", { name: /^Results of agreement CONV-TEST-/ })).toBeTruthy();
    expect(screen.queryByText("Withdraw the request")).toBeNull();
  });

  it.each([
    ["another company's partnership", () => String(ids.others)],
    ["a partnership that does not exist", () => "999999"],
    ["a word", () => "abc"],
    ["SQL", () => "1 OR 1=1"],
    ["a negative id", () => "-1"],
    ["a script", () => "<script>alert(1)</script>"],
  ])("answers 404 to %s, read or posted", async (_, id) => {
    const url = `/employeur/partenariats/${encodeURIComponent(id())}`;
    const params = { id: id() };
    expect(await thrownStatus(callRoute(loader, url, { cookie, params }))).toBe(404);
    const posted = callRoute(action, url, { cookie, params, body: { intent: "withdraw" } });
    expect(await thrownStatus(posted)).toBe(404);
  });

  it("refuses candidates (403)", async () => {
    const params = { id: String(ids.own) };
    const url = `/employeur/partenariats/${ids.own}`;
    expect(await thrownStatus(callRoute(loader, url, { cookie: candidateCookie, params }))).toBe(403);
    const posted = callRoute(action, url, { cookie: candidateCookie, params, body: { intent: "withdraw" } });
    expect(await thrownStatus(posted)).toBe(403);
  });

  it("refuses a signed partnership's withdrawal (409) and an unknown intent (400)", async () => {
    const db = getDb();
    const params = { id: String(ids.active) };
    const url = `/employeur/partenariats/${ids.active}`;
    const refused = await callRoute(action, url, { cookie, params, body: { intent: "withdraw" } });
    expect(statusOf(refused)).toBe(409);
    expect(db.select().from(partnerships).where(eq(partnerships.id, ids.active)).get()!.status).toBe("active");
    const odd = callRoute(action, url, { cookie, params: { id: String(ids.own) }, body: { intent: "sign" } });
    expect(await thrownStatus(odd)).toBe(400);
  });

  it.each([
    [{}],
    [{ intent: "" }],
    [{ intent: "withdraw".repeat(2000) }],
    [{ intent: "<script>alert(1)</script>" }],
    [{ intent: "withdraw' OR 1=1 --" }],
    [{ intent: ["sign", "close"] }],
    [{ __proto__: "withdraw", constructor: "withdraw" }],
  ])("answers 400 to the body %j and changes nothing", async (body) => {
    const params = { id: String(ids.own) };
    const posted = callRoute(action, `/employeur/partenariats/${ids.own}`, { cookie, params, body });
    expect(await thrownStatus(posted)).toBe(400);
    expect(getDb().select().from(partnerships).where(eq(partnerships.id, ids.own)).get()!.status).toBe("meeting_held");
  });

  it("withdraws the request after a confirmation, and tells the company's members", async () => {
    const user = await renderRoutes([detailRoute()], `/employeur/partenariats/${ids.own}`);
    await user.click(screen.getByText("Retirer la demande"));
    await user.click(screen.getByRole("button", { name: "Oui, retirer la demande" }));
    expect(await screen.findByText("Votre demande est retirée.")).toBeTruthy();
    expect(screen.getByText("Cette demande est close : vous avez retiré votre demande.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Oui, retirer la demande" })).toBeNull();
    const db = getDb();
    const row = db.select().from(partnerships).where(eq(partnerships.id, ids.own)).get()!;
    expect([row.status, row.declineReason]).toEqual(["declined", "company_withdrew"]);
    const told = db.select().from(notifications).where(eq(notifications.kind, "partnership.withdrawn")).all();
    expect(told.map((n) => n.userId).sort()).toEqual([ids.employer, ids.colleague].sort());
  });
});

describe("the company's notifications and dashboard", () => {
  it("writes every step of the lifecycle in French and English", () => {
    const kinds = partnershipLifecycle.moves.map((move) => move.notify!.replace("partnership.", ""));
    for (const lng of ["fr", "en"]) {
      const words = JSON.parse(fs.readFileSync(`locales/${lng}/notifications.json`, "utf8")).partnership;
      expect(kinds.filter((kind) => typeof words[kind] !== "string")).toEqual([]);
    }
  });

  it("says a refusal's coded reason in words and the step's day written out", async () => {
    const db = getDb();
    const link = `/employeur/partenariats/${ids.active}`;
    notifyUsers(db, [ids.colleague], {
      kind: "partnership.declined",
      payload: { on: "2026-11-20", reason: "programme_full" },
      link,
    });
    notifyUsers(db, [ids.colleague], { kind: "partnership.contacted", payload: { on: "2026-11-21", reason: null } });
    const colleagueCookie = await sessionCookieFor(db, ids.colleague);
    await renderRoutes(
      [{ path: "/employeur", Component: EmployerHome, loader: as(colleagueCookie, homeLoader) }],
      "/employeur",
    );
    expect(await screen.findByText("Motif : le programme est complet")).toBeTruthy();
    expect(
      screen.getByText(/Un conseiller a pris contact avec votre entreprise le 21 novembre 2026\. Prochaine étape/),
    ).toBeTruthy();
    const card = screen.getByRole("region", { name: "Partenariats" });
    expect(
      within(card).getByRole("link", { name: /^Convention CONV-TEST-\d+ : En cours · 0 sur 4 placés$/ }),
    ).toBeTruthy();
  });
});
