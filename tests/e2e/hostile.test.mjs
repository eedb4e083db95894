// The real page (www/ on pkg/, served by tools/serve.mjs) in headless Chromium against
// what crafted files and impatient authors do: 100 000 declared pages, three files chosen
// in quick succession, a font named with U+202E, a file over 200 MB, a worker asked to
// reach the network or eval, a query string that used to be a test hook, a service worker
// asked to cache what is not its own, a trapped instance on the main thread. Every PDF is
// built in the test (tests/hostile-js/); ok_final.pdf is "a good paper".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/serve.mjs";
import { ROOT, FIXTURES, CHROMIUM, CHROMIUM_ARGS } from "../pkg/helpers.mjs";
import { PdfWriter, stream, TIMES } from "../hostile-js/pdf.mjs";
import { ESCAPE_FONT, manyPages, rloFontName, RLO_FONT } from "../hostile-js/files.mjs";

const LONG_TASK_MS = 100;

let server;
let browser;
let tmp;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  tmp = await mkdtemp(join(tmpdir(), "precheck-e2e-hostile-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * A fresh page that refuses, rather than sends, every request off 127.0.0.1 (and records
 * it, from the page and its workers alike).
 */
async function openPage({ query = "", init } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offMachine = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    offMachine.push(url.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (init) await page.addInitScript(init);
  await page.goto(server.url + query);
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  return { page, context, offMachine, errors };
}

const checksDone = (page) => page.evaluate(() => Number(document.body.dataset.checks || 0));

async function waitForReport(page, before, timeout = 30000) {
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout });
}

/** The report the widget shows (its `report` property). */
function shownReport(page) {
  return page.evaluate(() => document.querySelector("precheck-widget").report);
}

