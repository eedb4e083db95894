// What the widget says about the rules (js/widget/text.js), from the core's own
// description of each profile (the package's describeProfile, built by `make pkg`).
import test from "node:test";
import assert from "node:assert/strict";
import { describeProfile } from "../../pkg/index.js";
import { profileTexts, kindHelp, kindLabels, startFailure } from "../../js/widget/text.js";

const KINDS = ["paper", "position", "published", "poster", "blog"];
const helpOf = async (id) => {
  const p = profileTexts(id, await describeProfile(id));
  const labels = kindLabels(p);
  return Object.fromEntries(KINDS.map((k) => [k, [labels[k].filter(Boolean).join(" · "), kindHelp(p, k)]]));
};

test("snn-2022: the picker and its help say the core's limits and reasons", async () => {
  assert.deepEqual(await helpOf("snn-2022"), {
    paper: ["Workshop paper · about 4 pages", "All checks apply: about 4 pages before the references, in the NeurIPS 2022 format."],
    position: ["Position paper · any length", "Position papers need no particular format: 5 format checks only warn. Position papers have no page limit."],
    published: ["Published paper · as published", "A published paper is submitted in the form it was published: 5 checks do not apply."],
    poster: ["Poster · PDF", "Posters have no required format: 6 checks do not apply."],
    blog: ["Blog post · link, no PDF", "A blog post has no PDF: only abstract length and recency are checked."],
  });
});

test("neurips-2022: up to 9 pages; a rule the call does not have is not presented as a kind's", async () => {
  const help = await helpOf("neurips-2022");
  assert.deepEqual(help.paper, ["Paper · up to 9 pages", "Up to 9 pages before the references, in the NeurIPS 2022 format."]);
  assert.equal(help.blog[1], "A blog post has no PDF: only abstract length is checked.");
  for (const k of KINDS) assert.doesNotMatch(help[k][1], /recen/i, k);
});

test("before the core describes the profile, nothing is claimed", () => {
  const p = profileTexts("snn-2022", null);
  assert.equal(p.words, null);
  assert.equal(kindHelp(p, "paper"), "");
  assert.deepEqual(kindLabels(p).paper, ["Paper", ""]);
});

test("a start failure in the author's words", () => {
  const name = (n, m) => Object.assign(new Error(m), { name: n });
  assert.equal(startFailure(name("WorkerCrashedError", "precheck stopped unexpectedly (CompileError: WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source) and was restarted")), "The checker could not start: this page's security policy does not allow it to run.");
  assert.equal(startFailure(name("WorkerStartError", "precheck could not start its worker (worker error)"), "cdn.example.org"), "The checker could not start: its files could not be loaded from cdn.example.org (the connection, or the site's settings for files from elsewhere).");
  assert.equal(startFailure(name("SecurityError", "Failed to construct 'Worker'")), "The checker could not start: this page may not start the checker's files (a browser security rule).");
  assert.equal(startFailure(name("TimeoutError", "the check took longer than 20 s")), "The checker could not start: loading it took too long.");
});
