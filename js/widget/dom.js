// DOM helpers for the widget's views: elements, icons, and strings from the PDF kept
// from turning the widget's own words (bidi isolation, control characters shown).




export const ICONS = {
  pass: '<circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M5.8 10.4l2.7 2.7 5.7-6" fill="none" class="ink" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
  warn: '<path d="M10 1.6l9 16.2H1z" fill="currentColor" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/><path d="M10 7.2v4.6" class="ink" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="14.9" r="1.25" class="ink-fill"/>',
  fail: '<circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M6.6 6.6l6.8 6.8M13.4 6.6l-6.8 6.8" class="ink" stroke-width="2.2" stroke-linecap="round"/>',
  skip: '<circle cx="10" cy="10" r="8.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M6.2 10h7.6" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
  lock: '<rect x="3.5" y="8.5" width="13" height="9.5" rx="2" fill="none" stroke="currentColor" stroke-width="1.7"/><path d="M6.5 8.5V6a3.5 3.5 0 0 1 7 0v2.5" fill="none" stroke="currentColor" stroke-width="1.7"/><circle cx="10" cy="13.2" r="1.4" fill="currentColor"/>',
  file: '<path d="M5 2.3h6.7l3.5 3.5v11.9H5z" fill="none" stroke="currentColor" stroke-width="1.35" stroke-linejoin="round"/><path d="M11.7 2.3v3.5h3.5" fill="none" stroke="currentColor" stroke-width="1.35" stroke-linejoin="round"/><path d="M7.3 10h5.4M7.3 12.5h5.4M7.3 15h3.4" stroke="currentColor" stroke-width="1.2" stroke-linecap="round"/>',
  upload: '<path d="M10 12.9V3.8M6.3 7.5L10 3.8l3.7 3.7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/><path d="M3.8 12.1v3.3c0 .7.6 1.3 1.3 1.3h9.8c.7 0 1.3-.6 1.3-1.3v-3.3" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>',
};

export function icon(name, cls) {
  const s = svg("svg", { class: cls, "aria-hidden": "true", focusable: "false", viewBox: "0 0 20 20" });
  s.innerHTML = ICONS[name]; // constant markup from this file
  return s;
}


// ---------------------------------------------------------------- helpers

export function showError(node, text) {
  node.replaceChildren(...(Array.isArray(text) ? text : [text]));
  node.hidden = false;
}

export function hideError(node) {
  node.textContent = "";
  node.hidden = true;
}

/** Whether two reads of a file hold the same bytes (false when either was not read). */
export function sameBytes(a, b) {
  if (!a || !b || a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * A string from the PDF (a font's name, a line of text) or the author's file name, as an
 * isolated <bdi>: its direction, and any bidi control inside it (U+202E turns text around),
 * stay inside, away from the widget's own words.
 */
export function bdi(text) {
  return el("bdi", {}, visible(text));
}

/**
 * Control characters from a PDF (ESC, NUL, CR, the C1 range) shown as U+FFFD, line breaks
 * and tabs as spaces: invisible in a page, they would only hide or fake what the PDF says.
 */
export function visible(text) {
  return String(text)
    .replace(/[\t\n\r]/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
}

/** The same for plain text (titles, aria-labels): FSI … PDI around it, isolate marks inside dropped. */
export function isolated(text) {
  return `\u2068${visible(text).replace(/[\u2066-\u2069]/g, "")}\u2069`;
}

/**
 * The core's sentences (messages, hints, notes) quote names from the PDF without marking
 * where they end, so their bidi embedding, override and isolate controls are dropped:
 * they could only come from the PDF, and would turn the rest of the sentence around.
 */
export function prose(text) {
  return visible(text).replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
}
