// Hiring and applying under real concurrency: several connections to one database
// FILE, each in its own worker thread, released at the same instant. 50 hire attempts
// on a 3-position offer (10 workers × 5 applications), and 8 simultaneous applications
// of one candidate to one offer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult, MoveResult } from "../../app/models/applications.server";
import { type Db, openDb } from "../../app/utils/db.server";
import { applicationEvents, applications, offers, placementFollowups, placements } from "../../db/schema";
import {
  addMember,
  insertApplication,
  insertCandidate,
  insertOffer,
  insertOrganisation,
  insertUser,
} from "../helpers/factories";

let dir = "";
let dbPath = "";
let db: Db;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-concurrency-"));
  dbPath = path.join(dir, "baara.db");
  db = openDb(dbPath);
});

afterAll(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The ids of candidates reached by e-mail, without a password (hashing 50 would only slow the test). */
function insertCandidates(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => {
    const values = {
      phone: null,
      email: `${prefix}${i}@test.ml`,
      firstName: "Candidat",
      lastName: String(i),
      consent: false,
    };
    return insertCandidate(db, values).id;
  });
}

/** Starts one worker per job, waits until every one has its connection open, releases them together, and collects what they did. */
async function runTogether<R>(jobs: Record<string, unknown>[]): Promise<R[]> {
  const gate = new SharedArrayBuffer(4);
  let ready = 0;
  const workers = jobs.map(
    (job) =>
      new Worker(new URL("../helpers/ts-worker.mjs", import.meta.url), {
        workerData: { module: new URL("./hire-worker.ts", import.meta.url).href, dbPath, gate, ...job },
      }),
  );
  const done = workers.map(
    (worker) =>
      new Promise<R[]>((resolve, reject) => {
        worker.on("message", (message: { ready?: boolean; results?: R[] }) => {
          if (message.ready && ++ready === workers.length) {
            const flag = new Int32Array(gate);
            Atomics.store(flag, 0, 1);
            Atomics.notify(flag, 0);
          }
          if (message.results) resolve(message.results);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
      }),
  );
  return (await Promise.all(done)).flat();
}

describe("hiring under concurrency (file database, 10 worker threads)", () => {
  it("50 simultaneous hires on a 3-position offer: exactly 3 succeed, the offer is filled, nothing else moves", {
    timeout: 60_000,
  }, async () => {
    const org = insertOrganisation(db, { name: "Chantier Diallo" });
    const employer = await insertUser(db, { role: "employeur", email: "chef@chantier.ml", password: null });
    addMember(db, employer.id, org.id);
    const offer = insertOffer(db, { orgId: org.id, title: "Maçons (3 postes)", positions: 3 });
    const candidates = insertCandidates(50, "macon");
    const applicationIds = candidates.map(
      (candidateId) => insertApplication(db, { offerId: offer.id, candidateId, status: "interview" }).id,
    );

    const jobs = Array.from({ length: 10 }, (_, w) => ({
      task: "hire",
      employerId: employer.id,
      // Interleaved so that every worker has applications all along the list.
      applicationIds: applicationIds.filter((_, i) => i % 10 === w),
    }));
    const results = await runTogether<{ applicationId: number; result: MoveResult | null }>(jobs);

    expect(results).toHaveLength(50);
    const succeeded = results.filter((r) => r.result?.ok);
    expect(succeeded).toHaveLength(3);
    expect(succeeded.filter((r) => r.result?.ok && r.result.offerFilled)).toHaveLength(1);
    for (const r of results.filter((r) => !r.result?.ok)) {
      expect(["positions_full", "not_allowed"]).toContain(r.result && !r.result.ok ? r.result.reason : "null");
    }

    const hired = db.select().from(applications).where(eq(applications.status, "hired")).all();
    expect(hired.map((a) => a.id).sort()).toEqual(succeeded.map((r) => r.applicationId).sort());
    const rest = db
      .select()
      .from(applications)
      .where(eq(applications.offerId, offer.id))
      .all()
      .filter((a) => a.status !== "hired");
    expect(rest).toHaveLength(47);
    expect(rest.every((a) => a.status === "rejected" && a.refusalReason === "position_filled")).toBe(true);
    expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("filled");

    const made = db.select().from(placements).where(eq(placements.offerId, offer.id)).all();
    expect(made.map((p) => p.applicationId).sort()).toEqual(hired.map((a) => a.id).sort());
    const followups = db
      .select()
      .from(placementFollowups)
      .where(
        inArray(
          placementFollowups.placementId,
          made.map((p) => p.id),
        ),
      )
      .all();
    expect(followups).toHaveLength(9);
    // One event per change: 3 hires and 47 closings, none twice.
    const events = db
      .select()
      .from(applicationEvents)
      .where(inArray(applicationEvents.applicationId, applicationIds))
      .all();
    expect(events.filter((e) => e.toStatus === "hired")).toHaveLength(3);
    expect(events.filter((e) => e.toStatus === "rejected")).toHaveLength(47);
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("8 simultaneous applications of one candidate to one offer make one application", {
    timeout: 60_000,
  }, async () => {
    const org = insertOrganisation(db, { name: "Boutique Traoré" });
    const offer = insertOffer(db, { orgId: org.id, title: "Vendeuse" });
    const [candidateId] = insertCandidates(1, "vendeuse");
    const results = await runTogether<ApplyResult>(
      Array.from({ length: 8 }, () => ({ task: "apply", candidateId, offerId: offer.id })),
    );

    const rows = db.select().from(applications).where(eq(applications.offerId, offer.id)).all();
    expect(rows).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, applicationId: rows[0]!.id }]);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array(7).fill({ ok: false, reason: "already_applied", applicationId: rows[0]!.id }),
    );
    const events = db
      .select({ n: sql<number>`count(*)` })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, rows[0]!.id))
      .get();
    expect(events?.n).toBe(1);
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  });
});
