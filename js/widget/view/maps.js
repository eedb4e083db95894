import { icon, el, svg } from "../dom.js";
import { WHOLE_PAGE_CHECKS, LETTER, findingLabel, plural, fmt, paperLabel } from "../text.js";

// The page maps: each page drawn from its own lines, images and drawings, with the
// template's block and the marks of what falls outside it.

export const COLLAPSE_AFTER = 12; // a paper longer than this folds its runs of clean pages
export const COLLAPSE_RUN = 3; // into one line each, when at least this many follow each other

// The findings to draw: fail and warn findings with a box, and those of page-level
// checks (a page of the wrong size, a page over the limit) as the whole page.
export function collectDrawn(report, checks) {
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
export function renderMaps(report, drawn) {
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
export function pageStatuses(drawn, total) {
  const out = new Array(total);
  for (let p = 1; p <= total; p++) out[p - 1] = pageStatus(drawn.byPage.get(p) || []).status;
  return out;
}

/**
 * What the grid shows, in order: a page's map, or (in a paper longer than COLLAPSE_AFTER
 * pages) a run of at least COLLAPSE_RUN clean pages folded into one line.
 */
export function mapEntries(statuses) {
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
export function renderPageIndex(statuses) {
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
export function pagesRead(d) {
  return Math.min(d.pages || 0, (d.pageSizes || []).length);
}

export function renderLegend(d) {
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
export function renderContent(map, h) {
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
export function pageStatus(items) {
  const fails = items.filter((x) => x.check.status === "fail").length;
  const warns = items.length - fails;
  return { fails, warns, status: fails ? "fail" : warns ? "warn" : "clean" };
}

export function pageLabel(p, w, h, items) {
  const { fails, warns } = pageStatus(items);
  return `Page ${p}${paperLabel(w, h)}: ${items.length ? `${plural(fails, "failing mark")}, ${plural(warns, "warning")}` : "nothing outside the text block"}`;
}

/**
 * A page drawn as an SVG: the paper, its content (from the report's layout), the
 * template's block, the measured block and the marks. Small in the grid (marks read on
 * hover; the map is one button), large in the enlarged view (marks selected from its list).
 */
export function pageSvg(p, d, items, map, poster, large) {
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
export function markRect({ finding: f, whole }, w, h, minSize) {
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
export function readingOrder(items) {
  const key = (x) => (x.whole ? [Infinity, 0] : [Math.max(x.finding.bbox[1], x.finding.bbox[3]), Math.min(x.finding.bbox[0], x.finding.bbox[2])]);
  return [...items].sort((a, b) => {
    const [ta, la] = key(a);
    const [tb, lb] = key(b);
    return ta === tb ? la - lb : tb - ta;
  });
}

/** The page's lines a finding's box touches, as the author wrote them. */
export function linesAt(map, f) {
  if (!map || !f.bbox) return [];
  const [fx0, fy0, fx1, fy1] = f.bbox;
  const lo = Math.min(fy0, fy1);
  const hi = Math.max(fy0, fy1);
  return map.lines.filter((l) => {
    const [x0, y0, x1, y1] = l.bbox;
    return l.text && y1 > lo && y0 < hi && x1 > Math.min(fx0, fx1) && x0 < Math.max(fx0, fx1);
  });
}

export function renderMap(p, d, items, map, poster) {
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
export function renderRun(from, to) {
  const li = el("li", { class: "map-run", "data-run": `${from}-${to}` });
  const b = el("button", { type: "button", class: "run-open", "data-unfold": `${from}-${to}`, "aria-expanded": "false" });
  b.append(icon("pass", "icon status-pass"), el("span", {}, `Pages ${from}–${to}: nothing outside the block`), el("span", { class: "run-show" }, "Show them"));
  li.append(b);
  return li;
}

export function area(item, w, h) {
  if (item.whole) return w * h;
  const [x0, y0, x1, y1] = item.finding.bbox;
  return Math.abs((x1 - x0) * (y1 - y0));
}
