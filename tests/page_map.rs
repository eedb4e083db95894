//! Page maps (`layout: true`, issue 13): each page's lines, images and drawings in the
//! report when asked for, never otherwise, and within the report's map budgets.

mod common;

use common::{PageSpec, PdfBuilder, Resources};
use precheck::{Limits, Options};

fn paper(pages: usize, lines: usize) -> Vec<u8> {
    let mut b = PdfBuilder::new();
    let font = b.std14_font("Times-Roman");
    for _ in 0..pages {
        let mut content = String::from("BT /F1 10 Tf\n");
        for l in 0..lines {
            let y = 700.0 - 11.0 * l as f64;
            content.push_str(&format!(
                "1 0 0 1 108 {y} Tm (Line {l} of running text.) Tj\n"
            ));
        }
        content.push_str("ET 0 0 1 rg 120 100 200 50 re f\n");
        let resources = Resources::new().font("F1", font).build();
        b = b.page(PageSpec::new(content).resources(resources));
    }
    b.build()
}

fn with_layout() -> Options {
    Options {
        layout: true,
        ..Options::default()
    }
}

#[test]
fn no_maps_unless_asked_for() {
    let r = precheck::check(Some(&paper(2, 5)), &Options::default()).expect("a report");
    assert!(r.layout.is_none());
    let json = serde_json::to_string(&r).expect("JSON");
    assert!(!json.contains("\"layout\""));
}

#[test]
fn each_page_map_holds_the_engines_lines_and_shapes() {
    let bytes = paper(3, 12);
    let facts = precheck::pdf::read(&bytes, &Limits::default()).expect("reads");
    let r = precheck::check(Some(&bytes), &with_layout()).expect("a report");
    let maps = r.layout.expect("maps");
    assert_eq!(maps.len(), 3);
    for (map, page) in maps.iter().zip(&facts.pages) {
        assert_eq!(map.page, page.number);
        assert_eq!(map.lines.len(), page.lines.len());
        assert_eq!(map.lines.len(), 12);
        assert_eq!(map.drawings.len(), 1);
        assert_eq!(map.unlisted, 0);
    }
    let first = &maps[0].lines[0];
    assert_eq!(first.text, "Line 0 of running text.");
    assert_eq!((first.baseline, first.size), (700.0, 10.0));
}

#[test]
fn the_maps_stay_within_their_budgets_and_count_the_rest() {
    let limits = Limits {
        map_items: 20,
        map_chars: 50,
        ..Limits::default()
    };
    let r = precheck::check_with_limits(Some(&paper(3, 12)), &with_layout(), &limits)
        .expect("a report");
    let maps = r.layout.expect("maps");
    let drawn: usize = maps
        .iter()
        .map(|m| m.lines.len() + m.images.len() + m.drawings.len())
        .sum();
    let unlisted: usize = maps.iter().map(|m| m.unlisted).sum();
    assert_eq!(drawn, 20);
    assert_eq!(drawn + unlisted, 3 * 13);
    let chars: usize = maps
        .iter()
        .flat_map(|m| &m.lines)
        .map(|l| l.text.chars().count())
        .sum();
    assert!(chars <= 50, "{chars}");
    // Lines past the text budget keep their place without their text.
    assert!(maps[0].lines.iter().any(|l| l.text.is_empty()));
}
