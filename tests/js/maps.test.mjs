// The page maps' arithmetic (js/widget/view/maps.js), no DOM: which pages fold, where a
// mark is drawn, the order marks are listed in, the lines a mark sits in.
import test from "node:test";
import assert from "node:assert/strict";
import { mapEntries, markRect, readingOrder, linesAt, pageStatuses, pageStatus, COLLAPSE_AFTER } from "../../js/widget/view/maps.js";

const item = (bbox, status = "fail", whole = false) => ({ check: { status }, finding: { bbox }, whole, id: bbox ? bbox.join(",") : "whole" });

test("a short paper shows every page; a long one folds runs of at least three clean pages", () => {
  const short = Array(COLLAPSE_AFTER).fill("clean");
  assert.deepEqual(mapEntries(short).map((e) => e.page), short.map((_, i) => i + 1));
  const long = Array(24).fill("clean");
  long[5] = "warn";
  long[16] = "fail";
  assert.deepEqual(mapEntries(long), [{ run: [1, 5] }, { page: 6 }, { run: [7, 16] }, { page: 17 }, { run: [18, 24] }]);
  // Two clean pages between marked ones stay drawn: folding them saves nothing.
  const pair = Array(14).fill("clean");
  pair[0] = pair[3] = "fail";
  assert.deepEqual(mapEntries(pair).slice(0, 4), [{ page: 1 }, { page: 2 }, { page: 3 }, { page: 4 }]);
});

test("pageStatuses: fail over warn over clean, per page", () => {
  const byPage = new Map([[2, [item([0, 0, 1, 1], "warn"), item([0, 0, 1, 1], "fail")]], [3, [item([0, 0, 1, 1], "warn")]]]);
  assert.deepEqual(pageStatuses({ byPage }, 4), ["clean", "fail", "warn", "clean"]);
  assert.deepEqual(pageStatus(byPage.get(2)), { status: "fail", fails: 1, warns: 1 });
});

test("markRect: PDF boxes (y up) in SVG coordinates (y down), grown to a visible minimum", () => {
  assert.deepEqual(markRect(item([100, 700, 200, 720]), 612, 792, 0), [100, 72, 100, 20]);
  assert.deepEqual(markRect(item([200, 720, 100, 700]), 612, 792, 0), [100, 72, 100, 20], "corners in any order");
  assert.deepEqual(markRect(item([300, 400, 301, 401]), 612, 792, 9), [296, 387, 9, 9], "a hairline grows around its centre");
  assert.deepEqual(markRect(item(null, "warn", true), 612, 792, 9), [0, 0, 612, 792], "a whole-page mark");
});

test("readingOrder: whole-page marks first, then top to bottom, left to right", () => {
  const a = item([300, 500, 350, 510]);
  const b = item([100, 500, 150, 510]);
  const c = item([100, 700, 150, 710]);
  const w = item(null, "warn", true);
  assert.deepEqual(readingOrder([a, b, c, w]).map((x) => x.id), ["whole", "100,700,150,710", "100,500,150,510", "300,500,350,510"]);
});

test("linesAt: the page's lines a mark's box touches, whole", () => {
  const map = { lines: [
    { bbox: [108, 700, 504, 710], text: "A line inside the block that runs into the margin" },
    { bbox: [108, 688, 504, 698], text: "The next line" },
    { bbox: [108, 676, 300, 686], text: "" },
  ] };
  assert.deepEqual(linesAt(map, { bbox: [500, 702, 530, 708] }).map((l) => l.text), ["A line inside the block that runs into the margin"]);
  assert.deepEqual(linesAt(map, { bbox: [110, 690, 120, 705] }).length, 2);
  assert.deepEqual(linesAt(map, { bbox: [10, 10, 20, 20] }), []);
  assert.deepEqual(linesAt(null, { bbox: [0, 0, 1, 1] }), [], "no layout: no lines");
});
