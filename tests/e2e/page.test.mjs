// End to end: the real page (www/) on the real package (pkg/, `make pkg`) in Debian's
// headless Chromium, driven by playwright-core. Screenshots go to tests/artifacts/e2e/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/serve.mjs";
import { ROOT, FIXTURES, EXPECTED as expected, CHROMIUM, CHROMIUM_ARGS } from "../pkg/helpers.mjs";
import { check } from "../../pkg/index.js";

const ARTIFACTS = join(ROOT, "tests/artifacts/e2e");

let server;
let browser;

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page that records every request it makes. */
async function openPage({ colorScheme = "light", query = "" } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url + query);
  // The checker is loaded (its WebAssembly compiled) before anything is dropped, so the
  // timing below is drop to report, as an author sees it.
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  return { page, context, requests, errors };
}

/** How many checks the page has completed (the page counts them in body[data-checks]). */
async function completed(page) {
  return Number(await page.evaluate(() => document.body.dataset.checks || 0));
}

/** Drops a fixture through the file input and waits for its report. */
async function drop(page, name) {
  const before = await completed(page);
  await page.setInputFiles("input[type=file]", join(FIXTURES, name));
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout: 30000 });
}

async function renderedStatuses(page) {
  return page.$$eval("[data-check]", (rows) => Object.fromEntries(rows.map((r) => [r.dataset.check, r.dataset.status])));
}

async function engineStatuses(name, options) {
  const report = await check(await readFile(join(FIXTURES, name)), options);
  return { report, statuses: Object.fromEntries(report.checks.map((c) => [c.id, c.status])) };
}

