// `npm run backup`: an online backup of the live database (better-sqlite3's
// backup API: consistent while the portal keeps serving) into data/backups/.

import fs from "node:fs";
import path from "node:path";
import { databasePath, openDb } from "../app/utils/db.server";

const target =
  process.argv[2] ??
  path.resolve(process.cwd(), "data/backups", `baara-${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
fs.mkdirSync(path.dirname(target), { recursive: true });
const db = openDb(databasePath(), { migrate: false });
await db.$client.backup(target);
db.$client.close();
const check = openDb(target, { migrate: false });
const integrity = check.$client.pragma("integrity_check", { simple: true });
check.$client.close();
if (integrity !== "ok") {
  console.error(`backup ${target} failed its integrity check: ${String(integrity)}`);
  process.exit(1);
}
console.log(`backup written: ${target}`);