test("100 000 declared pages: a report within seconds, 2000 pages drawn or folded, no main-thread task over 100 ms", async () => {
  // By path: a buffer would be decoded into a File by Playwright on the page's main thread
  // (a task of 850 ms for these 10 MB), which is no part of the widget.
  const path = join(tmp, "many-pages.pdf");
  await writeFile(path, manyPages(100_000));
  const { page, context, errors } = await openPage({
    init: () => {
      window.__longTasks = [];
      new MutationObserver(() => {
        const el = document.querySelector("precheck-widget");
        if (el.dataset.state === "checking" && window.__checkingAt === undefined) window.__checkingAt = performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
      document.addEventListener("precheck-report", () => (window.__reportAt = performance.now()));
    },
  });
  const before = await checksDone(page);
  await page.setInputFiles("input[type=file]", path);
  await waitForReport(page, before);
  const report = await shownReport(page);
  assert.equal(report.document.pages, 100_000);
  const read = Math.min(report.document.pages, report.document.pageSizes.length);
  assert.ok(read <= 2000, `${read} pages read`);
  // The maps are drawn in slices after the report: wait for the last one. Runs of pages
  // with nothing drawn on them are folded into one line each (the page-limit findings past
  // the core's listing limit have no mark), so maps and folded pages together cover them.
  const covered = () =>
    page.evaluate(() => {
      const root = document.querySelector("precheck-widget").shadowRoot;
      const runs = [...root.querySelectorAll("[data-run]")].map((r) => r.dataset.run.split("-").map(Number));
      return { maps: root.querySelectorAll("svg[data-page]").length, folded: runs.reduce((n, [a, b]) => n + b - a + 1, 0) };
    });
  await page.waitForFunction((n) => {
    const root = document.querySelector("precheck-widget").shadowRoot;
    const runs = [...root.querySelectorAll("[data-run]")].map((r) => r.dataset.run.split("-").map(Number));
    return root.querySelectorAll("svg[data-page]").length + runs.reduce((m, [a, b]) => m + b - a + 1, 0) === n;
  }, read, { timeout: 30000, polling: 50 });
  const drawnAt = await page.evaluate(() => performance.now());
  const { reportAt, longTasks, droppedAt } = await page.evaluate(() => ({ reportAt: window.__reportAt, longTasks: window.__longTasks, droppedAt: window.__checkingAt }));
  const during = longTasks.filter((t) => t.start + t.duration >= droppedAt);
  const longest = Math.max(0, ...during.map((t) => t.duration));
  console.log(`# 100 000 pages: drop to report ${Math.round(reportAt - droppedAt)} ms, to the last of ${read} maps ${Math.round(drawnAt - droppedAt)} ms; main-thread tasks over 50 ms: ${during.map((t) => Math.round(t.duration)).join(", ") || "none"}`);
  assert.ok(reportAt - droppedAt < 10_000, `report after ${Math.round(reportAt - droppedAt)} ms`);
  const { maps, folded } = await covered();
  assert.equal(maps + folded, read, "every page read is drawn or folded, no more");
  assert.ok(maps >= 100, `${maps} maps drawn: the pages with marks`);
  const note = await page.textContent("[data-maps-not-read]");
  assert.match(note, new RegExp(`Pages ${(read + 1).toLocaleString("en-US")}–100,000 were not read`));
  for (const c of report.checks) {
    const listed = await page.locator(`[data-check="${c.id}"] .finding`).count();
    assert.ok(listed <= 100, `${c.id}: ${listed} findings listed`);
  }
  // The core's summary of the findings it left out is the line under the list, not a finding.
  const pageLimit = report.checks.find((c) => c.id === "page-limit");
  assert.equal(pageLimit.unlisted, 99_896);
  assert.equal(await page.locator(`[data-check="page-limit"] .finding`).count(), 100);
  assert.equal((await page.textContent(`[data-check="page-limit"] .findings-more`)).trim(), "…and 99,896 more pages, not listed.");
  assert.ok(longest <= LONG_TASK_MS, `a main-thread task took ${Math.round(longest)} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("three files chosen quickly, the first the slowest to read: the report shown is the last one's", async () => {
  // 150 MB, most of it an unreferenced stream: slow to read, quick to check.
  const big = new PdfWriter();
  big.add(stream(Buffer.alloc(150_000_000)));
  big.page({ content: big.add(stream("BT /F1 10 Tf 108 700 Td (Large.) Tj ET")), resources: TIMES });
  const bigPath = join(tmp, "first-large.pdf");
  await writeFile(bigPath, big.finish());
  const last = join(FIXTURES, "ok_final.pdf");
  const lastBytes = (await readFile(last)).length;
  const { page, context, errors } = await openPage({
    init: () => {
      window.__shown = [];
      document.addEventListener("precheck-report", (e) => window.__shown.push(e.detail.document.bytes));
    },
  });
  const input = page.locator("input[type=file]");
  // One after another, so the order is the author's; each returns once the input has
  // changed, while the widget is still reading the 150 MB file.
  await input.setInputFiles(bigPath);
  await input.setInputFiles(join(FIXTURES, "paper_a4.pdf"));
  await input.setInputFiles(last);
  await page.waitForFunction((n) => document.querySelector("precheck-widget").report?.document.bytes === n, lastBytes, { timeout: 30000 });
  // Long enough for the first file's read (and any check it would start) to finish.
  await page.waitForTimeout(3000);
  await page.waitForSelector("precheck-widget[data-state=done]", { timeout: 30000 });
  const report = await shownReport(page);
  assert.equal(report.document.bytes, lastBytes, "the report is the last file's");
  assert.equal(await page.evaluate(() => document.querySelector("precheck-widget").shadowRoot.querySelector("input[type=file]").files[0].name), "ok_final.pdf");
  assert.match(await page.textContent(".verdict-what"), /ok_final\.pdf/);
  assert.match(await page.textContent("#file-info"), /ok_final\.pdf/);
  const shown = await page.evaluate(() => window.__shown);
  console.log(`# three quick files: reports shown (bytes) ${shown.join(", ")}`);
  assert.equal(shown.at(-1), lastBytes);
  assert.ok(!shown.includes(150_000_000) && !shown.some((b) => b > 100_000_000), "the first file's report was never shown");
  assert.deepEqual(errors, []);
  await context.close();
});

/** Whether the characters of `text`, where it occurs in `host`'s text nodes, are laid out left to right. */
async function laidOutInOrder(page, hostSelector, text) {
  return page.evaluate(({ hostSelector, text }) => {
    const host = document.querySelector("precheck-widget").shadowRoot.querySelector(hostSelector);
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const xs = [];
      for (let i = at; i < at + text.length; i++) {
        if (node.data[i] === " ") continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        xs.push(range.getBoundingClientRect().left);
      }
      return { found: true, inOrder: xs.every((x, i) => i === 0 || x > xs[i - 1]), xs };
    }
    return { found: false };
  }, { hostSelector, text });
}

test("a font named with U+202E is shown isolated: the widget's own words around it keep their order", async () => {
  const { page, context, errors } = await openPage();
  const before = await checksDone(page);
  await page.setInputFiles("input[type=file]", { name: "rlo-font.pdf", mimeType: "application/pdf", buffer: Buffer.from(rloFontName()) });
  await waitForReport(page, before);
  const report = await shownReport(page);
  assert.equal(report.document.bodyFont?.name, RLO_FONT, "the core reports the name as it is");
  const fact = await page.evaluate(() => {
    const dd = [...document.querySelector("precheck-widget").shadowRoot.querySelectorAll(".fact")].find((f) => f.querySelector("dt").textContent === "Body font").querySelector("dd");
    dd.id = "body-font-fact";
    const bdi = dd.querySelector("bdi");
    return { bdi: bdi && bdi.textContent, isolation: bdi && getComputedStyle(bdi).unicodeBidi, text: dd.textContent };
  });
  assert.equal(fact.bdi, RLO_FONT, "the name sits in a <bdi> of its own");
  assert.equal(fact.isolation, "isolate");
  const after = await laidOutInOrder(page, "#body-font-fact", " pt");
  assert.ok(after.found && after.inOrder, `“pt” after the name is laid out in order: ${JSON.stringify(after)}`);
  const size = fact.text.slice(fact.text.indexOf(RLO_FONT) + RLO_FONT.length);
  const order = await laidOutInOrder(page, "#body-font-fact", size.trim().split(" ")[0]);
  assert.ok(order.found && order.inOrder, `the size after the name is laid out in order: ${JSON.stringify(order)}`);
  // The core's sentences quote the name too; no override inside them survives.
  const messages = await page.$$eval(".check-message", (ps) => ps.map((p) => p.textContent));
  assert.ok(messages.every((m) => !m.includes("\u202e")), "no U+202E in the checks' sentences");
  assert.deepEqual(errors, []);
  await context.close();
});

test("terminal escapes in a font name are shown as U+FFFD, never as control characters", async () => {
  const { page, context, errors } = await openPage();
  const before = await checksDone(page);
  await page.setInputFiles("input[type=file]", { name: "escape-font.pdf", mimeType: "application/pdf", buffer: Buffer.from(rloFontName(ESCAPE_FONT)) });
  await waitForReport(page, before);
  const report = await shownReport(page);
  assert.equal(report.document.bodyFont?.name, ESCAPE_FONT, "the core reports the name as it is");
  const text = await page.evaluate(() => document.querySelector("precheck-widget").shadowRoot.textContent);
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text), "no control character in the widget's text");
  assert.ok(text.includes("Fake\ufffd[2J\ufffdName"), "the name is shown with its escapes replaced");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a file over 200 MB is not read: the widget shows the core's report naming the limit", async () => {
  const path = join(tmp, "too-large.pdf");
  const handle = await open(path, "w");
  await handle.truncate(250_000_000); // sparse: no 250 MB written to disk
  await handle.close();
  const { page, context, errors } = await openPage();
  const before = await checksDone(page);
  await page.setInputFiles("input[type=file]", path);
  await waitForReport(page, before);
  const report = await shownReport(page);
  const format = report.checks.find((c) => c.id === "file-format");
  assert.equal(format.status, "fail");
  assert.match(format.message, /200 MB/);
  assert.equal(report.document.bytes, 250_000_000);
  assert.equal(await page.getAttribute("[data-check='file-format']", "data-status"), "fail");
  // One figure for the file's size, in decimal MB as the core writes it.
  assert.match(await page.textContent("#file-info"), /250\.0 MB/);
  assert.match(report.checks.find((c) => c.id === "file-size").message, /250\.0 MB/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page's workers run under its CSP: no fetch to a private address, no eval", async () => {
  const { page, context, offMachine } = await openPage();
  const workers = page.workers();
  assert.ok(workers.length >= 1, "the widget's workers are running");
  const results = [];
  for (const worker of workers) {
    results.push(
      await worker.evaluate(async () => {
        const violations = [];
        self.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective || e.violatedDirective));
        let fetched;
        try {
          const r = await fetch("http://10.255.255.1/", { signal: AbortSignal.timeout(5000) });
          fetched = `sent (${r.status})`;
        } catch (err) {
          fetched = err.name;
        }
        // In a task of the worker's own: code evaluated for DevTools may eval regardless.
        const evaluated = await new Promise((resolve) =>
          setTimeout(() => {
            try {
              resolve(String((0, eval)("6 * 7")));
            } catch (err) {
              resolve(err.name);
            }
          }, 0),
        );
        await new Promise((r) => setTimeout(r, 100));
        return { fetched, evaluated, violations };
      }),
    );
  }
  console.log(`# workers under the CSP: ${JSON.stringify(results)}`);
  for (const r of results) {
    assert.equal(r.fetched, "TypeError", "the fetch was refused");
    assert.equal(r.evaluated, "EvalError", "eval was refused");
    assert.ok(r.violations.includes("connect-src"), `violations: ${r.violations}`);
    assert.ok(r.violations.includes("script-src"), `violations: ${r.violations}`);
  }
  assert.deepEqual(offMachine, [], "no request left the machine");
  for (const path of ["", "precheck/worker-script.js", "sw.js"]) {
    const headers = await page.evaluate(async (u) => Object.fromEntries((await fetch(u)).headers), server.url + path);
    assert.match(headers["content-security-policy"] || "", /connect-src 'self'/, `${path || "the page"} is served with the policy`);
  }
  await context.close();
});

