// `npm run jobs`: the periodic chores (run it daily, e.g. from cron). Pages never
// wait for it: an offer past its closing date is already hidden.
import { expireOffers } from "../app/models/offers.server";
import { eraseFinishedSecrets } from "../app/models/outbox.server";
import { anonymiseInactiveCandidates, clearOldReportDetails } from "../app/models/retention.server";
import { rebuildReportCounts } from "../app/models/statistics-counts.server";
import { databasePath, openDb } from "../app/utils/db.server";

const db = openDb();
const expired = expireOffers(db);
const anonymised = anonymiseInactiveCandidates(db);
const cleared = clearOldReportDetails(db);
const erased = eraseFinishedSecrets(db);
// After the anonymisations: the reports count everyone again from today's profiles.
const counted = rebuildReportCounts(db);
// SQLite's advice for long-lived databases: refresh the planner's statistics where they went stale.
db.$client.pragma("optimize");
db.$client.close();
console.log(
  `${databasePath()}: ${expired} offers marked expired, ${anonymised} inactive candidates anonymised, ` +
    `${cleared} old report details cleared, ${erased} sent messages' codes and links erased, ${counted} candidates and applications counted for the reports`,
);
