// <precheck-widget>: the submission pre-checker as one custom element. A venue pastes
//
//   <script type="module" src="https://…/precheck/widget.js"></script>
//   <precheck-widget profile="snn-2022"></precheck-widget>
//
// and authors drop a PDF, paste the abstract and see the verdict, every check and a map of
// every page read (at most 2000; the maps say which pages were not read). Strings from the
// PDF are shown isolated (<bdi>), so bidi controls in them cannot turn the widget's words.
// The check runs in a Web Worker on the Rust core compiled to WebAssembly; the worker
// script and the .wasm are found next to this file (import.meta.url). Nothing is uploaded:
// the element loads its own files and makes no other request.
//
// Attributes
//   profile      the venue's rules: "snn-2022" (default) or "neurips-2022"; the `profile`
//                property also takes a whole profile object (see `precheck --show-profile`)
//   kind         the initial kind: paper | position | published | poster | blog (the author
//                can still change it)
//   compact      boolean: no page maps and no document facts, a tighter layout
//   timeout-ms   the time budget of one check (default 20000)
//   storage-key  the sessionStorage key that keeps the author's inputs across reloads
//                (default "precheck:<profile>"); "none" keeps nothing
//   theme        "light" | "dark"; by default the widget follows prefers-color-scheme
//   data-state, data-checks, data-last-check-ms  set by the element (read them, don't set
//                them): loading | idle | checking | done | error; the number of reports
//                shown; the time from the file's arrival to its report (ms)
//
// Events (bubbling, composed)
//   precheck-report  detail: the report (see the package's index.d.ts), after each check
//   precheck-error   detail: {name, message}, e.g. InvalidOptionsError, TimeoutError,
//                    WorkerCrashedError (a file too large to read gets its report instead)
//   precheck-count   detail: {words, chars}: the live count of the abstract
//
// CSS custom properties, set on the element or any ancestor (all optional)
//   --precheck-font        the font stack (default: the system UI font; `inherit` takes the page's)
//   --precheck-font-size   the base size (default 16px)
//   --precheck-bg          the widget's background (light #f5f6f8, dark #0f1217)
//   --precheck-surface     the cards' background (light #ffffff, dark #171b22)
//   --precheck-fg          the text (light #1a1e24, dark #e7eaef)
//   --precheck-muted       secondary text (default: derived from fg and surface)
//   --precheck-border      hairlines (default: derived from fg and surface)
//   --precheck-accent      links, buttons, the drop zone (light #1d5fbf, dark #7fb0ff)
//   --precheck-focus       the focus ring (default: the accent)
//   --precheck-pass        pass (light #17743a, dark #56c776)
//   --precheck-warn        warning text (light #8a5a00, dark #e7b64a)
//   --precheck-warn-mark   warning marks and rules (light #c98500, dark #e7b64a)
//   --precheck-fail        fail (light #c4232d, dark #ff8078)
//   --precheck-radius      the cards' corner radius (default 12px)
//   --precheck-padding     space around the content (default 16px)
// Parts for finer styling: inputs, drop, status, privacy, report, verdict, changes,
// summary (the strip kept in view), checks, maps, zoom (the enlarged page's dialog).
//
// Keyboard: each page map is one tab stop; Enter (or a click, or a finding's "Page N")
// opens it enlarged, where ← → turn the pages, Tab steps through its marks in reading
// order and Esc closes (focus goes back where it was). "Check again" re-reads the file
// (through the handle a drop or checkFile(handle) gave, else it asks for the file) and
// the report then says what changed since the last check.
//
// Hooks for tests (stable), inside the open shadow root: input[type=file],
// textarea[name=abstract], select[name=kind], input[name=first-public],
// [data-check][data-status], [data-verdict], svg[data-page="N"], [data-finding].

import { PrecheckWorker, MAX_FILE_BYTES } from "./worker.js";
import { reportMarkdown } from "./report-markdown.js";

const TAG = "precheck-widget";
const DEFAULT_PROFILE = "snn-2022";
const DEFAULT_TIMEOUT_MS = 20000;
const START_BUDGET_MS = 20000; // loading the WebAssembly, before the first check
const CHECK_DELAY_MS = 350; // re-check after the author stops typing
const COUNT_DELAY_MS = 150;
const FINDINGS_SHOWN = 5;
const FINDINGS_LISTED = 100; // per check; the rest are counted in one line
// Page maps drawn with the report: every one of a usual paper, then in slices across frames.
const MAPS_AT_ONCE = 12; // drawn with the report whatever the time
const MAPS_FIRST_MS = 16; // then more with the report while this lasts
const SLICE_MS = 8; // then slices of this long, one a frame
const COLLAPSE_AFTER = 12; // a paper longer than this folds its runs of clean pages
const COLLAPSE_RUN = 3; // into one line each, when at least this many follow each other
const LETTER = [612, 792];
const KINDS = ["paper", "position", "published", "poster", "blog"];
const STATUS_WORDS = { pass: "Pass", warn: "Warning", fail: "Fail", skip: "Not applicable" };
const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, skip: 3 };

/** A check's status as its badge says it: a check that could not run on an unreadable
 * file was not checked, which is not the same as not applying to this kind. */
function statusWord(c) {
  if (c.status === "skip" && /could not be read/.test(c.message)) return "Not checked";
  return STATUS_WORDS[c.status];
}
// Findings without a box that still belong to a page as a whole.
const WHOLE_PAGE_CHECKS = new Set(["page-size", "page-limit"]);

// What the texts say about the built-in profiles (the rules themselves live in the core).
const BUILTIN = {
  "snn-2022": { site: "OpenReview", workshop: true, words: 250, chars: 5000, earliest: "2021-07-13", pagesPass: 4, pagesWarn: 5, template: "NeurIPS 2022" },
  "neurips-2022": { site: "OpenReview", workshop: false, words: 250, chars: 5000, earliest: null, pagesPass: 9, pagesWarn: 9, template: "NeurIPS 2022" },
};

// ---------------------------------------------------------------- icons

const ICONS = {
  pass: '<circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M5.8 10.4l2.7 2.7 5.7-6" fill="none" class="ink" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
  warn: '<path d="M10 1.6l9 16.2H1z" fill="currentColor" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/><path d="M10 7.2v4.6" class="ink" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="14.9" r="1.25" class="ink-fill"/>',
  fail: '<circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M6.6 6.6l6.8 6.8M13.4 6.6l-6.8 6.8" class="ink" stroke-width="2.2" stroke-linecap="round"/>',
  skip: '<circle cx="10" cy="10" r="8.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M6.2 10h7.6" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
  lock: '<rect x="3.5" y="8.5" width="13" height="9.5" rx="2" fill="none" stroke="currentColor" stroke-width="1.7"/><path d="M6.5 8.5V6a3.5 3.5 0 0 1 7 0v2.5" fill="none" stroke="currentColor" stroke-width="1.7"/><circle cx="10" cy="13.2" r="1.4" fill="currentColor"/>',
  file: '<path d="M5 2.3h6.7l3.5 3.5v11.9H5z" fill="none" stroke="currentColor" stroke-width="1.35" stroke-linejoin="round"/><path d="M11.7 2.3v3.5h3.5" fill="none" stroke="currentColor" stroke-width="1.35" stroke-linejoin="round"/><path d="M7.3 10h5.4M7.3 12.5h5.4M7.3 15h3.4" stroke="currentColor" stroke-width="1.2" stroke-linecap="round"/>',
  upload: '<path d="M10 12.9V3.8M6.3 7.5L10 3.8l3.7 3.7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/><path d="M3.8 12.1v3.3c0 .7.6 1.3 1.3 1.3h9.8c.7 0 1.3-.6 1.3-1.3v-3.3" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>',
};

function icon(name, cls) {
  const s = svg("svg", { class: cls, "aria-hidden": "true", focusable: "false", viewBox: "0 0 20 20" });
  s.innerHTML = ICONS[name]; // constant markup from this file
  return s;
}

// ---------------------------------------------------------------- styles

const DARK = `
  --bg: var(--precheck-bg, #0f1217);
  --surface: var(--precheck-surface, #171b22);
  --text: var(--precheck-fg, #e7eaef);
  --accent: var(--precheck-accent, #7fb0ff);
  --pass: var(--precheck-pass, #56c776);
  --warn: var(--precheck-warn, #e7b64a);
  --warn-mark: var(--precheck-warn-mark, #e7b64a);
  --fail: var(--precheck-fail, #ff8078);
  --paper: color-mix(in srgb, var(--text) 9%, var(--surface));
  --shadow: 0 1px 2px rgb(0 0 0 / 40%);
  color-scheme: dark;`;

