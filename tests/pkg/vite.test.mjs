// The package in a bundler: a copy of tests/pkg/vite-app gets the packed tarball
// installed, `vite build` (Vite 7, the repository's devDependency) bundles it, and the
// built page, served from 127.0.0.1, checks the fixtures in headless Chromium through
// the package's worker (and `check` on the main thread): the statuses equal the native
// CLI's, and no request leaves 127.0.0.1. Then the same page from Vite's dev server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, readdir, readFile } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  ROOT, FIXTURES, EXPECTED, FIXTURE_NAMES, CHROMIUM, CHROMIUM_ARGS, pack, run, tempDir, exists,
  nativeStatuses, serveStatic, offMachine, recordingContext,
} from "./helpers.mjs";

const APP = join(ROOT, "tests/pkg/vite-app");
const VITE = join(ROOT, "node_modules/vite/bin/vite.js");
// A few fixtures for the dev server: a pass, a fail, another kind, an unreadable PDF.
const DEV_FIXTURES = ["ok_final.pdf", "margins_narrow.pdf", "poster_a0.pdf", "truncated.pdf"];

let packed;
let app;
let build;
let server;
let browser;

before(async () => {
  if (!(await exists(VITE))) throw new Error("vite is not installed: run `npm ci` in the repository root");
  packed = await pack();
  app = await tempDir("vite-app");
  await cp(APP, app.dir, { recursive: true, filter: (src) => !/[/\\](node_modules|dist)$/.test(src) });
  await run("npm", ["install", packed.tarball, "--offline", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: app.dir });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await app?.cleanup();
  await packed?.cleanup();
});

/** Opens the app at url in a recording context and waits for it to be ready. */
async function openApp(url) {
  const { context, requests, errors } = await recordingContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  assert.match(await page.textContent("#version"), /^\d+\.\d+\.\d+/);
  return { context, page, requests, errors };
}

/** Chooses a fixture in the app's file input; the statuses must equal the native CLI's. */
async function checkFixture(page, name) {
  const { kind, abstract } = EXPECTED[name];
  const done = Number(await page.getAttribute("body", "data-checks"));
  await page.selectOption("select[name=kind]", kind);
  await page.fill("textarea[name=abstract]", await readFile(join(FIXTURES, abstract), "utf8"));
  await page.setInputFiles("input[type=file]", join(FIXTURES, name));
  await page.waitForFunction((n) => Number(document.body.dataset.checks) > n, done, { timeout: 60000 });
  const result = await page.$eval("#result", (r) => ({
    error: r.dataset.error,
    verdict: r.dataset.verdict,
    mainVerdict: r.dataset.mainVerdict,
    main: JSON.parse(r.dataset.mainStatuses || "{}"),
    statuses: Object.fromEntries([...r.querySelectorAll("[data-check]")].map((li) => [li.dataset.check, li.dataset.status])),
  }));
  assert.equal(result.error, undefined, `the page reported an error: ${result.error}`);
  const native = await nativeStatuses(name);
  assert.deepEqual(result.statuses, native, "worker statuses");
  assert.deepEqual(result.main, native, "main-thread statuses");
  assert.equal(result.verdict, result.mainVerdict);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

/** Vite's dev server on the app copy; configFile false ignores the app's vite.config.js. */
async function viteDev(configFile, cacheDir) {
  const { createServer } = await import("vite");
  const port = await freePort();
  const dev = await createServer({
    root: app.dir,
    configFile,
    cacheDir: join(app.dir, cacheDir),
    logLevel: "silent",
    clearScreen: false,
    server: { host: "127.0.0.1", port, strictPort: true },
  });
  await dev.listen();
  return { url: `http://127.0.0.1:${port}/`, close: () => dev.close() };
}

test("vite build bundles the app with the package as it is published", async () => {
  try {
    const { stdout, stderr } = await run(process.execPath, [VITE, "build", "--logLevel", "info"], { cwd: app.dir });
    build = { output: stdout + stderr };
  } catch (err) {
    assert.fail(`vite build failed (exit ${err.code}):\n${err.stdout}\n${err.stderr}`);
  }
  const warnings = build.output.split("\n").filter((l) => /externalized|warn|error/i.test(l));
  for (const w of [...new Set(warnings)]) console.log(`vite build: ${w.trim()}`);
  const assets = await readdir(join(app.dir, "dist/assets"));
  console.log(`vite dist/assets: ${assets.join(", ")}`);
  assert.ok(assets.some((a) => a.endsWith(".wasm")), "the .wasm is emitted as an asset");
  assert.ok(assets.some((a) => /^worker-script.*\.js$/.test(a)), "the worker script is emitted as its own chunk");
  assert.equal(assets.filter((a) => a.endsWith(".wasm")).length, 1, "one copy of the .wasm");
});

test("the built page checks every fixture in Chromium through the worker: statuses equal the native CLI's, nothing off 127.0.0.1", async (t) => {
  assert.ok(build, "the build above failed");
  server = await serveStatic([["/", join(app.dir, "dist")]]);
  const { context, page, requests, errors } = await openApp(server.url);
  for (const name of FIXTURE_NAMES) await t.test(name, () => checkFixture(page, name));
  assert.deepEqual(offMachine(requests), [], "requests off 127.0.0.1");
  assert.ok(requests.some((u) => u.endsWith(".wasm")), "the page fetched its .wasm from 127.0.0.1");
  assert.deepEqual(errors, [], "page errors");
  await context.close();
});

test("vite dev with the app's vite.config.js (optimizeDeps.exclude precheck): the page checks PDFs", async (t) => {
  const dev = await viteDev(join(app.dir, "vite.config.js"), ".vite-excluded");
  try {
    const { context, page, requests, errors } = await openApp(dev.url);
    for (const name of DEV_FIXTURES) await t.test(name, () => checkFixture(page, name));
    assert.deepEqual(offMachine(requests), [], "requests off 127.0.0.1");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  } finally {
    await dev.close();
  }
});

test("vite dev with no config at all: the page checks a PDF", {
  todo: "Vite's dependency pre-bundling moves precheck into node_modules/.vite/deps/, where new URL(\"./worker-script.js\", import.meta.url) finds no worker (WorkerCrashedError); consumers need optimizeDeps.exclude [\"precheck\"]",
}, async () => {
  const dev = await viteDev(false, ".vite-default");
  try {
    const { context, page } = await openApp(dev.url);
    try {
      await checkFixture(page, "ok_final.pdf");
    } finally {
      await context.close();
    }
  } finally {
    await dev.close();
  }
});
