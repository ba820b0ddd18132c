// What counsellors change on a partnership besides its status: who follows it,
// their notes, the next step's date, and the documents. Each change is audited.
import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { OPEN_PARTNERSHIP_STATUSES } from "~/models/lifecycles/partnership";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { files, partnershipDocuments, partnershipEvents, partnerships, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { type CvError, checkCv, safeFileName } from "./files.server";

export type WorkActor = { userId: number; ip?: string };

type Refusal<R extends string> = { ok: false; reason: R };
type Done = { ok: true };

const findPartnership = (db: Db, id: number) =>
  db
    .select({
      id: partnerships.id,
      status: partnerships.status,
      counsellorId: partnerships.counsellorId,
      createdAt: partnerships.createdAt,
    })
    .from(partnerships)
    .where(eq(partnerships.id, id))
    .get();

const isActiveCounsellor = (db: Db, userId: number) =>
  Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, "conseiller"), isNull(users.deletedAt), isNull(users.disabledAt)))
      .get(),
  );

/**
 * Who follows a partnership: `counsellorId` a counsellor's id (oneself to take
 * it, another to hand it over), or null to give it back.
 */
export function assignPartnership(
  db: Db,
  partnershipId: number,
  counsellorId: number | null,
  by: WorkActor,
): Done | Refusal<"notFound" | "notCounsellor"> {
  const row = findPartnership(db, partnershipId);
  if (!row) return { ok: false, reason: "notFound" };
  if (counsellorId !== null && !isActiveCounsellor(db, counsellorId)) return { ok: false, reason: "notCounsellor" };
  db.transaction((tx) => {
    tx.update(partnerships)
      .set({ counsellorId, remindedAt: null, updatedAt: new Date() })
      .where(eq(partnerships.id, row.id))
      .run();
    recordAudit(tx, {
      actorId: by.userId,
      action: "partnership.assigned",
      subjectType: "partnership",
      subjectId: row.id,
      detail: { from: row.counsellorId, to: counsellorId },
      ip: by.ip,
    });
  });
  return { ok: true };
}

/** A counsellor's note on the timeline, dated today (an event without a status). */
export function addPartnershipNote(
  db: Db,
  partnershipId: number,
  note: string,
  by: WorkActor,
  now = new Date(),
): Done | Refusal<"notFound"> {
  const row = findPartnership(db, partnershipId);
  if (!row) return { ok: false, reason: "notFound" };
  db.transaction((tx) => {
    tx.insert(partnershipEvents)
      .values({
        partnershipId: row.id,
        happenedOn: isoToday(now),
        actorId: by.userId,
        note,
        createdAt: now,
      })
      .run();
    recordAudit(tx, {
      actorId: by.userId,
      action: "partnership.noted",
      subjectType: "partnership",
      subjectId: row.id,
      ip: by.ip,
    });
  });
  return { ok: true };
}

/** A new due date for the next step of an open partnership; the reminder is owed again from it. */
export function reschedulePartnership(
  db: Db,
  partnershipId: number,
  due: string,
  by: WorkActor,
): Done | Refusal<"notFound" | "notOpen"> {
  const row = findPartnership(db, partnershipId);
  if (!row) return { ok: false, reason: "notFound" };
  if (!OPEN_PARTNERSHIP_STATUSES.includes(row.status)) return { ok: false, reason: "notOpen" };
  db.transaction((tx) => {
    tx.update(partnerships)
      .set({ nextStepDue: due, remindedAt: null, updatedAt: new Date() })
      .where(eq(partnerships.id, row.id))
      .run();
    recordAudit(tx, {
      actorId: by.userId,
      action: "partnership.rescheduled",
      subjectType: "partnership",
      subjectId: row.id,
      detail: { due },
      ip: by.ip,
    });
  });
  return { ok: true };
}

/** A PDF attached to a partnership, checked as a CV is, owned by the counsellor who attached it. */
export function addPartnershipDocument(
  db: Db,
  partnershipId: number,
  upload: { label: string; name: string; bytes: Buffer },
  by: WorkActor,
): (Done & { documentId: number }) | Refusal<"notFound" | CvError> {
  const row = findPartnership(db, partnershipId);
  if (!row) return { ok: false, reason: "notFound" };
  const error = checkCv(upload.bytes);
  if (error) return { ok: false, reason: error };
  const documentId = db.transaction((tx) => {
    const file = tx
      .insert(files)
      .values({
        ownerId: by.userId,
        name: safeFileName(upload.name),
        contentType: "application/pdf",
        size: upload.bytes.length,
        sha256: createHash("sha256").update(upload.bytes).digest("hex"),
        data: upload.bytes,
      })
      .returning({ id: files.id })
      .get();
    const document = tx
      .insert(partnershipDocuments)
      .values({ partnershipId: row.id, fileId: file.id, label: upload.label, uploadedBy: by.userId })
      .returning({ id: partnershipDocuments.id })
      .get();
    recordAudit(tx, {
      actorId: by.userId,
      action: "partnership.document_added",
      subjectType: "partnership",
      subjectId: row.id,
      detail: { documentId: document.id, fileId: file.id, label: upload.label },
      ip: by.ip,
    });
    return document.id;
  });
  return { ok: true, documentId };
}

/** Removes a document of this partnership and its file. */
export function removePartnershipDocument(
  db: Db,
  partnershipId: number,
  documentId: number,
  by: WorkActor,
): Done | Refusal<"documentNotFound"> {
  const document = db
    .select()
    .from(partnershipDocuments)
    .where(and(eq(partnershipDocuments.id, documentId), eq(partnershipDocuments.partnershipId, partnershipId)))
    .get();
  if (!document) return { ok: false, reason: "documentNotFound" };
  db.transaction((tx) => {
    // The file's row cascades to the document's.
    tx.delete(files).where(eq(files.id, document.fileId)).run();
    recordAudit(tx, {
      actorId: by.userId,
      action: "partnership.document_removed",
      subjectType: "partnership",
      subjectId: partnershipId,
      detail: { documentId, label: document.label },
      ip: by.ip,
    });
  });
  return { ok: true };
}
