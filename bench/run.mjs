// make bench: precheck against poppler and pdf.js, natively, in Node and in headless
// Chromium, over the fixtures and a few real papers from ../shared/corpus/real (skipped
// when absent). Prints a markdown report and writes it to target/bench/report.md, with
// every number in target/bench/report.json. Expects `cargo build --release` and
// `make pkg` done (the Makefile's bench target does both).
//
//   node bench/run.mjs [--skip=native,cli,poppler,node,pdfjs,chromium,page,batch]
//                      [--files=a.pdf,b.pdf] [--quick]   (--files: paths, or names of
//                      fixtures or of papers in ../shared/corpus/real)
//
// Environment: BENCH_RUNS=N fixes the runs per measurement (default: 15 / 9 / 5 after the
// last warm-up took < 20 ms / < 200 ms / more), BENCH_WARMUP=N (default 2),
// BENCH_WARMUP_MS=N (default 500: wasm and pdf.js warm up at least this long),
// BENCH_DROPS=N drops on the page (default 9, after a first one reported apart), CHROMIUM=path.
// A missing tool or file makes its cells "n/a" with the reason; the run goes on.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { na, summary, timeIt, WARMUP, WARMUP_MS } from "./lib.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "target/bench");
const CLI = join(ROOT, "target/release/precheck");
const FIXTURES = join(ROOT, "tests/fixtures");
const CORPUS = join(ROOT, "../shared/corpus/real");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const MiB = 1024 * 1024;
const KiB = 1024;

// ------------------------------------------------------------------ arguments and inputs

const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const flagValue = (name) => flag(name)?.split("=").slice(1).join("=") ?? "";
const SKIP = new Set(flagValue("skip").split(",").filter(Boolean));
if (flag("quick")) {
  process.env.BENCH_RUNS ||= "3";
  process.env.BENCH_DROPS ||= "3";
}
const DROPS = Number(process.env.BENCH_DROPS) > 0 ? Number(process.env.BENCH_DROPS) : 9;

const FIXTURE_FILES = ["ok_final.pdf", "long_7_pages.pdf", "margins_narrow.pdf"];
const REAL_FILES = [
  "attention_nips2017_arxiv_v7.pdf",
  "qlora_neurips2023_preprint_arxiv.pdf",
  "ged_neurips2024_arxiv.pdf",
  "acl_influence_2022.pdf",
  "forwardforward_preprint.pdf",
];
const PAGE_FLOW_FILE = join(FIXTURES, "long_5_pages.pdf");

const notes = [];
const inputs = [];
if (flag("files")) {
  // A path, or the bare name of a fixture or of a paper in ../shared/corpus/real.
  for (const f of flagValue("files").split(",").filter(Boolean)) {
    const path = [resolve(f), join(FIXTURES, f), join(CORPUS, f)].find((p) => existsSync(p)) ?? resolve(f);
    inputs.push({ path, real: !path.startsWith(FIXTURES), name: basename(f) });
  }
} else {
  for (const f of FIXTURE_FILES) inputs.push({ path: join(FIXTURES, f), real: false, name: f });
  if (!existsSync(CORPUS)) notes.push(`../shared/corpus/real is absent: the real papers were skipped.`);
  for (const f of REAL_FILES) {
    const path = join(CORPUS, f);
    if (existsSync(path)) inputs.push({ path, real: true, name: f });
    else if (existsSync(CORPUS)) notes.push(`${f} is not in ../shared/corpus/real: skipped.`);
  }
}
const files = inputs.filter((f) => {
  if (existsSync(f.path)) return true;
  notes.push(`${f.path} does not exist: skipped.`);
  return false;
});
for (const f of files) f.bytes = statSync(f.path).size;
const paths = files.map((f) => f.path);

const log = (...a) => console.error("bench:", ...a);
const started = performance.now();

// ------------------------------------------------------------------ helpers

function which(cmd) {
  for (const dir of (process.env.PATH || "").split(":").filter(Boolean)) {
    const path = join(dir, cmd);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* not here */
    }
  }
  return null;
}

