import { expect, it } from "vitest";
import { describeInBrowser, usePortal } from "./harness";

describeInBrowser("HTTP protections of the built server", () => {
  const portal = usePortal();

  it("every page carries a CSP whose nonce is new each time and is the one on React Router's scripts", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      // The login page: one of the pages sent with React Router's scripts.
      const response = await fetch(`${portal.url}/connexion`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("refuses a form posted from another site with 403, and accepts the same form from the portal", async () => {
    const body = new URLSearchParams({ identifier: "candidat@baara.demo", password: "baara-demo" });
    const crossSite = await fetch(`${portal.url}/connexion`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();

    const fetchMetadata = await fetch(`${portal.url}/connexion`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(fetchMetadata.status).toBe(403);

    const sameSite = await fetch(`${portal.url}/connexion`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(sameSite.status).toBe(302);
    expect(sameSite.headers.get("location")).toBe("/candidat");
  });

  it("never shows a stack trace, and /healthz says the database is reachable and migrated", async () => {
    const health = await fetch(`${portal.url}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; migrations: { applied: number; expected: number } };
    expect(body.status).toBe("ok");
    expect(body.migrations.applied).toBe(body.migrations.expected);

    const odd = await fetch(`${portal.url}/offres/${"9".repeat(400)}`);
    expect(odd.status).toBe(404);
    expect(await odd.text()).not.toMatch(/at \w+ \(|node_modules|Error:/);
  });
});
