//! Page maps (`layout: true`): what each page holds, for drawing it as the author sees
//! it — every text line at its place and size with its text, images and drawings as
//! boxes. Opt-in, so the CLI's JSON stays small, and bounded by `Limits::map_items`
//! and `Limits::map_chars` whatever the PDF holds; what is left out is counted.

use crate::limits::Limits;
use crate::pdf::geom::round2;
use crate::pdf::{DocumentFacts, Rect};
use serde::Serialize;

/// Characters of one line's text kept on a map.
const LINE_CHARS: usize = 200;
/// Drawings smaller than this (pt, both sides) are left off a map: a plot's markers
/// and a table's hairline joints would outnumber everything a reader sees.
const MIN_DRAWING_PT: f64 = 2.0;

/// One text line: its box, baseline and size in points (origin bottom-left), its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapLine {
    pub bbox: Rect,
    pub baseline: f64,
    pub size: f64,
    /// Empty once the report's text budget is spent.
    pub text: String,
}

/// What one page holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageMap {
    pub page: usize,
    pub lines: Vec<MapLine>,
    pub images: Vec<Rect>,
    pub drawings: Vec<Rect>,
    /// Lines, images and drawings left off this page's map past the report's budget.
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// The maps of every page read, in page order, within the budgets.
pub fn page_maps(facts: &DocumentFacts, limits: &Limits) -> Vec<PageMap> {
    let mut items = limits.map_items;
    let mut chars = limits.map_chars;
    let mut take = || {
        let ok = items > 0;
        items = items.saturating_sub(1);
        ok
    };
    let mut maps = Vec::with_capacity(facts.pages.len());
    for page in &facts.pages {
        let mut map = PageMap {
            page: page.number,
            lines: Vec::new(),
            images: Vec::new(),
            drawings: Vec::new(),
            unlisted: 0,
        };
        for line in &page.lines {
            if !take() {
                map.unlisted = map.unlisted.saturating_add(1);
                continue;
            }
            let text = clip(&line.text, LINE_CHARS);
            let n = text.chars().count();
            let text = if n <= chars {
                chars = chars.saturating_sub(n);
                text
            } else {
                chars = 0;
                String::new()
            };
            map.lines.push(MapLine {
                bbox: line.bbox,
                baseline: round2(line.baseline_y),
                size: round2(line.size_pt),
                text,
            });
        }
        for image in &page.images {
            if take() {
                map.images.push(image.bbox);
            } else {
                map.unlisted = map.unlisted.saturating_add(1);
            }
        }
        for path in page.paths.iter().filter(|p| !p.is_white()) {
            if path.bbox.width() < MIN_DRAWING_PT && path.bbox.height() < MIN_DRAWING_PT {
                continue;
            }
            if take() {
                map.drawings.push(path.bbox);
            } else {
                map.unlisted = map.unlisted.saturating_add(1);
            }
        }
        maps.push(map);
    }
    maps
}
