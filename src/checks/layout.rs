//! What several checks read from the facts alike: where the template's text block
//! sits on each page, which spans are running text, line numbers, the page number or
//! the arXiv stamp, and how many pages are content (SPEC §3, `page-limit`).

use crate::pdf::geom::round2;
use crate::pdf::{DocumentFacts, FontFacts, PageFacts, Rect, TextLine, TextSpan};
use crate::profile::{Geometry, Profile};

/// The arXiv stamp sits left of this x on page 1 (SPEC §2: x < 40 pt).
const STAMP_MAX_X: f64 = 45.0;
/// Text smaller than this is never running text.
const MIN_RUNNING_SIZE_PT: f64 = 4.0;
/// Sizes within this of the dominant size count as body-size text.
const BODY_SIZE_BAND_PT: f64 = 0.25;
/// Histogram bucket for text sizes.
const SIZE_BUCKET_PT: f64 = 0.1;

/// Whether the page is `w` × `h` pt, within the profile's tolerance.
fn has_size(page: &PageFacts, w: f64, h: f64, g: &Geometry) -> bool {
    (page.width_pt - w).abs() <= g.page_tolerance_pt
        && (page.height_pt - h).abs() <= g.page_tolerance_pt
}

/// Whether the page has the template's paper size, within the tolerance.
pub fn has_template_size(page: &PageFacts, g: &Geometry) -> bool {
    has_size(page, g.page_width_pt, g.page_height_pt, g)
}

/// The text block on a page in page space (origin bottom-left). On paper of another
/// size it is placed as the template would place it: centred, at the same distance
/// from the top (SPEC §3, `margins`). On page 1 it runs lower by the allowance.
pub fn text_block(page: &PageFacts, g: &Geometry) -> Rect {
    let x0 = if has_template_size(page, g) {
        g.block_left_pt
    } else {
        (page.width_pt - g.block_width_pt) / 2.0
    };
    let top = page.height_pt - g.block_top_pt;
    let mut bottom = top - g.block_height_pt;
    if page.number == 1 {
        bottom -= g.first_page_extra_bottom_pt;
    }
    Rect::new(x0, bottom, x0 + g.block_width_pt, top)
}

fn is_page_number_text(text: &str) -> bool {
    let t = text.trim();
    let numeric = !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    let roman = !t.is_empty()
        && t.len() <= 6
        && t.chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l'));
    numeric || roman
}

/// A line number of submission mode: a short number left of the block.
pub fn is_line_number(span: &TextSpan, block: &Rect) -> bool {
    let t = span.text.trim();
    span.upright
        && !t.is_empty()
        && t.len() <= 4
        && t.chars().all(|c| c.is_ascii_digit())
        && span.bbox.x1 <= block.x0
}

/// The page number: a short number (or roman numeral) in the bottom margin.
pub fn is_page_number(span: &TextSpan, block: &Rect) -> bool {
    is_page_number_text(&span.text) && span.baseline_y() < block.y0
}

/// The arXiv stamp: rotated text in the left margin of page 1.
pub fn is_stamp(page: &PageFacts, span: &TextSpan) -> bool {
    page.number == 1 && !span.upright && span.bbox.x1 <= STAMP_MAX_X
}

/// Fonts whose glyphs are mathematics; Computer Modern text fonts (CMR) are not here,
/// since a body set in CMR must be seen.
pub fn is_math_font(font: &FontFacts) -> bool {
    let n = font.name.to_ascii_lowercase();
    const PREFIXES: [&str; 22] = [
        "cmmi", "cmsy", "cmex", "cmbsy", "msam", "msbm", "eufm", "eusm", "eurm", "rsfs", "stmary",
        "wasy", "lmmath", "txmi", "txsy", "txex", "rtxmi", "ntxmi", "ntxsy", "newtxmi", "esint",
        "cmmib",
    ];
    PREFIXES.iter().any(|p| n.starts_with(p))
        || n.contains("math")
        || n == "symbol"
        || n.contains("dingbat")
}

