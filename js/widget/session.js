// The widget's check session, with no DOM: two workers (one for checks, one for the live
// count of the abstract, so counting stays quick during a long check), the file the
// author chose, and the rules of when to check:
//
// - one check at a time; inputs that change during a check are checked once it ends,
//   as they are then (changes coalesce into one more check, however many there were);
// - the file chosen last wins: a file still being read, or a report of a file that has
//   since been replaced, is dropped;
// - after a check timed out or crashed its worker (replaced at once), nothing is checked
//   automatically until the author asks (`retry()`), so one hostile file cannot loop;
// - a file that arrives while the checker loads is checked as soon as it is there,
//   timed from its arrival.
//
// The element gives the inputs (`hooks.options()`) and draws what the hooks say.

import { PrecheckWorker, MAX_FILE_BYTES } from "../worker.js";

export const CHECK_DELAY_MS = 350; // re-check after the author stops typing
export const COUNT_DELAY_MS = 150;
export const START_BUDGET_MS = 20000; // loading the WebAssembly, before the first check

/**
 * @typedef {object} SessionFile
 * @property {string} name
 * @property {number} size
 * @property {ArrayBuffer|null} bytes  read once (re-checks work if the file changes on disk); null when too large to read
 * @property {Blob|null} blob  the file itself when too large to read (only its size is sent)
 * @property {object|null} handle  a FileSystemFileHandle, when the browser gave one
 */

export class CheckSession {
  #hooks;
  #createWorker;
  #now;
  #checker = null;
  #counter = null;
  #starting = null;
  #file = null;
  #fileSeq = 0;
  #running = false;
  #again = null; // the arrival time of inputs that changed during a check
  #blocked = false;
  #checkTimer = 0;
  #countTimer = 0;
  #countSeq = 0;
  #countText = ""; // the abstract as last given to count()
  #startFailed = false; // the last start failed: a file or retry() tries again
  #pendingSince; // when a file arrived before the checker was there
  #timeoutMs;

  /**
   * @param {object} hooks  `options()` the inputs now ({kind, abstract, ...} as for check),
   *   `profile()` the profile to describe once started (`described(info)` gives its ProfileInfo);
   *   and, all optional: `state(s)` loading|idle|checking|done|error, `started(ok, error)`,
   *   `taken(file, previous)` (a file read, before its check), `checking(file)`, `busy(on)`, `report(report, {file, ms})`, `checkError(error)`,
   *   `restarted(error)` (the check worker was replaced), `count({words, chars})`,
   *   `blocked()` (inputs changed while checks wait for retry()), `idle()` (nothing to check)
   * @param {{createWorker?: (options: {timeoutMs: number}) => PrecheckWorker, now?: () => number, timeoutMs?: number}} [env]
   */
  constructor(hooks, { createWorker = (o) => new PrecheckWorker(o), now = () => performance.now(), timeoutMs = 20000 } = {}) {
    this.#hooks = hooks;
    this.#createWorker = createWorker;
    this.#now = now;
    this.#timeoutMs = timeoutMs;
  }

  /** The file being checked, or null. */
  get file() {
    return this.#file;
  }
  /** Whether checks wait for retry() after a timeout or a crash. */
  get blocked() {
    return this.#blocked;
  }
  /** Whether the checker is loaded and ready. */
  get ready() {
    return Boolean(this.#checker) && !this.#starting;
  }
  /** The time budget of one check (ms). */
  get timeoutMs() {
    return this.#timeoutMs;
  }
  set timeoutMs(ms) {
    this.#timeoutMs = ms;
  }

  #emit(name, ...args) {
    const hook = this.#hooks[name];
    if (typeof hook === "function") hook(...args);
  }

