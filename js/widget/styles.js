// The widget's styles: one constructed stylesheet shared by every widget on the page.




// Isolation, both ways. Nothing here reaches the host page (the styles live in the shadow
// root). The host page reaches the widget only through inheritance, into the host element
// (a venue's `* { color: red; font-size: 20px }` matches it), so every inherited property
// is set again on .root, the one element inside that holds everything else: `all:
// initial` resets them, then the widget sets its own. Custom properties still inherit,
// which is how a venue themes it (--precheck-*). Sizes are in em from .root's font size,
// `--precheck-font-size` (16px by default), never in rem: a host's `html { font-size: 10px
// }` does not shrink the widget. Spacing is in em of the element's own font size (so
// 0.5263em on 0.95em text is 8px at the 16px base); hairlines, radii, shadows and the
// page maps' SVG strokes stay in px.
//
// Light and dark: each colour is light-dark(light, dark), and .root's color-scheme picks:
// light by default, dark with theme="dark", and with theme="auto" the host page's own
// color-scheme (inherited: `:root { color-scheme: light dark }` follows the system, a
// page that declares none stays light).

export const CSS = `
:host {
  --bg: var(--precheck-bg, light-dark(#f5f6f8, #0f1217));
  --surface: var(--precheck-surface, light-dark(#ffffff, #171b22));
  --text: var(--precheck-fg, light-dark(#1a1e24, #e7eaef));
  --accent: var(--precheck-accent, light-dark(#1d5fbf, #7fb0ff));
  --pass: var(--precheck-pass, light-dark(#17743a, #56c776));
  --warn: var(--precheck-warn, light-dark(#8a5a00, #e7b64a));
  --warn-mark: var(--precheck-warn-mark, light-dark(#c98500, #e7b64a));
  --fail: var(--precheck-fail, light-dark(#c4232d, #ff8078));
  --paper: light-dark(var(--surface), color-mix(in srgb, var(--text) 9%, var(--surface)));
  --shadow: 0 1px 2px light-dark(rgb(20 30 45 / 6%), rgb(0 0 0 / 40%)), 0 2px 8px light-dark(rgb(20 30 45 / 5%), transparent);
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
  display: block;
}
.root {
  all: initial;
  display: block;
  container-type: inline-size;
  color-scheme: light;
  background: var(--bg);
  color: var(--text);
  border-radius: var(--radius);
  padding: var(--precheck-padding, 1em);
  font: var(--precheck-font-size, 16px) / 1.55 var(--precheck-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif);
  direction: ltr;
  unicode-bidi: isolate;
  text-align: start;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
:host([theme="dark"]) .root { color-scheme: dark; }
:host([theme="auto"]) .root { color-scheme: inherit; }
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
  padding: 1.375em 1.5em;
}
.inputs h2 { font-size: 1.2em; margin-bottom: 16px; }
.input-grid { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 1.25em 1.75em; }
.abstract-field { grid-column: 1 / -1; }
.drop {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.25em;
  min-height: 11.875em;
  padding: 1.375em 1.125em;
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
.drop-icon { width: 2.125em; height: 2.125em; color: var(--accent); }
.drop-title { font-size: 1.15em; font-weight: 650; }
.drop-sub { color: var(--muted); font-size: 0.95em; margin-bottom: 0.5263em; }
.drop.optional-file { border-color: var(--border); }
.drop.optional-file .drop-icon { color: var(--muted); }
input[type="file"] { max-width: 100%; font: inherit; font-size: 0.92em; color: var(--muted); }
input[type="file"]::file-selector-button {
  font: inherit; font-weight: 600;
  margin-right: 0.6793em; padding: 0.4755em 0.9511em;
  border-radius: 8px; border: 1px solid var(--accent);
  background: var(--surface); color: var(--accent);
  cursor: pointer;
}
input[type="file"]::file-selector-button:hover { background: var(--accent-soft); }
.file-info { display: flex; align-items: center; flex-wrap: wrap; gap: 0.3947em; min-height: 1.6em; margin: 0.6579em 0.1316em 0; font-size: 0.95em; }
.file-info:empty { display: none; }
.file-icon { width: 1.3158em; height: 1.3158em; color: var(--muted); }
.file-name { overflow-wrap: anywhere; }
.field + .field { margin-top: 1em; }
.field label { display: block; font-weight: 650; margin-bottom: 0.375em; }
.optional { font-weight: 400; color: var(--muted); }
select, textarea, input[type="date"] {
  width: 100%;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border-strong);
  border-radius: 8px;
  padding: 0.5625em 0.6875em;
}
select { padding-right: 0.5em; }
textarea { display: block; resize: vertical; min-height: 8.5em; line-height: 1.5; }
select:focus-visible, textarea:focus-visible, input[type="date"]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 1px; border-color: var(--focus); border-radius: 8px;
}
[aria-invalid="true"] { border-color: var(--fail); }
.help { margin: 0.4286em 0 0; font-size: 0.875em; color: var(--muted); }
.field .not-yet { display: flex; gap: 0.4em; align-items: center; margin: 0.375em 0 0; font-weight: normal; }
.field input:disabled { opacity: 0.55; }
.help[hidden] { display: none; }
.abstract-meta { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 0.25em 1em; }
.count { margin: 0.4076em 0 0; font-size: 0.92em; font-variant-numeric: tabular-nums; display: flex; align-items: center; gap: 0.4076em; }
.count.over { color: var(--fail); font-weight: 600; }
.field-error {
  margin: 0.6649em 0 0; padding: 0.5319em 0.7979em;
  border-radius: 8px;
  background: var(--fail-bg); color: var(--fail);
  font-weight: 600; font-size: 0.94em;
}
.field-error[hidden] { display: none; }
.statusbar {
  display: flex; align-items: center; gap: 0.5em 0.875em; flex-wrap: wrap;
  margin-top: 1.125em; padding-top: 0.875em;
  border-top: 1px solid var(--border);
}
.status { margin: 0; flex: 1 1 16em; color: var(--muted); font-size: 0.95em; }
.status[data-kind="error"] { color: var(--fail); font-weight: 600; }
.privacy { display: inline-flex; align-items: center; gap: 0.4412em; margin: 0; color: var(--muted); font-size: 0.85em; }
.privacy .icon { color: var(--pass); width: 1.1765em; height: 1.1765em; }
.button {
  font: inherit; font-weight: 600;
  padding: 0.5em 1em;
  border-radius: 8px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--surface);
  cursor: pointer;
}
.button:hover { filter: brightness(1.08); }
.button[hidden] { display: none; }

/* ---------------------------------------------------------------- report */
.report { margin: 1.75em 0 0; }
.report-body { transition: opacity 0.2s; }
.report.busy .report-body, .report-body.stale { opacity: 0.55; }
.stale-note {
  margin: 0 0 12px; padding: 8px 12px;
  border-radius: 8px;
  background: var(--warn-bg); color: var(--warn);
  font-weight: 600;
}
.empty { padding: 1.75em 1.5em; border: 1px dashed var(--border-strong); border-radius: var(--radius); color: var(--muted); text-align: center; }
.empty p { max-width: 40em; margin: 0 auto; }
.verdict {
  display: flex; gap: 1.125em; align-items: flex-start;
  padding: 1.25em 1.5em;
  border-radius: var(--radius);
  border: 1px solid var(--border);
  border-left-width: 6px;
  background: var(--surface);
  box-shadow: var(--shadow);
}
.verdict-pass { border-left-color: var(--pass); background: linear-gradient(90deg, var(--pass-bg), var(--surface) 60%); }
.verdict-warn { border-left-color: var(--warn-mark); background: linear-gradient(90deg, var(--warn-bg), var(--surface) 60%); }
.verdict-fail { border-left-color: var(--fail); background: linear-gradient(90deg, var(--fail-bg), var(--surface) 60%); }
.verdict-icon { width: 2.5em; height: 2.5em; flex: none; margin-top: 0.125em; }
.verdict-text { min-width: 0; }
.verdict-title { margin: 0; font-size: 1.35em; font-weight: 700; line-height: 1.3; }
.verdict-sentence { margin: 0.125em 0 0.5em; }
.verdict-meta { display: flex; flex-wrap: wrap; gap: 0.4167em 1.25em; margin: 0; font-size: 0.9em; color: var(--muted); }
.verdict-what { overflow-wrap: anywhere; }
.tally { display: inline-flex; flex-wrap: wrap; gap: 4px 14px; }
.tally-item { display: inline-flex; align-items: center; gap: 5px; font-weight: 600; }
.facts {
  display: flex; flex-wrap: wrap;
  margin: 1em 0 0;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  overflow: hidden;
  background: var(--surface);
}
.fact {
  flex: 1 1 180px; min-width: 0;
  padding: 0.625em 0.875em;
  /* inner rules only: the outer ones fall under the container's clipped edge */
  border-right: 1px solid var(--border);
  border-bottom: 1px solid var(--border);
  margin: 0 -0.0625em -0.0625em 0;
}
.fact dt { font-size: 0.78em; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 650; }
.fact dd { margin: 0.133em 0 0; font-size: 0.94em; overflow-wrap: anywhere; }
.checks-section, .maps-section { margin-top: 1.75em; min-width: 0; }
.checks-section h3, .maps-section h3 { font-size: 1.2em; margin-bottom: 12px; }
.checks {
  list-style: none; margin: 0; padding: 0;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
}
.check {
  display: grid; grid-template-columns: 1.375em minmax(0, 1fr); gap: 0 0.75em;
  padding: 0.875em 1.25em 0.875em 1em;
  border-left: 4px solid transparent;
}
.check + .check { border-top: 1px solid var(--border); }
.check:first-child { border-top-left-radius: var(--radius); }
.check:last-child { border-bottom-left-radius: var(--radius); }
.check-fail { border-left-color: var(--fail); }
.check-warn { border-left-color: var(--warn-mark); }
.check-icon { width: 1.375em; height: 1.375em; margin-top: 0.0625em; }
.check-head { display: flex; align-items: baseline; justify-content: space-between; gap: 0.25em 0.75em; flex-wrap: wrap; }
.check-title { font-size: 1.02em; font-weight: 650; }
.badge {
  flex: none;
  padding: 0.0801em 0.7212em;
  border-radius: 999px;
  font-size: 0.78em; font-weight: 700; letter-spacing: 0.02em; text-transform: uppercase;
  border: 1px solid currentColor;
}
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-warn { color: var(--warn); background: var(--warn-bg); }
.badge-fail { color: var(--fail); background: var(--fail-bg); }
.badge-skip { color: var(--skip); background: var(--skip-bg); }
.check-message { margin: 4px 0 0; }
.check-hint { margin: 4px 0 0; font-size: 0.93em; color: var(--muted); }
.hint-label { font-weight: 650; color: var(--text); }
.check-pass .check-message, .check-skip .check-message { color: var(--muted); font-size: 0.95em; }
.check-pass .check-hint, .check-skip .check-hint { font-size: 0.88em; }
.findings { margin: 8px 0 0; padding: 0; list-style: none; font-size: 0.92em; }
.finding { padding: 3px 0 3px 12px; border-left: 2px solid var(--border); overflow-wrap: anywhere; }
.finding + .finding { margin-top: 2px; }
.page-link, .page-label { font-weight: 650; white-space: nowrap; }
.finding-text { color: var(--muted); }
.more { margin: 0.2899em 0 0; font-size: 0.92em; }
.more summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 0.1449em 0; }

/* ---------------------------------------------------------------- page maps */
.maps-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5em 1.5em; }
.maps-head h3 { margin-bottom: 0.2083em; }
.maps-help { margin: 0 0 1em; }
.legend { display: flex; flex-wrap: wrap; gap: 0.2841em 1.2784em; margin: 0; padding: 0; list-style: none; font-size: 0.88em; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 0.4261em; }
.swatch { width: 1.7045em; height: 0.9943em; }
.swatch .block { fill: var(--paper); stroke-dasharray: 4 3; }
.swatch rect { vector-effect: non-scaling-stroke; stroke-width: 1.5; }
.maps {
  list-style: none; margin: 0; padding: 0;
  display: grid; grid-template-columns: repeat(auto-fill, minmax(11.25em, 1fr)); gap: 1.375em 1.125em;
}
.map { content-visibility: auto; contain-intrinsic-size: auto 150px auto 240px; }
.map figure { margin: 0; }
.maps-note { margin: 0 0 12px; font-size: 0.92em; color: var(--muted); }
.findings-more { margin: 4px 0 0; font-size: 0.88em; color: var(--muted); }
bdi { unicode-bidi: isolate; }
.map-frame { display: flex; align-items: flex-end; justify-content: center; height: 100%; }
.page-map {
  display: block;
  width: 100%; max-width: 13.125em;
  height: auto; max-height: 18.75em;
  overflow: visible;
  filter: drop-shadow(0 1px 2px rgb(0 0 0 / 14%));
}
.page-map .paper { fill: var(--paper); stroke: var(--paper-edge); stroke-width: 1; vector-effect: non-scaling-stroke; }
.block { fill: none; stroke: var(--block); stroke-width: 1.25; stroke-dasharray: 5 4; vector-effect: non-scaling-stroke; }
.measured { fill: none; stroke: var(--block); stroke-width: 1.25; stroke-dasharray: 1 3; vector-effect: non-scaling-stroke; }
.report-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; margin: 0.75em 0 0.25em; }
.report-actions .action { font: inherit; font-size: 0.9em; padding: 0.4167em 0.8333em; border-radius: 6px; border: 1px solid var(--paper-edge); background: var(--surface); color: var(--text); cursor: pointer; }
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
  display: flex; align-items: center; gap: 0.5435em; width: 100%;
  padding: 0.6793em 0.9511em; border: 1px dashed var(--border); border-radius: 8px;
  background: var(--surface); color: var(--text); font: inherit; font-size: 0.92em; text-align: start; cursor: pointer;
}
.run-open .icon { width: 1.1em; height: 1.1em; flex: none; }
.run-show { margin-inline-start: auto; color: var(--accent); font-weight: 600; white-space: nowrap; }
.run-open:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.summary-strip {
  position: sticky; top: 0; z-index: 2;
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.4076em 1.087em;
  margin: 1.087em 0 0; padding: 0.5435em 0.8152em;
  background: var(--surface); border: 1px solid var(--border); border-radius: 10px;
  box-shadow: var(--shadow);
  font-size: 0.92em;
}
.strip-verdict {
  display: inline-flex; align-items: center; gap: 0.4076em;
  padding: 0.1359em 0.2717em; border: 0; background: none; color: var(--text); font: inherit; font-weight: 700; cursor: pointer;
}
.strip-verdict .icon { width: 1.2em; height: 1.2em; }
.strip-verdict:focus-visible, .index-item:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.page-index { display: flex; align-items: center; gap: 0.5435em; min-width: 0; flex: 1 1 260px; }
.index-label { color: var(--muted); font-weight: 600; }
.page-index ol { display: flex; gap: 0.2717em; margin: 0; padding: 0.1359em; list-style: none; overflow-x: auto; scrollbar-width: thin; }
.index-item {
  display: inline-flex; align-items: center; gap: 0.2264em;
  padding: 0.151em 0.5284em; border: 1px solid var(--border); border-radius: 999px;
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
  width: min(96vw, 80em); max-width: none; height: 94vh; max-height: none;
  margin: auto; padding: 0;
  border: 1px solid var(--border); border-radius: 12px;
  background: var(--bg); color: var(--text);
  font: inherit;
  overflow: hidden;
}
.zoom[open] { display: flex; flex-direction: column; }
.zoom::backdrop { background: rgb(10 14 20 / 55%); }
.zoom-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.375em 1em;
  padding: 0.625em 1em; border-bottom: 1px solid var(--border); background: var(--surface);
}
.zoom-title { margin: 0; font-size: 1.1em; }
.zoom-counts { display: flex; flex-wrap: wrap; gap: 0.2717em 0.8152em; margin: 0; font-size: 0.92em; }
.zoom-nav { display: flex; gap: 0.5em; margin-inline-start: auto; }
.zoom .action { font: inherit; font-size: 0.9em; padding: 0.4167em 0.8333em; border-radius: 6px; border: 1px solid var(--paper-edge); background: var(--surface); color: var(--text); cursor: pointer; }
.zoom .action:disabled { opacity: 0.45; cursor: default; }
.zoom .action:focus-visible, .zoom-mark:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.zoom-body { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(15em, 22em); }
.zoom-page { overflow: auto; padding: 1em; }
.zoom-page:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
.page-large { width: 100%; max-width: 61.25em; height: auto; max-height: none; margin: 0 auto; }
.page-large .content .line { fill: color-mix(in srgb, var(--text) 80%, var(--surface)); }
.page-large .mark { cursor: pointer; }
.zoom-side { overflow: auto; padding: 0.875em 1em; border-inline-start: 1px solid var(--border); background: var(--surface); }
.zoom-current:empty { display: none; }
.zoom-current { margin: 0 0 0.8152em; padding: 0.6793em 0.8152em; border-radius: 8px; background: var(--bg); font-size: 0.92em; overflow-wrap: anywhere; }
.zoom-current p { margin: 0 0 0.2717em; }
.zoom-current-title { display: flex; align-items: center; gap: 0.4076em; font-weight: 700; }
.zoom-current-title .icon { width: 1.1em; height: 1.1em; }
.zoom-line-label { color: var(--muted); font-size: 0.9em; }
.zoom-line { margin: 0; padding: 4px 10px; border-inline-start: 3px solid var(--border); font-family: var(--precheck-map-font, Georgia, "Times New Roman", serif); }
.zoom-marks { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.375em; }
.zoom-mark {
  display: flex; gap: 0.4261em; align-items: flex-start; width: 100%;
  padding: 0.4261em 0.5682em; border: 1px solid var(--border); border-radius: 6px;
  background: var(--surface); color: var(--text); font: inherit; font-size: 0.88em; text-align: start; cursor: pointer;
  overflow-wrap: anywhere;
}
.zoom-mark .icon { width: 1.05em; height: 1.05em; flex: none; margin-top: 0.15em; }
.zoom-mark-warn { border-style: dashed; }
.zoom-mark[aria-pressed="true"] { border-color: var(--focus); box-shadow: inset 0 0 0 1px var(--focus); }
.zoom-keys { margin: 0.8571em 0 0; }
@media (max-width: 700px) {
  .zoom-body { grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 1fr) auto; }
  .zoom-side { max-height: 34vh; border-inline-start: 0; border-top: 1px solid var(--border); }
  .zoom-bar { padding: 0.5em 0.625em; }
  .zoom-nav { margin-inline-start: 0; width: 100%; gap: 0.375em; }
  .zoom-nav .action { flex: 1 1 auto; white-space: nowrap; padding: 0.4167em 0.5556em; }
  .zoom-page { padding: 0.5em; }
}
.map figcaption { display: flex; justify-content: center; align-items: center; flex-wrap: wrap; gap: 0.142em 0.7102em; margin-top: 0.5682em; font-size: 0.88em; text-align: center; }
.map-page { font-weight: 650; }
.map-count { display: inline-flex; align-items: center; gap: 3px; font-weight: 700; font-variant-numeric: tabular-nums; }
.map-size { flex-basis: 100%; color: var(--muted); font-size: 0.82em; }
.tip {
  position: fixed; inset: auto; z-index: 2147483000;
  margin: 0; border: 0;
  max-width: 22em;
  padding: 0.5087em 0.7994em;
  border-radius: 8px;
  background: var(--text); color: var(--surface);
  font: 0.86em/1.4 var(--precheck-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif);
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
  .card { padding: 1.125em 1em; }
  .maps { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .verdict { padding: 1em; gap: 0.75em; }
  .check { padding: 0.75em 0.875em 0.75em 0.75em; }
}

/* ---------------------------------------------------------------- compact */
:host([compact]) .root { padding: var(--precheck-padding, 0.8em); font-size: var(--precheck-font-size, 15px); }
:host([compact]) .card { padding: 1.0667em; }
:host([compact]) .inputs h2 { font-size: 1.05em; margin-bottom: 0.7619em; }
:host([compact]) .input-grid { grid-template-columns: minmax(0, 1fr); gap: 0.9333em; }
:host([compact]) .drop { min-height: 0; padding: 0.9333em 0.8em; flex-direction: row; flex-wrap: wrap; gap: 0.2667em 0.6667em; }
:host([compact]) .drop-icon { width: 1.6em; height: 1.6em; }
:host([compact]) .drop-title { font-size: 1em; }
:host([compact]) .drop-sub { display: none; }
:host([compact]) .drop input[type="file"] { flex-basis: 100%; }
:host([compact]) .field + .field { margin-top: 0.8em; }
:host([compact]) textarea { min-height: 6em; }
:host([compact]) .statusbar { margin-top: 0.9333em; padding-top: 0.6667em; }
:host([compact]) .report { margin-top: 1.0667em; }
:host([compact]) .empty { padding: 16px; }
:host([compact]) .verdict { padding: 0.9333em 1.0667em; gap: 0.8em; border-left-width: 5px; }
:host([compact]) .verdict-icon { width: 2em; height: 2em; }
:host([compact]) .verdict-title { font-size: 1.12em; }
:host([compact]) .checks-section { margin-top: 1.0667em; }
:host([compact]) .checks-section h3 { font-size: 1.05em; margin-bottom: 0.5079em; }
:host([compact]) .check { padding: 0.6667em 0.9333em 0.6667em 0.6667em; gap: 0 0.6667em; grid-template-columns: 1.2em minmax(0, 1fr); }
:host([compact]) .check-icon { width: 1.2em; height: 1.2em; margin-top: 0.1333em; }
:host([compact]) .check-title { font-size: 0.95em; }
:host([compact]) .check-pass .check-main > :not(.check-head),
:host([compact]) .check-skip .check-main > :not(.check-head) { display: none; }
:host([compact]) .check-pass, :host([compact]) .check-skip { padding-top: 0.5333em; padding-bottom: 0.5333em; align-items: center; }
:host([compact]) .check-pass .check-icon, :host([compact]) .check-skip .check-icon { margin-top: 0; }

@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
@media (forced-colors: active) {
  .mark { stroke: CanvasText; }
  .verdict, .check { border-left-color: CanvasText; }
}
`;

export let sheet; // one constructed stylesheet shared by every widget (and allowed by a strict CSP)
export function adoptStyles(root) {
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
