// `npm run bench`: search at 100 000 offers (issue 3, item 11).
//
// 1. Builds data/bench/offers-100k.db with the demo seed (or reuses it when complete).
// 2. Times searchOffers over 200 fixed searches, beside the bare FTS5 MATCH (the floor).
// 3. Starts the built server on 127.0.0.1 and loads /healthz, /confidentialite (a page
//    rendered by React without any query: the rendering floor) and /offres?q=... with
//    autocannon (16 connections, 10 s each).
// Prints one markdown table and writes it to tests/bench/results.md.
// Options: --rebuild (seed the database again), --build (rebuild the portal first).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openOfferCounts } from "../../app/models/offers.server";
import { searchOffers, toFtsQuery } from "../../app/models/search.server";
import { openDb, type Db } from "../../app/utils/db.server";
import { benchMatching, type BenchRow } from "./matching";
import { benchQueries, HTTP_QUERIES } from "./queries";
import { benchReports } from "./reports";

const OFFERS = 100_000;
const DB_PATH = path.resolve("data/bench/offers-100k.db");
const RESULTS = path.resolve("tests/bench/results.md");
const ROUNDS = 5;
const CONNECTIONS = 16;
const SECONDS = 10;
const TARGET_SEARCH_P95_MS = 10;
const TARGET_HTTP_RATIO = 3;
const args = new Set(process.argv.slice(2));

type Stats = { p50: number; p95: number; max: number; n: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), max: sorted.at(-1)!, n: sorted.length };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** The 100 000-offer database, seeded once (about 25 s) and kept between runs. */
function benchDatabase(): void {
  if (!args.has("--rebuild") && fs.existsSync(DB_PATH)) {
    const db = openDb(DB_PATH, { migrate: false });
    let offers = 0;
    try {
      offers = (db.$client.prepare("SELECT count(*) AS n FROM offers").get() as { n: number }).n;
    } catch {
      // no offers table: an interrupted first run
    }
    db.$client.close();
    // The seed writes everything in one transaction: offers there means the seed finished.
    if (offers >= OFFERS) return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(DB_PATH + suffix, { force: true });
  console.log(`Seeding ${path.relative(process.cwd(), DB_PATH)} with ${OFFERS} offers (about 30 s)…`);
  execFileSync(
    "npx",
    ["tsx", "db/seed.ts", "--offers", String(OFFERS), "--candidates", "20000", "--applications", "20000"],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_PATH: DB_PATH } },
  );
}

function timeSearches(db: Db) {
  const queries = benchQueries();
  const floor = db.$client.prepare("SELECT rowid FROM offers_fts WHERE offers_fts MATCH ? LIMIT 20");
  const matches = queries.map((f) => (f.q ? toFtsQuery(f.q) : null)).filter((m): m is string => m !== null);
  const model: number[] = [];
  const modelPlain: number[] = [];
  const modelFiltered: number[] = [];
  const bare: number[] = [];
  let found = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    // Round 0 warms SQLite's page cache and the JIT; it is not counted.
    for (const filters of queries) {
      const start = performance.now();
      const result = searchOffers(db, filters);
      const elapsed = performance.now() - start;
      if (round === 0) {
        if (result.total > 0) found++;
        continue;
      }
      model.push(elapsed);
      (filters.type || filters.region || filters.sector ? modelFiltered : modelPlain).push(elapsed);
    }
    for (const match of matches) {
      const start = performance.now();
      floor.all(match);
      if (round > 0) bare.push(performance.now() - start);
    }
  }
  return { model: stats(model), plain: stats(modelPlain), filtered: stats(modelFiltered), bare: stats(bare), found, queries: queries.length };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ensureBuild() {
  if (!args.has("--build") && fs.existsSync("build/server/index.js") && fs.existsSync("build/client")) return;
  console.log("Building the portal (npx react-router build)…");
  // Without VITEST: vite.config.ts leaves React Router's plugin out under Vitest.
  const { VITEST: _vitest, ...env } = process.env;
  execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
}

