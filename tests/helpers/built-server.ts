// The built portal (build/server/index.js) started on 127.0.0.1 for the browser tests, the durability
// test and the benchmarks, and the polling they share while a process comes up.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 2xx; fails if `child` exits first or after `seconds`. */
export async function waitUntilAnswering(url: string, child: ChildProcess, what: string, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} while starting`);
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type BuiltServer = {
  port: number;
  url: string;
  process: ChildProcess;
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (again: waits for the same exit). */
  stop(): Promise<void>;
};

/**
 * Starts the production server on `databasePath` and waits for /healthz. `port` restarts it where it
 * was; `buildDir` is another build (its parent folder becomes the working directory); `env` adds to
 * the server's environment (the scheduler is off unless `env` says SCHEDULER=on; one process unless it
 * sets WEB_CONCURRENCY); `onLine` receives each line the server writes on stdout (dropped otherwise).
 */
export async function startBuiltServer(
  databasePath: string,
  {
    port,
    buildDir = path.resolve("build"),
    env = {},
    onLine,
  }: { port?: number; buildDir?: string; env?: Record<string, string>; onLine?: (line: string) => void } = {},
): Promise<BuiltServer> {
  const listen = port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(buildDir, "server/index.js")], {
    cwd: path.dirname(buildDir),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(listen),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      // The tests send the outbox themselves (tests/e2e/sms-log.ts); the scheduler's own test turns it on.
      SCHEDULER: "off",
      // One process, which the tests may kill by its pid; the cluster's own tests ask for more.
      WEB_CONCURRENCY: "1",
      ...env,
    },
    // The server writes one log line per request: dropped here unless asked for, but still written.
    stdio: ["ignore", onLine ? "pipe" : "ignore", "inherit"],
  });
  if (onLine) readline.createInterface({ input: child.stdout! }).on("line", onLine);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${listen}`;
  await waitUntilAnswering(`${url}/healthz`, child, "the server");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return { port: listen, url, process: child, exited, stop };
}
