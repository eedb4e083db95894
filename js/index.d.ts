export type {
  Report, Check, CheckId, Finding, Status, Kind, FontFacts, ArxivStamp, DocumentSummary, Profile, CheckOptions,
} from "./wasm/precheck.js";
import type { Report, CheckOptions } from "./wasm/precheck.js";

/** Loads the WebAssembly module (the other functions do it on first use). */
export function ready(): Promise<void>;
/** Checks a submission; `pdf` may be omitted for kind "blog". Rejects with an InvalidOptionsError for bad options. */
export function check(pdf: Uint8Array | ArrayBuffer | Blob | undefined, options?: CheckOptions): Promise<Report>;
/** Words in a text, counted as the abstract check counts them. */
export function countWords(text: string): Promise<number>;
/** Characters as OpenReview counts them. */
export function countChars(text: string): Promise<number>;
/** The version of precheck. */
export function version(): string;
