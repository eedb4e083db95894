// End to end: the report as an author uses it, in Debian's headless Chromium on the real
// package — a finding opens its page enlarged with the object highlighted, keyboard only
// from choosing the file to closing the page, a long paper folded with a page index and
// the summary in view, "Check again" re-reading the file and saying what changed, and
// axe-core on the report and the enlarged page. Screenshots go to tests/artifacts/e2e/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/serve.mjs";
import { ROOT, FIXTURES, CHROMIUM, CHROMIUM_ARGS } from "../pkg/helpers.mjs";
import { check } from "../../pkg/index.js";
import { PdfWriter, stream, TIMES } from "../hostile-js/pdf.mjs";

const ARTIFACTS = join(ROOT, "tests/artifacts/e2e");
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");

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

// bypassCSP: only for axe-core, which the page's CSP (script-src 'self') would refuse.
async function openPage(viewport = { width: 1280, height: 900 }, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector("body[data-state=idle]", { timeout: 30000 });
  return { page, context, errors };
}

const checks = (page) => page.evaluate(() => Number(document.body.dataset.checks || 0));

/** Runs `act` and waits for the report it causes. */
async function reported(page, act) {
  const before = await checks(page);
  await act();
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before, { timeout: 30000 });
}

/** What has focus inside the widget: tag, classes and the data attributes that name it. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.querySelector("precheck-widget").shadowRoot.activeElement;
    return a ? { tag: a.tagName.toLowerCase(), cls: a.className && String(a.className.baseVal ?? a.className), ...a.dataset, type: a.type || "" } : null;
  });
}

/**
 * A paper of `pages` pages of body text (Times 10 pt inside the NeurIPS block) where the
 * pages in `outside` also have a line starting 48 pt left of the block.
 */
function paper(pages, outside) {
  const doc = new PdfWriter();
  const words = "Sparse networks keep most of the accuracy of dense ones at a fraction of the cost".split(" ");
  for (let p = 1; p <= pages; p++) {
    const lines = [];
    for (let i = 0; i < 52; i++) {
      const text = Array.from({ length: 15 }, (_, k) => words[(i * 3 + k + p) % words.length]).join(" ");
      lines.push(`BT /F1 10 Tf 108 ${710 - i * 12} Td (${text}) Tj ET`);
    }
    if (outside.includes(p)) lines.push(`BT /F1 10 Tf 60 300 Td (Page ${p}: this line starts outside the text block.) Tj ET`);
    doc.page({ content: doc.add(stream(lines.join("\n"))), resources: TIMES });
  }
  return Buffer.from(doc.finish());
}

async function axeViolations(page, include) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (sel) => {
    const res = await globalThis.axe.run(sel ? { include: [sel] } : document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5), help: v.help }));
  }, include);
}

