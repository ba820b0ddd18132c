// A flash message: set on an action's redirect, read once by the next page, ignored
// when it was not signed by this server or is not the shape of a message.
import { describe, expect, it } from "vitest";
import { mayBePersonal } from "../../app/server/private-responses";
import { flashCookie, readFlash, redirectWithFlash, withFlashCleared } from "../../app/utils/flash.server";

const requestWith = (cookie?: string) =>
  new Request("http://localhost/page", cookie ? { headers: { Cookie: cookie } } : {});
const cookiePair = (setCookie: string | null) => setCookie!.split(";")[0]!;

describe("flash messages", () => {
  it("travels with the redirect and is read by the next request, which clears it", async () => {
    const response = await redirectWithFlash("/candidat/alertes", {
      message: "candidate:alerts.notice.saved",
      values: { n: 2 },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidat/alertes");
    const setCookie = response.headers.get("Set-Cookie");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=60/);

    const { flash, headers } = await readFlash(requestWith(`other=1; ${cookiePair(setCookie)}`));
    expect(flash).toEqual({ message: "candidate:alerts.notice.saved", values: { n: 2 } });
    expect(headers.get("Set-Cookie")).toMatch(/^baara_flash=; Max-Age=0/);
    expect(withFlashCleared({ a: 1 }, headers)).toMatchObject({ data: { a: 1 } });
  });

  it("is nothing, and costs no header, when the request carries none", async () => {
    const { flash, headers } = await readFlash(requestWith("baara_session=abc"));
    expect(flash).toBeNull();
    expect(headers.has("Set-Cookie")).toBe(false);
    expect(withFlashCleared({ a: 1 }, headers)).toEqual({ a: 1 });
  });

  it("ignores a forged, unsigned or malformed cookie, and clears it", async () => {
    const unsigned = `baara_flash=${btoa(JSON.stringify({ message: "x" }))}`;
    const notAMessage = cookiePair(await flashCookie.serialize({ message: 42, values: "<script>" }));
    for (const cookie of [unsigned, "baara_flash=%%%", notAMessage]) {
      const { flash, headers } = await readFlash(requestWith(cookie));
      expect(flash, cookie).toBeNull();
      expect(headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    }
  });

  it("makes the page that shows it private, like a session does", () => {
    expect(mayBePersonal("GET", "baara_flash=abc")).toBe(true);
    expect(mayBePersonal("GET", "lng=fr")).toBe(false);
  });
});
