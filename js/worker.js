// A client for the precheck worker: checks run in a Web Worker so the page never
// freezes. A check that traps or runs past its time budget ends that worker; a fresh
// one takes its place, and the promise rejects with a named error.

/** An Error class whose instances carry `name`, so callers can test either. */
function namedError(name) {
  return class extends Error {
    constructor(message) {
      super(message);
      this.name = name;
    }
  };
}

/** The options were refused (an unknown profile, a date that is not a date). */
export const InvalidOptionsError = namedError("InvalidOptionsError");
/** A check ran past its time budget; the worker was replaced. */
export const TimeoutError = namedError("TimeoutError");
/** The worker crashed (a WebAssembly trap or an out-of-memory); it was replaced. */
export const WorkerCrashedError = namedError("WorkerCrashedError");
/** The worker could not start at all (its script missing, refused by a CSP, wrong MIME type). */
export const WorkerStartError = namedError("WorkerStartError");
/**
 * No longer thrown: a file larger than precheck reads now gets its report (the
 * `file-format` check fails naming the limit), its bytes never read. Kept so that code
 * importing it keeps working.
 */
export const FileTooLargeError = namedError("FileTooLargeError");

/**
 * Browsers start a worker only from the page's own origin. When this module was loaded
 * from elsewhere (a CDN), a same-origin blob starts the worker and imports the script.
 * The import is dynamic: a script fetch, which the page's CSP allows under script-src
 * (where the venue already lists where the widget comes from; a static import in a module
 * worker would need worker-src too). Requests that arrive before the script is there
 * wait for it. A script that cannot be loaded, or a policy that refuses it or the
 * WebAssembly, is answered with `startError`, so the page can say why.
 */
function crossOriginWorker() {
  if (typeof location === "undefined") return null;
  const here = new URL(import.meta.url);
  if (here.origin === location.origin || here.protocol === "file:") return null;
  const script = new URL("worker-script.js", here.href.replace(/[^/]*$/, "")).href;
  const source = `
const held = [];
const hold = (e) => { e.stopImmediatePropagation(); held.push(e.data); };
self.addEventListener("message", hold);
self.addEventListener("securitypolicyviolation", (e) => self.postMessage({ startError: { name: "WorkerStartError",
  message: "the page's Content-Security-Policy refused " + (e.blockedURI || "it") + " (" + e.effectiveDirective + ")" } }));
import(${JSON.stringify(script)}).then(() => {
  self.removeEventListener("message", hold);
  for (const data of held) self.dispatchEvent(new MessageEvent("message", { data }));
}, (e) => self.postMessage({ startError: { name: "WorkerStartError", message: String((e && e.message) || e) } }));
`;
  const blob = new Blob([source], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob), { type: "module" });
}

/**
 * An error from the worker, rebuilt by name. The worker answers with a report or an
 * InvalidOptionsError (or a TypeError for an argument of the wrong type); anything else
 * means it failed half-way (a trap, out of memory, a report it could not send), so the
 * caller gets a WorkerCrashedError and the worker is replaced.
 */
function rebuild({ name, message, cause }) {
  if (name === "InvalidOptionsError") return new InvalidOptionsError(message);
  if (name === "TypeError" && /^precheck: /.test(message || "")) return new TypeError(message);
  // A PrecheckCrashedError names the trap that caused it (e.g. "RuntimeError: unreachable").
  return crashedError(cause || (name && message ? `${name}: ${message}` : message || name || "unknown error"));
}

function crashedError(why) {
  return new WorkerCrashedError(`precheck stopped unexpectedly (${why}) and was restarted`);
}

/** The largest file precheck reads (bytes, decimal: 200 MB); larger ones are checked from their size alone. */
export const MAX_FILE_BYTES = 200_000_000;

