//! Checks: facts (and the author's inputs) in, check results out, in the order of
//! SPEC §3, with the kind's applicability applied. No PDF object is seen here, so each
//! check can be tested with hand-built facts.

mod abstract_length;
mod file;
mod fonts;
pub mod layout;
mod margins;
pub mod pages;
mod recency;
mod template;

pub use abstract_length::{abstract_from_pdf, pick_abstract};
pub use file::{file_format, file_size};
pub use recency::{Declared, Evidence};

use crate::Kind;
use crate::date::Date;
use crate::limits::Limits;
use crate::pdf::{DocumentFacts, ReadError};
use crate::profile::Profile;
use crate::report::{AbstractSummary, BodyFont, Check, CheckId, Status};
use serde::Serialize;

/// The checks about the PDF's format, which a position paper only warns on and
/// published papers and posters skip.
const FORMAT_CHECKS: [CheckId; 5] = [
    CheckId::PageSize,
    CheckId::Margins,
    CheckId::FontFamily,
    CheckId::FontSize,
    CheckId::Template,
];

/// Said by every check of the pages' content when some of it was not read.
const PARTIAL: &str = "; judged on what was read (see Readable PDF)";

/// Some of the document was left unread: a limit stopped the reading, or a page or
/// its content could not be read.
fn read_in_part(facts: &DocumentFacts) -> bool {
    !facts.unreadable_pages.is_empty()
        || !facts.unreadable_content.is_empty()
        || facts
            .limits_reached
            .iter()
            .any(|(l, _)| l.scope() != crate::limits::Scope::Report)
}

/// What the checks found besides their statuses, for the report's `document`.
#[derive(Default)]
pub struct Derived {
    pub content_pages: Option<usize>,
    pub text_blocks: Vec<crate::pdf::Rect>,
    /// The block the running text fills, when it is not the template's.
    pub measured_block: Option<crate::pdf::Rect>,
    pub body_font: Option<BodyFont>,
    pub abstract_summary: Option<AbstractSummary>,
}

fn skip(id: CheckId, why: &str) -> Check {
    Check::new(id, Status::Skip, why.to_string())
}

