import type { Report, CheckOptions } from "./index.js";

export class InvalidOptionsError extends Error {}
export class TimeoutError extends Error {}
export class WorkerCrashedError extends Error {}
export class FileTooLargeError extends Error {}
/** The worker could not start at all (its script missing, refused by a CSP, wrong MIME type). */
export class WorkerStartError extends Error {}
/** Files larger than this are refused before they reach the worker (bytes). */
export const MAX_FILE_BYTES: number;

/** Runs checks in a Web Worker, with a time budget; a worker that traps or runs out of time is replaced. */
export class PrecheckWorker {
  constructor(options?: { timeoutMs?: number; workerUrl?: URL | string });
  timeoutMs: number;
  onprogress: ((progress: { id: number; stage: string }) => void) | null;
  onrestart: ((reason: Error) => void) | null;
  check(pdf: Blob | ArrayBuffer | Uint8Array | undefined, options?: CheckOptions): Promise<Report>;
  count(text: string): Promise<{ words: number; chars: number }>;
  trapForTests(): Promise<never>;
  /** False after the worker failed to start (until the next request tries again). */
  readonly running: boolean;
  terminate(): void;
}