  /**
   * Starts both workers and loads the WebAssembly in each, so the first check is quick.
   * Resolves to whether it started; `started(false, error)` says why not.
   */
  start() {
    if (this.#checker || this.#starting) return this.#starting || Promise.resolve(true);
    this.#starting = this.#start();
    return this.#starting;
  }

  async #start() {
    this.#emit("state", "loading");
    await null; // start() holds this promise before anything below can settle it
    let checker, counter;
    try {
      checker = this.#createWorker({ timeoutMs: START_BUDGET_MS });
      counter = this.#createWorker({ timeoutMs: START_BUDGET_MS });
    } catch (err) {
      checker?.terminate();
      return this.#failed(err);
    }
    this.#checker = checker;
    this.#counter = counter;
    checker.onrestart = (err) => {
      this.#blocked = true;
      this.#emit("restarted", err);
    };
    // A counter that crashed was replaced: count again. One that never started (its script
    // missing or refused) is left alone, not retried in a loop.
    counter.onrestart = () => {
      if (counter.running) this.#countNow(this.#countText);
    };
    let error = null;
    let info = null;
    try {
      // The counter also describes the profile: the texts say the core's limits from the start.
      [, info] = await Promise.all([checker.count(""), counter.describe(this.#hooks.profile ? this.#hooks.profile() : undefined).catch((err) => {
        if (err && err.name === "InvalidOptionsError") return null; // the check will say what is wrong
        throw err;
      })]);
    } catch (err) {
      error = err;
    }
    if (this.#checker !== checker) return false; // stopped meanwhile
    if (error) return this.#failed(error);
    this.#starting = null;
    this.#emit("described", info);
    this.#emit("state", "idle");
    this.#emit("started", true, null);
    this.#countNow(this.#countText);
    // A file that arrived while the checker loaded is checked now, timed from its arrival.
    const since = this.#pendingSince;
    this.#pendingSince = undefined;
    if (this.#canCheck()) this.run(since ?? this.#now());
    else this.#emit("idle");
    return true;
  }

  /**
   * The checker did not start: no worker is kept (a check on it would only fail again, in
   * worse words). The next file the author chooses, or retry(), tries to start once more.
   */
  #failed(error) {
    this.#endWorkers();
    this.#startFailed = true;
    this.#emit("state", "error");
    this.#emit("started", false, error);
    return false;
  }