test("?timeoutMs= in the address changes nothing on the production page", async () => {
  const { page, context } = await openPage({ query: "?timeoutMs=1" });
  assert.equal(await page.evaluate(() => document.querySelector("precheck-widget").timeoutMs), 20000);
  const before = await checksDone(page);
  await page.setInputFiles("input[type=file]", join(FIXTURES, "long_7_pages.pdf"));
  await waitForReport(page, before);
  assert.equal(await page.getAttribute("precheck-widget", "data-state"), "done");
  assert.equal(await page.getAttribute("[data-check='file-format']", "data-status"), "pass");
  await context.close();
});

test("the service worker stores only the page's own files, without their queries", async () => {
  const { page, context } = await openPage();
  await page.waitForFunction(async () => (await navigator.serviceWorker?.ready) != null, null, { timeout: 15000 });
  await page.reload();
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), "the page is controlled");
  const keys = await page.evaluate(async () => {
    for (const u of ["app.js?v=1", "app.js?v=2", "style.css?x", "precheck/package.json?v=1", "precheck/README.md?a", "nothing-here?q=1", "?timeoutMs=5"]) {
      await fetch(u).catch(() => {});
    }
    const names = await caches.keys();
    const entries = {};
    for (const name of names) entries[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    return entries;
  });
  // The page's files, the package's manifest and every script and .wasm it lists (the
  // widget's modules among them), each once and without its query; nothing else.
  const manifest = JSON.parse(await readFile(join(ROOT, "pkg", "package.json"), "utf8"));
  const runtime = manifest.files.filter((f) => /\.(js|wasm)$/.test(f) && !f.endsWith(".min.js")).map((f) => `/precheck/${f}`);
  assert.ok(runtime.includes("/precheck/widget/element.js") && runtime.includes("/precheck/wasm/precheck_bg.wasm"), runtime.join(" "));
  const own = ["/", "/index.html", "/app.js", "/style.css", "/favicon.svg", "/precheck/package.json", ...runtime];
  assert.deepEqual(Object.keys(keys), ["precheck-page-v5"]);
  assert.deepEqual([...keys["precheck-page-v5"]].sort(), [...own].sort());
  await context.close();
});

