// The <precheck-widget> element: its attributes, properties and events, the author's
// inputs, and the report, the page maps and the enlarged page drawn from each result.

import { reportMarkdown } from "../report-markdown.js";
import { CheckSession } from "./session.js";
import { icon, showError, hideError, sameBytes, el, bdi, prose } from "./dom.js";
import { adoptStyles } from "./styles.js";
import { DEFAULT_PROFILE, LETTER, KINDS, startFailure, STATUS_ORDER, profileId, profileTexts, kindLabels, kindHelp, verdictSentence, findingWhat, findingLabel, plural, truncate, fmt, formatBytes, formatDate, paperLabel } from "./text.js";
import { MARKUP } from "./view/inputs.js";
import { FINDINGS_SHOWN, renderVerdict, renderStrip, renderChanges, renderFacts, renderCheck } from "./view/report.js";
import { collectDrawn, renderMaps, pageStatus, pageSvg, readingOrder, linesAt, renderMap, renderRun } from "./view/maps.js";

const DEFAULT_TIMEOUT_MS = 20000;
// Page maps drawn with the report: every one of a usual paper, then in slices across frames.
const MAPS_AT_ONCE = 12; // drawn with the report whatever the time
const MAPS_FIRST_MS = 16; // then more with the report while this lasts
const SLICE_MS = 8; // then slices of this long, one a frame

const Base = globalThis.HTMLElement || class {};

