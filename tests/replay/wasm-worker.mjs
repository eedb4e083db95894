// Checks one file after another with the packaged WebAssembly, for wasm.test.mjs.
import { parentPort } from "node:worker_threads";
import { readFile } from "node:fs/promises";
import { check, ready } from "../../pkg/index.js";

await ready();
parentPort.on("message", async ({ file }) => {
  const started = performance.now();
  try {
    const report = await check(await readFile(file), {});
    const format = report.checks.find((c) => c.id === "file-format");
    parentPort.postMessage({ file, ok: true, ms: performance.now() - started, status: format && format.status });
  } catch (err) {
    parentPort.postMessage({ file, ok: false, ms: performance.now() - started, name: err && err.name, message: String(err && err.message) });
  }
});
parentPort.postMessage({ ready: true });
