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
pub mod options;
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

pub use options::{DEFAULT_PROFILE, Kind, NOT_YET, Options, OptionsError, ProfileChoice};

/// Checks a submission: the PDF's bytes (none for a blog post) and the author's options.
/// `Err` only when the options are wrong; every PDF, however broken, gets a report.
pub fn check(pdf: Option<&[u8]>, options: &Options) -> Result<Report, OptionsError> {
    run(pdf.map(Input::Bytes), options, &Limits::default())
}

/// Whether the options would be accepted by [`check`]: the profile exists (or is
/// valid) and the dates are real days. A host checking many files asks once, before
/// reading any of them.
pub fn validate(options: &Options) -> Result<(), OptionsError> {
    options.resolve().map(|_| ())
}

/// The chosen profile described for a UI: its limits, dates, geometry, fonts and
/// which checks apply to each kind, as the checks apply them ([`Profile::describe`]).
pub fn describe_profile(choice: &ProfileChoice) -> Result<profile::ProfileInfo, OptionsError> {
    Ok(choice.resolve()?.describe())
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
    let options::Resolved {
        profile,
        declared,
        today,
    } = options.resolve()?;
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
                document = report::DocumentSummary::from(facts);
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