/// The normalised form used to match font names: lower case, no `-`, `_` or spaces.
pub fn font_name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | ','))
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn in_family(font: &FontFacts, profile: &Profile) -> bool {
    let n = font_name_key(&font.name);
    profile
        .fonts
        .body_family_names
        .iter()
        .any(|f| n.contains(&font_name_key(f)))
}

/// The running text's size and what it is set in.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyText {
    pub size_pt: f64,
    /// Glyphs at body size, per font index, sorted by count (most first).
    pub glyphs_by_font: Vec<(usize, u64)>,
    pub glyphs: u64,
}

/// For each page read, which of its spans are in a reference list: the lines after a
/// References heading, up to an appendix or checklist heading, across pages.
fn in_references(facts: &DocumentFacts) -> Vec<Vec<bool>> {
    let mut inside = false;
    facts
        .pages
        .iter()
        .map(|page| {
            let mut marks = vec![false; page.spans.len()];
            for line in &page.lines {
                match heading_of(line) {
                    Some(Heading::References) => inside = true,
                    Some(Heading::Appendix | Heading::Checklist) => inside = false,
                    None => {}
                }
                if inside {
                    for &i in &line.spans {
                        if let Some(m) = marks.get_mut(i) {
                            *m = true;
                        }
                    }
                }
            }
            marks
        })
        .collect()
}

/// Running text: upright, visible text on every page read, not the reference list, not
/// mathematics, not line numbers, the page number or the stamp. Its size is the
/// glyph-weighted mode; the title and headings (larger) and the notice, captions and
/// footnotes (smaller) fall out of that band. The whole paper is sampled: a first page
/// of title and notice, or a content page that is mostly references, is not the body.
pub fn body_text(facts: &DocumentFacts, profile: &Profile) -> Option<BodyText> {
    let references = in_references(facts);
    let candidates = || {
        facts
            .pages
            .iter()
            .zip(&references)
            .flat_map(move |(page, refs)| {
                let block = text_block(page, &profile.geometry);
                page.spans
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, s)| (!refs.get(i).copied().unwrap_or(false)).then_some(s))
                    .filter(move |s| {
                        s.upright
                            && s.visible
                            && s.size_pt >= MIN_RUNNING_SIZE_PT
                            && !is_line_number(s, &block)
                            && !is_page_number(s, &block)
                            && facts.fonts.get(s.font).is_some_and(|f| !is_math_font(f))
                    })
            })
    };
    let mut buckets: std::collections::BTreeMap<i64, u64> = std::collections::BTreeMap::new();
    for s in candidates() {
        let bucket = buckets
            .entry((s.size_pt / SIZE_BUCKET_PT).round() as i64)
            .or_default();
        *bucket = bucket.saturating_add(u64::from(s.glyphs));
    }
    let (&bucket, _) = buckets
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    let size = bucket as f64 * SIZE_BUCKET_PT;
    let mut by_font: std::collections::BTreeMap<usize, u64> = std::collections::BTreeMap::new();
    let mut weighted_size = 0.0;
    let mut glyphs = 0u64;
    for s in candidates().filter(|s| (s.size_pt - size).abs() <= BODY_SIZE_BAND_PT) {
        let font_glyphs = by_font.entry(s.font).or_default();
        *font_glyphs = font_glyphs.saturating_add(u64::from(s.glyphs));
        weighted_size += s.size_pt * f64::from(s.glyphs);
        glyphs = glyphs.saturating_add(u64::from(s.glyphs));
    }
    if glyphs == 0 {
        return None;
    }
    let mut glyphs_by_font: Vec<(usize, u64)> = by_font.into_iter().collect();
    glyphs_by_font.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(BodyText {
        size_pt: weighted_size / glyphs as f64,
        glyphs_by_font,
        glyphs,
    })
}