async function startServer() {
  const port = await freePort();
  const server = spawn(process.execPath, ["build/server/index.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: DB_PATH },
    // The server writes one log line per request: dropped here, but still written.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error("the server did not start within 30 s");
    await new Promise((r) => setTimeout(r, 150));
  }
  let stopped: Promise<void> | undefined;
  // Stopping twice waits for the same exit.
  const stop = () => (stopped ??= new Promise<void>((resolve) => (server.once("exit", () => resolve()), server.kill("SIGTERM"))));
  return { url, stop };
}

type HttpFigures = { rps: number; p50: number; p95: number; p97_5: number; p99: number; requests: number; bad: number };

/** One autocannon run; p95 is computed from every response's time (autocannon reports p97.5, not p95). */
async function load(url: string, paths: string[]): Promise<HttpFigures> {
  // Every path must answer 200 before its figures mean anything.
  for (const p of paths) {
    const response = await fetch(url + p);
    if (response.status !== 200) throw new Error(`${p} answered ${response.status}: is build/ up to date? (npm run bench -- --build)`);
  }
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: paths.map((p) => ({ method: "GET", path: p })),
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  const own = stats(times);
  return {
    rps: result.requests.average,
    p50: own.p50,
    p95: own.p95,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

type Http = { health: HttpFigures; page: HttpFigures; offers: HttpFigures };

function table(search: ReturnType<typeof timeSearches>, { health, page, offers }: Http, openOffers: number) {
  const ok = (pass: boolean) => (pass ? "✅ met" : "❌ missed");
  const ratio = health.rps / offers.rps;
  const rows = [
    ["What", "p50 (ms)", "p95 (ms)", "max (ms)", "req/s", "Target", "Result"],
    ["---", "---:", "---:", "---:", "---:", "---", "---"],
    [`searchOffers, all ${search.queries} searches (${search.model.n} runs)`, ms(search.model.p50), ms(search.model.p95), ms(search.model.max), "", `p95 < ${TARGET_SEARCH_P95_MS} ms`, ok(search.model.p95 < TARGET_SEARCH_P95_MS)],
    ["searchOffers, words only", ms(search.plain.p50), ms(search.plain.p95), ms(search.plain.max), "", "", ""],
    ["searchOffers, words + filters", ms(search.filtered.p50), ms(search.filtered.p95), ms(search.filtered.max), "", "", ""],
    ["floor: bare FTS5 MATCH … LIMIT 20", ms(search.bare.p50), ms(search.bare.p95), ms(search.bare.max), "", "", ""],
    [`HTTP GET /healthz (${CONNECTIONS} conn., ${SECONDS} s)`, ms(health.p50), ms(health.p95), "", health.rps.toFixed(0), "", ""],
    ["HTTP GET /confidentialite (React page, no query)", ms(page.p50), ms(page.p95), "", page.rps.toFixed(0), "", `${(health.rps / page.rps).toFixed(1)}× /healthz`],
    [`HTTP GET /offres?q=… (${HTTP_QUERIES.length} searches in turn)`, ms(offers.p50), ms(offers.p95), "", offers.rps.toFixed(0), `≤ ${TARGET_HTTP_RATIO}× /healthz`, `${ok(ratio <= TARGET_HTTP_RATIO)} (${ratio.toFixed(1)}×)`],
  ];
  const cpus = os.cpus();
  return [
    `# Search benchmark (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC)`,
    "",
    `Machine: ${cpus.length} CPU (${cpus[0]?.model.trim() ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Database: ${OFFERS.toLocaleString("en")} offers (${openOffers.toLocaleString("en")} open), seeded by \`db/seed.ts\`. ${search.found} of ${search.queries} searches find at least one offer.`,
    "",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `HTTP p95 is computed from every response's time; autocannon's own p97.5 / p99: /healthz ${health.p97_5} / ${health.p99} ms, ` +
      `/confidentialite ${page.p97_5} / ${page.p99} ms, /offres ${offers.p97_5} / ${offers.p99} ms. ` +
      `Requests: /healthz ${health.requests}, /confidentialite ${page.requests}, /offres ${offers.requests}; non-2xx or errors: ${health.bad + page.bad + offers.bad}. ` +
      `"≤ 3× /healthz" compares requests per second (${health.rps.toFixed(0)} / ${offers.rps.toFixed(0)}). Load generator and server share the machine.`,
    "",
  ].join("\n");
}

async function main() {
  benchDatabase();
  const db = openDb(DB_PATH);
  const openOffers = Object.values(openOfferCounts(db)).reduce((sum, n) => sum + n, 0);
  console.log("Timing searchOffers…");
  const search = timeSearches(db);
  db.$client.close();
  console.log(`  searchOffers p50 ${ms(search.model.p50)} ms, p95 ${ms(search.model.p95)} ms; bare MATCH p95 ${ms(search.bare.p95)} ms`);

  ensureBuild();
  const server = await startServer();
  try {
    console.log(`Loading ${server.url}/healthz for ${SECONDS} s…`);
    const health = await load(server.url, ["/healthz"]);
    console.log(`Loading ${server.url}/confidentialite for ${SECONDS} s…`);
    const page = await load(server.url, ["/confidentialite"]);
    console.log(`Loading ${server.url}/offres?q=… for ${SECONDS} s…`);
    const offers = await load(server.url, HTTP_QUERIES.map((q) => `/offres?${new URLSearchParams({ q })}`));
    let markdown = table(search, { health, page, offers }, openOffers);
    await server.stop();
    // Issue 5: matching at 50 000 candidates, reports at 1 000 000 applications.
    const more: BenchRow[] = [];
    if (!args.has("--skip-matching")) more.push(...(await benchMatching({ rebuild: args.has("--rebuild") })));
    if (!args.has("--skip-reports")) more.push(...(await benchReports({ rebuildDb: args.has("--rebuild") })));
    if (more.length > 0) markdown += `\n${rowsTable("Matching and reports", more)}`;
    fs.writeFileSync(RESULTS, markdown);
    console.log(`\n${markdown}\nWritten to ${path.relative(process.cwd(), RESULTS)}`);
  } finally {
    await server.stop();
  }
}

function rowsTable(title: string, rows: BenchRow[]) {
  const cell = (value: number | undefined) => (value === undefined ? "" : ms(value));
  return [
    `## ${title}`,
    "",
    "| What | p50 (ms) | p95 (ms) | max (ms) | Target | Result |",
    "| --- | ---: | ---: | ---: | --- | --- |",
    ...rows.map((r) => `| ${r.what} | ${cell(r.p50)} | ${cell(r.p95)} | ${cell(r.max)} | ${r.target ?? ""} | ${r.result ?? ""} |`),
    "",
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
