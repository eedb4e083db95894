// In the page: window.bench.wasm(url, plan) and window.bench.pdfjs(url, plan) fetch a PDF
// and time, after warm-up, N runs of precheck's check() (main thread, as the package's
// index.js runs it) or of pdf.js (its own worker, as a page would run it): load the
// document, then every page's getTextContent() and getOperatorList().
// plan = {warmup, warmupMs, runs}: at least `warmup` untimed runs and more until warmupMs
// have passed (at most 50); runs 0 means N from the last warm-up, as bench/lib.mjs.
import { readWithPdfjs } from "./pdfjs-work.js";

const runsFor = (ms, fixed) => (fixed > 0 ? fixed : ms < 20 ? 15 : ms < 200 ? 9 : 5);

async function timeIt(fn, prepare, { warmup = 2, warmupMs = 500, runs = 0 } = {}) {
  let first = NaN;
  let last = NaN;
  let value;
  const t0 = performance.now();
  let warmups = 0;
  for (let i = 0; i < Math.max(1, warmup) || (performance.now() - t0 < warmupMs && i < 50); i++) {
    warmups++;
    const arg = prepare();
    const t = performance.now();
    const v = await fn(arg);
    last = performance.now() - t;
    if (i === 0) {
      first = last;
      value = v;
    }
  }
  const n = runsFor(last, runs);
  const times = [];
  for (let i = 0; i < n; i++) {
    const arg = prepare();
    const t = performance.now();
    await fn(arg);
    times.push(performance.now() - t);
  }
  return { times, first, value, warmups };
}

async function bytesOf(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

let precheck;
let readyMs;
async function loadPrecheck() {
  if (!precheck) {
    const t = performance.now();
    precheck = await import("/precheck/index.js");
    await precheck.ready();
    readyMs = performance.now() - t;
  }
  return precheck;
}

let pdfjs;
let worker;
async function loadPdfjs() {
  if (!pdfjs) {
    pdfjs = await import("/pdfjs/build/pdf.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
    // One worker for every document, as a checker page would keep it.
    worker = new pdfjs.PDFWorker({ name: "bench" });
  }
  return pdfjs;
}

window.bench = {
  async wasm(url, plan) {
    const { check } = await loadPrecheck();
    const bytes = await bytesOf(url);
    const r = await timeIt((b) => check(b), () => bytes, plan);
    return { times: r.times, first: r.first, warmups: r.warmups, pages: r.value.document.pages, verdict: r.value.verdict, readyMs };
  },
  async pdfjs(url, plan) {
    const lib = await loadPdfjs();
    const bytes = await bytesOf(url);
    const work = (data) =>
      readWithPdfjs(lib, {
        data,
        worker,
        verbosity: 0,
        isEvalSupported: false,
        standardFontDataUrl: "/pdfjs/standard_fonts/",
        cMapUrl: "/pdfjs/cmaps/",
        cMapPacked: true,
        wasmUrl: "/pdfjs/wasm/",
      });
    // pdf.js transfers the buffer to its worker: a fresh copy per run, before the clock.
    const r = await timeIt(work, () => bytes.slice(), plan);
    return { times: r.times, first: r.first, warmups: r.warmups, ...r.value, version: lib.version };
  },
};
document.getElementById("state").textContent = "ready";
document.body.dataset.ready = "1";
