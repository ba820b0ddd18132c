// An open-loop load: requests start at random moments (a Poisson process at the rate asked), whether or not the
// earlier ones were answered, as people arrive on a site. autocannon's `overallRate` instead lets each connection
// send its share of a second as fast as answers come back, then wait for the next second: bursts, and a client that
// slows down with the server. A request's time runs from the moment it was due, so waiting for a free socket counts.
import http from "node:http";
import { percentile } from "./table";

export type PlannedRequest = {
  kind: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type KindTally = { requests: number; byStatus: Record<string, number>; times: number[] };

export type StepResult = {
  rate: number;
  seconds: number;
  sent: number;
  /** Answers received within the step's seconds, divided by them. */
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  ok2xx: number;
  redirects: number;
  clientErrors: number;
  serverErrors: number;
  /** No answer within the timeout, or the connection failed. */
  unanswered: number;
  kinds: Map<string, KindTally>;
};

const TIMEOUT_MS = 10_000;
const BROWSER_HEADERS = {
  "User-Agent":
    "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128 Mobile Safari/537.36",
  "Accept-Encoding": "gzip, deflate, br",
  "Accept-Language": "fr-FR,fr;q=0.9",
};

/** A seeded source of numbers in [0, 1) (mulberry32): every run draws the same mix. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function send(agent: http.Agent, base: URL, planned: PlannedRequest): Promise<number | "unanswered"> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...BROWSER_HEADERS, ...planned.headers };
    if (planned.body !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(Buffer.byteLength(planned.body));
      headers.Origin = base.origin;
    }
    const request = http.request(
      { agent, host: base.hostname, port: base.port, method: planned.method, path: planned.path, headers },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve("unanswered"));
      },
    );
    request.setTimeout(TIMEOUT_MS, () => request.destroy());
    request.on("error", () => resolve("unanswered"));
    request.end(planned.body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `rate` requests a second for `seconds`, each drawn by `next`; resolves once every request is answered or timed out. */
export async function openLoopStep(
  url: string,
  rate: number,
  seconds: number,
  next: () => PlannedRequest,
  random: () => number,
): Promise<StepResult> {
  const base = new URL(url);
  // Enough sockets for any backlog a 10 s timeout allows; Node queues the rest, and that wait is timed too.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const times: number[] = [];
  const kinds = new Map<string, KindTally>();
  const result = { ok2xx: 0, redirects: 0, clientErrors: 0, serverErrors: 0, unanswered: 0, inWindow: 0 };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let due = start;
  let sent = 0;
  while (due < end) {
    const now = performance.now();
    while (due <= now && due < end) {
      const planned = next();
      const dueAt = due;
      sent++;
      pending.push(
        send(agent, base, planned).then((status) => {
          const finished = performance.now();
          const tally = kinds.get(planned.kind) ?? { requests: 0, byStatus: {}, times: [] };
          kinds.set(planned.kind, tally);
          tally.requests++;
          tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
          if (status === "unanswered") return void result.unanswered++;
          if (finished <= end) result.inWindow++;
          times.push(finished - dueAt);
          tally.times.push(finished - dueAt);
          if (status >= 500) result.serverErrors++;
          else if (status >= 400) result.clientErrors++;
          else if (status >= 300) result.redirects++;
          else result.ok2xx++;
        }),
      );
      due += (-Math.log(1 - random()) / rate) * 1000;
    }
    await sleep(Math.max(0, Math.min(due, end) - performance.now()));
  }
  await Promise.all(pending);
  agent.destroy();
  const sorted = times.sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? percentile(sorted, p) : Number.NaN);
  const { inWindow, ...classes } = result;
  return {
    rate,
    seconds,
    sent,
    achieved: inWindow / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    ...classes,
    kinds,
  };
}
