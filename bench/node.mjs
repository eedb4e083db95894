// One engine in Node, in a process of its own (bench/run.mjs starts one per engine, so
// neither's garbage nor JIT state weighs on the other). Prints one JSON object per file.
//
//   node bench/node.mjs wasm   FILE...   check() from pkg/index.js, after ready()
//   node bench/node.mjs memory FILE...   a fresh wasm instance per file: linear memory
//                                        after one check (it never shrinks: the peak)
//   node bench/node.mjs pdfjs  FILE...   pdfjs-dist (legacy build, worker in-thread):
//                                        load, then every page's getTextContent() and
//                                        getOperatorList()
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { timeIt, na, WARMUP_MS } from "./lib.mjs";
import { readWithPdfjs } from "./web/pdfjs-work.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const [engine, ...files] = process.argv.slice(2);

const emit = (file, result) => process.stdout.write(JSON.stringify({ file, ...result }) + "\n");

async function wasm() {
  const { check, ready } = await import(pathToFileURL(join(ROOT, "pkg/index.js")).href);
  const t = performance.now();
  await ready();
  const readyMs = performance.now() - t;
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await readFile(file));
      const r = await timeIt(() => check(bytes), { warmupMs: WARMUP_MS });
      const { value: report, ...rest } = r;
      emit(file, { ...rest, pages: report.document.pages, verdict: report.verdict, ready_ms: readyMs });
    } catch (e) {
      emit(file, na(e?.stack || e));
    }
  }
}

async function memory() {
  const glueUrl = pathToFileURL(join(ROOT, "pkg/wasm/precheck.js")).href;
  const module = await WebAssembly.compile(await readFile(join(ROOT, "pkg/wasm/precheck_bg.wasm")));
  let i = 0;
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await readFile(file));
      // A distinct URL is a distinct module record: its own instance and linear memory.
      const glue = await import(`${glueUrl}?instance=${i++}`);
      const exports = glue.initSync({ module });
      const initial = exports.memory.buffer.byteLength;
      globalThis.gc?.();
      const rss0 = process.memoryUsage().rss;
      const report = glue.check(bytes, {});
      const rss1 = process.memoryUsage().rss;
      emit(file, {
        ok: true,
        bytes: bytes.length,
        pages: report.document.pages,
        initial_bytes: initial,
        linear_bytes: exports.memory.buffer.byteLength,
        rss_delta_bytes: rss1 - rss0,
      });
    } catch (e) {
      emit(file, na(e?.stack || e));
    }
  }
}

async function pdfjs() {
  const dist = join(ROOT, "node_modules/pdfjs-dist");
  let lib;
  try {
    // Loading the worker module first makes pdf.js run its worker in this thread.
    await import(pathToFileURL(join(dist, "legacy/build/pdf.worker.mjs")).href);
    lib = await import(pathToFileURL(join(dist, "legacy/build/pdf.mjs")).href);
  } catch (e) {
    for (const file of files) emit(file, na(`pdfjs-dist not installed (npm ci): ${e.message}`));
    return;
  }
  const params = {
    verbosity: 0,
    isEvalSupported: false,
    standardFontDataUrl: join(dist, "standard_fonts") + "/",
    cMapUrl: join(dist, "cmaps") + "/",
    cMapPacked: true,
    wasmUrl: join(dist, "wasm") + "/",
  };
  const work = (data) => readWithPdfjs(lib, { ...params, data });
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await readFile(file));
      // pdf.js takes the buffer it is given: a fresh copy per run, made before the clock.
      const r = await timeIt(work, { prepare: () => bytes.slice(), warmupMs: WARMUP_MS });
      const { value, ...rest } = r;
      emit(file, { ...rest, ...value, version: lib.version });
    } catch (e) {
      emit(file, na(e?.message || e));
    }
  }
}

const engines = { wasm, memory, pdfjs };
if (!engines[engine]) {
  console.error(`usage: node bench/node.mjs ${Object.keys(engines).join("|")} FILE...`);
  process.exit(2);
}
await engines[engine]();
