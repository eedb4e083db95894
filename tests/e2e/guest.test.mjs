// The widget as a guest on venues' pages, in headless Chromium: host pages written here
// (hostile `*` rules with !important, a Bootstrap-3-like 10 px root, a 600 px column, dark
// and light hosts under a dark system), the widget loaded from another origin through
// tools/serve.mjs (with the CSP a venue would set, and one that refuses WebAssembly), and
// PDFs dropped beside it. Sizes and colours are read from computed styles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, PACKAGE_HEADERS } from "../../tools/serve.mjs";
import { ROOT, FIXTURES, CHROMIUM, CHROMIUM_ARGS } from "../pkg/helpers.mjs";

const ARTIFACTS = join(ROOT, "tests/artifacts/e2e");
const LIGHT_BG = "rgb(245, 246, 248)";
const DARK_BG = "rgb(15, 18, 23)";

let site; // serves the page and the package: the widget's own origin
let venue; // a second origin, where the venue's pages are
let browser;
const venuePages = new Map(); // path → { html, headers }

/**
 * The venue's own site: a real server on another port (a page fulfilled by a Playwright
 * route has no address, so Chromium would treat it as public and refuse it the loopback).
 */
function startVenue() {
  const server = createServer((req, res) => {
    const page = venuePages.get(new URL(req.url, "http://x").pathname);
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...page.headers });
    res.end(page.html);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) }));
  });
}

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  site = await startServer({ port: 0 });
  venue = await startVenue();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await venue?.close();
});

/** A venue's page: its own styles, one script tag, one <precheck-widget>. */
function hostPage({ css = "", widget = "", script = "/precheck/widget.js", before = "", wrap = (w) => w } = {}) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Venue</title>
<style>${css}</style>
<script type="module" src="${script}"></script>
</head><body>
<h1 id="host-title">Submission instructions</h1>
<p id="host-text">Check your PDF before you upload it.</p>
${before}
${wrap(`<precheck-widget profile="snn-2022" ${widget}></precheck-widget>`)}
</body></html>`;
}

/**
 * Opens `html` at `origin`/venue.html (served by a route, with `headers`), waits for the
 * widget to be ready, checks `fixture` through its file input.
 */
async function openHost(html, { origin = site.url, headers = {}, colorScheme = "light", fixture = "margins_figure_bleed.pdf", viewport = { width: 1280, height: 900 }, ready = "idle", onPage } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, serviceWorkers: "block" });
  let url;
  if (origin === venue.url) {
    const path = `/venue-${venuePages.size}.html`;
    venuePages.set(path, { html, headers });
    url = new URL(path, origin).href;
  } else {
    url = new URL("venue.html", origin).href;
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers, body: html }));
  }
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (onPage) onPage(page);
  await page.goto(url);
  await page.waitForFunction((s) => document.querySelector("precheck-widget")?.dataset.state === s, ready, { timeout: 30000 });
  if (fixture) {
    await page.setInputFiles("input[type=file]", join(FIXTURES, fixture));
    await page.waitForFunction(() => document.querySelector("precheck-widget").dataset.state === "done", null, { timeout: 30000 });
  }
  return { page, context, errors };
}

/** The inherited styles of every element in the widget, by its place in the shadow tree. */
function widgetStyles(page) {
  return page.evaluate(() => {
    const out = {};
    const walk = (node, path) => {
      [...node.children].forEach((c, i) => {
        const p = `${path}/${c.localName}${c.id ? `#${c.id}` : ""}[${i}]`;
        const s = getComputedStyle(c);
        out[p] = [s.fontSize, s.lineHeight, s.color, s.fontFamily, s.fontStyle, s.letterSpacing, s.wordSpacing, s.textTransform, s.direction, s.textAlign, s.textShadow].join(" | ");
        walk(c, p);
      });
    };
    walk(document.querySelector("precheck-widget").shadowRoot, "");
    return out;
  });
}

const rootStyle = (page, prop) =>
  page.evaluate((p) => getComputedStyle(document.querySelector("precheck-widget").shadowRoot.querySelector(".root"))[p], prop);
const sizeOf = (page, selector) =>
  page.evaluate((s) => getComputedStyle(document.querySelector("precheck-widget").shadowRoot.querySelector(s)).fontSize, selector);

const HOSTILE = `
* { color: red !important; font-size: 20px !important; letter-spacing: 3px !important; word-spacing: 8px !important;
    line-height: 3 !important; text-transform: uppercase !important; font-family: "DejaVu Serif", serif !important;
    font-style: italic !important; text-align: right !important; text-shadow: 1px 1px red !important; }
