// A TypeScript host page using the <precheck-widget> element's types from
// "precheck/widget" (compiled by tests/pkg/types.test.mjs, strict, no casts).
import "precheck/widget";
import type { PrecheckWidget } from "precheck/widget";
import type { Report } from "precheck";

const widget: PrecheckWidget = document.createElement("precheck-widget");
widget.setAttribute("profile", "snn-2022");
widget.setAttribute("kind", "paper");
widget.toggleAttribute("compact", true);
widget.addEventListener("precheck-report", (e) => {
  const verdict: "pass" | "warn" | "fail" = e.detail.verdict;
  const report: Report = e.detail;
  console.log(verdict, report.checks.length);
});
document.body.append(widget);

const found: PrecheckWidget | null = document.querySelector("precheck-widget");
const isElement: HTMLElement = widget;
void [found, isElement];
