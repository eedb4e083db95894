// A TypeScript consumer of the package, compiled with `tsc --noEmit` (strict) against
// the installed tarball by tests/pkg/types.test.mjs. Every line here must type-check.
import { check, checkTooLarge, countWords, countChars, describeProfile, ready, version, PrecheckCrashedError } from "precheck";
import type { Report, Check, CheckId, Status, CheckOptions, Kind, Finding, BlobLike, ProfileInfo, PageMap, MapLine } from "precheck";
import {
  PrecheckWorker, InvalidOptionsError, TimeoutError, WorkerCrashedError, FileTooLargeError, MAX_FILE_BYTES,
} from "precheck/worker";

const options: CheckOptions = { kind: "paper", abstract: "We study spikes.", today: "2024-05-01", profile: "snn-2022" };
const custom: CheckOptions = { profile: { id: "my-venue", name: "My venue", pageLimit: 8 } };
const blog: CheckOptions = { kind: "blog" };
const notYet: CheckOptions = { firstPublic: "not-yet" };
const dated: CheckOptions = { firstPublic: "2022-01-15" };

export async function inNode(pdf: Uint8Array): Promise<Status[]> {
  await ready();
  const report: Report = await check(pdf, options);
  const verdict: "pass" | "warn" | "fail" = report.verdict;
  const first: Check | undefined = report.checks[0];
  const id: CheckId | undefined = first?.id;
  const findings: Finding[] = first?.findings ?? [];
  const pages: number = report.document.pages;
  const words: number = await countWords("one two three");
  const chars: number = await countChars("one two three");
  const v: string = version();
  const mapped: Report = await check(pdf, { layout: true });
  const map: PageMap | undefined = mapped.layout?.[0];
  const line: MapLine | undefined = map?.lines[0];
  const measured: [number, number, number, number] | undefined = mapped.document.measuredBlock;
  void [verdict, id, findings, pages, words, chars, v, custom, line?.text, line?.baseline, map?.drawings, measured];
  await check(undefined, blog);
  await check(new ArrayBuffer(8));
  await check(new Blob(["%PDF-1.7\n"], { type: "application/pdf" }));
  const sized: BlobLike = { size: 2_500_000_000, arrayBuffer: async () => new ArrayBuffer(0) };
  await check(sized);
  const tooLarge: Report = await checkTooLarge(2_500_000_000, { kind: "paper" });
  try {
    await check(pdf);
  } catch (err) {
    if (err instanceof PrecheckCrashedError) console.error(err.name, err.cause);
  }
  void tooLarge;
  const info: ProfileInfo = await describeProfile("snn-2022");
  const published = info.kinds.find((k) => k.kind === "published");
  const skipped: CheckId[] = (published?.checks ?? []).filter((c) => c.applies === "skip").map((c) => c.id);
  const object: "text" | "image" | "drawing" | undefined = findings[0]?.object;
  void [notYet, dated, skipped, object];
  return report.checks.map((c: Check) => c.status);
}

export function summarize(report: Report): Record<string, Status> {
  const out: Record<string, Status> = {};
  for (const c of report.checks) out[c.id] = c.status;
  return out;
}

export async function inBrowser(file: File, kind: Kind): Promise<Report> {
  const worker = new PrecheckWorker({ timeoutMs: 30_000 });
  worker.onprogress = ({ id, stage }) => console.log(id, stage.toUpperCase());
  worker.onrestart = (reason: Error) => console.warn(reason.message);
  if (file.size > MAX_FILE_BYTES) throw new FileTooLargeError("too large");
  try {
    const counted: { words: number; chars: number } = await worker.count("a b");
    void counted;
    return await worker.check(file, { kind });
  } catch (err) {
    if (err instanceof InvalidOptionsError || err instanceof TimeoutError || err instanceof WorkerCrashedError) {
      console.error(err.message);
    }
    throw err;
  } finally {
    worker.terminate();
  }
}
