// The SMS a browser test's person receives: the portal's pending messages sent as `npm run outbox`
// would, through the `log` transport, into a file of the test's own.
import fs from "node:fs";
import path from "node:path";
import { sendPendingMessages } from "../../app/models/outbox.server";
import { openDb } from "../../app/utils/db.server";
import { logTransport } from "../../app/utils/transports.server";
import { E2E_DIR } from "./paths";

/** A log file for one test file's messages, and the reader of the last SMS to a number (sending what is pending). */
export function smsLog(name: string) {
  const file = path.join(E2E_DIR, `${name}-outbox-${process.pid}.log`);
  return {
    file,
    async lastSmsTo(dbPath: string, phone: string) {
      const db = openDb(dbPath);
      try {
        await sendPendingMessages(db, logTransport(file));
      } finally {
        db.$client.close();
      }
      if (!fs.existsSync(file)) return "";
      const lines = fs.readFileSync(file, "utf8").trim().split("\n");
      const messages = lines.map((line) => JSON.parse(line) as { recipient: string; text: string });
      return messages.filter((m) => m.recipient === phone).at(-1)?.text ?? "";
    },
    remove: () => fs.rmSync(file, { force: true }),
  };
}
