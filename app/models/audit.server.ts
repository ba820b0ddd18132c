import type { Db, Tx } from "~/utils/db.server";
import { auditLog } from "../../db/schema";

export type AuditEntry = {
  actorId?: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  detail?: Record<string, unknown>;
  ip?: string;
};

/** Writes one line of the audit log. */
export function recordAudit(db: Db | Tx, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
    })
    .run();
}
