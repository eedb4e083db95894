//! The report (SPEC §6): what every front end shows, serialised with camelCase keys.
//! Check ids and statuses are stable strings shared by Rust, JSON, the UI and tests.

use crate::pdf::{ArxivStamp, FontFacts, Info, Rect};
use serde::Serialize;

/// The JSON shape's version; bumped only when a key changes meaning or disappears.
pub const SCHEMA: u32 = 1;

/// Every check's stable id, in the order of SPEC §3 (and of a report for a PDF).
pub const CHECK_IDS: [&str; 12] = [
    "file-format",
    "file-size",
    "page-size",
    "page-limit",
    "margins",
    "font-family",
    "font-size",
    "fonts-embedded",
    "fonts-type3",
    "template",
    "abstract-length",
    "recency",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

/// One located observation behind a check's status.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// 1-based page number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// PDF points, origin at the bottom-left of the page as seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<Rect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub id: &'static str,
    pub status: Status,
    pub title: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

impl Check {
    pub fn new(
        id: &'static str,
        title: &'static str,
        status: Status,
        message: impl Into<String>,
    ) -> Check {
        Check {
            id,
            status,
            title,
            message: message.into(),
            hint: None,
            findings: Vec::new(),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Check {
        self.hint = Some(hint.into());
        self
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BodyFont {
    pub name: String,
    pub size: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbstractSummary {
    /// `input` (given by the author) or `pdf` (extracted from the PDF).
    pub source: &'static str,
    pub words: usize,
    pub chars: usize,
}

/// What precheck read from the PDF, for the author to see.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_version: Option<String>,
    pub pages: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_pages: Option<usize>,
    /// Width and height of each page as seen, in points.
    pub page_sizes: Vec<[f64; 2]>,
    /// The template's text block on each page, `[x0, y0, x1, y1]` in points (origin
    /// bottom-left), as the margins check placed it: for drawing page maps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_blocks: Vec<Rect>,
    pub fonts: Vec<FontFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_font: Option<BodyFont>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<ArxivStamp>,
    pub info: Info,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_summary: Option<AbstractSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema: u32,
    pub profile: String,
    pub kind: String,
    pub verdict: Status,
    pub checks: Vec<Check>,
    pub document: DocumentSummary,
}

/// `fail` if any check fails, else `warn` if any warns, else `pass` (SPEC §3).
pub fn verdict(checks: &[Check]) -> Status {
    if checks.iter().any(|c| c.status == Status::Fail) {
        Status::Fail
    } else if checks.iter().any(|c| c.status == Status::Warn) {
        Status::Warn
    } else {
        Status::Pass
    }
}

impl Report {
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}
