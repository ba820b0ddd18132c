// The loaders of the four spaces, /healthz and the not-found route, called as the
// server calls them (node environment, the process-wide in-memory database).
import { eq } from "drizzle-orm";
import type { UNSAFE_DataWithResponseInit as DataWithResponseInit } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { employerDashboard } from "../../app/models/dashboards.server";
import { loader as adminLoader } from "../../app/routes/admin._index";
import { loader as candidateLoader } from "../../app/routes/candidat._index";
import { loader as loginLoader } from "../../app/routes/connexion";
import { loader as counsellorLoader } from "../../app/routes/conseiller._index";
import { action as logoutAction, loader as logoutLoader } from "../../app/routes/deconnexion";
import { loader as employerLoader } from "../../app/routes/employeur._index";
import { loader as healthLoader } from "../../app/routes/healthz";
import { action as notFoundAction, loader as notFoundLoader } from "../../app/routes/not-found";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import { users } from "../../db/schema";
import {
  insertApplication,
  insertCounsellor,
  insertOffer,
  insertOrganisation,
  insertProfile,
  insertUser,
  registerCandidate,
  registerEmployer,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, thrownBy } from "../helpers/route";

type Loader = (args: never) => unknown;
const call = (loader: Loader, path: string, cookie?: string, init?: RequestInit) =>
  callRoute(loader, path, { cookie, init });

type ThrownData = { data: unknown; init: ResponseInit | null };

