// One Node process, many checks in a row through the packaged check(), for
// hostile.test.mjs: each hostile file, then a good paper; a forced trap, then a good paper;
// inputs larger than precheck reads. Prints one JSON line per step, so the test can tell a
// step that hangs (its watchdog kills this process) from one that answers.
//
//   node tests/replay/hostile-run.mjs [--from=N]
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import init from "../../pkg/wasm/precheck.js";
import { check, countWords, ready, PrecheckCrashedError } from "../../pkg/index.js";
import { HOSTILE } from "../hostile-js/files.mjs";

const OK = await readFile(fileURLToPath(new URL("../fixtures/ok_final.pdf", import.meta.url)));
const OPTIONS = { kind: "paper", today: "2022-06-01", abstract: "Sparse training, checked after a hostile file." };
const TOO_LARGE = 2_500_000_000;

await ready();
const normal = JSON.stringify(await check(OK, OPTIONS));

/** The wasm instance's linear memory now (bytes): it grows when bytes are copied in. */
async function wasmMemory() {
  return (await init()).memory.buffer.byteLength;
}

function summary(report) {
  const format = report.checks.find((c) => c.id === "file-format");
  const size = report.checks.find((c) => c.id === "file-size");
  return {
    verdict: report.verdict,
    format: format && { status: format.status, message: format.message },
    size: size && { status: size.status, message: size.message },
    bytes: report.document.bytes,
    pages: report.document.pages,
    pageSizes: report.document.pageSizes.length,
    mostFindings: Math.max(0, ...report.checks.map((c) => (c.findings || []).length)),
  };
}

async function attempt(run) {
  const started = performance.now();
  try {
    const report = await run();
    return { ok: true, ms: Math.round(performance.now() - started), ...summary(report) };
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: err && err.name,
      message: String(err && err.message),
      crashed: err instanceof PrecheckCrashedError,
      cause: err && err.cause ? String(err.cause) : undefined,
    };
  }
}

async function goodPaper() {
  const result = await attempt(() => check(OK, OPTIONS));
  if (result.ok) result.normal = JSON.stringify(await check(OK, OPTIONS)) === normal;
  return result;
}

const steps = [];
for (const [name, build] of Object.entries(HOSTILE)) {
  steps.push([`hostile: ${name}`, async () => {
    const pdf = build();
    const result = await attempt(() => check(pdf, OPTIONS));
    return { ...result, fileBytes: pdf.length };
  }]);
  steps.push([`good paper after: ${name}`, goodPaper]);
}

steps.push(["forced trap", async () => {
  // What a trap half-way through a call leaves behind: memory in no usable state. Before
  // the package replaced failed instances, every later call failed here too.
  new Uint8Array((await init()).memory.buffer).fill(0xff);
  return attempt(() => check(OK, OPTIONS));
}]);
steps.push(["good paper after: forced trap", goodPaper]);
steps.push(["count after: forced trap", async () => {
  new Uint8Array((await init()).memory.buffer).fill(0xff);
  const first = await countWords("two words").then((n) => ({ ok: true, n }), (err) => ({ ok: false, error: err.name }));
  const second = await countWords("two words").then((n) => ({ ok: true, n }), (err) => ({ ok: false, error: err.name }));
  return { ok: true, first, second };
}]);

// A file larger than precheck reads: the report says so, and nothing is read or copied.
const tooLarge = {
  "a Blob-like object (size, arrayBuffer)": () => {
    const reads = [];
    const blob = {
      size: TOO_LARGE,
      type: "application/pdf",
      arrayBuffer: () => (reads.push("arrayBuffer"), Promise.reject(new Error("read"))),
      stream: () => (reads.push("stream"), null),
      slice: () => (reads.push("slice"), null),
      text: () => (reads.push("text"), Promise.reject(new Error("read"))),
    };
    return { pdf: blob, reads };
  },
  "a 2.5 GB Uint8Array": () => ({ pdf: new Uint8Array(TOO_LARGE), reads: [] }),
  "a 2.5 GB ArrayBuffer": () => ({ pdf: new ArrayBuffer(TOO_LARGE), reads: [] }),
  "a 2.5 GB Blob": () => {
    const part = new Uint8Array(TOO_LARGE / 10);
    return { pdf: new Blob(Array.from({ length: 10 }, () => part), { type: "application/pdf" }), reads: [] };
  },
};
for (const [name, make] of Object.entries(tooLarge)) {
  steps.push([`too large: ${name}`, async () => {
    const { pdf, reads } = make();
    const before = await wasmMemory();
    const result = await attempt(() => check(pdf, OPTIONS));
    return { ...result, reads, wasmBefore: before, wasmAfter: await wasmMemory() };
  }]);
}

const from = Number((process.argv.find((a) => a.startsWith("--from=")) || "--from=0").slice(7));
console.log(JSON.stringify({ steps: steps.map(([name]) => name) }));
for (let i = from; i < steps.length; i++) {
  const [name, run] = steps[i];
  const result = await run();
  console.log(JSON.stringify({ step: i, ...result, name }));
}
