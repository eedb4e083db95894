//! `margins` (SPEC §3): everything painted stays inside the template's text block.
//! Up to `margin_ignore_pt` outside is ignored, up to `margin_fail_pt` warns (an
//! overfull line), beyond fails. The block's bottom edge is the last baseline, so
//! text is measured there by its baseline; line numbers, the page number and the
//! arXiv stamp are exempt; white and unpainted shapes never reach the facts as paint.

use super::layout::{self, text_block};
use super::pages::pages_phrase;
use crate::pdf::{DocumentFacts, PageFacts, Rect};
use crate::profile::Profile;
use crate::report::{Check, CheckId, Finding, Object, Status};

/// Objects this close to each other (pt) on one side of a page make one finding.
const CLUSTER_GAP_PT: f64 = 24.0;
/// Text kept in a finding, in characters.
const FINDING_TEXT_CHARS: usize = 80;
/// Clusters an object is compared with, the latest first: the objects come sorted by
/// place, so a neighbour is among the recent ones, and a page of a million scattered
/// marks costs this many comparisons per mark, not a million.
const CLUSTERS_LOOKED_BACK: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Top => "top",
            Side::Bottom => "bottom",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum What {
    Text,
    Image,
    Graphics,
}

impl What {
    fn name(self) -> &'static str {
        match self {
            What::Text => "text",
            What::Image => "an image",
            What::Graphics => "a drawing",
        }
    }
}

impl What {
    fn object(self) -> Object {
        match self {
            What::Text => Object::Text,
            What::Image => Object::Image,
            What::Graphics => Object::Drawing,
        }
    }
}

/// One painted object outside the block.
#[derive(Clone, Debug)]
struct Outside {
    page: usize,
    what: What,
    side: Side,
    by_pt: f64,
    bbox: Rect,
    /// For text, the lines (indices into `PageFacts::lines`, in reading order) it is on.
    lines: Vec<usize>,
    /// For text, the first of those lines, whole, as a reader reads it (set once the
    /// page's objects are clustered).
    quote: Option<String>,
}

/// The first line an object is on, whole, as a reader reads it; never pieces of
/// several lines stitched together.
fn first_line_quote(page: &PageFacts, lines: &[usize]) -> Option<String> {
    let line = page.lines.get(*lines.first()?)?;
    let text: String = line.text.chars().take(FINDING_TEXT_CHARS).collect();
    Some(if line.text.chars().count() > FINDING_TEXT_CHARS {
        format!("{text}…")
    } else {
        text
    })
}

/// How far `bbox` (with `bottom_y` as its bottom edge) sticks out, and where most.
fn overflow(block: &Rect, bbox: &Rect, bottom_y: f64) -> (Side, f64) {
    [
        (Side::Left, block.x0 - bbox.x0),
        (Side::Right, bbox.x1 - block.x1),
        (Side::Top, bbox.y1 - block.y1),
        (Side::Bottom, block.y0 - bottom_y),
    ]
    .into_iter()
    .fold((Side::Left, f64::NEG_INFINITY), |best, cur| {
        if cur.1 > best.1 { cur } else { best }
    })
}

fn outside_on_page(page: &PageFacts, block: &Rect, ignore_pt: f64) -> Vec<Outside> {
    // The line each span is on, to quote whole lines.
    let mut line_of: Vec<Option<usize>> = vec![None; page.spans.len()];
    for (l, line) in page.lines.iter().enumerate() {
        for &s in &line.spans {
            if let Some(slot) = line_of.get_mut(s) {
                *slot = Some(l);
            }
        }
    }
    let mut out = Vec::new();
    let mut push = |what: What, bbox: Rect, bottom: f64, line: Option<usize>| {
        let (side, by_pt) = overflow(block, &bbox, bottom);
        if by_pt > ignore_pt {
            out.push(Outside {
                page: page.number,
                what,
                side,
                by_pt,
                bbox,
                lines: line.into_iter().collect(),
                quote: None,
            });
        }
    };
    for (i, s) in page.spans.iter().enumerate() {
        if !s.visible
            || layout::is_line_number(s, block)
            || layout::is_page_number(s, block)
            || layout::is_stamp(page, s)
        {
            continue;
        }
        let bottom = if s.upright { s.baseline_y() } else { s.bbox.y0 };
        push(What::Text, s.ink, bottom, line_of.get(i).copied().flatten());
    }
    for i in &page.images {
        push(What::Image, i.bbox, i.bbox.y0, None);
    }
    for p in page.paths.iter().filter(|p| !p.is_white()) {
        push(What::Graphics, p.bbox, p.bbox.y0, None);
    }
    out
}

