// The built server as `npm start` runs it on a two-core machine: a primary and two workers
// on one SQLite file. Each request goes on a new connection (the primary hands connections
// to the workers in turn); which worker answered is read from its request log line. Both
// answer; the login limit counts across them; 40 sign-ups at once all succeed; an SMS answer
// leaves within seconds whichever worker took the text; a killed worker is replaced; a start
// whose workers cannot listen exits 1; SIGTERM stops everything with exit code 0; workers that
// keep dying at once make the primary give up with exit code 1. No browser is needed, but
// the built server and the seeded template database only exist where the browser tests run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type BuiltServer, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

type Answer = { status: number; body: string; pid: () => number | undefined };

const WAIT = { timeout: 30_000, interval: 50 };
const CHANNEL_TOKEN = "jeton-des-tests-workers";

describeInBrowser("two workers on one database", () => {
  let server: BuiltServer;
  let dbPath = "";
  let outboxLog = "";
  const lines: string[] = [];
  const pidOfRequest = new Map<string, number>();

  /** The pids of the workers that said they listen, in order. */
  const workerPids = () =>
    lines.flatMap((line) => {
      const started = /^Baara worker (\d+) listening/.exec(line);
      return started ? [Number(started[1])] : [];
    });

  function onLine(line: string) {
    lines.push(line);
    if (!line.startsWith("{")) return;
    const logged = JSON.parse(line) as { requestId?: string; pid?: number };
    if (logged.requestId && logged.pid) pidOfRequest.set(logged.requestId, logged.pid);
  }

  /** One request on a connection of its own, as a new visitor's phone opens one. */
  function send(pathname: string, form?: Record<string, string>, ip = "41.73.1.1"): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${server.url}${pathname}`,
        {
          method: form ? "POST" : "GET",
          agent: false,
          headers: {
            Connection: "close",
            "X-Forwarded-For": ip,
            ...(form ? { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const requestId = String(response.headers["x-request-id"]);
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              pid: () => pidOfRequest.get(requestId),
            });
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  /** The pid that logged each answer (its log line may follow the answer by a moment). */
  async function pidsOf(answers: Answer[]) {
    await vi.waitFor(() => expect(answers.every((answer) => answer.pid() !== undefined)).toBe(true), WAIT);
    return answers.map((answer) => answer.pid()!);
  }

  const isRunning = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    dbPath = path.join(E2E_DIR, `workers-${process.pid}.db`);
    outboxLog = path.join(E2E_DIR, `workers-outbox-${process.pid}.log`);
    fs.copyFileSync(TEMPLATE_DB, dbPath);
    fs.rmSync(outboxLog, { force: true });
    const env = {
      WEB_CONCURRENCY: "2",
      SCHEDULER: "on",
      CHANNEL_TOKEN,
      OUTBOX_TRANSPORT: "log",
      OUTBOX_LOG: outboxLog,
    };
    server = await startBuiltServer(dbPath, { env, onLine });
    await vi.waitFor(
      () => expect(lines).toContain(`Baara listening on http://localhost:${server.port} with 2 workers`),
      {
        ...WAIT,
        timeout: 60_000,
      },
    );
  });

  afterAll(() => {
    if (server?.process.exitCode === null) server.process.kill("SIGKILL");
    for (const pid of workerPids()) if (isRunning(pid)) process.kill(pid, "SIGKILL");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
    fs.rmSync(outboxLog, { force: true });
  });

  it("answers with both workers, one connection after another", async () => {
    expect(workerPids()).toHaveLength(2);
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await send("/offres?q=macon"));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(new Set(await pidsOf(answers))).toEqual(new Set(workerPids()));
  });

  it("refuses the sixth login of one account after five wrong passwords, whichever worker each reached", async () => {
    const attempts: Answer[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await send("/connexion", { identifier: "candidat@baara.demo", password: `essai-${i}` });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toContain("Identifiant ou mot de passe incorrect.");
      attempts.push(wrong);
    }
    const sixth = await send("/connexion", { identifier: "candidat@baara.demo", password: "baara-demo" });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toContain("Trop de tentatives de connexion.");
    expect(new Set(await pidsOf([...attempts, sixth])).size).toBe(2);
  });

  it("signs up 40 people at once, every one recorded, no server error", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(
          "/inscription",
          {
            accountType: "candidat",
            firstName: "Awa",
            lastName: "Coulibaly",
            phone: "",
            email: `awa.${i}@salon.ml`,
            password: "segou-2026-salon",
            passwordConfirm: "segou-2026-salon",
            consent: "on",
          },
          `41.73.2.${i}`,
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(302));
    expect(new Set(await pidsOf(answers)).size).toBe(2);
    const db = new Database(dbPath, { readonly: true });
    try {
      const { n } = db.prepare("SELECT count(*) AS n FROM users WHERE email LIKE 'awa.%@salon.ml'").get() as {
        n: number;
      };
      expect(n).toBe(40);
    } finally {
      db.close();
    }
  });

  it("answers texts within seconds, whichever worker took them (its scheduler sends at once)", async () => {
    const senders = ["+22376540001", "+22376540002", "+22376540003", "+22376540004"];
    const answers: Answer[] = [];
    for (const [i, from] of senders.entries()) {
      const fields = { from, to: "36222", text: "AIDE", id: `workers-${i}`, date: new Date().toISOString() };
      answers.push(await send(`/api/sms?token=${CHANNEL_TOKEN}`, fields));
    }
    expect(answers.map((answer) => answer.status)).toEqual(Array(4).fill(200));
    expect(new Set(await pidsOf(answers)).size).toBe(2);
    const repliedTo = () =>
      new Set(
        (fs.existsSync(outboxLog) ? fs.readFileSync(outboxLog, "utf8").trim().split("\n") : [])
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { recipient: string }).recipient),
      );
    await vi.waitFor(() => expect([...repliedTo()].filter((to) => senders.includes(to)).sort()).toEqual(senders), {
      // A second's grace, and some for a busy machine: far from waiting for the next minute's run.
      timeout: 10_000,
      interval: 100,
    });
  });

  it("replaces a worker killed with SIGKILL, and keeps answering meanwhile", async () => {
    const [killed, survivor] = workerPids().slice(-2) as [number, number];
    process.kill(killed, "SIGKILL");
    await vi.waitFor(() => expect(isRunning(killed)).toBe(false), WAIT);
    const meanwhile: Answer[] = [];
    for (let i = 0; i < 4; i++) meanwhile.push(await send("/offres"));
    expect(meanwhile.map((answer) => answer.status)).toEqual(Array(4).fill(200));
    await vi.waitFor(() => expect(workerPids()).toHaveLength(3), WAIT);
    const replacement = workerPids()[2]!;
    expect([killed, survivor]).not.toContain(replacement);
    // The newcomer takes its turn.
    await vi.waitFor(async () => {
      const answer = await send("/offres");
      expect(answer.status).toBe(200);
      expect(await pidsOf([answer])).toEqual([replacement]);
    }, WAIT);
  });

  it("exits 1 at once when its workers cannot listen (the port is taken), instead of retrying", async () => {
    const second = spawn(process.execPath, [path.resolve("build/server/index.js")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(server.port),
        HOST: "127.0.0.1",
        DATABASE_PATH: dbPath,
        SCHEDULER: "off",
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "ignore"],
    });
    second.stdout.setEncoding("utf8");
    let said = "";
    second.stdout.on("data", (text: string) => {
      said += text;
    });
    const code = await new Promise((resolve) => second.once("exit", resolve));
    expect(code).toBe(1);
    expect(said).toMatch(/worker \d+ failed to start \(code 1\): stopping/);
  });

  it("stops the primary and every worker on SIGTERM, with exit code 0", async () => {
    await server.stop();
    expect(await server.exited).toBe(0);
    expect(workerPids().filter(isRunning)).toEqual([]);
  });

  it("gives up with exit code 1 when workers keep dying right after their start", async () => {
    lines.length = 0;
    server = await startBuiltServer(dbPath, { env: { WEB_CONCURRENCY: "2" }, onLine });
    await vi.waitFor(() => expect(workerPids()).toHaveLength(2), WAIT);
    let kills = 0;
    while (server.process.exitCode === null) {
      const newest = workerPids().at(-1)!;
      process.kill(newest, "SIGKILL");
      kills++;
      // Its replacement says it listens, or the primary has given up.
      await vi.waitFor(
        () => expect(workerPids().at(-1) !== newest || server.process.exitCode !== null).toBe(true),
        WAIT,
      );
    }
    expect(await server.exited).toBe(1);
    // Five deaths within 10 s of their start (one more if a start took longer on a busy machine).
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(lines.some((line) => line.endsWith("5 quick deaths in a row: stopping"))).toBe(true);
    await vi.waitFor(() => expect(workerPids().filter(isRunning)).toEqual([]), WAIT);
  });
});
