// The pre-check page's own glue. The checker itself is the package's <precheck-widget>
// (./precheck/widget.js), the same element a venue embeds; this file only does what is
// the page's: offline support, the version in the footer and the counters the end-to-end
// test reads. (PDFs dropped beside the widget are the widget's: its catch-drops attribute.)
//
// Hooks for tests (stable): document.body.dataset mirrors the widget's — state
// ("loading" | "idle" | "checking" | "done" | "error"), checks (reports shown so far) and
// lastCheckMs (file to report, ms). Nothing in the address changes what the page does:
// tests that need another time budget set the widget's `timeout-ms` attribute themselves.

const widget = document.querySelector("precheck-widget");

// ---------------------------------------------------------------- the widget's state on <body>

const MIRRORED = ["state", "checks", "lastCheckMs"];
function mirror() {
  for (const key of MIRRORED) {
    const value = widget.dataset[key];
    if (value !== undefined) document.body.dataset[key] = value;
  }
}
document.body.dataset.state = "loading";
new MutationObserver(mirror).observe(widget, { attributes: true, attributeFilter: ["data-state", "data-checks", "data-last-check-ms"] });
mirror();

// ---------------------------------------------------------------- footer and offline

import("./precheck/index.js")
  .then((m) => (document.getElementById("version").textContent = m.version()))
  .catch(() => {});

if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});

// The element's script failed to load: its fallback content (shown until it upgrades) says so.
import("./precheck/widget.js").catch((err) => {
  document.body.dataset.state = "error";
  const fallback = document.getElementById("widget-fallback");
  if (fallback) fallback.textContent = `The checker could not be loaded (${err.message}). Reload the page to try again.`;
});