const CSS = `
:host {
  --bg: var(--precheck-bg, #f5f6f8);
  --surface: var(--precheck-surface, #ffffff);
  --text: var(--precheck-fg, #1a1e24);
  --accent: var(--precheck-accent, #1d5fbf);
  --pass: var(--precheck-pass, #17743a);
  --warn: var(--precheck-warn, #8a5a00);
  --warn-mark: var(--precheck-warn-mark, #c98500);
  --fail: var(--precheck-fail, #c4232d);
  --paper: var(--surface);
  --shadow: 0 1px 2px rgb(20 30 45 / 6%), 0 2px 8px rgb(20 30 45 / 5%);
  color-scheme: light;
  display: block;
  container-type: inline-size;
  background: var(--bg);
  color: var(--text);
  border-radius: var(--radius);
  padding: var(--precheck-padding, 16px);
  font: var(--precheck-font-size, 16px) / 1.55 var(--precheck-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif);
  text-align: start;
}
@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) {${DARK} } }
:host([theme="dark"]) {${DARK} }
:host {
  --focus: var(--precheck-focus, var(--accent));
  --radius: var(--precheck-radius, 12px);
  --muted: var(--precheck-muted, color-mix(in srgb, var(--text) 70%, var(--surface)));
  --border: var(--precheck-border, color-mix(in srgb, var(--text) 17%, var(--surface)));
  --border-strong: color-mix(in srgb, var(--text) 36%, var(--surface));
  --surface-2: color-mix(in srgb, var(--text) 5%, var(--surface));
  --accent-soft: color-mix(in srgb, var(--accent) 11%, var(--surface));
  --pass-bg: color-mix(in srgb, var(--pass) 10%, var(--surface));
  --warn-bg: color-mix(in srgb, var(--warn-mark) 14%, var(--surface));
  --fail-bg: color-mix(in srgb, var(--fail) 10%, var(--surface));
  --skip: var(--muted);
  --skip-bg: var(--surface-2);
  --on-status: var(--surface);
  --paper-edge: color-mix(in srgb, var(--text) 42%, var(--surface));
  --block: color-mix(in srgb, var(--text) 62%, var(--surface));
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
h2, h3, h4 { line-height: 1.25; margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }
.icon { width: 1.05em; height: 1.05em; flex: none; vertical-align: -0.16em; }
.ink { stroke: var(--on-status); }
.ink-fill { fill: var(--on-status); }
.status-pass { color: var(--pass); }
.status-warn { color: var(--warn); }
.status-fail { color: var(--fail); }
.status-skip { color: var(--skip); }

/* ---------------------------------------------------------------- inputs */
.card {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
  padding: 22px 24px;
}
.inputs h2 { font-size: 1.2rem; margin-bottom: 16px; }
.input-grid { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 20px 28px; }
.abstract-field { grid-column: 1 / -1; }
.drop {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px;
  min-height: 190px;
  padding: 22px 18px;
  text-align: center;
  border: 2px dashed var(--border-strong);
  border-radius: var(--radius);
  background: var(--surface-2);
  cursor: pointer;
  transition: border-color 0.15s, background-color 0.15s;
}
.drop:hover { border-color: var(--accent); }
.drop:focus-within { border-color: var(--focus); border-style: solid; }
.drop.dragging { border-color: var(--accent); border-style: solid; background: var(--accent-soft); }
.drop-icon { width: 34px; height: 34px; color: var(--accent); }
.drop-title { font-size: 1.15rem; font-weight: 650; }
.drop-sub { color: var(--muted); font-size: 0.95rem; margin-bottom: 8px; }
.drop.optional-file { border-color: var(--border); }
.drop.optional-file .drop-icon { color: var(--muted); }
input[type="file"] { max-width: 100%; font: inherit; font-size: 0.92rem; color: var(--muted); }
input[type="file"]::file-selector-button {
  font: inherit; font-weight: 600;
  margin-right: 10px; padding: 7px 14px;
  border-radius: 8px; border: 1px solid var(--accent);
  background: var(--surface); color: var(--accent);
  cursor: pointer;
}
input[type="file"]::file-selector-button:hover { background: var(--accent-soft); }
.file-info { display: flex; align-items: center; flex-wrap: wrap; gap: 6px; min-height: 1.6em; margin: 10px 2px 0; font-size: 0.95rem; }
.file-info:empty { display: none; }
.file-icon { width: 20px; height: 20px; color: var(--muted); }
.file-name { overflow-wrap: anywhere; }
.field + .field { margin-top: 16px; }
.field label { display: block; font-weight: 650; margin-bottom: 6px; }
.optional { font-weight: 400; color: var(--muted); }
select, textarea, input[type="date"] {
  width: 100%;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border-strong);
  border-radius: 8px;
  padding: 9px 11px;
}
select { padding-right: 8px; }
textarea { display: block; resize: vertical; min-height: 8.5em; line-height: 1.5; }
select:focus-visible, textarea:focus-visible, input[type="date"]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 1px; border-color: var(--focus); border-radius: 8px;
}
[aria-invalid="true"] { border-color: var(--fail); }
.help { margin: 6px 0 0; font-size: 0.875rem; color: var(--muted); }
.field .not-yet { display: flex; gap: 0.4em; align-items: center; margin: 6px 0 0; font-weight: normal; }
.field input:disabled { opacity: 0.55; }
.help[hidden] { display: none; }
.abstract-meta { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 4px 16px; }
.count { margin: 6px 0 0; font-size: 0.92rem; font-variant-numeric: tabular-nums; display: flex; align-items: center; gap: 6px; }
.count.over { color: var(--fail); font-weight: 600; }
.field-error {
  margin: 10px 0 0; padding: 8px 12px;
  border-radius: 8px;
  background: var(--fail-bg); color: var(--fail);
  font-weight: 600; font-size: 0.94rem;
}
.field-error[hidden] { display: none; }
.statusbar {
  display: flex; align-items: center; gap: 8px 14px; flex-wrap: wrap;
  margin-top: 18px; padding-top: 14px;
  border-top: 1px solid var(--border);
}
.status { margin: 0; flex: 1 1 16rem; color: var(--muted); font-size: 0.95rem; }
.status[data-kind="error"] { color: var(--fail); font-weight: 600; }
.privacy { display: inline-flex; align-items: center; gap: 6px; margin: 0; color: var(--muted); font-size: 0.85rem; }
.privacy .icon { color: var(--pass); width: 16px; height: 16px; }
.button {
  font: inherit; font-weight: 600;
  padding: 8px 16px;
  border-radius: 8px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--surface);
  cursor: pointer;
}
.button:hover { filter: brightness(1.08); }
.button[hidden] { display: none; }

/* ---------------------------------------------------------------- report */
.report { margin: 28px 0 0; }
.report-body { transition: opacity 0.2s; }
.report.busy .report-body, .report-body.stale { opacity: 0.55; }
.stale-note {
  margin: 0 0 12px; padding: 8px 12px;
  border-radius: 8px;
  background: var(--warn-bg); color: var(--warn);
  font-weight: 600;
}
.empty { padding: 28px 24px; border: 1px dashed var(--border-strong); border-radius: var(--radius); color: var(--muted); text-align: center; }
.empty p { max-width: 40rem; margin: 0 auto; }
.verdict {
  display: flex; gap: 18px; align-items: flex-start;
  padding: 20px 24px;
  border-radius: var(--radius);
  border: 1px solid var(--border);
  border-left-width: 6px;
  background: var(--surface);
  box-shadow: var(--shadow);
}
.verdict-pass { border-left-color: var(--pass); background: linear-gradient(90deg, var(--pass-bg), var(--surface) 60%); }
.verdict-warn { border-left-color: var(--warn-mark); background: linear-gradient(90deg, var(--warn-bg), var(--surface) 60%); }
.verdict-fail { border-left-color: var(--fail); background: linear-gradient(90deg, var(--fail-bg), var(--surface) 60%); }
.verdict-icon { width: 40px; height: 40px; flex: none; margin-top: 2px; }
.verdict-text { min-width: 0; }
.verdict-title { margin: 0; font-size: 1.35rem; font-weight: 700; line-height: 1.3; }
.verdict-sentence { margin: 2px 0 8px; }
.verdict-meta { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; font-size: 0.9rem; color: var(--muted); }
.verdict-what { overflow-wrap: anywhere; }
.tally { display: inline-flex; flex-wrap: wrap; gap: 4px 14px; }
.tally-item { display: inline-flex; align-items: center; gap: 5px; font-weight: 600; }
.facts {
  display: flex; flex-wrap: wrap;
  margin: 16px 0 0;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  overflow: hidden;
  background: var(--surface);
}
.fact {
  flex: 1 1 180px; min-width: 0;
  padding: 10px 14px;
  /* inner rules only: the outer ones fall under the container's clipped edge */
  border-right: 1px solid var(--border);
  border-bottom: 1px solid var(--border);
  margin: 0 -1px -1px 0;
}
.fact dt { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 650; }
.fact dd { margin: 2px 0 0; font-size: 0.94rem; overflow-wrap: anywhere; }
.checks-section, .maps-section { margin-top: 28px; min-width: 0; }
.checks-section h3, .maps-section h3 { font-size: 1.2rem; margin-bottom: 12px; }
.checks {
  list-style: none; margin: 0; padding: 0;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
}
.check {
  display: grid; grid-template-columns: 22px minmax(0, 1fr); gap: 0 12px;
  padding: 14px 20px 14px 16px;
  border-left: 4px solid transparent;
}
.check + .check { border-top: 1px solid var(--border); }
.check:first-child { border-top-left-radius: var(--radius); }
.check:last-child { border-bottom-left-radius: var(--radius); }
.check-fail { border-left-color: var(--fail); }
.check-warn { border-left-color: var(--warn-mark); }
.check-icon { width: 22px; height: 22px; margin-top: 1px; }
.check-head { display: flex; align-items: baseline; justify-content: space-between; gap: 4px 12px; flex-wrap: wrap; }
.check-title { font-size: 1.02rem; font-weight: 650; }
.badge {
  flex: none;
  padding: 1px 9px;
  border-radius: 999px;
  font-size: 0.78rem; font-weight: 700; letter-spacing: 0.02em; text-transform: uppercase;
  border: 1px solid currentColor;
}
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-warn { color: var(--warn); background: var(--warn-bg); }
.badge-fail { color: var(--fail); background: var(--fail-bg); }
.badge-skip { color: var(--skip); background: var(--skip-bg); }
.check-message { margin: 4px 0 0; }
.check-hint { margin: 4px 0 0; font-size: 0.93rem; color: var(--muted); }
.hint-label { font-weight: 650; color: var(--text); }
.check-pass .check-message, .check-skip .check-message { color: var(--muted); font-size: 0.95rem; }
.check-pass .check-hint, .check-skip .check-hint { font-size: 0.88rem; }
.findings { margin: 8px 0 0; padding: 0; list-style: none; font-size: 0.92rem; }
.finding { padding: 3px 0 3px 12px; border-left: 2px solid var(--border); overflow-wrap: anywhere; }
.finding + .finding { margin-top: 2px; }
.page-link, .page-label { font-weight: 650; white-space: nowrap; }
.finding-text { color: var(--muted); }
.more { margin: 4px 0 0; font-size: 0.92rem; }
.more summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 2px 0; }

/* ---------------------------------------------------------------- page maps */
.maps-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 8px 24px; }
.maps-head h3 { margin-bottom: 4px; }
.maps-help { margin: 0 0 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; padding: 0; list-style: none; font-size: 0.88rem; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 24px; height: 14px; }
.swatch .block { fill: var(--paper); stroke-dasharray: 4 3; }
.swatch rect { vector-effect: non-scaling-stroke; stroke-width: 1.5; }
.maps {
  list-style: none; margin: 0; padding: 0;
  display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 22px 18px;
}
.map { content-visibility: auto; contain-intrinsic-size: auto 150px auto 240px; }
.map figure { margin: 0; }
.maps-note { margin: 0 0 12px; font-size: 0.92rem; color: var(--muted); }
.findings-more { margin: 4px 0 0; font-size: 0.88rem; color: var(--muted); }
bdi { unicode-bidi: isolate; }
.map-frame { display: flex; align-items: flex-end; justify-content: center; height: 100%; }
.page-map {
  display: block;
  width: 100%; max-width: 210px;
  height: auto; max-height: 300px;
  overflow: visible;
  filter: drop-shadow(0 1px 2px rgb(0 0 0 / 14%));
}
.page-map .paper { fill: var(--paper); stroke: var(--paper-edge); stroke-width: 1; vector-effect: non-scaling-stroke; }
.block { fill: none; stroke: var(--block); stroke-width: 1.25; stroke-dasharray: 5 4; vector-effect: non-scaling-stroke; }
.measured { fill: none; stroke: var(--block); stroke-width: 1.25; stroke-dasharray: 1 3; vector-effect: non-scaling-stroke; }
.report-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0 4px; }
.report-actions .action { font: inherit; font-size: 0.9em; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--paper-edge); background: var(--surface); color: var(--text); cursor: pointer; }
.report-actions .action:focus-visible { outline: 2px solid var(--focus, #1a56db); outline-offset: 2px; }
.action-done { color: var(--muted); font-size: 0.9em; }
@media print {
  .inputs, .report-actions, .privacy, .status, .summary-strip, .zoom { display: none !important; }
  .summary-strip { position: static; }
  .map, .check { break-inside: avoid; }
}
.content .line { fill: color-mix(in srgb, var(--text) 55%, var(--surface)); font-family: var(--precheck-map-font, Georgia, "Times New Roman", serif); }
.content .image { fill: color-mix(in srgb, var(--text) 14%, var(--surface)); }
.content .drawing { fill: none; stroke: color-mix(in srgb, var(--text) 30%, var(--surface)); stroke-width: 0.75; vector-effect: non-scaling-stroke; }
.mark { stroke-width: 1.75; vector-effect: non-scaling-stroke; cursor: help; }
.mark-fail { fill: color-mix(in srgb, var(--fail) 26%, transparent); stroke: var(--fail); }
.mark-warn { fill: color-mix(in srgb, var(--warn-mark) 30%, transparent); stroke: var(--warn-mark); }
.mark.whole { stroke-width: 4; }
.mark-fail.whole { fill: color-mix(in srgb, var(--fail) 9%, transparent); }
.mark-warn.whole { fill: color-mix(in srgb, var(--warn-mark) 11%, transparent); }
/* Fail and warn differ without colour too: a warning's outline is dashed. */
.mark-warn { stroke-dasharray: 5 3; }
.mark:hover { stroke-width: 3; }
.mark.current { stroke: var(--focus); stroke-width: 3.5; stroke-dasharray: none; fill-opacity: 0.6; }
.map-open {
  display: block; width: 100%; padding: 0; margin: 0; border: 0; border-radius: 4px;
  background: none; color: inherit; font: inherit; cursor: zoom-in;
}
.map-open:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
.map-open .page-map { margin: 0 auto; }
.map-run { grid-column: 1 / -1; }
.run-open {
  display: flex; align-items: center; gap: 8px; width: 100%;
  padding: 10px 14px; border: 1px dashed var(--border); border-radius: 8px;
  background: var(--surface); color: var(--text); font: inherit; font-size: 0.92em; text-align: start; cursor: pointer;
}
.run-open .icon { width: 1.1em; height: 1.1em; flex: none; }
.run-show { margin-inline-start: auto; color: var(--accent); font-weight: 600; white-space: nowrap; }
.run-open:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.summary-strip {
  position: sticky; top: 0; z-index: 2;
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px;
  margin: 16px 0 0; padding: 8px 12px;
  background: var(--surface); border: 1px solid var(--border); border-radius: 10px;
  box-shadow: var(--shadow);
  font-size: 0.92em;
}
.strip-verdict {
  display: inline-flex; align-items: center; gap: 6px;
  padding: 2px 4px; border: 0; background: none; color: var(--text); font: inherit; font-weight: 700; cursor: pointer;
}
.strip-verdict .icon { width: 1.2em; height: 1.2em; }
.strip-verdict:focus-visible, .index-item:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.page-index { display: flex; align-items: center; gap: 8px; min-width: 0; flex: 1 1 260px; }
.index-label { color: var(--muted); font-weight: 600; }
.page-index ol { display: flex; gap: 4px; margin: 0; padding: 2px; list-style: none; overflow-x: auto; scrollbar-width: thin; }
.index-item {
  display: inline-flex; align-items: center; gap: 3px;
  padding: 2px 7px; border: 1px solid var(--border); border-radius: 999px;
  background: var(--surface); color: var(--text); font: inherit; font-size: 0.9em; font-variant-numeric: tabular-nums;
  white-space: nowrap; cursor: pointer;
}
.index-item .icon { width: 1em; height: 1em; }
.index-fail { border-color: var(--fail); border-width: 2px; font-weight: 700; }
.index-warn { border-color: var(--warn-mark); border-style: dashed; border-width: 2px; font-weight: 700; }
.changes {
  margin: 14px 0 0; padding: 10px 14px;
  border: 1px solid var(--border); border-left: 4px solid var(--accent); border-radius: 8px;
  background: var(--surface);
}
.changes-title { margin: 0 0 4px; font-weight: 650; }
.changes ul { margin: 0; padding: 0; list-style: none; }
.changes li { display: flex; align-items: baseline; gap: 6px; padding: 2px 0; }
.changes li .icon { width: 1em; height: 1em; flex: none; align-self: center; }
.changes-none { margin: 0; color: var(--muted); }
/* ---------------------------------------------------------------- the enlarged page */
.zoom {
  box-sizing: border-box;
  width: min(96vw, 1280px); max-width: none; height: 94vh; max-height: none;
  margin: auto; padding: 0;
  border: 1px solid var(--border); border-radius: 12px;
  background: var(--bg); color: var(--text);
  font: inherit;
  overflow: hidden;
}
.zoom[open] { display: flex; flex-direction: column; }
.zoom::backdrop { background: rgb(10 14 20 / 55%); }
.zoom-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px;
  padding: 10px 16px; border-bottom: 1px solid var(--border); background: var(--surface);
}
.zoom-title { margin: 0; font-size: 1.1em; }
.zoom-counts { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0; font-size: 0.92em; }
.zoom-nav { display: flex; gap: 8px; margin-inline-start: auto; }
.zoom .action { font: inherit; font-size: 0.9em; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--paper-edge); background: var(--surface); color: var(--text); cursor: pointer; }
.zoom .action:disabled { opacity: 0.45; cursor: default; }
.zoom .action:focus-visible, .zoom-mark:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.zoom-body { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(240px, 22em); }
.zoom-page { overflow: auto; padding: 16px; }
.zoom-page:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
.page-large { width: 100%; max-width: 980px; height: auto; max-height: none; margin: 0 auto; }
.page-large .content .line { fill: color-mix(in srgb, var(--text) 80%, var(--surface)); }
.page-large .mark { cursor: pointer; }
.zoom-side { overflow: auto; padding: 14px 16px; border-inline-start: 1px solid var(--border); background: var(--surface); }
.zoom-current:empty { display: none; }
.zoom-current { margin: 0 0 12px; padding: 10px 12px; border-radius: 8px; background: var(--bg); font-size: 0.92em; overflow-wrap: anywhere; }
.zoom-current p { margin: 0 0 4px; }
.zoom-current-title { display: flex; align-items: center; gap: 6px; font-weight: 700; }
.zoom-current-title .icon { width: 1.1em; height: 1.1em; }
.zoom-line-label { color: var(--muted); font-size: 0.9em; }
.zoom-line { margin: 0; padding: 4px 10px; border-inline-start: 3px solid var(--border); font-family: var(--precheck-map-font, Georgia, "Times New Roman", serif); }
.zoom-marks { margin: 0; padding: 0; list-style: none; display: grid; gap: 6px; }
.zoom-mark {
  display: flex; gap: 6px; align-items: flex-start; width: 100%;
  padding: 6px 8px; border: 1px solid var(--border); border-radius: 6px;
  background: var(--surface); color: var(--text); font: inherit; font-size: 0.88em; text-align: start; cursor: pointer;
  overflow-wrap: anywhere;
}
.zoom-mark .icon { width: 1.05em; height: 1.05em; flex: none; margin-top: 0.15em; }
.zoom-mark-warn { border-style: dashed; }
.zoom-mark[aria-pressed="true"] { border-color: var(--focus); box-shadow: inset 0 0 0 1px var(--focus); }
.zoom-keys { margin: 12px 0 0; }
@media (max-width: 700px) {
  .zoom-body { grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 1fr) auto; }
  .zoom-side { max-height: 34vh; border-inline-start: 0; border-top: 1px solid var(--border); }
  .zoom-bar { padding: 8px 10px; }
  .zoom-nav { margin-inline-start: 0; width: 100%; gap: 6px; }
  .zoom-nav .action { flex: 1 1 auto; white-space: nowrap; padding: 6px 8px; }
  .zoom-page { padding: 8px; }
}
.map figcaption { display: flex; justify-content: center; align-items: center; flex-wrap: wrap; gap: 2px 10px; margin-top: 8px; font-size: 0.88rem; text-align: center; }
.map-page { font-weight: 650; }
.map-count { display: inline-flex; align-items: center; gap: 3px; font-weight: 700; font-variant-numeric: tabular-nums; }
.map-size { flex-basis: 100%; color: var(--muted); font-size: 0.82rem; }
.tip {
  position: fixed; inset: auto; z-index: 2147483000;
  margin: 0; border: 0;
  max-width: 22rem;
  padding: 7px 11px;
  border-radius: 8px;
  background: var(--text); color: var(--surface);
  font: 0.86rem/1.4 var(--precheck-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif);
  box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
  pointer-events: none;
  overflow: visible;
}
.tip[hidden] { display: none; }

/* ---------------------------------------------------------------- widths */
@container (min-width: 900px) {
  .report-columns { display: grid; grid-template-columns: minmax(0, 1.55fr) minmax(0, 1fr); gap: 0 28px; align-items: start; }
  /* The maps sit beside the checks, next to the failing ones (listed first). */
  .maps-section .maps { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
}
@container (max-width: 700px) {
  .input-grid { grid-template-columns: minmax(0, 1fr); }
}
@container (max-width: 480px) {
  .card { padding: 18px 16px; }
  .maps { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .verdict { padding: 16px; gap: 12px; }
  .check { padding: 12px 14px 12px 12px; }
}

/* ---------------------------------------------------------------- compact */
:host([compact]) { padding: var(--precheck-padding, 12px); font-size: var(--precheck-font-size, 15px); }
:host([compact]) .card { padding: 16px; }
:host([compact]) .inputs h2 { font-size: 1.05rem; margin-bottom: 12px; }
:host([compact]) .input-grid { grid-template-columns: minmax(0, 1fr); gap: 14px; }
:host([compact]) .drop { min-height: 0; padding: 14px 12px; flex-direction: row; flex-wrap: wrap; gap: 4px 10px; }
:host([compact]) .drop-icon { width: 24px; height: 24px; }
:host([compact]) .drop-title { font-size: 1rem; }
:host([compact]) .drop-sub { display: none; }
:host([compact]) .drop input[type="file"] { flex-basis: 100%; }
:host([compact]) .field + .field { margin-top: 12px; }
:host([compact]) textarea { min-height: 6em; }
:host([compact]) .statusbar { margin-top: 14px; padding-top: 10px; }
:host([compact]) .report { margin-top: 16px; }
:host([compact]) .empty { padding: 16px; }
:host([compact]) .verdict { padding: 14px 16px; gap: 12px; border-left-width: 5px; }
:host([compact]) .verdict-icon { width: 30px; height: 30px; }
:host([compact]) .verdict-title { font-size: 1.12rem; }
:host([compact]) .checks-section { margin-top: 16px; }
:host([compact]) .checks-section h3 { font-size: 1.05rem; margin-bottom: 8px; }
:host([compact]) .check { padding: 10px 14px 10px 10px; gap: 0 10px; grid-template-columns: 18px minmax(0, 1fr); }
:host([compact]) .check-icon { width: 18px; height: 18px; margin-top: 2px; }
:host([compact]) .check-title { font-size: 0.95rem; }
:host([compact]) .check-pass .check-main > :not(.check-head),
:host([compact]) .check-skip .check-main > :not(.check-head) { display: none; }
:host([compact]) .check-pass, :host([compact]) .check-skip { padding-top: 8px; padding-bottom: 8px; align-items: center; }
:host([compact]) .check-pass .check-icon, :host([compact]) .check-skip .check-icon { margin-top: 0; }

@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
@media (forced-colors: active) {
  .mark { stroke: CanvasText; }
  .verdict, .check { border-left-color: CanvasText; }
}
`;

