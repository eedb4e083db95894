// precheck: check a paper submission against a call for papers, on your own machine.
// The Rust core compiled to WebAssembly; the .wasm sits next to this module and is read
// with fs in Node and fetched in browsers. Nothing is uploaded anywhere.
import init, * as core from "./wasm/precheck.js";

let loading;
// Only Node takes the branch that reads the file; the name stays out of bundlers' sight.
const NODE_FS = "node:fs/promises";

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

async function toBytes(pdf) {
  if (pdf === undefined || pdf === null) return undefined;
  if (pdf instanceof Uint8Array) return pdf;
  if (pdf instanceof ArrayBuffer) return new Uint8Array(pdf);
  if (ArrayBuffer.isView(pdf)) return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (typeof Blob !== "undefined" && pdf instanceof Blob) return new Uint8Array(await pdf.arrayBuffer());
  throw new TypeError("precheck: the PDF must be a Uint8Array, an ArrayBuffer or a Blob");
}

/**
 * Checks a submission and resolves to its report (SPEC §6).
 * @param {Uint8Array|ArrayBuffer|Blob|undefined} pdf the PDF (none for kind "blog")
 * @param {import("./index.js").CheckOptions} [options]
 */
export async function check(pdf, options = {}) {
  await ready();
  return core.check(await toBytes(pdf), options ?? {});
}

/** Words in a text, counted as SPEC §5 says (the same code as the abstract check). */
export async function countWords(text) {
  await ready();
  return core.countWords(String(text ?? ""));
}

/** Characters as OpenReview counts them (UTF-16 code units, a line break as one). */
export async function countChars(text) {
  await ready();
  return core.countChars(String(text ?? ""));
}

/** The version of precheck. */
export function version() {
  return VERSION;
}

const VERSION = "0.0.0-dev";
