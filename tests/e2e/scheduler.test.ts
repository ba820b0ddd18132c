// The built server sends its outbox by itself: with the scheduler on, a message waiting when it
// starts leaves at once, and one queued while it runs leaves at the next minute, nobody running
// `npm run outbox`. Needs no browser, but the built server and the template database exist only
// where the browser tests run, hence `describeInBrowser`.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltServer, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

let server: BuiltServer | undefined;
let dbPath: string;
let outboxLog: string;

function queue(recipient: string) {
  const db = new Database(dbPath);
  try {
    db.prepare(
      `INSERT INTO outbox (channel, recipient, template, locale, payload, created_at)
       VALUES ('sms', ?, 'application.shortlisted', 'fr', ?, ?)`,
    ).run(recipient, JSON.stringify({ offerTitle: "Maçon à Kati", link: "/candidat/candidatures" }), Date.now());
  } finally {
    db.close();
  }
}

function outboxRow(recipient: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT status, encoding, segments FROM outbox WHERE recipient = ?").get(recipient) as
      | { status: string; encoding: string | null; segments: number | null }
      | undefined;
  } finally {
    db.close();
  }
}

/** The log transport's line for `recipient`, once the server has written it (polled until `seconds`). */
async function loggedTo(recipient: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const lines = fs.existsSync(outboxLog) ? fs.readFileSync(outboxLog, "utf8").trim().split("\n") : [];
    const line = lines.find((l) => l.includes(`"recipient":"${recipient}"`));
    if (line) return JSON.parse(line) as { recipient: string; text: string };
    if (server?.process.exitCode !== null) throw new Error("the server exited");
    if (Date.now() > deadline) throw new Error(`no message to ${recipient} within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeInBrowser("the built server's own scheduler", () => {
  beforeAll(async () => {
    dbPath = path.join(E2E_DIR, `scheduler-${process.pid}.db`);
    outboxLog = path.join(E2E_DIR, `scheduler-outbox-${process.pid}.log`);
    fs.copyFileSync(TEMPLATE_DB, dbPath);
    fs.rmSync(outboxLog, { force: true });
    queue("+22379990001");
    server = await startBuiltServer(dbPath, {
      env: { SCHEDULER: "on", OUTBOX_TRANSPORT: "log", OUTBOX_LOG: outboxLog },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, outboxLog]) fs.rmSync(file, { force: true });
  });

  it("sends at start what was waiting, in GSM-7 letters, and records the run", async () => {
    const sent = await loggedTo("+22379990001", 20);
    expect(sent.text).toContain('"Macon à Kati"');
    expect(outboxRow("+22379990001")).toEqual({ status: "sent", encoding: "gsm7", segments: 1 });
    const db = new Database(dbPath, { readonly: true });
    try {
      const lease = db.prepare("SELECT last_result AS result FROM task_leases WHERE name = 'outbox'").get() as {
        result: string;
      };
      expect(JSON.parse(lease.result)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it("sends at the next minute a message queued while it runs", async () => {
    queue("+22379990002");
    await loggedTo("+22379990002", 75);
    expect(outboxRow("+22379990002")?.status).toBe("sent");
  }, 90_000);

  it("stops on SIGTERM, the database closed cleanly", async () => {
    await server!.stop();
    expect(await server!.exited).toBe(0);
    server = undefined;
  });
});
