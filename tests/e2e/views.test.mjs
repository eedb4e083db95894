// The widget's view functions (js/widget/view/*.js) in Chromium, called directly on a
// real report: the core's check of a fixture, made in the page by the package itself.
// Each returns elements; the test reads what they say and where they put the marks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/serve.mjs";
import { ROOT, FIXTURES, CHROMIUM, CHROMIUM_ARGS } from "../pkg/helpers.mjs";


let server;
let browser;
let page;
let context;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // The views are called through a function built from the test's source, which the
  // page's CSP (no unsafe-eval) rightly refuses: this context bypasses it.
  context = await browser.newContext({ serviceWorkers: "block", bypassCSP: true });
  page = await context.newPage();
  // Any page of the site will do: the modules are imported into it.
  await page.goto(new URL("precheck/package.json", server.url).href);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Runs `fn(modules, report)` in the page on the report of `fixture`. */
async function withReport(fixture, options, fn) {
  const bytes = [...(await readFile(join(FIXTURES, fixture)))];
  return page.evaluate(
    async ({ bytes, options, body }) => {
      const { check } = await import("/precheck/index.js");
      const m = {
        ...(await import("/precheck/widget/view/report.js")),
        ...(await import("/precheck/widget/view/maps.js")),
        ...(await import("/precheck/widget/text.js")),
      };
      const report = await check(new Uint8Array(bytes), options);
      return new Function("m", "report", `return (${body})(m, report);`)(m, report);
    },
    { bytes, options, body: fn.toString() },
  );
}

test("renderVerdict and renderCheck say the cause first, with the findings listed and the rest folded", async () => {
  const out = await withReport("margins_narrow.pdf", { kind: "paper", abstract: "Sparse training.", today: "2022-06-01" }, (m, report) => {
    const counts = { fail: 0, warn: 0, pass: 0, skip: 0 };
    for (const c of report.checks) counts[c.status]++;
    const labels = m.kindLabels(m.profileTexts("snn-2022", null));
    const v = m.renderVerdict(report, counts, "paper.pdf", labels);
    const checks = report.checks.map((c, index) => ({ ...c, index }));
    const margins = checks.find((c) => c.id === "margins");
    const li = m.renderCheck(margins, new Map(), 2);
    return {
      verdict: v.dataset.verdict,
      title: v.querySelector(".verdict-title").textContent,
      what: v.querySelector(".verdict-what").textContent,
      status: li.dataset.status,
      badge: li.querySelector(".badge").textContent,
      listed: li.querySelectorAll(":scope .check-main > .findings > li").length,
      more: li.querySelector("details.more summary")?.textContent ?? null,
      findings: margins.findings.length,
      hint: li.querySelector(".check-hint").textContent.startsWith("How to fix: "),
    };
  });
  assert.equal(out.verdict, "fail");
  assert.equal(out.title, "Not ready yet: 1 check fails");
  assert.equal(out.what, "paper.pdf · Paper");
  assert.deepEqual([out.status, out.badge, out.hint], ["fail", "Fail", true]);
  assert.equal(out.listed, 2, "two shown");
  assert.equal(out.more, `Show ${out.findings - 2} more`);
});

test("renderChanges says what moved between two reports of one file", async () => {
  const out = await withReport("margins_narrow.pdf", { kind: "paper", today: "2022-06-01" }, (m, report) => {
    const before = { ...report, checks: report.checks.map((c) => (c.id === "margins" ? { ...c, status: "pass", findings: [] } : c)) };
    const same = m.renderChanges({ report, name: "p.pdf", same: true }, report);
    const moved = m.renderChanges({ report: before, name: "p.pdf", same: false }, report);
    return {
      none: same.querySelector(".changes-none")?.textContent,
      moved: [...moved.querySelectorAll("[data-change]")].map((li) => [li.dataset.change, li.dataset.from, li.dataset.to, li.textContent]),
    };
  });
  assert.equal(out.none, "The file has not changed, and neither has any check's result.");
  assert.deepEqual(out.moved, [["margins", "pass", "fail", "Margins now fails (it passed)."]]);
});

test("renderPageIndex groups pages of one status; renderMap draws the page's lines and its marks", async () => {
  const out = await withReport("margins_figure_bleed.pdf", { kind: "paper", layout: true, today: "2022-06-01" }, (m, report) => {
    const index = m.renderPageIndex(["clean", "clean", "warn", "fail", "fail", "clean"]);
    const checks = report.checks.map((c, index) => ({ ...c, index }));
    const drawn = m.collectDrawn(report, checks);
    const page = [...drawn.byPage.keys()][0];
    const items = drawn.byPage.get(page);
    const map = report.layout[page - 1];
    const li = m.renderMap(page, report.document, items, map, false);
    return {
      index: [...index.querySelectorAll("button")].map((b) => [b.dataset.open, b.textContent, b.dataset.label]),
      page,
      marks: li.querySelectorAll("rect.mark").length,
      items: items.length,
      lines: li.querySelectorAll("text.line, .line").length,
      mapLines: map.lines.filter((l) => l.text).length,
      label: li.querySelector(".visually-hidden").textContent,
      hidden: li.querySelector("svg").getAttribute("aria-hidden"),
      stops: [...li.querySelectorAll("button, a, [tabindex]")].length,
    };
  });
  assert.deepEqual(out.index, [
    ["1", "Pages 1–2: nothing outside the block", "Pages 1–2: nothing outside the block"],
    ["3", "Page 3: warning", "Page 3: warning"],
    ["4", "Pages 4–5: fails", "Pages 4–5: fails"],
    ["6", "Page 6: nothing outside the block", "Page 6: nothing outside the block"],
  ]);
  assert.equal(out.marks, out.items, "one mark per finding drawn");
  assert.ok(out.lines > 0 && out.lines >= out.mapLines, `${out.lines} lines drawn of ${out.mapLines}`);
  assert.match(out.label, new RegExp(`^Page ${out.page}: \\d+ failing marks?, \\d+ warnings?\\. Open it enlarged\\.$`));
  assert.equal(out.hidden, "true", "the drawing is hidden from screen readers: the button's words say it");
  assert.equal(out.stops, 1, "one tab stop per map");
});

test("a name from the PDF is shown isolated: a bidi override in it cannot turn the widget's words", async () => {
  const out = await withReport("ok_final.pdf", { kind: "paper", today: "2022-06-01" }, (m) => {
    const c = { id: "font-family", title: "Body font", status: "fail", message: "x", findings: [{ text: "Evil\u202Egnp.exe", page: 1 }], index: 0 };
    const f = m.renderFinding(c, c.findings[0], 0, new Map());
    const q = f.querySelector("q bdi");
    return { bdi: Boolean(q), text: q && q.textContent, label: m.findingLabel(c, c.findings[0]) };
  });
  assert.equal(out.bdi, true);
  assert.equal(out.text, "Evil\u202Egnp.exe");
  assert.equal(out.label, "Body font fails: “\u2068Evil\u202Egnp.exe\u2069”");
});
