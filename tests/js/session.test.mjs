// The widget's check session (js/widget/session.js) in Node, with fake workers: when it
// checks, which inputs, which file, and what it does after a crash. No DOM, no wasm.
import test from "node:test";
import assert from "node:assert/strict";
import { CheckSession } from "../../js/widget/session.js";

/** A deferred promise: resolve or reject it from the test. */
function deferred() {
  let resolve, reject;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

const named = (name, message = name) => Object.assign(new Error(message), { name });
/** Lets timers of 0 ms and settled promises run. */
const settle = () => new Promise((r) => setTimeout(r, 5));

/**
 * Fake PrecheckWorkers: every check waits until the test answers it; counts answer at
 * once unless `counts` holds deferreds. `checks` lists every check asked, in order.
 */
function fakeWorkers({ failCreate = false, failWarmUp = null, warmUp = null } = {}) {
  const made = [];
  const checks = [];
  const countAnswers = [];
  let warmUps = 0;
  class FakeWorker {
    constructor(options) {
      if (failCreate) throw named("SecurityError", "cannot start a worker from here");
      this.timeoutMs = options.timeoutMs;
      this.running = true;
      this.onrestart = null;
      this.terminated = false;
      made.push(this);
    }
    check(pdf, options) {
      const d = deferred();
      checks.push({ worker: this, pdf, options: { ...options }, ...d });
      return d.promise;
    }
    count(text) {
      if (text === "" && warmUps < made.length) {
        warmUps = made.length;
        if (failWarmUp && made.length <= 2) return Promise.reject(failWarmUp); // the first start
        return (warmUp ? warmUp.promise : Promise.resolve()).then(() => ({ words: 0, chars: 0 }));
      }
      if (countAnswers.length) return countAnswers.shift().promise;
      const words = text.trim() ? text.trim().split(/\s+/).length : 0;
      return Promise.resolve({ words, chars: text.length });
    }
    describe(profile) {
      if (profile === "no-such-profile") return Promise.reject(named("InvalidOptionsError", `unknown profile "${profile}"`));
      return Promise.resolve({ id: profile, abstractMaxWords: 250 });
    }
    terminate() {
      this.terminated = true;
    }
  }
  return { made, checks, countAnswers, createWorker: (o) => new FakeWorker(o) };
}

/** A session over fake workers, with inputs the test sets and every hook recorded. */
function session(fakes, inputs = { kind: "paper" }) {
  const events = [];
  const hooks = { options: () => ({ ...inputs }), profile: () => inputs.profile ?? "snn-2022" };
  for (const name of ["state", "described", "started", "idle", "taken", "checking", "busy", "report", "checkError", "restarted", "blocked", "count"]) {
    hooks[name] = (...args) => events.push([name, ...args]);
  }
  const s = new CheckSession(hooks, { createWorker: fakes.createWorker, timeoutMs: 1234 });
  const of = (name) => events.filter((e) => e[0] === name).map((e) => e.slice(1));
  return { s, events, of, inputs };
}

/** A Blob-like file whose read the test can hold back. */
function file(name, text = name, gate = null) {
  const bytes = new TextEncoder().encode(text).buffer;
  return { name, size: bytes.byteLength, arrayBuffer: () => (gate ? gate.promise.then(() => bytes) : Promise.resolve(bytes)) };
}

const decode = (buffer) => new TextDecoder().decode(buffer);

test("starts both workers, warms them up, then says it is idle", async () => {
  const fakes = fakeWorkers();
  const { s, of } = session(fakes);
  assert.equal(s.ready, false);
  assert.equal(await s.start(), true);
  assert.equal(fakes.made.length, 2, "a check worker and a count worker");
  assert.equal(s.ready, true);
  assert.deepEqual(of("state").map((e) => e[0]), ["loading", "idle"]);
  assert.deepEqual(of("started"), [[true, null]]);
  assert.equal(of("idle").length, 1, "no file yet: nothing to check");
  assert.equal(fakes.checks.length, 0);
});

test("the profile is described by the core while the checker starts, before it says it is idle", async () => {
  const fakes = fakeWorkers();
  const { s, events, of } = session(fakes);
  await s.start();
  assert.deepEqual(of("described"), [[{ id: "snn-2022", abstractMaxWords: 250 }]]);
  const order = events.map((e) => e[0]);
  assert.ok(order.indexOf("described") < order.indexOf("started"), order.join(" "));
  assert.deepEqual(await s.describe("neurips-2022"), { id: "neurips-2022", abstractMaxWords: 250 });
  // A profile the core refuses is not a failed start: the check will say what is wrong.
  const refused = session(fakeWorkers(), { kind: "paper", profile: "no-such-profile" });
  assert.equal(await refused.s.start(), true);
  assert.deepEqual(refused.of("described"), [[null]]);
  assert.equal(await refused.s.describe("no-such-profile"), null);
});

test("a start that fails says so once with the error, keeps no worker, and the next file starts it again", async () => {
  const refused = named("WorkerStartError", "precheck could not start its worker (worker error)");
  const fakes = fakeWorkers({ failWarmUp: refused });
  const { s, of } = session(fakes);
  assert.equal(await s.start(), false);
  assert.deepEqual(of("started"), [[false, refused]]);
  assert.deepEqual(of("state").map((e) => e[0]), ["loading", "error"]);
  assert.ok(fakes.made.every((w) => w.terminated), "no worker is kept from a failed start");
  // The fake refuses the first start only: the file the author then chooses starts the
  // checker once more, and is checked when it is there (not on the failed workers).
  await s.takeFile(file("a.pdf"), 0);
  await settle();
  assert.equal(fakes.made.length, 4, "a file chosen after a failed start tries to start once more");
  assert.deepEqual(of("started").map((e) => e[0]), [false, true]);
  assert.equal(fakes.checks.length, 1);
  assert.equal(fakes.checks[0].worker, fakes.made[2], "on the new check worker");

  const thrown = fakeWorkers({ failCreate: true });
  const t = session(thrown);
  assert.equal(await t.s.start(), false);
  assert.equal(t.of("started")[0][1].name, "SecurityError");
});

test("a file that arrives while the checker loads is checked once it is there, timed from its arrival", async () => {
  const warmUp = deferred();
  const fakes = fakeWorkers({ warmUp });
  let clock = 100;
  const events = [];
  const hooks = { options: () => ({ kind: "paper" }), report: (r, info) => events.push(info.ms) };
  const s = new CheckSession(hooks, { createWorker: fakes.createWorker, now: () => clock });
  const started = s.start();
  await s.takeFile(file("early.pdf"), 100);
  assert.equal(fakes.checks.length, 0, "not before the checker is ready");
  clock = 400;
  warmUp.resolve();
  await started;
  assert.equal(fakes.checks.length, 1);
  assert.equal(decode(fakes.checks[0].pdf), "early.pdf");
  clock = 450;
  fakes.checks[0].resolve({ verdict: "pass" });
  await settle();
  assert.deepEqual(events, [350], "from its arrival at 100 to its report at 450");
});

test("one check at a time: inputs changed during a check are checked once, as they are when it ends", async () => {
  const fakes = fakeWorkers();
  const { s, of, inputs } = session(fakes);
  await s.start();
  await s.takeFile(file("paper.pdf"), 0);
  assert.equal(fakes.checks.length, 1);
  for (const abstract of ["S", "Sp", "Spa", "Sparse"]) {
    inputs.abstract = abstract;
    s.schedule(0);
    await settle();
  }
  assert.equal(fakes.checks.length, 1, "no second check while the first runs");
  fakes.checks[0].resolve({ verdict: "warn", n: 1 });
  await settle();
  assert.equal(fakes.checks.length, 2, "the four changes coalesce into one check");
  assert.equal(fakes.checks[1].options.abstract, "Sparse", "with the inputs as they are now");
  assert.equal(fakes.checks[1].worker.timeoutMs, 1234, "the check's own budget, not the start-up one");
  fakes.checks[1].resolve({ verdict: "pass", n: 2 });
  await settle();
  assert.deepEqual(of("report").map((e) => e[0].n), [1, 2]);
  assert.equal(fakes.checks.length, 2);
});

test("typing debounces: a burst of changes is one check after the quiet delay", async () => {
  const fakes = fakeWorkers();
  const { s, inputs } = session(fakes, { kind: "blog" });
  await s.start();
  assert.equal(fakes.checks.length, 1, "a blog post needs no file: it is checked as soon as the checker is there");
  fakes.checks.shift().resolve({ verdict: "fail" });
  await settle();
  for (const abstract of ["a", "ab", "abc"]) {
    inputs.abstract = abstract;
    s.schedule(30);
  }
  await settle();
  assert.equal(fakes.checks.length, 0, "still within the delay");
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(fakes.checks.length, 1);
  assert.equal(fakes.checks[0].options.abstract, "abc");
  assert.equal(fakes.checks[0].pdf, undefined, "a blog post sends no PDF");
});

test("the file chosen last wins: a slower read of an earlier file is dropped", async () => {
  const fakes = fakeWorkers();
  const { s, of } = session(fakes);
  await s.start();
  const slow = deferred();
  const first = s.takeFile(file("big.pdf", "big", slow), 0);
  const second = await s.takeFile(file("small.pdf"), 1);
  slow.resolve();
  assert.equal(await first, null, "the earlier file is not taken");
  assert.equal(second.name, "small.pdf");
  await settle();
  assert.deepEqual(fakes.checks.map((c) => decode(c.pdf)), ["small.pdf"]);
  assert.equal(s.file.name, "small.pdf");
  assert.deepEqual(of("taken").map((e) => e[0].name), ["small.pdf"]);
});

test("a report of a file replaced during its check is not shown; the new file's is", async () => {
  const fakes = fakeWorkers();
  const { s, of } = session(fakes);
  await s.start();
  await s.takeFile(file("old.pdf"), 0);
  await s.takeFile(file("new.pdf"), 1);
  assert.equal(fakes.checks.length, 1, "the new file waits for the running check");
  const taken = of("taken");
  assert.equal(taken[1][1].name, "old.pdf", "the hook is told which file the new one replaces");
  fakes.checks[0].resolve({ verdict: "fail", of: "old" });
  await settle();
  assert.equal(fakes.checks.length, 2);
  assert.equal(decode(fakes.checks[1].pdf), "new.pdf");
  fakes.checks[1].resolve({ verdict: "pass", of: "new" });
  await settle();
  assert.deepEqual(of("report").map((e) => e[0].of), ["new"]);
});

test("a file that cannot be read rejects, and leaves no file to re-check", async () => {
  const fakes = fakeWorkers();
  const { s } = session(fakes);
  await s.start();
  await s.takeFile(file("ok.pdf"), 0);
  fakes.checks[0].resolve({ verdict: "pass" });
  await settle();
  const broken = { name: "gone.pdf", size: 10, arrayBuffer: () => Promise.reject(named("NotReadableError", "the file was moved")) };
  await assert.rejects(s.takeFile(broken, 1), /moved/);
  assert.equal(s.file, null);
  s.schedule(0);
  await settle();
  assert.equal(fakes.checks.length, 1, "the old file is not checked again");
});

test("after a crash nothing is checked by itself until retry(), then the latest inputs are", async () => {
  const fakes = fakeWorkers();
  const { s, of, inputs } = session(fakes);
  await s.start();
  await s.takeFile(file("hostile.pdf"), 0);
  fakes.checks[0].reject(named("WorkerCrashedError", "precheck stopped unexpectedly (RuntimeError: unreachable) and was restarted"));
  await settle();
  assert.equal(s.blocked, true);
  assert.deepEqual(of("checkError").map((e) => e[0].name), ["WorkerCrashedError"]);
  assert.equal(of("state").at(-1)[0], "error");
  inputs.abstract = "edited after the crash";
  s.schedule(0);
  await settle();
  assert.equal(fakes.checks.length, 1, "no automatic re-check of a file that crashed the checker");
  assert.equal(of("blocked").length, 1, "the element is told the inputs wait for Try again");
  s.retry();
  await settle();
  assert.equal(fakes.checks.length, 2);
  assert.equal(fakes.checks[1].options.abstract, "edited after the crash");
  assert.equal(s.blocked, false);
});

test("a timeout blocks like a crash; an invalid input does not", async () => {
  const fakes = fakeWorkers();
  const { s, inputs } = session(fakes);
  await s.start();
  await s.takeFile(file("slow.pdf"), 0);
  fakes.checks[0].reject(named("TimeoutError", "the check took longer than 20 s and was stopped"));
  await settle();
  assert.equal(s.blocked, true);
  s.retry();
  await settle();
  fakes.checks[1].reject(named("InvalidOptionsError", "firstPublic: not a date"));
  await settle();
  assert.equal(s.blocked, false, "the author fixes the input; the next change is checked");
  inputs.firstPublic = "2022-01-01";
  s.schedule(0);
  await settle();
  assert.equal(fakes.checks.length, 3);
});

test("the check worker replaced on its own (onrestart) blocks automatic checks too", async () => {
  const fakes = fakeWorkers();
  const { s, of } = session(fakes);
  await s.start();
  const checker = fakes.made[0];
  checker.onrestart(named("WorkerCrashedError", "a reply could not be read"));
  assert.equal(s.blocked, true);
  assert.equal(of("restarted").length, 1);
});

test("a new file after a crash is checked at once: the author chose it", async () => {
  const fakes = fakeWorkers();
  const { s } = session(fakes);
  await s.start();
  await s.takeFile(file("bad.pdf"), 0);
  fakes.checks[0].reject(named("WorkerCrashedError", "trap"));
  await settle();
  await s.takeFile(file("good.pdf"), 1);
  assert.equal(fakes.checks.length, 2);
  assert.equal(decode(fakes.checks[1].pdf), "good.pdf");
});

test("the live count shows the latest text only, counted trimmed as the check counts it", async () => {
  const fakes = fakeWorkers();
  const { s, of } = session(fakes);
  await s.start();
  const slowAnswer = deferred();
  const fastAnswer = deferred();
  fakes.countAnswers.push(slowAnswer, fastAnswer);
  s.count("one two", 0);
  await settle();
  s.count("  one two three  ", 0);
  await settle();
  fastAnswer.resolve({ words: 3, chars: 13 });
  await settle();
  slowAnswer.resolve({ words: 2, chars: 7 });
  await settle();
  const counts = of("count").map((e) => e[0]);
  assert.deepEqual(counts.at(-1), { words: 3, chars: 13, text: "  one two three  " });
  assert.ok(!counts.some((c) => c.words === 2), "the older answer, arriving late, is dropped");
});

test("stop() ends both workers; nothing is checked after it", async () => {
  const fakes = fakeWorkers();
  const { s, inputs } = session(fakes);
  await s.start();
  inputs.kind = "blog";
  inputs.abstract = "x";
  s.schedule(20);
  s.stop();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(fakes.checks.length, 0);
  assert.ok(fakes.made.every((w) => w.terminated));
  assert.equal(s.ready, false);
});
