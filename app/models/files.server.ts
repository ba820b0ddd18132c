import { createHash } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import {
  applications,
  candidateProfiles,
  files,
  memberships,
  offers,
  organisations,
  partnershipDocuments,
  partnerships,
} from "../../db/schema";
import { recordAudit } from "./audit.server";
import { applicantsReachable } from "./organisations.server";

export const CV_MAX_BYTES = 3 * 1024 * 1024;
const PDF_MAGIC = Buffer.from("%PDF-");

export type CvError = "cv.empty" | "cv.tooLarge" | "cv.notPdf";

/** A CV is a PDF, known by its first bytes (not its name), of at most 3 MB. */
export function checkCv(bytes: Buffer): CvError | null {
  if (bytes.length === 0) return "cv.empty";
  if (bytes.length > CV_MAX_BYTES) return "cv.tooLarge";
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return "cv.notPdf";
  return null;
}

/** A name safe to put in a header and on a disk: letters, digits, dots, dashes. */
export function safeFileName(name: string) {
  const base = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\w.-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 80);
  return base.toLowerCase().endsWith(".pdf") ? base : `${base || "cv"}.pdf`;
}

/**
 * Stores a candidate's CV and makes it their profile's CV. The previous CV is
 * deleted unless an application still carries it (what an employer received
 * stays as it was).
 */
export function storeCv(db: Db, ownerId: number, upload: { name: string; bytes: Buffer }) {
  const error = checkCv(upload.bytes);
  if (error) return { ok: false as const, error };
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const fileId = db.transaction((tx) => {
    const previous = tx
      .select({ cvFileId: candidateProfiles.cvFileId })
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, ownerId))
      .get();
    const file = tx
      .insert(files)
      .values({
        ownerId,
        name: safeFileName(upload.name),
        contentType: "application/pdf",
        size: upload.bytes.length,
        sha256,
        data: upload.bytes,
      })
      .returning({ id: files.id })
      .get();
    tx.update(candidateProfiles)
      .set({ cvFileId: file.id, updatedAt: new Date() })
      .where(eq(candidateProfiles.userId, ownerId))
      .run();
    if (previous?.cvFileId) deleteFileIfUnused(tx, previous.cvFileId);
    return file.id;
  });
  return { ok: true as const, fileId };
}

function deleteFileIfUnused(db: Db | Tx, fileId: number) {
  const used = db.select({ id: applications.id }).from(applications).where(eq(applications.cvFileId, fileId)).get();
  if (!used) db.delete(files).where(eq(files.id, fileId)).run();
}

/** Removes the profile's CV (applications that carry it keep it). */
export function removeCv(db: Db, ownerId: number) {
  const profile = db
    .select({ cvFileId: candidateProfiles.cvFileId })
    .from(candidateProfiles)
    .where(eq(candidateProfiles.userId, ownerId))
    .get();
  if (!profile?.cvFileId) return;
  db.transaction((tx) => {
    tx.update(candidateProfiles).set({ cvFileId: null }).where(eq(candidateProfiles.userId, ownerId)).run();
    deleteFileIfUnused(tx, profile.cvFileId!);
  });
}

export type FileViewer = { id: number; role: string };

/**
 * Who may download a CV: its owner, counsellors and admins, and the members of
 * an organisation that received it with an application to one of its offers
 * (not withdrawn, and the organisation neither suspended nor rejected). A
 * profile's CV the candidate did not send is theirs alone. A partnership's
 * document: staff and the members of the partnership's company. Everyone else:
 * null, as if it did not exist.
 */
export function getFileForViewer(db: Db, viewer: FileViewer, fileId: number, ip?: string) {
  const file = db.select().from(files).where(eq(files.id, fileId)).get();
  if (!file) return null;
  let allowed = file.ownerId === viewer.id || viewer.role === "conseiller" || viewer.role === "admin";
  if (!allowed && viewer.role === "employeur" && file.ownerId !== null) {
    const received = db
      .select({ id: applications.id })
      .from(applications)
      .innerJoin(offers, eq(offers.id, applications.offerId))
      .innerJoin(organisations, eq(organisations.id, offers.orgId))
      .innerJoin(memberships, and(eq(memberships.orgId, offers.orgId), eq(memberships.userId, viewer.id)))
      .where(
        and(
          eq(applications.cvFileId, fileId),
          eq(applications.candidateId, file.ownerId),
          ne(applications.status, "withdrawn"),
          applicantsReachable(),
        ),
      )
      .get();
    allowed = Boolean(received);
  }
  if (!allowed && viewer.role === "employeur") allowed = isPartnershipDocumentOfMember(db, fileId, viewer.id);
  if (!allowed) return null;
  if (file.ownerId !== viewer.id) {
    recordAudit(db, {
      actorId: viewer.id,
      action: "file.downloaded",
      subjectType: "file",
      subjectId: fileId,
      detail: { ownerId: file.ownerId },
      ip,
    });
  }
  return file;
}

/** A document a counsellor attached to a partnership of an organisation this person belongs to. */
function isPartnershipDocumentOfMember(db: Db, fileId: number, userId: number) {
  const row = db
    .select({ id: partnershipDocuments.id })
    .from(partnershipDocuments)
    .innerJoin(partnerships, eq(partnerships.id, partnershipDocuments.partnershipId))
    .innerJoin(memberships, and(eq(memberships.orgId, partnerships.orgId), eq(memberships.userId, userId)))
    .where(eq(partnershipDocuments.fileId, fileId))
    .get();
  return Boolean(row);
}

export function fileIdsOfOwner(db: Db, ownerId: number) {
  return db
    .select({ id: files.id, name: files.name, size: files.size, sha256: files.sha256, createdAt: files.createdAt })
    .from(files)
    .where(eq(files.ownerId, ownerId))
    .all();
}
