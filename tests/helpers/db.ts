import { type Db, openDb } from "../../app/utils/db.server";

/** A fresh in-memory database with every migration applied. */
export function createTestDb(): Db {
  return openDb(":memory:");
}
