// The pre-check page: reads the author's inputs, runs the check in a Web Worker
// (the Rust core compiled to WebAssembly), and draws the report and a map of every page.
// Nothing leaves the machine: the PDF is read into memory and handed to the worker.
//
// Hooks for tests (stable): input[type=file], textarea[name=abstract], select[name=kind],
// input[name=first-public]; [data-verdict]; [data-check][data-status]; svg[data-page];
// [data-finding]. document.body.dataset: lastCheckMs (drop → report, ms), checks
// (reports shown so far) and state ("loading" | "idle" | "checking" | "done" | "error").

const STORAGE_KEY = "precheck:inputs:v1";
const CHECK_DELAY_MS = 350; // re-check after the author stops typing
const COUNT_DELAY_MS = 150;
// A check's time budget; `?timeoutMs=N` in the address overrides it (tests use it to make a check time out).
const TIMEOUT_MS = Number(new URLSearchParams(location.search).get("timeoutMs")) || 20000;
const ABSTRACT_WORDS = 250;
const ABSTRACT_CHARS = 5000;
const LETTER = [612, 792];
const KIND_LABELS = {
  paper: "Workshop paper",
  position: "Position paper",
  published: "Published paper",
  poster: "Poster",
  blog: "Blog post",
};
const STATUS_WORDS = { pass: "Pass", warn: "Warning", fail: "Fail", skip: "Not applicable" };
const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, skip: 3 };
// Findings without a box that still belong to a page as a whole.
const WHOLE_PAGE_CHECKS = new Set(["page-size", "page-limit"]);
const FINDINGS_SHOWN = 5;

const $ = (id) => document.getElementById(id);
const ui = {
  form: $("form"),
  file: $("file"),
  drop: $("drop"),
  fileInfo: $("file-info"),
  fileError: $("file-error"),
  abstract: $("abstract"),
  count: $("abstract-count"),
  kind: $("kind"),
  firstPublic: $("first-public"),
  inputsError: $("inputs-error"),
  status: $("status"),
  retry: $("retry"),
  report: $("report"),
  reportBody: $("report-body"),
  tip: $("tip"),
  version: $("version"),
};

const state = {
  engine: null, // the module /precheck/worker.js
  checker: null, // PrecheckWorker for checks
  counter: null, // PrecheckWorker for the live word count (stays responsive during a long check)
  file: null, // { name, size, bytes: ArrayBuffer }
  report: null,
  running: false,
  again: null, // a start time when inputs changed during a check
  blocked: false, // after a timeout or crash: no automatic re-check until asked
  checkTimer: 0,
  countTimer: 0,
  countSeq: 0,
  pendingSince: undefined, // when a file was dropped before the checker was there
};

setBodyState("loading");
restoreInputs();
wireInputs();
registerServiceWorker();
start();

// ---------------------------------------------------------------- start-up

async function start() {
  try {
    state.engine = await import("./precheck/worker.js");
  } catch (err) {
    setStatus(`The checker could not be loaded (${err.message}). Reload the page to try again.`, "error");
    setBodyState("error");
    return;
  }
  const { PrecheckWorker } = state.engine;
  try {
    state.checker = new PrecheckWorker({ timeoutMs: 20000 });
    state.counter = new PrecheckWorker({ timeoutMs: 20000 });
  } catch (err) {
    setStatus(`This browser cannot run the checker (${err.message}). A recent Firefox, Chrome, Edge or Safari can.`, "error");
    setBodyState("error");
    return;
  }
  state.checker.onrestart = (err) => {
    state.blocked = true;
    showRetry(true);
    setStatus(`${restartReason(err)} Your inputs are kept; press “Check again” to retry.`, "error");
  };
  state.counter.onrestart = () => scheduleCount(0);
  import("./precheck/index.js").then((m) => (ui.version.textContent = m.version())).catch(() => {});

  // Load the WebAssembly in both workers now, so the first check is quick.
  let started = true;
  try {
    await Promise.all([state.checker.count(""), updateCount()]);
  } catch (err) {
    started = false;
    setStatus(`The checker could not start (${err.message}). Reload the page to try again.`, "error");
  }
  state.checker.timeoutMs = TIMEOUT_MS; // the budget of each check, after the start-up load
  if (document.body.dataset.state === "loading") setBodyState(started ? "idle" : "error");
  // A file dropped while the checker loaded is checked now, timed from its drop.
  if (canCheck()) runCheck(state.pendingSince ?? performance.now());
  else if (started) setStatus("Ready. Drop a PDF to check it.");
  state.pendingSince = undefined;
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("sw.js").catch(() => {});
}