let sheet; // one constructed stylesheet shared by every widget (and allowed by a strict CSP)
function adoptStyles(root) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement("style"); // browsers without constructable stylesheets
    style.textContent = CSS;
    root.append(style);
  }
}

const MARKUP = `
<section class="card inputs" part="inputs" aria-labelledby="inputs-h">
  <h2 id="inputs-h">Your submission</h2>
  <form id="form" novalidate>
    <div class="input-grid">
      <div class="file-col">
        <label class="drop" id="drop" part="drop">
          <svg class="drop-icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20">${ICONS.upload}</svg>
          <span class="drop-title">Drop your PDF here</span>
          <span class="drop-sub">or choose it from your computer</span>
          <input type="file" id="file" name="pdf" accept=".pdf,application/pdf" aria-describedby="file-info file-error">
        </label>
        <p class="file-info" id="file-info"></p>
        <p class="field-error" id="file-error" hidden></p>
      </div>
      <div class="fields-col">
        <div class="field">
          <label for="kind">Kind of submission</label>
          <select id="kind" name="kind" aria-describedby="kind-help"></select>
          <p class="help" id="kind-help"></p>
        </div>
        <div class="field">
          <label for="first-public">First made public <span class="optional">(optional)</span></label>
          <input type="date" id="first-public" name="first-public" min="1990-01-01" max="2099-12-31" aria-describedby="first-public-help">
          <label class="not-yet"><input type="checkbox" id="not-yet" name="not-yet"> Not public yet (work in progress)</label>
          <p class="help" id="first-public-help"></p>
        </div>
      </div>
      <div class="field abstract-field">
        <label for="abstract">Abstract <span class="optional" id="abstract-where">(as you will enter it in the submission form)</span></label>
        <textarea id="abstract" name="abstract" rows="7" spellcheck="true" aria-describedby="abstract-count abstract-help"></textarea>
        <div class="abstract-meta">
          <p class="count" id="abstract-count">0 words · 0 characters</p>
          <p class="help" id="abstract-help"></p>
        </div>
      </div>
    </div>
    <p class="field-error" id="inputs-error" role="alert" hidden></p>
  </form>
  <div class="statusbar">
    <p id="status" class="status" part="status" role="status" aria-live="polite" aria-atomic="true">Loading the checker…</p>
    <button type="button" id="retry" class="button" hidden>Try again</button>
    <p class="privacy" part="privacy"><svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20">${ICONS.lock}</svg>Checked in your browser: nothing is uploaded.</p>
  </div>
</section>
<section id="report" class="report" part="report" aria-labelledby="report-h">
  <h2 id="report-h" class="visually-hidden">Report</h2>
  <div id="report-body" class="report-body"><div class="empty"><p id="empty-text"></p></div></div>
</section>
<div id="tip" class="tip" hidden aria-hidden="true"></div>
<dialog id="zoom" class="zoom" part="zoom" aria-labelledby="zoom-h">
  <div class="zoom-bar">
    <h3 id="zoom-h" class="zoom-title"></h3>
    <p class="zoom-counts" id="zoom-counts"></p>
    <div class="zoom-nav">
      <button type="button" class="action" id="zoom-prev" aria-keyshortcuts="ArrowLeft">← Previous page</button>
      <button type="button" class="action" id="zoom-next" aria-keyshortcuts="ArrowRight">Next page →</button>
      <button type="button" class="action" id="zoom-close" aria-keyshortcuts="Escape">Close</button>
    </div>
  </div>
  <div class="zoom-body">
    <div class="zoom-page" id="zoom-page" tabindex="0" role="region" aria-label="The page, enlarged (scroll it with the arrow keys up and down)"></div>
    <div class="zoom-side">
      <div class="zoom-current" id="zoom-current" aria-live="polite"></div>
      <ol class="zoom-marks" id="zoom-marks" aria-label="Marks on this page, in reading order"></ol>
      <p class="help zoom-keys">← and → turn the pages, Tab steps through the marks, Esc closes.</p>
    </div>
  </div>
</dialog>
`;

// ---------------------------------------------------------------- profile texts

/** What the interface says about a profile: limits for the live count, the help texts. */
function describeProfile(profile) {
  if (profile && typeof profile === "object") {
    const limit = profile.pageLimits && profile.pageLimits.paper;
    return {
      id: String(profile.id || "custom"),
      site: null,
      workshop: /workshop/i.test(String(profile.name || "")),
      words: Number(profile.abstractMaxWords) || null,
      chars: Number(profile.abstractMaxChars) || null,
      earliest: (profile.dates && profile.dates.earliestPublic) || null,
      pagesPass: limit ? Number(limit.passMax) : null,
      pagesWarn: limit ? Number(limit.warnMax) : null,
      template: (profile.template && profile.template.name) || null,
    };
  }
  const id = String(profile || DEFAULT_PROFILE);
  return { id, ...(BUILTIN[id] || { site: null, workshop: false, words: null, chars: null, earliest: null, pagesPass: null, pagesWarn: null, template: null }) };
}

function pagesPhrase(p) {
  if (!p.pagesPass) return "";
  return `${p.pagesPass === p.pagesWarn ? "up to" : "about"} ${plural(p.pagesPass, "page")}`;
}

function kindLabels(p) {
  const pages = pagesPhrase(p);
  return {
    paper: [p.workshop ? "Workshop paper" : "Paper", pages],
    position: ["Position paper", "any length"],
    published: ["Published paper", "as published"],
    poster: ["Poster", "PDF"],
    blog: ["Blog post", "link, no PDF"],
  };
}

function kindHelp(p, kind) {
  const pages = pagesPhrase(p);
  const format = p.template ? ` in the ${p.template} format` : "";
  return {
    paper: pages || format ? `All checks apply: ${pages ? `${pages} before the references` : ""}${pages && format ? "," : ""}${format}.` : "All checks apply.",
    position: "No page limit; format problems are only warnings.",
    published: "Checked as published: no page, margin or font rules.",
    poster: "Any size; fonts, abstract and date are checked.",
    blog: "No PDF needed: only the abstract and the date are checked.",
  }[kind];
}

// ---------------------------------------------------------------- the element

const Base = globalThis.HTMLElement || class {};

export class PrecheckWidget extends Base {
  static get observedAttributes() {
    return ["profile", "kind", "compact", "timeout-ms"];
  }