/** `value` as an http(s) address against the page's, or null (none, not one, or another scheme). */
function webAddress(value) {
  if (!value) return null;
  try {
    const url = new URL(value, document.baseURI);
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export class PrecheckWidget extends Base {
  static get observedAttributes() {
    return ["profile", "kind", "compact", "timeout-ms"];
  }

  #ui;
  /**
   * What the element shows, besides the author's own inputs and the page maps being
   * drawn: changed only through #set, drawn only by #render.
   */
  #state = {
    phase: "loading", // data-state: loading | idle | checking | done | error
    status: { text: "Loading the checker…", kind: "info" }, // the status line (text: a string, or strings and nodes)
    retry: false, // "Try again" shown
    busy: false, // a check runs for longer than a moment: the report is dimmed
    inputsError: null, // { text, date } the core refused the inputs (date: it is about the date)
    fileError: null, // the file could not be read
    report: null, // the last report shown
    fileName: null, // the name of its file
    previous: null, // the report before a re-read of its file: { report, name, same }
    count: null, // the live count of the abstract: { words, chars, text }
    described: null, // the core's ProfileInfo: { of: the profile it describes, info }
  };
  #profileObject = null; // a whole profile given through the property
  #session; // the workers, the file, and when to check (session.js)
  #restored = false;
  #mapJob = null; // the page maps of the report shown: what they draw, and how far they are
  #zoom = null; // the enlarged page: { page, mark, opener }
  #againOf = null; // "Check again" asked for the file again: its name
  #reveal = false; // a new file was chosen: bring its verdict into view when it comes
  #dragDepth = 0;
  #dropped = 1; // how many files the last drop held (one is checked)
  #onPageDragOver = (e) => this.#pageDragOver(e);
  #onPageDrop = (e) => this.#pageDrop(e);
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
    this.#session = this.#newSession();
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
    return this.#state.report;
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
    const f = this.#session.file;
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
    window.addEventListener("scroll", this.#onWindowScroll, { capture: true, passive: true });
    window.addEventListener("resize", this.#onWindowResize);
    // Bubbling listeners on the window run after the page's own: a drop zone of the venue's
    // that takes the drop (preventDefault) keeps it.
    window.addEventListener("dragover", this.#onPageDragOver);
    window.addEventListener("drop", this.#onPageDrop);
    if (!this.#restored) {
      this.#restored = true;
      this.#fillKinds();
      this.#restoreInputs();
      this.#updateTexts();
    }
    if (!this.#session.ready) this.#setStatus("Loading the checker…");
    this.#session.count(this.#ui.abstract.value, 0);
    this.#session.start();
  }

  disconnectedCallback() {
    window.removeEventListener("scroll", this.#onWindowScroll, { capture: true });
    window.removeEventListener("resize", this.#onWindowResize);
    window.removeEventListener("dragover", this.#onPageDragOver);
    window.removeEventListener("drop", this.#onPageDrop);
    this.#hideTip();
    // Moved elsewhere in the page: keep the workers. Removed: end them.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#session.stop();
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (name === "timeout-ms") this.#session.timeoutMs = this.timeoutMs;
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
      if (this.#state.report) this.#renderReport(this.#state.report);
    }
  }

  // ---------------------------------------------------------------- start-up

  /** The session and what the element shows of it. */
  #newSession() {
    return new CheckSession(
      {
        options: () => this.#options(),
        profile: () => this.profile,
        described: (info) => this.#setDescription(this.profile, info),
        state: (s) => this.#set({ phase: s }),
        started: (ok, err) => this.#started(ok, err),
        idle: () => this.#setStatus("Ready. Drop a PDF to check it."),
        checking: (file) => this.#checking(file),
        busy: (on) => this.#busy(on),
        report: (report, { file, ms }) => this.#reported(report, file, ms),
        checkError: (err) => this.#handleCheckError(err),
        restarted: (err) => {
          this.#set({ retry: true });
          this.#setStatus(`${this.#restartReason(err)} Your inputs are kept; press “Try again”.`, "error");
        },
        blocked: () => {
          this.#setStatus("Your inputs changed. Press “Try again” to check them.");
          this.#set({ retry: true });
        },
        taken: (file, previous) => this.#taken(file, previous),
        count: (result) => {
          this.#set({ count: result });
          this.dispatchEvent(new CustomEvent("precheck-count", { detail: { words: result.words, chars: result.chars }, bubbles: true, composed: true }));
        },
      },
      { timeoutMs: this.timeoutMs },
    );
  }

  #started(ok, err) {
    if (ok) return;
    const here = new URL(import.meta.url);
    const from = typeof location !== "undefined" && here.origin !== location.origin ? here.host : null;
    const text = [startFailure(err, from)];
    const fallback = webAddress(this.getAttribute("fallback-url"));
    if (fallback) {
      text.push(" ", el("a", { href: fallback, "data-fallback": "" }, "Check your submission on the workshop's page instead."));
    } else {
      text.push(" Reload the page to try again.");
    }
    this.#setStatus(text, "error");
    this.#emitError(err);
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
      this.#session.count(ui.abstract.value);
      this.#session.schedule();
    });
    ui.kind.addEventListener("change", () => this.#kindChanged());
    ui.firstPublic.addEventListener("change", () => {
      this.#saveInputs();
      this.#session.schedule(0);
    });
    ui.firstPublic.addEventListener("input", () => this.#saveInputs());
    // "Not public yet" and a date exclude each other: the core takes one answer.
    ui.notYet.addEventListener("change", () => {
      ui.firstPublic.disabled = ui.notYet.checked;
      this.#saveInputs();
      this.#session.schedule(0);
    });
    ui.retry.addEventListener("click", () => {
      this.#set({ retry: false });
      this.#session.retry();
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

  /**
   * catch-drops: a file dragged over the page outside the widget (and outside any drop
   * zone or file input of the page's own) must not replace the page, and the abstract
   * typed into it, with the browser's PDF viewer. A PDF dropped there is checked.
   */
  #pageDragOver(e) {
    if (!this.#catchesDrop(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }

  #pageDrop(e) {
    if (!this.#catchesDrop(e)) return;
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    const f = files.find((x) => /\.pdf$/i.test(x.name) || x.type === "application/pdf");
    if (f) {
      this.#syncPicker(f);
      this.#takeFile(f, performance.now(), files.length, null);
    } else if (files.length) {
      this.#setStatus("That file was not checked: drop a PDF.", "error");
    }
  }

  #catchesDrop(e) {
    if (!this.hasAttribute("catch-drops") || e.defaultPrevented || !this.isConnected) return false;
    if (!e.dataTransfer || ![...(e.dataTransfer.types || [])].includes("Files")) return false;
    const target = e.composedPath ? e.composedPath()[0] : e.target;
    if (target && target.matches && target.matches('input[type="file"]')) return false; // the page's own picker
    return !this.contains(target) && !e.composedPath().includes(this); // drops on the widget are its own
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

  /** What the texts say about the profile: the core's description once it is there. */
  #profileInfo() {
    return profileTexts(this.profile, this.#state.described && this.#state.described.of === this.profile ? this.#state.described.info : null);
  }

  /** The core described the profile: the picker, the help and the live count say its limits. */
  #setDescription(of, info) {
    if (of !== this.profile) return;
    this.#set({ described: { of, info } }); // the count is drawn again with its limits
  }

  async #describe() {
    const of = this.profile;
    const info = await this.#session.describe(of);
    if (info) this.#setDescription(of, info);
  }

  #storageKey() {
    const key = this.getAttribute("storage-key");
    if (key === "none") return null;
    return key || `precheck:${profileId(this.profile)}`;
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
    this.#render(["count"]); // without the old profile's limits until the new one is described
    if (this.#session.ready) this.#describe();
    if (this.#state.report || this.#session.file) this.#session.schedule(0);
  }

  #kindChanged() {
    this.#saveInputs();
    this.#updateTexts();
    this.#session.schedule(0);
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
    const f = this.#session.file;
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
    this.#set({ fileError: null });
    this.#dropped = count;
    try {
      await this.#session.takeFile(f, t0, handle);
    } catch (err) {
      const name = f.name || "file.pdf";
      this.#set({
        fileError: ["“", bdi(name), `” could not be read (${err.message}). Choose it again.`],
        status: { text: ["Not checked: “", bdi(name), "” could not be read."], kind: "error" },
      });
      // The old report no longer describes what the author chose.
      this.#renderFileInfo();
      this.#markStale();
      this.#emitError(err);
    }
  }

  /** A file was read and is about to be checked. */
  #taken(file, last) {
    // The same file again (by name, or after "Check again"): the report says what changed.
    const again = this.#againOf;
    this.#againOf = null;
    const s = this.#state;
    const same = s.report && s.fileName && last && (again !== null || s.fileName === file.name);
    s.previous = same ? { report: s.report, name: s.fileName, same: sameBytes(last.bytes, file.bytes) } : null; // drawn with the next report
    this.#reveal = true;
    this.#set({ retry: false });
    this.#renderFileInfo();
  }

  // ---------------------------------------------------------------- checking

  #checking(file) {
    const ui = this.#ui;
    let text = file ? ["Checking “", bdi(file.name), "”…"] : "Checking…";
    if (file && this.#dropped > 1) text = [`${this.#dropped} files were dropped; checking “`, bdi(file.name), "”."];
    this.#dropped = 1;
    this.#set({ inputsError: null, busy: true, status: { text, kind: "info" } });
  }

  /** A check runs for longer than a moment (on), or ended (off). */
  #busy(on) {
    this.#set({ busy: on ? "slow" : false });
  }

  #reported(report, file, ms) {
    this.#set({ fileName: file && file.name, report });
    this.dataset.lastCheckMs = String(ms);
    this.dataset.checks = String(Number(this.dataset.checks || 0) + 1);
    this.#setStatus(`Checked in ${ms} ms. ${verdictSentence(report)}`);
    if (this.#reveal && file) {
      this.#reveal = false;
      this.#revealVerdict();
    }
    this.dispatchEvent(new CustomEvent("precheck-report", { detail: report, bubbles: true, composed: true }));
  }

  #handleCheckError(err) {
    const ui = this.#ui;
    const name = (err && err.name) || "Error";
    const message = String((err && err.message) || err).replace(/\.$/, "");
    this.#markStale();
    if (name === "InvalidOptionsError") {
      this.#set({ inputsError: { text: `Please correct your inputs: ${message}.`, date: /date|first/i.test(message) }, status: { text: `Not checked: ${message}.`, kind: "error" } });
    } else if (name === "TimeoutError" || name === "WorkerCrashedError") {
      this.#set({ retry: true });
      this.#setStatus(`${this.#restartReason(err)} Your inputs are kept; press “Try again”.`, "error");
    } else {
      this.#set({ retry: true });
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
    if (!this.#state.report || body.querySelector(".stale-note")) return;
    body.classList.add("stale");
    body.prepend(el("p", { class: "stale-note" }, "This report is from the last check that finished; it may not match your current inputs."));
  }

  #emitError(err) {
    const detail = { name: (err && err.name) || "Error", message: String((err && err.message) || err) };
    this.dispatchEvent(new CustomEvent("precheck-error", { detail, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------- word count

  /** The live count, against the profile's limits as far as they are known. */
  #renderCount() {
    if (!this.#state.count) return;
    const { words, chars, text } = this.#state.count;
    const ui = this.#ui;
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
    ui.abstractHelp.hidden = text.trim().length > 0;
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
      const text = reportMarkdown(report, this.#state.fileName, today);
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
      const a = el("a", { href: url, download: `${(this.#state.fileName || "report").replace(/\.pdf$/i, "")}.precheck.json` });
      a.hidden = true;
      this.shadowRoot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    });
    bar.append(copy, download);
    if (this.#session.file && report.kind !== "blog") {
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
    frag.append(renderVerdict(report, counts, this.#state.fileName, labels));
    frag.append(this.#renderActions(report));
    if (!compact) {
      const facts = renderFacts(report);
      if (facts) frag.append(facts);
    }
    if (this.#ui.zoom.open) this.#ui.zoom.close();
    const changes = this.#state.previous ? renderChanges(this.#state.previous, report) : null;
    this.#state.previous = null; // said once
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
    if (job.report !== this.#state.report) return;
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
    this.#set({ status: { text, kind } });
  }

  /** Changes what the element shows: the one way #state changes. */
  #set(patch) {
    Object.assign(this.#state, patch);
    this.#render(Object.keys(patch));
  }

  /** Draws what changed in #state: the one way it reaches the DOM. */
  #render(changed) {
    const ui = this.#ui;
    const s = this.#state;
    for (const key of changed) {
      if (key === "phase") {
        this.dataset.state = s.phase;
      } else if (key === "status") {
        ui.status.replaceChildren(...(Array.isArray(s.status.text) ? s.status.text : [s.status.text]));
        ui.status.dataset.kind = s.status.kind;
      } else if (key === "retry") {
        ui.retry.hidden = !s.retry;
      } else if (key === "busy") {
        ui.report.classList.toggle("busy", s.busy === "slow");
        if (s.busy) ui.report.setAttribute("aria-busy", "true");
        else ui.report.removeAttribute("aria-busy");
      } else if (key === "inputsError") {
        if (s.inputsError) showError(ui.inputsError, s.inputsError.text);
        else hideError(ui.inputsError);
        if (s.inputsError && s.inputsError.date) ui.firstPublic.setAttribute("aria-invalid", "true");
        else ui.firstPublic.removeAttribute("aria-invalid");
      } else if (key === "fileError") {
        if (s.fileError) showError(ui.fileError, s.fileError);
        else hideError(ui.fileError);
      } else if (key === "report") {
        if (s.report) this.#renderReport(s.report);
      } else if (key === "described") {
        this.#fillKinds();
        this.#updateTexts();
        this.#renderCount();
      } else if (key === "count") {
        this.#renderCount();
      }
    }
  }
}
