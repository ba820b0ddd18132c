// Runs a TypeScript module in a worker thread. On Node 20 a worker cannot get
// tsx through `execArgv: ["--import", "tsx"]` (it fails with
// ERR_UNKNOWN_FILE_EXTENSION), so this plain module loads it with tsx's API.
// Usage: new Worker(new URL("../helpers/ts-worker.mjs", import.meta.url),
//   { workerData: { module: new URL("./my-worker.ts", import.meta.url).href, ... } })
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
