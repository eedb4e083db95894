import type { Report, CheckOptions, Profile, ProfileInfo } from "./index.js";

/** The options were refused (an unknown profile, a date that is not a date). */
export class InvalidOptionsError extends Error {}
/** A check ran past its time budget; the worker was replaced. */
export class TimeoutError extends Error {}
/** The worker failed half-way (a WebAssembly trap, out of memory); it was replaced by a fresh one. */
export class WorkerCrashedError extends Error {}
/**
 * No longer thrown: a file over MAX_FILE_BYTES gets its report (`file-format` fails naming
 * the limit) without being read. Kept for code that imports it.
 * @deprecated
 */
export class FileTooLargeError extends Error {}
/** The worker could not start at all (its script missing, refused by a CSP, wrong MIME type). */
export class WorkerStartError extends Error {}
/** The largest file precheck reads, in bytes (200 MB, decimal); larger ones are checked from their size alone. */
export const MAX_FILE_BYTES: number;

/**
 * Runs checks in a Web Worker, with a time budget; a worker that traps or runs out of time
 * is replaced. Rejects only with InvalidOptionsError, TimeoutError, WorkerCrashedError,
 * WorkerStartError, or a TypeError for a `pdf` of the wrong type (and a Blob's own read
 * error, e.g. NotReadableError, if the file vanished).
 */
export class PrecheckWorker {
  constructor(options?: { timeoutMs?: number; workerUrl?: URL | string });
  timeoutMs: number;
  onprogress: ((progress: { id: number; stage: string }) => void) | null;
  onrestart: ((reason: Error) => void) | null;
  check(pdf: Blob | ArrayBuffer | Uint8Array | undefined, options?: CheckOptions): Promise<Report>;
  count(text: string): Promise<{ words: number; chars: number }>;
  /** The profile's rules as the core describes them (as `describeProfile` in the main module). */
  describe(profile?: string | Profile): Promise<ProfileInfo>;
  /** False after the worker failed to start (until the next request tries again). */
  readonly running: boolean;
  terminate(): void;
}
