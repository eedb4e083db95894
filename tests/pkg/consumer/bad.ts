// Must NOT compile: each marked line is a type error the shipped .d.ts must catch.
import { check, countWords } from "precheck";
import type { Status, CheckOptions, Report } from "precheck";
import { PrecheckWorker } from "precheck/worker";

const s: Status = "ok"; // ERROR: not a Status
const o: CheckOptions = { kind: "journal" }; // ERROR: not a Kind
const n: string = await countWords("a b"); // ERROR: a number, not a string
const r: Report = await check("paper.pdf"); // ERROR: a path is not a PDF
new PrecheckWorker({ timeout: 5 }); // ERROR: no such option
export { s, o, n, r };
