// `npm run alerts`: one digest a day per candidate of the new offers matching their
// saved searches, into the outbox, by hand (the server's scheduler does it at 07:00).
import { queueAlerts } from "../app/models/scheduled-tasks.server";
import { openDb } from "../app/utils/db.server";

const db = openDb();
const { digests } = queueAlerts(db);
db.$client.close();
console.log(`alerts: ${digests} digests queued`);
