//! Facts read from the project's fixture PDFs, each figure checked against poppler
//! (`pdfinfo`, `pdffonts`, `pdftotext`) when the test was written.

use precheck::Limits;
use precheck::pdf::{self, DocumentFacts, ReadError};

fn read(name: &str) -> Result<DocumentFacts, ReadError> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    pdf::read(&bytes, &Limits::default())
}

fn facts(name: &str) -> DocumentFacts {
    read(name).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The fonts of the pdfLaTeX fixtures (pdffonts: all Type 1, embedded, subset).
const PDFLATEX_FONTS: [&str; 9] = [
    "CMMI10",
    "CMMI7",
    "CMR10",
    "CMR7",
    "CMSY10",
    "NimbusMonL-Regu",
    "NimbusRomNo9L-Medi",
    "NimbusRomNo9L-Regu",
    "NimbusRomNo9L-ReguItal",
];

fn font_names(f: &DocumentFacts) -> Vec<&str> {
    f.fonts.iter().map(|x| x.name.as_str()).collect()
}

fn assert_letter_pages(f: &DocumentFacts, pages: usize) {
    assert_eq!(f.page_count, pages);
    assert_eq!(f.pages.len(), pages);
    for p in &f.pages {
        assert!(
            (p.width_pt - 612.0).abs() < 0.01 && (p.height_pt - 792.0).abs() < 0.01,
            "page {} is {}x{}",
            p.number,
            p.width_pt,
            p.height_pt
        );
    }
}

#[test]
fn pdflatex_fixtures_match_pdfinfo_and_pdffonts() {
    let cases = [
        ("ok_final.pdf", 5),
        ("ok_objstreams.pdf", 5),
        ("arxiv_2020.pdf", 5),
        ("arxiv_2022.pdf", 5),
        ("abstract_too_long.pdf", 5),
        ("long_5_pages.pdf", 6),
        ("long_7_pages.pdf", 7),
        ("margins_narrow.pdf", 5),
        ("margins_figure_bleed.pdf", 5),
        ("ok_preprint_appendix.pdf", 8),
        ("template_2021.pdf", 5),
        ("twocolumn_other_template.pdf", 5),
        ("encrypted_owner_only.pdf", 5),
    ];
    for (name, pages) in cases {
        let f = facts(name);
        assert_letter_pages(&f, pages);
        assert_eq!(font_names(&f), PDFLATEX_FONTS, "{name}");
        for font in &f.fonts {
            assert_eq!(font.subtype, "Type1", "{name} {}", font.name);
            assert!(font.embedded && font.subset, "{name} {}", font.name);
            assert!(font.glyphs > 0, "{name} {}", font.name);
        }
    }
}

#[test]
fn body_text_dominates_the_glyph_counts() {
    let f = facts("ok_final.pdf");
    let regular = f
        .fonts
        .iter()
        .find(|x| x.name == "NimbusRomNo9L-Regu")
        .map(|x| x.glyphs)
        .unwrap_or(0);
    let total: u64 = f.fonts.iter().map(|x| x.glyphs).sum();
    assert!(regular * 10 > total * 9, "{regular} of {total}");
}

#[test]
fn submission_mode_adds_the_sans_serif_line_numbers() {
    let f = facts("ok_submission_lineno.pdf");
    assert_letter_pages(&f, 5);
    assert!(font_names(&f).contains(&"NimbusSanL-Regu"));
}

#[test]
fn non_embedded_times_is_reported_as_such() {
    let f = facts("font_not_embedded.pdf");
    for name in ["Times-Roman", "Times-Bold"] {
        let font = f
            .fonts
            .iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert!(!font.embedded && !font.subset);
        assert_eq!(font.subtype, "Type1");
    }
    assert!(
        f.fonts
            .iter()
            .filter(|x| !x.name.starts_with("Times-"))
            .all(|x| x.embedded)
    );
}

#[test]
fn computer_modern_and_nine_point_fixtures_use_other_fonts() {
    assert_eq!(
        font_names(&facts("font_computer_modern.pdf")),
        [
            "CMBX12", "CMMI10", "CMMI7", "CMR10", "CMR7", "CMR8", "CMSY10", "CMTI10", "CMTT10"
        ]
    );
    assert_eq!(
        font_names(&facts("font_9pt.pdf")),
        [
            "CMMI6",
            "CMMI9",
            "CMR6",
            "CMR9",
            "CMSY9",
            "NimbusMonL-Regu",
            "NimbusRomNo9L-Medi",
            "NimbusRomNo9L-Regu",
            "NimbusRomNo9L-ReguItal"
        ]
    );
}

#[test]
fn type3_fonts_count_as_embedded() {
    let f = facts("font_type3.pdf");
    let type3: Vec<_> = f.fonts.iter().filter(|x| x.subtype == "Type3").collect();
    assert_eq!(type3.len(), 1);
    assert!(type3.iter().all(|x| x.embedded && x.glyphs > 0));
}

#[test]
fn lualatex_fonts_are_cid_fonts() {
    let f = facts("lualatex_termes.pdf");
    for name in [
        "TeXGyreTermes-Regular",
        "TeXGyreTermes-Bold",
        "TeXGyreTermes-Italic",
        "TeXGyreCursor-Regular",
    ] {
        let font = f
            .fonts
            .iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(font.subtype, "Type0");
        assert_eq!(font.descendant.as_deref(), Some("CIDFontType0"));
        assert!(font.embedded);
    }
}

#[test]
fn a4_and_a0_page_sizes() {
    let a4 = facts("paper_a4.pdf");
    assert!(
        a4.pages
            .iter()
            .all(|p| (p.width_pt - 595.28).abs() < 0.01 && (p.height_pt - 841.89).abs() < 0.01)
    );
    let a0 = facts("poster_a0.pdf");
    assert_eq!(a0.page_count, 1);
    let p = &a0.pages[0];
    assert!((p.width_pt - 2383.94).abs() < 0.01 && (p.height_pt - 3370.39).abs() < 0.01);
}

#[test]
fn arxiv_stamps_are_parsed() {
    let f = facts("arxiv_2020.pdf");
    let a = f.arxiv.expect("stamp");
    assert_eq!(
        (
            a.id.as_str(),
            a.version,
            a.category.as_deref(),
            a.date.as_deref()
        ),
        ("2006.04567", Some(2), Some("cs.LG"), Some("2020-10-12"))
    );
    assert_eq!(a.first_month(), Some((2020, 6)));
    let f = facts("arxiv_2022.pdf");
    let a = f.arxiv.expect("stamp");
    assert_eq!(
        (
            a.id.as_str(),
            a.version,
            a.category.as_deref(),
            a.date.as_deref()
        ),
        ("2203.01234", Some(1), Some("cs.LG"), Some("2022-03-02"))
    );
    assert!(facts("ok_final.pdf").arxiv.is_none());
}

#[test]
fn venue_notices_as_printed() {
    let cases = [
        (
            "ok_final.pdf",
            "36th Conference on Neural Information Processing Systems (NeurIPS 2022).",
        ),
        ("ok_preprint_appendix.pdf", "Preprint. Under review."),
        (
            "ok_submission_lineno.pdf",
            "Submitted to 36th Conference on Neural Information Processing Systems (NeurIPS 2022). Do not distribute.",
        ),
        (
            "template_2021.pdf",
            "35th Conference on Neural Information Processing Systems (NeurIPS 2021), Sydney, Australia.",
        ),
        (
            "twocolumn_other_template.pdf",
            "Proceedings of the 39th International Conference on Machine Learning, Baltimore, Maryland, USA, PMLR 162, 2022.",
        ),
    ];
    for (name, notice) in cases {
        assert_eq!(facts(name).notice.as_deref(), Some(notice), "{name}");
    }
}

#[test]
fn a_user_password_is_recognised() {
    assert_eq!(
        read("encrypted_password.pdf").err(),
        Some(ReadError::NeedsPassword)
    );
}

#[test]
fn owner_password_only_opens_and_reads_text() {
    let f = facts("encrypted_owner_only.pdf");
    assert!(f.encrypted);
    assert!(f.pages[0].lines.iter().any(|l| {
        l.text
            .contains("Conference on Neural Information Processing Systems")
    }));
}

#[test]
fn a_truncated_file_is_damaged_not_a_panic() {
    // poppler: "Couldn't find trailer dictionary"; the page tree was in the cut-off 40 %.
    assert!(matches!(
        read("truncated.pdf"),
        Err(ReadError::Damaged(_) | ReadError::NoPages)
    ));
}

#[test]
fn not_a_pdf() {
    assert_eq!(
        pdf::read(b"GIF89a this is an image", &Limits::default()).err(),
        Some(ReadError::NotPdf)
    );
    assert_eq!(
        pdf::read(b"", &Limits::default()).err(),
        Some(ReadError::NotPdf)
    );
}

#[test]
fn metadata_from_the_info_dictionary() {
    // pdfinfo: Creator TeX, Producer pdfTeX-1.40.24, CreationDate 2022-07-01.
    let f = facts("ok_final.pdf");
    assert_eq!(f.info.producer.as_deref(), Some("pdfTeX-1.40.24"));
    assert_eq!(f.info.creator.as_deref(), Some("TeX"));
    assert_eq!(f.info.created.as_deref(), Some("2022-07-01"));
    assert_eq!(f.pdf_version, "1.5");
}

#[test]
fn text_lines_read_in_order() {
    // pdftotext: page 1 ends with the notice and the page number "1".
    let f = facts("ok_final.pdf");
    let last = f.pages[0].lines.last().expect("lines");
    assert_eq!(last.text, "1");
    let abstract_heading = f.pages[0].lines.iter().position(|l| l.text == "Abstract");
    assert!(abstract_heading.is_some());
}
