//! The WebAssembly binding (wasm32 only): one thin layer over [`crate::check`].
//! Options come in and reports go out as JSON (plain objects with camelCase keys), and
//! errors are JS `Error`s with a `name` a caller can test (`InvalidOptionsError`). Logic
//! belongs in the core, not here.

use crate::{Options, OptionsError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Status = "pass" | "warn" | "fail" | "skip";
export type Kind = "paper" | "position" | "published" | "poster" | "blog";
export type CheckId =
  | "file-format" | "file-size" | "page-size" | "page-limit" | "margins" | "font-family"
  | "font-size" | "fonts-embedded" | "fonts-type3" | "template" | "abstract-length" | "recency";

/** A located observation: page is 1-based; bbox is [x0, y0, x1, y1] in PDF points, origin bottom-left. */
export interface Finding {
  page?: number; bbox?: [number, number, number, number];
  /** What the finding points at on the page; for "text", `text` is the whole line as a reader reads it. */
  object?: "text" | "image" | "drawing";
  text?: string; note?: string;
}
export interface Check {
  id: CheckId; status: Status; title: string; message: string; hint?: string; findings?: Finding[];
  /** Findings left out past the limit per check; the last finding then sums them up in its note. */
  unlisted?: number;
}
export interface FontFacts {
  name: string; baseFont: string; type: "Type1" | "MMType1" | "TrueType" | "Type3" | "Type0" | string;
  descendant?: string; embedded: boolean; subset: boolean; glyphs: number;
}
export interface ArxivStamp { id: string; version?: number; category?: string; date?: string; }
export interface DocumentSummary {
  bytes: number; pdfVersion?: string; pages: number; contentPages?: number;
  pageSizes: [number, number][];
  /** The template's text block per page, [x0, y0, x1, y1] in points, origin bottom-left. */
  textBlocks?: [number, number, number, number][];
  /** The block the running text actually fills, when it is not the template's (the cause the margins check leads with). */
  measuredBlock?: [number, number, number, number];
  fonts: FontFacts[];
  bodyFont?: { name: string; size: number }; notice?: string; arxiv?: ArxivStamp;
  info: { title?: string; producer?: string; creator?: string; created?: string; modified?: string };
  abstract?: { source: "input" | "pdf"; words: number; chars: number };
}
/** One text line of a page map: box and baseline in points (origin bottom-left), size in points, its text ("" once the report's text budget is spent). */
export interface MapLine { bbox: [number, number, number, number]; baseline: number; size: number; text: string; }
/** What one page holds (`layout: true`): lines, images and drawings; `unlisted` counts those left out past the report's budget. */
export interface PageMap { page: number; lines: MapLine[]; images: [number, number, number, number][]; drawings: [number, number, number, number][]; unlisted?: number; }
export interface Report { schema: 1; profile: string; kind: Kind; verdict: "pass" | "warn" | "fail"; checks: Check[]; document: DocumentSummary; layout?: PageMap[]; }

/** A venue's rules; see `precheck --show-profile snn-2022` for a complete example. */
export interface Profile { id: string; name: string; [key: string]: unknown; }
export interface CheckOptions {
  /** The abstract as the author will enter it. */
  abstract?: string;
  kind?: Kind;
  /** YYYY-MM-DD: when the work was first made public; "not-yet" for work in progress (eligible). */
  firstPublic?: "not-yet" | (string & {});
  /** YYYY-MM-DD; the core reads no clock. */
  today?: string;
  /** A built-in profile id ("snn-2022", "neurips-2022") or a whole profile. */
  profile?: string | Profile;
  /** Include each page's map (lines, images, drawings) in the report, for drawing the pages. */
  layout?: boolean;
}

/** Checks a submission. `pdf` may be omitted for kind "blog". Throws InvalidOptionsError. */
export function check(pdf: Uint8Array | undefined, options?: CheckOptions): Report;
/** A profile (as `precheck --show-profile` writes it) with, per kind, which checks apply: the checks follow the same rules. */
export interface ProfileInfo {
  id: string; name: string;
  dates: { deadline: string; earliestPublic?: string; notification?: string; event?: string };
  abstractMaxWords: number; abstractMaxChars: number; maxFileBytes: number;
  geometry: {
    pageWidthPt: number; pageHeightPt: number; pageTolerancePt: number;
    blockLeftPt: number; blockTopPt: number; blockWidthPt: number; blockHeightPt: number;
    firstPageExtraBottomPt: number; marginIgnorePt: number; marginFailPt: number;
  };
  fonts: { bodyFamily: string; bodyFamilyNames: string[]; bodyFamilyMinShare: number; bodySizePt: number; bodySizeTolerancePt: number };
  template: { name: string; notices: string[]; workshopWords: string[] };
  pageLimits: { paper?: { passMax: number; warnMax: number }; position?: { passMax: number; warnMax: number } };
  kinds: {
    kind: Kind;
    pageLimit?: { passMax: number; warnMax: number };
    checks: { id: CheckId; title: string; applies: "yes" | "warn-only" | "skip"; why?: string }[];
  }[];
}
/** Describes a built-in profile (by id, default "snn-2022") or a whole profile. Throws InvalidOptionsError. */
export function describeProfile(profile?: string | Profile): ProfileInfo;
/** The report for a PDF of `size` bytes too large to read (its bytes never enter the wasm). */
export function checkTooLarge(size: number, options?: CheckOptions): Report;
/** The largest PDF `check` reads, in bytes. */
export function maxFileBytes(): number;
"#;

/// A JS `Error` whose `name` says what went wrong.
fn error(name: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    e.into()
}

/// A plain JS object through JSON text: one `JSON.parse` of the report is faster than
/// building it property by property, and spares the wasm a serializer of its own.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error("InternalError", &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// The options through JSON rather than serde-wasm-bindgen, whose structs read only the
/// declared fields (so `deny_unknown_fields` never fires and a typo passes silently) and
/// which reads `{kind: undefined}` as a value; `JSON.stringify` leaves `undefined` out,
/// as JS callers expect.
fn options_from_js(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let invalid = |why: &dyn std::fmt::Display| {
        error("InvalidOptionsError", &format!("invalid options: {why}"))
    };
    let text = js_sys::JSON::stringify(options)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid(&"not JSON data (a BigInt, a cycle or a function?)"))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid(&e))?;
    serde_json::from_value(value).map_err(|e| invalid(&e))
}

