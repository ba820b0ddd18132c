// Request bodies are bounded before they are read, on the built server: a 200 MB
// form, chunked or with its length announced, is refused with 413 in the
// person's language while the server's memory stays flat, and the portal keeps
// serving. Needs no browser, but the built server and the seeded template
// database exist only where the browser tests run, hence `describeInBrowser`.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltServer, freePort, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

const MB = 1024 * 1024;
const HUGE = 200 * MB;
const FORM = "application/x-www-form-urlencoded";

/** Peak and current resident memory of a process, in bytes (Linux). */
function memoryOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { peak: kb("VmHWM"), now: kb("VmRSS") };
}

/** A huge form body, produced as it is sent; `pulled` says how much the sending side took. */
function hugeBody(total = HUGE) {
  const counter = { pulled: 0 };
  const chunk = Buffer.alloc(64 * 1024, "a");
  async function* generate() {
    yield Buffer.from("identifier=");
    for (let sent = 0; sent < total; sent += chunk.length) {
      counter.pulled += chunk.length;
      yield chunk;
    }
  }
  return { counter, generate };
}

type Answer = { status: number; body: string; written: number };

/** POSTs `total` bytes with their Content-Length announced, stopping as soon as an answer comes. */
function postWithLength(
  url: string,
  pathname: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const request = http.request(`${url}${pathname}`, {
      method: "POST",
      headers: { Origin: url, "Content-Type": FORM, "Content-Length": String(total), ...headers },
    });
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => (body += part));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, written }));
    });
    // The server closes the connection once it has answered: the rest cannot be written.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && !request.destroyed && written < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - written));
        written += part.length;
        if (!request.write(part)) return void request.once("drain", pump);
      }
      if (written >= total) request.end();
    };
    pump();
  });
}

function post(url: string, pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": FORM, ...headers },
    body: new URLSearchParams(fields),
  });
}

// The `lng` cookie as the portal writes it (React Router's cookie: JSON in base64).
const ENGLISH_COOKIE = `lng=${encodeURIComponent(Buffer.from(JSON.stringify("en")).toString("base64"))}`;

describeInBrowser("request bodies are bounded on the built server", () => {
  let url = "";
  let dbPath = "";
  let server: BuiltServer | undefined;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dbPath = path.join(E2E_DIR, `body-limits-${port}.db`);
    fs.copyFileSync(TEMPLATE_DB, dbPath);
    server = await startBuiltServer(dbPath, { port });
  });

  afterAll(async () => {
    await server?.stop();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
  });

  it("refuses a 200 MB chunked form to /connexion with 413 before reading it; the server's memory does not grow", async () => {
    const pid = server!.process.pid!;
    const before = memoryOf(pid);
    const { counter, generate } = hugeBody();
    let status = 0;
    let page = "";
    try {
      const response = await fetch(`${url}/connexion`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: url, "Content-Type": FORM },
        body: Readable.toWeb(Readable.from(generate())) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      status = response.status;
      page = await response.text();
    } catch (error) {
      throw new Error(`no answer after ${counter.pulled} bytes: ${String(error)}`);
    }
    expect(status).toBe(413);
    expect(page).toContain("Envoi trop volumineux");
    expect(counter.pulled).toBeLessThan(20 * MB);
    const after = memoryOf(pid);
    expect(after.peak - before.peak).toBeLessThan(40 * MB);
  });

  it("refuses a 200 MB form whose length is announced at once, on a report form and on the CV upload, in the person's language", async () => {
    const pid = server!.process.pid!;
    const before = memoryOf(pid);
    const report = await postWithLength(url, "/offres/1/signaler", HUGE);
    expect(report.status).toBe(413);
    expect(report.body).toContain("Envoi trop volumineux");
    expect(report.written).toBeLessThan(20 * MB);

    const upload = await postWithLength(url, "/candidat/profil", HUGE, {
      "Content-Type": "multipart/form-data; boundary=x",
    });
    expect(upload.status).toBe(413);

    const english = await postWithLength(url, "/connexion", HUGE, { Cookie: ENGLISH_COOKIE });
    expect(english.status).toBe(413);
    expect(english.body).toContain("Upload too large");
    expect(english.body).toContain('lang="en"');
    const asked = await postWithLength(url, "/connexion?lng=en", HUGE);
    expect(asked.body).toContain("Upload too large");

    expect(memoryOf(pid).peak - before.peak).toBeLessThan(40 * MB);
  });

  it("refuses a form just over 64 KB, lets a 2.9 MB CV through whole, and a normal login still works after", async () => {
    const long = await post(url, "/connexion", { identifier: "a".repeat(70 * 1024), password: "x" });
    expect(long.status).toBe(413);
    // A CV form under its bound reaches the page (here: not logged in, so the login page).
    const cvForm = await fetch(`${url}/candidat/profil`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: url, "Content-Type": FORM },
      body: new URLSearchParams({ intent: "cv.remove", filler: "a".repeat(1 * MB) }),
    });
    expect(cvForm.status).toBe(302);

    const login = await post(
      url,
      "/connexion",
      { identifier: "candidat@baara.demo", password: "baara-demo" },
      { "X-Forwarded-For": "10.13.0.1" },
    );
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/candidat");
    // A 2.9 MB CV still goes through, whole.
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const cv = new FormData();
    cv.append("intent", "cv.upload");
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(Math.round(2.9 * MB), "x")]);
    cv.append("cv", new Blob([pdf], { type: "application/pdf" }), "cv.pdf");
    const upload = await fetch(`${url}/candidat/profil`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: url, Cookie: cookie },
      body: cv,
    });
    expect(upload.status).toBe(302);
    expect(upload.headers.get("location")).toBe("/candidat/profil#cv");
    const flash = upload.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const profile = await (
      await fetch(`${url}/candidat/profil`, { headers: { Cookie: `${cookie}; ${flash}` } })
    ).text();
    expect(profile).toContain("votre CV est ajouté à votre profil.");
    const fileId = /\/fichiers\/(\d+)/.exec(profile)?.[1];
    expect(fileId).toBeTruthy();
    const file = await fetch(`${url}/fichiers/${fileId}`, { headers: { Cookie: cookie } });
    expect((await file.arrayBuffer()).byteLength).toBe(pdf.length);
    expect((await fetch(`${url}/offres`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
