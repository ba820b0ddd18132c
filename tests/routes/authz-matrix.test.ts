// The authorisation matrix: every route of app/routes.ts × nine kinds of caller
// × GET (loader) and POST (action, with an empty form), each expected status
// written once in MATRIX below. The route modules are called as the server calls
// them (node environment, the process-wide in-memory database of this file).
//
// The ids in the URLs are those of candidate A (Awa) and employer A (Atelier
// Sanogo): "otherCandidat" and "otherEmployeur" own their own offer,
// application and CV, and must be refused A's (404, as if they did not exist).
// Two callers put their own organisation's ids in the URLs instead: a member
// of a suspended organisation ("suspendedEmployeur", whose offer has one
// applicant with a CV) and the employer of a withdrawn application
// ("withdrawnEmployeur", whose only applicant withdrew hers).
// Reading the statuses: 302 = sent to the login page (visitors) or to the
// caller's own space; 403 = wrong role; 404 = not yours / does not exist;
// 400 = the rightful caller got past the checks and the empty form was refused.
// Bad input tried here: an empty form on every action, another owner's ids in
// the URL, and another owner's ids in the form (the last describe block).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { storeCv } from "../../app/models/files.server";
import routes from "../../app/routes";
import { DEMO_CHANNEL_TOKEN } from "../../app/utils/channel-auth.server";
import { getDb } from "../../app/utils/db.server";
import { applications, offers } from "../../db/schema";
import { type AuthzWorld, buildAuthzWorld, CALLERS, type Caller, callAs, fillPath } from "../helpers/authz";
import {
  insertApplicationWith,
  pdfBytes,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { insertPartnership, insertProgramme } from "../helpers/factories/partnerships";

type Row = Record<Caller, number>;
type Entry = { GET: Row | "none"; POST: Row | "none" };

const CANDIDATES: readonly Caller[] = ["candidat", "otherCandidat"];
const EMPLOYERS: readonly Caller[] = ["employeur", "otherEmployeur", "suspendedEmployeur", "withdrawnEmployeur"];
const STAFF: readonly Caller[] = ["conseiller", "admin"];

/** Every caller gets the same status. */
function everyone(status: number): Row {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Row;
}

/** A space behind login: visitors are sent to the login page (302), its owners get `status`, everybody else 403. */
function spaceOf(owners: readonly Caller[], status: number): Row {
  const statusOf = (caller: Caller) => (caller === "visitor" ? 302 : owners.includes(caller) ? status : 403);
  return Object.fromEntries(CALLERS.map((caller) => [caller, statusOf(caller)])) as Row;
}

const PUBLIC_PAGE: Entry = { GET: everyone(200), POST: "none" };
/** A page of a space with a form: the owners' empty form is refused (400). */
const formPageOf = (owners: readonly Caller[]): Entry => ({ GET: spaceOf(owners, 200), POST: spaceOf(owners, 400) });
const readPageOf = (owners: readonly Caller[]): Entry => ({ GET: spaceOf(owners, 200), POST: "none" });
const CANDIDATE_PAGE = formPageOf(CANDIDATES);
const EMPLOYER_PAGE = formPageOf(EMPLOYERS);
const STAFF_PAGE = formPageOf(STAFF);
const STAFF_READ_PAGE = readPageOf(STAFF);

// Keys: "/" + the path in app/routes.ts ("/" for the index route, "*" for the catch-all).
// Each row is a rule (who the page is for) and its exceptions, written after it.
const MATRIX: Record<string, Entry> = {
  "/": PUBLIC_PAGE,
  "/offres": PUBLIC_PAGE,
  "/offres/:offerId": PUBLIC_PAGE,
  // An application needs no field: candidate B applies to offer A (302 to the application);
  // candidate A already applied, so the page is shown again (200) and nothing is added.
  // A visitor sees the page's gate (200: log in there or register); what they post without
  // logging in goes back to it (302).
  "/offres/:offerId/postuler": {
    GET: { ...spaceOf(CANDIDATES, 200), visitor: 200 },
    POST: { ...spaceOf(CANDIDATES, 302), candidat: 200 },
  },
  // Anyone may report an offer, visitors too: the empty form is refused (400).
  "/offres/:offerId/signaler": { GET: everyone(200), POST: everyone(400) },
  // A suspended organisation has no public page, not even for its members.
  "/entreprises/:orgId": { GET: { ...everyone(200), suspendedEmployeur: 404 }, POST: "none" },
  "/partenariats": PUBLIC_PAGE,
  // Anyone reads a programme; companies (and visitors, who are sent to sign up) post the interest form.
  "/partenariats/:programmeId": {
    GET: everyone(200),
    POST: { ...everyone(403), visitor: 400, ...Object.fromEntries(EMPLOYERS.map((caller) => [caller, 400])) },
  },
  // Visitors-only pages: a logged-in caller is sent to their space (302).
  "/inscription": { GET: { ...everyone(302), visitor: 200 }, POST: everyone(400) },
  "/connexion": { GET: { ...everyone(302), visitor: 200 }, POST: everyone(400) },
  // Logging out never needs a session: everybody ends on the home page (302).
  "/deconnexion": { GET: everyone(302), POST: everyone(302) },
  // A token that matches no invitation: 404 for everyone. POST: a visitor or an employer
  // without the right intent is refused first (400); other roles cannot join (403).
  "/invitation/:token": {
    GET: everyone(404),
    POST: { ...everyone(400), candidat: 403, otherCandidat: 403, conseiller: 403, admin: 403 },
  },
  "/candidat": CANDIDATE_PAGE,
  "/candidat/profil": CANDIDATE_PAGE,
  "/candidat/candidatures": CANDIDATE_PAGE,
  "/candidat/alertes": CANDIDATE_PAGE,
  "/candidat/favoris": CANDIDATE_PAGE,
  "/candidat/compte": CANDIDATE_PAGE,
  // Candidate A's CV: its owner, employer A (A applied to their offer with it), counsellors and
  // admins; nobody else even learns it exists (404) — nor does the suspended organisation or the
  // employer of a withdrawn application learn of their own applicant's. POST only serves
  // /fichiers/mes-donnees.
  "/fichiers/:fileId": {
    GET: { ...everyone(404), visitor: 302, candidat: 200, employeur: 200, conseiller: 200, admin: 200 },
    POST: { ...everyone(404), visitor: 302 },
  },
  "/employeur": EMPLOYER_PAGE,
  "/employeur/organisation": EMPLOYER_PAGE,
  "/employeur/offres": EMPLOYER_PAGE,
  "/employeur/offres/nouvelle": EMPLOYER_PAGE,
  // Employer A's offer: employer B gets 404 on it, as on its applications below.
  "/employeur/offres/:offerId": {
    GET: { ...spaceOf(EMPLOYERS, 200), otherEmployeur: 404 },
    POST: { ...spaceOf(EMPLOYERS, 400), otherEmployeur: 404 },
  },
  // A suspended organisation's applicants: a 403 page saying why, on the list, the
  // application and every move. A withdrawn application is still listed and shown
  // (name and history; its contact details are checked below).
  "/employeur/offres/:offerId/candidatures": {
    GET: { ...spaceOf(EMPLOYERS, 200), otherEmployeur: 404, suspendedEmployeur: 403 },
    POST: "none",
  },
  "/employeur/offres/:offerId/candidatures/:applicationId": {
    GET: { ...spaceOf(EMPLOYERS, 200), otherEmployeur: 404, suspendedEmployeur: 403 },
    POST: { ...spaceOf(EMPLOYERS, 400), otherEmployeur: 404, suspendedEmployeur: 403 },
  },
  "/employeur/partenariats": readPageOf(EMPLOYERS),
  // Employer A's partnership: every other company, suspended and withdrawn ones too, gets 404.
  "/employeur/partenariats/:id": {
    GET: { ...spaceOf(EMPLOYERS, 404), employeur: 200 },
    POST: { ...spaceOf(EMPLOYERS, 404), employeur: 400 },
  },
  "/conseiller": STAFF_PAGE,
  "/conseiller/moderation": STAFF_PAGE,
  "/conseiller/candidats": STAFF_PAGE,
  "/conseiller/candidats/nouveau": STAFF_PAGE,
  "/conseiller/candidats/:userId": STAFF_PAGE,
  "/conseiller/offres/:offerId/correspondances": STAFF_PAGE,
  "/conseiller/placements": STAFF_PAGE,
  "/conseiller/rappels": STAFF_PAGE,
  "/conseiller/partenariats": STAFF_READ_PAGE,
  "/conseiller/partenariats/:id": STAFF_PAGE,
  // Employer A's partnership is only requested: the page says why there is no form yet; a post is refused.
  "/conseiller/partenariats/:id/convention": STAFF_PAGE,
  "/conseiller/rapports": STAFF_READ_PAGE,
  "/conseiller/rapports/placements.csv": STAFF_READ_PAGE,
  "/conseiller/rapports/indicateurs.csv": STAFF_READ_PAGE,
  "/activer-compte": { GET: "none", POST: everyone(400) },
  // Anyone may ask for a reset code or type one (a logged-in person on a shared phone too).
  "/mot-de-passe-oublie": { GET: "none", POST: everyone(400) },
  "/nouveau-mot-de-passe": { GET: everyone(200), POST: everyone(400) },
  // Every signed-in person may confirm or change their own number; an empty form is a 400.
  "/confirmer-telephone": {
    GET: { ...everyone(200), visitor: 302 },
    POST: { ...everyone(400), visitor: 302 },
  },
  "/admin": readPageOf(["admin"]),
  "/admin/utilisateurs": formPageOf(["admin"]),
  "/admin/organisations": formPageOf(["admin"]),
  "/admin/programmes": formPageOf(["admin"]),
  "/admin/programmes/:programmeId": formPageOf(["admin"]),
  "/admin/journal": readPageOf(["admin"]),
  // Candidates have their account page at /candidat/compte (302).
  "/compte": {
    GET: { ...spaceOf([...EMPLOYERS, ...STAFF], 200), candidat: 302, otherCandidat: 302 },
    POST: { ...spaceOf([...EMPLOYERS, ...STAFF], 400), candidat: 302, otherCandidat: 302 },
  },
  "/confidentialite": { GET: "none", POST: "none" },
  "/healthz": PUBLIC_PAGE,
  // The SMS aggregator's endpoint: a session is no gateway token (401 for everyone); the token's own cases are below.
  "/api/sms": { GET: "none", POST: everyone(401) },
  // The USSD aggregator's endpoint: the same (its token's own cases are below too).
  "/api/ussd": { GET: "none", POST: everyone(401) },
  "*": { GET: everyone(404), POST: everyone(404) },
};

type RouteEntry = { path?: string; file: string; index?: boolean };
const ROUTES = routes as RouteEntry[];
const keyOf = (route: RouteEntry) => (route.index ? "/" : route.path === "*" ? "*" : `/${route.path}`);

const modules = import.meta.glob<{ loader?: unknown; action?: unknown }>("../../app/routes/*.{ts,tsx}");
function loadModule(file: string) {
  const load = modules[`../../app/${file}`];
  if (!load) throw new Error(`no module app/${file}`);
  return load();
}

let world: AuthzWorld;
let params: Record<string, string>;

beforeAll(async () => {
  world = await buildAuthzWorld(getDb());
  params = {
    offerId: String(world.offerA),
    orgId: String(world.orgA),
    // No invitation in this world: a well-formed token that matches none.
    token: "T".repeat(43),
    fileId: String(world.cvA),
    applicationId: String(world.applicationA),
    userId: String(world.userIds.candidat),
    programmeId: String(insertProgramme(getDb()).id),
    // Employer A's partnership (its request to a programme).
    id: String(insertPartnership(getDb(), { orgId: world.orgA, programmeId: insertProgramme(getDb()).id }).id),
    "*": "nulle-part",
  };
});

/** A's ids for everybody, except the two callers who put their own organisation's in the URLs. */
function paramsOf(caller: Caller): Record<string, string> {
  if (caller !== "suspendedEmployeur" && caller !== "withdrawnEmployeur") return params;
  const own = world.ownIds[caller];
  return {
    ...params,
    orgId: String(own.orgId),
    offerId: String(own.offerId),
    applicationId: String(own.applicationId),
    fileId: String(own.fileId),
  };
}

describe("the matrix covers app/routes.ts", () => {
  it("has one row per route, and no row for a route that is gone", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map(keyOf).sort());
  });

  it("checks every kind of caller in every row", () => {
    for (const entry of Object.values(MATRIX)) {
      for (const row of [entry.GET, entry.POST]) {
        if (row !== "none") expect(Object.keys(row).sort()).toEqual([...CALLERS].sort());
      }
    }
  });
});