/// Which heading a line is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    References,
    Appendix,
    Checklist,
}

/// `7 References`, `References`, `A Appendix`, `Appendix A: Proofs`,
/// `Supplementary Material`, `NeurIPS Paper Checklist`.
pub fn heading_of(line: &TextLine) -> Option<Heading> {
    let text = line.text.trim();
    if text.chars().count() > 60 {
        return None;
    }
    // Drop a section number: `7`, `7.`, `A`, `A.`, `VII.`
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let numbered = first
        .trim_end_matches('.')
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && first.len() <= 4;
    let rest: Vec<&str> = if numbered && text.split_whitespace().count() > 1 {
        words.collect()
    } else {
        text.split_whitespace().collect()
    };
    let head = rest.join(" ").to_lowercase();
    let head = head.trim_end_matches([':', '.']);
    match head {
        "references"
        | "reference"
        | "bibliography"
        | "literature cited"
        | "references and notes" => Some(Heading::References),
        "appendix"
        | "appendices"
        | "supplementary material"
        | "supplementary materials"
        | "technical appendices"
        | "supplemental material" => Some(Heading::Appendix),
        h if h.starts_with("appendix ") && h.len() < 40 => Some(Heading::Appendix),
        h if h.ends_with("checklist") && h.len() < 40 => Some(Heading::Checklist),
        _ => None,
    }
}

/// Whether `line` is the first thing on its page: no text above it in its column
/// or the columns left of it (line numbers and page furniture aside).
fn first_on_page(page: &PageFacts, line: &TextLine, block: &Rect) -> bool {
    !page.lines.iter().any(|other| {
        other.baseline_y > line.baseline_y + 1.0
            && other.bbox.x0 < line.bbox.x1
            && other.bbox.y0 <= block.y1 + 4.0
            && !is_page_number_text(&other.text)
    })
}

/// How the content pages were counted.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentPages {
    pub count: usize,
    /// The heading that ended the content, with its page.
    pub ended_by: Option<(Heading, usize)>,
}

/// Content pages (SPEC §3): up to the start of the references (their page counts
/// unless the heading is the first thing on it); with no references heading, up to an
/// appendix or checklist heading; else every page.
pub fn content_pages(facts: &DocumentFacts, profile: &Profile) -> ContentPages {
    let find = |wanted: &[Heading]| {
        facts.pages.iter().find_map(|page| {
            page.lines
                .iter()
                .find(|l| heading_of(l).is_some_and(|h| wanted.contains(&h)))
                .map(|l| (page, l))
        })
    };
    let found =
        find(&[Heading::References]).or_else(|| find(&[Heading::Appendix, Heading::Checklist]));
    match found {
        Some((page, line)) => {
            let block = text_block(page, &profile.geometry);
            let count = if first_on_page(page, line, &block) {
                page.number.saturating_sub(1)
            } else {
                page.number
            };
            ContentPages {
                count,
                ended_by: heading_of(line).map(|h| (h, page.number)),
            }
        }
        None => ContentPages {
            count: facts.page_count,
            ended_by: None,
        },
    }
}

/// Where the full lines of running text (body size, at least `min_width_pt` wide) on
/// `pages` start and end: the outermost positions that many of them share (see
/// `frequent_edges`), so indented abstracts, short last lines and a second column do
/// not move the block's edges.
pub fn body_line_edges<'p>(
    pages: impl Iterator<Item = &'p PageFacts>,
    body: &BodyText,
    min_width_pt: f64,
) -> Option<(f64, f64)> {
    let (mut lefts, mut rights) = (Vec::new(), Vec::new());
    for line in pages.flat_map(|p| &p.lines) {
        if (line.size_pt - body.size_pt).abs() <= 0.3 && line.bbox.width() >= min_width_pt {
            lefts.push(line.bbox.x0);
            rights.push(line.bbox.x1);
        }
    }
    let starts = frequent_edges(lefts);
    let ends = frequent_edges(rights);
    Some((*starts.first()?, *ends.last()?))
}