export class PrecheckWorker {
  /**
   * @param {{timeoutMs?: number, workerUrl?: URL|string}} [options] the time budget of
   *   one check (default 20 s) and, for tests, another worker script.
   */
  constructor({ timeoutMs = 20000, workerUrl } = {}) {
    this.timeoutMs = timeoutMs;
    this.workerUrl = workerUrl;
    this.nextId = 1;
    this.pending = new Map();
    this.onprogress = null;
    this.onrestart = null;
    this.start();
  }

  start() {
    this.started = false;
    // Written out literally so that bundlers (Vite, webpack) see and emit the worker.
    this.worker = this.workerUrl
      ? new Worker(this.workerUrl, { type: "module" })
      : crossOriginWorker() || new Worker(new URL("./worker-script.js", import.meta.url), { type: "module" });
    this.worker.onmessage = (event) => {
      const message = event.data || {};
      if (message.ready) {
        this.started = true;
        return;
      }
      if (message.startError) {
        if (!this.started) this.fail(new WorkerStartError(`precheck could not start its worker (${message.startError.message})`));
        return;
      }
      this.receive(message);
    };
    // A reply that cannot be read (it failed to deserialize) leaves its request unanswered.
    this.worker.onmessageerror = () => this.restart(crashedError("a reply could not be read"));
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      const why = event.message || "worker error";
      // A worker that never started (404, wrong MIME type, CSP) would fail again: do not loop.
      if (this.started) this.restart(crashedError(why));
      else this.fail(new WorkerStartError(`precheck could not start its worker (${why})`));
    };
  }

  /** Whether a worker is running or will be started by the next request. */
  get running() {
    return this.worker !== null;
  }

  /** The worker never started: fail what is pending; the next request tries once more. */
  fail(error) {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    if (this.onrestart) this.onrestart(error);
  }

  /** Ends the current worker, fails what was pending, and starts a fresh one. */
  restart(error) {
    this.worker?.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.start();
    if (this.onrestart) this.onrestart(error);
  }

  receive(message) {
    const p = this.pending.get(message.id);
    if (!p) return;
    if (message.progress) {
      if (this.onprogress) this.onprogress({ id: message.id, stage: message.progress });
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.ok) {
      p.resolve(message.result);
    } else {
      const error = rebuild(message.error || {});
      p.reject(error);
      // An instance that failed half-way is not reused: a fresh worker takes its place.
      if (error instanceof WorkerCrashedError) this.restart(error);
    }
  }

  request(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const error = new TimeoutError(`the check took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped`);
        reject(error);
        this.restart(error);
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      if (!this.worker) this.start();
      this.worker.postMessage({ id, ...message }, transfer);
    });
  }

  /**
   * Checks a PDF in the worker. The bytes are copied once and the copy transferred. A file
   * larger than MAX_FILE_BYTES is neither read nor sent: the worker gets its size and
   * answers with the report for a file too large to read.
   * @param {Blob|ArrayBuffer|Uint8Array|undefined} pdf
   * @param {object} [options] as for `check` in the package's main module
   */
  async check(pdf, options = {}) {
    let buffer;
    if (pdf !== undefined && pdf !== null) {
      const blob = typeof Blob !== "undefined" && pdf instanceof Blob;
      if (!blob && !(pdf instanceof ArrayBuffer) && !ArrayBuffer.isView(pdf)) {
        throw new TypeError("precheck: the PDF must be a Blob, an ArrayBuffer or a Uint8Array");
      }
      const size = blob ? pdf.size : pdf.byteLength;
      if (size > MAX_FILE_BYTES) return this.request({ type: "check", size, options });
      if (blob) buffer = await pdf.arrayBuffer();
      else if (pdf instanceof ArrayBuffer) buffer = pdf.slice(0);
      else buffer = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
    }
    return this.request({ type: "check", pdf: buffer, options }, buffer ? [buffer] : []);
  }

  /** Words and characters of a text, counted by the same Rust code as the check. */
  count(text) {
    return this.request({ type: "count", text: String(text ?? "") });
  }

  /** The profile's rules as the core describes them (describeProfile in the main module). */
  describe(profile) {
    return this.request({ type: "describe", profile });
  }

  terminate() {
    this.worker?.terminate();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}
