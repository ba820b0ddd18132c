// The USSD menu under load: 16 sessions at once, each walking what a job seeker does on the
// menu (language, find work, region, type, trade, the offers, their next page "9", an offer),
// as an aggregator sends it: each step a POST /api/ussd with every input so far in `text`.
//
// Plain concurrent fetch loops rather than autocannon: a step's `text` depends on the steps
// before it in the same session, and each session needs its own id and phone number (a fresh
// number sees the language screen first, and per-number limits never trip).
import { randomUUID } from "node:crypto";
import { type BenchRow, met, ms, percentile } from "./table";

const SESSIONS_AT_ONCE = 16;
const SECONDS = 10;
const TARGET_STEP_P95_MS = 300;
const SERVICE_CODE = "*384*22#";

type Screen = { kind: "CON" | "END"; text: string };

/** The number of the first option whose label matches, else `fallback` ("0 Retour 00 Accueil 9 Suite" is three). */
function option(screen: Screen, label: RegExp, fallback: string): string {
  for (const line of screen.text.split("\n")) {
    for (const found of line.matchAll(/(?:^|\s)(\d{1,2})[.)]?\s+(\D+?)(?=\s+\d{1,2}[.)]?\s|$)/g)) {
      if (label.test(found[2]!)) return found[1]!;
    }
  }
  return fallback;
}

/** What the job seeker types on each screen of the walk, read from the screen itself. */
const WALK: { what: string; choose: (screen: Screen) => string }[] = [
  { what: "language", choose: (s) => option(s, /fran/i, "1") },
  { what: "find work", choose: (s) => option(s, /chercher/i, "1") },
  { what: "region", choose: (s) => option(s, /bamako/i, "1") },
  { what: "type", choose: (s) => option(s, /^emploi/i, "1") },
  { what: "trade", choose: (s) => option(s, /./, "8") },
  { what: "next page of offers", choose: (s) => option(s, /suite/i, "9") },
  { what: "an offer", choose: () => "1" },
];

type Gateway = { url: string; token: string };

/** fetch, its network error told with its cause (a reset, a refused connection). */
async function fetchOrSay(url: string, init: RequestInit) {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`POST /api/ussd failed: ${cause?.code ?? cause?.message ?? String(error)}`);
  }
}

async function step(gateway: Gateway, sessionId: string, phone: string, inputs: string[]): Promise<Screen> {
  const response = await fetchOrSay(`${gateway.url}/api/ussd?token=${encodeURIComponent(gateway.token)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      sessionId,
      serviceCode: SERVICE_CODE,
      phoneNumber: phone,
      networkCode: "61002",
      text: inputs.join("*"),
    }),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`/api/ussd answered ${response.status}: ${body.slice(0, 120)}`);
  const kind = body.slice(0, 3);
  if (kind !== "CON" && kind !== "END") throw new Error(`neither CON nor END: ${body.slice(0, 120)}`);
  return { kind, text: body.slice(4) };
}

// Numbers starting with 5: the seeded people have 6 to 9, so every session is a stranger's. They start at a
// random place: a number from an earlier run keeps the language it chose, and would skip that screen.
let nextPhone = Math.floor(Math.random() * 9_000_000);
const freshPhone = () => `+2235${String(nextPhone++ % 10_000_000).padStart(7, "0")}`;

/** One session along the path found by `discover`; the time of each step, also by its depth. */
async function walk(gateway: Gateway, path: string[], times: number[], byDepth: number[][]): Promise<boolean> {
  const sessionId = `bench-${randomUUID()}`;
  const phone = freshPhone();
  let screen: Screen | null = null;
  for (let depth = 0; depth <= path.length; depth++) {
    const started = performance.now();
    screen = await step(gateway, sessionId, phone, path.slice(0, depth));
    const elapsed = performance.now() - started;
    times.push(elapsed);
    byDepth[depth]!.push(elapsed);
    if (screen.kind === "END") return false;
  }
  return /\bCode \d{4,7}\b/.test(screen!.text);
}

/** The inputs of the walk on this database, read from the screens of one session. */
async function discover(gateway: Gateway): Promise<{ path: string[]; screens: Screen[] }> {
  const sessionId = `bench-${randomUUID()}`;
  const phone = freshPhone();
  const path: string[] = [];
  const screens = [await step(gateway, sessionId, phone, path)];
  for (const { what, choose } of WALK) {
    const screen = screens.at(-1)!;
    if (screen.kind === "END") throw new Error(`the menu ended before "${what}": ${screen.text}`);
    path.push(choose(screen));
    screens.push(await step(gateway, sessionId, phone, path));
  }
  return { path, screens };
}

export async function benchUssd(url: string, token: string): Promise<BenchRow[]> {
  const gateway = { url, token };
  const { path, screens } = await discover(gateway);
  console.log(`USSD walk ${path.join("*")}; last screen:\n${screens.at(-1)!.text}\n`);
  const times: number[] = [];
  const byDepth = Array.from({ length: path.length + 1 }, () => [] as number[]);
  let sessions = 0;
  let offPath = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS_AT_ONCE }, async () => {
      while (performance.now() < deadline) {
        if (!(await walk(gateway, path, times, byDepth))) offPath++;
        sessions++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const medians = byDepth.map((samples) =>
    percentile(
      [...samples].sort((a, b) => a - b),
      50,
    ),
  );
  const steps = ["dial", ...WALK.map((w) => w.what)];
  const perStep = steps.map((what, depth) => `${what} ${ms(medians[depth]!)}`).join(", ");
  return [
    {
      what:
        `USSD POST /api/ussd, ${SESSIONS_AT_ONCE} sessions at once for ${SECONDS} s, each ${path.length + 1} steps ` +
        "(dial, language, find work, Bamako, job, first trade, offers' next page, an offer)",
      p50: percentile(sorted, 50),
      p95,
      max: sorted.at(-1),
      figure:
        `**${(times.length / elapsed).toFixed(0)} steps/s** · ${sessions} sessions, ${times.length} steps; ` +
        `${offPath} sessions not ending on the offer's code; p50 by step (ms): ${perStep}`,
      target: `p95 < ${TARGET_STEP_P95_MS} ms a step`,
      result: met(p95 < TARGET_STEP_P95_MS && offPath === 0),
    },
  ];
}
