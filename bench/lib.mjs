// Shared by the benchmark scripts: how many runs, medians, and the timing loop.
// The same rule in benches/core.rs: warm up, then N runs chosen from the last warm-up
// (15 under 20 ms, 9 under 200 ms, else 5). BENCH_RUNS / BENCH_WARMUP override both.
// JIT-compiled engines (wasm and pdf.js in V8) also warm up for at least WARMUP_MS, so
// that V8's optimising tier has replaced the baseline code before the clock starts.

export const WARMUP = envInt("BENCH_WARMUP", 2);
export const WARMUP_MS = envInt("BENCH_WARMUP_MS", 500);
const MAX_WARMUP_RUNS = 50;
export const FIXED_RUNS = envInt("BENCH_RUNS", 0);

function envInt(name, fallback) {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** Runs chosen from the duration of the last warm-up run (ms). */
export function runsFor(firstMs) {
  if (FIXED_RUNS > 0) return FIXED_RUNS;
  return firstMs < 20 ? 15 : firstMs < 200 ? 9 : 5;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Summary of a series of timings (ms). */
export function summary(times, extra = {}) {
  const s = [...times].sort((a, b) => a - b);
  return { ok: true, runs: s.length, median_ms: median(s), min_ms: s[0], max_ms: s[s.length - 1], times_ms: s.map((t) => +t.toFixed(4)), ...extra };
}

/**
 * Times `fn` (sync or async; it may return a value, kept from the first call): WARMUP
 * untimed calls (at least one; more until `warmupMs` have passed, at most 50), then N
 * timed calls, N from the first call's time. `prepare` runs before each call,
 * untimed, and its result is passed to `fn` (e.g. a fresh copy of bytes a call consumes).
 */
export async function timeIt(fn, { prepare = () => undefined, warmup = WARMUP, warmupMs = 0, runs } = {}) {
  let first = NaN;
  let last = NaN;
  let value;
  const t0 = performance.now();
  let warmups = 0;
  for (let i = 0; i < Math.max(1, warmup) || (performance.now() - t0 < warmupMs && i < MAX_WARMUP_RUNS); i++) {
    warmups++;
    const arg = await prepare();
    const t = performance.now();
    const v = await fn(arg);
    last = performance.now() - t;
    if (i === 0) {
      first = last;
      value = v;
    }
  }
  const n = runs ?? runsFor(last);
  const times = [];
  for (let i = 0; i < n; i++) {
    const arg = await prepare();
    const t = performance.now();
    await fn(arg);
    times.push(performance.now() - t);
  }
  return { ...summary(times, { first_ms: first, warmups }), value };
}

/** An unavailable measurement, with the reason shown in the table. */
export function na(reason) {
  return { ok: false, reason: String(reason).split("\n").find((l) => l.trim()) ?? String(reason) };
}
