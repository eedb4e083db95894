// precheck: check a paper submission against a call for papers, on your own machine.
// The Rust core compiled to WebAssembly; the .wasm sits next to this module and is read
// with fs in Node and fetched in browsers. Nothing is uploaded anywhere.
import init, * as core from "./wasm/precheck.js";

let loading;
// Only Node takes the branch that reads the file; the name stays out of bundlers' sight.
const NODE_FS = "node:fs/promises";

/**
 * The WebAssembly stopped in the middle of a call (a trap: an out-of-memory, a bug in the
 * core) or the glue around it failed. The instance that failed is never used again: the
 * next call runs on a fresh one, so later checks get their reports. `cause` is the
 * original error (e.g. `RuntimeError: unreachable`).
 */
export class PrecheckCrashedError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "PrecheckCrashedError";
  }
}

/** Loads the WebAssembly module once; every function below awaits it. */
export function ready() {
  if (!loading) {
    loading = (async () => {
      const url = new URL("./wasm/precheck_bg.wasm", import.meta.url);
      if (url.protocol === "file:" && typeof process !== "undefined" && process.versions && process.versions.node) {
        const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
        await init({ module_or_path: await readFile(url) });
      } else {
        await init({ module_or_path: url });
      }
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

// Set when an instance failed and could not be replaced at once; the next call retries.
let broken = false;

/**
 * Runs one call into the WebAssembly. The core reports every PDF, however hostile, and
 * throws only InvalidOptionsError; anything else means the instance stopped half-way
 * (its memory and stack may be in any state), so it is replaced by a fresh instance of
 * the same compiled module (`__wbg_reset_state`, synchronous, no fetch) and the caller
 * gets a PrecheckCrashedError.
 */
function call(fn) {
  if (broken) {
    try {
      core.__wbg_reset_state();
      broken = false;
    } catch (err) {
      throw crashed(err);
    }
  }
  try {
    return fn();
  } catch (err) {
    if (err && err.name === "InvalidOptionsError") throw err;
    broken = true;
    try {
      core.__wbg_reset_state(); // now, so the failed instance's memory can be freed
      broken = false;
    } catch {
      /* retried on the next call */
    }
    throw crashed(err);
  }
}

function crashed(err) {
  const why = err && err.message ? `${err.name || "Error"}: ${err.message}` : String(err);
  return new PrecheckCrashedError(`precheck stopped unexpectedly (${why}); the next call starts afresh`, { cause: err });
}

/** A Blob, a File, or any object that has both a byte size and arrayBuffer() (another realm's File). */
function isBlobLike(pdf) {
  if (typeof Blob !== "undefined" && pdf instanceof Blob) return true;
  return typeof pdf === "object" && typeof pdf.size === "number" && typeof pdf.arrayBuffer === "function";
}

/**
 * The PDF as bytes to check, or its size alone when it is larger than the core reads: an
 * oversized file is never copied (nor a Blob read), it gets the core's report from its size.
 */
async function toInput(pdf, maxBytes) {
  if (pdf === undefined || pdf === null) return { bytes: undefined };
  let view;
  if (pdf instanceof Uint8Array) view = pdf;
  else if (pdf instanceof ArrayBuffer) view = pdf.byteLength > maxBytes ? null : new Uint8Array(pdf);
  else if (ArrayBuffer.isView(pdf)) view = pdf.byteLength > maxBytes ? null : new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  else if (isBlobLike(pdf)) {
    if (pdf.size > maxBytes) return { tooLarge: pdf.size };
    return { bytes: new Uint8Array(await pdf.arrayBuffer()) };
  } else {
    throw new TypeError("precheck: the PDF must be a Uint8Array, an ArrayBuffer or a Blob");
  }
  if (view === null || view.byteLength > maxBytes) return { tooLarge: pdf.byteLength };
  return { bytes: view };
}

/**
 * Checks a submission and resolves to its report (SPEC §6). A file larger than the core
 * reads (200 MB) gets the report saying so, its bytes untouched.
 * @param {Uint8Array|ArrayBuffer|Blob|undefined} pdf the PDF (none for kind "blog")
 * @param {import("./index.js").CheckOptions} [options]
 */
export async function check(pdf, options = {}) {
  await ready();
  const input = await toInput(pdf, call(() => core.maxFileBytes()));
  if (input.tooLarge !== undefined) return call(() => core.checkTooLarge(input.tooLarge, options ?? {}));
  return call(() => core.check(input.bytes, options ?? {}));
}

/**
 * The report for a PDF of `size` bytes that is too large to read (its `file-format` check
 * fails naming the limit), without the file: what `check` returns for such a file.
 * @param {number} size
 * @param {import("./index.js").CheckOptions} [options]
 */
export async function checkTooLarge(size, options = {}) {
  await ready();
  return call(() => core.checkTooLarge(Number(size), options ?? {}));
}

/** Words in a text, counted as SPEC §5 says (the same code as the abstract check). */
export async function countWords(text) {
  await ready();
  return call(() => core.countWords(String(text ?? "")));
}

/** Characters as OpenReview counts them (UTF-16 code units, a line break as one). */
export async function countChars(text) {
  await ready();
  return call(() => core.countChars(String(text ?? "")));
}

/**
 * A profile's rules as a UI explains them (limits, dates, geometry, fonts, and which checks
 * apply to each kind), from the core, so no front end restates them.
 * @param {string|object} [profile] a built-in profile id (default "snn-2022") or a whole profile
 */
export async function describeProfile(profile) {
  await ready();
  return call(() => core.describeProfile(profile ?? undefined));
}

/** The version of precheck. */
export function version() {
  return VERSION;
}

const VERSION = "0.0.0-dev";
