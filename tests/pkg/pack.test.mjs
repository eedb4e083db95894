// The npm package as npm would publish it: `npm pack` in pkg/, the tarball's file list
// against the whitelist, then the tarball installed into an empty project and used from
// a plain Node script there (no flags): every fixture's statuses equal the native CLI's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  PKG, FIXTURES, EXPECTED, FIXTURE_NAMES, pack, installInto, run, nativeReport, statusesOf,
  todayUtc, gzippedSize, kib,
} from "./helpers.mjs";

// What the published package holds, and nothing else (no src/, no tests, no maps).
const WHITELIST = [
  "LICENSE",
  "README.md",
  "index.d.ts",
  "index.js",
  "package.json",
  "wasm/precheck.d.ts",
  "wasm/precheck.js",
  "wasm/precheck_bg.wasm",
  "wasm/precheck_bg.wasm.d.ts",
  "widget.d.ts",
  "report-markdown.js",
  "widget.js",
  "widget.min.js",
  "widget/define.js",
  "widget/dom.js",
  "widget/element.js",
  "widget/session.js",
  "widget/styles.js",
  "widget/text.js",
  "widget/view/inputs.js",
  "widget/view/maps.js",
  "widget/view/report.js",
  "worker-script.js",
  "worker.d.ts",
  "worker.js",
].sort();

// The consumer's script: plain ESM in a "type": "module" project, run as `node use.mjs`.
const USE_SCRIPT = `
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { check, countWords, describeProfile, version } from "precheck";
import * as workerModule from "precheck/worker";

const [fixtures, today] = process.argv.slice(2);
const expected = JSON.parse(await readFile(join(fixtures, "expected.json"), "utf8"));
const manifest = createRequire(import.meta.url)("precheck/package.json");
const out = {
  version: version(),
  manifest: { name: manifest.name, version: manifest.version },
  worker: { PrecheckWorker: typeof workerModule.PrecheckWorker, exports: Object.keys(workerModule).sort() },
  words: await countWords("Spiking networks, once again: two-phase learning."),
  profiles: { snn: await describeProfile(), main: await describeProfile("neurips-2022") },
  unknownProfile: await describeProfile("nope").then(() => null, (e) => e.name),
  reports: {},
};
for (const [name, { kind, abstract }] of Object.entries(expected)) {
  const pdf = await readFile(join(fixtures, name));
  const text = await readFile(join(fixtures, abstract), "utf8");
  out.reports[name] = await check(pdf, { kind, abstract: text, today });
}
process.stdout.write(JSON.stringify(out));
`;

let packed;
let project;
let used;

before(async () => {
  packed = await pack();
  project = await installInto(packed.tarball, "pack", { files: { "use.mjs": USE_SCRIPT } });
  const wasmGz = await gzippedSize(join(PKG, "wasm/precheck_bg.wasm"));
  const wasmRaw = (await readFile(join(PKG, "wasm/precheck_bg.wasm"))).length;
  console.log(`packed ${packed.info.filename}: ${packed.bytes} bytes (${kib(packed.bytes)}), unpacked ${packed.info.unpackedSize} bytes, ${packed.files.length} files`);
  console.log(`wasm pkg/wasm/precheck_bg.wasm: ${wasmRaw} bytes (${kib(wasmRaw)}), gzipped -9 ${wasmGz} bytes (${kib(wasmGz)})`);
});

after(async () => {
  await project?.cleanup();
  await packed?.cleanup();
});

test("the tarball holds exactly the whitelisted files", () => {
  const extra = packed.files.filter((f) => !WHITELIST.includes(f));
  const missing = WHITELIST.filter((f) => !packed.files.includes(f));
  assert.deepEqual({ extra, missing }, { extra: [], missing: [] }, `tarball files: ${packed.files.join(", ")}`);
});

test("package.json: ESM, an exports map whose every target is in the tarball, side effects only in the widget", async () => {
  const manifest = JSON.parse(await readFile(join(project.pkgDir, "package.json"), "utf8"));
  assert.equal(manifest.name, "precheck");
  assert.equal(manifest.type, "module");
  assert.deepEqual(Object.keys(manifest.exports).sort(), [".", "./package.json", "./widget", "./widget.min.js", "./worker"]);
  const targets = [];
  for (const entry of Object.values(manifest.exports)) {
    if (typeof entry === "string") targets.push(entry);
    else targets.push(...Object.values(entry));
  }
  for (const t of [manifest.main, manifest.types, ...targets].filter(Boolean)) {
    assert.ok(packed.files.includes(t.replace(/^\.\//, "")), `${t} is named in package.json but is not in the tarball`);
  }
  // "types" must come first in each conditional entry, or TypeScript never sees it.
  for (const [key, entry] of Object.entries(manifest.exports)) {
    if (typeof entry === "object") assert.equal(Object.keys(entry)[0], "types", `exports["${key}"]: "types" first`);
  }
  assert.deepEqual(manifest.sideEffects, ["./widget.js", "./widget.min.js", "./widget/define.js"]);
  assert.ok(manifest.files, "a files whitelist");
});

test("from plain Node in an empty project: check every fixture, statuses equal the native CLI's", async (t) => {
  const today = todayUtc();
  const { stdout } = await run(process.execPath, ["use.mjs", FIXTURES, today], { cwd: project.dir });
  used = JSON.parse(stdout);

  await t.test("version(), precheck/package.json and precheck/worker", () => {
    assert.equal(used.manifest.name, "precheck");
    assert.equal(used.version, used.manifest.version, "version() is the package's version");
    assert.equal(used.worker.PrecheckWorker, "function", "precheck/worker exports PrecheckWorker");
    assert.equal(used.words, 6, "countWords");
  });

  await t.test("describeProfile(): the core's rules per kind, for UIs", () => {
    const { snn, main } = used.profiles;
    assert.equal(snn.id, "snn-2022");
    assert.equal(snn.abstractMaxWords, 250);
    assert.equal(snn.dates.earliestPublic, "2021-07-13");
    assert.equal(main.dates.earliestPublic, undefined, "the main track sets no recency rule");
    const published = snn.kinds.find((k) => k.kind === "published");
    const rule = (id) => published.checks.find((c) => c.id === id);
    assert.equal(rule("page-size").applies, "yes");
    assert.equal(rule("fonts-embedded").applies, "yes");
    assert.deepEqual(rule("margins"), { id: "margins", title: "Margins", applies: "skip", why: "a published paper is submitted in the form it was published" });
    assert.equal(used.unknownProfile, "InvalidOptionsError");
  });

  for (const name of FIXTURE_NAMES) {
    await t.test(`${name} (${EXPECTED[name].kind})`, async () => {
      const native = await nativeReport(name);
      const report = used.reports[name];
      assert.ok(report, `no report for ${name}`);
      assert.deepEqual(report.checks.map((c) => c.id), native.checks.map((c) => c.id), "the same checks in the same order");
      assert.deepEqual(statusesOf(report), statusesOf(native));
      assert.equal(report.verdict, native.verdict);
      assert.equal(report.kind, native.kind);
      assert.equal(report.profile, native.profile);
    });
  }
});