/// An edge is where at least this share of the measured lines start (or end), and at
/// least `MIN_EDGE_LINES` of them …
const EDGE_SHARE: f64 = 0.08;
const MIN_EDGE_LINES: usize = 3;
/// … within this (pt).
const EDGE_WINDOW_PT: f64 = 1.5;

/// Positions, left to right, that many of `xs` share within the window.
fn frequent_edges(mut xs: Vec<f64>) -> Vec<f64> {
    xs.sort_by(f64::total_cmp);
    let need = ((EDGE_SHARE * xs.len() as f64).ceil() as usize).max(MIN_EDGE_LINES);
    let mut found: Vec<f64> = Vec::new();
    let mut start = 0;
    for (end, &x) in xs.iter().enumerate() {
        while xs.get(start).is_some_and(|&s| x - s > 2.0 * EDGE_WINDOW_PT) {
            start = start.saturating_add(1);
        }
        if end.saturating_add(1).saturating_sub(start) >= need {
            let at = xs.get(start.midpoint(end)).copied().unwrap_or(x);
            match found.last_mut() {
                Some(last) if at - *last <= 2.0 * EDGE_WINDOW_PT => *last = at,
                _ => found.push(at),
            }
        }
    }
    found
}

/// Lines of body size at least this share of the block's width are running text for
/// measuring the block (shorter ones are formula pieces, labels and ends of paragraphs).
const MEASURED_LINE_SHARE: f64 = 0.2;
/// A page is measured vertically when it holds at least this many such lines.
const MIN_LINES_FOR_HEIGHT: usize = 8;
/// The body text's lines measured in all, at least, to say where the block is.
const MIN_MEASURED_LINES: usize = 30;
/// Two left edges further apart than this share of the block's width are two columns.
const COLUMN_SHARE: f64 = 0.3;
/// Edges within this of the template's are the template's (pt).
pub const BLOCK_TOLERANCE_PT: f64 = 6.0;

/// The text block the running text actually fills, measured over the paper's pages of
/// the first page's size: its left edge is where most full lines start, its right edge
/// where most end, its top the first baseline of a typical page plus one body size (the
/// template's first baseline sits that far below the block's top), its bottom the last
/// baseline of a typical full page.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasuredBlock {
    pub rect: Rect,
    /// Columns of running text side by side.
    pub columns: usize,
}

pub fn measured_block(
    facts: &DocumentFacts,
    g: &Geometry,
    body: &BodyText,
) -> Option<MeasuredBlock> {
    let first = facts.pages.first()?;
    let same_size = |p: &&PageFacts| has_size(p, first.width_pt, first.height_pt, g);
    let min_width = MEASURED_LINE_SHARE * g.block_width_pt;
    let is_body =
        |l: &&TextLine| (l.size_pt - body.size_pt).abs() <= 0.3 && l.bbox.width() >= min_width;
    let (mut lefts, mut rights) = (Vec::new(), Vec::new());
    let (mut firsts, mut lasts) = (Vec::new(), Vec::new());
    for page in facts.pages.iter().filter(same_size) {
        let mut baselines = Vec::new();
        for l in page.lines.iter().filter(is_body) {
            lefts.push(l.bbox.x0);
            rights.push(l.bbox.x1);
            baselines.push(l.baseline_y);
        }
        if baselines.len() >= MIN_LINES_FOR_HEIGHT {
            firsts.push(baselines.iter().copied().fold(f64::NEG_INFINITY, f64::max));
            lasts.push(baselines.iter().copied().fold(f64::INFINITY, f64::min));
        }
    }
    if lefts.len() < MIN_MEASURED_LINES || firsts.is_empty() {
        return None;
    }
    firsts.sort_by(f64::total_cmp);
    lasts.sort_by(f64::total_cmp);
    let starts = frequent_edges(lefts);
    let ends = frequent_edges(rights);
    let (left, right) = (*starts.first()?, *ends.last()?);
    let mut columns: usize = 1;
    let mut last_start = left;
    for &x in starts.iter().skip(1) {
        if x - last_start > COLUMN_SHARE * (right - left) {
            columns = columns.saturating_add(1);
            last_start = x;
        }
    }
    // The highest typical first baseline and the lowest typical last one: floats at
    // the top or bottom of some pages push them in, never out.
    let pick = |v: &[f64], share: f64| {
        v.get((v.len().saturating_sub(1) as f64 * share).round() as usize)
            .copied()
    };
    let top = pick(&firsts, 0.8)? + body.size_pt;
    let bottom = pick(&lasts, 0.2)?;
    Some(MeasuredBlock {
        rect: Rect::new(round2(left), round2(bottom), round2(right), round2(top)),
        columns,
    })
}

