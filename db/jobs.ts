// `npm run jobs`: the daily chores, by hand (the server's scheduler runs them at 02:00).
import { runChores } from "../app/models/scheduled-tasks.server";
import { databasePath, openDb } from "../app/utils/db.server";

const db = openDb();
const { expired, anonymised, cleared, erased, counted } = runChores(db);
db.$client.close();
console.log(
  `${databasePath()}: ${expired} offers marked expired, ${anonymised} inactive candidates anonymised, ` +
    `${cleared} old report details cleared, ${erased} sent messages' codes and links erased, ${counted} candidates and applications counted for the reports`,
);
