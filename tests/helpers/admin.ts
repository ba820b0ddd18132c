// Test data for the admin pages: lines of the audit log at a given time, deleted accounts.
import { eq } from "drizzle-orm";
import type { Db } from "../../app/utils/db.server";
import { auditLog, users } from "../../db/schema";

export function insertAuditLine(
  db: Db,
  values: {
    actorId?: number | null;
    action: string;
    at: Date | string;
    subjectType?: string;
    subjectId?: string;
    ip?: string;
  },
) {
  return db
    .insert(auditLog)
    .values({
      actorId: values.actorId ?? null,
      action: values.action,
      subjectType: values.subjectType ?? null,
      subjectId: values.subjectId ?? null,
      ip: values.ip ?? null,
      createdAt: typeof values.at === "string" ? new Date(values.at) : values.at,
    })
    .returning()
    .get();
}

/** Marks an account deleted the way anonymisation leaves it. */
export function markDeleted(db: Db, userId: number) {
  db.update(users)
    .set({ phone: null, email: null, passwordHash: null, displayName: "—", deletedAt: new Date() })
    .where(eq(users.id, userId))
    .run();
}
