// `npm run db:migrate`: applies pending migrations to DATABASE_PATH (default data/baara.db).
import { assignMissingShortCodes } from "../app/models/offer-codes.server";
import { databasePath, migrationState, openDb } from "../app/utils/db.server";

const db = openDb();
const { applied, expected } = migrationState(db);
// Offers published before keypad codes existed get theirs.
const coded = assignMissingShortCodes(db);
db.$client.close();
console.log(
  `${databasePath()}: ${applied}/${expected} migrations applied${coded ? `, ${coded} offers given a keypad code` : ""}`,
);
