//! precheck: checks a paper submission against a call for papers before it is uploaded.
//!
//! The contract of this crate:
//! - [`check`] is pure: bytes, text and options in, a [`Report`] out. No I/O, no clock
//!   (today's date, when needed, is an option), deterministic output.
//! - It must not panic on any input. Any panic is a critical bug: every PDF, however
//!   damaged or hostile, gets a report, and reading stops at the named [`Limits`].
//! - Only `pdf` reads PDF syntax (its own object layer, `pdf::cos`); `checks` sees
//!   plain facts.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod checks;
pub mod date;
pub mod limits;
pub mod page_map;
pub mod pdf;
pub mod profile;
pub mod report;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod words;

pub use date::Date;
pub use limits::Limits;
pub use profile::Profile;
pub use report::{Check, CheckId, Finding, Report, Status};
pub use words::{count_chars, count_words};

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
    pub const ALL: [Kind; 5] = [
        Kind::Paper,
        Kind::Position,
        Kind::Published,
        Kind::Poster,
        Kind::Blog,
    ];

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

/// The rules to check against: a built-in profile's id, or a whole profile.
#[derive(Clone, Debug)]
pub enum ProfileChoice {
    Builtin(String),
    Custom(Box<Profile>),
}

/// By hand rather than `#[serde(untagged)]`: an untagged enum's only error is "data did
/// not match any variant", where a profile with a misspelt key should name the key.
impl<'de> Deserialize<'de> for ProfileChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Choice;
        impl<'de> serde::de::Visitor<'de> for Choice {
            type Value = ProfileChoice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a built-in profile id or a whole profile")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<ProfileChoice, E> {
                Ok(ProfileChoice::Builtin(id.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ProfileChoice, A::Error> {
                Profile::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|p| ProfileChoice::Custom(Box::new(p)))
            }
        }
        deserializer.deserialize_any(Choice)
    }
}

impl Default for ProfileChoice {
    fn default() -> Self {
        ProfileChoice::Builtin(DEFAULT_PROFILE.to_string())
    }
}

/// What the author (or organizer) tells precheck besides the PDF.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// The abstract as pasted.
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub kind: Kind,
    /// The date the work was first made public, `YYYY-MM-DD`, or `not-yet` (work in
    /// progress, eligible).
    pub first_public: Option<String>,
    /// Today's date, `YYYY-MM-DD`; the core reads no clock.
    pub today: Option<String>,
    pub profile: ProfileChoice,
    /// Include each page's map (its lines, images and drawings) in the report, for
    /// drawing the pages; off by default so reports stay small.
    pub layout: bool,
}

/// Why no report could be made: the options themselves are wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// No built-in profile has this id.
    UnknownProfile(String),
    /// A custom profile failed validation.
    InvalidProfile(String),
    /// A date option is not `YYYY-MM-DD` or not a real day.
    InvalidDate { option: &'static str, value: String },
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionsError::UnknownProfile(id) => {
                write!(
                    f,
                    "unknown profile `{id}` (built in: {})",
                    profile::BUILTIN.join(", ")
                )
            }
            OptionsError::InvalidProfile(why) => write!(f, "{why}"),
            OptionsError::InvalidDate { option, value } => {
                let what = match *option {
                    "firstPublic" => "the first-public date",
                    "today" => "today's date",
                    other => other,
                };
                if *option == "firstPublic" {
                    write!(
                        f,
                        "{what} `{value}` is not a real date (YYYY-MM-DD) nor `{NOT_YET}`"
                    )
                } else {
                    write!(f, "{what} `{value}` is not a real date (YYYY-MM-DD)")
                }
            }
        }
    }
}

impl std::error::Error for OptionsError {}

/// The profile used when none is chosen.
pub const DEFAULT_PROFILE: &str = "snn-2022";

fn resolve_profile(choice: &ProfileChoice) -> Result<Profile, OptionsError> {
    match choice {
        ProfileChoice::Builtin(id) => {
            profile::builtin(id).ok_or_else(|| OptionsError::UnknownProfile(id.clone()))
        }
        ProfileChoice::Custom(p) => {
            p.validate()
                .map_err(|e| OptionsError::InvalidProfile(e.0))?;
            Ok((**p).clone())
        }
    }
}

/// The answer an author gives for `firstPublic` meaning the work is not public yet.
pub const NOT_YET: &str = "not-yet";

fn parse_first_public(value: Option<&str>) -> Result<Option<checks::Declared>, OptionsError> {
    match value.map(str::trim) {
        Some(NOT_YET) => Ok(Some(checks::Declared::NotYet)),
        other => Ok(parse_date("firstPublic", other)?.map(checks::Declared::On)),
    }
}

fn parse_date(option: &'static str, value: Option<&str>) -> Result<Option<Date>, OptionsError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Date::parse(v)
            .map(Some)
            .ok_or_else(|| OptionsError::InvalidDate {
                option,
                value: v.to_string(),
            }),
    }
}