  #ui;
  #profileObject = null; // a whole profile given through the property
  #checker = null; // PrecheckWorker for checks
  #counter = null; // PrecheckWorker for the live count (stays responsive during a long check)
  #starting = null;
  #connected = false;
  #restored = false;
  #file = null; // { name, size, bytes: ArrayBuffer }
  #fileName = null; // the name of the file of the last report
  #fileSeq = 0; // counts files taken: a read that finishes after a later file was chosen is dropped
  #mapJob = null; // the page maps of the report shown: what they draw, and how far they are
  #zoom = null; // the enlarged page: { page, mark, opener }
  #previous = null; // the report before a re-read of its file: { report, name, bytes }
  #againOf = null; // "Check again" asked for the file again: its name
  #report = null;
  #reveal = false; // a new file was chosen: bring its verdict into view when it comes
  #running = false;
  #again = null; // a start time when inputs changed during a check
  #blocked = false; // after a timeout or crash: no automatic re-check until asked
  #checkTimer = 0;
  #countTimer = 0;
  #countSeq = 0;
  #pendingSince; // when a file arrived before the checker was there
  #dragDepth = 0;
  #onWindowScroll = () => this.#followTip();
  #onWindowResize = () => this.#hideTip();

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptStyles(root);
    const tpl = document.createElement("template");
    tpl.innerHTML = MARKUP; // constant markup from this file
    root.append(tpl.content);
    const $ = (id) => root.getElementById(id);
    this.#ui = {
      form: $("form"),
      file: $("file"),
      drop: $("drop"),
      fileInfo: $("file-info"),
      fileError: $("file-error"),
      abstract: $("abstract"),
      count: $("abstract-count"),
      abstractHelp: $("abstract-help"),
      abstractWhere: $("abstract-where"),
      kind: $("kind"),
      kindHelp: $("kind-help"),
      firstPublic: $("first-public"),
      notYet: $("not-yet"),
      firstPublicHelp: $("first-public-help"),
      inputsError: $("inputs-error"),
      status: $("status"),
      retry: $("retry"),
      report: $("report"),
      reportBody: $("report-body"),
      emptyText: $("empty-text"),
      tip: $("tip"),
      zoom: $("zoom"),
      zoomTitle: $("zoom-h"),
      zoomCounts: $("zoom-counts"),
      zoomPage: $("zoom-page"),
      zoomCurrent: $("zoom-current"),
      zoomMarks: $("zoom-marks"),
      zoomPrev: $("zoom-prev"),
      zoomNext: $("zoom-next"),
      zoomClose: $("zoom-close"),
    };
    if (typeof this.#ui.tip.showPopover === "function") {
      // The top layer: no ancestor of the host can clip or shift the tooltip.
      this.#ui.tip.hidden = false;
      this.#ui.tip.popover = "manual";
    }
    this.#wire();
  }

  // ---------------------------------------------------------------- properties

  /** The profile: a built-in id, or a whole profile object set through this property. */
  get profile() {
    return this.#profileObject || this.getAttribute("profile") || DEFAULT_PROFILE;
  }
  set profile(value) {
    if (value && typeof value === "object") {
      this.#profileObject = value;
      this.#profileChanged();
    } else {
      const was = this.#profileObject;
      this.#profileObject = null;
      if (this.getAttribute("profile") === String(value)) {
        if (was) this.#profileChanged();
      } else {
        this.setAttribute("profile", String(value));
      }
    }
  }
  get kind() {
    return this.#ui.kind.value;
  }
  set kind(value) {
    this.setAttribute("kind", String(value));
  }
  get compact() {
    return this.hasAttribute("compact");
  }
  set compact(on) {
    this.toggleAttribute("compact", Boolean(on));
  }
  get timeoutMs() {
    const n = Number(this.getAttribute("timeout-ms"));
    return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
  }
  set timeoutMs(n) {
    this.setAttribute("timeout-ms", String(n));
  }
  /** The last report shown, or null. */
  get report() {
    return this.#report;
  }

  /**
   * Checks a file as if the author had dropped it on the widget: a File, or a
   * FileSystemFileHandle (then "Check again" re-reads it from disk).
   */
  async checkFile(file) {
    const t0 = performance.now();
    if (file && typeof file.getFile === "function") {
      const handle = file;
      return this.#takeFile(await handle.getFile(), t0, 1, handle);
    }
    this.#syncPicker(file);
    return this.#takeFile(file, t0);
  }

  /**
   * "Check again": reads the file again (the File System Access handle from a drop, where
   * the browser gives one) or asks for it again, and the report then says what changed.
   */
  async #checkAgain() {
    const f = this.#file;
    if (!f) return;
    const t0 = performance.now();
    if (f.handle) {
      try {
        const fresh = await f.handle.getFile();
        this.#againOf = f.name;
        await this.#takeFile(fresh, t0, 1, f.handle);
        return;
      } catch {
        /* moved, deleted or no longer allowed: ask for it */
      }
    }
    this.#againOf = f.name;
    this.#setStatus(["Choose “", bdi(f.name), "” again: this browser does not let a page read a file twice by itself."]);
    this.#ui.file.click();
  }

  // ---------------------------------------------------------------- lifecycle

  connectedCallback() {
    this.#connected = true;
    window.addEventListener("scroll", this.#onWindowScroll, { capture: true, passive: true });
    window.addEventListener("resize", this.#onWindowResize);
    if (!this.#restored) {
      this.#restored = true;
      this.#fillKinds();
      this.#restoreInputs();
      this.#updateTexts();
    }
    if (!this.#checker && !this.#starting) this.#starting = this.#start();
  }

  disconnectedCallback() {
    this.#connected = false;
    window.removeEventListener("scroll", this.#onWindowScroll, { capture: true });
    window.removeEventListener("resize", this.#onWindowResize);
    this.#hideTip();
    // Moved elsewhere in the page: keep the workers. Removed: end them.
    queueMicrotask(() => {
      if (this.isConnected) return;
      clearTimeout(this.#checkTimer);
      clearTimeout(this.#countTimer);
      this.#checker?.terminate();
      this.#counter?.terminate();
      this.#checker = this.#counter = this.#starting = null;
      this.#running = false;
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value || !this.#restored) return;
    if (name === "profile") {
      this.#profileObject = null;
      this.#profileChanged();
    } else if (name === "kind") {
      if (!KINDS.includes(value) || value === this.#ui.kind.value) return;
      this.#ui.kind.value = value;
      this.#kindChanged();
    } else if (name === "compact") {
      this.#updateTexts();
      if (this.#report) this.#renderReport(this.#report);
    }
  }

  // ---------------------------------------------------------------- start-up

  async #start() {
    this.#setState("loading");
    this.#setStatus("Loading the checker…");
    let checker, counter;
    try {
      checker = new PrecheckWorker({ timeoutMs: START_BUDGET_MS });
      counter = new PrecheckWorker({ timeoutMs: START_BUDGET_MS });
    } catch (err) {
      this.#setStatus(
        err && err.name === "SecurityError"
          ? `The checker's files must come from this page's own site: a Web Worker cannot be started from another (${err.message}).`
          : `This browser cannot run the checker (${err.message}). A recent Firefox, Chrome, Edge or Safari can.`,
        "error",
      );
      this.#setState("error");
      this.#emitError(err);
      return;
    }
    this.#checker = checker;
    this.#counter = counter;
    checker.onrestart = (err) => {
      this.#blocked = true;
      this.#showRetry(true);
      this.#setStatus(`${this.#restartReason(err)} Your inputs are kept; press “Try again”.`, "error");
    };
    // A counter that crashed was replaced: count again. One that never started (its script
    // missing or refused) is left alone, not retried in a loop.
    counter.onrestart = () => {
      if (counter.running) this.#scheduleCount(0);
    };

    // Load the WebAssembly in both workers now, so the first check is quick.
    let started = true;
    try {
      await Promise.all([checker.count(""), this.#updateCount()]);
    } catch (err) {
      started = false;
      this.#setStatus(`The checker could not start (${err.message}). Reload the page to try again.`, "error");
      this.#emitError(err);
    }
    if (this.#checker !== checker) return; // removed from the page meanwhile
    this.#starting = null;
    if (this.dataset.state === "loading") this.#setState(started ? "idle" : "error");
    // A file that arrived while the checker loaded is checked now, timed from its arrival.
    if (started && this.#canCheck()) this.#runCheck(this.#pendingSince ?? performance.now());
    else if (started) this.#setStatus("Ready. Drop a PDF to check it.");
    this.#pendingSince = undefined;
  }

  // ---------------------------------------------------------------- inputs

  #wire() {
    const ui = this.#ui;
    const root = this.shadowRoot;
    ui.form.addEventListener("submit", (e) => e.preventDefault());
    ui.file.addEventListener("change", () => {
      const f = ui.file.files && ui.file.files[0];
      if (f) this.#takeFile(f, performance.now());
    });

    // Drops anywhere on the widget are taken (events from the shadow tree reach the host).
    const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes("Files");
    this.addEventListener("dragenter", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      this.#dragDepth++;
      ui.drop.classList.add("dragging");
    });
    this.addEventListener("dragover", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    });
    this.addEventListener("dragleave", () => {
      this.#dragDepth = Math.max(0, this.#dragDepth - 1);
      if (this.#dragDepth === 0) ui.drop.classList.remove("dragging");
    });
    this.addEventListener("drop", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const t0 = performance.now();
      this.#dragDepth = 0;
      ui.drop.classList.remove("dragging");
      const files = [...e.dataTransfer.files];
      if (!files.length) return;
      const i = Math.max(0, files.findIndex((x) => /\.pdf$/i.test(x.name) || x.type === "application/pdf"));
      const f = files[i];
      // Where the browser has it, the file's handle lets "Check again" re-read it; it must
      // be asked for during the drop event.
      const items = [...(e.dataTransfer.items || [])].filter((it) => it.kind === "file");
      const item = items.length === files.length ? items[i] : null;
      const handle = item && typeof item.getAsFileSystemHandle === "function" ? item.getAsFileSystemHandle().catch(() => null) : null;
      this.#syncPicker(f);
      this.#takeFile(f, t0, files.length, handle);
    });

    ui.abstract.addEventListener("input", () => {
      this.#saveInputs();
      this.#scheduleCount(COUNT_DELAY_MS);
      this.#scheduleCheck();
    });
    ui.kind.addEventListener("change", () => this.#kindChanged());
    ui.firstPublic.addEventListener("change", () => {
      this.#saveInputs();
      this.#scheduleCheck(0);
    });
    ui.firstPublic.addEventListener("input", () => this.#saveInputs());
    // "Not public yet" and a date exclude each other: the core takes one answer.
    ui.notYet.addEventListener("change", () => {
      ui.firstPublic.disabled = ui.notYet.checked;
      this.#saveInputs();
      this.#scheduleCheck(0);
    });
    ui.retry.addEventListener("click", () => {
      this.#blocked = false;
      this.#showRetry(false);
      this.#runCheck(performance.now());
    });

    // A mark on a small map shows its text beside it while the pointer is on it.
    root.addEventListener("pointerover", (e) => {
      const mark = e.target.closest && e.target.closest("svg[data-page] [data-finding]");
      if (mark) this.#showTip(mark);
    });
    root.addEventListener("pointerout", (e) => {
      if (e.target.closest && e.target.closest("svg[data-page] [data-finding]")) this.#hideTip();
    });
    root.addEventListener("click", (e) => {
      const t = e.target.closest ? e.target : null;
      if (!t) return;
      const link = t.closest("[data-goto]");
      if (link) {
        // A finding's page: enlarged, its mark selected.
        e.preventDefault();
        this.#openZoom(Number(link.dataset.page), link.dataset.goto, link);
        return;
      }
      const open = t.closest("[data-open]");
      if (open) {
        this.#openZoom(Number(open.dataset.open), null, open);
        return;
      }
      const unfold = t.closest("[data-unfold]");
      if (unfold) this.#unfold(unfold);
      if (t.closest("[data-to-verdict]")) {
        const v = root.querySelector("[data-verdict]");
        if (v) {
          v.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
          v.focus({ preventScroll: true });
        }
      }
    });

    // The enlarged page: ← → turn pages, Tab steps through the marks' list, Esc closes.
    ui.zoomPrev.addEventListener("click", () => this.#turnZoom(-1));
    ui.zoomNext.addEventListener("click", () => this.#turnZoom(1));
    ui.zoomClose.addEventListener("click", () => ui.zoom.close());
    ui.zoom.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        e.preventDefault();
        this.#turnZoom(e.key === "ArrowLeft" ? -1 : 1);
      }
    });
    ui.zoom.addEventListener("click", (e) => {
      if (e.target === ui.zoom) ui.zoom.close(); // the backdrop
      const mark = e.target.closest && e.target.closest("[data-mark]");
      if (mark) this.#selectMark(mark.dataset.mark, true);
    });
    ui.zoomMarks.addEventListener("focusin", (e) => {
      const b = e.target.closest && e.target.closest("[data-select]");
      if (b) this.#selectMark(b.dataset.select, false);
    });
    ui.zoom.addEventListener("close", () => {
      const opener = this.#zoom && this.#zoom.opener;
      this.#zoom = null;
      ui.zoomPage.replaceChildren();
      ui.zoomMarks.replaceChildren();
      if (opener && opener.isConnected) opener.focus();
    });
  }

  #syncPicker(f) {
    try {
      // Keep the visible picker in step with what is checked.
      const dt = new DataTransfer();
      dt.items.add(f);
      this.#ui.file.files = dt.files;
    } catch {
      /* not a File, or an older browser: the picker keeps its old label */
    }
  }

  #profileInfo() {
    return describeProfile(this.profile);
  }

  #storageKey() {
    const key = this.getAttribute("storage-key");
    if (key === "none") return null;
    return key || `precheck:${this.#profileInfo().id}`;
  }

  #fillKinds() {
    const labels = kindLabels(this.#profileInfo());
    const select = this.#ui.kind;
    const value = select.value || (KINDS.includes(this.getAttribute("kind")) ? this.getAttribute("kind") : "paper");
    select.replaceChildren(
      ...KINDS.map((k) => el("option", { value: k }, labels[k].filter(Boolean).join(" · "))),
    );
    select.value = value;
  }

  #profileChanged() {
    if (!this.#restored) return;
    this.#fillKinds();
    this.#updateTexts();
    this.#scheduleCount(0);
    if (this.#report || this.#file) this.#scheduleCheck(0);
  }

  #kindChanged() {
    this.#saveInputs();
    this.#updateTexts();
    this.#scheduleCheck(0);
  }

  #options() {
    const ui = this.#ui;
    const opts = {
      kind: ui.kind.value,
      abstract: ui.abstract.value,
      today: new Date().toISOString().slice(0, 10),
      profile: this.profile,
    };
    if (!opts.abstract.trim()) delete opts.abstract;
    // The page maps draw each page's own lines and figures; compact shows no maps.
    if (!this.hasAttribute("compact")) opts.layout = true;
    if (ui.notYet.checked) opts.firstPublic = "not-yet";
    else if (ui.firstPublic.value) opts.firstPublic = ui.firstPublic.value;
    return opts;
  }

  #saveInputs() {
    const key = this.#storageKey();
    if (!key) return;
    const ui = this.#ui;
    try {
      sessionStorage.setItem(key, JSON.stringify({ abstract: ui.abstract.value, kind: ui.kind.value, firstPublic: ui.firstPublic.value, notYet: ui.notYet.checked }));
    } catch {
      /* private mode or storage full: the inputs just don't survive a reload */
    }
  }

  #restoreInputs() {
    const key = this.#storageKey();
    let saved = null;
    try {
      saved = key ? JSON.parse(sessionStorage.getItem(key) || "null") : null;
    } catch {
      saved = null;
    }
    if (!saved) return;
    const ui = this.#ui;
    if (typeof saved.abstract === "string") ui.abstract.value = saved.abstract;
    if (KINDS.includes(saved.kind)) ui.kind.value = saved.kind;
    if (typeof saved.firstPublic === "string") ui.firstPublic.value = saved.firstPublic;
    ui.notYet.checked = saved.notYet === true;
    ui.firstPublic.disabled = ui.notYet.checked;
  }

  /** The texts that depend on the profile, the kind and compact. */
  #updateTexts() {
    const ui = this.#ui;
    const p = this.#profileInfo();
    const blog = ui.kind.value === "blog";
    ui.drop.classList.toggle("optional-file", blog);
    ui.abstractWhere.textContent = `(as you will enter it ${p.site ? `on ${p.site}` : "in the submission form"})`;
    ui.kindHelp.textContent = kindHelp(p, ui.kind.value) || "";
    ui.abstractHelp.textContent = blog
      ? "A blog post has no PDF to read it from: type it here."
      : "Left empty, the abstract is read from page 1 of the PDF.";
    let dateHelp = "When the work first appeared, e.g. its first arXiv version.";
    if (p.earliest && p.earliest > "1990") dateHelp += ` The call accepts work first public on or after ${formatDate(p.earliest)}.`;
    ui.firstPublicHelp.textContent = dateHelp;
    ui.emptyText.replaceChildren(
      el("strong", {}, "No report yet."),
      " Drop a PDF above (or choose ",
      el("em", {}, "Blog post"),
      `, which needs none) and the report appears here: a verdict${this.compact ? " and" : ","} every check with what to fix${this.compact ? "" : ", and a map of each page showing where the problems are"}.`,
    );
    this.#renderFileInfo();
  }

  #renderFileInfo() {
    const ui = this.#ui;
    const f = this.#file;
    ui.fileInfo.replaceChildren();
    if (!f) {
      if (ui.kind.value === "blog") ui.fileInfo.textContent = "A blog post needs no PDF.";
      return;
    }
    ui.fileInfo.append(icon("file", "file-icon"), el("strong", { class: "file-name" }, bdi(f.name)), ` · ${formatBytes(f.size)}`);
    if (ui.kind.value === "blog") ui.fileInfo.append(el("span", { class: "muted" }, " (not checked: a blog post needs no PDF)"));
  }

  // ---------------------------------------------------------------- file

  async #takeFile(f, t0, count = 1, handle = null) {
    const ui = this.#ui;
    // Files can arrive faster than they are read (three dropped in a row, the first the
    // largest): only the one chosen last is checked.
    const seq = ++this.#fileSeq;
    hideError(ui.fileError);
    const name = f.name || "file.pdf";
    let bytes = null;
    // A file larger than the checker reads is not read at all: the checker reports it from
    // its size (the file-format check names the limit).
    if (f.size <= MAX_FILE_BYTES) {
      try {
        // Read once and keep the bytes: re-checks then work even if the file changes on disk.
        bytes = await f.arrayBuffer();
      } catch (err) {
        if (seq !== this.#fileSeq) return;
        showError(ui.fileError, ["“", bdi(name), `” could not be read (${err.message}). Choose it again.`]);
        this.#setStatus(["Not checked: “", bdi(name), "” could not be read."], "error");
        this.#forgetFile();
        this.#emitError(err);
        return;
      }
      if (seq !== this.#fileSeq) return;
    }
    // The same file again (by name, or after "Check again"): the report says what changed.
    const last = this.#report && this.#fileName && this.#file;
    const again = this.#againOf;
    this.#againOf = null;
    if (last && (again !== null || this.#fileName === name)) {
      this.#previous = { report: this.#report, name: this.#fileName, same: sameBytes(last.bytes, bytes) };
    } else {
      this.#previous = null;
    }
    const file = { name, size: f.size, bytes, blob: bytes ? null : f, handle: null };
    this.#file = file;
    if (handle && typeof handle.then === "function") handle.then((h) => { if (h && h.kind === "file") file.handle = h; });
    else if (handle) file.handle = handle;
    this.#reveal = true;
    this.#blocked = false;
    this.#showRetry(false);
    this.#renderFileInfo();
    if (count > 1) this.#setStatus([`${count} files were dropped; checking “`, bdi(name), "”."]);
    return this.#runCheck(t0);
  }

  // A file that could not be taken replaces the one before it: the old report no longer
  // describes what the author chose, and later edits must not re-check the old file.
  #forgetFile() {
    this.#file = null;
    this.#renderFileInfo();
    this.#markStale();
  }

  // ---------------------------------------------------------------- checking

  #canCheck() {
    return Boolean(this.#checker) && !this.#starting && (this.#ui.kind.value === "blog" || Boolean(this.#file));
  }

  #scheduleCheck(delay = CHECK_DELAY_MS) {
    clearTimeout(this.#checkTimer);
    if (this.#starting || !this.#checker) return; // checked once the checker is there
    if (this.#blocked) {
      this.#setStatus("Your inputs changed. Press “Try again” to check them.");
      this.#showRetry(true);
      return;
    }
    const t = performance.now();
    this.#checkTimer = setTimeout(() => this.#runCheck(t), delay);
  }

  async #runCheck(t0 = performance.now()) {
    clearTimeout(this.#checkTimer);
    if (!this.#canCheck()) {
      if (!this.#checker || this.#starting) this.#pendingSince = this.#pendingSince ?? t0; // arrived while loading
      else if (!this.#file) this.#setStatus("Ready. Drop a PDF to check it.");
      return;
    }
    if (this.#running) {
      // One check at a time; the latest inputs are checked when this one ends.
      this.#again = this.#again ?? t0;
      return;
    }
    const ui = this.#ui;
    const checker = this.#checker;
    this.#running = true;
    this.#again = null;
    const opts = this.#options();
    const file = opts.kind === "blog" ? null : this.#file;
    hideError(ui.inputsError);
    ui.firstPublic.removeAttribute("aria-invalid");
    this.#setState("checking");
    ui.report.setAttribute("aria-busy", "true");
    const slow = setTimeout(() => ui.report.classList.add("busy"), 250);
    this.#setStatus(file ? ["Checking “", bdi(file.name), "”…"] : "Checking…");
    try {
      checker.timeoutMs = this.timeoutMs;
      // The worker receives a copy; the bytes stay here for the next check.
      const report = await checker.check(file ? file.bytes || file.blob : undefined, opts);
      if (checker !== this.#checker) return;
      // Another file was chosen while this one was checked: its report is not shown (the
      // new file's check follows at once).
      if (file && file !== this.#file) return;
      this.#report = report;
      this.#fileName = file && file.name;
      this.#renderReport(report);
      const ms = Math.round(performance.now() - t0);
      this.dataset.lastCheckMs = String(ms);
      this.dataset.checks = String(Number(this.dataset.checks || 0) + 1);
      this.#setStatus(`Checked in ${ms} ms. ${verdictSentence(report)}`);
      this.#setState("done");
      if (this.#reveal && file) {
        this.#reveal = false;
        this.#revealVerdict();
      }
      this.dispatchEvent(new CustomEvent("precheck-report", { detail: report, bubbles: true, composed: true }));
    } catch (err) {
      if (checker === this.#checker) this.#handleCheckError(err);
    } finally {
      clearTimeout(slow);
      ui.report.classList.remove("busy");
      ui.report.removeAttribute("aria-busy");
      this.#running = false;
      if (this.#again !== null && !this.#blocked && this.#checker) {
        const again = this.#again;
        this.#again = null;
        this.#runCheck(again);
      }
    }
  }

  #handleCheckError(err) {
    const ui = this.#ui;
    const name = (err && err.name) || "Error";
    const message = String((err && err.message) || err).replace(/\.$/, "");
    this.#markStale();
    this.#setState("error");
    if (name === "InvalidOptionsError") {
      showError(ui.inputsError, `Please correct your inputs: ${message}.`);
      if (/date|first/i.test(message)) ui.firstPublic.setAttribute("aria-invalid", "true");
      this.#setStatus(`Not checked: ${message}.`, "error");
    } else if (name === "TimeoutError" || name === "WorkerCrashedError") {
      this.#blocked = true;
      this.#showRetry(true);
      this.#setStatus(`${this.#restartReason(err)} Your inputs are kept; press “Try again”.`, "error");
    } else {
      this.#showRetry(true);
      this.#setStatus(`The check could not finish (${message}). Your inputs are kept; press “Try again”.`, "error");
    }
    this.#emitError(err);
  }

  #restartReason(err) {
    if (err && err.name === "WorkerStartError") return `The checker could not start${err && err.message ? ` (${err.message})` : ""}.`;
    if (err && err.name === "TimeoutError") {
      const t = this.timeoutMs;
      const budget = t >= 1000 ? `${Math.round(t / 1000)} seconds` : `${t} ms`;
      return `The check took longer than ${budget} and was stopped; the checker has been restarted.`;
    }
    // The error's own message ("precheck stopped unexpectedly (RuntimeError: …)") is for
    // developers, in the precheck-error event; authors read one sentence.
    return "The checker stopped unexpectedly and has been restarted.";
  }

  #markStale() {
    const body = this.#ui.reportBody;
    if (!this.#report || body.querySelector(".stale-note")) return;
    body.classList.add("stale");
    body.prepend(el("p", { class: "stale-note" }, "This report is from the last check that finished; it may not match your current inputs."));
  }

  #emitError(err) {
    const detail = { name: (err && err.name) || "Error", message: String((err && err.message) || err) };
    this.dispatchEvent(new CustomEvent("precheck-error", { detail, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------- word count

  #scheduleCount(delay) {
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(() => this.#updateCount(), delay);
  }

  async #updateCount() {
    const counter = this.#counter;
    if (!counter) return;
    const ui = this.#ui;
    const seq = ++this.#countSeq;
    const text = ui.abstract.value.trim(); // as the check counts it
    let result;
    try {
      result = await counter.count(text);
    } catch {
      return; // the counter restarts itself and counts again
    }
    if (seq !== this.#countSeq) return;
    const { words, chars } = result;
    const p = this.#profileInfo();
    const overWords = p.words ? words - p.words : 0;
    const overChars = p.chars ? chars - p.chars : 0;
    const over = overWords > 0 || overChars > 0;
    ui.count.replaceChildren();
    if (over) ui.count.append(icon("fail", "icon status-fail"));
    let line = `${plural(words, "word")} · ${plural(chars, "character")}`;
    if (p.words) line += ` (limit ${p.words} words)`;
    if (overWords > 0) line += `: ${plural(overWords, "word")} over`;
    else if (overChars > 0) line += `: ${plural(overChars, "character")} over ${p.site ? `${p.site}'s` : "the form's"} ${p.chars}`;
    ui.count.append(el("span", {}, line));
    ui.count.classList.toggle("over", over);
    ui.count.dataset.words = String(words);
    ui.count.dataset.chars = String(chars);
    ui.abstractHelp.hidden = text.length > 0;
    this.dispatchEvent(new CustomEvent("precheck-count", { detail: { words, chars }, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------- report

  /**
   * After a new file's check, the verdict is where the author looks: scrolled into view
   * when it is not (below the fold on a laptop, on a phone) and focused, so a screen
   * reader reads it and the keyboard continues from it. Re-checks while typing the
   * abstract leave the page where it is.
   */
  #revealVerdict() {
    const verdict = this.#ui.reportBody.querySelector("[data-verdict]");
    if (!verdict) return;
    const r = verdict.getBoundingClientRect();
    const inView = r.top >= 0 && r.bottom <= (window.innerHeight || document.documentElement.clientHeight);
    if (!inView) verdict.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    verdict.setAttribute("tabindex", "-1");
    verdict.focus({ preventScroll: true });
  }

  /** "Copy report" (Markdown for co-authors) and "Download JSON", under the verdict. */
  #renderActions(report) {
    const bar = el("div", { class: "report-actions", part: "report-actions" });
    const today = new Date().toISOString().slice(0, 10);
    const copy = el("button", { type: "button", class: "action", "data-action": "copy" }, "Copy report");
    const done = el("span", { class: "action-done", role: "status" });
    copy.addEventListener("click", async () => {
      const text = reportMarkdown(report, this.#fileName, today);
      try {
        await navigator.clipboard.writeText(text);
        done.textContent = "Copied as Markdown.";
      } catch {
        done.textContent = "The browser did not allow copying; use Download JSON instead.";
      }
    });
    const download = el("button", { type: "button", class: "action", "data-action": "download" }, "Download JSON");
    download.addEventListener("click", () => {
      const blob = new Blob([JSON.stringify(report, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: `${(this.#fileName || "report").replace(/\.pdf$/i, "")}.precheck.json` });
      a.hidden = true;
      this.shadowRoot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    });
    bar.append(copy, download);
    if (this.#file && report.kind !== "blog") {
      const again = el("button", { type: "button", class: "action", "data-action": "again", title: "Read the file again from your computer, e.g. after you fixed it, and say what changed" }, "Check again");
      again.addEventListener("click", () => this.#checkAgain());
      bar.append(again);
    }
    bar.append(done);
    return bar;
  }

  #renderReport(report) {
    this.#hideTip();
    const body = this.#ui.reportBody;
    const compact = this.compact;
    const labels = kindLabels(this.#profileInfo());
    body.classList.remove("stale");
    this.#mapJob = null; // maps of an earlier report stop being drawn
    const checks = report.checks.map((c, index) => ({ ...c, index }));
    const counts = { fail: 0, warn: 0, pass: 0, skip: 0 };
    for (const c of checks) counts[c.status] = (counts[c.status] || 0) + 1;

    const frag = document.createDocumentFragment();
    frag.append(renderVerdict(report, counts, this.#fileName, labels));
    frag.append(this.#renderActions(report));
    if (!compact) {
      const facts = renderFacts(report);
      if (facts) frag.append(facts);
    }
    if (this.#ui.zoom.open) this.#ui.zoom.close();
    const changes = this.#previous ? renderChanges(this.#previous, report) : null;
    this.#previous = null;
    if (changes) frag.append(changes);
    const drawn = compact ? { byPage: new Map(), ids: new Map() } : collectDrawn(report, checks);
    const checksSection = el("section", { class: "checks-section", part: "checks", "aria-labelledby": "checks-h" });
    checksSection.append(el("h3", { id: "checks-h" }, "Checks"));
    const list = el("ol", { class: "checks" });
    const sorted = [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.index - b.index);
    for (const c of sorted) list.append(renderCheck(c, drawn.ids, compact ? 3 : FINDINGS_SHOWN));
    checksSection.append(list);
    if (report.kind === "blog" || compact) {
      frag.append(checksSection);
    } else {
      const columns = el("div", { class: "report-columns" });
      const maps = renderMaps(report, drawn);
      columns.append(checksSection, maps.section);
      // The summary stays in view over a long report: the verdict's counts and every
      // page's status, each a way into its page.
      frag.append(renderStrip(report, counts, maps.statuses));
      frag.append(columns);
      if (maps.job) {
        this.#mapJob = maps.job;
        this.#drawMaps(maps.job, MAPS_AT_ONCE, MAPS_FIRST_MS);
      }
    }
    body.replaceChildren(frag);
  }

  /**
   * Draws the next page maps of `job`: at least `count`, more while `ms` last, then yields
   * to the browser until the next frame, so that a report of 2000 pages never holds the
   * main thread long. A newer report ends the job.
   */
  #drawMaps(job, count = 1, ms = SLICE_MS) {
    if (job.report !== this.#report) return;
    const started = performance.now();
    const frag = document.createDocumentFragment();
    let n = 0;
    while (job.next < job.entries.length) {
      const e = job.entries[job.next];
      frag.append(e.run ? renderRun(e.run[0], e.run[1]) : renderMap(e.page, job.d, job.drawn.byPage.get(e.page) || [], job.maps.get(e.page), job.poster));
      job.next++;
      n++;
      if (n >= count && performance.now() - started >= ms) break;
    }
    job.put(frag);
    if (job.next < job.entries.length) {
      const next = () => this.#drawMaps(job);
      if (document.hidden || typeof requestAnimationFrame !== "function") setTimeout(next, 0);
      else requestAnimationFrame(next);
    }
  }

  /** Unfolds a run of clean pages into their maps, in slices like the rest. */
  #unfold(button) {
    const li = button.closest("[data-run]");
    const job = this.#mapJob;
    if (!li || !job) return;
    const [from, to] = li.dataset.run.split("-").map(Number);
    const entries = [];
    for (let p = from; p <= to; p++) entries.push({ page: p });
    const marker = document.createComment("run");
    li.replaceWith(marker);
    const sub = { ...job, entries, next: 0, put: (frag) => marker.before(frag) };
    this.#drawMaps(sub, MAPS_AT_ONCE, MAPS_FIRST_MS);
    const first = this.shadowRoot.querySelector(`[data-open="${from}"].map-open`);
    if (first) first.focus();
  }

  // ---------------------------------------------------------------- the enlarged page

  /** Opens page `page` enlarged (a mark selected when `mark` is its id); focus comes back to `opener`. */
  #openZoom(page, mark, opener) {
    const job = this.#mapJob;
    if (!job || !(page >= 1 && page <= job.total)) return;
    this.#hideTip();
    const ui = this.#ui;
    this.#zoom = { page, mark, opener: (this.#zoom && this.#zoom.opener) || opener };
    this.#renderZoom();
    if (!ui.zoom.open) {
      if (typeof ui.zoom.showModal === "function") ui.zoom.showModal();
      else ui.zoom.setAttribute("open", "");
    }
    const selected = mark && ui.zoomMarks.querySelector(`[data-select="${mark}"]`);
    (selected || ui.zoomClose).focus({ preventScroll: true });
    if (selected) this.#selectMark(mark, false);
  }

  #turnZoom(delta) {
    const z = this.#zoom;
    const job = this.#mapJob;
    if (!z || !job) return;
    const page = Math.min(job.total, Math.max(1, z.page + delta));
    if (page === z.page) return;
    z.page = page;
    z.mark = null;
    this.#renderZoom();
    // Focus stays on the button that turned the page (or the dialog, for the arrow keys).
    const stay = this.shadowRoot.activeElement;
    if (!stay || !this.#ui.zoom.contains(stay)) this.#ui.zoomClose.focus();
  }

  #renderZoom() {
    const ui = this.#ui;
    const job = this.#mapJob;
    const { page } = this.#zoom;
    const items = job.drawn.byPage.get(page) || [];
    const map = job.maps.get(page);
    const [w, h] = (job.d.pageSizes && job.d.pageSizes[page - 1]) || LETTER;
    const { fails, warns } = pageStatus(items);
    ui.zoomTitle.textContent = `Page ${page} of ${job.total.toLocaleString("en-US")}`;
    ui.zoomCounts.replaceChildren();
    if (fails) ui.zoomCounts.append(el("span", { class: "map-count status-fail" }, icon("fail", "icon"), plural(fails, "failing mark")));
    if (warns) ui.zoomCounts.append(el("span", { class: "map-count status-warn" }, icon("warn", "icon"), plural(warns, "warning")));
    if (!items.length) ui.zoomCounts.append(el("span", { class: "muted" }, "Nothing outside the text block."));
    const size = paperLabel(w, h);
    if (size) ui.zoomCounts.append(el("span", { class: "muted" }, size.replace(/^, /, "")));
    ui.zoomPrev.disabled = page <= 1;
    ui.zoomNext.disabled = page >= job.total;
    const large = pageSvg(page, job.d, items, map, job.poster, true);
    large.style.aspectRatio = `${fmt(w)} / ${fmt(h)}`;
    ui.zoomPage.replaceChildren(large);
    if (!map && job.report.layout === undefined) {
      ui.zoomPage.append(el("p", { class: "help" }, "The page's own lines are not drawn: this report was made without its layout."));
    }
    ui.zoomMarks.replaceChildren();
    ui.zoomCurrent.replaceChildren();
    readingOrder(items).forEach((item, i) => {
      const b = el("button", { type: "button", class: `zoom-mark zoom-mark-${item.check.status}`, "data-select": item.id, "aria-pressed": "false" });
      b.append(icon(item.check.status, `icon status-${item.check.status}`), el("span", {}, `${i + 1}. `, findingLabel(item.check, item.finding)));
      ui.zoomMarks.append(el("li", {}, b));
    });
  }

  /** Highlights a mark on the enlarged page and says what it is, with the line it is in. */
  #selectMark(id, focusItem) {
    const ui = this.#ui;
    const job = this.#mapJob;
    const z = this.#zoom;
    if (!job || !z) return;
    const item = (job.drawn.byPage.get(z.page) || []).find((x) => x.id === id);
    if (!item) return;
    z.mark = id;
    for (const m of ui.zoomPage.querySelectorAll("[data-mark]")) m.classList.toggle("current", m.dataset.mark === id);
    for (const b of ui.zoomMarks.querySelectorAll("[data-select]")) b.setAttribute("aria-pressed", String(b.dataset.select === id));
    const { check: c, finding: f } = item;
    const current = [el("p", { class: "zoom-current-title" }, icon(c.status, `icon status-${c.status}`), `${c.title} ${c.status === "fail" ? "fails" : "warns"}`)];
    const what = findingWhat(f);
    if (what || f.note) current.push(el("p", {}, ...(what ? [what] : []), f.note ? `${what ? " — " : ""}${prose(f.note)}` : ""));
    const lines = linesAt(job.maps.get(z.page), f);
    if (lines.length) {
      const q = el("blockquote", { class: "zoom-line" });
      for (const l of lines.slice(0, 3)) q.append(el("p", {}, bdi(truncate(l.text, 240))));
      current.push(el("p", { class: "zoom-line-label" }, lines.length === 1 ? "In the line:" : "In the lines:"), q);
    }
    ui.zoomCurrent.replaceChildren(...current);
    const rect = ui.zoomPage.querySelector(`[data-mark="${id}"]`);
    if (rect) rect.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (focusItem) {
      const b = ui.zoomMarks.querySelector(`[data-select="${id}"]`);
      if (b) b.focus({ preventScroll: true });
    }
  }

  // ---------------------------------------------------------------- tooltip

  #showTip(target) {
    const tip = this.#ui.tip;
    tip.textContent = target.dataset.label || target.getAttribute("aria-label") || "";
    tip.className = `tip tip-${target.dataset.severity || "fail"}`;
    if (tip.popover) {
      if (!tip.matches(":popover-open")) tip.showPopover();
    } else {
      tip.hidden = false;
    }
    const r = target.getBoundingClientRect();
    const tw = tip.offsetWidth;
    const th = tip.offsetHeight;
    const vw = document.documentElement.clientWidth;
    let left = r.left + r.width / 2 - tw / 2;
    left = Math.max(8, Math.min(left, vw - tw - 8));
    let top = r.bottom + 8;
    if (top + th > window.innerHeight - 8) top = r.top - th - 8;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(Math.max(8, top))}px`;
  }

  #hideTip() {
    const tip = this.#ui.tip;
    if (tip.popover) {
      if (tip.matches(":popover-open")) tip.hidePopover();
    } else {
      tip.hidden = true;
    }
  }

  // The tooltip follows the pointer's mark; a scroll moves the mark away from it.
  #followTip() {
    this.#hideTip();
  }

  // ---------------------------------------------------------------- helpers

  /** `text`: a string, or strings and nodes (file names are isolated <bdi>s). */
  #setStatus(text, kind = "info") {
    this.#ui.status.replaceChildren(...(Array.isArray(text) ? text : [text]));
    this.#ui.status.dataset.kind = kind;
  }

  #setState(s) {
    this.dataset.state = s;
  }

  #showRetry(show) {
    this.#ui.retry.hidden = !show;
  }
}

// ---------------------------------------------------------------- rendering

function verdictSentence(report) {
  const n = { fail: 0, warn: 0 };
  for (const c of report.checks) if (c.status in n) n[c.status]++;
  if (report.verdict === "fail") {
    return `Not ready: ${plural(n.fail, "check")} ${n.fail === 1 ? "fails" : "fail"}${n.warn ? `, ${plural(n.warn, "warning")}` : ""}.`;
  }
  if (report.verdict === "warn") return `No check fails; ${plural(n.warn, "warning")} to look at before you submit.`;
  return "Every check passes: ready to submit.";
}

function renderVerdict(report, counts, fileName, labels) {
  const v = report.verdict;
  const box = el("div", { class: `verdict verdict-${v}`, id: "verdict", part: "verdict", "data-verdict": v });
  box.append(icon(v, `verdict-icon status-${v}`));
  const text = el("div", { class: "verdict-text" });
  const warnings = counts.warn === 1 ? "warning" : `${counts.warn} warnings`;
  const title = {
    pass: "Ready to submit",
    warn: "Nearly there: no check fails",
    fail: `Not ready yet: ${plural(counts.fail, "check")} ${counts.fail === 1 ? "fails" : "fail"}`,
  }[v];
  const advice = {
    pass: "Every check passes against the call's rules.",
    warn: `Look at the ${warnings} below before you submit; ${counts.warn === 1 ? "it" : "they"} may be fine for your submission.`,
    fail: `Fix what fails before you submit${counts.warn ? `, and look at the ${warnings}` : ""}. Each check below says how.`,
  }[v];
  text.append(el("p", { class: "verdict-title" }, title), el("p", { class: "verdict-sentence" }, advice));
  const meta = el("p", { class: "verdict-meta" });
  const kind = (labels[report.kind] && labels[report.kind][0]) || report.kind;
  meta.append(fileName ? el("span", { class: "verdict-what" }, bdi(fileName), ` · ${kind}`) : el("span", { class: "verdict-what" }, kind));
  const tally = el("span", { class: "tally" });
  for (const s of ["fail", "warn", "pass", "skip"]) {
    if (!counts[s]) continue;
    const word = { fail: "fail", warn: counts[s] === 1 ? "warning" : "warnings", pass: "pass", skip: "not applicable" }[s];
    tally.append(el("span", { class: `tally-item status-${s}` }, icon(s, "icon"), `${counts[s]} ${word}`));
  }
  meta.append(tally);
  text.append(meta);
  box.append(text);
  return box;
}

/** The verdict in a line and every page's status, kept in view over a long report. */
function renderStrip(report, counts, statuses) {
  const v = report.verdict;
  const strip = el("div", { class: `summary-strip strip-${v}`, part: "summary", "data-strip": "" });
  const title = { pass: "Ready to submit", warn: "Nearly there", fail: "Not ready yet" }[v];
  const head = el("button", { type: "button", class: "strip-verdict", "data-to-verdict": "" });
  head.append(icon(v, `icon status-${v}`), el("span", {}, title), el("span", { class: "visually-hidden" }, ": back to the verdict"));
  const tally = el("span", { class: "tally strip-tally" });
  if (counts.fail) tally.append(el("span", { class: "tally-item status-fail" }, icon("fail", "icon"), `${counts.fail} fail`));
  if (counts.warn) tally.append(el("span", { class: "tally-item status-warn" }, icon("warn", "icon"), plural(counts.warn, "warning")));
  strip.append(head, tally);
  if (statuses && statuses.length) strip.append(renderPageIndex(statuses));
  return strip;
}

/** A check's findings, listed or not. */
function findingCount(c) {
  const listed = (c.findings || []).length;
  return c.unlisted > 0 ? listed - 1 + c.unlisted : listed;
}

const NOW_WORDS = { pass: "now passes", warn: "now warns", fail: "now fails", skip: "is now not applicable" };
const WAS_WORDS = { pass: "it passed", warn: "it warned", fail: "it failed", skip: "it did not apply" };

/**
 * What changed since the file's last check (after "Check again" or the same file dropped
 * again): each check whose status moved, or whose findings grew or shrank.
 */
function renderChanges(prev, report) {
  const box = el("div", { class: "changes", part: "changes", "data-changes": "" });
  box.append(el("p", { class: "changes-title" }, "Since the last check of “", bdi(prev.name), "”"));
  const before = new Map(prev.report.checks.map((c) => [c.id, c]));
  const ul = el("ul", {});
  const pagesBefore = (prev.report.document || {}).pages;
  const pagesNow = (report.document || {}).pages;
  if (pagesBefore && pagesNow && pagesBefore !== pagesNow) ul.append(el("li", { "data-change": "pages" }, `The file has ${plural(pagesNow, "page")} (it had ${pagesBefore.toLocaleString("en-US")}).`));
  for (const c of report.checks) {
    const b = before.get(c.id);
    if (!b) continue;
    if (b.status !== c.status) {
      ul.append(el("li", { "data-change": c.id, "data-from": b.status, "data-to": c.status }, icon(c.status, `icon status-${c.status}`), `${c.title} ${NOW_WORDS[c.status]} (${WAS_WORDS[b.status]}).`));
    } else if (c.status === "fail" || c.status === "warn") {
      const nb = findingCount(b);
      const nc = findingCount(c);
      if (nb !== nc) {
        ul.append(el("li", { "data-change": c.id, "data-from": b.status, "data-to": c.status }, icon(c.status, `icon status-${c.status}`), `${c.title} still ${c.status === "fail" ? "fails" : "warns"}: ${plural(nc, "place")} (${nb.toLocaleString("en-US")} before).`));
      }
    }
  }
  if (ul.childElementCount) box.append(ul);
  else box.append(el("p", { class: "changes-none" }, prev.same ? "The file has not changed, and neither has any check's result." : "The file changed, but no check's result did."));
  return box;
}

function renderFacts(report) {
  const d = report.document || {};
  const rows = [];
  if (report.kind === "blog") {
    rows.push(["Checked", "the abstract and the date only (a blog post has no PDF)"]);
  } else if (d.pages) {
    let pages = plural(d.pages, "page");
    const read = pagesRead(d);
    if (read < d.pages) pages += `, ${read.toLocaleString("en-US")} read`;
    if (d.contentPages != null && d.contentPages !== d.pages) pages += ` (${d.contentPages.toLocaleString("en-US")} before the references)`;
    rows.push(["Pages", pages]);
    const sizes = new Set((d.pageSizes || []).map(paperName));
    if (sizes.size) rows.push(["Paper", [...sizes].join(", ")]);
    // Strings from the PDF are isolated: a U+202E in a font's name turns only that name around.
    if (d.bodyFont) rows.push(["Body font", [bdi(d.bodyFont.name), `, ${round1(d.bodyFont.size)} pt`]]);
    rows.push(["Template notice", d.notice ? ["“", bdi(d.notice), "”"] : "none found"]);
    if (d.arxiv) {
      const a = [bdi(`arXiv:${d.arxiv.id}${d.arxiv.version ? `v${d.arxiv.version}` : ""}`)];
      if (d.arxiv.date) a.push(` (${formatDate(d.arxiv.date)})`);
      rows.push(["arXiv", a]);
    }
  }
  if (d.abstract) {
    const source = d.abstract.source === "input" ? "as you typed it" : "read from the PDF";
    rows.push(["Abstract", `${plural(d.abstract.words, "word")}, ${plural(d.abstract.chars, "character")} (${source})`]);
  }
  if (!rows.length) return null;
  const dl = el("dl", { class: "facts" });
  for (const [k, v] of rows) dl.append(el("div", { class: "fact" }, el("dt", {}, k), el("dd", {}, ...(Array.isArray(v) ? v : [v]))));
  return dl;
}

function renderCheck(c, ids, shown) {
  const li = el("li", { class: `check check-${c.status}`, "data-check": c.id, "data-status": c.status, id: `check-${c.id}` });
  li.append(icon(c.status, `check-icon status-${c.status}`));
  const main = el("div", { class: "check-main" });
  li.append(main);
  main.append(
    el(
      "div",
      { class: "check-head" },
      el("h4", { class: "check-title" }, c.title || c.id),
      el("span", { class: `badge badge-${c.status}` }, statusWord(c)),
    ),
  );
  main.append(el("p", { class: "check-message" }, sentence(prose(c.message || ""))));
  if (c.hint) {
    const label = c.status === "fail" || c.status === "warn" ? "How to fix: " : "Tip: ";
    main.append(el("p", { class: "check-hint" }, el("span", { class: "hint-label" }, label), sentence(prose(c.hint))));
  }
  let findings = c.findings || [];
  // Past the core's limit per check, its last finding sums up the rest ("and 99,896
  // more pages"): shown as that line, not as a finding.
  const summary = c.unlisted > 0 ? findings[findings.length - 1] : null;
  if (summary) findings = findings.slice(0, -1);
  if (findings.length && !(c.id === "template" && c.status === "pass")) {
    const ul = el("ul", { class: "findings" });
    findings.slice(0, shown).forEach((f, i) => ul.append(renderFinding(c, f, i, ids)));
    main.append(ul);
    // However many findings a report holds, a check lists at most FINDINGS_LISTED.
    const rest = findings.slice(shown, FINDINGS_LISTED);
    if (rest.length) {
      const details = el("details", { class: "more" });
      details.append(el("summary", {}, `Show ${rest.length} more`));
      const more = el("ul", { class: "findings" });
      rest.forEach((f, i) => more.append(renderFinding(c, f, i + shown, ids)));
      details.append(more);
      main.append(details);
    }
    const unlisted = findings.length - Math.max(shown, FINDINGS_LISTED);
    if (unlisted > 0) main.append(el("p", { class: "findings-more" }, `…and ${plural(unlisted, "more finding")}, not listed.`));
    if (summary && summary.note) main.append(el("p", { class: "findings-more" }, `…${summary.note}, not listed.`));
  }
  return li;
}

function renderFinding(c, f, i, ids) {
  const li = el("li", { class: "finding" });
  const mapId = ids.get(`${c.index}-${i}`);
  if (f.page) {
    const label = `Page ${f.page}`;
    if (mapId) li.append(el("a", { href: `#${mapId}`, class: "page-link", "data-goto": mapId, "data-page": String(f.page), title: "Show it on the page map" }, label));
    else li.append(el("span", { class: "page-label" }, label));
    li.append(": ");
  }
  const what = findingWhat(f);
  if (what) li.append(what);
  if (f.note) li.append(what ? ` — ${prose(f.note)}` : prose(f.note));
  return li;
}

/** What the core says a located finding is: text (quoted), an image or a drawing. */
const OBJECT_WORDS = { image: "an image", drawing: "a drawing" };

function findingWhat(f) {
  if (OBJECT_WORDS[f.object]) return el("em", {}, OBJECT_WORDS[f.object]);
  if (!f.text) return null;
  return el("q", { class: "finding-text" }, bdi(truncate(f.text, 90)));
}

function findingLabel(c, f) {
  let label = `${c.title} ${c.status === "fail" ? "fails" : "warns"}`;
  // Plain text (a title, an aria-label): the PDF's text is isolated with FSI … PDI.
  const what = OBJECT_WORDS[f.object] || (f.text ? `“${isolated(truncate(f.text, 120))}”` : "");
  if (what) label += `: ${what}`;
  if (f.note) label += what ? ` — ${prose(f.note)}` : `: ${prose(f.note)}`;
  return label;
}

// The findings to draw: fail and warn findings with a box, and those of page-level
// checks (a page of the wrong size, a page over the limit) as the whole page.
function collectDrawn(report, checks) {
  const byPage = new Map();
  const ids = new Map();
  const pages = pagesRead(report.document || {});
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    (c.findings || []).forEach((f, i) => {
      if (!f.page || f.page > pages) return;
      const whole = !f.bbox && WHOLE_PAGE_CHECKS.has(c.id);
      if (!f.bbox && !whole) return;
      const id = `m-${c.index}-${i}`;
      ids.set(`${c.index}-${i}`, id);
      if (!byPage.has(f.page)) byPage.set(f.page, []);
      byPage.get(f.page).push({ check: c, finding: f, id, whole });
    });
  }
  return { byPage, ids };
}

/**
 * The page maps' section, and the job that draws its maps (the widget draws them in
 * slices). Only pages that were read are drawn: the core reads at most 2000, however many
 * a file declares.
 */
function renderMaps(report, drawn) {
  const d = report.document || {};
  const section = el("section", { class: "maps-section", part: "maps", "aria-labelledby": "maps-h" });
  const head = el("div", { class: "maps-head" });
  head.append(el("h3", { id: "maps-h" }, "Page maps"));
  const pages = d.pages || 0;
  const total = pagesRead(d);
  if (!pages || !total) {
    const why = report.kind === "blog" ? "A blog post has no pages to map." : "No page maps: the file could not be read as a PDF.";
    head.append(el("p", { class: "muted" }, why));
    section.append(head);
    return { section, job: null };
  }
  head.append(renderLegend(d));
  section.append(head);
  section.append(
    el(
      "p",
      { class: "help maps-help" },
      "Each page is drawn from its own lines and figures, at its own size; what falls outside the text block is marked where it is. Open a page to see it enlarged, its marks listed in reading order.",
    ),
  );
  if (total < pages) {
    const from = (total + 1).toLocaleString("en-US");
    const to = pages.toLocaleString("en-US");
    section.append(el("p", { class: "maps-note", "data-maps-not-read": `${total + 1}-${pages}` }, total + 1 === pages ? `Page ${to} was not read, so it is not drawn.` : `Pages ${from}–${to} were not read, so they are not drawn.`));
  }
  const grid = el("ol", { class: "maps", "data-maps": String(total) });
  section.append(grid);
  const maps = new Map((report.layout || []).map((m) => [m.page, m]));
  const statuses = pageStatuses(drawn, total);
  const entries = mapEntries(statuses);
  return {
    section,
    statuses,
    job: { report, put: (frag) => grid.append(frag), d, drawn, entries, next: 0, total, maps, poster: report.kind === "poster" },
  };
}

/** Each page's status from its marks: "fail", "warn" or "clean"; index 0 is page 1. */
function pageStatuses(drawn, total) {
  const out = new Array(total);
  for (let p = 1; p <= total; p++) out[p - 1] = pageStatus(drawn.byPage.get(p) || []).status;
  return out;
}

/**
 * What the grid shows, in order: a page's map, or (in a paper longer than COLLAPSE_AFTER
 * pages) a run of at least COLLAPSE_RUN clean pages folded into one line.
 */
function mapEntries(statuses) {
  const entries = [];
  const total = statuses.length;
  for (let p = 1; p <= total; ) {
    let q = p;
    while (q < total && statuses[q] === "clean" && statuses[p - 1] === "clean") q++;
    if (statuses[p - 1] === "clean" && total > COLLAPSE_AFTER && q - p + 1 >= COLLAPSE_RUN) {
      entries.push({ run: [p, q] });
      p = q + 1;
    } else {
      entries.push({ page: p });
      p++;
    }
  }
  return entries;
}

/**
 * The page index: consecutive pages of one status as one entry ("1–9", "10", "11–33"),
 * each a button that opens its first page enlarged. Its length is bounded by the changes
 * of status, not by the pages.
 */
function renderPageIndex(statuses) {
  const nav = el("nav", { class: "page-index", "aria-label": "Pages" });
  const ol = el("ol");
  const words = { fail: "fails", warn: "warning", clean: "nothing outside the block" };
  const icons = { fail: "fail", warn: "warn", clean: "pass" };
  for (let p = 1; p <= statuses.length; ) {
    let q = p;
    while (q < statuses.length && statuses[q] === statuses[p - 1]) q++;
    const st = statuses[p - 1];
    const range = p === q ? `${p}` : `${p}–${q}`;
    const b = el("button", { type: "button", class: `index-item index-${st}`, "data-open": String(p), "data-label": `${p === q ? "Page" : "Pages"} ${range}: ${words[st]}` });
    b.append(
      icon(icons[st], `icon status-${icons[st] === "pass" ? "pass" : st}`),
      el("span", { class: "visually-hidden" }, p === q ? "Page " : "Pages "),
      range,
      el("span", { class: "visually-hidden" }, `: ${words[st]}`),
    );
    ol.append(el("li", {}, b));
    p = q + 1;
  }
  nav.append(el("span", { class: "index-label", "aria-hidden": "true" }, "Pages"), ol);
  return nav;
}

/** Pages the core read (it sizes each one), at most the pages the file has. */
function pagesRead(d) {
  return Math.min(d.pages || 0, (d.pageSizes || []).length);
}

function renderLegend(d) {
  const legend = el("ul", { class: "legend", "aria-label": "Legend" });
  const swatch = (cls) => {
    const s = svg("svg", { viewBox: "0 0 24 14", class: "swatch", "aria-hidden": "true" });
    s.append(svg("rect", { x: 1.5, y: 1.5, width: 21, height: 11, class: cls }));
    return s;
  };
  const items = [
    el("li", {}, swatch("block"), "the template's text block"),
    d.measuredBlock ? el("li", {}, swatch("measured"), "the block your text fills") : null,
    el("li", {}, swatch("mark mark-fail"), "fails"),
    el("li", {}, swatch("mark mark-warn"), "warning"),
  ];
  legend.append(...items.filter(Boolean));
  return legend;
}

/**
 * The page's own content, under the marks: each text line as text at its place and size
 * (stretched to the line's width, so it reads when the map is enlarged and shows as the
 * line's grey bar when it is small), images as shaded boxes, drawings as outlines.
 */
function renderContent(map, h) {
  const g = svg("g", { class: "content", "aria-hidden": "true" });
  for (const [x0, y0, x1, y1] of map.images) {
    g.append(svg("rect", { class: "image", x: fmt(x0), y: fmt(h - y1), width: fmt(x1 - x0), height: fmt(y1 - y0) }));
  }
  for (const [x0, y0, x1, y1] of map.drawings) {
    g.append(svg("rect", { class: "drawing", x: fmt(x0), y: fmt(h - y1), width: fmt(x1 - x0), height: fmt(y1 - y0) }));
  }
  for (const line of map.lines) {
    const [x0, , x1] = line.bbox;
    const t = svg("text", {
      class: "line",
      x: fmt(x0),
      y: fmt(h - line.baseline),
      "font-size": fmt(line.size),
      textLength: fmt(Math.max(x1 - x0, 1)),
      lengthAdjust: "spacingAndGlyphs",
    });
    t.textContent = line.text || "\u2014";
    g.append(t);
  }
  return g;
}

/** How a page's marks add up: "fail", "warn" or "clean", and the counts. */
function pageStatus(items) {
  const fails = items.filter((x) => x.check.status === "fail").length;
  const warns = items.length - fails;
  return { fails, warns, status: fails ? "fail" : warns ? "warn" : "clean" };
}

function pageLabel(p, w, h, items) {
  const { fails, warns } = pageStatus(items);
  return `Page ${p}${paperLabel(w, h)}: ${items.length ? `${plural(fails, "failing mark")}, ${plural(warns, "warning")}` : "nothing outside the text block"}`;
}

/**
 * A page drawn as an SVG: the paper, its content (from the report's layout), the
 * template's block, the measured block and the marks. Small in the grid (marks read on
 * hover; the map is one button), large in the enlarged view (marks selected from its list).
 */
function pageSvg(p, d, items, map, poster, large) {
  const [w, h] = (d.pageSizes && d.pageSizes[p - 1]) || LETTER;
  const s = svg("svg", {
    viewBox: `0 0 ${fmt(w)} ${fmt(h)}`,
    class: large ? "page-map page-large" : "page-map",
    preserveAspectRatio: "xMidYMid meet",
  });
  if (large) {
    s.setAttribute("data-zoom-page", String(p));
    s.setAttribute("role", "img");
    s.setAttribute("aria-label", pageLabel(p, w, h, items));
  } else {
    s.setAttribute("data-page", String(p));
    s.setAttribute("aria-hidden", "true");
  }
  s.append(svg("rect", { class: "paper", x: 0, y: 0, width: fmt(w), height: fmt(h) }));
  if (map) s.append(renderContent(map, h));
  // A poster has no text block to keep to.
  const block = !poster && d.textBlocks && d.textBlocks[p - 1];
  if (block) {
    const [x0, y0, x1, y1] = block;
    s.append(svg("rect", { class: "block", x: fmt(x0), y: fmt(h - y1), width: fmt(x1 - x0), height: fmt(y1 - y0) }));
  }
  if (!poster && d.measuredBlock) {
    const [x0, y0, x1, y1] = d.measuredBlock;
    s.append(svg("rect", { class: "measured", x: fmt(x0), y: fmt(h - y1), width: fmt(x1 - x0), height: fmt(y1 - y0) }));
  }
  // Warnings under failures, large marks under small ones, so every mark stays visible.
  const ordered = [...items].sort(
    (a, b) => (a.check.status === "fail") - (b.check.status === "fail") || area(b, w, h) - area(a, w, h),
  );
  const minSize = Math.max(w, h) / (large ? 300 : 110); // a hairline rule stays visible
  for (const item of ordered) {
    const { check: c, finding: f, id, whole } = item;
    const [x, y, bw, bh] = markRect(item, w, h, minSize);
    const r = svg("rect", {
      class: `mark mark-${c.status}${whole ? " whole" : ""}`,
      x: fmt(x),
      y: fmt(y),
      width: fmt(bw),
      height: fmt(bh),
      "data-finding": c.id,
      "data-severity": c.status,
      "data-label": `Page ${p}, ${findingLabel(c, f)}`,
    });
    if (large) r.setAttribute("data-mark", id);
    else r.setAttribute("id", id);
    s.append(r);
  }
  return s;
}

/** A mark's rectangle in SVG coordinates (y down), at least `minSize` each way. */
function markRect({ finding: f, whole }, w, h, minSize) {
  const [x0, y0, x1, y1] = whole ? [0, 0, w, h] : f.bbox;
  let x = Math.min(x0, x1);
  let y = h - Math.max(y0, y1);
  let bw = Math.abs(x1 - x0);
  let bh = Math.abs(y1 - y0);
  if (bw < minSize) [x, bw] = [x - (minSize - bw) / 2, minSize];
  if (bh < minSize) [y, bh] = [y - (minSize - bh) / 2, minSize];
  return [x, y, bw, bh];
}

/** Marks in reading order: top to bottom, then left to right (whole-page marks first). */
function readingOrder(items) {
  const key = (x) => (x.whole ? [Infinity, 0] : [Math.max(x.finding.bbox[1], x.finding.bbox[3]), Math.min(x.finding.bbox[0], x.finding.bbox[2])]);
  return [...items].sort((a, b) => {
    const [ta, la] = key(a);
    const [tb, lb] = key(b);
    return ta === tb ? la - lb : tb - ta;
  });
}

/** The page's lines a finding's box touches, as the author wrote them. */
function linesAt(map, f) {
  if (!map || !f.bbox) return [];
  const [fx0, fy0, fx1, fy1] = f.bbox;
  const lo = Math.min(fy0, fy1);
  const hi = Math.max(fy0, fy1);
  return map.lines.filter((l) => {
    const [x0, y0, x1, y1] = l.bbox;
    return l.text && y1 > lo && y0 < hi && x1 > Math.min(fx0, fx1) && x0 < Math.max(fx0, fx1);
  });
}

function renderMap(p, d, items, map, poster) {
  const [w, h] = (d.pageSizes && d.pageSizes[p - 1]) || LETTER;
  const { fails, warns } = pageStatus(items);
  const li = el("li", { class: "map" + (fails ? " has-fail" : warns ? " has-warn" : ""), "data-map": String(p) });
  const fig = el("figure");
  // The button is named by its words, not an aria-label: what it shows is the page itself.
  const open = el("button", { type: "button", class: "map-open", "data-open": String(p) });
  open.append(el("span", { class: "visually-hidden" }, `${pageLabel(p, w, h, items)}. Open it enlarged.`), pageSvg(p, d, items, map, poster, false));
  fig.append(el("div", { class: "map-frame" }, open));
  const cap = el("figcaption", { "aria-hidden": "true" }, el("span", { class: "map-page" }, `Page ${p}`));
  if (fails) cap.append(el("span", { class: "map-count status-fail" }, icon("fail", "icon"), String(fails)));
  if (warns) cap.append(el("span", { class: "map-count status-warn" }, icon("warn", "icon"), String(warns)));
  const size = paperLabel(w, h);
  if (size) cap.append(el("span", { class: "map-size" }, size.replace(/^, /, "")));
  fig.append(cap);
  li.append(fig);
  return li;
}

/** Clean pages of a long paper, folded into one line that unfolds into their maps. */
function renderRun(from, to) {
  const li = el("li", { class: "map-run", "data-run": `${from}-${to}` });
  const b = el("button", { type: "button", class: "run-open", "data-unfold": `${from}-${to}`, "aria-expanded": "false" });
  b.append(icon("pass", "icon status-pass"), el("span", {}, `Pages ${from}–${to}: nothing outside the block`), el("span", { class: "run-show" }, "Show them"));
  li.append(b);
  return li;
}

function area(item, w, h) {
  if (item.whole) return w * h;
  const [x0, y0, x1, y1] = item.finding.bbox;
  return Math.abs((x1 - x0) * (y1 - y0));
}

// ---------------------------------------------------------------- helpers

function showError(node, text) {
  node.replaceChildren(...(Array.isArray(text) ? text : [text]));
  node.hidden = false;
}

function hideError(node) {
  node.textContent = "";
  node.hidden = true;
}

/** Whether two reads of a file hold the same bytes (false when either was not read). */
function sameBytes(a, b) {
  if (!a || !b || a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function plural(n, word) {
  return `${Number(n).toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

function sentence(text) {
  const t = String(text).trim();
  if (!t) return t;
  const first = t.split(/\s/, 1)[0];
  const capped = first === first.toLowerCase() ? t[0].toUpperCase() + t.slice(1) : t;
  return /[.!?)"”]$/.test(capped) ? capped : `${capped}.`;
}

function truncate(text, n) {
  const t = String(text).replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

function fmt(x) {
  return String(Math.round(x * 100) / 100);
}

/** A file's size as the core's file-size check writes it: decimal megabytes, one decimal; kilobytes, rounded up, under 0.1 MB. */
function formatBytes(n) {
  if (n < 100_000) return `${Math.ceil(n / 1000)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/**
 * A string from the PDF (a font's name, a line of text) or the author's file name, as an
 * isolated <bdi>: its direction, and any bidi control inside it (U+202E turns text around),
 * stay inside, away from the widget's own words.
 */
function bdi(text) {
  return el("bdi", {}, visible(text));
}

/**
 * Control characters from a PDF (ESC, NUL, CR, the C1 range) shown as U+FFFD, line breaks
 * and tabs as spaces: invisible in a page, they would only hide or fake what the PDF says.
 */
function visible(text) {
  return String(text)
    .replace(/[\t\n\r]/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
}

/** The same for plain text (titles, aria-labels): FSI … PDI around it, isolate marks inside dropped. */
function isolated(text) {
  return `\u2068${visible(text).replace(/[\u2066-\u2069]/g, "")}\u2069`;
}

/**
 * The core's sentences (messages, hints, notes) quote names from the PDF without marking
 * where they end, so their bidi embedding, override and isolate controls are dropped:
 * they could only come from the PDF, and would turn the rest of the sentence around.
 */
function prose(text) {
  return visible(text).replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso;
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

function paperName([w, h]) {
  const near = (a, b) => Math.abs(a - b) <= 3;
  const sizes = { "US Letter": [612, 792], A4: [595, 842], A3: [842, 1191], A0: [2384, 3370], "US Legal": [612, 1008] };
  for (const [name, [sw, sh]] of Object.entries(sizes)) {
    if ((near(w, sw) && near(h, sh)) || (near(w, sh) && near(h, sw))) {
      return `${name}${w > h ? " landscape" : ""} (${Math.round(w)} × ${Math.round(h)} pt)`;
    }
  }
  return `${Math.round(w)} × ${Math.round(h)} pt`;
}

function paperLabel(w, h) {
  if (Math.abs(w - LETTER[0]) <= 3 && Math.abs(h - LETTER[1]) <= 3) return "";
  return `, ${paperName([w, h])}`;
}

if (globalThis.customElements && !customElements.get(TAG)) customElements.define(TAG, PrecheckWidget);