// ---------------------------------------------------------------- inputs

function wireInputs() {
  ui.form.addEventListener("submit", (e) => e.preventDefault());

  ui.file.addEventListener("change", () => {
    const f = ui.file.files && ui.file.files[0];
    if (f) takeFile(f, performance.now());
  });

  // Drops anywhere on the page are taken: a PDF dropped beside the zone must not
  // replace the page (and the author's abstract) with the browser's PDF viewer.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes("Files");
  window.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    ui.drop.classList.add("dragging");
  });
  window.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  window.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) ui.drop.classList.remove("dragging");
  });
  window.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    const t0 = performance.now();
    depth = 0;
    ui.drop.classList.remove("dragging");
    const files = [...e.dataTransfer.files];
    if (!files.length) return;
    const f = files.find((x) => /\.pdf$/i.test(x.name) || x.type === "application/pdf") || files[0];
    try {
      // Keep the visible picker in step with what is checked.
      const dt = new DataTransfer();
      dt.items.add(f);
      ui.file.files = dt.files;
    } catch {
      /* older browsers: the picker just keeps its old label */
    }
    takeFile(f, t0, files.length);
  });

  ui.abstract.addEventListener("input", () => {
    saveInputs();
    scheduleCount(COUNT_DELAY_MS);
    scheduleCheck();
  });
  ui.kind.addEventListener("change", () => {
    saveInputs();
    updateKindHints();
    scheduleCheck(0);
  });
  ui.firstPublic.addEventListener("change", () => {
    saveInputs();
    scheduleCheck(0);
  });
  ui.firstPublic.addEventListener("input", () => saveInputs());
  ui.retry.addEventListener("click", () => {
    state.blocked = false;
    showRetry(false);
    runCheck(performance.now());
  });

  // Keyboard and pointer focus on a drawn finding shows its text beside it.
  document.addEventListener("focusin", (e) => {
    const el = e.target.closest && e.target.closest("[data-finding]");
    if (el) showTip(el);
  });
  document.addEventListener("focusout", (e) => {
    if (e.target.closest && e.target.closest("[data-finding]")) hideTip();
  });
  // A mark keeps its text beside it while the page scrolls (e.g. after "Page 3" was followed).
  document.addEventListener(
    "scroll",
    () => {
      const active = document.activeElement;
      if (!ui.tip.hidden && active && active.closest && active.closest("[data-finding]")) showTip(active);
      else hideTip();
    },
    { passive: true, capture: true },
  );
  window.addEventListener("resize", hideTip);
  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest("[data-goto]");
    if (!link) return;
    e.preventDefault();
    const target = document.getElementById(link.dataset.goto);
    if (target) {
      target.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "center" });
      target.focus({ preventScroll: true });
    }
  });
  updateKindHints();
}

function options() {
  const opts = {
    kind: ui.kind.value,
    abstract: ui.abstract.value,
    today: new Date().toISOString().slice(0, 10),
  };
  if (!opts.abstract.trim()) delete opts.abstract;
  if (ui.firstPublic.value) opts.firstPublic = ui.firstPublic.value;
  return opts;
}

function saveInputs() {
  try {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ abstract: ui.abstract.value, kind: ui.kind.value, firstPublic: ui.firstPublic.value }),
    );
  } catch {
    /* private mode or storage full: the inputs just don't survive a reload */
  }
}

