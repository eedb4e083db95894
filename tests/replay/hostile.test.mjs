// Hostile files in a row through the packaged check() in one Node process
// (hostile-run.mjs), each followed by a good paper (tests/fixtures/ok_final.pdf) that must
// get exactly its normal report; a forced trap, after which the next call again gets a
// report; inputs of 2.5 GB that get the too-large report without being read or copied
// into the WebAssembly. Every PDF is built in the test (tests/hostile-js/).
//
// A step that does not answer within WATCHDOG_MS is a hang: the process is killed and a
// fresh one goes on from the next step (that step's "good paper after" then proves nothing,
// and says so).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const RUN = fileURLToPath(new URL("./hostile-run.mjs", import.meta.url));
const WATCHDOG_MS = 60_000;
// A report "within seconds": far above what a bounded reader needs (well under a second
// for each of these), far below a hang.
const REPORT_MS = 15_000;

/** Runs hostile-run.mjs from step `from`; resolves to {names, results, hung}. */
function runFrom(from) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, `--from=${from}`], { stdio: ["ignore", "pipe", "inherit"] });
    const results = [];
    let names = null;
    let hung = null;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = from + results.length;
        child.kill("SIGKILL");
      }, WATCHDOG_MS);
    };
    arm();
    createInterface({ input: child.stdout }).on("line", (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      if (message.steps) names = message.steps;
      else results.push(message);
      arm();
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ names, results, hung, code, signal });
    });
  });
}

const byName = new Map();
let names = [];
let from = 0;
for (;;) {
  const run = await runFrom(from);
  names = run.names || names;
  for (const r of run.results) byName.set(r.name, r);
  const next = from + run.results.length;
  if (run.hung !== null) byName.set(names[run.hung], { name: names[run.hung], ok: false, hang: true });
  else if (next < names.length) byName.set(names[next], { name: names[next], ok: false, died: `${run.code ?? run.signal}` });
  else break;
  from = next + 1;
  if (from >= names.length) break;
}
for (const r of byName.values()) {
  const what = r.first ? `${JSON.stringify(r.first)} then ${JSON.stringify(r.second)}` : r.ok ? `${r.ms} ms, ${r.format ? `${r.format.status}: ${r.format.message.slice(0, 140)}` : "ok"}` : r.hang ? "no answer (hang)" : `${r.error}: ${r.message ?? r.died}`;
  console.log(`# ${r.name}: ${what}`);
}

function result(name) {
  const r = byName.get(name);
  assert.ok(r, `${name}: no result`);
  assert.ok(!r.hang, `${name}: no answer within ${WATCHDOG_MS / 1000} s`);
  assert.ok(!r.died, `${name}: the process died (${r.died})`);
  return r;
}

const READ_IN_PART = /read only in part: /;
const EXPECT = {
  "deep nesting": (r) => assert.match(r.format.message, READ_IN_PART),
  "a flate bomb (1 GiB of spaces, 20 pages)": (r) => assert.match(r.format.message, READ_IN_PART),
  "100 000 /Kids [<<>> …] entries": (r) => {
    assert.match(r.format.message, READ_IN_PART);
    assert.equal(r.pages, 100_000);
    assert.ok(r.pageSizes <= 2000, `${r.pageSizes} page sizes`);
  },
  "a form painted 100 000 times": (r) => assert.match(r.format.message, READ_IN_PART),
  // The predictor's row is larger than any stream precheck decodes: read or skipped, a report.
  "a 1 GiB predictor row": (r) => assert.notEqual(r.format.status, "fail"),
  "2000 pages of TJ arrays": (r) => assert.match(r.format.message, READ_IN_PART),
  "100 000 declared pages": (r) => {
    assert.match(r.format.message, READ_IN_PART);
    assert.equal(r.pages, 100_000);
    assert.ok(r.pageSizes <= 2000, `${r.pageSizes} page sizes`);
  },
};

for (const [name, expect] of Object.entries(EXPECT)) {
  test(`hostile: ${name} gets a report within seconds, read in part`, () => {
    const r = result(`hostile: ${name}`);
    assert.ok(r.ok, `rejected: ${r.error}: ${r.message}`);
    assert.ok(r.ms < REPORT_MS, `${r.ms} ms`);
    assert.notEqual(r.format.status, "fail", r.format.message);
    expect(r);
  });
  test(`after ${name}, a good paper gets its normal report`, () => {
    const before = byName.get(`hostile: ${name}`);
    assert.ok(!(before && (before.hang || before.died)), "the hostile file ended its process: this step ran in a fresh one");
    const r = result(`good paper after: ${name}`);
    assert.ok(r.ok, `rejected: ${r.error}: ${r.message}`);
    assert.equal(r.normal, true, "the same report as before any hostile file");
  });
}

test("a trap rejects with PrecheckCrashedError, and the next call runs on a fresh instance", () => {
  const trapped = result("forced trap");
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error, "PrecheckCrashedError");
  assert.equal(trapped.crashed, true, "instanceof PrecheckCrashedError");
  assert.match(trapped.cause, /RuntimeError/);
  const after = result("good paper after: forced trap");
  assert.ok(after.ok, `rejected: ${after.error}: ${after.message}`);
  assert.equal(after.normal, true);
  const count = result("count after: forced trap");
  assert.deepEqual(count.first, { ok: false, error: "PrecheckCrashedError" });
  assert.deepEqual(count.second, { ok: true, n: 2 });
});

for (const name of ["a Blob-like object (size, arrayBuffer)", "a 2.5 GB Uint8Array", "a 2.5 GB ArrayBuffer", "a 2.5 GB Blob"]) {
  test(`too large: ${name} gets the 200 MB report, nothing read or copied`, () => {
    const r = result(`too large: ${name}`);
    assert.ok(r.ok, `rejected: ${r.error}: ${r.message}`);
    assert.equal(r.format.status, "fail");
    assert.match(r.format.message, /200 MB/);
    assert.equal(r.size.status, "fail");
    assert.match(r.size.message, /2500\.0 MB/);
    assert.equal(r.bytes, 2_500_000_000);
    assert.deepEqual(r.reads, [], "the Blob was not read");
    // 2.5 GB copied into the WebAssembly would have grown its memory past 2.5 GB.
    assert.ok(r.wasmAfter - r.wasmBefore < 64 * 1024 * 1024, `wasm memory grew from ${r.wasmBefore} to ${r.wasmAfter} bytes`);
  });
}