function versionOf(cmd, args, { stderr = false, pattern } = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) return null;
  const text = (stderr ? r.stderr : r.stdout) || r.stdout || r.stderr || "";
  const m = pattern ? pattern.exec(text) : null;
  return (m ? m[1] : text.split("\n")[0]).trim() || null;
}

/** Runs a command to completion without blocking; resolves to {status, stdout, stderr}. */
function run(cmd, args, { timeoutMs = 20 * 60 * 1000, env } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: env ? { ...process.env, ...env } : process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolveRun({ status: null, stdout, stderr: String(error.message) });
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolveRun({ status, signal, stdout, stderr });
    });
  });
}

/** JSON lines from a child's stdout, by file. */
function byFile(stdout) {
  const out = new Map();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const o = JSON.parse(line);
      out.set(o.file, o);
    } catch {
      /* not ours */
    }
  }
  return out;
}

const lastLine = (text) => text.trim().split("\n").filter(Boolean).pop() ?? "";
/** What a failed command said: its first `error…` line (cargo, rustc), else its last line. */
const why = (text) => text.split("\n").find((l) => /^error\b/i.test(l.trim()))?.trim() ?? lastLine(text);

/** Fills `results[file][key]` from a child's JSON lines (or n/a with its failure). */
function collect(results, key, r, what) {
  const lines = byFile(r.stdout);
  for (const p of paths) {
    const got = lines.get(p);
    results[p][key] = got ?? na(r.status === 0 ? `${what}: no result` : `${what} failed: ${why(r.stderr) || `exit ${r.status ?? r.signal}`}`);
  }
}

const results = Object.fromEntries(paths.map((p) => [p, {}]));
const env = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? "?",
  cores: availableParallelism(),
  load_before: loadavg().map((x) => +x.toFixed(2)),
  node: process.version,
  rustc: versionOf("rustc", ["--version"]),
  chromium: versionOf(CHROMIUM, ["--version"]),
  poppler: versionOf("pdftotext", ["-v"], { stderr: true, pattern: /version ([\d.]+)/ }),
  pdfjs: (() => {
    try {
      return JSON.parse(readFileSync(join(ROOT, "node_modules/pdfjs-dist/package.json"), "utf8")).version;
    } catch {
      return null;
    }
  })(),
  warmup: WARMUP,
  runs: process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : "15 / 9 / 5 (last warm-up < 20 ms / < 200 ms / more)",
};

// ------------------------------------------------------------------ 1. the native core in-process

async function nativeCore() {
  if (SKIP.has("native")) return paths.forEach((p) => (results[p].native = na("skipped (--skip)")));
  log("native core (cargo bench --bench core)");
  const runs = Number(process.env.BENCH_RUNS) > 0 ? ["--runs", String(Number(process.env.BENCH_RUNS))] : [];
  const r = await run("cargo", ["bench", "--quiet", "--bench", "core", "--", "--json", "--warmup", String(WARMUP), ...runs, ...paths]);
  if (r.status === null && /ENOENT/.test(r.stderr)) return paths.forEach((p) => (results[p].native = na("cargo not found")));
  collect(results, "native", r, "cargo bench");
}

// ------------------------------------------------------------------ 2. the CLI against poppler, spawned

function spawnMs(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "ignore" });
  if (r.error) throw r.error;
  return r.status;
}

