//! `margins` (SPEC §3): everything painted stays inside the template's text block.
//! Up to `margin_ignore_pt` outside is ignored, up to `margin_fail_pt` warns (an
//! overfull line), beyond fails. The block's bottom edge is the last baseline, so
//! text is measured there by its line's baseline (a subscript hangs below it); line numbers, the page number and the
//! arXiv stamp are exempt; white and unpainted shapes never reach the facts as paint.

use super::layout::{self, MeasuredBlock, text_block};
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
    /// Where it is taken in turn when clustering: its line's top for text on a line
    /// (ink tops differ word by word, and a line must be gathered left to right before
    /// the next), else its own top.
    order_y: f64,
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
            let order_y = line
                .and_then(|l| page.lines.get(l))
                .map_or(bbox.y1, |l| l.bbox.y1);
            out.push(Outside {
                page: page.number,
                what,
                side,
                by_pt,
                bbox,
                order_y,
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
        let line = line_of.get(i).copied().flatten();
        // The bottom edge holds baselines of lines: a script hangs below its line's.
        let bottom = match line.and_then(|l| page.lines.get(l)) {
            Some(l) if s.upright => l.baseline_y.max(s.baseline_y()),
            _ if s.upright => s.baseline_y(),
            _ => s.bbox.y0,
        };
        push(What::Text, s.ink, bottom, line);
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
            .then(b.order_y.total_cmp(&a.order_y))
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

/// Why the text is outside the template's block, when one cause explains it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// The running text fills a bigger block than the template's, in one column.
    MarginsChanged(MeasuredBlock),
    /// The pages are laid out as another template lays them out (what it looks like).
    OtherLayout(MeasuredBlock, String),
}

impl Cause {
    pub fn block(&self) -> &MeasuredBlock {
        match self {
            Cause::MarginsChanged(b) | Cause::OtherLayout(b, _) => b,
        }
    }
}

/// `7.0 × 9.0 in`, from a width and height in points.
fn inches(width_pt: f64, height_pt: f64) -> String {
    format!("{:.1} × {:.1} in", width_pt / 72.0, height_pt / 72.0)
}

/// The cause the measured block shows, if any: another layout (columns, other paper),
/// or margins changed (an edge of the running text outward of the template's block).
pub fn cause(
    facts: &DocumentFacts,
    profile: &Profile,
    measured: Option<&MeasuredBlock>,
) -> Option<Cause> {
    let g = &profile.geometry;
    let m = measured?;
    let page = facts.pages.get(1).or(facts.pages.first())?;
    let block = text_block(page, g);
    let tol = layout::BLOCK_TOLERANCE_PT;
    let r = &m.rect;
    let outward = r.x0 < block.x0 - tol
        || r.x1 > block.x1 + tol
        || r.y1 > block.y1 + tol
        || r.y0 < block.y0 - tol;
    let mut looks = Vec::new();
    if m.columns > 1 {
        let n = match m.columns {
            2 => "two".to_string(),
            3 => "three".to_string(),
            n => n.to_string(),
        };
        looks.push(format!("in {n} columns"));
    }
    if !layout::has_template_size(page, g) {
        looks.push(format!(
            "on {} paper",
            super::pages::paper_name(page.width_pt, page.height_pt)
        ));
    }
    if !looks.is_empty() {
        return Some(Cause::OtherLayout(m.clone(), looks.join(" ")));
    }
    outward.then(|| Cause::MarginsChanged(m.clone()))
}

pub fn margins(facts: &DocumentFacts, profile: &Profile, cause: Option<&Cause>) -> Check {
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
    let worse = |a: &&Outside, b: &&Outside| {
        let (ra, rb) = (rank(a), rank(b));
        ra.0.total_cmp(&rb.0).then(ra.1.cmp(&rb.1))
    };
    let template_block = inches(g.block_width_pt, g.block_height_pt);
    let Some(worst) = found.iter().max_by(worse) else {
        return Check::new(
            CheckId::Margins,
            Status::Pass,
            format!("everything stays inside the {template_block} text block"),
        );
    };
    let status = status_of(worst);
    let mut pages: Vec<usize> = found
        .iter()
        .filter(|o| status_of(o) == status)
        .map(|o| o.page)
        .collect();
    pages.dedup();
    let symptom = format!(
        "{} extends {:.0} pt past the {} edge of the text block on {}",
        worst.what.name(),
        worst.by_pt,
        worst.side.name(),
        pages_phrase(&pages)
    );
    let (message, hint) = match cause {
        None => (
            symptom,
            match status {
                Status::Fail => "keep text, figures and tables inside the text block: scale wide figures to \\linewidth and do not change the style's margins",
                _ => "an overfull line: rephrase it, or let LaTeX hyphenate (\\sloppy for that paragraph as a last resort)",
            }
            .to_string(),
        ),
        Some(Cause::MarginsChanged(m)) => (
            format!(
                "the text block is {}; the template's is {template_block}: the margins were changed (e.g. by the geometry or fullpage package), so {}",
                inches(m.rect.width(), m.rect.height()),
                lowercase_first(&symptom)
            ),
            "remove \\usepackage{geometry}, fullpage and any change to \\textwidth, \\textheight or the margins: neurips_2022.sty sets them".to_string(),
        ),
        Some(Cause::OtherLayout(m, looks)) => (
            format!(
                "the pages are set {looks}, another template's layout: the running text fills {} where the {} template's block is {template_block}, so it falls outside on {}",
                inches(m.rect.width(), m.rect.height()),
                profile.template.name,
                pages_phrase(&pages)
            ),
            format!(
                "set the paper with the {} style files (one column, {template_block} on US Letter)",
                profile.template.name
            ),
        ),
    };
    let mut check = Check::new(CheckId::Margins, status, message).with_hint(hint);
    let finding = |o: &Outside| {
        let mut note = format!("{:.1} pt past the {} edge", o.by_pt, o.side.name());
        if o.lines.len() > 1 {
            note.push_str(&format!(", {} lines", o.lines.len()));
        }
        Finding {
            page: Some(o.page),
            bbox: Some(o.bbox),
            object: Some(o.what.object()),
            text: o.quote.clone(),
            note: Some(note),
        }
    };
    let mut findings: Vec<Finding> = match cause {
        None => found.iter().map(finding).collect(),
        // One cause: one finding per page, the page's worst object named.
        Some(_) => {
            let mut per_page: Vec<Finding> = Vec::new();
            for page in found.chunk_by(|a, b| a.page == b.page) {
                let Some(worst) = page.iter().max_by(worse) else {
                    continue;
                };
                let bbox = page
                    .iter()
                    .skip(1)
                    .fold(page.first().map(|o| o.bbox), |acc, o| {
                        acc.map(|r| r.union(&o.bbox))
                    });
                let mut f = finding(worst);
                f.bbox = bbox;
                f.note = Some(format!(
                    "{} outside the block, the farthest {:.1} pt past the {} edge",
                    super::pages::count_phrase(page.len(), "place"),
                    worst.by_pt,
                    worst.side.name()
                ));
                per_page.push(f);
            }
            per_page
        }
    };
    findings.sort_by(|a, b| {
        a.page.cmp(&b.page).then_with(|| {
            let (ya, yb) = (a.bbox.map_or(0.0, |r| r.y1), b.bbox.map_or(0.0, |r| r.y1));
            yb.total_cmp(&ya)
        })
    });
    check.findings = findings;
    check
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
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
        margins(facts, &crate::profile::builtin("snn-2022").unwrap(), None).status
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
        let check = margins(&facts, &crate::profile::builtin("snn-2022").unwrap(), None);
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
            None,
        );
        assert_eq!(check.status, Status::Fail);
        assert_eq!(check.findings.len(), 1);
        assert_eq!(
            check.message,
            "text extends 36 pt past the right edge of the text block on page 2"
        );
    }
}