const CELLS = ROUTES.flatMap((route) =>
  (["GET", "POST"] as const).map((method) => ({
    key: keyOf(route),
    route,
    method,
    expected: MATRIX[keyOf(route)]?.[method],
  })),
);

describe.each(CELLS)("$method $key", ({ route, method, expected }) => {
  it("answers each caller with the status in the matrix", async () => {
    if (expected === undefined) throw new Error("this route has no row in MATRIX");
    const module = await loadModule(route.file);
    const handler = method === "GET" ? module.loader : module.action;
    if (expected === "none") {
      expect(handler, `app/${route.file} exports a ${method === "GET" ? "loader" : "action"}`).toBeUndefined();
      return;
    }
    expect(handler, `app/${route.file} has no ${method === "GET" ? "loader" : "action"}`).toBeTypeOf("function");
    const got = {} as Row;
    for (const caller of CALLERS) {
      const own = paramsOf(caller);
      const url = route.index ? "/" : fillPath(route.path!, own);
      got[caller] = await callAs(getDb(), world, caller, handler as never, method, url, own);
    }
    expect(got).toEqual(expected);
  });
});

describe("other people's ids in forms and mixed URLs", () => {
  const post = (
    caller: Caller,
    module: Promise<{ action?: unknown }>,
    url: string,
    form: Record<string, string>,
    routeParams = {},
  ) =>
    module.then((m) =>
      callAs(getDb(), world, caller, m.action as never, "POST", url, routeParams, new URLSearchParams(form)),
    );
  const statusOfApplication = () =>
    getDb()
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.id, world.applicationA))
      .get()?.status;
  const statusOfOffer = () =>
    getDb().select({ status: offers.status }).from(offers).where(eq(offers.id, world.offerA)).get()?.status;

  it("another candidate cannot withdraw candidate A's application", async () => {
    const status = await post(
      "otherCandidat",
      loadModule("routes/candidat.candidatures.tsx"),
      "/candidat/candidatures",
      {
        intent: "withdraw",
        applicationId: String(world.applicationA),
      },
    );
    expect(status).toBe(404);
    expect(statusOfApplication()).toBe("submitted");
  });

  it("another employer cannot close or duplicate employer A's offer", async () => {
    for (const intent of ["close", "fill", "duplicate"]) {
      const status = await post(
        "otherEmployeur",
        loadModule("routes/employeur.offres._index.tsx"),
        "/employeur/offres",
        {
          intent,
          offerId: String(world.offerA),
        },
      );
      expect(status, intent).toBe(404);
    }
    expect(statusOfOffer()).toBe("published");
  });

  it("another employer cannot reach A's application through their own offer's URL", async () => {
    const routeParams = { offerId: String(world.offerB), applicationId: String(world.applicationA) };
    const url = `/employeur/offres/${world.offerB}/candidatures/${world.applicationA}`;
    const module = await loadModule("routes/employeur.offres.$offerId.candidatures.$applicationId.tsx");
    expect(await callAs(getDb(), world, "otherEmployeur", module.loader as never, "GET", url, routeParams)).toBe(404);
    const moved = await post(
      "otherEmployeur",
      Promise.resolve(module),
      url,
      { intent: "move", to: "rejected", refusalReason: "profile" },
      routeParams,
    );
    expect(moved).toBe(404);
    expect(statusOfApplication()).toBe("submitted");
  });

  it("an employer cannot download the CV of a candidate who never applied to them", async () => {
    // A candidate of its own (candidate B applied to offer A in the matrix, as a candidate may).
    const db = getDb();
    const kadi = await registerCandidate(db, { phone: "70 11 22 35", firstName: "Kadi", lastName: "Coulibaly" });
    const stored = storeCv(db, kadi.id, { name: "cv-kadi.pdf", bytes: pdfBytes() });
    if (!stored.ok) throw new Error(stored.error);
    insertApplicationWith(db, { offerId: world.offerB, candidateId: kadi.id, cvFileId: stored.fileId });
    const module = await loadModule("routes/fichiers.$fileId.ts");
    const fileParams = { fileId: String(stored.fileId) };
    const url = `/fichiers/${stored.fileId}`;
    expect(await callAs(db, world, "employeur", module.loader as never, "GET", url, fileParams)).toBe(404);
    expect(await callAs(db, world, "otherEmployeur", module.loader as never, "GET", url, fileParams)).toBe(200);
  });

  it("an employer cannot download the profile CV of a candidate who applied to them without it", async () => {
    const db = getDb();
    const issa = await registerCandidate(db, { phone: "70 11 22 36", firstName: "Issa", lastName: "Traoré" });
    const stored = storeCv(db, issa.id, { name: "cv-issa.pdf", bytes: pdfBytes() });
    if (!stored.ok) throw new Error(stored.error);
    insertApplicationWith(db, { offerId: world.offerB, candidateId: issa.id, cvFileId: null });
    const module = await loadModule("routes/fichiers.$fileId.ts");
    const fileParams = { fileId: String(stored.fileId) };
    expect(
      await callAs(
        db,
        world,
        "otherEmployeur",
        module.loader as never,
        "GET",
        `/fichiers/${stored.fileId}`,
        fileParams,
      ),
    ).toBe(404);
  });

  it("the employer of a withdrawn application keeps its name, never the phone, e-mail or CV, in the page's data", async () => {
    const own = world.ownIds.withdrawnEmployeur;
    const routeParams = { offerId: String(own.offerId), applicationId: String(own.applicationId) };
    const url = `/employeur/offres/${own.offerId}/candidatures/${own.applicationId}`;
    const module = await loadModule("routes/employeur.offres.$offerId.candidatures.$applicationId.tsx");
    const cookie = await sessionCookieFor(getDb(), world.userIds.withdrawnEmployeur);
    const seen = (await (module.loader as (args: never) => Promise<unknown>)({
      request: requestWithCookie(`http://localhost${url}`, cookie),
      params: routeParams,
      context: {},
    } as never)) as { application: { status: string; cvFileId: number | null; applicant: { name: string } } };
    expect(seen.application).toMatchObject({
      status: "withdrawn",
      cvFileId: null,
      applicant: { name: expect.any(String) },
    });
    const text = JSON.stringify(seen);
    expect(text).not.toContain(world.withdrawnContact.phone.slice(4));
    expect(text).not.toContain(world.withdrawnContact.email);
  });

  it("a member of a suspended organisation cannot move its applicant, even with a complete form, nor reach A's", async () => {
    const own = world.ownIds.suspendedEmployeur;
    const module = loadModule("routes/employeur.offres.$offerId.candidatures.$applicationId.tsx");
    const statusOf = () =>
      getDb()
        .select({ status: applications.status })
        .from(applications)
        .where(eq(applications.id, own.applicationId))
        .get()?.status;
    const routeParams = { offerId: String(own.offerId), applicationId: String(own.applicationId) };
    const url = `/employeur/offres/${own.offerId}/candidatures/${own.applicationId}`;
    expect(await post("suspendedEmployeur", module, url, { intent: "move", to: "shortlisted" }, routeParams)).toBe(403);
    expect(statusOf()).toBe("submitted");
    const theirs = { offerId: String(world.offerA), applicationId: String(world.applicationA) };
    expect(
      await post(
        "suspendedEmployeur",
        module,
        `/employeur/offres/${world.offerA}/candidatures/${world.applicationA}`,
        { intent: "move", to: "shortlisted" },
        theirs,
      ),
    ).toBe(404);
    expect(statusOfApplication()).toBe("submitted");
  });
});