/** Peak RSS (KiB) of one run of a command, from /usr/bin/time -f %M. */
function peakRss(cmd, args) {
  const dir = mkdtempSync(join(tmpdir(), "precheck-bench-"));
  try {
    const out = join(dir, "rss");
    const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, cmd, ...args], { stdio: "ignore" });
    if (r.error) throw r.error;
    return Number(readFileSync(out, "utf8").trim().split("\n").pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function processes() {
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  const poppler = which("pdffonts") && which("pdftotext");
  // What Node's spawnSync itself costs, included in every figure of this section.
  const trueBin = which("true");
  if (trueBin) env.spawn_overhead_ms = +(await timeIt(() => spawnMs(trueBin, []), { warmup: 3, runs: 15 })).median_ms.toFixed(2);
  for (const p of paths) {
    const res = results[p];
    const name = basename(p);
    if (SKIP.has("cli")) res.cli = na("skipped (--skip)");
    else if (!existsSync(CLI)) res.cli = na("target/release/precheck missing (cargo build --release)");
    else {
      log(`CLI: ${name}`);
      const check = spawnSync(CLI, ["--format", "json", p], { encoding: "utf8", maxBuffer: 64 * MiB });
      if (check.status !== 0 && check.status !== 1) res.cli = na(`precheck exit ${check.status}: ${lastLine(check.stderr)}`);
      else {
        res.cli = await timeIt(() => spawnMs(CLI, ["--format", "json", p]));
        try {
          res.cli.pages = JSON.parse(check.stdout).document.pages;
        } catch {
          /* pages come from elsewhere */
        }
        if (timeBin) res.cli_rss_kib = Math.max(...[0, 1, 2].map(() => peakRss(CLI, ["--format", "json", p])));
      }
    }
    if (SKIP.has("poppler")) res.poppler = na("skipped (--skip)");
    else if (!poppler) res.poppler = na("pdffonts/pdftotext not installed (make setup)");
    else {
      log(`poppler: ${name}`);
      const f = spawnSync("pdffonts", [p], { encoding: "utf8" });
      const x = spawnSync("pdftotext", ["-bbox", p, "-"], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      if (f.status !== 0 || x.status !== 0) res.poppler = na(`poppler failed: ${lastLine(f.stderr || x.stderr)}`);
      else {
        res.poppler = await timeIt(() => {
          spawnMs("pdffonts", [p]);
          spawnMs("pdftotext", ["-bbox", p, "-"]);
        });
        if (timeBin) res.poppler_rss_kib = Math.max(peakRss("pdffonts", [p]), peakRss("pdftotext", ["-bbox", p, "/dev/null"]));
      }
    }
  }
}

// ------------------------------------------------------------------ 3 and 4. Node: wasm, pdf.js, memory

async function node() {
  const pkgReady = existsSync(join(ROOT, "pkg/index.js")) && existsSync(join(ROOT, "pkg/wasm/precheck_bg.wasm"));
  const script = join(ROOT, "bench/node.mjs");
  if (SKIP.has("node")) paths.forEach((p) => ((results[p].wasm_node = na("skipped (--skip)")), (results[p].wasm_memory = na("skipped (--skip)"))));
  else if (!pkgReady) paths.forEach((p) => ((results[p].wasm_node = na("pkg/ missing (make pkg)")), (results[p].wasm_memory = na("pkg/ missing (make pkg)"))));
  else {
    log("wasm in Node");
    collect(results, "wasm_node", await run(process.execPath, [script, "wasm", ...paths]), "node wasm");
    log("wasm linear memory in Node");
    collect(results, "wasm_memory", await run(process.execPath, ["--expose-gc", script, "memory", ...paths]), "node memory");
  }
  if (SKIP.has("pdfjs")) paths.forEach((p) => (results[p].pdfjs_node = na("skipped (--skip)")));
  else {
    log("pdf.js in Node");
    collect(results, "pdfjs_node", await run(process.execPath, [script, "pdfjs", ...paths]), "node pdfjs");
  }
}

// ------------------------------------------------------------------ 5 and 6. headless Chromium

async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (make setup-browser)`);
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new Error("playwright-core not installed (npm ci)");
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: over ${ms / 1000} s`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function chromiumBench() {
  const wantEngines = !SKIP.has("chromium");
  const wantPage = !SKIP.has("page");
  const pageFlow = (results.page_flow = {});
  if (!wantEngines) paths.forEach((p) => ((results[p].wasm_chromium = na("skipped (--skip)")), (results[p].pdfjs_chromium = na("skipped (--skip)"))));
  if (!wantPage) Object.assign(pageFlow, na("skipped (--skip)"));
  if (!wantEngines && !wantPage) return;
  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    const why = na(e.message);
    if (wantEngines) paths.forEach((p) => ((results[p].wasm_chromium = why), (results[p].pdfjs_chromium = why)));
    if (wantPage) Object.assign(pageFlow, why);
    return;
  }
  try {
    if (wantEngines) await chromiumEngines(browser);
    if (wantPage) Object.assign(pageFlow, await dropToReport(browser));
  } finally {
    await browser.close();
  }
}

async function chromiumEngines(browser) {
  const { startBenchServer } = await import("./server.mjs");
  const server = await startBenchServer(paths);
  const plan = { warmup: WARMUP, warmupMs: WARMUP_MS, runs: Number(process.env.BENCH_RUNS) || 0 };
  const hasPdfjs = existsSync(join(ROOT, "node_modules/pdfjs-dist/build/pdf.mjs"));
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}bench/`);
    await page.waitForSelector("body[data-ready]", { timeout: 30000 });
    for (const [i, p] of paths.entries()) {
      const res = results[p];
      log(`Chromium: ${basename(p)}`);
      try {
        const r = await within(page.evaluate(([u, pl]) => window.bench.wasm(u, pl), [server.fileUrl(i), plan]), 10 * 60 * 1000, "wasm in Chromium");
        res.wasm_chromium = summary(r.times, { first_ms: r.first, warmups: r.warmups, pages: r.pages, verdict: r.verdict });
        env.wasm_ready_chromium_ms = +r.readyMs.toFixed(1);
      } catch (e) {
        res.wasm_chromium = na(e.message);
      }
      if (!hasPdfjs) {
        res.pdfjs_chromium = na("pdfjs-dist not installed (npm ci)");
        continue;
      }
      try {
        const r = await within(page.evaluate(([u, pl]) => window.bench.pdfjs(u, pl), [server.fileUrl(i), plan]), 10 * 60 * 1000, "pdf.js in Chromium");
        res.pdfjs_chromium = summary(r.times, { first_ms: r.first, warmups: r.warmups, pages: r.pages, textItems: r.textItems, operators: r.operators, version: r.version });
      } catch (e) {
        res.pdfjs_chromium = na(e.message);
      }
    }
    if (errors.length) notes.push(`errors in the benchmark page: ${errors.slice(0, 3).join("; ")}`);
    await context.close();
  } finally {
    await server.close();
  }
}

/** The real page (www/): drop long_5_pages.pdf, wait for the report, read lastCheckMs. */
async function dropToReport(browser) {
  if (!existsSync(PAGE_FLOW_FILE)) return na("tests/fixtures/long_5_pages.pdf missing");
  if (!existsSync(join(ROOT, "pkg/widget.js"))) return na("pkg/ missing (make pkg)");
  log(`the page: ${DROPS + 1} drops of long_5_pages.pdf`);
  const { startServer } = await import("../tools/serve.mjs");
  const server = await startServer({ port: 0 });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(server.url);
    await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
    const loadMs = performance.now() - t;
    const abstractFile = PAGE_FLOW_FILE.replace(/\.pdf$/, ".abstract.txt");
    if (existsSync(abstractFile)) await page.fill("textarea[name=abstract]", await readFile(abstractFile, "utf8"));
    const times = [];
    for (let i = 0; i <= DROPS; i++) {
      const before = Number(await page.evaluate(() => document.body.dataset.checks || 0));
      // The same file again fires no change event: empty the input first (the widget
      // ignores an empty choice), then choose the file.
      await page.setInputFiles("input[type=file]", []);
      await page.setInputFiles("input[type=file]", PAGE_FLOW_FILE);
      await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout: 30000 });
      // Let any check the input events scheduled settle before the next drop.
      await page.waitForSelector("body[data-state=done]", { timeout: 30000 });
      times.push(Number(await page.evaluate(() => document.body.dataset.lastCheckMs)));
    }
    await context.close();
    const [first, ...rest] = times;
    return { ...summary(rest), first_ms: first, file: "long_5_pages.pdf", load_to_idle_ms: +loadMs.toFixed(0) };
  } catch (e) {
    return na(e.message);
  } finally {
    await server.close();
  }
}

// ------------------------------------------------------------------ sizes

// gzip -9 itself when installed (zlib's level 9 comes out a little larger).
const GZIP = which("gzip");
function gz(bytes) {
  if (GZIP) {
    const r = spawnSync(GZIP, ["-9", "-c", "-n"], { input: bytes, maxBuffer: 256 * MiB });
    if (r.status === 0) return r.stdout.length;
  }
  return gzipSync(bytes, { level: 9 }).length;
}

function sizes() {
  const parts = ["widget.js", "worker.js", "worker-script.js", "index.js", "wasm/precheck.js", "wasm/precheck_bg.wasm"];
  const out = { files: [] };
  for (const part of parts) {
    const path = join(ROOT, "pkg", part);
    if (!existsSync(path)) return na(`pkg/${part} missing (make pkg)`);
    const bytes = readFileSync(path);
    out.files.push({ file: part, raw: bytes.length, gzip: gz(bytes) });
  }
  out.wasm = out.files.find((f) => f.file.endsWith(".wasm"));
  out.total = { raw: out.files.reduce((s, f) => s + f.raw, 0), gzip: out.files.reduce((s, f) => s + f.gzip, 0) };
  out.ok = true;
  return out;
}

// ------------------------------------------------------------------ batch (item 4)

async function batch() {
  if (SKIP.has("batch")) return na("skipped (--skip)");
  if (!existsSync(CORPUS)) return na("../shared/corpus/real absent");
  if (!existsSync(CLI)) return na("target/release/precheck missing");
  const all = (await import("node:fs"))
    .readdirSync(CORPUS)
    .filter((f) => /\.pdf$/i.test(f))
    .sort()
    .map((f) => join(CORPUS, f));
  const bytes = all.reduce((s, f) => s + statSync(f).size, 0);
  log(`batch: precheck --format jsonl over ${all.length} files`);
  const args = ["--format", "jsonl", ...all];
  const first = spawnSync(CLI, args, { encoding: "utf8", maxBuffer: 256 * MiB });
  if (first.status !== 0 && first.status !== 1) return na(`precheck exit ${first.status}: ${lastLine(first.stderr)}`);
  const lines = first.stdout.split("\n").filter(Boolean).length;
  const t = await timeIt(() => spawnMs(CLI, args), { warmup: 1, runs: Number(process.env.BENCH_RUNS) || 3 });
  const rss = existsSync("/usr/bin/time") ? peakRss(CLI, args) : null;
  // CPU time against wall time says how many cores the run kept busy.
  const timed = spawnSync("/usr/bin/time", ["-f", "%U %S %e", CLI, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 256 * MiB });
  const [user, sys, wall] = (timed.stderr || "").trim().split("\n").pop().split(" ").map(Number);
  return {
    ...t,
    files: all.length,
    reports: lines,
    bytes,
    files_per_s: all.length / (t.median_ms / 1000),
    mib_per_s: bytes / MiB / (t.median_ms / 1000),
    peak_rss_kib: rss,
    cpu_over_wall: wall > 0 ? (user + sys) / wall : null,
  };
}

// ------------------------------------------------------------------ the report

const fmtMs = (r) => {
  if (!r || !r.ok) return "n/a";
  const m = r.median_ms;
  return m < 10 ? m.toFixed(2) : m < 100 ? m.toFixed(1) : m.toFixed(0);
};
const ratio = (a, b) => (a?.ok && b?.ok && b.median_ms > 0 ? a.median_ms / b.median_ms : null);
const fmtRatio = (x) => (x == null ? "n/a" : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`);
const mib = (bytes) => (bytes / MiB).toFixed(1);
const kib = (bytes) => `${(bytes / KiB).toFixed(1)} KiB`;
const budgetOf = (bytes) => 4 * bytes + 16 * MiB;
const mark = (ok) => (ok ? "✓" : "✗");

