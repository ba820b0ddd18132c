// `npm run outbox`: sends the pending SMS and e-mails through the configured
// transport (OUTBOX_TRANSPORT=log, the default, appends to data/outbox.log;
// OUTBOX_TRANSPORT=http posts to SMS_GATEWAY_URL with SMS_GATEWAY_TOKEN).
import { sendPendingMessages } from "../app/models/outbox.server";
import { openDb } from "../app/utils/db.server";
import { transportFromEnv } from "../app/utils/transports.server";

const db = openDb();
const transport = transportFromEnv();
const result = await sendPendingMessages(db, transport);
db.$client.close();
console.log(`outbox (${transport.name}): ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed`);
