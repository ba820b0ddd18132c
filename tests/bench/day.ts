// `npm run bench -- --scenario day`: a day's mix of visitors, candidates, employers and counsellors on the
// 100 000-offer database, at rising open-loop rates, against the built server with one worker, then two.
// Each run works on a fresh copy of the database (data/bench/day-scratch.db): its writes never reach the next run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBuiltServer } from "../helpers/built-server";
import { copyDatabase, type DayWorld, prepareDayWorld } from "./day-world";
import { type KindTally, openLoopStep, type PlannedRequest, type StepResult, seededRandom } from "./open-loop";
import { benchBrowsing, benchQueries } from "./queries";
import { ms, percentile } from "./table";

const RATES = [10, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 500, 600, 800];
const SECONDS = 10;
const WARM_UP = { rate: 10, seconds: 5 };
const P95_LIMIT_MS = 1000;
const RESULTS = path.resolve("tests/bench/results-day.md");
const SCRATCH = path.resolve("data/bench/day-scratch.db");

/** Who makes the day's requests: their share of all requests, and how many requests one visit of theirs makes. */
const POPULATIONS = {
  visitors: { share: 0.85, perVisit: 5, who: "anonymous visitors (home, lists, searches, offers, companies)" },
  candidates: { share: 0.1, perVisit: 8, who: "candidates (log in, apply, their applications)" },
  staff: { share: 0.05, perVisit: 20, who: "employers and counsellors (applicants, moderation, reports)" },
};
/** Share of a day's visits made in its busiest hour (mornings before work and the lunch break). */
const BUSIEST_HOUR_SHARE = 0.12;
/** The busiest hour's average kept at half the knee: within the hour, arrivals come in bursts. */
const HEADROOM = 0.5;
const VISITS_PER_PERSON = 1;

type Kind = { kind: string; weight: number; plan: () => PlannedRequest };

const get = (kind: string, p: string, cookie?: string): PlannedRequest => ({
  kind,
  method: "GET",
  path: p,
  headers: cookie ? { Cookie: cookie } : {},
});
const post = (kind: string, p: string, cookie: string, fields: Record<string, string>): PlannedRequest => ({
  kind,
  method: "POST",
  path: p,
  headers: { Cookie: cookie },
  body: new URLSearchParams(fields).toString(),
});

function searchPath(filters: { q?: string; type?: string; region?: string; sector?: string; page?: number }) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.type) params.set("type", filters.type);
  if (filters.region) params.set("region", filters.region);
  if (filters.sector) params.set("secteur", filters.sector);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const search = params.toString();
  return search ? `/offres?${search}` : "/offres";
}

