// Every file of ../shared/corpus (real and malformed) through the packaged WebAssembly in
// Node, one worker thread at a time with a generous watchdog: a hang detector, not a speed
// test. A trap (RuntimeError) or a hang is a bug. Skips when the corpus is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CORPUS = join(ROOT, "..", "shared", "corpus");
const WATCHDOG_MS = 60_000;

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.isFile() && !entry.name.endsWith(".tsv") && !entry.name.endsWith(".md")) out.push(path);
  }
  return out.sort();
}

function startWorker() {
  const worker = new Worker(new URL("./wasm-worker.mjs", import.meta.url));
  const ready = new Promise((resolve, reject) => {
    worker.once("message", (m) => (m.ready ? resolve() : reject(new Error("worker did not start"))));
    worker.once("error", reject);
  });
  return { worker, ready };
}

function checkOne(state, file) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ file, hang: true }), WATCHDOG_MS);
    const onMessage = (m) => {
      clearTimeout(timer);
      state.worker.off("error", onError);
      resolve(m);
    };
    const onError = (err) => {
      clearTimeout(timer);
      state.worker.off("message", onMessage);
      resolve({ file, ok: false, name: "WorkerError", message: String(err) });
    };
    state.worker.once("message", onMessage);
    state.worker.once("error", onError);
    state.worker.postMessage({ file });
  });
}

test("the corpus through the wasm build in Node: a report for every file, no trap, no hang", { skip: !existsSync(CORPUS) && "../shared/corpus is absent" }, async () => {
  const all = await files(CORPUS);
  let state = startWorker();
  await state.ready;
  const bySource = {};
  const traps = [];
  const hangs = [];
  let slowest = { file: "", ms: 0 };
  for (const file of all) {
    const source = file.slice(CORPUS.length + 1).split("/").slice(0, -1).join("/") || ".";
    const tally = (bySource[source] ??= { tried: 0, reports: 0 });
    tally.tried++;
    const result = await checkOne(state, file);
    if (result.ok) {
      tally.reports++;
      if (result.ms > slowest.ms) slowest = { file: file.slice(CORPUS.length + 1), ms: result.ms };
      continue;
    }
    (result.hang ? hangs : traps).push(`${file.slice(CORPUS.length + 1)}: ${result.name || "hang"} ${result.message || ""}`);
    // A trapped or stuck instance is not reused.
    await state.worker.terminate();
    state = startWorker();
    await state.ready;
  }
  await state.worker.terminate();
  for (const [source, t] of Object.entries(bySource)) console.log(`# ${source}: ${t.tried} tried, ${t.reports} reports`);
  console.log(`# slowest: ${slowest.file} ${slowest.ms.toFixed(0)} ms; traps ${traps.length}; hangs ${hangs.length}`);
  assert.deepEqual(traps, []);
  assert.deepEqual(hangs, []);
  const size = (await stat(join(ROOT, "pkg", "wasm", "precheck_bg.wasm"))).size;
  assert.ok(size > 0);
});
