// Bamanankan on the web, through the real server rendering (root loader, entry.server, the route's
// loader and component, the database): `?lng=bm` shows the offers in Bambara and is remembered in
// the `lng` cookie; a page not written in Bambara (an employer's) is shown whole in French, with
// `<html lang="fr">`, while the switch still says Bambara was chosen.

import { eq } from "drizzle-orm";
import {
  createRequestHandler,
  type ServerBuild,
  UNSAFE_withComponentProps as withComponentProps,
  UNSAFE_withErrorBoundaryProps as withErrorBoundaryProps,
} from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import * as entry from "../../app/entry.server";
import * as root from "../../app/root";
import * as candidateAccount from "../../app/routes/candidat.compte";
import * as account from "../../app/routes/compte";
import * as privacy from "../../app/routes/confidentialite";
import * as employerHome from "../../app/routes/employeur._index";
import * as search from "../../app/routes/offres._index";
import { getDb } from "../../app/utils/db.server";
import { localeCookie } from "../../app/utils/i18n.server";
import { users } from "../../db/schema";
import { insertEmployer, insertOffer, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { callRoute, type Handler, settled, statusOf } from "../helpers/route";

type Module = { default?: unknown; ErrorBoundary?: unknown };

/** A route module as React Router's Vite plugin hands it to the server: components given their props. */
const compiled = (module: Module) => ({
  ...module,
  ...(module.default
    ? { default: withComponentProps(module.default as Parameters<typeof withComponentProps>[0]) }
    : {}),
  ...(module.ErrorBoundary
    ? { ErrorBoundary: withErrorBoundaryProps(module.ErrorBoundary as Parameters<typeof withErrorBoundaryProps>[0]) }
    : {}),
});

const ROUTES = {
  root: { path: "", module: compiled(root) },
  "routes/offres._index": { path: "offres", module: compiled(search) },
  "routes/employeur._index": { path: "employeur", module: compiled(employerHome) },
  "routes/confidentialite": { path: "confidentialite", module: compiled(privacy) },
};

/** The portal as the production server runs it, with these few routes and no browser assets. */
function serverBuild(): ServerBuild {
  const entryRoute = (id: string, path: string, module: Record<string, unknown>) => ({
    id,
    parentId: id === "root" ? undefined : "root",
    path,
    module: "",
    hasAction: "action" in module,
    hasLoader: "loader" in module,
    hasClientAction: false,
    hasClientLoader: false,
    hasClientMiddleware: false,
    hasErrorBoundary: "ErrorBoundary" in module,
  });
  return {
    entry: { module: entry },
    routes: Object.fromEntries(
      Object.entries(ROUTES).map(([id, { path, module }]) => [
        id,
        { id, parentId: id === "root" ? undefined : "root", path, module },
      ]),
    ),
    assets: {
      entry: { module: "", imports: [] },
      routes: Object.fromEntries(
        Object.entries(ROUTES).map(([id, { path, module }]) => [id, entryRoute(id, path, module)]),
      ),
      url: "",
      version: "test",
    },
    publicPath: "/",
    assetsBuildDirectory: "",
    future: {},
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: "initial", manifestPath: "/__manifest" },
  } as unknown as ServerBuild;
}

const handle = createRequestHandler(serverBuild(), "production");
const get = (path: string, cookie?: string) =>
  handle(new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }));

const langOf = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
const pressed = (html: string, name: string) =>
  new RegExp(`<button[^>]*aria-pressed="true"[^>]*>${name}</button>`).test(html);

let employerCookie = "";
beforeAll(async () => {
  const db = getDb();
  const { user, org } = await insertEmployer(db, "verified", "Atelier Kalanso");
  insertOffer(db, { orgId: org.id, title: "Maçon à Kati" });
  employerCookie = await sessionCookieFor(db, user.id);
});

describe("Bamanankan on the web", () => {
  it("shows /offres?lng=bm in Bambara and remembers the choice in the lng cookie", async () => {
    const response = await get("/offres?lng=bm");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(langOf(html)).toBe("bm");
    expect(html).toContain("Baara yɔrɔ ɲini");
    expect(html).toContain("Maçon à Kati");
    expect(html).not.toContain("Trouver une offre");
    expect(pressed(html, "Bamanankan")).toBe(true);

    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("lng="));
    expect(await localeCookie.parse(cookie!.split(";")[0]!)).toBe("bm");
  });

  it("keeps Bambara on the next page from the cookie alone", async () => {
    const html = await (await get("/confidentialite", await localeCookie.serialize("bm"))).text();
    expect(langOf(html)).toBe("bm");
    expect(html).toContain("Baara yɔrɔw");
  });

  it("shows an employer's page in French, says so in Bambara, and keeps Bambara chosen in the switch", async () => {
    const cookie = `${employerCookie}; ${await localeCookie.serialize("bm")}`;
    const response = await get("/employeur", cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(langOf(html)).toBe("fr");
    expect(html).toContain("Mon entreprise");
    expect(html).toContain('<p lang="bm"');
    expect(html).toContain("Nin ɲɛ bɛ faransikan dɔrɔn na.");
    expect(pressed(html, "Bamanankan")).toBe(true);
  });

  it("offers an employer French and English only once French is chosen", async () => {
    const html = await (await get("/employeur?lng=fr", employerCookie)).text();
    expect(langOf(html)).toBe("fr");
    expect(pressed(html, "Français")).toBe(true);
    expect(html).not.toContain(">Bamanankan</button>");
    expect(html).not.toContain("Nin ɲɛ bɛ faransikan dɔrɔn na.");
  });

  it("offers a visitor all three languages, French by default", async () => {
    const html = await (await get("/offres")).text();
    expect(langOf(html)).toBe("fr");
    for (const name of ["Français", "English", "Bamanankan"]) expect(html).toContain(`>${name}</button>`);
    expect(pressed(html, "Français")).toBe(true);
  });
});

describe("the language of a person's SMS and e-mails", () => {
  it("may be Bambara for a candidate", async () => {
    const db = getDb();
    const candidate = await registerCandidate(db, { phone: "70 77 66 91" });
    const cookie = await sessionCookieFor(db, candidate.id);
    const result = (await settled(
      callRoute(candidateAccount.action as Handler, "/candidat/compte", {
        cookie,
        body: { intent: "language", locale: "bm" },
      }),
    )) as Response;
    expect(result.status).toBe(302);
    expect(db.select({ locale: users.locale }).from(users).where(eq(users.id, candidate.id)).get()?.locale).toBe("bm");
  });

  it("is French or English for staff: Bambara is refused with a message, and nothing changes", async () => {
    const db = getDb();
    const { user } = await insertEmployer(db);
    const cookie = await sessionCookieFor(db, user.id);
    const result = (await settled(
      callRoute(account.action as Handler, "/compte", { cookie, body: { intent: "language", locale: "bm" } }),
    )) as { data: { fieldErrors: Record<string, string> } };
    expect(statusOf(result)).toBe(400);
    expect(result.data.fieldErrors.locale).toBe("candidate:errors.localeInvalid");
    expect(db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)).get()?.locale).toBe("fr");
  });
});
