// Does one big form stall everybody? /healthz is probed one request at a time, from its own
// process, while a few clients post big forms to an offer's report form on 127.0.0.1, for a
// bounded time and count:
// - 5 MB `details` fields: refused with 413 by the body bound before a byte is parsed
//   (half announce their length, half are sent chunked, as a script would);
// - the largest form the bound lets through (a 60 KB `details` field): read, then refused
//   by the field's length check, which stops validation at once (no regex over 60 KB);
// - for comparison, the same form refused for an empty field (the page rendered again).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { type BenchRow, met, percentile } from "./table";

const SECONDS = 8;
const POSTERS = 4;
const MAX_POSTS = 2000;
const PROBE_PAUSE_MS = 10;
const TARGET_P99_MS = 100;
const MB = 1024 * 1024;

type Probe = { p50: number; p99: number; max: number; n: number };

/** CPU seconds a process has used (user + system), from /proc (Linux); 0 elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

// The probe runs in its own process, so that the posters' work in this one never delays it.
const PROBE = `
const [url, until, pause] = process.argv.slice(1);
const times = [];
while (Date.now() < Number(until)) {
  const started = performance.now();
  const response = await fetch(url + "/healthz");
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error("/healthz answered " + response.status);
  times.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, Number(pause)));
}
process.stdout.write(JSON.stringify(times));
`;

/** GET /healthz one at a time until `until`, from another process: each response's time. */
function probe(url: string, until: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", PROBE, url, String(until), String(PROBE_PAUSE_MS)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (part: Buffer) => (out += part));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the /healthz probe exited with ${code}`));
      const sorted = (JSON.parse(out) as number[]).sort((a, b) => a - b);
      resolve({ p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)!, n: sorted.length });
    });
  });
}

/** POSTs a `bytes`-long report form, its length announced or chunked; stops sending once answered. */
function postHuge(url: string, pathname: string, bytes: number, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${url}${pathname}`, {
      method: "POST",
      headers: {
        Origin: url,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(chunked ? {} : { "Content-Length": String(bytes) }),
      },
    });
    request.on("response", (response) => {
      answered = true;
      response.resume();
      response.on("end", () => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const head = Buffer.from("reason=money&details=");
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    const pump = () => {
      if (written === 0) {
        request.write(head);
        written = head.length;
      }
      while (!answered && !request.destroyed && written < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - written));
        written += part.length;
        if (!request.write(part)) return void request.once("drain", pump);
      }
      if (written >= bytes) request.end();
    };
    pump();
  });
}

type Flood = { posts: number; statuses: Record<number, number>; p50: number; p99: number };

/** POSTERS clients posting in turn until `until` (at most MAX_POSTS in all). */
async function flood(until: number, send: (i: number) => Promise<number>): Promise<Flood> {
  const statuses: Record<number, number> = {};
  const times: number[] = [];
  let sent = 0;
  const poster = async () => {
    while (Date.now() < until && sent < MAX_POSTS) {
      const i = sent++;
      const started = performance.now();
      const status = await send(i);
      times.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: POSTERS }, poster));
  const sorted = times.sort((a, b) => a - b);
  return { posts: sent, statuses, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function underFlood(url: string, pid: number | undefined, send: (i: number) => Promise<number>) {
  const cpu = cpuSeconds(pid);
  const until = Date.now() + SECONDS * 1000;
  const [health, posts] = await Promise.all([probe(url, until), flood(until, send)]);
  return { health, posts, serverCpu: (cpuSeconds(pid) - cpu) / SECONDS };
}

const statusText = (statuses: Record<number, number>) =>
  Object.entries(statuses)
    .map(([status, n]) => `${n}× ${status}`)
    .join(", ");

function row(
  what: string,
  { health, posts, serverCpu }: Awaited<ReturnType<typeof underFlood>>,
  note: string,
): BenchRow {
  return {
    what,
    p50: health.p50,
    max: health.max,
    figure:
      `/healthz **p99 ${health.p99.toFixed(1)} ms** over ${health.n} probes · ${posts.posts} posts (${statusText(posts.statuses)}), ` +
      `each answered in p50 ${posts.p50.toFixed(0)} / p99 ${posts.p99.toFixed(0)} ms · server busy ${Math.round(serverCpu * 100)} % of a CPU · ${note}`,
    target: `/healthz p99 < ${TARGET_P99_MS} ms`,
    result: met(health.p99 < TARGET_P99_MS),
  };
}

/** The rows of the stall benchmark against a running portal at `url`. */
export async function benchStall(url: string, pid?: number): Promise<BenchRow[]> {
  const list = await (await fetch(`${url}/offres`)).text();
  const offerId = /href="\/offres\/(\d+)"/.exec(list)?.[1];
  if (!offerId) throw new Error("/offres lists no offer");
  const form = `/offres/${offerId}/signaler`;

  console.log(`/healthz alone for ${SECONDS} s…`);
  const alone = await probe(url, Date.now() + SECONDS * 1000);
  console.log(`/healthz while ${POSTERS} clients post 5 MB report forms for ${SECONDS} s…`);
  const huge = await underFlood(url, pid, (i) => postHuge(url, form, 5 * MB, i % 2 === 1));
  const postForm = (fields: Record<string, string>) => async () => {
    const response = await fetch(`${url}${form}`, {
      method: "POST",
      headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    await response.arrayBuffer();
    return response.status;
  };
  console.log(`/healthz while ${POSTERS} clients post the largest form let through (60 KB details) for ${SECONDS} s…`);
  const largest = await underFlood(url, pid, postForm({ reason: "money", details: "a".repeat(60_000) }));
  // The same page refused for an empty field: what any refused form costs, whatever its length.
  console.log(`/healthz while ${POSTERS} clients post the same form with an empty field for ${SECONDS} s…`);
  const small = await underFlood(url, pid, postForm({ reason: "other", details: "" }));
  return [
    {
      what: "GET /healthz alone, one request at a time (floor for the rows below)",
      p50: alone.p50,
      max: alone.max,
      figure: `p99 ${alone.p99.toFixed(1)} ms over ${alone.n} probes`,
    },
    row(
      `GET /healthz while ${POSTERS} clients post 5 MB report forms (half chunked), ${SECONDS} s`,
      huge,
      "refused unread by the 64 KB body bound",
    ),
    row(
      `GET /healthz while ${POSTERS} clients post 60 KB \`details\` (the largest form let through), ${SECONDS} s`,
      largest,
      "read, then refused by the field's length check",
    ),
    row(
      `GET /healthz while ${POSTERS} clients post the same form with an empty \`details\` (for comparison), ${SECONDS} s`,
      small,
      "refused as required: the page rendered again",
    ),
  ];
}
