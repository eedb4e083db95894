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