const cookies: Record<"candidat" | "otherCandidat" | "employeur" | "conseiller" | "admin", string> = {
  candidat: "",
  otherCandidat: "",
  employeur: "",
  conseiller: "",
  admin: "",
};
const ids: Record<string, number> = {};

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 20 30 40", firstName: "Awa", lastName: "Diarra" });
  const oumar = await registerCandidate(db, { phone: "70 20 30 41", firstName: "Oumar", lastName: "Cissé" });
  const employer = await registerEmployer(db, { email: "patron@atelier.ml", orgName: "Atelier Sanogo" });
  const counsellor = insertCounsellor(db, "OIM Mali", "Kadia Konaté");
  const admin = await insertUser(db, { role: "admin", email: "admin@baara.ml", displayName: "Admin Baara" });
  Object.assign(ids, {
    awa: awa.id,
    oumar: oumar.id,
    employer: employer.id,
    counsellor: counsellor.id,
    admin: admin.id,
  });

  // Awa applied twice, Oumar once; Awa is in the counsellor's caseload.
  const myOrgId = employerDashboard(db, employer.id).orgs[0]!.id;
  const other = insertOrganisation(db, { name: "Autre Société" });
  const mine = insertOffer(db, { orgId: myOrgId, title: "Menuisier", status: "draft" });
  const theirs = insertOffer(db, { orgId: other.id, title: "Chauffeur" });
  insertApplication(db, { offerId: mine.id, candidateId: awa.id, status: "interview" });
  insertApplication(db, { offerId: theirs.id, candidateId: awa.id, status: "submitted" });
  insertApplication(db, { offerId: theirs.id, candidateId: oumar.id, status: "hired" });
  const follower = await insertUser(db, { role: "candidat", phone: "+22370203042" });
  insertProfile(db, follower.id, counsellor.id);

  cookies.candidat = await sessionCookieFor(db, awa.id);
  cookies.otherCandidat = await sessionCookieFor(db, oumar.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

const SPACES = [
  { path: "/candidat", loader: candidateLoader, role: "candidat", stranger: "employeur" },
  { path: "/employeur", loader: employerLoader, role: "employeur", stranger: "candidat" },
  { path: "/conseiller", loader: counsellorLoader, role: "conseiller", stranger: "employeur" },
  { path: "/admin", loader: adminLoader, role: "admin", stranger: "conseiller" },
] as const;

describe.each(SPACES)("$path", ({ path, loader, role, stranger }) => {
  it("sends a visitor to the login page, to come back here", async () => {
    const error = await thrownBy(call(loader, path));
    expect(error).toBeInstanceOf(Response);
    const response = error as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
  });

  it("keeps the query string in redirectTo", async () => {
    const response = (await thrownBy(call(loader, `${path}?onglet=2`))) as Response;
    expect(response.headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(`${path}?onglet=2`)}`);
  });

  it("treats a garbage session cookie as a visitor", async () => {
    const response = (await thrownBy(call(loader, path, "baara_session=garbage"))) as Response;
    expect(response.status).toBe(302);
  });

  it(`refuses a logged-in ${stranger} with 403`, async () => {
    const error = (await thrownBy(call(loader, path, cookies[stranger]))) as ThrownData;
    expect(error).not.toBeInstanceOf(Response);
    expect(error.init?.status).toBe(403);
  });

  it(`opens for the role ${role}`, async () => {
    await expect(call(loader, path, cookies[role])).resolves.toBeTruthy();
  });

  it("closes once the account is disabled", async () => {
    const owner = { candidat: "awa", employeur: "employer", conseiller: "counsellor", admin: "admin" }[role];
    const cookie = await sessionCookieFor(getDb(), ids[owner]!);
    const userId = (await getSessionUser(getDb(), requestWithCookie("http://localhost/", cookie)))!.id;
    getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId)).run();
    try {
      const response = (await thrownBy(call(loader, path, cookie))) as Response;
      expect(response.status).toBe(302);
    } finally {
      getDb().update(users).set({ disabledAt: null }).where(eq(users.id, userId)).run();
    }
  });
});

/** A loader's data when it sets no header (no flash message to clear). */
type PlainData<L extends (...args: never[]) => unknown> = Exclude<
  Awaited<ReturnType<L>>,
  DataWithResponseInit<unknown>
>;

describe("what each space shows", () => {
  it("a candidate sees their own applications only", async () => {
    // No flash message waiting here: the loader answers its plain data.
    const data = (await call(candidateLoader, "/candidat", cookies.candidat)) as PlainData<typeof candidateLoader>;
    expect(data.displayName).toBe("Awa Diarra");
    expect(data.profile?.firstName).toBe("Awa");
    expect(data.byStatus).toEqual({ interview: 1, submitted: 1 });
    expect(data.latest.map((a) => a.offerTitle).sort()).toEqual(["Chauffeur", "Menuisier"]);

    const oumar = (await call(candidateLoader, "/candidat", cookies.otherCandidat)) as typeof data;
    expect(oumar.displayName).toBe("Oumar Cissé");
    expect(oumar.byStatus).toEqual({ hired: 1 });
  });

  it("an employer sees their organisation's offers and applicants only", async () => {
    const data = (await call(employerLoader, "/employeur", cookies.employeur)) as PlainData<typeof employerLoader>;
    expect(data.orgs.map((o) => [o.name, o.verificationStatus])).toEqual([["Atelier Sanogo", "pending"]]);
    expect(data.offersByStatus).toEqual({ draft: 1 });
    expect(data.applicationsByStatus).toEqual({ interview: 1 });
    expect(data.latestOffers.map((o) => o.title)).toEqual(["Menuisier"]);
  });

  it("a counsellor sees the moderation queue and their caseload", async () => {
    const data = (await call(counsellorLoader, "/conseiller", cookies.conseiller)) as Awaited<
      ReturnType<typeof counsellorLoader>
    >;
    expect(data).toMatchObject({
      displayName: "Kadia Konaté",
      partnerName: "OIM Mali",
      pendingOrganisations: 1,
      pendingOffers: 0,
      reportedOffers: 0,
      caseload: 1,
      followupsDue: 0,
    });
  });

  it("an admin may open the counsellor's dashboard too", async () => {
    const data = (await call(counsellorLoader, "/conseiller", cookies.admin)) as {
      displayName: string;
      caseload: number;
    };
    expect(data.displayName).toBe("Admin Baara");
    expect(data.caseload).toBe(0);
  });

  it("an admin sees accounts by role", async () => {
    const data = (await call(adminLoader, "/admin", cookies.admin)) as Awaited<ReturnType<typeof adminLoader>>;
    const byRole = Object.fromEntries(data.usersByRole.map((r) => [r.role, r.active]));
    expect(byRole).toEqual({ candidat: 3, employeur: 1, conseiller: 1, admin: 1 });
    expect(data.loginsLastDay).toBe(0);
  });
});

describe("/connexion and /deconnexion", () => {
  it("sends a logged-in person from the login page to their own space", async () => {
    for (const [role, home] of [
      ["candidat", "/candidat"],
      ["employeur", "/employeur"],
      ["conseiller", "/conseiller"],
      ["admin", "/admin"],
    ] as const) {
      const response = (await thrownBy(call(loginLoader, "/connexion", cookies[role]))) as Response;
      expect(response.headers.get("Location")).toBe(home);
    }
    await expect(call(loginLoader, "/connexion")).resolves.toBeNull();
  });

  it("logs out on POST only", async () => {
    const cookie = await sessionCookieFor(getDb(), ids.oumar!);
    const get = (await call(logoutLoader, "/deconnexion", cookie)) as Response;
    expect(get.headers.get("Location")).toBe("/");
    expect(get.headers.get("Set-Cookie")).toBeNull();
    expect((await getSessionUser(getDb(), requestWithCookie("http://localhost/", cookie)))?.id).toBe(ids.oumar);

    const post = (await call(logoutAction, "/deconnexion", cookie, { method: "POST" })) as Response;
    expect(post.status).toBe(302);
    expect(post.headers.get("Location")).toBe("/");
    expect(post.headers.get("Set-Cookie")).toMatch(/^baara_session=/);
    expect(await getSessionUser(getDb(), requestWithCookie("http://localhost/", cookie))).toBeNull();
    // The other session of the same person is still open.
    expect((await getSessionUser(getDb(), requestWithCookie("http://localhost/", cookies.otherCandidat)))?.id).toBe(
      ids.oumar,
    );
  });
});

describe("/healthz", () => {
  it("answers 200 JSON with the database reachable and every migration applied", async () => {
    const response = (await call(healthLoader, "/healthz")) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as {
      status: string;
      database: string;
      migrations: { applied: number; expected: number };
    };
    expect(body.status).toBe("ok");
    expect(body.database).toBe("reachable");
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThanOrEqual(2);
  });
});

describe("not-found route", () => {
  it("throws 404 for a GET and a POST", async () => {
    const get = (await thrownBy(call(notFoundLoader, "/nulle-part"))) as ThrownData;
    expect(get.init?.status).toBe(404);
    const post = (await thrownBy(call(notFoundAction, "/nulle-part", undefined, { method: "POST" }))) as ThrownData;
    expect(post.init?.status).toBe(404);
  });
});