test("the package on the main thread: after a trap, the next check runs on a fresh instance", async () => {
  const ok = [...(await readFile(join(FIXTURES, "ok_final.pdf")))];
  const { page, context } = await openPage();
  const outcome = await page.evaluate(async (bytes) => {
    const pdf = new Uint8Array(bytes);
    const { check, PrecheckCrashedError } = await import("/precheck/index.js");
    const { default: init } = await import("/precheck/wasm/precheck.js");
    const first = (await check(pdf, {})).verdict;
    // What a trap half-way through a call leaves: memory in no usable state.
    new Uint8Array((await init()).memory.buffer).fill(0xff);
    const trapped = await check(pdf, {}).then(() => "report", (e) => `${e.name} ${e instanceof PrecheckCrashedError}`);
    const after = await check(pdf, {}).then((r) => r.verdict, (e) => `${e.name}: ${e.message}`);
    return { first, trapped, after };
  }, ok);
  assert.equal(outcome.trapped, "PrecheckCrashedError true");
  assert.equal(outcome.after, outcome.first);
  await context.close();
});

test("the worker client sends an oversized Blob's size alone: never read, never transferred", async () => {
  const { page, context } = await openPage();
  const outcome = await page.evaluate(async () => {
    const { PrecheckWorker, MAX_FILE_BYTES } = await import("/precheck/worker.js");
    const blob = new Blob([new Uint8Array(16)], { type: "application/pdf" });
    const reads = [];
    // A Blob that says it is 2.5 GB and records any attempt to read it.
    Object.defineProperty(blob, "size", { value: 2_500_000_000 });
    for (const m of ["arrayBuffer", "stream", "slice", "text"]) blob[m] = () => (reads.push(m), Promise.reject(new Error("read")));
    const sent = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, transfer) {
      sent.push({ keys: Object.keys(message).sort(), transferred: (transfer || []).length });
      return post.call(this, message, transfer);
    };
    const worker = new PrecheckWorker();
    try {
      const report = await worker.check(blob, { kind: "paper" });
      const format = report.checks.find((c) => c.id === "file-format");
      return { max: MAX_FILE_BYTES, reads, sent, bytes: report.document.bytes, status: format.status, message: format.message };
    } finally {
      worker.terminate();
      Worker.prototype.postMessage = post;
    }
  });
  assert.equal(outcome.max, 200_000_000);
  assert.deepEqual(outcome.reads, []);
  const checkMessage = outcome.sent.find((m) => m.keys.includes("size"));
  assert.deepEqual(checkMessage, { keys: ["id", "options", "size", "type"], transferred: 0 });
  assert.equal(outcome.bytes, 2_500_000_000);
  assert.equal(outcome.status, "fail");
  assert.match(outcome.message, /200 MB/);
  await context.close();
});