#[wasm_bindgen(js_name = check, skip_typescript)]
pub fn check(pdf: Option<Vec<u8>>, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_from_js(&options)?;
    let report = crate::check(pdf.as_deref(), &options)
        .map_err(|e: OptionsError| error("InvalidOptionsError", &e.to_string()))?;
    to_js(&report)
}

/// The report for a PDF too large to read, from its size alone: the host never copies
/// the bytes into wasm memory.
#[wasm_bindgen(js_name = checkTooLarge, skip_typescript)]
pub fn check_too_large(size: f64, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_from_js(&options)?;
    let size = if size.is_finite() && size > 0.0 {
        size as u64
    } else {
        0
    };
    let report = crate::check_too_large(size, &options)
        .map_err(|e: OptionsError| error("InvalidOptionsError", &e.to_string()))?;
    to_js(&report)
}

/// A profile described for a UI (`Profile::describe`): a built-in id, a whole profile,
/// or nothing for the default.
#[wasm_bindgen(js_name = describeProfile, skip_typescript)]
pub fn describe_profile(profile: JsValue) -> Result<JsValue, JsValue> {
    let options = if profile.is_undefined() || profile.is_null() {
        Options::default()
    } else {
        let wrapped = js_sys::Object::new();
        js_sys::Reflect::set(&wrapped, &"profile".into(), &profile)?;
        options_from_js(&wrapped.into())?
    };
    let info = crate::describe_profile(&options.profile)
        .map_err(|e: OptionsError| error("InvalidOptionsError", &e.to_string()))?;
    to_js(&info)
}

/// The largest PDF [`check`] reads, in bytes.
#[wasm_bindgen(js_name = maxFileBytes, skip_typescript)]
pub fn max_file_bytes() -> f64 {
    crate::Limits::default().file_bytes as f64
}

/// Words in a text per SPEC §5.
#[wasm_bindgen(js_name = countWords)]
pub fn count_words(text: &str) -> usize {
    crate::count_words(text)
}

/// Characters as OpenReview counts them (UTF-16 code units, line breaks as one).
#[wasm_bindgen(js_name = countChars)]
pub fn count_chars(text: &str) -> usize {
    crate::count_chars(text)
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
