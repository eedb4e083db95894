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
/** The file is larger than precheck reads; it never reached the worker. */
export const FileTooLargeError = namedError("FileTooLargeError");

const KNOWN = { InvalidOptionsError, TimeoutError, WorkerCrashedError, WorkerStartError, FileTooLargeError };

/**
 * Browsers start a worker only from the page's own origin. When this module was loaded
 * from elsewhere (a CDN), a same-origin blob starts the worker and imports the script.
 */
function crossOriginWorker() {
  if (typeof location === "undefined") return null;
  const here = new URL(import.meta.url);
  if (here.origin === location.origin || here.protocol === "file:") return null;
  const script = new URL("worker-script.js", here.href.replace(/[^/]*$/, "")).href;
  const blob = new Blob([`import ${JSON.stringify(script)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob), { type: "module" });
}

function rebuild({ name, message }) {
  if (name === "RuntimeError" || name === "CompileError") {
    return new WorkerCrashedError(`precheck stopped unexpectedly (${message}); it has been restarted`);
  }
  const Known = KNOWN[name];
  const error = Known ? new Known(message) : new Error(message);
  if (!Known) error.name = name || "Error";
  return error;
}

/** Files larger than this are refused before they reach the worker (bytes). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

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
      this.receive(message);
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      const why = event.message || "worker error";
      // A worker that never started (404, wrong MIME type, CSP) would fail again: do not loop.
      if (this.started) this.restart(new WorkerCrashedError(`precheck stopped unexpectedly (${why}); it has been restarted`));
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
      if (error instanceof WorkerCrashedError) {
        // A trapped instance is not safe to reuse.
        p.reject(error);
        this.restart(error);
      } else {
        p.reject(error);
      }
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
   * Checks a PDF in the worker. The bytes are copied once and the copy transferred.
   * @param {Blob|ArrayBuffer|Uint8Array|undefined} pdf
   * @param {object} [options] as for `check` in the package's main module
   */
  async check(pdf, options = {}) {
    let buffer;
    if (pdf !== undefined && pdf !== null) {
      const size = pdf.size ?? pdf.byteLength ?? 0;
      if (size > MAX_FILE_BYTES) {
        throw new FileTooLargeError(`the file is ${(size / 1e6).toFixed(0)} MB, larger than the ${MAX_FILE_BYTES / 1e6} MB precheck reads`);
      }
      if (typeof Blob !== "undefined" && pdf instanceof Blob) buffer = await pdf.arrayBuffer();
      else if (pdf instanceof ArrayBuffer) buffer = pdf.slice(0);
      else if (ArrayBuffer.isView(pdf)) buffer = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
      else throw new TypeError("precheck: the PDF must be a Blob, an ArrayBuffer or a Uint8Array");
    }
    return this.request({ type: "check", pdf: buffer, options }, buffer ? [buffer] : []);
  }

  /** Words and characters of a text, counted by the same Rust code as the check. */
  count(text) {
    return this.request({ type: "count", text: String(text ?? "") });
  }

  /** Test-only: makes the worker fail as a WebAssembly trap would. */
  trapForTests() {
    return this.request({ type: "__precheck_trap__" });
  }

  terminate() {
    this.worker?.terminate();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}
