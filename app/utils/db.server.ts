import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle: model functions that may run inside one take `Db | Tx`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

// From process.cwd(), not import.meta.url: the server build moves modules.
export const migrationsFolder = () => path.resolve(process.cwd(), "db/migrations");

export function databasePath() {
  return process.env.DATABASE_PATH ?? path.resolve(process.cwd(), "data/baara.db");
}

/** Set by the cluster's primary, which migrated the file before forking: its workers only open it. */
export const MIGRATED_ENV = "BAARA_DATABASE_MIGRATED";

/**
 * Opens SQLite in WAL mode with foreign keys on, and applies pending migrations.
 * Transactions are IMMEDIATE unless one says otherwise: another process may write the
 * same file, and a DEFERRED transaction that reads then writes fails at once with
 * SQLITE_BUSY when another wrote meanwhile (busy_timeout does not help it). IMMEDIATE
 * takes the write lock first, waiting up to busy_timeout. Read-only ones say "deferred".
 */
export function openDb(file = databasePath(), { migrate: runMigrations = true } = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  const deferredByDefault = db.transaction.bind(db);
  db.transaction = (transaction, config) => deferredByDefault(transaction, { behavior: "immediate", ...config });
  if (runMigrations) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

// The migrations shipped with this process's code: read once (/healthz asks on every probe).
let shipped: number | undefined;

/** Migrations the code ships with and how many the database has applied. */
export function migrationState(db: Db) {
  shipped ??= (
    JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] }
  ).entries.length;
  const row = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
  return { expected: shipped, applied: row.n };
}

let instance: Db | undefined;

/** The process-wide database, opened (and migrated) on first use. */
export function getDb(): Db {
  instance ??= openDb(databasePath(), { migrate: process.env[MIGRATED_ENV] !== "1" });
  return instance;
}

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}
