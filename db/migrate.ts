// `npm run db:migrate`: applies pending migrations to DATABASE_PATH (default data/baara.db).
import { databasePath, migrationState, openDb } from "../app/utils/db.server";

const db = openDb();
const { applied, expected } = migrationState(db);
db.$client.close();
console.log(`${databasePath()}: ${applied}/${expected} migrations applied`);