/** The weighted mix (weights in % of all requests) and the cursors that give each write a subject of its own. */
function dayMix(world: DayWorld, random: () => number): Kind[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  // Newer offers are read more: the square of a uniform draw favours the head of the newest-first list.
  const popularOffer = () => world.openOffers[Math.floor(random() ** 2 * world.openOffers.length)]!;
  const browsing = benchBrowsing().map(searchPath);
  const searches = benchQueries().map(searchPath);
  const cursors = { apply: 0, move: 0, publish: 0 };
  const take = <T>(items: T[], cursor: keyof typeof cursors, what: string) => {
    const item = items[cursors[cursor]++];
    if (item === undefined) throw new Error(`the day ran out of ${what}: prepare more in day-world.ts`);
    return item;
  };
  // Pair k: candidate k mod n, offer k mod m: a pair comes back only after n × m applies.
  const applyPair = (k: number) => ({
    candidate: world.candidates[k % world.candidates.length]!,
    offerId: world.openOffers[k % world.openOffers.length]!,
  });
  return [
    { kind: "GET / (home)", weight: 15, plan: () => get("GET / (home)", "/") },
    {
      kind: "GET /offres, filters and pages",
      weight: 25,
      plan: () => get("GET /offres, filters and pages", pick(browsing)),
    },
    { kind: "GET /offres?q=words", weight: 20, plan: () => get("GET /offres?q=words", pick(searches)) },
    { kind: "GET /offres/:id", weight: 20, plan: () => get("GET /offres/:id", `/offres/${popularOffer()}`) },
    {
      kind: "GET /entreprises/:id",
      weight: 5,
      plan: () => get("GET /entreprises/:id", `/entreprises/${pick(world.companies)}`),
    },
    {
      kind: "POST /connexion (candidate logs in)",
      weight: 1,
      plan: () =>
        post("POST /connexion (candidate logs in)", "/connexion", "", {
          identifier: pick(world.candidates).identifier,
          password: "baara-demo",
        }),
    },
    {
      kind: "GET /offres/:id/postuler (logged in)",
      weight: 2,
      plan: () => {
        const { candidate, offerId } = applyPair(cursors.apply);
        return get("GET /offres/:id/postuler (logged in)", `/offres/${offerId}/postuler`, candidate.cookie);
      },
    },
    {
      kind: "POST /offres/:id/postuler (apply)",
      weight: 2,
      plan: () => {
        const { candidate, offerId } = applyPair(cursors.apply++);
        return post("POST /offres/:id/postuler (apply)", `/offres/${offerId}/postuler`, candidate.cookie, {
          message: "Bonjour, je suis disponible tout de suite.",
          cvFileId: "",
        });
      },
    },
    {
      kind: "GET /candidat/candidatures",
      weight: 3,
      plan: () => get("GET /candidat/candidatures", "/candidat/candidatures", pick(world.candidates).cookie),
    },
    {
      kind: "GET /offres/:id (logged in)",
      weight: 2,
      plan: () => get("GET /offres/:id (logged in)", `/offres/${popularOffer()}`, pick(world.candidates).cookie),
    },
    {
      kind: "GET /employeur/offres/:id/candidatures",
      weight: 1.5,
      plan: () => {
        const employer = pick(world.employerCookies);
        return get(
          "GET /employeur/offres/:id/candidatures",
          `/employeur/offres/${employer.offerId}/candidatures`,
          employer.cookie,
        );
      },
    },
    {
      kind: "POST move an applicant (shortlist)",
      weight: 1,
      plan: () => {
        const a = take(world.waitingApplications, "move", "applications to move");
        return post(
          "POST move an applicant (shortlist)",
          `/employeur/offres/${a.offerId}/candidatures/${a.id}`,
          a.cookie,
          {
            intent: "move",
            to: "shortlisted",
          },
        );
      },
    },
    {
      kind: "GET /conseiller/moderation",
      weight: 1.5,
      plan: () => get("GET /conseiller/moderation", "/conseiller/moderation", pick(world.counsellorCookies)),
    },
    {
      kind: "POST /conseiller/moderation (publish an offer)",
      weight: 0.5,
      plan: () =>
        post(
          "POST /conseiller/moderation (publish an offer)",
          "/conseiller/moderation",
          pick(world.counsellorCookies),
          {
            intent: "offer.publish",
            offerId: String(take(world.pendingOffers, "publish", "pending offers")),
          },
        ),
    },
    {
      kind: "GET /employeur/offres",
      weight: 0.4,
      plan: () => get("GET /employeur/offres", "/employeur/offres", pick(world.employerCookies).cookie),
    },
    // A few reports a day for each of the counsellors: rare, but a render of about a second.
    {
      kind: "GET /conseiller/rapports",
      weight: 0.1,
      plan: () => get("GET /conseiller/rapports", "/conseiller/rapports", pick(world.counsellorCookies)),
    },
  ];
}

function drawer(mix: Kind[], random: () => number) {
  const total = mix.reduce((sum, k) => sum + k.weight, 0);
  return () => {
    let r = random() * total;
    for (const k of mix) {
      r -= k.weight;
      if (r < 0) return k.plan();
    }
    return mix.at(-1)!.plan();
  };
}

