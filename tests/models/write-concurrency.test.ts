// Two processes writing one database file at the same moment, as the cluster's workers do:
// each runs hundreds of transactions that read then write. Transactions are IMMEDIATE by
// default (openDb), so each waits for the write lock instead of failing with SQLITE_BUSY.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Db, openDb } from "../../app/utils/db.server";
import { fraudReports } from "../../db/schema";
import { insertOffer, insertOrganisation } from "../helpers/factories";

const PROCESSES = 2;
const REPORTS_EACH = 400;

let dir = "";
let dbPath = "";
let db: Db;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-writes-"));
  dbPath = path.join(dir, "baara.db");
  db = openDb(dbPath);
});

afterAll(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Outcome = { recorded: number; errors: string[] };

/** Starts the processes, releases them together once all have the file open, and collects what they did. */
async function writeTogether(offerIds: number[]): Promise<Outcome[]> {
  const children: ChildProcess[] = Array.from({ length: PROCESSES }, (_, i) =>
    spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.resolve("tests/models/write-process.ts"),
        dbPath,
        offerIds.join(","),
        String(REPORTS_EACH),
        String(i + 1),
      ],
      { stdio: ["ignore", "inherit", "inherit", "ipc"] },
    ),
  );
  let ready = 0;
  const outcomes = children.map(
    (child) =>
      new Promise<Outcome>((resolve, reject) => {
        child.on("message", (message: { ready?: boolean } & Outcome) => {
          if (message.ready && ++ready === children.length) for (const each of children) each.send("go");
          if (!message.ready) resolve(message);
        });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? undefined : reject(new Error(`a writer exited with ${code}`))));
      }),
  );
  return Promise.all(outcomes);
}

it("records every report two processes send at once, with no SQLITE_BUSY", { timeout: 60_000 }, async () => {
  const org = insertOrganisation(db);
  const offerIds = Array.from({ length: 20 }, () => insertOffer(db, { orgId: org.id }).id);
  const outcomes = await writeTogether(offerIds);
  expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
  expect(outcomes.map((o) => o.recorded)).toEqual(Array(PROCESSES).fill(REPORTS_EACH));
  const stored = db.select({ n: sql<number>`count(*)` }).from(fraudReports).get()!.n;
  expect(stored).toBe(PROCESSES * REPORTS_EACH);
});