function restoreInputs() {
  let saved;
  try {
    saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
  } catch {
    saved = null;
  }
  if (!saved) return;
  if (typeof saved.abstract === "string") ui.abstract.value = saved.abstract;
  if (KIND_LABELS[saved.kind]) ui.kind.value = saved.kind;
  if (typeof saved.firstPublic === "string") ui.firstPublic.value = saved.firstPublic;
}

function updateKindHints() {
  const blog = ui.kind.value === "blog";
  ui.drop.classList.toggle("optional-file", blog);
  const help = {
    paper: "All checks apply: about 4 pages before the references, in the NeurIPS 2022 format.",
    position: "No page limit; format problems are only warnings.",
    published: "Checked as published: no page, margin or font rules.",
    poster: "Any size; fonts, abstract and date are checked.",
    blog: "No PDF needed: only the abstract and the date are checked.",
  }[ui.kind.value];
  $("kind-help").textContent = help || "";
  $("abstract-help").textContent = blog
    ? "A blog post has no PDF to read it from: type it here."
    : "Left empty, the abstract is read from page 1 of the PDF.";
  renderFileInfo();
}

function renderFileInfo() {
  const f = state.file;
  ui.fileInfo.replaceChildren();
  if (!f) {
    if (ui.kind.value === "blog") ui.fileInfo.textContent = "A blog post needs no PDF.";
    return;
  }
  const icon = svgIcon("i-file", "file-icon");
  const name = el("strong", { class: "file-name" }, f.name);
  ui.fileInfo.append(icon, name, ` · ${formatBytes(f.size)}`);
  if (ui.kind.value === "blog") ui.fileInfo.append(el("span", { class: "muted" }, " (not checked: a blog post needs no PDF)"));
}

// ---------------------------------------------------------------- file

async function takeFile(f, t0, count = 1) {
  hideError(ui.fileError);
  const max = state.engine ? state.engine.MAX_FILE_BYTES : 200 * 1024 * 1024;
  if (f.size > max) {
    showError(
      ui.fileError,
      `“${f.name}” is ${formatBytes(f.size)}, more than the ${formatBytes(max)} this page reads. ` +
        `OpenReview accepts PDFs up to 50 MB: is this the right file?`,
    );
    setStatus(`Not checked: “${f.name}” is too large (${formatBytes(f.size)}).`, "error");
    forgetFile();
    return;
  }
  let bytes;
  try {
    // Read once and keep the bytes: re-checks then work even if the file changes on disk.
    bytes = await f.arrayBuffer();
  } catch (err) {
    showError(ui.fileError, `“${f.name}” could not be read (${err.message}). Choose it again.`);
    setStatus(`Not checked: “${f.name}” could not be read.`, "error");
    forgetFile();
    return;
  }
  state.file = { name: f.name, size: f.size, bytes };
  state.blocked = false;
  showRetry(false);
  renderFileInfo();
  if (count > 1) setStatus(`${count} files were dropped; checking “${f.name}”.`);
  runCheck(t0);
}

// A file that could not be taken replaces the one before it: the old report no longer
// describes what the author chose, and later edits must not re-check the old file.
function forgetFile() {
  state.file = null;
  renderFileInfo();
  markStale();
}

// ---------------------------------------------------------------- checking

function canCheck() {
  return Boolean(state.checker) && (ui.kind.value === "blog" || Boolean(state.file));
}

function scheduleCheck(delay = CHECK_DELAY_MS) {
  clearTimeout(state.checkTimer);
  if (state.blocked) {
    setStatus("Your inputs changed. Press “Check again” to check them.");
    showRetry(true);
    return;
  }
  const t = performance.now();
  state.checkTimer = setTimeout(() => runCheck(t), delay);
}

