//! `abstract-length` (SPEC §3, §5): the abstract within the word and character caps.
//! The abstract is the text the author gave; without one, the abstract printed on
//! page 1 of the PDF.

use crate::pdf::{DocumentFacts, TextLine, TextSpan};
use crate::profile::Profile;
use crate::report::{AbstractSummary, Check, CheckId, Status};
use crate::words::{count_chars, count_words};

/// Lines read after the "Abstract" heading at most.
const MAX_ABSTRACT_LINES: usize = 80;
/// A heading this far off the page's middle (pt) sits in one of two columns.
const COLUMN_SIDE_PT: f64 = 30.0;
/// A vertical gap over this many line spacings ends the abstract.
const PARAGRAPH_GAP: f64 = 1.9;

fn is_abstract_heading(text: &str) -> Option<&str> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("abstract") {
        return Some("");
    }
    // Run-in headings: "Abstract—We prune…", "Abstract. We prune…", "Abstract: …". The
    // rest is cut from `t` itself, not from a lowercase copy: lowercasing may change byte
    // lengths (`İ` grows by one), so offsets in the copy are not offsets in `t`.
    let (head, after) = t.split_at_checked("abstract".len())?;
    if !head.eq_ignore_ascii_case("abstract") {
        return None;
    }
    ["—", "–", ".", ":", " -"]
        .into_iter()
        .find_map(|sep| after.strip_prefix(sep))
        .map(str::trim)
}

fn ends_abstract(line: &TextLine, first: &TextLine) -> bool {
    let t = line.text.trim().to_lowercase();
    let numbered_intro = t
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.starts_with("introduction"));
    t.starts_with("introduction")
        || numbered_intro
        || t.starts_with("keywords")
        || t.starts_with("index terms")
        || t.starts_with("ccs concepts")
        // ACM's older front matter, after the abstract.
        || t.starts_with("categories and subject descriptors")
        || t.starts_with("general terms")
        || line.size_pt > first.size_pt + 0.5
}

/// An abstract and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Abstract {
    pub source: &'static str,
    pub text: String,
    /// Read from a PDF: the same text with each formula wrapped in `$…$`, which is what
    /// its words are counted in (the PDF has lost the author's `$`).
    pub marked: Option<String>,
}

/// The abstract printed on page 1: the lines after an "Abstract" heading, in its
/// column, up to the next heading or paragraph break, hyphenation undone.
pub fn abstract_from_pdf(facts: &DocumentFacts) -> Option<String> {
    read_abstract(facts).map(|(text, _)| text)
}

/// Math in the abstract's lines: spans in a math font, and spans without a word in them
/// (digits, brackets, operators) in a font that sets none of the abstract's lines
/// (Computer Modern's digits and `=` in a Times paper).
fn math_marker<'f>(
    facts: &'f DocumentFacts,
    body: &[&TextLine],
) -> impl Fn(&TextSpan) -> bool + 'f {
    let text_fonts: Vec<usize> = body.iter().map(|l| l.font).collect();
    move |s: &TextSpan| {
        let font = facts.fonts.get(s.font);
        if font.is_some_and(super::layout::is_math_font) {
            return true;
        }
        let has_word = s
            .text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 3);
        !text_fonts.contains(&s.font) && !has_word
    }
}

/// The abstract's text, and the same with formulas marked.
fn read_abstract(facts: &DocumentFacts) -> Option<(String, String)> {
    let page = facts.pages.first()?;
    let lines = &page.lines;
    let mut after_heading = lines.iter();
    let (heading, run_in) = after_heading
        .by_ref()
        .find_map(|l| is_abstract_heading(&l.text).map(|rest| (l, rest.to_string())))?;
    let mut body: Vec<&TextLine> = Vec::new();
    // In two columns the abstract keeps to its heading's column (lines interleave by
    // baseline); a centred heading means one column.
    let middle = page.width_pt / 2.0;
    let centre = (heading.bbox.x0 + heading.bbox.x1) / 2.0;
    let other_column = |l: &TextLine| {
        (centre < middle - COLUMN_SIDE_PT && l.bbox.x0 > middle)
            || (centre > middle + COLUMN_SIDE_PT && l.bbox.x1 < middle)
    };
    for line in after_heading.take(MAX_ABSTRACT_LINES) {
        if other_column(line) {
            continue;
        }
        if line.text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(first) = body.first() {
            let spacing = body
                .windows(2)
                .next()
                .map_or(first.size_pt * 1.2, |w| match w {
                    [a, b] => (a.baseline_y - b.baseline_y).abs(),
                    _ => first.size_pt * 1.2,
                });
            let prev = body.last().map_or(first.baseline_y, |l| l.baseline_y);
            if ends_abstract(line, first)
                || prev - line.baseline_y > PARAGRAPH_GAP * spacing.max(first.size_pt)
            {
                break;
            }
        } else if ends_abstract(line, heading) {
            break;
        }
        body.push(line);
    }
    let join = |texts: &mut dyn Iterator<Item = String>| {
        let mut out = run_in.clone();
        for t in texts {
            if out.ends_with('-') && t.starts_with(|c: char| c.is_lowercase()) {
                out.pop();
            } else if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t);
        }
        out.trim().to_string()
    };
    let text = join(&mut body.iter().map(|l| l.text.clone()));
    let math = math_marker(facts, &body);
    let marked = join(
        &mut body
            .iter()
            .map(|l| crate::pdf::text::join_spans(&page.spans, &l.spans, &math)),
    );
    (!text.is_empty()).then_some((text, marked))
}

