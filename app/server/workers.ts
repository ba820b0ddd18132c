// `npm start` on a machine with several cores: a primary process forks WEB_CONCURRENCY
// workers that share the listening port and the SQLite file. The primary takes no request:
// it migrates the database before forking (the workers only open it), replaces a worker
// that dies, passes SIGTERM/SIGINT on and exits once every worker has finished.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { cookieSecret } from "~/utils/cookie-secret.server";
import { closeDb, getDb, MIGRATED_ENV } from "~/utils/db.server";

/** WEB_CONCURRENCY, or one worker per core; 1 runs a single process without a primary. */
export function workerCount(env = process.env): number {
  const asked = env.WEB_CONCURRENCY?.trim();
  if (!asked) return os.availableParallelism();
  const count = Number(asked);
  if (!Number.isInteger(count) || count < 1) throw new Error(`WEB_CONCURRENCY must be a whole number ≥ 1: "${asked}"`);
  return count;
}

/** A worker that dies sooner than this after its start is a quick death (a crash loop, a taken port). */
const QUICK_DEATH_MS = 10_000;
/** Quick deaths in a row after which the primary gives up. */
const QUICK_DEATHS_ALLOWED = 5;
/** After the workers' own 10 s to finish their requests, the primary stops waiting. */
const SHUTDOWN_GRACE_MS = 12_000;

type PrimaryOptions = { workers: number; port: number; log?: (line: string) => void };

export function runPrimary({ workers, port, log = (line) => console.log(line) }: PrimaryOptions) {
  // Migrated once, here, so that the workers never race to migrate the same file.
  getDb();
  closeDb();
  // The signed cookies' key, made before forking: every worker inherits it.
  cookieSecret("cluster");

  const startedAt = new Map<Worker, number>();
  const exitCodes: (number | null)[] = [];
  let everListening = false;
  let quickDeaths = 0;
  let stopping = false;

  function fork() {
    const worker = cluster.fork({ [MIGRATED_ENV]: "1" });
    startedAt.set(worker, Date.now());
    return worker;
  }

  function stopAll(signal: NodeJS.Signals, exitCode?: number) {
    if (stopping) return;
    stopping = true;
    if (exitCode !== undefined) exitCodes.push(exitCode);
    for (const worker of startedAt.keys()) worker.process.kill(signal);
    if (startedAt.size === 0) finish();
    setTimeout(() => {
      log(`workers still running after ${SHUTDOWN_GRACE_MS / 1000} s: killed`);
      for (const worker of startedAt.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  }

  function finish() {
    process.exit(exitCodes.every((code) => code === 0) ? 0 : 1);
  }

  let listening = 0;
  cluster.on("listening", () => {
    if (everListening || ++listening < workers) return;
    everListening = true;
    log(`Baara listening on http://localhost:${port} with ${workers} workers`);
  });

  cluster.on("exit", (worker, code, signal) => {
    const started = startedAt.get(worker) ?? 0;
    startedAt.delete(worker);
    if (stopping) {
      exitCodes.push(code);
      if (startedAt.size === 0) finish();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    // Before any worker took a request: a taken port or bad settings, which a retry does not mend.
    if (!everListening) {
      log(`worker ${worker.process.pid} failed to start (${how}): stopping`);
      stopAll("SIGTERM", 1);
      return;
    }
    quickDeaths = Date.now() - started < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    if (quickDeaths >= QUICK_DEATHS_ALLOWED) {
      log(`worker ${worker.process.pid} died (${how}), ${quickDeaths} quick deaths in a row: stopping`);
      stopAll("SIGTERM", 1);
      return;
    }
    // Backs off as the quick deaths add up: 0 s, then 0.2, 0.4, 0.8 s.
    const delay = quickDeaths === 0 ? 0 : 100 * 2 ** quickDeaths;
    log(`worker ${worker.process.pid} died (${how}): another starts in ${delay / 1000} s`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stopAll(signal));
  for (let i = 0; i < workers; i++) fork();
}