async function runCheck(t0 = performance.now()) {
  clearTimeout(state.checkTimer);
  if (!canCheck()) {
    if (!state.checker) state.pendingSince = state.pendingSince ?? t0; // dropped while loading
    else if (!state.file) setStatus("Ready. Drop a PDF to check it.");
    return;
  }
  if (state.running) {
    // One check at a time; the latest inputs are checked when this one ends.
    state.again = state.again ?? t0;
    return;
  }
  state.running = true;
  state.again = null;
  const opts = options();
  const blog = opts.kind === "blog";
  const file = blog ? null : state.file;
  hideError(ui.inputsError);
  ui.firstPublic.removeAttribute("aria-invalid");
  setBodyState("checking");
  ui.report.setAttribute("aria-busy", "true");
  const slow = setTimeout(() => ui.report.classList.add("busy"), 250);
  setStatus(file ? `Checking “${file.name}”…` : "Checking…");
  try {
    const report = await state.checker.check(file ? file.bytes : undefined, opts);
    state.report = report;
    renderReport(report, { fileName: file && file.name });
    const ms = Math.round(performance.now() - t0);
    document.body.dataset.lastCheckMs = String(ms);
    document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
    setStatus(`Checked in ${ms} ms. ${verdictSentence(report)}`);
    setBodyState("done");
  } catch (err) {
    handleCheckError(err);
  } finally {
    clearTimeout(slow);
    ui.report.classList.remove("busy");
    ui.report.removeAttribute("aria-busy");
    state.running = false;
    if (state.again !== null && !state.blocked) {
      const again = state.again;
      state.again = null;
      runCheck(again);
    }
  }
}

function handleCheckError(err) {
  const { InvalidOptionsError, TimeoutError, WorkerCrashedError, FileTooLargeError } = state.engine;
  markStale();
  setBodyState("error");
  if (err instanceof InvalidOptionsError || err.name === "InvalidOptionsError") {
    const message = String(err.message).replace(/\.$/, "");
    showError(ui.inputsError, `Please correct your inputs: ${message}.`);
    if (/date|first/i.test(message)) ui.firstPublic.setAttribute("aria-invalid", "true");
    setStatus(`Not checked: ${message}.`, "error");
  } else if (err instanceof TimeoutError || err instanceof WorkerCrashedError) {
    state.blocked = true;
    showRetry(true);
    setStatus(`${restartReason(err)} Your inputs are kept; press “Check again” to retry.`, "error");
  } else if (err instanceof FileTooLargeError) {
    showError(ui.fileError, err.message);
    setStatus(`Not checked: ${err.message}.`, "error");
  } else {
    showRetry(true);
    setStatus(`The check could not finish (${err.message}). Your inputs are kept; press “Check again” to retry.`, "error");
  }
}

function restartReason(err) {
  if (err && err.name === "TimeoutError") {
    const budget = TIMEOUT_MS >= 1000 ? `${Math.round(TIMEOUT_MS / 1000)} seconds` : `${TIMEOUT_MS} ms`;
    return `The check took longer than ${budget} and was stopped; the checker has been restarted.`;
  }
  return `The checker stopped unexpectedly${err && err.message ? ` (${err.message})` : ""} and has been restarted.`;
}

function markStale() {
  const body = ui.reportBody;
  if (!state.report || body.querySelector(".stale-note")) return;
  body.classList.add("stale");
  body.prepend(el("p", { class: "stale-note" }, "This report is from the last check that finished; it may not match your current inputs."));
}

// ---------------------------------------------------------------- word count

function scheduleCount(delay) {
  clearTimeout(state.countTimer);
  state.countTimer = setTimeout(updateCount, delay);
}

async function updateCount() {
  if (!state.counter) return;
  const seq = ++state.countSeq;
  const text = ui.abstract.value.trim(); // as the check counts it
  let result;
  try {
    result = await state.counter.count(text);
  } catch {
    return; // the counter restarts itself and counts again
  }
  if (seq !== state.countSeq) return;
  const { words, chars } = result;
  const overWords = words - ABSTRACT_WORDS;
  const overChars = chars - ABSTRACT_CHARS;
  const over = overWords > 0 || overChars > 0;
  ui.count.replaceChildren();
  if (over) ui.count.append(svgIcon("i-fail", "icon status-fail"));
  let line = `${plural(words, "word")} · ${plural(chars, "character")} (limit ${ABSTRACT_WORDS} words)`;
  if (overWords > 0) line += `: ${plural(overWords, "word")} over`;
  else if (overChars > 0) line += `: ${plural(overChars, "character")} over OpenReview's ${ABSTRACT_CHARS}`;
  ui.count.append(el("span", {}, line));
  ui.count.classList.toggle("over", over);
  ui.count.dataset.words = String(words);
  ui.count.dataset.chars = String(chars);
  $("abstract-help").hidden = text.length > 0;
}