/// The abstract used and where it came from.
pub fn pick_abstract(given: Option<&str>, facts: Option<&DocumentFacts>) -> Option<Abstract> {
    match given.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(Abstract {
            source: "input",
            text: t.to_string(),
            marked: None,
        }),
        None => facts
            .and_then(read_abstract)
            .map(|(text, marked)| Abstract {
                source: "pdf",
                text,
                marked: Some(marked),
            }),
    }
}

pub fn summary(a: &Abstract) -> AbstractSummary {
    AbstractSummary {
        source: a.source,
        words: count_words(a.marked.as_deref().unwrap_or(&a.text)),
        chars: count_chars(&a.text),
    }
}

pub fn abstract_length(picked: Option<&Abstract>, profile: &Profile) -> Check {
    let Some(a) = picked else {
        return Check::new(
            CheckId::AbstractLength,
            Status::Skip,
            "no abstract given, and none found on page 1 of the PDF",
        )
        .with_hint("paste the abstract you will enter on OpenReview");
    };
    let s = summary(a);
    let source = &a.source;
    let (max_w, max_c) = (profile.abstract_max_words, profile.abstract_max_chars);
    let from = if *source == "pdf" {
        " (read from the PDF)"
    } else {
        ""
    };
    let mut problems = Vec::new();
    if s.words > max_w {
        problems.push(format!(
            "{} words, {} over the {max_w}-word limit",
            s.words,
            s.words.saturating_sub(max_w)
        ));
    }
    if s.chars > max_c {
        problems.push(format!(
            "{} characters, {} over OpenReview's {max_c}",
            s.chars,
            s.chars.saturating_sub(max_c)
        ));
    }
    if problems.is_empty() {
        let mut c = Check::new(
            CheckId::AbstractLength,
            Status::Pass,
            format!(
                "{} words and {} characters{from}; the limits are {max_w} words and {max_c} characters",
                s.words, s.chars
            ),
        );
        if *source == "pdf" {
            c.hint = Some(
                "paste the abstract you will enter on OpenReview to check that exact text".into(),
            );
        }
        return c;
    }
    Check::new(
        CheckId::AbstractLength,
        Status::Fail,
        format!("{}{from}", problems.join("; ")),
    )
    .with_hint(format!(
        "shorten the abstract to {max_w} words; inline math like $\\ell_1$ counts as one word"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(words: usize) -> String {
        vec!["sparse"; words].join(" ")
    }

    fn status(text: &str) -> Status {
        let picked = Abstract {
            source: "input",
            text: text.to_string(),
            marked: None,
        };
        abstract_length(Some(&picked), &crate::profile::builtin("snn-2022").unwrap()).status
    }

    #[test]
    fn two_hundred_fifty_words_pass_and_one_more_fails() {
        assert_eq!(status(&text_of(250)), Status::Pass);
        assert_eq!(status(&text_of(251)), Status::Fail);
    }

    #[test]
    fn five_thousand_characters_pass_and_one_more_fails() {
        let five_k = "a".repeat(5000);
        assert_eq!(status(&five_k), Status::Pass);
        assert_eq!(status(&format!("{five_k}b")), Status::Fail);
    }

    #[test]
    fn an_empty_abstract_is_no_abstract() {
        assert_eq!(pick_abstract(Some("  \n"), None), None);
        let c = abstract_length(None, &crate::profile::builtin("snn-2022").unwrap());
        assert_eq!(c.status, Status::Skip);
    }

    /// Lines of one page, one a line, 12 pt apart from the top, in 10 pt text.
    fn page_of(lines: &[&str]) -> DocumentFacts {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let y = 700.0 - 12.0 * i as f64;
                TextLine {
                    text: t.to_string(),
                    bbox: crate::pdf::Rect::new(108.0, y - 2.0, 504.0, y + 7.0),
                    baseline_y: y,
                    size_pt: 10.0,
                    font: 0,
                    spans: Vec::new(),
                }
            })
            .collect();
        DocumentFacts {
            pages: vec![crate::pdf::PageFacts {
                number: 1,
                width_pt: 612.0,
                height_pt: 792.0,
                lines,
                ..crate::pdf::PageFacts::default()
            }],
            ..DocumentFacts::default()
        }
    }

    #[test]
    fn acm_front_matter_after_the_abstract_is_not_the_abstract() {
        for stop in [
            "Categories and Subject Descriptors D.3.4 [Programming]",
            "General Terms Design, Performance.",
        ] {
            let facts = page_of(&[
                "Abstract",
                "We trace loops and",
                "compile them.",
                stop,
                "more",
            ]);
            assert_eq!(
                abstract_from_pdf(&facts).as_deref(),
                Some("We trace loops and compile them."),
                "{stop}"
            );
        }
    }

    #[test]
    fn run_in_headings() {
        assert_eq!(is_abstract_heading("Abstract—We prune."), Some("We prune."));
        assert_eq!(is_abstract_heading("ABSTRACT"), Some(""));
        assert_eq!(is_abstract_heading("Abstraction is hard"), None);
    }

    #[test]
    fn run_in_heading_whose_text_grows_when_lowercased() {
        // `İ` is 2 bytes and lowercases to 3 (`i̇`): the text after the heading is cut from
        // the original, not at an offset measured in its lowercase copy.
        assert_eq!(is_abstract_heading("Abstract: İstanbul"), Some("İstanbul"));
        let many = "İ".repeat(20);
        assert_eq!(
            is_abstract_heading(&format!("ABSTRACT. {many}")),
            Some(many.as_str())
        );
    }
}