  /**
   * The core's description of `profile` (its ProfileInfo), or null when the checker is not
   * there or the core refuses the profile (the check then says why).
   */
  async describe(profile) {
    if (!(await this.start()) || !this.#counter) return null;
    try {
      return await this.#counter.describe(profile);
    } catch {
      return null;
    }
  }

  /** Ends both workers and every timer (the element left the page). */
  stop() {
    clearTimeout(this.#checkTimer);
    clearTimeout(this.#countTimer);
    this.#endWorkers();
    this.#running = false;
    this.#again = null;
  }

  #endWorkers() {
    this.#checker?.terminate();
    this.#counter?.terminate();
    this.#checker = this.#counter = this.#starting = null;
  }

  /**
   * Takes a file the author chose and checks it. Files can arrive faster than they are
   * read (three dropped in a row, the first the largest): only the one chosen last is
   * checked. A file larger than the checker reads is not read at all: the checker reports
   * it from its size. Resolves to the SessionFile taken, or null when a later file
   * replaced it; rejects when the file could not be read (the session then has no file).
   * @param {Blob} f
   * @param {number} t0  when it arrived
   * @param {object|Promise<object>|null} [handle]  a FileSystemFileHandle (or its promise)
   */
  async takeFile(f, t0, handle = null) {
    const seq = ++this.#fileSeq;
    let bytes = null;
    if (f.size <= MAX_FILE_BYTES) {
      try {
        bytes = await f.arrayBuffer();
      } catch (err) {
        if (seq !== this.#fileSeq) return null;
        this.#file = null;
        throw err;
      }
      if (seq !== this.#fileSeq) return null;
    }
    const file = { name: f.name || "file.pdf", size: f.size, bytes, blob: bytes ? null : f, handle: null };
    if (handle && typeof handle.then === "function") {
      handle.then((h) => {
        if (h && h.kind === "file") file.handle = h;
      });
    } else if (handle) {
      file.handle = handle;
    }
    const previous = this.#file;
    this.#file = file;
    this.#blocked = false;
    this.#emit("taken", file, previous);
    this.#startAgain();
    this.run(t0);
    return file;
  }

  /** The file could not be taken: it replaces the one before, which is no longer checked. */
  forgetFile() {
    ++this.#fileSeq;
    this.#file = null;
  }

  #canCheck() {
    if (!this.ready) return false;
    return this.#hooks.options().kind === "blog" || Boolean(this.#file);
  }

  /** The inputs changed: check them after `delay` ms of quiet. */
  schedule(delay = CHECK_DELAY_MS) {
    clearTimeout(this.#checkTimer);
    if (!this.ready) return; // checked once the checker is there
    if (this.#blocked) {
      this.#emit("blocked");
      return;
    }
    const t = this.#now();
    this.#checkTimer = setTimeout(() => this.run(t), delay);
  }

  /** The author asked to check again after a timeout or a crash. */
  retry() {
    this.#blocked = false;
    this.#startAgain();
    this.run(this.#now());
  }

  #startAgain() {
    if (!this.#startFailed || this.#starting) return;
    this.#startFailed = false;
    this.start();
  }

  /** Checks the inputs as they are now; `t0` is when they arrived (for the time shown). */
  async run(t0 = this.#now()) {
    clearTimeout(this.#checkTimer);
    if (!this.#canCheck()) {
      if (!this.ready) this.#pendingSince = this.#pendingSince ?? t0; // arrived while loading
      else this.#emit("idle");
      return;
    }
    if (this.#running) {
      // One check at a time; the latest inputs are checked when this one ends.
      this.#again = this.#again ?? t0;
      return;
    }
    const checker = this.#checker;
    this.#running = true;
    this.#again = null;
    const options = this.#hooks.options();
    const file = options.kind === "blog" ? null : this.#file;
    this.#emit("state", "checking");
    this.#emit("checking", file);
    const slow = setTimeout(() => this.#emit("busy", true), 250);
    try {
      checker.timeoutMs = this.#timeoutMs;
      // The worker receives a copy; the bytes stay here for the next check.
      const report = await checker.check(file ? file.bytes || file.blob : undefined, options);
      if (checker !== this.#checker) return;
      // Another file was chosen while this one was checked: its report is not shown (the
      // new file's check follows at once).
      if (file && file !== this.#file) return;
      this.#emit("state", "done");
      this.#emit("report", report, { file, ms: Math.round(this.#now() - t0) });
    } catch (err) {
      if (checker !== this.#checker) return;
      if (err && (err.name === "TimeoutError" || err.name === "WorkerCrashedError")) this.#blocked = true;
      this.#emit("state", "error");
      this.#emit("checkError", err);
    } finally {
      clearTimeout(slow);
      this.#emit("busy", false);
      this.#running = false;
      if (this.#again !== null && !this.#blocked && this.#checker) {
        const again = this.#again;
        this.#again = null;
        this.run(again);
      }
    }
  }

  /** The abstract changed: count it after `delay` ms (as the check counts it, trimmed). */
  count(text, delay = COUNT_DELAY_MS) {
    this.#countText = String(text ?? "");
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(() => this.#countNow(this.#countText), delay);
  }

  async #countNow(text) {
    const counter = this.#counter;
    if (!counter || this.#starting) return; // counted once the checker is there
    const seq = ++this.#countSeq;
    let result;
    try {
      result = await counter.count(text.trim());
    } catch {
      return; // the counter restarts itself and counts again
    }
    if (seq !== this.#countSeq || counter !== this.#counter) return;
    this.#emit("count", { ...result, text });
  }
}
