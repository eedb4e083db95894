// What the widget says: statuses, kinds, the profile's limits in words, numbers, sizes
// and dates. The rules themselves live in the core.

import { el, bdi, isolated, prose } from "./dom.js";

export const DEFAULT_PROFILE = "snn-2022";
export const LETTER = [612, 792];

export const KINDS = ["paper", "position", "published", "poster", "blog"];
export const STATUS_WORDS = { pass: "Pass", warn: "Warning", fail: "Fail", skip: "Not applicable" };
export const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, skip: 3 };

/** A check's status as its badge says it: a check that could not run on an unreadable
 * file was not checked, which is not the same as not applying to this kind. */
export function statusWord(c) {
  if (c.status === "skip" && /could not be read/.test(c.message)) return "Not checked";
  return STATUS_WORDS[c.status];
}
// Findings without a box that still belong to a page as a whole.
export const WHOLE_PAGE_CHECKS = new Set(["page-size", "page-limit"]);

/**
 * The form whose character count the core's countChars follows (SPEC: characters as
 * OpenReview counts them), named where the widget speaks of the form's limit.
 */
const FORM = "OpenReview";

/** The id under which a profile's inputs are kept, known before the core describes it. */
export function profileId(profile) {
  if (profile && typeof profile === "object") return String(profile.id || "custom");
  return String(profile || DEFAULT_PROFILE);
}

/**
 * What the interface says about a profile, from the core's own description of it
 * (describeProfile: limits, dates, template, and which checks apply to each kind, with
 * why). Before that description arrives (or for a profile the core refuses), nothing is
 * claimed: no limits, no template.
 * @param {string|object} profile  the element's profile (an id or a whole profile)
 * @param {object|null} info  the core's ProfileInfo for it
 */
export function profileTexts(profile, info) {
  const id = profileId(profile);
  if (!info) return { id, site: null, workshop: false, words: null, chars: null, earliest: null, pagesPass: null, pagesWarn: null, template: null, kinds: new Map() };
  const paper = (info.kinds || []).find((k) => k.kind === "paper");
  const limit = (paper && paper.pageLimit) || null;
  return {
    id,
    site: FORM,
    workshop: /workshop/i.test(String(info.name || "")),
    words: Number(info.abstractMaxWords) || null,
    chars: Number(info.abstractMaxChars) || null,
    earliest: (info.dates && info.dates.earliestPublic) || null,
    pagesPass: limit ? Number(limit.passMax) : null,
    pagesWarn: limit ? Number(limit.warnMax) : null,
    template: (info.template && info.template.name) || null,
    kinds: new Map((info.kinds || []).map((k) => [k.kind, k])),
  };
}

export function pagesPhrase(p) {
  if (!p.pagesPass) return "";
  return `${p.pagesPass === p.pagesWarn ? "up to" : "about"} ${plural(p.pagesPass, "page")}`;
}

/** What each kind is called in the picker, with a word on its length. */
export function kindLabels(p) {
  const pages = pagesPhrase(p);
  return {
    paper: [p.workshop ? "Workshop paper" : "Paper", pages],
    position: ["Position paper", "any length"],
    published: ["Published paper", "as published"],
    poster: ["Poster", "PDF"],
    blog: ["Blog post", "link, no PDF"],
  };
}

/**
 * The help under the kind picker, from the core's description of the kind: which checks
 * apply, and why the others do not (or only warn).
 */
export function kindHelp(p, kind) {
  const k = p.kinds.get(kind);
  if (!k) return "";
  // A check the call skips for every kind, for one reason (this call has no recency rule),
  // is no property of the kind: the help leaves it out.
  const callWide = (id) => [...p.kinds.values()].every((o) => (o.checks || []).some((c) => c.id === id && c.applies === "skip" && c.why === whyOf(k, id)));
  const checks = (k.checks || []).filter((c) => c.applies !== "skip" || !callWide(c.id));
  const applied = checks.filter((c) => c.applies === "yes");
  if (applied.length === checks.length) {
    const pages = k.pageLimit ? pagesPhrase({ pagesPass: k.pageLimit.passMax, pagesWarn: k.pageLimit.warnMax }) : "";
    const format = p.template ? `in the ${p.template} format` : "";
    const rules = [pages && `${pages} before the references`, format].filter(Boolean).join(", ");
    if (checks.length === (k.checks || []).length) return rules ? `All checks apply: ${rules}.` : "All checks apply.";
    return rules ? `${sentence(rules)}` : "";
  }
  // One sentence per reason the core gives, in the order of its checks.
  const reasons = new Map();
  for (const c of checks) {
    if (c.applies === "yes") continue;
    const why = c.why || "";
    if (!reasons.has(why)) reasons.set(why, { skip: [], warn: [] });
    reasons.get(why)[c.applies === "skip" ? "skip" : "warn"].push(c.title);
  }
  const sentences = [];
  for (const [why, { skip, warn }] of reasons) {
    // "Position papers have no page limit" says which check it is.
    const named = (titles) => titles.every((t) => why.toLowerCase().includes(t.toLowerCase()));
    const what = [];
    if (skip.length && applied.length <= 3 && skip.length > applied.length) {
      what.push(`only ${list(applied.map((c) => c.title.toLowerCase()))} ${applied.length === 1 ? "is" : "are"} checked`);
    } else if (skip.length && !named(skip)) {
      what.push(skip.length <= 2 ? `${list(skip.map((t) => t.toLowerCase()))} ${skip.length === 1 ? "does" : "do"} not apply` : `${skip.length} checks do not apply`);
    }
    if (warn.length) what.push(warn.length <= 2 ? `${list(warn.map((t) => t.toLowerCase()))} only ${warn.length === 1 ? "warns" : "warn"}` : `${warn.length} format checks only warn`);
    const lead = sentence(why).replace(/\.$/, "");
    sentences.push(!why ? sentence(what.join("; ")) : what.length ? `${lead}: ${what.join("; ")}.` : `${lead}.`);
  }
  return sentences.join(" ");
}