// ---------------------------------------------------------------- report

function renderReport(report, { fileName }) {
  hideTip();
  const body = ui.reportBody;
  body.classList.remove("stale");
  const checks = report.checks.map((c, index) => ({ ...c, index }));
  const counts = { fail: 0, warn: 0, pass: 0, skip: 0 };
  for (const c of checks) counts[c.status] = (counts[c.status] || 0) + 1;

  const frag = document.createDocumentFragment();
  frag.append(renderVerdict(report, counts, fileName));
  const facts = renderFacts(report);
  if (facts) frag.append(facts);

  const drawn = collectDrawn(report, checks);

  const columns = el("div", { class: "report-columns" });
  const checksSection = el("section", { class: "checks-section", "aria-labelledby": "checks-h" });
  checksSection.append(el("h3", { id: "checks-h" }, "Checks"));
  const list = el("ol", { class: "checks" });
  const sorted = [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.index - b.index);
  for (const c of sorted) list.append(renderCheck(c, drawn.ids));
  checksSection.append(list);
  if (report.kind === "blog") {
    frag.append(checksSection);
  } else {
    columns.append(checksSection, renderMaps(report, drawn));
    frag.append(columns);
  }
  body.replaceChildren(frag);
}

function verdictSentence(report) {
  const n = { fail: 0, warn: 0 };
  for (const c of report.checks) if (c.status in n) n[c.status]++;
  if (report.verdict === "fail") {
    return `Not ready: ${plural(n.fail, "check")} ${n.fail === 1 ? "fails" : "fail"}${n.warn ? `, ${plural(n.warn, "warning")}` : ""}.`;
  }
  if (report.verdict === "warn") return `No check fails; ${plural(n.warn, "warning")} to look at before you submit.`;
  return "Every check passes: ready to submit.";
}

function renderVerdict(report, counts, fileName) {
  const v = report.verdict;
  const box = el("div", { class: `verdict verdict-${v}`, id: "verdict", "data-verdict": v });
  box.append(svgIcon(`i-${v}`, `verdict-icon status-${v}`));
  const text = el("div", { class: "verdict-text" });
  const title = {
    pass: "Ready to submit",
    warn: "Nearly there: no check fails",
    fail: `Not ready yet: ${plural(counts.fail, "check")} ${counts.fail === 1 ? "fails" : "fail"}`,
  }[v];
  const advice = {
    pass: "Every check passes against the call's rules.",
    warn: `Look at the ${counts.warn === 1 ? "warning" : `${counts.warn} warnings`} below before you submit; ${counts.warn === 1 ? "it" : "they"} may be fine for your submission.`,
    fail: `Fix what fails before you submit${counts.warn ? `, and look at the ${counts.warn === 1 ? "warning" : `${counts.warn} warnings`}` : ""}. Each check below says how.`,
  }[v];
  text.append(el("p", { class: "verdict-title" }, title));
  text.append(el("p", { class: "verdict-sentence" }, advice));
  const meta = el("p", { class: "verdict-meta" });
  const what = [KIND_LABELS[report.kind] || report.kind];
  if (fileName) what.unshift(fileName);
  meta.append(el("span", { class: "verdict-what" }, what.join(" · ")));
  const tally = el("span", { class: "tally" });
  for (const s of ["fail", "warn", "pass", "skip"]) {
    if (!counts[s]) continue;
    const word = { fail: "fail", warn: counts[s] === 1 ? "warning" : "warnings", pass: "pass", skip: "not applicable" }[s];
    tally.append(el("span", { class: `tally-item status-${s}` }, svgIcon(`i-${s}`, "icon"), `${counts[s]} ${word}`));
  }
  meta.append(tally);
  text.append(meta);
  box.append(text);
  return box;
}