/// Whether a check applies to a kind of submission under a profile (SPEC §3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "applies", content = "why")]
pub enum Applies {
    Yes,
    /// Judged, but a failure only warns: no particular format is required.
    WarnOnly(&'static str),
    /// Not judged, for this reason.
    Skip(&'static str),
}

/// The one place that says which checks apply to which kind: the report follows it,
/// and so does the profile's self-description UIs explain the rules from.
pub fn applies(kind: Kind, id: CheckId, profile: &Profile) -> Applies {
    let format = FORMAT_CHECKS.contains(&id);
    match (kind, id) {
        (_, CheckId::Recency) if profile.dates.earliest_public.is_none() => {
            Applies::Skip("this call sets no rule on how recent the work must be")
        }
        (Kind::Blog, CheckId::AbstractLength | CheckId::Recency) => Applies::Yes,
        (Kind::Blog, _) => Applies::Skip("a blog post has no PDF"),
        (Kind::Paper, CheckId::PageLimit) if profile.page_limits.paper.is_none() => {
            Applies::Skip("this call sets no page limit for papers")
        }
        (Kind::Position, CheckId::PageLimit) if profile.page_limits.position.is_none() => {
            Applies::Skip("position papers have no page limit")
        }
        (Kind::Position, _) if format => {
            Applies::WarnOnly("position papers need no particular format")
        }
        (Kind::Published, CheckId::PageSize) => Applies::Yes,
        (Kind::Published, _) if format || id == CheckId::PageLimit => {
            Applies::Skip("a published paper is submitted in the form it was published")
        }
        (Kind::Poster, _) if format || id == CheckId::PageLimit => {
            Applies::Skip("posters have no required format")
        }
        _ => Applies::Yes,
    }
}

/// Applies the kind's rules (SPEC §3) to a judged check: skips, and failures that
/// only warn where no format is required.
fn apply_kind(kind: Kind, profile: &Profile, mut check: Check) -> Check {
    match applies(kind, check.id, profile) {
        Applies::Yes => check,
        Applies::Skip(why) => Check {
            status: Status::Skip,
            message: why.to_string(),
            hint: None,
            findings: Vec::new(),
            unlisted: 0,
            ..check
        },
        Applies::WarnOnly(why) => {
            if check.status == Status::Fail {
                check.status = Status::Warn;
                check.message.push_str(&format!(" ({why})"));
            }
            check
        }
    }
}

/// What the author said, validated.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    pub abstract_text: Option<&'a str>,
    pub declared: Option<Declared>,
    pub today: Option<Date>,
    pub kind: Kind,
}

/// Every check of SPEC §3 for a PDF that may or may not have been read.
pub fn run_pdf_checks(
    read: &Result<DocumentFacts, ReadError>,
    bytes: u64,
    inputs: Inputs<'_>,
    profile: &Profile,
    limits: &Limits,
) -> (Vec<Check>, Derived) {
    let Inputs {
        abstract_text,
        declared,
        today,
        kind,
    } = inputs;
    let mut derived = Derived::default();
    let mut checks = vec![
        file_format(read, limits),
        file_size(bytes, profile.max_file_bytes),
    ];
    let facts = read.as_ref().ok();
    match facts {
        Some(facts) => {
            let content = layout::content_pages(facts, profile);
            derived.content_pages = Some(content.count);
            let body = layout::body_text(facts, profile);
            derived.body_font = body.as_ref().and_then(|b| {
                let (font, _) = b.glyphs_by_font.first()?;
                Some(BodyFont {
                    name: facts.fonts.get(*font)?.name.clone(),
                    size: crate::pdf::geom::round2(b.size_pt),
                })
            });
            // A Letter paper printed onto A4, shrunk to fit, is one page-size failure that
            // says so; the rest judge the paper as it was set.
            let shrunk = layout::shrunk_to_fit(facts, profile, body.as_ref());
            let judged = shrunk.as_ref().map_or(profile, |s| &s.profile);
            derived.text_blocks = facts
                .pages
                .iter()
                .map(|p| layout::text_block(p, &judged.geometry))
                .collect();
            let mut size = pages::page_size(facts, profile);
            if let Some(s) = &shrunk {
                size.message.push_str(&format!(
                    "; the paper looks set on the right paper and shrunk to {:.0} % to fit (the body text is {:.2} pt, {} pt × {:.3}), so the other checks judge it as it was set",
                    s.scale * 100.0,
                    body.as_ref().map_or(0.0, |b| b.size_pt),
                    profile.fonts.body_size_pt,
                    s.scale
                ));
                size.hint = Some("export or print at actual size on the required paper, not \"fit to page\" on another (in the print dialog: US Letter, scale 100 %)".into());
            }
            checks.push(size);
            checks.push(match kind {
                Kind::Paper => profile.page_limits.paper.as_ref().map_or_else(
                    || {
                        skip(
                            CheckId::PageLimit,
                            "this call sets no page limit for papers",
                        )
                    },
                    |limit| pages::page_limit(facts, &content, limit),
                ),
                Kind::Position => profile.page_limits.position.as_ref().map_or_else(
                    || skip(CheckId::PageLimit, "position papers have no page limit"),
                    |limit| pages::page_limit(facts, &content, limit),
                ),
                _ => skip(CheckId::PageLimit, "no page limit"),
            });
            let measured = body
                .as_ref()
                .and_then(|b| layout::measured_block(facts, &judged.geometry, b));
            let cause = margins::cause(facts, judged, measured.as_ref());
            derived.measured_block = cause.as_ref().map(|c| c.block().rect);
            let mut margins = margins::margins(facts, judged, cause.as_ref());
            if shrunk.is_some() {
                margins
                    .message
                    .push_str(" (the template's block, shrunk with the page)");
            }
            checks.push(margins);
            checks.push(fonts::font_family(facts, profile, body.as_ref()));
            let mut font_size = fonts::font_size(judged, body.as_ref());
            if shrunk.is_some() && font_size.status == Status::Pass {
                font_size.message.push_str(&format!(
                    ", {} pt shrunk with the page (see Page size)",
                    profile.fonts.body_size_pt
                ));
            }
            checks.push(font_size);
            checks.push(fonts::fonts_embedded(facts));
            checks.push(fonts::fonts_type3(facts));
            let other_layout = match &cause {
                Some(margins::Cause::OtherLayout(_, looks)) => Some(looks.as_str()),
                _ => None,
            };
            checks.push(template::template(
                facts,
                judged,
                body.as_ref(),
                other_layout,
            ));
            if read_in_part(facts) {
                // Checks of what the pages hold say that they saw only part of them.
                for c in checks.iter_mut().filter(|c| {
                    c.status != Status::Skip
                        && !matches!(c.id, CheckId::FileFormat | CheckId::FileSize)
                }) {
                    c.message.push_str(PARTIAL);
                }
            }
        }
        None => {
            let why = "the PDF could not be read";
            checks.push(skip(CheckId::PageSize, why));
            checks.push(skip(CheckId::PageLimit, why));
            checks.push(skip(CheckId::Margins, why));
            checks.push(skip(CheckId::FontFamily, why));
            checks.push(skip(CheckId::FontSize, why));
            checks.push(skip(CheckId::FontsEmbedded, why));
            checks.push(skip(CheckId::FontsType3, why));
            checks.push(skip(CheckId::Template, why));
        }
    }
    let picked = pick_abstract(abstract_text, facts);
    derived.abstract_summary = picked.as_ref().map(abstract_length::summary);
    checks.push(abstract_length::abstract_length(picked.as_ref(), profile));
    let ev = facts.map(recency::evidence).unwrap_or_default();
    checks.push(recency::recency(declared, &ev, profile, kind, today));
    let checks = checks
        .into_iter()
        .map(|c| {
            if matches!(
                c.id,
                CheckId::FileFormat
                    | CheckId::FileSize
                    | CheckId::AbstractLength
                    | CheckId::Recency
            ) {
                c
            } else {
                apply_kind(kind, profile, c)
            }
        })
        .map(|mut c| {
            cap_findings(&mut c, limits.findings_per_check);
            c
        })
        .collect();
    (checks, derived)
}

/// What a check's findings are, for the line that sums up those not listed.
fn findings_noun(id: CheckId) -> (&'static str, &'static str) {
    match id {
        CheckId::PageSize | CheckId::PageLimit => ("page", "pages"),
        CheckId::Margins => (
            "place outside the text block",
            "places outside the text block",
        ),
        CheckId::FontsEmbedded | CheckId::FontsType3 => ("font", "fonts"),
        _ => ("finding", "findings"),
    }
}

/// Keeps the first `max` findings (they are in page order) and sums up the rest in
/// one more: "and 99,896 more pages". Capping again counts what was left out before.
pub fn cap_findings(check: &mut Check, max: usize) {
    if check.unlisted > 0 {
        // The last finding is the summary of those left out before.
        check.findings.pop();
    }
    let Some(more) = check.findings.len().checked_sub(max).filter(|&m| m > 0) else {
        if check.unlisted > 0 {
            check.findings.push(summary(check.id, check.unlisted));
        }
        return;
    };
    check.findings.truncate(max);
    check.unlisted = check.unlisted.saturating_add(more);
    check.findings.push(summary(check.id, check.unlisted));
}

fn summary(id: CheckId, unlisted: usize) -> crate::report::Finding {
    let (one, many) = findings_noun(id);
    let noun = if unlisted == 1 { one } else { many };
    crate::report::Finding {
        page: None,
        bbox: None,
        object: None,
        text: None,
        note: Some(format!(
            "and {} more {noun}",
            crate::limits::thousands(unlisted as u64)
        )),
    }
}
/// A blog post: only the abstract and recency (SPEC §3).
pub fn run_blog_checks(inputs: Inputs<'_>, profile: &Profile) -> (Vec<Check>, Derived) {
    let Inputs {
        abstract_text,
        declared,
        today,
        ..
    } = inputs;
    let picked = pick_abstract(abstract_text, None);
    let derived = Derived {
        abstract_summary: picked.as_ref().map(abstract_length::summary),
        ..Derived::default()
    };
    let checks = vec![
        abstract_length::abstract_length(picked.as_ref(), profile),
        recency::recency(declared, &Evidence::default(), profile, Kind::Blog, today),
    ];
    (checks, derived)
}
