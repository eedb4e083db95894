//! Diagnoses (issue 12): when one cause explains several symptoms, the report names the
//! cause once. Each case is a PDF built in the test with the trait it diagnoses.

mod common;

use common::{PageSpec, PdfBuilder, Resources};
use precheck::{Options, Report, Status};

const A4: [f64; 4] = [0.0, 0.0, 595.28, 841.89];

/// A page of body text as the NeurIPS template sets it on Letter (10 pt Times, lines
/// from x 108 to 504, 11 pt apart), drawn through `cm` (the identity on Letter, or a
/// shrink onto A4).
fn template_page(cm: &str) -> String {
    let mut content = format!("q {cm} cm BT /F1 10 Tf\n");
    for line in 0..55 {
        let y = 700.0 - 11.0 * f64::from(line);
        // Eleven words a line, the last ending at the block's right edge.
        for word in 0..11 {
            let x = 108.0 + 37.1 * f64::from(word);
            content.push_str(&format!("1 0 0 1 {x:.2} {y:.2} Tm (sparse) Tj\n"));
        }
    }
    content.push_str("ET Q\n");
    content
}

fn check_pages(media_box: [f64; 4], cm: &str, pages: usize) -> Report {
    let mut b = PdfBuilder::new();
    let font = b.std14_font("Times-Roman");
    for _ in 0..pages {
        let resources = Resources::new().font("F1", font).build();
        b = b.page(
            PageSpec::new(template_page(cm))
                .media_box(Some(media_box))
                .resources(resources),
        );
    }
    precheck::check(Some(&b.build()), &Options::default()).expect("a report")
}

fn status(r: &Report, id: &str) -> Status {
    r.check(id).map(|c| c.status).expect("the check")
}

#[test]
fn a_letter_paper_shrunk_onto_a4_is_one_page_size_failure_that_names_the_scaling() {
    // "Fit to page": 612 × 792 scaled by 595.28 / 612 and centred on A4.
    let s = 595.28 / 612.0;
    let dy = (841.89 - 792.0 * s) / 2.0;
    let r = check_pages(A4, &format!("{s:.5} 0 0 {s:.5} 0 {dy:.3}"), 3);
    let size = r.check("page-size").expect("page-size");
    assert_eq!(size.status, Status::Fail);
    assert!(
        size.message
            .contains("shrunk to 97 % to fit (the body text is 9.73 pt, 10 pt × 0.973)"),
        "{}",
        size.message
    );
    assert_eq!(
        status(&r, "margins"),
        Status::Pass,
        "{:?}",
        r.check("margins")
    );
    assert_eq!(status(&r, "font-size"), Status::Pass);
    assert!(
        r.check("font-size")
            .unwrap()
            .message
            .contains("shrunk with the page")
    );
    let failing: Vec<&str> = r
        .checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.id.as_str())
        .collect();
    // Letter text set on Letter passes these; Times-Roman is not embedded here.
    assert_eq!(failing, ["page-size", "fonts-embedded"]);
}

#[test]
fn a_paper_set_on_a4_itself_is_not_taken_for_a_shrunk_one() {
    // The same text at 10 pt, unscaled, on A4: the block is where Letter's would be.
    let r = check_pages(A4, "1 0 0 1 0 0", 3);
    let size = r.check("page-size").expect("page-size");
    assert_eq!(size.status, Status::Fail);
    assert!(!size.message.contains("shrunk"), "{}", size.message);
}

/// Pages of 10 pt Times: `columns` columns of full lines between `left` and `right`
/// (a gutter of `gutter` pt between columns), 55 lines from baseline `top` down.
fn laid_out(columns: usize, left: f64, right: f64, gutter: f64, top: f64) -> String {
    let cols = columns as f64;
    let width = (right - left - gutter * (cols - 1.0)) / cols;
    let mut content = String::from("BT /F1 10 Tf\n");
    for line in 0..55 {
        let y = top - 11.0 * f64::from(line);
        for c in 0..columns {
            let x0 = left + (width + gutter) * c as f64;
            // Words 24.99 pt wide ("sparse" in Times at 10 pt), spread to fill the line.
            let words = (width / 33.0).floor().max(1.0) as usize;
            let step = (width - 24.99) / (words as f64 - 1.0).max(1.0);
            for w in 0..words {
                let x = x0 + step * w as f64;
                content.push_str(&format!("1 0 0 1 {x:.2} {y:.2} Tm (sparse) Tj\n"));
            }
        }
    }
    content.push_str("ET\n");
    content
}

fn check_layout(media_box: [f64; 4], content: &str, pages: usize) -> Report {
    let mut b = PdfBuilder::new();
    let font = b.std14_font("Times-Roman");
    for _ in 0..pages {
        let resources = Resources::new().font("F1", font).build();
        b = b.page(
            PageSpec::new(content.to_string())
                .media_box(Some(media_box))
                .resources(resources),
        );
    }
    precheck::check(Some(&b.build()), &Options::default()).expect("a report")
}

const LETTER: [f64; 4] = [0.0, 0.0, 612.0, 792.0];

#[test]
fn a_wider_block_is_named_as_changed_margins_with_one_finding_per_page() {
    // 6.5 in wide from 1 in: what \usepackage{fullpage} does.
    let r = check_layout(LETTER, &laid_out(1, 72.0, 540.0, 0.0, 700.0), 4);
    let margins = r.check("margins").expect("margins");
    assert_eq!(margins.status, Status::Fail);
    assert!(
        margins.message.starts_with(
            "the text block is 6.5 × 8.4 in; the template's is 5.5 × 9.0 in: the margins were changed"
        ),
        "{}",
        margins.message
    );
    // 55 lines past both edges on each page: one finding per page, not 110.
    assert_eq!(margins.findings.len(), 4, "{:?}", margins.findings);
    assert_eq!(
        margins.findings[0].note.as_deref(),
        Some("2 places outside the block, the farthest 36.0 pt past the right edge")
    );
    let block = r.document.measured_block.expect("the measured block");
    assert_eq!((block.x0, block.x1), (72.0, 540.0));
}

#[test]
fn two_columns_on_a4_are_named_as_another_templates_layout() {
    // ACL-like: two columns 7.7 mm apart on A4, 6.3 in wide.
    let r = check_layout(A4, &laid_out(2, 70.9, 526.2, 21.8, 770.0), 3);
    let margins = r.check("margins").expect("margins");
    assert_eq!(margins.status, Status::Fail);
    assert!(
        margins.message.starts_with(
            "the pages are set in two columns on A4 paper, another template's layout: the running text fills 6.3 × 8.4 in where the NeurIPS 2022 template's block is 5.5 × 9.0 in"
        ),
        "{}",
        margins.message
    );
    assert_eq!(margins.findings.len(), 3);
}

#[test]
fn the_template_block_has_no_measured_block_and_per_object_findings() {
    let r = check_layout(LETTER, &laid_out(1, 108.0, 504.0, 0.0, 710.0), 3);
    assert_eq!(r.check("margins").map(|c| c.status), Some(Status::Pass));
    assert_eq!(r.document.measured_block, None);
}
