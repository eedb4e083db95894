import type { Report, Kind, Profile } from "./index.js";

/** The detail of a `precheck-error` event. */
export interface PrecheckErrorDetail {
  /** "InvalidOptionsError", "TimeoutError", "WorkerCrashedError", "WorkerStartError", or a file's read error (e.g. "NotReadableError"). */
  name: string;
  message: string;
}

/** The detail of a `precheck-count` event: the abstract as the check counts it. */
export interface PrecheckCountDetail {
  words: number;
  chars: number;
}

/** What the element is doing, in its `data-state` attribute. */
export type PrecheckState = "loading" | "idle" | "checking" | "done" | "error";

/**
 * `<precheck-widget>`: the submission pre-checker as a custom element (open shadow DOM).
 * Importing `precheck/widget` registers it.
 *
 * Attributes: `profile`, `kind`, `compact`, `timeout-ms`, `storage-key`, `theme`; the element
 * sets `data-state`, `data-checks` and `data-last-check-ms` on itself.
 */
export class PrecheckWidget extends HTMLElement {
  static readonly observedAttributes: string[];
  /** A built-in profile id ("snn-2022", the default, or "neurips-2022"), or a whole profile object. */
  profile: string | Profile;
  /** The kind of submission currently selected; setting it sets the `kind` attribute. */
  kind: Kind;
  /** No page maps and no document facts, a tighter layout. Reflects the `compact` attribute. */
  compact: boolean;
  /** The time budget of one check in ms (default 20000). Reflects `timeout-ms`. */
  timeoutMs: number;
  /** The last report shown, or null. */
  readonly report: Report | null;
  /**
   * Checks a file as if the author had dropped it on the widget. Given a
   * FileSystemFileHandle, "Check again" re-reads the file from disk and says what changed.
   */
  checkFile(file: File | Blob | FileSystemFileHandle): Promise<void>;
}

export interface PrecheckReportEvent extends CustomEvent<Report> {
  readonly target: PrecheckWidget;
}
export interface PrecheckErrorEvent extends CustomEvent<PrecheckErrorDetail> {
  readonly target: PrecheckWidget;
}
export interface PrecheckCountEvent extends CustomEvent<PrecheckCountDetail> {
  readonly target: PrecheckWidget;
}

declare global {
  interface HTMLElementTagNameMap {
    "precheck-widget": PrecheckWidget;
  }
  // The events bubble and are composed, so document and window listeners see them too.
  interface HTMLElementEventMap {
    "precheck-report": CustomEvent<Report>;
    "precheck-error": CustomEvent<PrecheckErrorDetail>;
    "precheck-count": CustomEvent<PrecheckCountDetail>;
  }
  interface DocumentEventMap {
    "precheck-report": CustomEvent<Report>;
    "precheck-error": CustomEvent<PrecheckErrorDetail>;
    "precheck-count": CustomEvent<PrecheckCountDetail>;
  }
  interface WindowEventMap {
    "precheck-report": CustomEvent<Report>;
    "precheck-error": CustomEvent<PrecheckErrorDetail>;
    "precheck-count": CustomEvent<PrecheckCountDetail>;
  }
}