/// Clusters nearby objects of one kind on one side of one page into findings.
fn cluster(mut items: Vec<Outside>) -> Vec<Outside> {
    // Unstable: no buffer of half a million objects for a page of scattered marks; the
    // order is still the same on every run.
    items.sort_unstable_by(|a, b| {
        (a.page, a.what, a.side)
            .cmp(&(b.page, b.what, b.side))
            .then(b.bbox.y1.total_cmp(&a.bbox.y1))
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    let mut clusters: Vec<Outside> = Vec::new();
    for item in items {
        let near = clusters
            .iter_mut()
            .rev()
            .take_while(|c| (c.page, c.what, c.side) == (item.page, item.what, item.side))
            .take(CLUSTERS_LOOKED_BACK)
            .find(|c| {
                c.bbox
                    .expand(CLUSTER_GAP_PT)
                    .intersect(&item.bbox)
                    .is_some()
            });
        match near {
            Some(c) => {
                c.bbox = c.bbox.union(&item.bbox);
                c.by_pt = c.by_pt.max(item.by_pt);
                for l in item.lines {
                    if let Err(at) = c.lines.binary_search(&l) {
                        c.lines.insert(at, l);
                    }
                }
            }
            None => clusters.push(item),
        }
    }
    clusters
}

pub fn margins(facts: &DocumentFacts, profile: &Profile) -> Check {
    let g = &profile.geometry;
    // Page by page, so only one page's objects are held before they are clustered.
    let mut found = Vec::new();
    for page in &facts.pages {
        found.extend(
            cluster(outside_on_page(
                page,
                &text_block(page, g),
                g.margin_ignore_pt,
            ))
            .into_iter()
            .map(|o| Outside {
                quote: first_line_quote(page, &o.lines),
                ..o
            }),
        );
    }
    let status_of = |o: &Outside| {
        if o.by_pt > g.margin_fail_pt {
            Status::Fail
        } else {
            Status::Warn
        }
    };
    // The worst object names the problem; at equal distance text is the clearer example.
    let rank = |o: &Outside| ((o.by_pt * 2.0).round(), o.what == What::Text);
    let Some(worst) = found.iter().max_by(|a, b| {
        let (ra, rb) = (rank(a), rank(b));
        ra.0.total_cmp(&rb.0).then(ra.1.cmp(&rb.1))
    }) else {
        return Check::new(
            CheckId::Margins,
            Status::Pass,
            format!(
                "everything stays inside the {:.1} × {:.1} in text block",
                g.block_width_pt / 72.0,
                g.block_height_pt / 72.0
            ),
        );
    };
    let status = status_of(worst);
    let mut pages: Vec<usize> = found
        .iter()
        .filter(|o| status_of(o) == status)
        .map(|o| o.page)
        .collect();
    pages.dedup();
    let message = format!(
        "{} extends {:.0} pt past the {} edge of the text block on {}",
        worst.what.name(),
        worst.by_pt,
        worst.side.name(),
        pages_phrase(&pages)
    );
    let hint = match status {
        Status::Fail => {
            "keep text, figures and tables inside the text block: scale wide figures to \\linewidth and do not change the style's margins"
        }
        _ => {
            "an overfull line: rephrase it, or let LaTeX hyphenate (\\sloppy for that paragraph as a last resort)"
        }
    };
    let mut check = Check::new(CheckId::Margins, status, message).with_hint(hint);
    let mut findings: Vec<(Status, Finding)> = found
        .iter()
        .map(|o| {
            let mut note = format!("{:.1} pt past the {} edge", o.by_pt, o.side.name());
            if o.lines.len() > 1 {
                note.push_str(&format!(", {} lines", o.lines.len()));
            }
            (
                status_of(o),
                Finding {
                    page: Some(o.page),
                    bbox: Some(o.bbox),
                    object: Some(o.what.object()),
                    text: o.quote.clone(),
                    note: Some(note),
                },
            )
        })
        .collect();
    findings.sort_by(|a, b| {
        a.1.page.cmp(&b.1.page).then_with(|| {
            let (ya, yb) = (
                a.1.bbox.map_or(0.0, |r| r.y1),
                b.1.bbox.map_or(0.0, |r| r.y1),
            );
            yb.total_cmp(&ya)
        })
    });
    check.findings = findings.into_iter().map(|(_, f)| f).collect();
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{Paint, PathBox, TextSpan};

    fn page_with(spans: Vec<TextSpan>, paths: Vec<PathBox>) -> DocumentFacts {
        DocumentFacts {
            page_count: 2,
            pages: vec![
                PageFacts {
                    number: 1,
                    width_pt: 612.0,
                    height_pt: 792.0,
                    ..PageFacts::default()
                },
                PageFacts {
                    number: 2,
                    width_pt: 612.0,
                    height_pt: 792.0,
                    spans,
                    paths,
                    ..PageFacts::default()
                },
            ],
            ..DocumentFacts::default()
        }
    }

    fn word(text: &str, x0: f64, x1: f64, baseline: f64) -> TextSpan {
        TextSpan {
            text: text.into(),
            font: 0,
            size_pt: 10.0,
            origin: (x0, baseline),
            bbox: Rect::new(x0, baseline - 2.2, x1, baseline + 6.8),
            ink: Rect::new(x0, baseline - 2.2, x1, baseline + 6.8),
            upright: true,
            visible: true,
            glyphs: text.len() as u32,
        }
    }

    fn status(facts: &DocumentFacts) -> Status {
        margins(facts, &crate::profile::builtin("snn-2022").unwrap()).status
    }

    #[test]
    fn tiers_at_four_and_ten_points() {
        // The block's right edge is at 504 pt.
        assert_eq!(
            status(&page_with(vec![word("ok", 400.0, 508.0, 400.0)], vec![])),
            Status::Pass
        );
        assert_eq!(
            status(&page_with(vec![word("over", 400.0, 508.1, 400.0)], vec![])),
            Status::Warn
        );
        assert_eq!(
            status(&page_with(vec![word("over", 400.0, 514.0, 400.0)], vec![])),
            Status::Warn
        );
        assert_eq!(
            status(&page_with(vec![word("over", 400.0, 514.1, 400.0)], vec![])),
            Status::Fail
        );
    }

    #[test]
    fn descenders_below_the_last_baseline_are_normal() {
        // The block's bottom on page 2 is at 792 - 72 - 648 = 72 pt.
        assert_eq!(
            status(&page_with(vec![word("gyp", 200.0, 230.0, 72.0)], vec![])),
            Status::Pass
        );
        assert_eq!(
            status(&page_with(vec![word("low", 200.0, 230.0, 66.0)], vec![])),
            Status::Warn
        );
        assert_eq!(
            status(&page_with(vec![word("low", 200.0, 230.0, 60.0)], vec![])),
            Status::Fail
        );
    }

    #[test]
    fn white_and_coloured_shapes() {
        let white = PathBox {
            bbox: Rect::new(0.0, 0.0, 612.0, 792.0),
            fill: Some(Paint::Rgb(255, 255, 255)),
            stroke: None,
        };
        assert_eq!(status(&page_with(vec![], vec![white])), Status::Pass);
        let grey = PathBox {
            bbox: Rect::new(90.0, 300.0, 520.0, 400.0),
            fill: Some(Paint::rgb(0.9, 0.9, 0.9)),
            stroke: None,
        };
        assert_eq!(status(&page_with(vec![], vec![grey])), Status::Fail);
    }

    #[test]
    fn line_numbers_and_page_numbers_are_exempt() {
        let lineno = word("12", 92.0, 98.0, 500.0);
        let page_number = word("2", 303.0, 308.0, 40.0);
        assert_eq!(
            status(&page_with(vec![lineno, page_number], vec![])),
            Status::Pass
        );
        // A word in the same place is not.
        assert_eq!(
            status(&page_with(vec![word("word", 80.0, 98.0, 500.0)], vec![])),
            Status::Fail
        );
    }

    #[test]
    fn findings_quote_the_whole_first_line_and_say_what_they_are() {
        // Two lines of three words each run past the right edge; a rule below them too.
        let spans = vec![
            word("Figure", 400.0, 450.0, 600.0),
            word("shows", 452.0, 490.0, 600.0),
            word("pruning.", 492.0, 540.0, 600.0),
            word("Second", 400.0, 450.0, 589.0),
            word("line", 452.0, 490.0, 589.0),
            word("overflows.", 492.0, 545.0, 589.0),
        ];
        let rule = PathBox {
            bbox: Rect::new(100.0, 300.0, 560.0, 301.0),
            fill: None,
            stroke: Some(Paint::Rgb(0, 0, 0)),
        };
        let mut facts = page_with(spans, vec![rule]);
        let page = &mut facts.pages[1];
        page.lines = crate::pdf::text::build_lines(&page.spans);
        let check = margins(&facts, &crate::profile::builtin("snn-2022").unwrap());
        let found: Vec<(Option<Object>, Option<&str>, Option<&str>)> = check
            .findings
            .iter()
            .map(|f| (f.object, f.text.as_deref(), f.note.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(Object::Text),
                    Some("Figure shows pruning."),
                    Some("41.0 pt past the right edge, 2 lines")
                ),
                (
                    Some(Object::Drawing),
                    None,
                    Some("56.0 pt past the right edge")
                ),
            ],
            "text reading \"Figure\" is text, quoted from its line's start; the rule is a drawing"
        );
    }

    #[test]
    fn neighbouring_lines_make_one_finding() {
        let spans = (0..10)
            .map(|i| word("long", 400.0, 540.0, 600.0 - 11.0 * f64::from(i)))
            .collect();
        let check = margins(
            &page_with(spans, vec![]),
            &crate::profile::builtin("snn-2022").unwrap(),
        );
        assert_eq!(check.status, Status::Fail);
        assert_eq!(check.findings.len(), 1);
        assert_eq!(
            check.message,
            "text extends 36 pt past the right edge of the text block on page 2"
        );
    }
}
