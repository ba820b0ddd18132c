// The CV: uploaded on /candidat/profil as a real multipart request, downloaded
// from /fichiers/:fileId. Bad input tried: a PNG renamed cv.pdf, a 4 MB file
// announced by its Content-Length (refused unread) and one sent without a
// length, a 3.2 MB PDF, no file at all, another role uploading; downloads by
// another candidate, by an employer the candidate did not apply to (or applied
// to without it), by a visitor, and ids that are unknown or not numbers.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action, loader as profileLoader } from "../../app/routes/candidat.profil";
import { loader as fileLoader } from "../../app/routes/fichiers.$fileId";
import { getDb } from "../../app/utils/db.server";
import { applications, auditLog, candidateProfiles, files } from "../../db/schema";
import {
  addMember,
  insertApplication,
  insertOffer,
  insertOrganisation,
  insertUser,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { callRoute, followRedirect, settled, statusOf } from "../helpers/route";

const cookies = { awa: "", oumar: "", employer: "", otherEmployer: "", counsellor: "" };
const ids = { awa: 0, counsellor: 0, employer: 0 };

beforeAll(async () => {
  const db = getDb();
  const awa = await registerCandidate(db, { phone: "70 66 00 01", firstName: "Awa", lastName: "Keïta" });
  const oumar = await registerCandidate(db, { phone: "70 66 00 02", firstName: "Oumar", lastName: "Diallo" });
  const employer = await insertUser(db, { role: "employeur", email: "garage@sissoko.ml" });
  const otherEmployer = await insertUser(db, { role: "employeur", email: "boutique@fleuve.ml" });
  const counsellor = await insertUser(db, { role: "conseiller", email: "conseillere@oim.int" });
  const garage = insertOrganisation(db, { name: "Garage Sissoko" });
  const boutique = insertOrganisation(db, { name: "Boutique du Fleuve" });
  addMember(db, employer.id, garage.id);
  addMember(db, otherEmployer.id, boutique.id);
  const offer = insertOffer(db, { orgId: garage.id, title: "Mécanicien moto" });
  insertOffer(db, { orgId: boutique.id, title: "Vendeuse" });
  insertApplication(db, { offerId: offer.id, candidateId: awa.id });
  ids.awa = awa.id;
  ids.counsellor = counsellor.id;
  ids.employer = employer.id;
  cookies.awa = await sessionCookieFor(db, awa.id);
  cookies.oumar = await sessionCookieFor(db, oumar.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
  cookies.otherEmployer = await sessionCookieFor(db, otherEmployer.id);
  cookies.counsellor = await sessionCookieFor(db, counsellor.id);
});

const MB = 1024 * 1024;
const pdf = (size = 2000) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write("%PDF-1.4\n");
  bytes.write("%%EOF", size - 5);
  return bytes;
};
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4,
]);

function upload(bytes: Buffer | null, name = "cv.pdf", cookie = cookies.awa) {
  const body = new FormData();
  body.append("intent", "cv.upload");
  body.append("cv", new File(bytes ? [new Uint8Array(bytes)] : [], name, { type: "application/pdf" }));
  return settled(callRoute(action, "/candidat/profil", { cookie, body }));
}

/** The action's answer to a request built by the test, or what it threw. */
const run = (request: Request) => settled(() => action({ request, params: {}, context: {} } as never));

type Answer = { init?: ResponseInit; data?: { cvError?: string } };
const cvErrorOf = (result: unknown) => (result as Answer).data?.cvError;
const storedFiles = () => getDb().select().from(files).all();
const profileCv = () =>
  getDb().select().from(candidateProfiles).where(eq(candidateProfiles.userId, ids.awa)).get()!.cvFileId;

const download = (fileId: string, cookie?: string) =>
  settled(
    callRoute(fileLoader, `/fichiers/${fileId}`, { cookie, params: { fileId }, context: { clientIp: "10.1.2.3" } }),
  ) as Promise<Response>;