function reasonsOf() {
  // Each distinct n/a reason once, numbered, so cells stay short.
  const reasons = [];
  const ref = (r = na("not measured (its section failed, see the notes)")) => {
    if (r.ok) return "";
    let i = reasons.indexOf(r.reason);
    if (i < 0) i = reasons.push(r.reason) - 1;
    return `n/a[^${i + 1}]`;
  };
  return { reasons, ref };
}

function render(batchResult, sizeResult) {
  const { reasons, ref } = reasonsOf();
  const cell = (r) => (r?.ok ? fmtMs(r) : ref(r));
  const lines = [];
  const push = (s = "") => lines.push(s);
  push(`# precheck benchmark`);
  push();
  push(
    `${env.date} · ${env.cpu}, ${env.cores} cores · load average ${env.load_before.join(" ")} before, ${env.load_after?.join(" ") ?? "?"} after · ` +
      `Node ${env.node} · ${env.rustc ?? "rustc ?"} · ${env.chromium ?? "Chromium n/a"} · poppler ${env.poppler ?? "n/a"} · pdfjs-dist ${env.pdfjs ?? "n/a"}`,
  );
  push();
  push(`Medians in ms after ${env.warmup} warm-up runs (wasm and pdf.js: and at least ${WARMUP_MS} ms of them); runs per cell: ${env.runs}. Process times (CLI, poppler) include Node's spawn cost, ~${env.spawn_overhead_ms ?? "?"} ms per process.`);
  if (env.load_before[0] > env.cores * 0.75) push(`**The machine was busy (load ${env.load_before[0]} on ${env.cores} cores): figures are inflated and noisy.**`);
  push();
  push(`| file | pages | MiB | native ms | CLI ms | poppler ms | wasm-node ms | pdf.js-node ms | pdf.js/wasm node | wasm-chromium ms | pdf.js-chromium ms | pdf.js/wasm chromium | CLI peak RSS MiB / budget |`);
  push(`|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`);
  for (const f of files) {
    const r = results[f.path];
    const pages = r.native?.pages ?? r.wasm_node?.pages ?? r.cli?.pages ?? r.pdfjs_node?.pages ?? "?";
    const budget = budgetOf(f.bytes);
    const rss = r.cli_rss_kib != null ? `${mib(r.cli_rss_kib * KiB)} / ${mib(budget)} ${mark(r.cli_rss_kib * KiB <= budget)}` : ref(r.cli?.ok ? na("/usr/bin/time missing") : r.cli);
    push(
      `| ${f.name}${f.real ? "" : " (fixture)"} | ${pages} | ${mib(f.bytes)} | ${cell(r.native)} | ${cell(r.cli)} | ${cell(r.poppler)} | ${cell(r.wasm_node)} | ${cell(r.pdfjs_node)} | ` +
        `${fmtRatio(ratio(r.pdfjs_node, r.wasm_node))} | ${cell(r.wasm_chromium)} | ${cell(r.pdfjs_chromium)} | ${fmtRatio(ratio(r.pdfjs_chromium, r.wasm_chromium))} | ${rss} |`,
    );
  }
  push();
  push(`pdf.js: load the document, then every page's getTextContent() and getOperatorList() (what a JavaScript-only checker needs); in Node the legacy build with its worker in-thread, in Chromium the modern build with one Web Worker reused across documents. wasm: \`check()\` from pkg/index.js (Chromium: the page's main thread). poppler: \`pdffonts\` + \`pdftotext -bbox\`, two processes.`);
  push();

  push(`## Memory (budget: 4 × file size + 16 MiB)`);
  push();
  push(`| file | MiB | budget MiB | CLI peak RSS MiB | wasm linear memory MiB (fresh instance, after one check) | poppler peak RSS MiB (larger tool) |`);
  push(`|---|--:|--:|--:|--:|--:|`);
  for (const f of files) {
    const r = results[f.path];
    const budget = budgetOf(f.bytes);
    const cli = r.cli_rss_kib != null ? `${mib(r.cli_rss_kib * KiB)} ${mark(r.cli_rss_kib * KiB <= budget)}` : "n/a";
    const lin = r.wasm_memory?.ok ? `${mib(r.wasm_memory.linear_bytes)} ${mark(r.wasm_memory.linear_bytes <= budget)}` : ref(r.wasm_memory);
    const pop = r.poppler_rss_kib != null ? mib(r.poppler_rss_kib * KiB) : "n/a";
    push(`| ${f.name} | ${mib(f.bytes)} | ${mib(budget)} | ${cli} | ${lin} | ${pop} |`);
  }
  const initial = files.map((f) => results[f.path].wasm_memory).find((m) => m?.ok)?.initial_bytes;
  if (initial) push(`\nThe wasm instance starts with ${mib(initial)} MiB of linear memory; it never shrinks, so its size after the check is the check's peak.`);
  push();

  push(`## Sizes (${GZIP ? "gzip -9" : "zlib level 9: gzip is not installed"})`);
  push();
  if (sizeResult.ok) {
    push(`| file | raw | gzip |`);
    push(`|---|--:|--:|`);
    for (const s of sizeResult.files) push(`| pkg/${s.file} | ${kib(s.raw)} | ${kib(s.gzip)} |`);
    push(`| **total** | ${kib(sizeResult.total.raw)} | ${kib(sizeResult.total.gzip)} |`);
    push();
    push(`- \`.wasm\` gzipped: ${kib(sizeResult.wasm.gzip)} (target ≤ 350 KiB) ${mark(sizeResult.wasm.gzip <= 350 * KiB)}`);
    push(`- widget + glue + wasm gzipped: ${kib(sizeResult.total.gzip)} (target ≤ 400 KiB) ${mark(sizeResult.total.gzip <= 400 * KiB)}`);
    if (env.wasm_ready_chromium_ms != null) push(`- import + \`ready()\` (fetch, compile, instantiate) in Chromium from 127.0.0.1: ${env.wasm_ready_chromium_ms} ms`);
  } else push(`n/a: ${sizeResult.reason}`);
  push();

  push(`## Drop to report on the page (www/, headless Chromium)`);
  push();
  const pf = results.page_flow;
  if (pf?.ok)
    push(
      `long_5_pages.pdf (5 pages): median **${pf.median_ms} ms** over ${pf.runs} drops (min ${pf.min_ms}, max ${pf.max_ms}); the first drop after load ${pf.first_ms} ms; ` +
        `page load to idle ${pf.load_to_idle_ms} ms. Target ≤ 300 ms ${mark(pf.median_ms <= 300)}. (\`document.body.dataset.lastCheckMs\`: file taken to report rendered.)`,
    );
  else push(`n/a: ${pf?.reason ?? "not run"}`);
  push();

  push(`## Batch: \`precheck --format jsonl\` over ../shared/corpus/real`);
  push();
  if (batchResult.ok)
    push(
      `${batchResult.files} files (${mib(batchResult.bytes)} MiB), ${batchResult.reports} reports: median ${(batchResult.median_ms / 1000).toFixed(2)} s over ${batchResult.runs} runs = ` +
        `**${batchResult.files_per_s.toFixed(1)} files/s** (${batchResult.mib_per_s.toFixed(1)} MiB/s); CPU time / wall time ${batchResult.cpu_over_wall?.toFixed(2) ?? "?"} on ${env.cores} cores; peak RSS ${batchResult.peak_rss_kib ? mib(batchResult.peak_rss_kib * KiB) + " MiB" : "n/a"}.`,
    );
  else push(`n/a: ${batchResult.reason}`);
  push();

  push(`## Targets (issue 7)`);
  push();
  const real = files.filter((f) => f.real);
  const ratios = (a, b) => real.map((f) => ratio(results[f.path][a], results[f.path][b]));
  const minRatio = (xs) => (xs.length && xs.every((x) => x != null) ? Math.min(...xs) : null);
  for (const [rt, a, b] of [["Node", "pdfjs_node", "wasm_node"], ["Chromium", "pdfjs_chromium", "wasm_chromium"]]) {
    const xs = ratios(a, b);
    const m = minRatio(xs);
    push(`- wasm ≥ 10× faster than pdf.js on every real paper, ${rt}: ${m == null ? "n/a" : `lowest ${fmtRatio(m)} ${mark(m >= 10)}`}`);
  }
  const fifteen = files.find((f) => f.name === "attention_nips2017_arxiv_v7.pdf") ?? files.find((f) => results[f.path].wasm_chromium?.pages === 15);
  const c15 = fifteen && results[fifteen.path].wasm_chromium;
  push(`- a 15-page paper in ≤ 50 ms median in Chromium: ${c15?.ok ? `${fmtMs(c15)} ms (${fifteen.name}) ${mark(c15.median_ms <= 50)}` : "n/a"}`);
  const faster = files.filter((f) => results[f.path].cli?.ok && results[f.path].poppler?.ok);
  const wins = faster.filter((f) => results[f.path].cli.median_ms < results[f.path].poppler.median_ms);
  push(`- the CLI faster than pdffonts + pdftotext -bbox: ${faster.length ? `${wins.length} of ${faster.length} files ${mark(wins.length === faster.length)}` : "n/a"}`);
  const memOk = files.filter((f) => results[f.path].cli_rss_kib != null);
  const memWins = memOk.filter((f) => results[f.path].cli_rss_kib * KiB <= budgetOf(f.bytes));
  push(`- CLI peak RSS ≤ 4 × size + 16 MiB: ${memOk.length ? `${memWins.length} of ${memOk.length} files ${mark(memWins.length === memOk.length)}` : "n/a"}`);
  const linOk = files.filter((f) => results[f.path].wasm_memory?.ok);
  const linWins = linOk.filter((f) => results[f.path].wasm_memory.linear_bytes <= budgetOf(f.bytes));
  push(`- wasm linear memory ≤ 4 × size + 16 MiB: ${linOk.length ? `${linWins.length} of ${linOk.length} files ${mark(linWins.length === linOk.length)}` : "n/a"}`);
  if (sizeResult.ok) {
    push(`- \`.wasm\` ≤ 350 KiB gzipped: ${kib(sizeResult.wasm.gzip)} ${mark(sizeResult.wasm.gzip <= 350 * KiB)}`);
    push(`- widget + glue + wasm ≤ 400 KiB gzipped: ${kib(sizeResult.total.gzip)} ${mark(sizeResult.total.gzip <= 400 * KiB)}`);
  }
  push(`- drop to report ≤ 300 ms for 5 pages: ${pf?.ok ? `${pf.median_ms} ms ${mark(pf.median_ms <= 300)}` : "n/a"}`);
  push();
  if (notes.length || reasons.length) {
    push(`## Notes`);
    push();
    for (const n of notes) push(`- ${n}`);
    push();
    reasons.forEach((r, i) => push(`[^${i + 1}]: ${r}`));
    push();
  }
  const took = Object.entries(env.section_s ?? {}).map(([k, v]) => `${k} ${v} s`).join(", ");
  push(`Reproduce: \`make bench\` (or \`node bench/run.mjs\` after \`cargo build --release && make pkg\`; \`--skip=…\`, \`--quick\`, \`--files=…\`); ${((performance.now() - started) / 1000).toFixed(0)} s for this run (${took}). Raw numbers: target/bench/report.json.`);
  return lines.join("\n") + "\n";
}

