export type {
  Report, Check, CheckId, Finding, Status, Kind, FontFacts, ArxivStamp, DocumentSummary, Profile, CheckOptions, ProfileInfo, PageMap, MapLine,
} from "./wasm/precheck.js";
import type { Report, CheckOptions, Profile, ProfileInfo } from "./wasm/precheck.js";

/**
 * The WebAssembly stopped in the middle of a call (a trap, e.g. out of memory) or its glue
 * failed. The failed instance is discarded: the next call runs on a fresh one.
 * `cause` holds the original error.
 */
export class PrecheckCrashedError extends Error {
  readonly name: "PrecheckCrashedError";
}

/** A Blob, a File, or an object with `size` and `arrayBuffer()` (e.g. a File from another realm). */
export interface BlobLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Loads the WebAssembly module (the other functions do it on first use). */
export function ready(): Promise<void>;
/**
 * Checks a submission; `pdf` may be omitted for kind "blog". A file over 200 MB is not read
 * or copied: its report's `file-format` check fails naming the limit. Rejects with an
 * InvalidOptionsError for bad options, a PrecheckCrashedError if the WebAssembly trapped,
 * a TypeError if `pdf` is none of the accepted types.
 */
export function check(pdf: Uint8Array | ArrayBuffer | ArrayBufferView | Blob | BlobLike | undefined, options?: CheckOptions): Promise<Report>;
/** The report `check` gives a file of `size` bytes that is too large to read, without the file. */
export function checkTooLarge(size: number, options?: CheckOptions): Promise<Report>;
/** Words in a text, counted as the abstract check counts them. */
export function countWords(text: string): Promise<number>;
/** Characters as OpenReview counts them. */
export function countChars(text: string): Promise<number>;
/** A profile's rules as a UI explains them: limits, dates, geometry, fonts, and which checks apply to each kind. */
export function describeProfile(profile?: string | Profile): Promise<ProfileInfo>;
/** The version of precheck. */
export function version(): string;
