// The HTTP rows of `npm run bench`: the public pages loaded with autocannon, first rendered every time
// (PAGE_CACHE=off, the rows earlier runs wrote, same wording), then from the page cache, and each page's cost
// against /healthz in the same run (its req/s ÷ the page's). Then /offres?q= at 64 connections with two workers.
import autocannon from "autocannon";
import { startBuiltServer } from "../helpers/built-server";
import { HTTP_QUERIES } from "./queries";
import { type BenchRow, met, percentile } from "./table";

export const SECONDS = 10;
const LOADS = [16, 64] as const;
/** How many times a page may cost a /healthz (its req/s divided by the page's). */
const COST_TARGETS = { privacy: 2, offers: 4, cached: 1.5 };
/** The one-worker server of the rows that compare with earlier runs, page cache off. */
export const UNCACHED_ENV = { PAGE_CACHE: "off", WEB_CONCURRENCY: "1" };
/** The default server (page cache on), one worker: the cache's rows and the later parts of the bench. */
export const CACHED_ENV = { WEB_CONCURRENCY: "1" };

export type HttpFigures = {
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p97_5: number;
  p99: number;
  requests: number;
  /** Answers other than the one expected (not 2xx, or not 304 for a revalidation). */
  unexpected: number;
  expected: string;
  failed: number;
};

type LoadOptions = { headers?: Record<string, string>; expect?: 200 | 304 };

/** One autocannon run; p95 is computed from every response's time (autocannon reports p97.5, not p95). */
export async function load(
  url: string,
  paths: string[],
  connections: number,
  { headers = {}, expect = 200 }: LoadOptions = {},
): Promise<HttpFigures> {
  // Every path must answer as expected before its figures mean anything.
  for (const p of paths) {
    const response = await fetch(url + p, { headers });
    if (response.status !== expect)
      throw new Error(`${p} answered ${response.status}: is build/ up to date? (npm run bench -- --build)`);
  }
  const times: number[] = [];
  let unexpected = 0;
  const instance = autocannon({
    url,
    connections,
    duration: SECONDS,
    requests: paths.map((p) => ({ method: "GET", path: p, headers })),
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    if (expect === 200 ? status < 200 || status > 299 : status !== expect) unexpected++;
  });
  const result = await instance;
  const sorted = times.sort((a, b) => a - b);
  return {
    connections,
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests: result.requests.total,
    unexpected,
    expected: expect === 200 ? "2xx" : String(expect),
    failed: result.errors + result.timeouts,
  };
}

export function httpRow(what: string, figures: HttpFigures, extra: Partial<BenchRow> = {}): BenchRow {
  return {
    what: `HTTP GET ${what}, ${figures.connections} connections, ${SECONDS} s`,
    p50: figures.p50,
    p95: figures.p95,
    figure: `${figures.rps.toFixed(0)} req/s · ${figures.requests} requests, ${figures.unexpected} not ${figures.expected}, ${figures.failed} unanswered in 10 s · autocannon p97.5 / p99 ${figures.p97_5} / ${figures.p99} ms`,
    ...extra,
  };
}

/** The page's cost in /healthz requests, against a target when it has one. */
function cost(health: HttpFigures, page: HttpFigures, target?: number): Partial<BenchRow> {
  const ratio = health.rps / page.rps;
  const said = `costs ${ratio.toFixed(1)}× a /healthz`;
  return target === undefined
    ? { result: said }
    : { target: `≤ ${target}× a /healthz`, result: `${met(ratio <= target)} (${said})` };
}

const SEARCHES = HTTP_QUERIES.map((q) => `/offres?${new URLSearchParams({ q })}`);
const SEARCHES_WHAT = `/offres?q=… (${HTTP_QUERIES.length} searches in turn)`;

/** On a server started with UNCACHED_ENV: every page rendered for every request. */
export async function uncachedRows(url: string) {
  console.log(`Loading ${url}/healthz, /confidentialite and / for ${SECONDS} s each (page cache off)…`);
  const health = await load(url, ["/healthz"], LOADS[0]);
  const page = await load(url, ["/confidentialite"], LOADS[0]);
  const home = await load(url, ["/"], LOADS[0]);
  const rows = [
    httpRow("/healthz", health),
    httpRow("/confidentialite (React page, no query)", page, cost(health, page, COST_TARGETS.privacy)),
    httpRow("/ (home: counts and the 6 newest offers)", home, cost(health, home)),
  ];
  let searchesAt64: HttpFigures | null = null;
  for (const connections of LOADS) {
    console.log(`Loading /offres and /offres?q=… at ${connections} connections (page cache off)…`);
    const first = connections === LOADS[0];
    const list = await load(url, ["/offres"], connections);
    rows.push(
      httpRow("/offres (first page, no query)", list, cost(health, list, first ? COST_TARGETS.offers : undefined)),
    );
    const searches = await load(url, SEARCHES, connections);
    if (!first) searchesAt64 = searches;
    rows.push(
      httpRow(SEARCHES_WHAT, searches, {
        ...cost(health, searches, first ? COST_TARGETS.offers : undefined),
        ...(first ? {} : { result: `one worker (WEB_CONCURRENCY=1); ${cost(health, searches).result}` }),
      }),
    );
  }
  return { rows, health, searchesAt64: searchesAt64! };
}

/** On the default server (CACHED_ENV): the same pages from the page cache, and a revalidation answered 304. */
export async function cachedRows(url: string, health: HttpFigures): Promise<BenchRow[]> {
  const connections = LOADS[0];
  console.log(`Loading the same pages from the page cache at ${connections} connections…`);
  const rows: BenchRow[] = [];
  const pages: [string, string[]][] = [
    ["/confidentialite (React page, no query)", ["/confidentialite"]],
    ["/ (home: counts and the 6 newest offers)", ["/"]],
    ["/offres (first page, no query)", ["/offres"]],
    [SEARCHES_WHAT, SEARCHES],
  ];
  for (const [what, paths] of pages) {
    const figures = await load(url, paths, connections);
    rows.push(httpRow(`${what} from the page cache`, figures, cost(health, figures, COST_TARGETS.cached)));
  }
  const etag = (await fetch(`${url}/offres`)).headers.get("ETag");
  const revalidation = "/offres with its ETag in If-None-Match (a revalidation, answered 304)";
  if (!etag) return [...rows, { what: `HTTP GET ${revalidation}`, result: "❌ missed: /offres sent no ETag" }];
  const figures = await load(url, ["/offres"], connections, { headers: { "If-None-Match": etag }, expect: 304 });
  return [...rows, httpRow(revalidation, figures, cost(health, figures, COST_TARGETS.cached))];
}

/** /offres?q= at 64 connections on two workers (page cache off), beside the one-worker row. */
export async function twoWorkerRow(dbPath: string, oneWorker: HttpFigures): Promise<BenchRow> {
  const server = await startBuiltServer(dbPath, { env: { PAGE_CACHE: "off", WEB_CONCURRENCY: "2" } });
  try {
    console.log(`Loading /offres?q=… at ${LOADS[1]} connections on two workers (page cache off)…`);
    const two = await load(server.url, SEARCHES, LOADS[1]);
    return httpRow(`${SEARCHES_WHAT}, two workers (WEB_CONCURRENCY=2)`, two, {
      result:
        `${(two.rps / oneWorker.rps).toFixed(2)}× the req/s of one worker; ` +
        `p99 ${two.p99} ms against ${oneWorker.p99} ms`,
    });
  } finally {
    await server.stop();
  }
}