/// Line edges within this of a shrunk block's edges mean the template's layout, shrunk.
/// Tighter than the template check's tolerance: a paper set natively on A4 has its block
/// only 5–6 pt away from a Letter block shrunk onto A4.
const SHRUNK_EDGE_PT: f64 = 2.5;
/// Scales that read as "fit to page" (A4 from Letter is 0.973).
const SHRINK_RANGE: std::ops::RangeInclusive<f64> = 0.85..=0.995;

/// A paper set on the template's paper and printed onto another, shrunk to fit (SPEC
/// §3, the usual Letter-on-A4 export): the scale, and the profile's geometry and body
/// size as they land on the page, so the other checks judge the paper as it was set.
#[derive(Clone, Debug, PartialEq)]
pub struct Shrunk {
    pub scale: f64,
    pub profile: Profile,
}

pub fn shrunk_to_fit(
    facts: &DocumentFacts,
    profile: &Profile,
    body: Option<&BodyText>,
) -> Option<Shrunk> {
    let g = &profile.geometry;
    let first = facts.pages.first()?;
    let (w, h) = (first.width_pt, first.height_pt);
    let same_size = facts.pages.iter().all(|p| has_size(p, w, h, g));
    if !same_size || has_template_size(first, g) {
        return None;
    }
    let scale = (w / g.page_width_pt).min(h / g.page_height_pt);
    if !SHRINK_RANGE.contains(&scale) {
        return None;
    }
    // The body is the template's size shrunk, rather than the template's size itself.
    let body = body?;
    let want = profile.fonts.body_size_pt;
    if (body.size_pt - want * scale).abs() >= (body.size_pt - want).abs() {
        return None;
    }
    // Centred on the page, as printing "fit to page" places it.
    let mut shrunk = profile.clone();
    let sg = &mut shrunk.geometry;
    sg.page_width_pt = w;
    sg.page_height_pt = h;
    sg.block_left_pt = (w - g.page_width_pt * scale) / 2.0 + g.block_left_pt * scale;
    sg.block_top_pt = (h - g.page_height_pt * scale) / 2.0 + g.block_top_pt * scale;
    sg.block_width_pt = g.block_width_pt * scale;
    sg.block_height_pt = g.block_height_pt * scale;
    sg.first_page_extra_bottom_pt = g.first_page_extra_bottom_pt * scale;
    shrunk.fonts.body_size_pt = want * scale;
    shrunk.fonts.body_size_tolerance_pt = profile.fonts.body_size_tolerance_pt * scale;
    // And the running text sits in that block.
    let (l, r) = body_line_edges(facts.pages.iter(), body, 0.6 * sg.block_width_pt)?;
    let fits = (l - sg.block_left_pt).abs() <= SHRUNK_EDGE_PT
        && (r - (sg.block_left_pt + sg.block_width_pt)).abs() <= SHRUNK_EDGE_PT;
    fits.then_some(Shrunk {
        scale,
        profile: shrunk,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{FontFacts, TextLine};

    fn line(text: &str, baseline: f64, x0: f64) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(x0, baseline - 2.0, x0 + 200.0, baseline + 8.0),
            baseline_y: baseline,
            size_pt: 10.0,
            font: 0,
            spans: Vec::new(),
        }
    }

    fn doc(pages: Vec<Vec<TextLine>>) -> DocumentFacts {
        DocumentFacts {
            page_count: pages.len(),
            pages: pages
                .into_iter()
                .enumerate()
                .map(|(i, lines)| PageFacts {
                    number: i + 1,
                    width_pt: 612.0,
                    height_pt: 792.0,
                    lines,
                    ..PageFacts::default()
                })
                .collect(),
            ..DocumentFacts::default()
        }
    }

    fn count(pages: Vec<Vec<TextLine>>) -> usize {
        content_pages(&doc(pages), &crate::profile::builtin("snn-2022").unwrap()).count
    }

    #[test]
    fn headings_are_recognised_with_and_without_numbers() {
        for (text, want) in [
            ("References", Some(Heading::References)),
            ("7 References", Some(Heading::References)),
            ("REFERENCES", Some(Heading::References)),
            ("Bibliography", Some(Heading::References)),
            ("A Appendix", Some(Heading::Appendix)),
            ("Appendix A: Proofs", Some(Heading::Appendix)),
            ("Supplementary Material", Some(Heading::Appendix)),
            ("NeurIPS Paper Checklist", Some(Heading::Checklist)),
            (
                "References to prior work are given in Section 2 of the paper at length",
                None,
            ),
            ("We cite the references below.", None),
        ] {
            assert_eq!(heading_of(&line(text, 400.0, 108.0)), want, "{text}");
        }
    }

    #[test]
    fn the_references_page_counts_unless_they_open_it() {
        let body = || vec![line("text", 700.0, 108.0), line("more text", 600.0, 108.0)];
        // References half way down page 5: five content pages.
        let mut p5 = body();
        p5.push(line("References", 400.0, 108.0));
        assert_eq!(count(vec![body(), body(), body(), body(), p5]), 5);
        // References as the first thing on page 5: four.
        let p5 = vec![
            line("References", 710.0, 108.0),
            line("[1] A. Author", 690.0, 108.0),
        ];
        assert_eq!(count(vec![body(), body(), body(), body(), p5]), 4);
        // A page number above does not count as text before the heading.
        let p5 = vec![line("5", 760.0, 300.0), line("References", 710.0, 108.0)];
        assert_eq!(count(vec![body(), body(), body(), body(), p5]), 4);
    }

    #[test]
    fn without_references_an_appendix_ends_the_content_else_every_page_counts() {
        let body = || vec![line("text", 700.0, 108.0)];
        let appendix = vec![line("A Appendix", 710.0, 108.0)];
        assert_eq!(count(vec![body(), body(), body(), appendix, body()]), 3);
        assert_eq!(count(vec![body(), body(), body()]), 3);
    }

    #[test]
    fn the_right_column_above_a_left_column_heading_does_not_make_it_late() {
        let page = vec![
            line("References", 700.0, 108.0),
            line("right column text", 705.0, 320.0),
        ];
        let body = || vec![line("text", 700.0, 108.0)];
        assert_eq!(count(vec![body(), body(), page]), 2);
    }

    #[test]
    fn math_fonts_are_not_body_fonts_but_computer_modern_roman_is() {
        let font = |name: &str| FontFacts {
            name: name.into(),
            base_font: name.into(),
            subtype: "Type1".into(),
            descendant: None,
            embedded: true,
            subset: true,
            glyphs: 1,
        };
        assert!(is_math_font(&font("CMMI10")));
        assert!(is_math_font(&font("CMSY7")));
        assert!(is_math_font(&font("LMMathItalic10-Regular")));
        assert!(!is_math_font(&font("CMR10")));
        let p = crate::profile::builtin("snn-2022").unwrap();
        for times in [
            "NimbusRomNo9L-Regu",
            "TeXGyreTermes-Regular",
            "TimesNewRomanPSMT",
            "Times-Roman",
            "NimbusRoman-Regular",
        ] {
            assert!(in_family(&font(times), &p), "{times}");
        }
        for other in ["CMR10", "LMRoman10-Regular", "ArialMT", "LinLibertineT"] {
            assert!(!in_family(&font(other), &p), "{other}");
        }
    }

    #[test]
    fn blocks_on_letter_a4_and_page_one() {
        let g = crate::profile::builtin("snn-2022").unwrap().geometry;
        let letter = PageFacts {
            number: 2,
            width_pt: 612.0,
            height_pt: 792.0,
            ..PageFacts::default()
        };
        assert_eq!(
            text_block(&letter, &g),
            Rect::new(108.0, 72.0, 504.0, 720.0)
        );
        let first = PageFacts {
            number: 1,
            ..letter.clone()
        };
        assert_eq!(text_block(&first, &g), Rect::new(108.0, 50.0, 504.0, 720.0));
        let a4 = PageFacts {
            number: 2,
            width_pt: 595.28,
            height_pt: 841.89,
            ..PageFacts::default()
        };
        let b = text_block(&a4, &g);
        assert!((b.x0 - 99.64).abs() < 0.01 && (b.y1 - 769.89).abs() < 0.01);
    }

    /// A page of `n` lines of one 40-glyph span each at `size` pt (Times), starting
    /// with `heading` when given, as `build_lines` would group them.
    fn text_page(number: usize, heading: Option<&str>, n: usize, size: f64) -> PageFacts {
        let mut spans = Vec::new();
        let mut lines = Vec::new();
        let texts = heading
            .into_iter()
            .map(str::to_string)
            .chain((0..n).map(|i| format!("line {i}")));
        for (i, text) in texts.enumerate() {
            let y = 700.0 - 12.0 * i as f64;
            spans.push(crate::pdf::TextSpan {
                text: text.clone(),
                font: 0,
                size_pt: size,
                origin: (110.0, y),
                bbox: Rect::new(110.0, y - 2.0, 400.0, y + 7.0),
                ink: Rect::new(110.0, y - 2.0, 400.0, y + 7.0),
                upright: true,
                visible: true,
                glyphs: 40,
            });
            lines.push(TextLine {
                text,
                bbox: Rect::new(110.0, y - 2.0, 400.0, y + 7.0),
                baseline_y: y,
                size_pt: size,
                font: 0,
                spans: vec![spans.len() - 1],
            });
        }
        PageFacts {
            number,
            width_pt: 612.0,
            height_pt: 792.0,
            spans,
            lines,
            ..PageFacts::default()
        }
    }

    #[test]
    fn the_body_is_sampled_over_the_paper_without_the_references() {
        // Page 1 is mostly 9 pt references (the only content page); pages 2–3 are 10 pt
        // text of an appendix. Measured on page 1 alone, the body read 9.0 pt.
        let facts = DocumentFacts {
            page_count: 3,
            pages: vec![
                text_page(1, Some("References"), 50, 9.0),
                text_page(2, Some("A Appendix"), 20, 10.0),
                text_page(3, None, 20, 10.0),
            ],
            fonts: vec![FontFacts {
                name: "Times-Roman".into(),
                base_font: "Times-Roman".into(),
                subtype: "Type1".into(),
                descendant: None,
                embedded: true,
                subset: false,
                glyphs: 0,
            }],
            ..DocumentFacts::default()
        };
        let profile = crate::profile::builtin("snn-2022").unwrap();
        let body = body_text(&facts, &profile).expect("running text");
        assert!((body.size_pt - 10.0).abs() < 1e-9, "{body:?}");
    }
}
