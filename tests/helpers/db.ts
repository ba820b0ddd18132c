import { eq } from "drizzle-orm";
import { type Db, openDb } from "../../app/utils/db.server";
import { auditLog } from "../../db/schema";

/** A fresh in-memory database with every migration applied. */
export function createTestDb(): Db {
  return openDb(":memory:");
}

/** The audit log's rows of one action. */
export const auditRows = (db: Db, action: string) =>
  db.select().from(auditLog).where(eq(auditLog.action, action)).all();