function offMachine(requests) {
  return requests.filter((u) => {
    const url = new URL(u);
    return !(url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1");
  });
}

for (const name of ["ok_final.pdf", "margins_narrow.pdf", "margins_figure_bleed.pdf", "paper_a4.pdf", "long_5_pages.pdf"]) {
  test(`${name}: the page shows the engine's statuses, a map per page and located findings`, async () => {
    const { page, context, requests, errors } = await openPage();
    const abstractText = await readFile(join(FIXTURES, expected[name].abstract), "utf8");
    await page.fill("textarea[name=abstract]", abstractText);
    await drop(page, name);
    const shown = await renderedStatuses(page);
    const today = new Date().toISOString().slice(0, 10);
    const { report, statuses } = await engineStatuses(name, { abstract: abstractText, kind: "paper", today });
    assert.deepEqual(shown, statuses);
    for (const [id, status] of Object.entries(expected[name].expect)) assert.equal(shown[id], status, id);
    assert.equal(await page.getAttribute("[data-verdict]", "data-verdict"), report.verdict);
    assert.equal(await page.locator("svg[data-page]").count(), report.document.pages);
    const located = report.checks.flatMap((c) => (c.findings || []).filter((f) => f.bbox));
    const drawn = await page.locator("svg[data-page] [data-finding]").count();
    if (name.startsWith("margins_")) assert.ok(drawn > 0, "margin findings are drawn");
    assert.ok(drawn >= Math.min(located.length, 1), `${drawn} drawn for ${located.length} located findings`);
    const ms = await page.evaluate(() => document.body.dataset.lastCheckMs);
    console.log(`# ${name}: drop to report ${ms} ms in headless Chromium`);
    await page.screenshot({ path: join(ARTIFACTS, `${name.replace(".pdf", "")}.png`), fullPage: true });
    assert.deepEqual(offMachine(requests), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const [label, viewport] of [["desktop 1280×800", { width: 1280, height: 800 }], ["phone 390×844", { width: 390, height: 844 }]]) {
  test(`${label}: after a drop the verdict is in view and focused`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
    await drop(page, "margins_narrow.pdf");
    // Scrolling may be smooth: wait until it lands.
    await page.waitForFunction(() => {
      const host = document.querySelector("precheck-widget");
      const v = host && host.shadowRoot && host.shadowRoot.querySelector("[data-verdict]");
      if (!v) return false;
      const r = v.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, null, { timeout: 5000 });
    const focused = await page.evaluate(() => document.querySelector("precheck-widget").shadowRoot.activeElement?.dataset.verdict);
    assert.equal(focused, "fail");
    await page.screenshot({ path: join(ARTIFACTS, `verdict_in_view_${viewport.width}.png`) });
    await context.close();
  });
}

test("Copy report gives Markdown with every check's status; print hides the form", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  await drop(page, "margins_narrow.pdf");
  await page.click("[data-action=copy]");
  await page.waitForFunction(() => document.querySelector("precheck-widget").shadowRoot.querySelector(".action-done")?.textContent);
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const { report } = await engineStatuses("margins_narrow.pdf", { kind: "paper" });
  assert.match(markdown, /^## precheck: Not ready: a check fails — margins_narrow\.pdf/);
  const word = { fail: "❌ fail", warn: "⚠️ warning", pass: "✅ pass", skip: "➖ not checked" };
  for (const c of report.checks) {
    assert.ok(markdown.includes(`| ${c.title} | ${word[c.status]} |`), `${c.id} ${c.status} in:\n${markdown}`);
  }
  assert.match(markdown, /\*\*Margins\*\*, page \d+/);
  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() => {
    const root = document.querySelector("precheck-widget").shadowRoot;
    return getComputedStyle(root.querySelector(".inputs")).display;
  });
  assert.equal(hidden, "none");
  await page.pdf({ path: join(ARTIFACTS, "report_print.pdf") });
  await context.close();
});

test("checks that could not run on an unreadable file say not checked", async () => {
  const { page, context } = await openPage();
  await drop(page, "encrypted_password.pdf");
  const badge = await page.locator('[data-check="margins"] .badge').textContent();
  assert.equal(badge, "Not checked");
  await context.close();
});

test("each page map draws the page's own lines, images and drawings from the engine's layout", async () => {
  const { page, context, errors } = await openPage();
  await drop(page, "margins_figure_bleed.pdf");
  const report = await check(await readFile(join(FIXTURES, "margins_figure_bleed.pdf")), { kind: "paper", layout: true });
  assert.ok(report.layout && report.layout.length === report.document.pages);
  for (const map of report.layout) {
    const sel = `svg[data-page="${map.page}"] .content`;
    assert.equal(await page.locator(`${sel} text.line`).count(), map.lines.length, `page ${map.page} lines`);
    assert.equal(await page.locator(`${sel} rect.image`).count(), map.images.length, `page ${map.page} images`);
    assert.equal(await page.locator(`${sel} rect.drawing`).count(), map.drawings.length, `page ${map.page} drawings`);
  }
  const first = report.layout[0].lines.find((l) => l.text);
  const texts = await page.locator('svg[data-page="1"] text.line').allTextContents();
  assert.ok(texts.includes(first.text), `page 1 shows "${first.text}"`);
  await page.locator('svg[data-page="1"]').screenshot({ path: join(ARTIFACTS, "map_page1_content.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the abstract, kind and date survive a second file and a failed check", async () => {
  const { page, context, requests } = await openPage();
  const abstractText = "Sparse-to-dense training works. We prune 90% of weights — and it works.";
  await page.fill("textarea[name=abstract]", abstractText);
  await page.selectOption("select[name=kind]", "position");
  await page.fill("input[name=first-public]", "2022-01-15");
  await drop(page, "ok_final.pdf");
  await drop(page, "encrypted_password.pdf");
  assert.equal(await page.getAttribute("[data-check='file-format']", "data-status"), "fail");
  await drop(page, "paper_a4.pdf");
  assert.equal(await page.inputValue("textarea[name=abstract]"), abstractText);
  assert.equal(await page.inputValue("select[name=kind]"), "position");
  assert.equal(await page.inputValue("input[name=first-public]"), "2022-01-15");
  // A position paper only warns on format.
  assert.equal(await page.getAttribute("[data-check='page-size']", "data-status"), "warn");
  assert.equal(await page.getAttribute("[data-check='recency']", "data-status"), "pass");
  assert.deepEqual(offMachine(requests), []);
  await context.close();
});

test("a compliant paper that is not public yet is ready to submit", async () => {
  const { page, context, requests, errors } = await openPage();
  await page.fill("textarea[name=abstract]", await readFile(join(FIXTURES, "ok_final.abstract.txt"), "utf8"));
  await page.check("input[name=not-yet]");
  assert.equal(await page.isDisabled("input[name=first-public]"), true, "a date and 'not public yet' exclude each other");
  await drop(page, "ok_final.pdf");
  assert.equal(await page.getAttribute("[data-check='recency']", "data-status"), "pass");
  assert.match(await page.textContent("[data-check='recency'] .check-message"), /not public yet/i);
  assert.match(await page.textContent(".verdict"), /Ready to submit/);
  await page.screenshot({ path: join(ARTIFACTS, "ok_final-not-yet.png") });
  assert.deepEqual(offMachine(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the live word count is the engine's", async () => {
  const { page, context } = await openPage();
  // The count lives in the widget's shadow root (Playwright's CSS selectors pierce it).
  const words = (n) => page.waitForSelector(`#abstract-count[data-words="${n}"]`, { timeout: 10000 });
  await page.fill("textarea[name=abstract]", "$\\ell_1$ and $\\|w\\|_0 \\le k$ penalties");
  await words(4);
  await page.fill("textarea[name=abstract]", "稀疏网络 works");
  await words(5);
  assert.match(await page.textContent("#abstract-count"), /\b5 words\b/);
  await context.close();
});

test("a blog post is checked without a PDF", async () => {
  const { page, context } = await openPage();
  const before = await completed(page);
  await page.selectOption("select[name=kind]", "blog");
  await page.fill("textarea[name=abstract]", "A short abstract about sparse training.");
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout: 30000 });
  const shown = await renderedStatuses(page);
  assert.deepEqual(Object.keys(shown).sort(), ["abstract-length", "recency"]);
  await context.close();
});

test("once loaded, the page checks a PDF offline", async () => {
  const { page, context } = await openPage();
  await page.waitForFunction(async () => (await navigator.serviceWorker?.ready) != null, null, { timeout: 15000 });
  // The first load happened before the service worker controlled the page: load again.
  await page.reload();
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  await page.fill("textarea[name=abstract]", "Sparse training, offline.");
  await drop(page, "paper_a4.pdf");
  assert.equal(await page.getAttribute("[data-check='page-size']", "data-status"), "fail");
  await context.close();
});

test("a check past its time budget: the worker is replaced, the author told, the inputs kept", async () => {
  const { page, context } = await openPage();
  // A budget of 1 ms, set as a host page sets it: the widget's timeout-ms attribute.
  await page.evaluate(() => document.querySelector("precheck-widget").setAttribute("timeout-ms", "1"));
  const abstractText = "Sparse training under a tight budget.";
  await page.fill("textarea[name=abstract]", abstractText);
  await page.selectOption("select[name=kind]", "position");
  await page.setInputFiles("input[type=file]", join(FIXTURES, "long_7_pages.pdf"));
  await page.waitForSelector("precheck-widget[data-state=error]", { timeout: 30000 });
  const status = await page.textContent("#status");
  assert.match(status, /longer than/);
  assert.match(status, /inputs are kept/);
  assert.ok(await page.isVisible("#retry"), "a Check again button is offered");
  assert.equal(await page.inputValue("textarea[name=abstract]"), abstractText);
  assert.equal(await page.inputValue("select[name=kind]"), "position");
  await context.close();
});

// A test worker in place of the package's (nothing test-only ships): the real worker
// script, whose checks of an abstract holding "[trap]" fail as a trapped WebAssembly
// instance's do. The package's worker-script.js is served at ?real.
const TRAP_WORKER = `import "./worker-script.js?real";
const real = self.onmessage;
self.onmessage = (event) => {
  const d = event.data || {};
  if (d.type === "check" && String(d.options && d.options.abstract).includes("[trap]")) throw new WebAssembly.RuntimeError("unreachable");
  return real(event);
};`;

test("a worker that traps is replaced; Try again works and the inputs are kept", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  await context.route(/\/worker-script\.js$/, (route) => route.fulfill({ contentType: "text/javascript", body: TRAP_WORKER }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  await drop(page, "ok_final.pdf");
  const abstractText = "Sparse training that survives a trap. [trap]";
  await page.fill("textarea[name=abstract]", abstractText);
  await page.waitForSelector("precheck-widget[data-state=error]", { timeout: 30000 });
  // One sentence for the author, not the error's own message inside another.
  const status = await page.textContent("#status");
  assert.match(status, /^The checker stopped unexpectedly and has been restarted\. Your inputs are kept/);
  assert.equal(status.match(/stopped unexpectedly/g).length, 1, status);
  assert.equal(await page.inputValue("textarea[name=abstract]"), abstractText);
  // The author edits the abstract: no check runs by itself after a crash until asked.
  const fixed = "Sparse training that survives a trap.";
  await page.fill("textarea[name=abstract]", fixed);
  await page.waitForFunction(() => /Press “Try again”/.test(document.querySelector("precheck-widget").shadowRoot.getElementById("status").textContent));
  const before = await completed(page);
  await page.click("#retry");
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout: 30000 });
  assert.equal(await page.getAttribute("[data-check='file-format']", "data-status"), "pass");
  assert.equal(await page.inputValue("textarea[name=abstract]"), fixed);
  assert.deepEqual(errors, []);
  await context.close();
});

test("under a dark system the page and its widget (theme=auto) are dark, and light under a light one", async () => {
  const surface = (page) =>
    page.evaluate(() => {
      const w = document.querySelector("precheck-widget");
      return [getComputedStyle(document.body).backgroundColor, getComputedStyle(w.shadowRoot.querySelector(".card")).backgroundColor];
    });
  const { page, context } = await openPage({ colorScheme: "dark" });
  await page.fill("textarea[name=abstract]", "Sparse training.");
  await drop(page, "margins_narrow.pdf");
  assert.deepEqual(await surface(page), ["rgb(15, 18, 23)", "rgb(23, 27, 34)"]);
  await page.screenshot({ path: join(ARTIFACTS, "margins_narrow-dark.png"), fullPage: true });
  await context.close();
  const light = await openPage({ colorScheme: "light" });
  assert.deepEqual(await surface(light.page), ["rgb(245, 246, 248)", "rgb(255, 255, 255)"]);
  await light.context.close();
});
