// `npm run alerts`: one digest a day per candidate of the new offers matching
// their saved searches, into the outbox (then `npm run outbox` sends it).
import { runAlerts } from "../app/models/alerts.server";
import { openDb } from "../app/utils/db.server";

const db = openDb();
const { digests } = runAlerts(db);
db.$client.close();
console.log(`alerts: ${digests} digests queued`);