function renderFacts(report) {
  const d = report.document || {};
  const rows = [];
  if (report.kind === "blog") {
    rows.push(["Checked", "the abstract and the date only (a blog post has no PDF)"]);
  } else if (d.pages) {
    let pages = plural(d.pages, "page");
    if (d.contentPages != null && d.contentPages !== d.pages) pages += ` (${d.contentPages} before the references)`;
    rows.push(["Pages", pages]);
    const sizes = new Set((d.pageSizes || []).map(paperName));
    if (sizes.size) rows.push(["Paper", [...sizes].join(", ")]);
    if (d.bodyFont) rows.push(["Body font", `${d.bodyFont.name}, ${round1(d.bodyFont.size)} pt`]);
    rows.push(["Template notice", d.notice ? `“${d.notice}”` : "none found"]);
    if (d.arxiv) {
      let a = `arXiv:${d.arxiv.id}${d.arxiv.version ? `v${d.arxiv.version}` : ""}`;
      if (d.arxiv.date) a += ` (${formatDate(d.arxiv.date)})`;
      rows.push(["arXiv", a]);
    }
  }
  if (d.abstract) {
    rows.push([
      "Abstract",
      `${plural(d.abstract.words, "word")}, ${plural(d.abstract.chars, "character")} (${d.abstract.source === "input" ? "as you typed it" : "read from the PDF"})`,
    ]);
  }
  if (!rows.length) return null;
  const dl = el("dl", { class: "facts" });
  for (const [k, v] of rows) dl.append(el("div", { class: "fact" }, el("dt", {}, k), el("dd", {}, v)));
  return dl;
}

function renderCheck(c, ids) {
  const li = el("li", { class: `check check-${c.status}`, "data-check": c.id, "data-status": c.status, id: `check-${c.id}` });
  li.append(svgIcon(`i-${c.status}`, `check-icon status-${c.status}`));
  const main = el("div", { class: "check-main" });
  li.append(main);
  main.append(
    el(
      "div",
      { class: "check-head" },
      el("h4", { class: "check-title" }, c.title || c.id),
      el("span", { class: `badge badge-${c.status}` }, STATUS_WORDS[c.status]),
    ),
  );
  main.append(el("p", { class: "check-message" }, sentence(c.message || "")));
  if (c.hint) {
    const label = c.status === "fail" || c.status === "warn" ? "How to fix: " : "Tip: ";
    main.append(el("p", { class: "check-hint" }, el("span", { class: "hint-label" }, label), sentence(c.hint)));
  }
  const findings = c.findings || [];
  if (findings.length && !(c.id === "template" && c.status === "pass")) {
    const shown = findings.slice(0, FINDINGS_SHOWN);
    const rest = findings.slice(FINDINGS_SHOWN);
    const ul = el("ul", { class: "findings" });
    shown.forEach((f, i) => ul.append(renderFinding(c, f, i, ids)));
    main.append(ul);
    if (rest.length) {
      const details = el("details", { class: "more" });
      details.append(el("summary", {}, `Show ${rest.length} more`));
      const more = el("ul", { class: "findings" });
      rest.forEach((f, i) => more.append(renderFinding(c, f, i + FINDINGS_SHOWN, ids)));
      details.append(more);
      main.append(details);
    }
  }
  return li;
}

function renderFinding(c, f, i, ids) {
  const li = el("li", { class: "finding" });
  const mapId = ids.get(`${c.index}-${i}`);
  if (f.page) {
    const label = `Page ${f.page}`;
    if (mapId) {
      li.append(el("a", { href: `#${mapId}`, class: "page-link", "data-goto": mapId, title: "Show it on the page map" }, label));
    } else {
      li.append(el("span", { class: "page-label" }, label));
    }
    li.append(": ");
  }
  const what = findingWhat(f);
  if (what) li.append(what);
  if (f.note) li.append(what ? ` — ${f.note}` : f.note);
  return li;
}

function findingWhat(f) {
  if (!f.text) return null;
  if (/^(drawing|image|raster image|vector graphics|shading|figure|form)$/i.test(f.text)) return el("em", {}, `a ${f.text}`);
  return el("q", { class: "finding-text" }, truncate(f.text, 90));
}