// ------------------------------------------------------------------ main

if (!files.length) log("no input files found");
env.section_s = {};
// A section that throws leaves its cells empty (shown n/a with the error); the run goes on.
async function section(name, fn) {
  const t = performance.now();
  try {
    return await fn();
  } catch (e) {
    log(`${name} failed:`, e?.stack || e);
    notes.push(`${name}: ${e?.message || e}`);
    return na(`${name} failed: ${e?.message || e}`);
  } finally {
    env.section_s[name] = +((performance.now() - t) / 1000).toFixed(1);
  }
}
await section("native", nativeCore);
await section("cli+poppler", processes);
await section("node", node);
await section("chromium", chromiumBench);
const sizeResult = await section("sizes", sizes);
const batchResult = await section("batch", batch);
env.load_after = loadavg().map((x) => +x.toFixed(2));
const report = render(batchResult, sizeResult);
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, "report.md"), report);
await writeFile(
  join(OUT, "report.json"),
  JSON.stringify({ env, notes, files: files.map((f) => ({ ...f, path: relative(ROOT, f.path), results: results[f.path] })), page_flow: results.page_flow, sizes: sizeResult, batch: batchResult }, null, 2) + "\n",
);
process.stdout.write(report);
log(`written to ${relative(ROOT, OUT)}/report.md and report.json (${((performance.now() - started) / 1000).toFixed(0)} s)`);
