// The report as Markdown an author pastes to co-authors (the widget's "Copy report"):
// the verdict, one table row per check with its status and message, then each finding
// with its page and quoted line. Plain functions of a report; no DOM.

const STATUS_WORD = { fail: "❌ fail", warn: "⚠️ warning", pass: "✅ pass", skip: "➖ not checked" };
const VERDICT = {
  fail: "Not ready: a check fails",
  warn: "Nearly there: no check fails",
  pass: "Ready to submit",
};
const ORDER = { fail: 0, warn: 1, pass: 2, skip: 3 };

/** A table cell: one line, pipes escaped. */
function cell(text) {
  return String(text ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

/** `report` as Markdown; `fileName` names the PDF checked, `today` the date (YYYY-MM-DD). */
export function reportMarkdown(report, fileName, today) {
  const lines = [];
  const what = fileName ? ` — ${cell(fileName)}` : "";
  lines.push(`## precheck: ${VERDICT[report.verdict] || report.verdict}${what}`, "");
  const d = report.document || {};
  const facts = [`profile ${report.profile}`, `kind ${report.kind}`];
  if (d.pages) facts.push(`${d.pages} ${d.pages === 1 ? "page" : "pages"}`);
  if (today) facts.push(`checked ${today}`);
  lines.push(facts.join(" · "), "");
  lines.push("| Check | Status | What precheck found |", "|---|---|---|");
  const checks = [...report.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  for (const c of checks) {
    lines.push(`| ${cell(c.title || c.id)} | ${STATUS_WORD[c.status] || c.status} | ${cell(c.message)} |`);
  }
  const located = checks.filter((c) => (c.status === "fail" || c.status === "warn") && (c.findings || []).length);
  if (located.length) {
    lines.push("", "### Where");
    for (const c of located) {
      for (const f of c.findings) {
        const where = f.page ? `page ${f.page}` : "";
        const quote = f.text ? ` “${cell(f.text)}”` : "";
        const note = f.note ? ` — ${cell(f.note)}` : "";
        lines.push(`- **${cell(c.title || c.id)}**${where ? `, ${where}` : ""}:${quote}${note}`);
      }
      if (c.hint) lines.push(`  - How to fix: ${cell(c.hint)}`);
    }
  }
  lines.push("", "_Checked in the browser with precheck; nothing was uploaded._", "");
  return lines.join("\n");
}
