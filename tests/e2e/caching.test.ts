import http from "node:http";
import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";

const PRIVATE = "private, no-store";
// The built server inherits this environment: PUBLIC_URL, or the README's default.
const PUBLIC_URL = (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");

/** Logs in over HTTP as a browser without JavaScript would, and returns the session cookie. */
async function sessionCookie(url: string, identifier: string) {
  const response = await fetch(`${url}/connexion`, {
    method: "POST",
    body: new URLSearchParams({ identifier, password: "baara-demo" }),
    redirect: "manual",
    headers: { Origin: url },
  });
  expect(response.status).toBe(302);
  // Logging in answers with the new session: that answer is personal too.
  expect(response.headers.get("cache-control")).toBe(PRIVATE);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** A GET with headers fetch() will not send (Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

describeInBrowser("what browsers and proxies may keep, and which address the portal gives itself", () => {
  const portal = usePortal();

  it("every answer to a logged-in person (pages, 403s and redirects, .data, files, form posts) says private, no-store", async () => {
    const anonymousSearch = await fetch(`${portal.url}/offres?tri=date`);
    const offerPath = /href="(\/offres\/\d+)"/.exec(await anonymousSearch.text())?.[1];
    expect(offerPath).toBeTruthy();

    const candidate = await sessionCookie(portal.url, "candidat@baara.demo");
    const employer = await sessionCookie(portal.url, "employeur@baara.demo");
    const counsellor = await sessionCookie(portal.url, "conseiller@baara.demo");
    const requests: [string, string, RequestInit?][] = [
      [candidate, "/"],
      [candidate, "/offres?q=mecanicien"],
      [candidate, offerPath!],
      [candidate, "/candidat"],
      [candidate, "/candidat/profil"],
      [candidate, "/candidat/candidatures"],
      [candidate, "/candidat/compte"],
      [candidate, "/candidat/candidatures.data"],
      [candidate, `${offerPath!}.data`],
      [candidate, "/employeur"], // 403
      [candidate, "/connexion"], // already logged in: a redirect
      [candidate, "/fichiers/mes-donnees", { method: "POST", body: new URLSearchParams() }],
      [candidate, "/candidat/alertes", { method: "POST", body: new URLSearchParams({ intent: "save", q: "soudeur" }) }],
      [
        candidate,
        "/candidat/alertes.data",
        { method: "POST", body: new URLSearchParams({ intent: "save", q: "maçon" }) },
      ],
      [employer, "/employeur"],
      [employer, "/employeur/offres"],
      [employer, "/employeur/organisation"],
      [employer, "/employeur/offres.data"],
      [counsellor, "/conseiller"],
      [counsellor, "/conseiller/rapports/placements.csv"],
    ];
    const seen: string[] = [];
    for (const [cookie, path, init] of requests) {
      const response = await fetch(`${portal.url}${path}`, {
        redirect: "manual",
        ...init,
        headers: { Cookie: cookie, Origin: portal.url },
      });
      expect(response.status, path).toBeLessThan(500);
      seen.push(`${init?.method ?? "GET"} ${path} ${response.status}: ${response.headers.get("cache-control")}`);
      await response.arrayBuffer();
    }
    expect(seen).toEqual(
      requests.map(([, path, init]) =>
        expect.stringMatching(
          new RegExp(`^${init?.method ?? "GET"} ${path.replace(/[.?*()]/g, "\\$&")} \\d+: ${PRIVATE}$`),
        ),
      ),
    );
  });

  it("a visitor's public pages may be kept by proxies for 30 s; their other pages and a report's thanks may not", async () => {
    const search = await fetch(`${portal.url}/offres?tri=date`);
    const offerPath = /href="(\/offres\/\d+)"/.exec(await search.text())?.[1];
    expect(search.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=30");
    expect(search.headers.get("vary")).toBe("Cookie, Accept-Encoding");
    for (const path of ["/connexion", "/inscription", `${offerPath!}/postuler`, `${offerPath!}/signaler`, "/healthz"]) {
      const response = await fetch(`${portal.url}${path}`, { redirect: "manual" });
      await response.arrayBuffer();
      expect(response.headers.get("cache-control") ?? "", path).not.toMatch(/public|s-maxage/);
      expect(response.headers.get("etag"), path).toBeNull();
    }
  });

  it("a visitor's thanks after a report come once, in a flash message the page keeps private", async () => {
    const search = await fetch(`${portal.url}/offres?tri=date`);
    const offerPath = /href="(\/offres\/\d+)"/.exec(await search.text())?.[1];
    const reportPath = `${offerPath!}/signaler`;
    // The hidden field only robots fill: thanked the same way, and nothing is stored.
    const sent = await fetch(`${portal.url}${reportPath}`, {
      method: "POST",
      body: new URLSearchParams({ reason: "fake", website: "http://spam.example" }),
      redirect: "manual",
      headers: { Origin: portal.url },
    });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(reportPath);
    const flash = sent.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
    expect(flash).toMatch(/^baara_flash=./);

    const thanked = await fetch(`${portal.url}${reportPath}`, { headers: { Cookie: flash } });
    expect(thanked.headers.get("cache-control")).toBe(PRIVATE);
    expect(thanked.headers.getSetCookie().join()).toMatch(/baara_flash=; Max-Age=0/);
    expect(await thanked.text()).toContain("Merci pour votre signalement");

    const again = await fetch(`${portal.url}${reportPath}`);
    expect(await again.text()).not.toContain("Merci pour votre signalement");
  });

  it("an offer's og:url, JSON-LD and canonical link point to PUBLIC_URL whatever Host and X-Forwarded-Host say", async () => {
    const search = await fetch(`${portal.url}/offres?tri=date`);
    const offerPath = /href="(\/offres\/\d+)"/.exec(await search.text())?.[1];
    expect(offerPath).toBeTruthy();
    const html = await rawGet(`${portal.url}${offerPath!}`, {
      Host: "evil.example",
      "X-Forwarded-Host": "evil.example",
    });
    expect(html).not.toContain("evil.example");
    expect(html).toContain(`<meta property="og:url" content="${PUBLIC_URL}${offerPath!}"/>`);
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}${offerPath!}"/>`);
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
    const posting = JSON.parse(jsonLd ?? "null") as { url: string; hiringOrganization: { sameAs: string } };
    expect(posting.url).toBe(`${PUBLIC_URL}${offerPath!}`);
    expect(posting.hiringOrganization.sameAs).toMatch(new RegExp(`^${PUBLIC_URL}/entreprises/\\d+$`));
  });
});