type WorkerRun = { workers: number; steps: StepResult[]; failure: string | null };

const held = (s: StepResult) =>
  s.serverErrors === 0 && s.unanswered === 0 && s.p95 <= P95_LIMIT_MS && s.achieved >= (0.9 * s.sent) / s.seconds;

async function runWorkers(source: string, workers: number): Promise<WorkerRun> {
  console.log(`Day scenario, WEB_CONCURRENCY=${workers}: copying the database and preparing sessions…`);
  copyDatabase(source, SCRATCH);
  const world = await prepareDayWorld(SCRATCH);
  const server = await startBuiltServer(SCRATCH, { env: { WEB_CONCURRENCY: String(workers) } });
  // The same draws for every worker count: both runs send the same requests.
  const random = seededRandom(20261202);
  const next = drawer(dayMix(world, random), random);
  const steps: StepResult[] = [];
  let failure: string | null = null;
  try {
    await openLoopStep(server.url, WARM_UP.rate, WARM_UP.seconds, next, random);
    for (const rate of RATES) {
      const step = await openLoopStep(server.url, rate, SECONDS, next, random);
      steps.push(step);
      console.log(
        `  ${rate} req/s asked: ${step.achieved.toFixed(0)} answered a second, p50 ${ms(step.p50)} / p95 ${ms(step.p95)}` +
          ` / p99 ${ms(step.p99)} ms, ${step.clientErrors} 4xx, ${step.serverErrors} 5xx, ${step.unanswered} unanswered`,
      );
      if (step.serverErrors > 0) {
        failure = `${step.serverErrors} answers 5xx at ${rate} req/s`;
        break;
      }
      if (!held(step)) break;
    }
  } finally {
    await server.stop();
  }
  return { workers, steps, failure };
}

/** Each request's answers over every step, and its times over the steps held (those past the knee only show a queue). */
function byKind(steps: StepResult[]) {
  const kinds = new Map<string, KindTally>();
  for (const step of steps) {
    for (const [kind, tally] of step.kinds) {
      const all = kinds.get(kind) ?? { requests: 0, byStatus: {}, times: [] };
      kinds.set(kind, all);
      all.requests += tally.requests;
      if (held(step)) all.times.push(...tally.times);
      for (const [status, n] of Object.entries(tally.byStatus)) all.byStatus[status] = (all.byStatus[status] ?? 0) + n;
    }
  }
  return kinds;
}

function dailyPeople(kneeRate: number) {
  const visitsPerRequest = Object.values(POPULATIONS).reduce((sum, p) => sum + p.share / p.perVisit, 0);
  return Math.round((kneeRate * HEADROOM * 3600 * visitsPerRequest) / BUSIEST_HOUR_SHARE / VISITS_PER_PERSON);
}

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

function runSection(run: WorkerRun): string[] {
  const knee = run.steps.filter(held).at(-1);
  const lines = [
    `## WEB_CONCURRENCY=${run.workers}`,
    "",
    row([
      "Asked (req/s)",
      "Sent (req/s)",
      "Answered within the step (req/s)",
      "p50 (ms)",
      "p95 (ms)",
      "p99 (ms)",
      "2xx",
      "3xx",
      "4xx",
      "5xx",
      "Unanswered",
      "Held",
    ]),
    row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"]),
    ...run.steps.map((s) =>
      row([
        s.rate,
        (s.sent / s.seconds).toFixed(0),
        s.achieved.toFixed(0),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        s.ok2xx,
        s.redirects,
        s.clientErrors,
        s.serverErrors,
        s.unanswered,
        held(s) ? "✅" : "❌",
      ]),
    ),
    "",
    knee
      ? `**Knee: ${knee.rate} req/s** (p95 ${ms(knee.p95)} ms) ≈ **${dailyPeople(knee.rate).toLocaleString("en")} daily active people**.`
      : "**Knee: below the first rate.**",
    ...(run.failure ? ["", `**Run failed: ${run.failure}.**`] : []),
    "",
    row(["Request", "Share of the mix", "Requests", "Answers by status", "p50 held (ms)", "p95 held (ms)"]),
    row(["---", "---:", "---:", "---", "---:", "---:"]),
  ];
  const kinds = byKind(run.steps);
  const total = [...kinds.values()].reduce((sum, k) => sum + k.requests, 0);
  for (const [kind, tally] of [...kinds].sort((a, b) => b[1].requests - a[1].requests)) {
    const sorted = tally.times.sort((a, b) => a - b);
    const statuses = Object.entries(tally.byStatus)
      .map(([status, n]) => `${n}× ${status}`)
      .join(", ");
    lines.push(
      row([
        kind,
        `${((100 * tally.requests) / total).toFixed(1)} %`,
        tally.requests,
        statuses,
        sorted.length ? ms(percentile(sorted, 50)) : "",
        sorted.length ? ms(percentile(sorted, 95)) : "",
      ]),
    );
  }
  return [...lines, ""];
}

