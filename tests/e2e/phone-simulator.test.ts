// `npm run phone` against the built server, as a person at a terminal would use it: a USSD session
// (language, find work, the first offer) whose screens the simulator frames, then `sms AIDE`, whose
// reply the server's scheduler sends into the outbox log and the simulator prints. The simulator is
// a child process fed one line at a time, each after the screen it answers has been printed.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltServer, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

const TOKEN = "phone-simulator-test-token";
// Numbers starting with 5 are nobody's in the demo data: a stranger's phone, asked for a language first.
const PHONE = "50 00 00 77";

let server: BuiltServer;
let dbPath: string;
let outboxLog: string;

/** The simulator's output as it comes, and a way to wait for what it prints next. */
function simulator(): {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  type: (line: string) => void;
  next: (pattern: RegExp, seconds?: number) => Promise<string>;
} {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["db/phone.ts", PHONE, "--url", server.url, "--token", TOKEN, "--outbox-log", outboxLog],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  let read = 0;
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    output += chunk;
    for (const waiter of waiters) waiter();
  });
  child.on("exit", () => {
    for (const waiter of waiters) waiter();
  });
  /** What was printed from the last look up to the first match of `pattern` (the match included). */
  const next = (pattern: RegExp, seconds = 20) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const rest = output.slice(read);
        const found = pattern.exec(rest);
        if (found) {
          waiters.delete(look);
          clearTimeout(timer);
          read += found.index + found[0].length;
          resolve(rest.slice(0, found.index + found[0].length));
        } else if (child.exitCode !== null) {
          waiters.delete(look);
          clearTimeout(timer);
          reject(new Error(`the simulator exited (${child.exitCode}) before ${pattern}:\n${rest}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(look);
        reject(new Error(`no ${pattern} within ${seconds} s; the simulator printed:\n${output.slice(read)}`));
      }, seconds * 1000);
      waiters.add(look);
      look();
    });
  return { child, exited, output: () => output, type: (line) => child.stdin!.write(`${line}\n`), next };
}

/** A screen's whole frame: from its top border to its bottom border. */
const SCREEN = /┌─[^\n]*\n(?:│[^\n]*\n)+└[^\n]*┘\n/;

/** The number of the option on this screen whose label matches. */
function optionOn(screen: string, label: RegExp): string {
  for (const line of screen.split("\n")) {
    for (const found of line.matchAll(/(?:^│|\s)(\d{1,2})[.)]?\s+(\D+?)(?=\s+\d{1,2}[.)]?\s|\s*│|$)/g)) {
      if (label.test(found[2]!)) return found[1]!;
    }
  }
  throw new Error(`no option ${label} on the screen:\n${screen}`);
}

/** True once the server's scheduler has taken its first run (it does at start): it sends SMS by itself. */
async function schedulerRuns(seconds = 10) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT count(*) AS n FROM task_leases WHERE last_started_at IS NOT NULL").get() as {
        n: number;
      };
      if (row.n > 0) return true;
    } catch {
      // no such table: a server from before the scheduler
    } finally {
      db.close();
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeInBrowser("npm run phone, the terminal phone", () => {
  beforeAll(async () => {
    dbPath = path.join(E2E_DIR, `phone-simulator-${process.pid}.db`);
    outboxLog = path.join(E2E_DIR, `phone-simulator-outbox-${process.pid}.log`);
    fs.copyFileSync(TEMPLATE_DB, dbPath);
    fs.rmSync(outboxLog, { force: true });
    server = await startBuiltServer(dbPath, {
      env: { CHANNEL_TOKEN: TOKEN, SCHEDULER: "on", OUTBOX_TRANSPORT: "log", OUTBOX_LOG: outboxLog },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, outboxLog]) fs.rmSync(file, { force: true });
  });

  it("walks the USSD menu to the first offer, framing each screen with its length", async () => {
    const phone = simulator();
    try {
      await phone.next(/Type help\.\n/);
      phone.type("ussd");
      const language = await phone.next(SCREEN);
      expect(language).toMatch(/\[\d+\/182\]/);
      phone.type(optionOn(language, /fran/i));
      const home = await phone.next(SCREEN);
      phone.type(optionOn(home, /chercher/i));
      const region = await phone.next(SCREEN);
      phone.type(optionOn(region, /toutes/i));
      const type = await phone.next(SCREEN);
      phone.type(optionOn(type, /^tous/i));
      const trade = await phone.next(SCREEN);
      phone.type(optionOn(trade, /^tous/i));
      const offers = await phone.next(SCREEN);
      expect(offers).toMatch(/Offres 1-3\/\d+/);
      phone.type("1");
      const offer = await phone.next(SCREEN);
      // The offer's keypad code and the way to apply, on a screen within the USSD limit.
      expect(offer).toMatch(/Code \d{4,6}/);
      expect(offer).toMatch(/1 Postuler/);
      const [, length] = /\[(\d+)\/182\]/.exec(offer)!;
      expect(Number(length)).toBeLessThanOrEqual(182);
      phone.type("hangup");
      await phone.next(/\(hung up\)\n/);
      phone.type("quit");
      expect(await phone.exited).toBe(0);
      // Piped input is echoed, so that the transcript reads as a session.
      expect(phone.output()).toContain("> ussd\n");
    } finally {
      phone.child.kill();
    }
  }, 60_000);

  it("texts AIDE and prints the reply the scheduler sends", async (context) => {
    if (!(await schedulerRuns())) {
      context.skip("the built server runs no scheduler yet: nobody sends the outbox, so no SMS reply can come");
    }
    const phone = simulator();
    try {
      await phone.next(/Type help\.\n/);
      phone.type("sms AIDE");
      const reply = await phone.next(/┌─ SMS from 36 22[^\n]*\n(?:│[^\n]*\n)+└[^\n]*┘\n/, 80);
      expect(reply).toMatch(/OFFRES/);
      expect(reply).toMatch(/\[\d+ (gsm7|ucs2), \d SMS\]/);
      phone.type("quit");
      expect(await phone.exited).toBe(0);
    } finally {
      phone.child.kill();
    }
  }, 120_000);
});