html { font-size: 10px; }
body { direction: rtl; }
p, div, span, button, h2, h3, a, li, label, select, textarea, section, dialog {
  background: yellow !important; border: 5px solid red !important; margin: 30px !important; padding: 30px !important; }`;

test("hostile host CSS (* rules, !important, rtl) does not reach inside, and the host keeps its own", async () => {
  const plain = await openHost(hostPage());
  const expected = await widgetStyles(plain.page);
  assert.ok(Object.keys(expected).length > 300, "a report with its maps is shown");
  const hostile = await openHost(hostPage({ css: HOSTILE }));
  const got = await widgetStyles(hostile.page);
  const differ = Object.keys(expected).filter((k) => got[k] !== expected[k]);
  assert.deepEqual(differ.map((k) => [k, expected[k], got[k]]).slice(0, 5), [], `${differ.length} elements styled by the host`);
  // Nothing leaks out: the host's own elements keep the host's styles.
  const host = await hostile.page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("host-text"));
    return [s.color, s.fontSize, s.textTransform];
  });
  assert.deepEqual(host, ["rgb(255, 0, 0)", "20px", "uppercase"]);
  const mine = await plain.page.evaluate(() => getComputedStyle(document.getElementById("host-title")).fontFamily);
  assert.doesNotMatch(mine, /system-ui/, "the widget's font does not reach the page");
  await hostile.page.screenshot({ path: join(ARTIFACTS, "guest_hostile.png") });
  assert.deepEqual([...plain.errors, ...hostile.errors], []);
  await plain.context.close();
  await hostile.context.close();
});

test("a 10 px root (Bootstrap 3, the 62.5 % pattern) leaves every size as it is; --precheck-font-size scales them all", async () => {
  const plain = await openHost(hostPage());
  const bootstrap = await openHost(hostPage({ css: `html { font-size: 10px; } body { font: 14px/1.42857 "Helvetica Neue", Helvetica, Arial, sans-serif; color: #333; }` }));
  const a = await widgetStyles(plain.page);
  const b = await widgetStyles(bootstrap.page);
  const differ = Object.keys(a).filter((k) => a[k].split(" | ")[0] !== b[k].split(" | ")[0]);
  assert.deepEqual(differ.slice(0, 5), [], `${differ.length} font sizes follow the host's root`);
  // The sizes themselves: the base, the verdict's title (1.35 em), a finding (0.92 em), a map's caption (0.88 em).
  const sizes = async (page) => Promise.all([".root", ".verdict-title", ".findings", ".map figcaption"].map((s) => sizeOf(page, s)));
  assert.deepEqual(await sizes(bootstrap.page), ["16px", "21.6px", "14.72px", "14.08px"]);
  const larger = await openHost(hostPage({ css: `html { font-size: 10px; } precheck-widget { --precheck-font-size: 20px; }` }));
  assert.deepEqual(await sizes(larger.page), ["20px", "27px", "18.4px", "17.6px"]);
  // Spacing follows the same base: a card's padding is 22 px at 16 px, 27.5 px at 20 px.
  const padding = (page) => page.evaluate(() => getComputedStyle(document.querySelector("precheck-widget").shadowRoot.querySelector(".card")).paddingTop);
  assert.equal(await padding(bootstrap.page), "22px");
  assert.equal(await padding(larger.page), "27.5px");
  await bootstrap.page.screenshot({ path: join(ARTIFACTS, "guest_bootstrap_root10.png") });
  for (const p of [plain, bootstrap, larger]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test("in a 600 px column the widget fits: nothing wider than the column, inputs stacked", async () => {
  const { page, context, errors } = await openHost(hostPage({ css: `.col { width: 600px; margin: 0 auto; }`, wrap: (w) => `<div class="col">${w}</div>` }));
  const fit = await page.evaluate(() => {
    const host = document.querySelector("precheck-widget");
    const box = host.getBoundingClientRect();
    const wider = [...host.shadowRoot.querySelectorAll(".root *")].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1) && !e.closest("dialog, .tip, .visually-hidden");
    });
    const grid = getComputedStyle(host.shadowRoot.querySelector(".input-grid")).gridTemplateColumns.split(" ").length;
    return { width: Math.round(box.width), wider: wider.map((e) => e.className || e.localName).slice(0, 5), grid };
  });
  assert.equal(fit.width, 600);
  assert.deepEqual(fit.wider, []);
  assert.equal(fit.grid, 1, "the inputs stack in one column");
  // Every page's map is drawn, two to a row, each inside the column.
  const maps = await page.locator("li.map").evaluateAll((ms) => ms.map((m) => Math.round(m.getBoundingClientRect().width)));
  assert.equal(maps.length, 5);
  assert.ok(maps.every((w) => w > 150 && w < 300), `map widths ${maps}`);
  await page.locator("[part=maps]").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, "guest_column600.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("theme: light by default whatever the system; auto follows the host page's color-scheme; dark when asked", async () => {
  const cases = [
    // [host CSS, widget attributes, the system's scheme, expected background]
    ["", "", "dark", LIGHT_BG], // a light page under a dark system: no black slab
    ["", `theme="auto"`, "dark", LIGHT_BG], // the page declares no dark scheme
    [":root { color-scheme: dark; } body { background: #111; color: #eee; }", `theme="auto"`, "light", DARK_BG],
    [":root { color-scheme: dark; } body { background: #111; color: #eee; }", "", "light", LIGHT_BG],
    [":root { color-scheme: light dark; }", `theme="auto"`, "dark", DARK_BG],
    [":root { color-scheme: light dark; }", `theme="auto"`, "light", LIGHT_BG],
    ["", `theme="dark"`, "light", DARK_BG],
    [":root { color-scheme: dark; }", `theme="light"`, "dark", LIGHT_BG],
  ];
  for (const [css, widget, colorScheme, bg] of cases) {
    const { page, context, errors } = await openHost(hostPage({ css, widget }), { colorScheme, fixture: null });
    assert.equal(await rootStyle(page, "backgroundColor"), bg, `${css || "no CSS"} · ${widget || "no theme"} · system ${colorScheme}`);
    // The text is readable on it: light on dark, dark on light.
    const [r] = (await rootStyle(page, "color")).match(/\d+/g).map(Number);
    assert.ok(bg === DARK_BG ? r > 200 : r < 60, `text colour ${await rootStyle(page, "color")} on ${bg}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  const dark = await openHost(hostPage({ css: ":root { color-scheme: dark; } body { background: #111; color: #eee; }", widget: `theme="auto"` }));
  await dark.page.screenshot({ path: join(ARTIFACTS, "guest_dark_host.png") });
  await dark.context.close();
});

test("the server sends the package with CORS headers, and answers a preflight", async () => {
  for (const path of ["precheck/widget.js", "precheck/widget/element.js", "precheck/worker-script.js", "precheck/wasm/precheck_bg.wasm"]) {
    const res = await fetch(new URL(path, site.url), { headers: { origin: venue.url.replace(/\/$/, "") } });
    assert.equal(res.status, 200, path);
    for (const [k, v] of Object.entries(PACKAGE_HEADERS)) assert.equal(res.headers.get(k), v, `${path}: ${k}`);
    assert.ok(res.headers.get("content-security-policy"), `${path}: the CSP header too`);
  }
  const page = await fetch(site.url);
  assert.equal(page.headers.get("access-control-allow-origin"), null, "the page itself is not shared");
  const preflight = await fetch(new URL("precheck/widget.js", site.url), { method: "OPTIONS" });
  assert.equal(preflight.status, 204);
});

for (const script of ["widget.js", "widget.min.js"]) {
  test(`from another origin, under the venue's strict CSP: ${script} starts and checks`, async () => {
    const from = site.url.replace(/\/$/, "");
    const csp = `default-src 'none'; script-src ${from} 'wasm-unsafe-eval'; worker-src blob:; connect-src ${from}; style-src 'unsafe-inline'`;
    const html = hostPage({ script: `${from}/precheck/${script}`, widget: `fallback-url="https://example.org/precheck/"` });
    const requested = [];
    const { page, context, errors } = await openHost(html, { origin: venue.url, headers: { "content-security-policy": csp }, onPage: (p) => p.on("request", (r) => requested.push(new URL(r.url()).pathname)) });
    assert.notEqual(new URL(page.url()).origin, new URL(site.url).origin, "the host page is on another origin");
    assert.equal(await page.getAttribute("[data-check=margins]", "data-status"), "fail");
    assert.equal(await page.getAttribute("[data-verdict]", "data-verdict"), "fail");
    assert.match(await page.textContent("#status"), /^Checked in \d+ ms\./);
    // What the page loads for the widget (the workers load worker-script.js, index.js and the wasm).
    const modules = requested.filter((p) => p.startsWith("/precheck/") && p.endsWith(".js") && !/worker-script\.js$|\/index\.js$|\/wasm\//.test(p));
    if (script === "widget.min.js") assert.deepEqual(modules, ["/precheck/widget.min.js"], "one file for the widget");
    else assert.ok(modules.length > 5, `the readable modules: ${modules}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("when the checker cannot start (a CSP without 'wasm-unsafe-eval') it says why, with the fallback link", async () => {
  const from = site.url.replace(/\/$/, "");
  const csp = `default-src 'none'; script-src ${from}; worker-src blob:; connect-src ${from}; style-src 'unsafe-inline'`;
  const html = hostPage({ script: `${from}/precheck/widget.js`, widget: `fallback-url="https://example.org/precheck/"` });
  const { page, context } = await openHost(html, { origin: venue.url, headers: { "content-security-policy": csp }, fixture: null, ready: "error" });
  const status = await page.textContent("#status");
  assert.match(status, /^The checker could not start: this page's security policy does not allow it to run\. Check your submission on the workshop's page instead\.$/);
  assert.equal(await page.getAttribute("#status a[data-fallback]", "href"), "https://example.org/precheck/");
  await page.locator("[part=inputs]").screenshot({ path: join(ARTIFACTS, "guest_cannot_start.png") });
  await context.close();
});

/** Drags a PDF from the system onto the page at (x, y), as the browser gets it (CDP). */
async function dropFile(page, context, x, y, file = join(FIXTURES, "ok_final.pdf")) {
  const cdp = await context.newCDPSession(page);
  const data = { items: [], files: [file], dragOperationsMask: 1 };
  // The renderer answers a dragOver (whether the page takes the drop) asynchronously; a
  // drop sent before that answer is a cancelled drag. A pause after each lets it answer.
  for (const type of ["dragEnter", "dragOver", "drop"]) {
    await cdp.send("Input.dispatchDragEvent", { type, x, y, data });
    await new Promise((r) => setTimeout(r, 50));
  }
  await cdp.detach();
}

test("catch-drops: a PDF dropped beside the widget is checked, the page stays; a venue's own drop zone keeps its drops", async () => {
  const zone = `<div id="zone" style="height:120px">The venue's upload zone</div>
<script type="module">
const zone = document.getElementById("zone");
zone.addEventListener("dragover", (e) => e.preventDefault());
zone.addEventListener("drop", (e) => { e.preventDefault(); zone.dataset.got = e.dataTransfer.files[0].name; });
</script>`;
  const html = hostPage({ widget: "catch-drops", before: zone, css: "#host-text { height: 80px; }" });
  const { page, context, errors } = await openHost(html, { fixture: null });
  const url = page.url();
  // Where an element is on screen (the report scrolls its verdict into view: scroll back).
  const at = (id) => page.evaluate((i) => {
    document.getElementById(i).scrollIntoView({ block: "center", behavior: "instant" });
    const r = document.getElementById(i).getBoundingClientRect();
    return [Math.round(r.left + 20), Math.round(r.top + r.height / 2)];
  }, id);
  // Beside the widget (on the page's text): checked, and the page is still there.
  await dropFile(page, context, ...(await at("host-text")));
  await page
    .waitForFunction(() => document.querySelector("precheck-widget").dataset.state === "done", null, { timeout: 30000 })
    .catch(async (err) => {
      const w = await page.evaluate(() => [document.querySelector("precheck-widget").dataset.state, document.querySelector("precheck-widget").shadowRoot.getElementById("status").textContent]);
      throw new Error(`${err.message}: the widget is ${JSON.stringify(w)}`);
    });
  assert.equal(page.url(), url);
  assert.match(await page.textContent("[data-verdict]"), /./);
  // On the venue's own drop zone: the venue's, not the widget's.
  const checks = await page.evaluate(() => document.querySelector("precheck-widget").dataset.checks);
  await dropFile(page, context, ...(await at("zone")));
  await page.waitForFunction(() => document.getElementById("zone").dataset.got === "ok_final.pdf");
  assert.equal(await page.evaluate(() => document.querySelector("precheck-widget").dataset.checks), checks);
  assert.equal(page.url(), url);
  assert.deepEqual(errors, []);
  await context.close();
});

test("without catch-drops the widget leaves drops outside it to the browser", async () => {
  const { page, context } = await openHost(hostPage({ css: "#host-text { height: 80px; }" }), { fixture: null });
  const prevented = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["%PDF-1.4"], "x.pdf", { type: "application/pdf" }));
    const over = new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true });
    document.getElementById("host-text").dispatchEvent(over);
    return over.defaultPrevented;
  });
  assert.equal(prevented, false);
  await context.close();
});
