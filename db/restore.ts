// `npm run restore FILE`: replaces the database with a backup, after checking
// the backup's integrity. Stop the portal first (the restore refuses otherwise
// only if it cannot take the lock).
import fs from "node:fs";
import Database from "better-sqlite3";
import { databasePath } from "../app/utils/db.server";

const source = process.argv[2];
if (!source || !fs.existsSync(source)) {
  console.error("usage: npm run restore -- data/backups/baara-....db");
  process.exit(2);
}
const backup = new Database(source, { readonly: true });
const integrity = backup.pragma("integrity_check", { simple: true });
if (integrity !== "ok") {
  console.error(`${source} is damaged (${String(integrity)}): nothing restored`);
  process.exit(1);
}
const target = databasePath();
// Copy through SQLite's backup API into the live file, so WAL and locks are respected.
await backup.backup(target);
backup.close();
const restored = new Database(target);
restored.pragma("journal_mode = WAL");
console.log(`restored ${source} into ${target} (${String(restored.pragma("integrity_check", { simple: true }))})`);
restored.close();