describe("uploading a CV on /candidat/profil", () => {
  it("refuses a PNG renamed cv.pdf, by its first bytes, with a clear message", async () => {
    const result = await upload(PNG, "cv.pdf");
    expect(statusOf(result)).toBe(400);
    expect(cvErrorOf(result)).toBe("candidate:errors.cv.notPdf");
    expect(storedFiles()).toHaveLength(0);
  });

  it("refuses a 4 MB upload with 413 before reading it (its Content-Length says enough)", async () => {
    let read = false;
    // highWaterMark 0: the stream is pulled only when someone reads it.
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          read = true;
          throw new Error("the body should not be read");
        },
      },
      { highWaterMark: 0 },
    );
    const request = requestWithCookie("http://localhost/candidat/profil", cookies.awa, {
      method: "POST",
      body,
      headers: { "Content-Type": "multipart/form-data; boundary=----baara", "Content-Length": String(4 * MB) },
      duplex: "half",
    } as RequestInit);
    const result = await run(request);
    expect(statusOf(result)).toBe(413);
    expect(cvErrorOf(result)).toBe("candidate:errors.cv.tooLarge");
    expect(read).toBe(false);
    expect(storedFiles()).toHaveLength(0);
  });

  it("refuses a 4 MB upload sent without a length, stopping at the limit", async () => {
    const form = new FormData();
    form.append("intent", "cv.upload");
    form.append("cv", new File([new Uint8Array(pdf(4 * MB))], "gros.pdf", { type: "application/pdf" }));
    const serialised = new Request("http://localhost/", { method: "POST", body: form });
    const request = requestWithCookie("http://localhost/candidat/profil", cookies.awa, {
      method: "POST",
      body: serialised.body,
      headers: { "Content-Type": serialised.headers.get("Content-Type")! },
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    const result = await run(request);
    expect(statusOf(result)).toBe(413);
    expect(cvErrorOf(result)).toBe("candidate:errors.cv.tooLarge");
    expect(storedFiles()).toHaveLength(0);
  });

  it("refuses a PDF of 3.2 MB (over 3 MB, under the envelope's limit) with the same message", async () => {
    const result = await upload(pdf(Math.round(3.2 * MB)));
    expect(statusOf(result)).toBe(413);
    expect(cvErrorOf(result)).toBe("candidate:errors.cv.tooLarge");
    expect(storedFiles()).toHaveLength(0);
  });

  it("asks for a file when none was chosen", async () => {
    const result = await upload(null, "");
    expect(statusOf(result)).toBe(400);
    expect(cvErrorOf(result)).toBe("candidate:errors.cv.empty");
  });

  it("answers 403 to an employer", async () => {
    expect(statusOf(await upload(pdf(), "cv.pdf", cookies.employer))).toBe(403);
  });

  it("stores a small PDF with its SHA-256, makes it the profile's CV and shows it on the page", async () => {
    const bytes = pdf(5000);
    const result = await upload(bytes, "Mon CV – Awa Keïta.pdf");
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/candidat/profil#cv");
    const [file] = storedFiles();
    expect(file).toMatchObject({
      ownerId: ids.awa,
      contentType: "application/pdf",
      size: 5000,
      name: "Mon_CV_Awa_Keita.pdf",
    });
    expect(file!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(profileCv()).toBe(file!.id);
    const page = (await followRedirect(result, profileLoader, { cookie: cookies.awa })) as {
      cv: { id: number; name: string; size: number };
      flash: { message: string };
    };
    expect(page.cv).toMatchObject({ id: file!.id, name: "Mon_CV_Awa_Keita.pdf", size: 5000 });
    expect(page.flash.message).toBe("candidate:profile.notice.cv");
  });
});

describe("downloading a CV from /fichiers/:fileId", () => {
  const cvId = () => String(profileCv());
  const downloads = () =>
    getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "file.downloaded"), eq(auditLog.subjectId, cvId())))
      .all();

  it("gives the owner their file as an attachment, typed, not sniffable, not cached", async () => {
    const response = await download(cvId(), cookies.awa);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Mon_CV_Awa_Keita.pdf"; filename*=UTF-8''Mon_CV_Awa_Keita.pdf`,
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(body.length).toBe(5000);
    expect(downloads()).toHaveLength(0);
  });

  it("answers 404 to another candidate and to an employer the candidate did not apply to", async () => {
    expect((await download(cvId(), cookies.oumar)).status).toBe(404);
    const refused = await download(cvId(), cookies.otherEmployer);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("Content-Disposition")).toBeNull();
    expect(await refused.text()).toBe("Ce fichier n'existe pas, ou vous n'avez pas le droit de l'ouvrir.");
  });

  it("lets the employer of an offer she applied to with it download it (not while it is only on her profile), and writes it in the audit log", async () => {
    expect((await download(cvId(), cookies.employer)).status).toBe(404);
    const sendsIt = (cvFileId: number | null) =>
      getDb().update(applications).set({ cvFileId }).where(eq(applications.candidateId, ids.awa)).run();
    sendsIt(Number(cvId()));
    const response = await download(cvId(), cookies.employer);
    sendsIt(null); // as before, for the replacing and removing below
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(downloads().map((row) => [row.actorId, row.ip])).toEqual([[ids.employer, "10.1.2.3"]]);
  });

  it("lets a counsellor download it, with an audit row `file.downloaded`", async () => {
    const response = await download(cvId(), cookies.counsellor);
    expect(response.status).toBe(200);
    expect(downloads().map((row) => row.actorId)).toContain(ids.counsellor);
  });

  it.each(["999999", "abc", "1e3", "-1", "0", "1 OR 1=1"])("answers 404 to the id %j", async (fileId) => {
    expect((await download(fileId, cookies.counsellor)).status).toBe(404);
  });

  it("sends a visitor to log in, coming back to the file", async () => {
    const response = await download(cvId());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/connexion?redirectTo=%2Ffichiers%2F${cvId()}`);
  });
});

describe("replacing and removing the CV", () => {
  it("a new CV replaces the old one, which is deleted when no application carries it", async () => {
    const first = profileCv()!;
    expect(statusOf(await upload(pdf(3000), "nouveau.pdf"))).toBe(302);
    expect(profileCv()).not.toBe(first);
    expect(storedFiles().map((f) => f.name)).toEqual(["nouveau.pdf"]);
  });

  it("removing it empties the profile's CV and deletes the file", async () => {
    const body = new FormData();
    body.append("intent", "cv.remove");
    const result = await run(
      requestWithCookie("http://localhost/candidat/profil", cookies.awa, { method: "POST", body }),
    );
    expect((result as Response).headers.get("Location")).toBe("/candidat/profil#cv");
    expect(await followRedirect(result, profileLoader, { cookie: cookies.awa })).toMatchObject({
      flash: { message: "candidate:profile.notice.cv-retire" },
    });
    expect(profileCv()).toBeNull();
    expect(storedFiles()).toHaveLength(0);
  });
});