/// Checks a submission: the PDF's bytes (none for a blog post) and the author's options.
/// `Err` only when the options are wrong; every PDF, however broken, gets a report.
pub fn check(pdf: Option<&[u8]>, options: &Options) -> Result<Report, OptionsError> {
    run(pdf.map(Input::Bytes), options, &Limits::default())
}

/// Whether the options would be accepted by [`check`]: the profile exists (or is
/// valid) and the dates are real days. A host checking many files asks once, before
/// reading any of them.
pub fn validate(options: &Options) -> Result<(), OptionsError> {
    resolve_profile(&options.profile)?;
    parse_first_public(options.first_public.as_deref())?;
    parse_date("today", options.today.as_deref())?;
    Ok(())
}

/// The chosen profile described for a UI: its limits, dates, geometry, fonts and
/// which checks apply to each kind, as the checks apply them ([`Profile::describe`]).
pub fn describe_profile(choice: &ProfileChoice) -> Result<profile::ProfileInfo, OptionsError> {
    Ok(resolve_profile(choice)?.describe())
}

/// [`check`] with explicit limits (tests and hosts with tighter budgets).
pub fn check_with_limits(
    pdf: Option<&[u8]>,
    options: &Options,
    limits: &Limits,
) -> Result<Report, OptionsError> {
    run(pdf.map(Input::Bytes), options, limits)
}

/// The report for a PDF of `size_bytes` that was not read because it is larger than
/// [`Limits::file_bytes`]: a host that knows the size first (a file's metadata, a
/// `Blob`) never has to hold the bytes. A smaller `size_bytes` is judged as too large
/// all the same; the caller has decided not to read it.
pub fn check_too_large(size_bytes: u64, options: &Options) -> Result<Report, OptionsError> {
    run(
        Some(Input::TooLarge(size_bytes)),
        options,
        &Limits::default(),
    )
}

/// What [`run`] is given of the PDF.
#[derive(Clone, Copy)]
enum Input<'a> {
    Bytes(&'a [u8]),
    /// Not read: larger than the file limit.
    TooLarge(u64),
}

fn run(pdf: Option<Input<'_>>, options: &Options, limits: &Limits) -> Result<Report, OptionsError> {
    let profile = resolve_profile(&options.profile)?;
    let declared = parse_first_public(options.first_public.as_deref())?;
    let today = parse_date("today", options.today.as_deref())?;
    let inputs = checks::Inputs {
        abstract_text: options.abstract_text.as_deref(),
        declared,
        today,
        kind: options.kind,
    };
    let mut document = report::DocumentSummary::default();
    let mut layout = None;
    let (checks, derived) = match (options.kind, pdf) {
        (Kind::Blog, _) => checks::run_blog_checks(inputs, &profile),
        (_, pdf) => {
            let (read, size) = match pdf {
                Some(Input::Bytes(b)) => (pdf::read(b, limits), b.len() as u64),
                Some(Input::TooLarge(size)) => (
                    Err(pdf::ReadError::LimitReached(limits::Limit::FileBytes)),
                    size,
                ),
                None => (Err(pdf::ReadError::Missing), 0),
            };
            if let Ok(facts) = &read {
                document = summarize(facts);
                if options.layout {
                    layout = Some(page_map::page_maps(facts, limits));
                }
            }
            document.bytes = size;
            checks::run_pdf_checks(&read, size, inputs, &profile, limits)
        }
    };
    document.content_pages = derived.content_pages;
    document.text_blocks = derived.text_blocks;
    document.measured_block = derived.measured_block;
    document.body_font = derived.body_font;
    document.abstract_summary = derived.abstract_summary;
    let mut report = Report {
        schema: report::SCHEMA,
        profile: profile.id.clone(),
        kind: options.kind.as_str().to_string(),
        verdict: report::verdict(&checks),
        checks,
        document,
        layout: None,
    };
    // The page maps have budgets of their own; the report's is for the rest.
    let bounded = report::bound(&mut report, limits);
    report.layout = layout;
    if bounded
        && let Some(format) = report
            .checks
            .iter_mut()
            .find(|c| c.id == report::CheckId::FileFormat)
    {
        format.message.push_str("; ");
        format
            .message
            .push_str(&limits::Limit::ReportBytes.explain(None, limits));
    }
    Ok(report)
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
            .map(|p| {
                [
                    pdf::geom::round2(p.width_pt),
                    pdf::geom::round2(p.height_pt),
                ]
            })
            .collect(),
        text_blocks: Vec::new(),
        measured_block: None,
        fonts: facts.fonts.clone(),
        body_font: None,
        notice: facts.notice.clone(),
        arxiv: facts.arxiv.clone(),
        info: facts.info.clone(),
        abstract_summary: None,
    }
}