function findingLabel(c, f) {
  let label = `${c.title} ${c.status === "fail" ? "fails" : "warns"}`;
  const what = f.text ? (/^(drawing|image)$/i.test(f.text) ? `a ${f.text}` : `“${truncate(f.text, 120)}”`) : "";
  if (what) label += `: ${what}`;
  if (f.note) label += what ? ` — ${f.note}` : `: ${f.note}`;
  return label;
}

// The findings to draw: fail and warn findings with a box, and those of page-level
// checks (a page of the wrong size, a page over the limit) as the whole page.
function collectDrawn(report, checks) {
  const byPage = new Map();
  const ids = new Map();
  const pages = (report.document && report.document.pages) || 0;
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    (c.findings || []).forEach((f, i) => {
      if (!f.page || f.page > pages) return;
      const whole = !f.bbox && WHOLE_PAGE_CHECKS.has(c.id);
      if (!f.bbox && !whole) return;
      const id = `m-${c.index}-${i}`;
      ids.set(`${c.index}-${i}`, id);
      const onPages = [f.page];
      onPages.forEach((p, k) => {
        if (!byPage.has(p)) byPage.set(p, []);
        byPage.get(p).push({ check: c, finding: f, id: k === 0 ? id : `${id}-${p}`, whole, page: p });
      });
    });
  }
  return { byPage, ids };
}

function renderMaps(report, drawn) {
  const d = report.document || {};
  const section = el("section", { class: "maps-section", "aria-labelledby": "maps-h" });
  const head = el("div", { class: "maps-head" });
  head.append(el("h3", { id: "maps-h" }, "Page maps"));
  const pages = d.pages || 0;
  if (!pages) {
    head.append(
      el(
        "p",
        { class: "muted" },
        report.kind === "blog" ? "A blog post has no pages to map." : "No page maps: the file could not be read as a PDF.",
      ),
    );
    section.append(head);
    return section;
  }
  head.append(renderLegend());
  section.append(head);
  section.append(
    el(
      "p",
      { class: "help maps-help" },
      "Each page is drawn at its own size; what falls outside the text block is marked where it is. Hover over a mark, or reach it with Tab, to read it.",
    ),
  );
  const grid = el("ol", { class: "maps" });
  for (let p = 1; p <= pages; p++) grid.append(renderMap(p, d, drawn.byPage.get(p) || []));
  section.append(grid);
  return section;
}

function renderLegend() {
  const legend = el("ul", { class: "legend", "aria-label": "Legend" });
  const swatch = (cls) => {
    const s = svg("svg", { viewBox: "0 0 24 14", class: "swatch", "aria-hidden": "true" });
    s.append(svg("rect", { x: 1.5, y: 1.5, width: 21, height: 11, class: cls }));
    return s;
  };
  legend.append(
    el("li", {}, swatch("block"), "the template's text block"),
    el("li", {}, swatch("mark mark-fail"), "fails"),
    el("li", {}, swatch("mark mark-warn"), "warning"),
  );
  return legend;
}

