// The built portal, started on 127.0.0.1 for the benchmarks that go through HTTP.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Builds the portal when build/ is missing, or always with `force` (`npm run bench -- --build`). */
export function ensureBuild(force: boolean) {
  if (!force && fs.existsSync("build/server/index.js") && fs.existsSync("build/client")) return;
  console.log("Building the portal (npx react-router build)…");
  // Without VITEST: vite.config.ts leaves React Router's plugin out under Vitest.
  const { VITEST: _vitest, ...env } = process.env;
  execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
}

/** `buildDir` is another build (its parent folder becomes the server's working directory). */
export async function startServer(databasePath: string, buildDir = path.resolve("build")) {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(buildDir, "server/index.js")], {
    cwd: path.dirname(buildDir),
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath },
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
