// The widget in a plain host page, as a venue pastes it: tests/pkg/host.html (one script
// tag, one <precheck-widget>) served from 127.0.0.1 with the packed, installed package
// mounted where its script tag points. In headless Chromium each fixture goes into the
// widget's file input inside its open shadow root; the statuses shown equal the native
// CLI's, the precheck-report event reaches the host page with the report as its detail,
// and no request leaves 127.0.0.1 (nor goes anywhere but the page and the package's files).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { join, posix } from "node:path";
import { chromium } from "playwright-core";
import {
  ROOT, FIXTURES, EXPECTED, FIXTURE_NAMES, CHROMIUM, CHROMIUM_ARGS, pack, installInto, tempDir, exists,
  nativeStatuses, serveStatic, offMachine, recordingContext,
} from "./helpers.mjs";

const HOST = join(ROOT, "tests/pkg/host.html");
const WIDGET = "precheck-widget";

let missing = null;
let packed;
let project;
let site;
let server;
let browser;
let mount;

before(async () => {
  if (!(await exists(HOST))) missing = "tests/pkg/host.html is not written yet";
  else if (!(await exists(join(ROOT, "pkg/widget.js")))) missing = "pkg/widget.js is not built (js/widget.js missing, or `make pkg` not run)";
  if (missing) return;
  packed = await pack();
  project = await installInto(packed.tarball, "host");
  // The host page as a venue has it, at /host.html; the package where its script tag points.
  site = await tempDir("host-site");
  const html = await readFile(HOST, "utf8");
  const src = /<script[^>]*\bsrc=["']([^"']*widget\.js)["']/i.exec(html)?.[1];
  assert.ok(src, "host.html loads widget.js with a <script src>");
  const widgetPath = new URL(src, "http://127.0.0.1/host.html").pathname;
  mount = posix.dirname(widgetPath).replace(/\/?$/, "/");
  assert.notEqual(mount, "/", "host.html's widget.js is in a folder of its own (e.g. /precheck/widget.js)");
  await mkdir(site.dir, { recursive: true });
  await copyFile(HOST, join(site.dir, "host.html"));
  server = await serveStatic([[mount, project.pkgDir], ["/", site.dir]]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.cleanup();
  await project?.cleanup();
  await packed?.cleanup();
});

test("host.html: one script tag and one <precheck-widget>", async (t) => {
  if (missing) return t.skip(missing);
  const html = (await readFile(HOST, "utf8")).replace(/<!--[\s\S]*?-->/g, "");
  assert.equal((html.match(/<script\b/gi) || []).length, 1, "one script tag");
  assert.equal((html.match(/<precheck-widget\b/gi) || []).length, 1, "one <precheck-widget>");
});

test("the widget in the host page checks every fixture: statuses equal the native CLI's, the precheck-report event reaches the page, nothing off 127.0.0.1", async (t) => {
  if (missing) return t.skip(missing);
  const { context, requests, errors } = await recordingContext(browser);
  const page = await context.newPage();
  // Listen before anything can be checked: on the document (the event bubbles out of the
  // shadow root and the element) and on the element itself.
  await page.addInitScript(() => {
    window.__reports = [];
    window.__elementReports = 0;
    document.addEventListener("precheck-report", (e) => {
      window.__reports.push({ detail: e.detail, target: e.target && e.target.localName, composed: e.composed });
    });
    customElements.whenDefined("precheck-widget").then(() => {
      document.querySelector("precheck-widget")?.addEventListener("precheck-report", () => window.__elementReports++);
    });
  });
  await page.goto(`${server.url}host.html`);
  await page.waitForFunction((tag) => {
    const el = document.querySelector(tag);
    return el && el.shadowRoot && ["idle", "done"].includes(el.dataset.state);
  }, WIDGET, { timeout: 30000 });

  for (const name of FIXTURE_NAMES) {
    await t.test(name, async () => {
      const { kind, abstract } = EXPECTED[name];
      const size = (await stat(join(FIXTURES, name))).size;
      await page.selectOption(`${WIDGET} select[name=kind]`, kind);
      await page.fill(`${WIDGET} textarea[name=abstract]`, await readFile(join(FIXTURES, abstract), "utf8"));
      await page.setInputFiles(`${WIDGET} input[type=file]`, join(FIXTURES, name));
      // Done when the latest report is this file's, with this kind, and nothing is running.
      await page.waitForFunction(({ tag, size, kind }) => {
        const el = document.querySelector(tag);
        const last = window.__reports.at(-1)?.detail;
        return el.dataset.state === "done" && last && last.document.bytes === size && last.kind === kind;
      }, { tag: WIDGET, size, kind }, { timeout: 60000 });
      const shown = await page.$$eval(`${WIDGET} [data-check]`, (rows) => rows.map((r) => [r.dataset.check, r.dataset.status]));
      const verdict = await page.getAttribute(`${WIDGET} [data-verdict]`, "data-verdict");
      const last = await page.evaluate(() => window.__reports.at(-1));
      const native = await nativeStatuses(name);
      assert.equal(new Set(shown.map(([id]) => id)).size, shown.length, "one row per check");
      assert.deepEqual(Object.fromEntries(shown), native, "statuses shown in the widget");
      assert.deepEqual(Object.fromEntries(last.detail.checks.map((c) => [c.id, c.status])), native, "statuses in the event's detail");
      assert.equal(last.detail.schema, 1);
      assert.equal(last.detail.verdict, verdict, "the event's verdict is the one shown");
      assert.equal(last.target, WIDGET, "the event comes from the element");
      assert.equal(last.composed, true);
    });
  }

  assert.ok(await page.evaluate(() => window.__elementReports) > 0, "a listener on the element hears precheck-report");
  assert.deepEqual(offMachine(requests), [], "requests off 127.0.0.1");
  const paths = [...new Set(requests.map((u) => new URL(u).pathname))];
  const foreign = paths.filter((p) => p !== "/host.html" && p !== "/favicon.ico" && !p.startsWith(mount));
  assert.deepEqual(foreign, [], "requests beyond the host page and the package's own files");
  assert.ok(paths.some((p) => p.startsWith(mount) && p.endsWith(".wasm")), "the .wasm came from next to widget.js");
  assert.deepEqual(errors, [], "page errors");
  await context.close();
});
