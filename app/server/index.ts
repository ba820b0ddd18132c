// The production server: Express serves the built assets and hands every other
// request to React Router. `npm start` runs this file as built by `react-router build`:
// WEB_CONCURRENCY workers (one per core by default) under a primary (./workers.ts), or
// with WEB_CONCURRENCY=1 this one process alone.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import * as build from "virtual:react-router/server-build";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { closeDb, getDb } from "~/utils/db.server";
import { baseSecurityHeaders, isCrossSiteWrite } from "~/utils/security.server";
import { transportFromEnv } from "~/utils/transports.server";
import { withBoundedBody } from "./body-limit";
import { publicPageCache } from "./page-cache";
import { privateWhenPersonal } from "./private-responses";
import { type Scheduler, schedulerEnabled, startScheduler } from "./scheduler";
import { runPrimary, workerCount } from "./workers";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const clientDir = path.resolve(process.cwd(), "build/client");

const app = express();
app.disable("x-powered-by");
// Only a proxy on this machine may tell us the client's address.
app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");
app.use(compression());

const securityHeaders = baseSecurityHeaders(process.env.NODE_ENV === "production");
app.use((req, res, next) => {
  res.set(securityHeaders);
  // A form posted from another site never reaches an action (CSRF), whatever the cookie.
  if (isCrossSiteWrite(req.method, { get: (name) => req.get(name) ?? null }, req.get("host"))) {
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Demande refusée : elle vient d'un autre site.\nRequest refused: it comes from another site.");
    return;
  }
  next();
});

app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
const publicFiles = express.static(clientDir, { maxAge: "1h", index: false });
// Files have an extension (/favicon.svg); pages have none and skip the disk (a stat for every page otherwise).
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

// One JSON line per request: no query string, no cookie, no personal data. A request's id is this
// process's random prefix and a counter: unique across workers and restarts, cheaper than a UUID each.
const requestIdPrefix = randomBytes(6).toString("base64url");
let requestCount = 0;
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const requestId = `${requestIdPrefix}-${(++requestCount).toString(36)}`;
  res.locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        requestId,
        // Which worker answered.
        pid: process.pid,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      })}\n`,
    );
  });
  next();
});

// Answers to a logged-in person or to a form: `Cache-Control: private, no-store`.
app.use(privateWhenPersonal);
app.use(publicPageCache({ db: getDb }));

app.all(
  "*",
  withBoundedBody(
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        clientIp: req.ip ?? "unknown",
        requestId: String(res.locals.requestId),
      }),
    }),
  ),
);

function serve() {
  // Open (and migrate, unless the primary did) the database before taking any request.
  const db = getDb();
  // A typo in the transports' settings stops the start, before anything is sent the wrong way.
  const transport = schedulerEnabled() ? transportFromEnv() : null;
  let scheduler: Scheduler | null = null;

  const server = app.listen(port, host, () => {
    console.log(
      cluster.isWorker
        ? `Baara worker ${process.pid} listening on http://localhost:${port}`
        : `Baara listening on http://localhost:${port}`,
    );
    // Outbox each minute, alerts at 07:00, chores at 02:00 (SCHEDULER=off: none in this process).
    // Each worker runs one; a task's lease in the database decides which worker does a run.
    if (transport) scheduler = startScheduler({ db, transport });
  });

  // SIGTERM / SIGINT: stop taking connections and scheduled runs, finish those in flight, close the database.
  // Once only: Ctrl-C reaches a worker both from the terminal and through the primary.
  let stopping = false;
  function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight`);
    // A task running now finishes before the database closes; none starts after this.
    const schedulerStopped = scheduler?.stop() ?? Promise.resolve();
    server.close(() => {
      void schedulerStopped.then(() => {
        closeDb();
        process.exit(0);
      });
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

const workers = cluster.isPrimary ? workerCount() : 1;
if (workers > 1) {
  // The transports' settings are checked once, here, rather than by each worker.
  if (schedulerEnabled()) transportFromEnv();
  runPrimary({ workers, port });
} else {
  serve();
}
