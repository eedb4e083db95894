//! precheck: checks a paper submission against a call for papers before it is uploaded.
//!
//! The contract of this crate:
//! - [`check`] is pure: bytes, text and options in, a [`Report`] out. No I/O, no clock
//!   (today's date, when needed, is an option), deterministic output.
//! - It must not panic on any input. Any panic is a critical bug: every PDF, however
//!   damaged or hostile, gets a report, and reading stops at the named [`Limits`].
//! - Only `pdf` touches lopdf; `checks` sees plain facts.
#![forbid(unsafe_code)]

pub mod checks;
pub mod limits;
pub mod pdf;
pub mod report;
pub mod words;

pub use limits::Limits;
pub use report::{Check, Finding, Report, Status};

use serde::Deserialize;

/// The kinds of accompanying material the call accepts (SPEC §2, §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Paper,
    Position,
    Published,
    Poster,
    Blog,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Paper, Kind::Position, Kind::Published, Kind::Poster, Kind::Blog];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Position => "position",
            Kind::Published => "published",
            Kind::Poster => "poster",
            Kind::Blog => "blog",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What the author (or organizer) tells precheck besides the PDF.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The abstract as pasted.
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub kind: Kind,
    /// The date the work was first made public, `YYYY-MM-DD`.
    pub first_public: Option<String>,
    /// Today's date, `YYYY-MM-DD`; the core reads no clock.
    pub today: Option<String>,
}

/// The profile name reported until profiles arrive as data.
pub const DEFAULT_PROFILE: &str = "snn-2022";

/// Checks a submission: the PDF's bytes (none for a blog post) and the author's options.
pub fn check(pdf: Option<&[u8]>, options: &Options) -> Report {
    check_with_limits(pdf, options, &Limits::default())
}

/// [`check`] with explicit limits (tests and hosts with tighter budgets).
pub fn check_with_limits(pdf: Option<&[u8]>, options: &Options, limits: &Limits) -> Report {
    let mut checks = Vec::new();
    let mut document = report::DocumentSummary::default();
    if let Some(bytes) = pdf {
        let read = pdf::read(bytes, limits);
        checks.push(checks::file_format(&read, limits));
        checks.push(checks::file_size(bytes.len() as u64));
        document.bytes = bytes.len() as u64;
        if let Ok(facts) = &read {
            document = summarize(facts);
        }
    }
    Report {
        schema: report::SCHEMA,
        profile: DEFAULT_PROFILE.to_string(),
        kind: options.kind.as_str().to_string(),
        verdict: report::verdict(&checks),
        checks,
        document,
    }
}

fn summarize(facts: &pdf::DocumentFacts) -> report::DocumentSummary {
    report::DocumentSummary {
        bytes: facts.bytes,
        pdf_version: Some(facts.pdf_version.clone()),
        pages: facts.page_count,
        content_pages: None,
        page_sizes: facts
            .pages
            .iter()
            .map(|p| [pdf::geom::round2(p.width_pt), pdf::geom::round2(p.height_pt)])
            .collect(),
        fonts: facts.fonts.clone(),
        body_font: None,
        notice: facts.notice.clone(),
        arxiv: facts.arxiv.clone(),
        info: facts.info.clone(),
        abstract_summary: None,
    }
}