function whyOf(kind, id) {
  const c = (kind.checks || []).find((x) => x.id === id);
  return c && c.why;
}

/** "a", "a and b", "a, b and c". */
function list(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function verdictSentence(report) {
  const n = { fail: 0, warn: 0 };
  for (const c of report.checks) if (c.status in n) n[c.status]++;
  if (report.verdict === "fail") {
    return `Not ready: ${plural(n.fail, "check")} ${n.fail === 1 ? "fails" : "fail"}${n.warn ? `, ${plural(n.warn, "warning")}` : ""}.`;
  }
  if (report.verdict === "warn") return `No check fails; ${plural(n.warn, "warning")} to look at before you submit.`;
  return "Every check passes: ready to submit.";
}

/** What the core says a located finding is: text (quoted), an image or a drawing. */
export const OBJECT_WORDS = { image: "an image", drawing: "a drawing" };

export function findingWhat(f) {
  if (OBJECT_WORDS[f.object]) return el("em", {}, OBJECT_WORDS[f.object]);
  if (!f.text) return null;
  return el("q", { class: "finding-text" }, bdi(truncate(f.text, 90)));
}

export function findingLabel(c, f) {
  let label = `${c.title} ${c.status === "fail" ? "fails" : "warns"}`;
  // Plain text (a title, an aria-label): the PDF's text is isolated with FSI … PDI.
  const what = OBJECT_WORDS[f.object] || (f.text ? `“${isolated(truncate(f.text, 120))}”` : "");
  if (what) label += `: ${what}`;
  if (f.note) label += what ? ` — ${prose(f.note)}` : `: ${prose(f.note)}`;
  return label;
}


export function plural(n, word) {
  return `${Number(n).toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

export function sentence(text) {
  const t = String(text).trim();
  if (!t) return t;
  const first = t.split(/\s/, 1)[0];
  const capped = first === first.toLowerCase() ? t[0].toUpperCase() + t.slice(1) : t;
  return /[.!?)"”]$/.test(capped) ? capped : `${capped}.`;
}

export function truncate(text, n) {
  const t = String(text).replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

export function round1(x) {
  return Math.round(x * 10) / 10;
}

export function fmt(x) {
  return String(Math.round(x * 100) / 100);
}

/** A file's size as the core's file-size check writes it: decimal megabytes, one decimal; kilobytes, rounded up, under 0.1 MB. */
export function formatBytes(n) {
  if (n < 100_000) return `${Math.ceil(n / 1000)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}


export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso;
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export function paperName([w, h]) {
  const near = (a, b) => Math.abs(a - b) <= 3;
  const sizes = { "US Letter": [612, 792], A4: [595, 842], A3: [842, 1191], A0: [2384, 3370], "US Legal": [612, 1008] };
  for (const [name, [sw, sh]] of Object.entries(sizes)) {
    if ((near(w, sw) && near(h, sh)) || (near(w, sh) && near(h, sw))) {
      return `${name}${w > h ? " landscape" : ""} (${Math.round(w)} × ${Math.round(h)} pt)`;
    }
  }
  return `${Math.round(w)} × ${Math.round(h)} pt`;
}

export function paperLabel(w, h) {
  if (Math.abs(w - LETTER[0]) <= 3 && Math.abs(h - LETTER[1]) <= 3) return "";
  return `, ${paperName([w, h])}`;
}

/**
 * Why the checker could not start, in a sentence for the author (the error itself goes to
 * the precheck-error event for the venue's developers). `from` is the origin the
 * checker's files come from, named when it is not the page's own.
 */
export function startFailure(err, from) {
  const name = (err && err.name) || "";
  const message = String((err && err.message) || "");
  const where = from ? ` from ${from}` : "";
  let why;
  if (name === "SecurityError") why = `this page may not start the checker's files${where} (a browser security rule)`;
  else if (/content security policy|unsafe-eval|refused to/i.test(message)) why = "this page's security policy does not allow it to run";
  else if (/webassembly|compileerror|linkerror/i.test(`${name} ${message}`) && !/fetch/i.test(message)) why = "this browser cannot run WebAssembly (a recent Firefox, Chrome, Edge or Safari can)";
  else if (name === "TimeoutError") why = "loading it took too long";
  else why = `its files could not be loaded${where} (the connection, or the site's settings for files from elsewhere)`;
  return `The checker could not start: ${why}.`;
}
