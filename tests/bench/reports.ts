// Reports at 1 000 000 applications and 200 000 candidates:
// computeIndicators over the last 12 months, 20 timed runs after 2 warm-ups, with
// and without filters; the nightly rebuild of the monthly counts, once.
//
//   npx tsx tests/bench/reports.ts [--rebuild-db] [--build-dir=build]
//
// The database is data/bench/reports-1m.db, seeded once by db/seed.ts (about a
// minute on an idle machine, a few under load) and reused. The seed keeps one
// application per candidate and offer, so it is asked for a little more than a
// million to hold at least a million.
//
// When a build is there (build/server/index.js, e.g. after `npm run build`), the page
// itself is also timed through HTTP on 127.0.0.1: 20 sequential GETs as the demo counsellor.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { partnerOrganisations } from "../../app/models/indicator-rows.server";
import { computeIndicators, type ReportFilters } from "../../app/models/indicators.server";
import { rebuildReportCounts, refreshReportCounts } from "../../app/models/statistics-counts.server";
import { shiftMonth } from "../../app/schemas/report-filters";
import { isoToday } from "../../app/utils/dates";
import { type Db, openDb } from "../../app/utils/db.server";
import { createUserSession } from "../../app/utils/session.server";
import { startBuiltServer } from "../helpers/built-server";
import { type BenchRow, markdownTable, met, percentile } from "./table";

const DB_PATH = path.resolve("data/bench/reports-1m.db");
const SIZE = { candidates: 200_000, offers: 20_000, applications: 1_000_000 };
const SEED_APPLICATIONS = 1_011_000;
const RUNS = 20;
const WARM_UP = 2;
const TARGET_MS = 500;

function count(db: Db, table: string) {
  try {
    return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } catch {
    return 0; // an interrupted first seed: no table yet
  }
}

/** The bench database, seeded when missing or incomplete (the seed writes in one transaction). */
function benchDatabase(rebuild: boolean) {
  if (!rebuild && fs.existsSync(DB_PATH)) {
    const db = openDb(DB_PATH, { migrate: false });
    const ok = count(db, "applications") >= SIZE.applications && count(db, "candidate_profiles") >= SIZE.candidates;
    db.$client.close();
    if (ok) return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(DB_PATH + suffix, { force: true });
  console.log(
    `Seeding ${path.relative(process.cwd(), DB_PATH)}: ${SIZE.candidates} candidates, ${SIZE.offers} offers, ~${SIZE.applications} applications (a few minutes)…`,
  );
  const args = [
    "tsx",
    "db/seed.ts",
    "--candidates",
    String(SIZE.candidates),
    "--offers",
    String(SIZE.offers),
    "--applications",
    String(SEED_APPLICATIONS),
  ];
  execFileSync("npx", args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_PATH: DB_PATH },
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Wall time (what a counsellor waits) and CPU time (the same on an idle machine) of each run. */
function time(db: Db, filters: ReportFilters) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    computeIndicators(db, filters);
    const used = process.cpuUsage(usage);
    if (i < WARM_UP) continue;
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(wall, 50), p95: percentile(wall, 95), max: wall.at(-1)!, cpu50: percentile(cpu, 50) };
}

/** GET /conseiller/rapports through the built server, logged in as the demo counsellor. */
async function timePage(db: Db, buildDir: string): Promise<BenchRow | null> {
  const entry = path.join(buildDir, "server/index.js");
  if (!fs.existsSync(entry)) return null;
  const counsellor = db.$client.prepare("SELECT id FROM users WHERE email = 'conseiller@baara.demo'").get() as
    | { id: number }
    | undefined;
  if (!counsellor) return null;
  const login = await createUserSession(db, new Request("http://127.0.0.1/connexion"), counsellor.id, "/");
  const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
  const server = await startBuiltServer(DB_PATH, { buildDir });
  const { url } = server;
  try {
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const start = performance.now();
      const response = await fetch(`${url}/conseiller/rapports`, { headers: { Cookie: cookie } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes("<svg"))
        throw new Error(`/conseiller/rapports answered ${response.status}`);
      if (i >= WARM_UP) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    return {
      what: `HTTP GET /conseiller/rapports, 12 months, whole page rendered (${RUNS} sequential requests)`,
      p50: round(percentile(times, 50)),
      p95: round(p95),
      max: round(times.at(-1)!),
      target: `p95 < ${TARGET_MS} ms`,
      result: met(p95 < TARGET_MS),
    };
  } finally {
    await server.stop();
  }
}

export async function benchReports({ rebuildDb = false, buildDir = path.resolve("build") } = {}): Promise<BenchRow[]> {
  benchDatabase(rebuildDb);
  const db = openDb(DB_PATH);
  const rows: BenchRow[] = [];
  const load = os.loadavg()[0]!.toFixed(1);
  const applications = count(db, "applications");
  const candidates = count(db, "candidate_profiles");
  console.log(
    `${applications} applications, ${candidates} candidates; load average ${load} on ${os.cpus().length} CPUs.`,
  );

  // Counting everything once: what the first report after migration 0003 does, and the nightly job.
  let start = performance.now();
  const counted = rebuildReportCounts(db);
  const rebuild = performance.now() - start;
  rows.push({
    what: `rebuildReportCounts: counts ${counted.toLocaleString("en")} candidates and applications (nightly job, once)`,
    max: round(rebuild),
    figure: `${applications.toLocaleString("en")} applications, ${candidates.toLocaleString("en")} candidates; load average ${load} at start`,
    target: "once a night",
  });
  start = performance.now();
  refreshReportCounts(db);
  rows.push({
    what: "refreshReportCounts with nothing new (before every report)",
    max: round(performance.now() - start),
  });

  const to = isoToday().slice(0, 7);
  const from = shiftMonth(to, -11);
  const partner = partnerOrganisations(db)[0];
  const cases: [string, ReportFilters][] = [
    ["computeIndicators, 12 months, no filter", { from, to }],
    ["computeIndicators, 12 months, region Bamako (the largest)", { from, to, region: "bamako" }],
    ["computeIndicators, 12 months, region Ségou", { from, to, region: "segou" }],
    ...(partner
      ? ([
          [
            `computeIndicators, 12 months, partner ${partner.shortName ?? partner.name}`,
            { from, to, partnerId: partner.id },
          ],
        ] as [string, ReportFilters][])
      : []),
    ["computeIndicators, 12 months, type emploi", { from, to, offerType: "emploi" }],
  ];
  for (const [what, filters] of cases) {
    const t = time(db, filters);
    console.log(`  ${what}: p50 ${round(t.p50)} ms, p95 ${round(t.p95)} ms (CPU p50 ${round(t.cpu50)} ms)`);
    rows.push({
      what: `${what} (${RUNS} runs; CPU p50 ${round(t.cpu50)} ms)`,
      p50: round(t.p50),
      p95: round(t.p95),
      max: round(t.max),
      target: `p95 < ${TARGET_MS} ms`,
      result: met(t.p95 < TARGET_MS),
    });
  }
  const page = await timePage(db, buildDir);
  if (page) rows.push(page);
  else
    console.log(`  (no ${path.relative(process.cwd(), buildDir)}/server/index.js: the page is not timed through HTTP)`);
  db.$client.close();
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const build = process.argv.find((a) => a.startsWith("--build-dir="))?.slice("--build-dir=".length);
  benchReports({
    rebuildDb: process.argv.includes("--rebuild-db"),
    ...(build ? { buildDir: path.resolve(build) } : {}),
  })
    .then((rows) => console.log(`\n${markdownTable(rows)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