function document(runs: WorkerRun[], started: number): string {
  const cpus = os.cpus();
  const visitsPerRequest = Object.values(POPULATIONS).reduce((sum, p) => sum + p.share / p.perVisit, 0);
  return [
    `# Day scenario (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, \`npm run bench -- --scenario day\`, ` +
      `${Math.round((Date.now() - started) / 60_000)} min)`,
    "",
    `Machine: ${cpus.length} CPU (${cpus[0]?.model.trim() ?? "unknown"}), Node ${process.version}. ` +
      "The load generator and the server share it. 100 000 offers, 20 000 candidates; each run on a fresh copy.",
    "",
    `Open-loop load: requests arrive at random (Poisson) at the rate asked, ${SECONDS} s a step after ${WARM_UP.seconds} s ` +
      `at ${WARM_UP.rate} req/s, whether or not earlier ones were answered; a request's time runs from when it was due. ` +
      `Steps rise until one is not held: p95 > ${P95_LIMIT_MS} ms, fewer than 90 % of the requests sent answered within the step, ` +
      "an unanswered request (10 s) or any 5xx (which fails the run). 4xx answers are counted, not failures. " +
      "Each apply is a new candidate-offer pair, each move a new submitted application, each publication a new pending offer. " +
      "Per request: answers over every step, times over the steps held only.",
    "",
    "Daily active people from the knee: busiest-hour requests = knee × " +
      `${HEADROOM} (headroom for bursts) × 3600; visits = requests × Σ(share ÷ requests per visit) = ` +
      `${visitsPerRequest.toFixed(3)} visits a request; the busiest hour holds ${BUSIEST_HOUR_SHARE * 100} % of a day's visits; ` +
      `${VISITS_PER_PERSON} visit a person a day.`,
    "",
    row(["Population", "Share of requests", "Requests per visit"]),
    row(["---", "---:", "---:"]),
    ...Object.values(POPULATIONS).map((p) => row([p.who, `${p.share * 100} %`, p.perVisit])),
    "",
    ...runs.flatMap(runSection),
  ].join("\n");
}

/** The whole scenario: one worker, then two; writes tests/bench/results-day.md. */
export async function benchDay(source: string, workerCounts = [1, 2]): Promise<void> {
  const started = Date.now();
  const runs: WorkerRun[] = [];
  try {
    for (const workers of workerCounts) runs.push(await runWorkers(source, workers));
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SCRATCH + suffix, { force: true });
  }
  const markdown = document(runs, started);
  fs.writeFileSync(RESULTS, markdown);
  console.log(`\n${markdown}\nWritten to ${path.relative(process.cwd(), RESULTS)}`);
  const failed = runs.filter((r) => r.failure);
  if (failed.length > 0) throw new Error(failed.map((r) => `WEB_CONCURRENCY=${r.workers}: ${r.failure}`).join("; "));
}
