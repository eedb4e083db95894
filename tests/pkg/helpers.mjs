// Shared by the package tests (tests/pkg/*.test.mjs): pack pkg/ as npm would publish it,
// install the tarball into an empty project, ask the native CLI for the reference
// statuses, serve files on 127.0.0.1 and launch Debian's headless Chromium.
import { TYPES } from "../../tools/serve.mjs";
import { execFile as execFileCb } from "node:child_process";
import { promisify } from "node:util";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const execFile = promisify(execFileCb);

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const PKG = join(ROOT, "pkg");
export const FIXTURES = join(ROOT, "tests/fixtures");
export const CLI = join(ROOT, "target/release/precheck");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run",
];
export const EXPECTED = JSON.parse(await readFile(join(FIXTURES, "expected.json"), "utf8"));
export const FIXTURE_NAMES = Object.keys(EXPECTED).sort();

/** The date the native CLI uses (the UTC day); given to the package so both agree on recency. */
export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

/** The environment for child processes: no NODE_OPTIONS, so "no flags" means no flags. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  env.npm_config_update_notifier = "false";
  env.npm_config_fund = "false";
  env.npm_config_audit = "false";
  return env;
}

export async function run(cmd, args, options = {}) {
  return execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, env: cleanEnv(), ...options });
}

export async function exists(path) {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A fresh temporary directory, removed by the returned cleanup unless KEEP_TMP is set. */
export async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), `precheck-${prefix}-`));
  return { dir, cleanup: () => (process.env.KEEP_TMP ? undefined : rm(dir, { recursive: true, force: true })) };
}

/**
 * `npm pack` in pkg/ into a temporary directory.
 * Resolves to {tarball, bytes, files (paths inside the package, sorted), dir, cleanup}.
 */
export async function pack() {
  if (!(await exists(join(PKG, "package.json")))) throw new Error("pkg/ is not built: run `make pkg` first");
  const { dir, cleanup } = await tempDir("pack");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: PKG });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf("[")));
  const tarball = join(dir, info.filename);
  const bytes = (await stat(tarball)).size;
  // The tarball's own listing (not npm's summary): every entry is under package/.
  const { stdout: listing } = await run("tar", ["-tzf", tarball]);
  const files = listing.split("\n").filter((l) => l && !l.endsWith("/")).map((l) => l.replace(/^package\//, "")).sort();
  return { tarball, bytes, files, info, dir, cleanup };
}

/**
 * An empty project (`npm init -y`) with the tarball installed, from the local file only.
 * Resolves to {dir, cleanup, pkgDir} where pkgDir is node_modules/precheck.
 */
export async function installInto(tarball, prefix = "consumer", { files = {} } = {}) {
  const { dir, cleanup } = await tempDir(prefix);
  await run("npm", ["init", "-y"], { cwd: dir });
  // An ES module project, as a consumer writing `import` in .js files has.
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
  manifest.type = "module";
  manifest.private = true;
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await run("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir });
  return { dir, cleanup, pkgDir: join(dir, "node_modules", "precheck") };
}

/** The statuses of one report as {checkId: status}. */
export function statusesOf(report) {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

const nativeCache = new Map();

/** The native CLI's report for a fixture with its kind and abstract (expected.json). */
export async function nativeReport(name) {
  if (nativeCache.has(name)) return nativeCache.get(name);
  if (!(await exists(CLI))) throw new Error("target/release/precheck is not built: run `cargo build --release` first");
  const { kind, abstract } = EXPECTED[name];
  const args = ["--format", "json", "--kind", kind, "--abstract", join(FIXTURES, abstract), join(FIXTURES, name)];
  let stdout;
  try {
    ({ stdout } = await run(CLI, args));
  } catch (err) {
    // Exit status 1: some check failed; the report is still on stdout.
    if (err.code !== 1) throw err;
    stdout = err.stdout;
  }
  const report = JSON.parse(stdout);
  nativeCache.set(name, report);
  return report;
}

export async function nativeStatuses(name) {
  return statusesOf(await nativeReport(name));
}


/**
 * A static server on 127.0.0.1 (a free port). mounts: [[urlPrefix, dir], ...], the
 * longest prefix first. Resolves to {url, close, served} (served: every path asked for).
 */
export function serveStatic(mounts) {
  const served = [];
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url, "http://127.0.0.1").pathname;
    served.push(urlPath);
    for (const [prefix, dir] of mounts) {
      if (!urlPath.startsWith(prefix)) continue;
      const rel = decodeURIComponent(urlPath.slice(prefix.length)) || "index.html";
      const path = normalize(join(dir, rel));
      if (path !== dir && !path.startsWith(dir + sep)) break;
      try {
        const s = await stat(path);
        const file = s.isDirectory() ? join(path, "index.html") : path;
        const body = await readFile(file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-cache" });
        res.end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("not found\n");
  });
  return new Promise((resolveStart, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolveStart({
        url: `http://127.0.0.1:${port}/`,
        served,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}

/** Requests that left the machine: anything but 127.0.0.1, data: and blob:. */
export function offMachine(urls) {
  return [...new Set(urls)].filter((u) => {
    const url = new URL(u);
    return !(url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1");
  });
}

/**
 * A browser context that records every request (pages and their workers) and refuses,
 * rather than sends, any request off 127.0.0.1. Resolves to {context, requests, errors}.
 */
export async function recordingContext(browser, options = {}) {
  const context = await browser.newContext({ timezoneId: "UTC", viewport: { width: 1200, height: 900 }, ...options });
  const requests = [];
  const errors = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    requests.push(url.href);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
    page.on("worker", (w) => w.on("console", (m) => { if (m.type() === "error") errors.push(`worker console: ${m.text()}`); }));
  });
  return { context, requests, errors };
}

/** Size in bytes of a file gzipped (level 9, as `gzip -9`). */
export async function gzippedSize(path) {
  const { gzipSync } = await import("node:zlib");
  return gzipSync(await readFile(path), { level: 9 }).length;
}

export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
