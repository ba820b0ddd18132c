import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  CV_MAX_BYTES,
  checkCv,
  getFileForViewer,
  removeCv,
  safeFileName,
  storeCv,
} from "../../app/models/files.server";
import type { Db } from "../../app/utils/db.server";
import { applications, auditLog, candidateProfiles, files } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser } from "../helpers/factories/accounts";
import { insertApplicationWith } from "../helpers/factories/applications";
import { insertCandidate } from "../helpers/factories/candidates";
import { insertEmployer } from "../helpers/factories/employers";
import { PNG_BYTES, pdfBytes } from "../helpers/factories/files";
import { insertOffer } from "../helpers/factories/offers";
import { addMember } from "../helpers/factories/organisations";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const profileCv = (userId: number) =>
  db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get()!.cvFileId;
const fileRow = (id: number) => db.select().from(files).where(eq(files.id, id)).get();
const downloads = () => db.select().from(auditLog).where(eq(auditLog.action, "file.downloaded")).all();

function upload(ownerId: number, name = "cv.pdf", bytes = pdfBytes(2048)) {
  const result = storeCv(db, ownerId, { name, bytes });
  if (!result.ok) throw new Error(result.error);
  return result.fileId;
}

describe("checkCv: a PDF by its first bytes, at most 3 MB", () => {
  it("accepts bytes that start with %PDF-", () => {
    expect(checkCv(pdfBytes(100))).toBeNull();
    expect(checkCv(Buffer.from("%PDF-"))).toBeNull();
  });

  it("refuses a PNG, whatever it is called", () => {
    expect(checkCv(PNG_BYTES)).toBe("cv.notPdf");
    expect(storeCv(db, 1, { name: "cv.pdf", bytes: PNG_BYTES })).toEqual({ ok: false, error: "cv.notPdf" });
  });

  it.each([
    ["text", Buffer.from("Bonjour, voici mon CV")],
    ["%PDF without the dash", Buffer.from("%PDF1.7 ...")],
    ["%PDF- after a space", Buffer.from(" %PDF-1.7")],
    ["lower-case %pdf-", Buffer.from("%pdf-1.7")],
    ["HTML with <script>", Buffer.from("<script>alert(1)</script>%PDF-")],
    ["a ZIP (docx)", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
  ])("refuses %s", (_label, bytes) => {
    expect(checkCv(bytes)).toBe("cv.notPdf");
  });

  it("refuses an empty file", () => {
    expect(checkCv(Buffer.alloc(0))).toBe("cv.empty");
  });

  it("accepts exactly 3 MB and refuses one byte more, and 4 MB", () => {
    expect(CV_MAX_BYTES).toBe(3 * 1024 * 1024);
    expect(checkCv(pdfBytes(CV_MAX_BYTES))).toBeNull();
    expect(checkCv(pdfBytes(CV_MAX_BYTES + 1))).toBe("cv.tooLarge");
    expect(checkCv(pdfBytes(4 * 1024 * 1024))).toBe("cv.tooLarge");
  });
});

describe("safeFileName", () => {
  it.each([
    ["CV Aïssata Touré.pdf", "CV_Aissata_Toure.pdf"],
    ["mon cv", "mon_cv.pdf"],
    ["CV.PDF", "CV.PDF"],
    ["../../etc/passwd", "etc_passwd.pdf"],
    ["C:\\Users\\awa\\cv.pdf", "C_Users_awa_cv.pdf"],
    ["", "cv.pdf"],
    ["...", "cv.pdf"],
    ["photo.png", "photo.png.pdf"],
  ])("%j → %j", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it.each([
    'cv"; filename="evil.exe',
    "cv\r\nSet-Cookie: session=1.pdf",
    "cv'<script>alert(1)</script>.pdf",
    "cv; DROP TABLE files;--.pdf",
    "   .hidden.pdf",
    "🙂🙂.pdf",
    `${"a".repeat(10_000)}.pdf`,
    "é".repeat(300),
  ])("makes %j safe for a header and a disk", (name) => {
    const safe = safeFileName(name);
    expect(safe).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.pdf$/i);
    expect(safe.length).toBeLessThanOrEqual(84);
  });
});

describe("storeCv and removeCv", () => {
  it("stores the bytes with their type, size and SHA-256, and makes it the profile's CV", async () => {
    const candidate = await insertCandidate(db);
    const bytes = pdfBytes(5000, "y");
    const result = storeCv(db, candidate.id, { name: "Mon CV é.pdf", bytes });
    expect(result).toEqual({ ok: true, fileId: expect.any(Number) });
    const fileId = (result as { fileId: number }).fileId;
    expect(fileRow(fileId)).toMatchObject({
      ownerId: candidate.id,
      name: "Mon_CV_e.pdf",
      contentType: "application/pdf",
      size: 5000,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(fileRow(fileId)!.data.equals(bytes)).toBe(true);
    expect(profileCv(candidate.id)).toBe(fileId);
  });

  it("takes a PDF whatever its name says", async () => {
    const candidate = await insertCandidate(db);
    expect(storeCv(db, candidate.id, { name: "photo.png", bytes: pdfBytes() }).ok).toBe(true);
  });

  it.each([
    ["a PNG renamed .pdf", PNG_BYTES, "cv.notPdf"],
    ["an empty file", Buffer.alloc(0), "cv.empty"],
    ["a 4 MB PDF", pdfBytes(4 * 1024 * 1024), "cv.tooLarge"],
  ])("refuses %s and changes nothing", async (_label, bytes, error) => {
    const candidate = await insertCandidate(db);
    const first = upload(candidate.id);
    expect(storeCv(db, candidate.id, { name: "cv.pdf", bytes })).toEqual({ ok: false, error });
    expect(db.select({ id: files.id }).from(files).all()).toEqual([{ id: first }]);
    expect(profileCv(candidate.id)).toBe(first);
  });

  it("replaces the profile's CV and deletes the old file when no application carries it", async () => {
    const candidate = await insertCandidate(db);
    const first = upload(candidate.id, "v1.pdf");
    const second = upload(candidate.id, "v2.pdf");
    expect(profileCv(candidate.id)).toBe(second);
    expect(fileRow(first)).toBeUndefined();
    expect(db.select().from(files).all()).toHaveLength(1);
  });

  it("keeps the old file when an application carries it: what the employer received stays as it was", async () => {
    const candidate = await insertCandidate(db);
    const { org } = await insertEmployer(db);
    const offer = insertOffer(db, { orgId: org.id });
    const first = upload(candidate.id, "v1.pdf");
    const application = insertApplicationWith(db, { offerId: offer.id, candidateId: candidate.id, cvFileId: first });
    const second = upload(candidate.id, "v2.pdf");
    expect(profileCv(candidate.id)).toBe(second);
    expect(fileRow(first)).toBeDefined();
    expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.cvFileId).toBe(first);
  });

  it("removes the profile's CV, deleting the file unless an application carries it", async () => {
    const candidate = await insertCandidate(db);
    const lone = upload(candidate.id);
    removeCv(db, candidate.id);
    expect(profileCv(candidate.id)).toBeNull();
    expect(fileRow(lone)).toBeUndefined();

    const { org } = await insertEmployer(db);
    const carried = upload(candidate.id);
    insertApplicationWith(db, {
      offerId: insertOffer(db, { orgId: org.id }).id,
      candidateId: candidate.id,
      cvFileId: carried,
    });
    removeCv(db, candidate.id);
    expect(profileCv(candidate.id)).toBeNull();
    expect(fileRow(carried)).toBeDefined();
  });

  it("does nothing when there is no CV to remove, and never touches another person's CV", async () => {
    const candidate = await insertCandidate(db);
    const other = await insertCandidate(db);
    const theirs = upload(other.id);
    removeCv(db, candidate.id);
    expect(profileCv(other.id)).toBe(theirs);
    expect(fileRow(theirs)).toBeDefined();
  });
});

describe("getFileForViewer: who may download a CV", () => {
  async function world() {
    const owner = await insertCandidate(db);
    const { user: employer, org } = await insertEmployer(db);
    const colleague = await insertUser(db, { role: "employeur", password: null });
    addMember(db, colleague.id, org.id, "member");
    const offer = insertOffer(db, { orgId: org.id });
    const cv = upload(owner.id);
    return { owner, employer, colleague, org, offer, cv };
  }

  it("gives the owner their file, without an audit line", async () => {
    const { owner, cv } = await world();
    expect(getFileForViewer(db, { id: owner.id, role: "candidat" }, cv)).toMatchObject({ id: cv, ownerId: owner.id });
    expect(downloads()).toEqual([]);
  });

  it("gives another candidate nothing", async () => {
    const { cv } = await world();
    const other = await insertCandidate(db);
    expect(getFileForViewer(db, { id: other.id, role: "candidat" }, cv)).toBeNull();
    expect(downloads()).toEqual([]);
  });

  it.each(["conseiller", "admin"] as const)(
    "gives a %s the file, and writes file.downloaded in the audit log",
    async (role) => {
      const { owner, cv } = await world();
      const staff = await insertUser(db, { role, password: null });
      expect(getFileForViewer(db, { id: staff.id, role }, cv, "41.73.0.9")).toMatchObject({ id: cv });
      expect(downloads()).toEqual([
        expect.objectContaining({
          actorId: staff.id,
          subjectType: "file",
          subjectId: String(cv),
          detail: { ownerId: owner.id },
          ip: "41.73.0.9",
        }),
      ]);
    },
  );

  it("gives the file to the members of an organisation the owner applied to with it, with an audit line", async () => {
    const { owner, employer, colleague, offer, cv } = await world();
    // A profile CV changed afterwards: the application still carries this one.
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: cv });
    db.update(candidateProfiles).set({ cvFileId: null }).where(eq(candidateProfiles.userId, owner.id)).run();
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).toMatchObject({ id: cv });
    expect(getFileForViewer(db, { id: colleague.id, role: "employeur" }, cv)).toMatchObject({ id: cv });
    expect(downloads().map((d) => d.actorId)).toEqual([employer.id, colleague.id]);
  });

  it('gives the profile\'s CV to no employer the owner applied to without it ("Envoyer sans CV")', async () => {
    const { owner, employer, colleague, offer, cv } = await world();
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: null });
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).toBeNull();
    expect(getFileForViewer(db, { id: colleague.id, role: "employeur" }, cv)).toBeNull();
    expect(downloads()).toEqual([]);
  });

  it("gives an employer only the file of an application to its own offers, not the one sent to another organisation", async () => {
    const { owner, employer, offer } = await world();
    const { user: rival, org: rivalOrg } = await insertEmployer(db);
    const sent = upload(owner.id, "sent.pdf");
    insertApplicationWith(db, {
      offerId: insertOffer(db, { orgId: rivalOrg.id }).id,
      candidateId: owner.id,
      cvFileId: sent,
    });
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: null });
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, sent)).toBeNull();
    expect(getFileForViewer(db, { id: rival.id, role: "employeur" }, sent)).toMatchObject({ id: sent });
  });

  it("still gives it after the employer refused the application (they received it)", async () => {
    const { owner, employer, offer, cv } = await world();
    insertApplicationWith(db, {
      offerId: offer.id,
      candidateId: owner.id,
      cvFileId: cv,
      status: "rejected",
      refusalReason: "other",
    });
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).not.toBeNull();
  });

  it("gives nothing to an employer the owner did not apply to", async () => {
    const { owner, offer, cv } = await world();
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: cv });
    const { user: stranger } = await insertEmployer(db);
    expect(getFileForViewer(db, { id: stranger.id, role: "employeur" }, cv)).toBeNull();
    expect(downloads()).toEqual([]);
  });

  it("gives an employer nothing of an applicant's neighbour: only the CV of someone who applied to them", async () => {
    const { owner, employer, offer } = await world();
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id });
    const neighbour = await insertCandidate(db);
    const theirs = upload(neighbour.id);
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, theirs)).toBeNull();
  });

  it("gives nothing to the employer once the application is withdrawn", async () => {
    const { owner, employer, offer, cv } = await world();
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: cv, status: "withdrawn" });
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).toBeNull();
  });

  it("gives an older CV the owner no longer uses, and never sent, to nobody but the owner and staff", async () => {
    const { owner, employer, offer } = await world();
    const { org: otherOrg } = await insertEmployer(db);
    const old = upload(owner.id, "old.pdf");
    insertApplicationWith(db, {
      offerId: insertOffer(db, { orgId: otherOrg.id }).id,
      candidateId: owner.id,
      cvFileId: old,
    });
    upload(owner.id, "new.pdf");
    insertApplicationWith(db, { offerId: offer.id, candidateId: owner.id, cvFileId: null });
    // The employer gets the current profile CV, not the one sent to someone else.
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, old)).toBeNull();
    expect(getFileForViewer(db, { id: owner.id, role: "candidat" }, old)).not.toBeNull();
  });

  it("answers null for a file that does not exist", async () => {
    const { owner } = await world();
    expect(getFileForViewer(db, { id: owner.id, role: "candidat" }, 999_999)).toBeNull();
    expect(getFileForViewer(db, { id: owner.id, role: "admin" }, 999_999)).toBeNull();
  });
});