function renderMap(p, d, items) {
  const [w, h] = (d.pageSizes && d.pageSizes[p - 1]) || LETTER;
  const fails = items.filter((x) => x.check.status === "fail").length;
  const warns = items.length - fails;
  const li = el("li", { class: "map" + (fails ? " has-fail" : warns ? " has-warn" : "") });
  const fig = el("figure");
  const label = `Page ${p}${paperLabel(w, h)}: ${items.length ? `${plural(fails, "failing mark")}, ${plural(warns, "warning")}` : "nothing outside the text block"}`;
  const s = svg("svg", {
    viewBox: `0 0 ${fmt(w)} ${fmt(h)}`,
    "data-page": String(p),
    role: "group",
    "aria-label": label,
    class: "page-map",
    preserveAspectRatio: "xMidYMid meet",
  });
  s.append(svg("rect", { class: "paper", x: 0, y: 0, width: fmt(w), height: fmt(h) }));
  const block = d.textBlocks && d.textBlocks[p - 1];
  if (block) {
    const [x0, y0, x1, y1] = block;
    s.append(svg("rect", { class: "block", x: fmt(x0), y: fmt(h - y1), width: fmt(x1 - x0), height: fmt(y1 - y0) }));
  }
  // Warnings under failures, large marks under small ones, so every mark stays reachable.
  const ordered = [...items].sort(
    (a, b) => (a.check.status === "fail") - (b.check.status === "fail") || area(b, w, h) - area(a, w, h),
  );
  const minSize = Math.max(w, h) / 110; // a hairline rule stays visible and hoverable
  for (const item of ordered) {
    const { check: c, finding: f, id, whole } = item;
    let x0, y0, x1, y1;
    if (whole) [x0, y0, x1, y1] = [0, 0, w, h];
    else [x0, y0, x1, y1] = f.bbox;
    let x = Math.min(x0, x1), y = h - Math.max(y0, y1);
    let bw = Math.abs(x1 - x0), bh = Math.abs(y1 - y0);
    if (bw < minSize) { x -= (minSize - bw) / 2; bw = minSize; }
    if (bh < minSize) { y -= (minSize - bh) / 2; bh = minSize; }
    const text = findingLabel(c, f);
    const r = svg("rect", {
      class: `mark mark-${c.status}${whole ? " whole" : ""}`,
      id,
      x: fmt(x),
      y: fmt(y),
      width: fmt(bw),
      height: fmt(bh),
      "data-finding": c.id,
      "data-severity": c.status,
      tabindex: "0",
      role: "img",
      "aria-label": `Page ${p}, ${text}`,
    });
    const t = svg("title");
    t.textContent = text;
    r.append(t);
    s.append(r);
  }
  fig.append(el("div", { class: "map-frame" }, s));
  const cap = el("figcaption", {}, el("span", { class: "map-page" }, `Page ${p}`));
  if (fails) cap.append(el("span", { class: "map-count status-fail" }, svgIcon("i-fail", "icon"), String(fails)));
  if (warns) cap.append(el("span", { class: "map-count status-warn" }, svgIcon("i-warn", "icon"), String(warns)));
  const size = paperLabel(w, h);
  if (size) cap.append(el("span", { class: "map-size" }, size.replace(/^, /, "")));
  fig.append(cap);
  li.append(fig);
  return li;
}

function area(item, w, h) {
  if (item.whole) return w * h;
  const [x0, y0, x1, y1] = item.finding.bbox;
  return Math.abs((x1 - x0) * (y1 - y0));
}

// ---------------------------------------------------------------- tooltip

function showTip(target) {
  const text = target.querySelector("title")?.textContent || target.getAttribute("aria-label") || "";
  ui.tip.textContent = text;
  ui.tip.className = `tip tip-${target.dataset.severity || "fail"}`;
  ui.tip.hidden = false;
  const r = target.getBoundingClientRect();
  const tw = ui.tip.offsetWidth;
  const th = ui.tip.offsetHeight;
  let left = r.left + r.width / 2 - tw / 2;
  left = Math.max(8, Math.min(left, document.documentElement.clientWidth - tw - 8));
  let top = r.bottom + 8;
  if (top + th > window.innerHeight - 8) top = r.top - th - 8;
  ui.tip.style.left = `${Math.round(left + window.scrollX)}px`;
  ui.tip.style.top = `${Math.round(Math.max(8, top) + window.scrollY)}px`;
}

function hideTip() {
  ui.tip.hidden = true;
}

// ---------------------------------------------------------------- helpers

function setStatus(text, kind = "info") {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function setBodyState(s) {
  document.body.dataset.state = s;
}

function showRetry(show) {
  ui.retry.hidden = !show;
}

function showError(node, text) {
  node.textContent = text;
  node.hidden = false;
}

function hideError(node) {
  node.textContent = "";
  node.hidden = true;
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

function svgIcon(id, cls) {
  const s = svg("svg", { class: cls, "aria-hidden": "true", focusable: "false", viewBox: "0 0 20 20" });
  s.append(svg("use", { href: `#${id}` }));
  return s;
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

function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
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