test("a finding opens its page enlarged, the object highlighted and its line quoted", async () => {
  const { page, context, errors } = await openPage();
  await reported(page, () => page.setInputFiles("input[type=file]", join(FIXTURES, "margins_narrow.pdf")));
  const link = page.locator("[data-check=margins] [data-goto]").first();
  const goto = await link.getAttribute("data-goto");
  const pageNo = Number(await link.getAttribute("data-page"));
  await link.click();
  assert.equal(await page.locator("dialog.zoom").evaluate((d) => d.open), true, "the enlarged page is open");
  assert.equal(await page.textContent("#zoom-h"), `Page ${pageNo} of ${await page.locator("svg[data-page]").count()}`);
  // The object the finding names is the one highlighted, and its list entry is focused.
  assert.deepEqual(await page.locator("svg[data-zoom-page] [data-mark].current").evaluateAll((ms) => ms.map((m) => m.dataset.mark)), [goto]);
  assert.equal((await focused(page)).select, goto);
  // The line the object is in, quoted whole from the page's own layout.
  const report = await check(await readFile(join(FIXTURES, "margins_narrow.pdf")), { kind: "paper", layout: true });
  const quoted = (await page.locator(".zoom-line p").allTextContents()).map((t) => t.trim());
  const lines = report.layout[pageNo - 1].lines.map((l) => l.text);
  assert.ok(quoted.length > 0 && quoted.every((q) => lines.some((l) => l.startsWith(q.replace(/…$/, "")))), JSON.stringify(quoted));
  // Large enough to read: a 10 pt line is at least 12 px tall on screen.
  const h = await page.locator("svg[data-zoom-page] text.line").first().evaluate((t) => t.getBoundingClientRect().height);
  assert.ok(h >= 12, `a line is ${h} px tall`);
  await page.screenshot({ path: join(ARTIFACTS, "zoom_margins_narrow.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only: choose a file, open a page, step through its marks, turn pages, close", async () => {
  const { page, context, errors } = await openPage();
  // Playwright turns file-chooser interception on without waiting for it: listen
  // before the Tab walk below, so it is on by the time Space opens the picker.
  const chooser = page.waitForEvent("filechooser", { timeout: 60_000 });
  // Tab to the file picker and open it with the keyboard.
  for (let i = 0; i < 40 && (await focused(page))?.type !== "file"; i++) await page.keyboard.press("Tab");
  assert.equal((await focused(page))?.type, "file", "the file picker is reachable with Tab");
  await page.keyboard.press("Space");
  await reported(page, async () => (await chooser).setFiles(join(FIXTURES, "margins_figure_bleed.pdf")));
  // One tab stop per page map: its button, nothing inside.
  const stops = await page.locator("li.map").evaluateAll((maps) =>
    maps.map((m) => [...m.querySelectorAll("button, a, [tabindex]")].filter((x) => x.tabIndex >= 0).length),
  );
  assert.ok(stops.length > 0 && stops.every((n) => n === 1), JSON.stringify(stops));
  // Tab from the verdict (focused after the check) to the first page map that has marks.
  const report = page.evaluate.bind(page);
  const marked = await report(() => [...document.querySelector("precheck-widget").shadowRoot.querySelectorAll("li.map.has-fail, li.map.has-warn")].map((m) => m.dataset.map));
  assert.ok(marked.length > 0);
  for (let i = 0; i < 200; i++) {
    const f = await focused(page);
    if (f && f.open === marked[0] && f.cls.includes("map-open")) break;
    await page.keyboard.press("Tab");
  }
  assert.equal((await focused(page)).open, marked[0]);
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("dialog.zoom").evaluate((d) => d.open), true);
  assert.equal(await page.textContent("#zoom-h"), `Page ${marked[0]} of ${await page.locator("svg[data-page]").count()}`);
  // Tab steps through the marks' list in reading order, each selecting its mark.
  const listed = await page.locator("[data-select]").evaluateAll((bs) => bs.map((b) => b.dataset.select));
  assert.ok(listed.length > 0);
  const tops = await page.locator("[data-select]").evaluateAll((bs) =>
    bs.map((b) => document.querySelector("precheck-widget").shadowRoot.querySelector(`[data-mark="${b.dataset.select}"]`).getBBox().y),
  );
  assert.deepEqual(tops, [...tops].sort((a, b) => a - b), "reading order: top to bottom");
  const reached = [];
  for (let i = 0; i < 10 + listed.length && reached.length < listed.length; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f && f.select) {
      reached.push(f.select);
      assert.deepEqual(await page.locator("[data-mark].current").evaluateAll((ms) => ms.map((m) => m.dataset.mark)), [f.select]);
      assert.notEqual((await page.textContent("#zoom-current")).trim(), "", "the selected mark is described");
    }
  }
  assert.deepEqual(reached, listed);
  await page.screenshot({ path: join(ARTIFACTS, "zoom_keyboard.png") });
  // Arrows turn the pages; Esc closes and focus returns to the map that opened it.
  const total = await page.locator("svg[data-page]").count();
  const start = Number(marked[0]);
  await page.keyboard.press(start < total ? "ArrowRight" : "ArrowLeft");
  const turned = start < total ? start + 1 : start - 1;
  assert.equal(await page.textContent("#zoom-h"), `Page ${turned} of ${total}`);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("dialog.zoom").evaluate((d) => d.open), false);
  const back = await focused(page);
  assert.equal(back.open, marked[0]);
  assert.ok(back.cls.includes("map-open"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a long paper: clean pages folded, a page index that opens any page, the summary in view", async () => {
  const { page, context, errors } = await openPage();
  const pdf = paper(24, [6, 17]);
  // A position paper has no page limit: only the two pages with a line outside have marks.
  const report = await check(pdf, { kind: "position" });
  const margins = report.checks.find((c) => c.id === "margins");
  assert.deepEqual(margins.findings.map((f) => f.page), [6, 17]);
  await page.selectOption("select[name=kind]", "position");
  await reported(page, () => page.setInputFiles("input[type=file]", { name: "long.pdf", mimeType: "application/pdf", buffer: pdf }));
  const runs = await page.locator("[data-run]").evaluateAll((rs) => rs.map((r) => r.dataset.run));
  const drawnPages = await page.locator("svg[data-page]").evaluateAll((ss) => ss.map((s) => Number(s.dataset.page)));
  // Every page is either drawn or inside a folded run, once, in order.
  const covered = [];
  let next = 1;
  for (const p of [...drawnPages, ...runs.map((r) => r.split("-").map(Number))].sort((a, b) => (a[0] ?? a) - (b[0] ?? b))) {
    const [from, to] = Array.isArray(p) ? p : [p, p];
    assert.equal(from, next, `page ${next} is covered`);
    for (let q = from; q <= to; q++) covered.push(q);
    next = to + 1;
  }
  assert.equal(covered.length, 24);
  assert.ok(runs.length >= 2, `runs ${runs}`);
  assert.ok(drawnPages.includes(6) && drawnPages.includes(17), `marked pages drawn: ${drawnPages}`);
  assert.match(await page.textContent("[data-run] button"), /^Pages \d+–\d+: nothing outside the block/);
  // The page index: one entry per run of equal status, failing pages named.
  const index = await page.locator(".page-index [data-open]").evaluateAll((bs) => bs.map((b) => b.textContent));
  assert.ok(index.includes("Page 6: warning") && index.includes("Page 17: warning"), JSON.stringify(index));
  assert.ok(index.length <= 5, JSON.stringify(index));
  // Scrolled to the bottom of the report, the summary strip is still in view.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(100);
  const strip = await page.locator("[data-strip]").boundingBox();
  assert.ok(strip && strip.y >= -1 && strip.y + strip.height <= 900, JSON.stringify(strip));
  await page.screenshot({ path: join(ARTIFACTS, "long_paper_scrolled.png") });
  // The index opens page 17 enlarged.
  await page.locator('.page-index [data-label="Page 17: warning"]').click();
  assert.equal(await page.textContent("#zoom-h"), "Page 17 of 24");
  await page.keyboard.press("Escape");
  // A folded run unfolds into its maps.
  const run = runs[0];
  await page.locator(`[data-run="${run}"] button`).click();
  const [from, to] = run.split("-").map(Number);
  await page.waitForFunction((n) => document.querySelector("precheck-widget").shadowRoot.querySelectorAll(`svg[data-page]`).length >= n, drawnPages.length + (to - from + 1));
  assert.equal(await page.locator(`svg[data-page="${from}"]`).count(), 1);
  assert.equal((await focused(page)).open, String(from), "focus goes to the first unfolded page");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, "long_paper.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("Check again re-reads the file through its handle and says what changed", async () => {
  const { page, context, errors } = await openPage();
  const narrow = (await readFile(join(FIXTURES, "margins_narrow.pdf"))).toString("base64");
  const ok = (await readFile(join(FIXTURES, "ok_final.pdf"))).toString("base64");
  // A real FileSystemFileHandle (the origin's private file system), as a drop gives one.
  const write = (b64) =>
    page.evaluate(async (data) => {
      const dir = await navigator.storage.getDirectory();
      const h = await dir.getFileHandle("paper.pdf", { create: true });
      const w = await h.createWritable();
      await w.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
      await w.close();
      return h;
    }, b64);
  await write(narrow);
  await reported(page, () =>
    page.evaluate(async () => {
      const dir = await navigator.storage.getDirectory();
      await document.querySelector("precheck-widget").checkFile(await dir.getFileHandle("paper.pdf"));
    }),
  );
  assert.equal(await page.getAttribute("[data-check=margins]", "data-status"), "fail");
  assert.equal(await page.locator("[data-changes]").count(), 0, "a first check has nothing to compare");
  // Unchanged on disk: said so.
  await reported(page, () => page.click("[data-action=again]"));
  assert.match(await page.textContent("[data-changes]"), /has not changed/);
  // The author fixes the margins and checks again.
  await write(ok);
  await reported(page, () => page.click("[data-action=again]"));
  assert.equal(await page.getAttribute("[data-check=margins]", "data-status"), "pass");
  assert.equal(await page.getAttribute("[data-changes] [data-change=margins]", "data-from"), "fail");
  assert.match(await page.textContent("[data-changes] [data-change=margins]"), /^Margins now passes \(it failed\)\.$/);
  await page.locator("[data-changes]").screenshot({ path: join(ARTIFACTS, "check_again_changes.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("Check again without a handle asks for the file again, then says what changed", async () => {
  const { page, context, errors } = await openPage();
  const chooser = page.waitForEvent("filechooser", { timeout: 60_000 });
  await reported(page, () => page.setInputFiles("input[type=file]", join(FIXTURES, "margins_narrow.pdf")));
  await page.click("[data-action=again]");
  assert.match(await page.textContent("#status"), /Choose “margins_narrow\.pdf” again/);
  const fixed = await readFile(join(FIXTURES, "ok_final.pdf"));
  await reported(page, async () => (await chooser).setFiles({ name: "margins_narrow.pdf", mimeType: "application/pdf", buffer: fixed }));
  assert.match(await page.textContent("[data-changes] [data-change=margins]"), /now passes/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe-core finds no violation on the report with its maps, nor on the enlarged page", async () => {
  const { page, context, errors } = await openPage(undefined, { bypassCSP: true });
  await page.fill("textarea[name=abstract]", await readFile(join(FIXTURES, "margins_figure_bleed.abstract.txt"), "utf8"));
  await reported(page, () => page.setInputFiles("input[type=file]", join(FIXTURES, "margins_figure_bleed.pdf")));
  assert.deepEqual(await axeViolations(page), []);
  await page.locator("[data-goto]").first().click();
  assert.equal(await page.locator("dialog.zoom").evaluate((d) => d.open), true);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