// Both gateway endpoints, each with a form its aggregator would send.
const GATEWAYS = [
  {
    path: "/api/sms",
    module: "routes/api.sms.ts",
    form: () => ({ from: "+22376000099", to: "36 22", text: "AIDE", id: `authz-${Math.random()}` }),
  },
  {
    path: "/api/ussd",
    module: "routes/api.ussd.ts",
    form: () => ({ sessionId: `authz-${Math.random()}`, phoneNumber: "+22376000098", text: "" }),
  },
];

describe.each(GATEWAYS)("the gateway token of POST $path", ({ path, module, form }) => {
  const post = async (url: string, headers: Record<string, string> = {}) => {
    const { action } = await loadModule(module);
    const request = new Request(`http://localhost${url}`, {
      method: "POST",
      body: new URLSearchParams(form()),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    const response = await (action as (args: never) => Promise<Response>)({
      request,
      params: {},
      context: {},
    } as never);
    return response.status;
  };
  const basic = (password: string) => `Basic ${Buffer.from(`gateway:${password}`).toString("base64")}`;

  it("refuses no token and a wrong one (401), takes the right one as ?token= or as basic auth (200)", async () => {
    expect(await post(path)).toBe(401);
    expect(await post(`${path}?token=wrong`)).toBe(401);
    expect(await post(path, { Authorization: basic("wrong") })).toBe(401);
    expect(await post(`${path}?token=${DEMO_CHANNEL_TOKEN}`)).toBe(200);
    expect(await post(path, { Authorization: basic(DEMO_CHANNEL_TOKEN) })).toBe(200);
  });
});
