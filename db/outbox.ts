// `npm run outbox`: sends the pending SMS and e-mails now, by hand (the server's scheduler
// does it every minute). SMS go to SMS_GATEWAY_URL, e-mails to SMTP_URL, else both to
// data/outbox.log; OUTBOX_TRANSPORT=log logs both whatever is set.
import { sendOutbox } from "../app/models/scheduled-tasks.server";
import { openDb } from "../app/utils/db.server";
import { transportFromEnv } from "../app/utils/transports.server";

const db = openDb();
const transport = transportFromEnv();
const result = await sendOutbox(db, transport);
db.$client.close();
console.log(
  `outbox (${transport.name}): ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed` +
    (result.stopped ? `, ${result.stopped} not sent (STOP)` : ""),
);
