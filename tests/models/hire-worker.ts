// One worker of tests/models/hire-concurrency.test.ts: its own connection to the
// shared database file, then — all workers released at once — its attempts.
import { parentPort, workerData } from "node:worker_threads";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import { openDb } from "../../app/utils/db.server";

type Data =
  | { task: "hire"; dbPath: string; gate: SharedArrayBuffer; employerId: number; applicationIds: number[] }
  | { task: "apply"; dbPath: string; gate: SharedArrayBuffer; candidateId: number; offerId: number };

const data = workerData as Data & { module: string };
const db = openDb(data.dbPath, { migrate: false });
const gate = new Int32Array(data.gate);

parentPort!.postMessage({ ready: true });
Atomics.wait(gate, 0, 0);

const results: unknown[] = [];
if (data.task === "hire") {
  for (const applicationId of data.applicationIds) {
    results.push({
      applicationId,
      result: moveApplication(db, { employerId: data.employerId, applicationId, to: "hired" }),
    });
  }
} else {
  results.push(applyToOffer(db, { candidateId: data.candidateId, offerId: data.offerId, message: "En même temps" }));
}
db.$client.close();
parentPort!.postMessage({ results });
