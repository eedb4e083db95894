import { icon, el, bdi, prose } from "../dom.js";
import { statusWord, findingWhat, plural, sentence, round1, formatDate, paperName } from "../text.js";
import { renderPageIndex, pagesRead } from "./maps.js";

// The report as elements: the verdict, the strip kept in view, what changed, the
// document's facts, each check with its findings.

export const FINDINGS_SHOWN = 5;
export const FINDINGS_LISTED = 100; // per check; the rest are counted in one line

export function renderVerdict(report, counts, fileName, labels) {
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
export function renderStrip(report, counts, statuses) {
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
export function findingCount(c) {
  const listed = (c.findings || []).length;
  return c.unlisted > 0 ? listed - 1 + c.unlisted : listed;
}

export const NOW_WORDS = { pass: "now passes", warn: "now warns", fail: "now fails", skip: "is now not applicable" };
export const WAS_WORDS = { pass: "it passed", warn: "it warned", fail: "it failed", skip: "it did not apply" };

/**
 * What changed since the file's last check (after "Check again" or the same file dropped
 * again): each check whose status moved, or whose findings grew or shrank.
 */
export function renderChanges(prev, report) {
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

export function renderFacts(report) {
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

export function renderCheck(c, ids, shown) {
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

export function renderFinding(c, f, i, ids) {
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
