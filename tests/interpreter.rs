//! The content-stream interpreter on PDFs built in the test: each one draws a glyph,
//! path or image at a known place and checks the position (±0.5 pt) and size
//! (±0.01 pt) `precheck::pdf::read` reports, in page space.
//!
//! Helvetica advance widths used below (AFM, 1/1000 em): A 667, B 667, space 278,
//! H 722, e 556, l 222, o 556, w 722, r 333, d 556, L 556, f 278, t 278;
//! ascender 718, descender -207. Times-Roman: a 444, b 500, c 444.

mod common;

use common::*;
use lopdf::{Dictionary, Object, Stream, dictionary};
use precheck::limits::{Limit, Limits};
use precheck::pdf::{self, DocumentFacts, PageFacts, Paint, TextSpan};

fn page(facts: &DocumentFacts) -> &PageFacts {
    facts.pages.first().expect("one page")
}

fn only_span(facts: &DocumentFacts) -> &TextSpan {
    let spans = &page(facts).spans;
    assert_eq!(spans.len(), 1, "spans: {spans:#?}");
    &spans[0]
}

fn span_texts(facts: &DocumentFacts) -> Vec<&str> {
    page(facts).spans.iter().map(|s| s.text.as_str()).collect()
}

// Text position and size.

#[test]
fn glyph_under_cm_and_tm_lands_at_its_page_position_and_size() {
    let f = one_page_helvetica("2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 50 300 Tm (A) Tj ET");
    let s = only_span(&f);
    assert_eq!(s.text, "A");
    assert_eq!(s.glyphs, 1);
    assert_pos(s.origin, (100.0, 600.0), "origin");
    assert_size(s.size_pt, 20.0, "size");
    // 667/1000 × 20 wide, from the descender (-207) to the ascender (718).
    assert_size(s.bbox.width(), 13.34, "box width");
    assert_rect(s.bbox, [100.0, 595.86, 113.34, 614.36], "box");
    assert!(s.upright && s.visible);
    assert_eq!(f.fonts.len(), 1);
    assert_eq!(f.fonts[0].name, "Helvetica");
    assert_eq!(f.fonts[0].subtype, "Type1");
    assert!(!f.fonts[0].embedded);
    assert_eq!(f.fonts[0].glyphs, 1);
}

#[test]
fn text_matrix_scaling_multiplies_the_size() {
    let f = one_page_helvetica("BT /F1 10 Tf 1.5 0 0 1.5 100 100 Tm (A) Tj ET");
    let s = only_span(&f);
    assert_pos(s.origin, (100.0, 100.0), "origin");
    assert_size(s.size_pt, 15.0, "size");
    assert_size(s.bbox.width(), 10.005, "box width");
}

#[test]
fn horizontal_only_scaling_keeps_the_size_and_widens_the_glyph() {
    // The size is the vertical scale: a text matrix stretched along x only keeps 10 pt.
    let f = one_page_helvetica("BT /F1 10 Tf 2 0 0 1 100 100 Tm (A) Tj ET");
    let s = only_span(&f);
    assert_size(s.size_pt, 10.0, "size");
    assert_size(s.bbox.width(), 13.34, "box width");
}

#[test]
fn td_and_t_star_move_by_the_leading() {
    let f = one_page_helvetica(
        "BT /F1 10 Tf 12 TL 100 700 Td (A) Tj T* (B) Tj 0 -30 TD (A) Tj T* (B) Tj ET",
    );
    let origins: Vec<_> = page(&f).spans.iter().map(|s| s.origin).collect();
    assert_eq!(origins.len(), 4, "{:#?}", page(&f).spans);
    assert_pos(origins[0], (100.0, 700.0), "first line");
    assert_pos(origins[1], (100.0, 688.0), "T* with 12 TL");
    assert_pos(origins[2], (100.0, 658.0), "TD");
    // TD set the leading to 30.
    assert_pos(origins[3], (100.0, 628.0), "T* after TD");
}

// TJ, Tc, Tw, Tz.

#[test]
fn tj_adjustment_of_one_em_splits_the_span() {
    // B starts after A's advance (6.67) and one em of 10 pt.
    let f = one_page_helvetica("BT /F1 10 Tf 100 700 Td [(A) -1000 (B)] TJ ET");
    assert_eq!(span_texts(&f), ["A", "B"]);
    let spans = &page(&f).spans;
    assert_pos(spans[0].origin, (100.0, 700.0), "A");
    assert_size(spans[0].bbox.width(), 6.67, "A width");
    assert_pos(spans[1].origin, (116.67, 700.0), "B");
    assert_size(spans[1].bbox.x0 - spans[0].bbox.x1, 10.0, "gap");
}

#[test]
fn small_tj_kerns_keep_one_span() {
    // -20/1000 em loosens by 0.2 pt; 80/1000 em tightens by 0.8 pt.
    let f = one_page_helvetica("BT /F1 10 Tf 100 700 Td [(A) -20 (B)] TJ ET");
    let s = only_span(&f);
    assert_eq!(s.text, "AB");
    assert_eq!(s.glyphs, 2);
    assert_size(s.bbox.width(), 13.54, "loose kern width");

    let f = one_page_helvetica("BT /F1 10 Tf 100 700 Td [(A) 80 (B)] TJ ET");
    let s = only_span(&f);
    assert_eq!(s.text, "AB");
    assert_size(s.bbox.width(), 12.54, "tight kern width");
}

#[test]
fn char_spacing_adds_after_every_glyph() {
    let f = one_page_helvetica("BT /F1 10 Tf 2 Tc 100 700 Td (AB) Tj ET");
    let s = only_span(&f);
    assert_eq!(s.text, "AB");
    assert_size(s.bbox.width(), 6.67 + 2.0 + 6.67, "width with 2 Tc");
}

#[test]
fn word_spacing_applies_to_the_space_byte_only() {
    let f = one_page_helvetica("BT /F1 10 Tf 5 Tw 100 700 Td (A B) Tj ET");
    let s = only_span(&f);
    assert_eq!(s.text, "A B");
    assert_size(s.bbox.width(), 6.67 + 2.78 + 5.0 + 6.67, "width with 5 Tw");

    let f = one_page_helvetica("BT /F1 10 Tf 5 Tw 100 700 Td (AB) Tj ET");
    assert_size(
        only_span(&f).bbox.width(),
        13.34,
        "no space, no word spacing",
    );
}

#[test]
fn horizontal_scaling_scales_advances_spacing_and_tj_but_not_the_size() {
    let f = one_page_helvetica("BT /F1 10 Tf 50 Tz 100 700 Td (AB) Tj ET");
    let s = only_span(&f);
    assert_size(s.size_pt, 10.0, "size");
    assert_size(s.bbox.width(), 6.67, "width at 50 Tz");

    let f = one_page_helvetica("BT /F1 10 Tf 50 Tz 2 Tc 100 700 Td (AB) Tj ET");
    assert_size(
        only_span(&f).bbox.width(),
        (6.67 + 2.0) * 0.5 + 3.335,
        "Tc scaled by Tz",
    );

    let f = one_page_helvetica("BT /F1 10 Tf 50 Tz 100 700 Td [(A) -1000 (B)] TJ ET");
    let spans = &page(&f).spans;
    assert_eq!(spans.len(), 2);
    assert_pos(
        spans[1].origin,
        (100.0 + 3.335 + 5.0, 700.0),
        "TJ scaled by Tz",
    );
}

#[test]
fn widths_array_and_standard_14_metrics_give_the_same_advance() {
    let mut b = PdfBuilder::new();
    let bare = b.std14_font("Helvetica");
    let listed = b.std14_font_with_widths("Helvetica", 65, &[667.0, 667.0]);
    let wide = b.std14_font_with_widths("Helvetica", 65, &[1000.0, 1000.0]);
    let resources = Resources::new()
        .font("F1", bare)
        .font("F2", listed)
        .font("F3", wide)
        .build();
    let content = "BT /F1 10 Tf 100 700 Td (AB) Tj ET \
                   BT /F2 10 Tf 100 650 Td (AB) Tj ET \
                   BT /F3 10 Tf 100 600 Td (AB) Tj ET";
    let f = b.page(PageSpec::new(content).resources(resources)).read();
    let widths: Vec<f64> = page(&f).spans.iter().map(|s| s.bbox.width()).collect();
    assert_eq!(widths.len(), 3);
    assert_size(widths[0], 13.34, "standard-14 metrics");
    assert_size(widths[1], 13.34, "/Widths");
    // /Widths wins over the built-in metrics when both exist.
    assert_size(widths[2], 20.0, "/Widths of 1000");
}

#[test]
fn times_roman_uses_its_own_metrics() {
    let mut b = PdfBuilder::new();
    let times = b.std14_font("Times-Roman");
    let f = b
        .page(
            PageSpec::new("BT /F1 10 Tf 100 700 Td (abc) Tj ET")
                .resources(Resources::new().font("F1", times).build()),
        )
        .read();
    let s = only_span(&f);
    assert_size(s.bbox.width(), 13.88, "a b c in Times");
    // Times ascender 683, descender -217.
    assert_rect(s.bbox, [100.0, 697.83, 113.88, 706.83], "box");
    assert_eq!(f.fonts[0].name, "Times-Roman");
}

#[test]
fn font_without_type_entry_still_shows_text() {
    let mut b = PdfBuilder::new();
    let font = b.add(dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let f = b
        .page(
            PageSpec::new("BT /F1 10 Tf 100 700 Td (AB) Tj ET")
                .resources(Resources::new().font("F1", font).build()),
        )
        .read();
    let s = only_span(&f);
    assert_eq!(s.text, "AB");
    assert_size(s.bbox.width(), 13.34, "width");
}

// Form XObjects.

#[test]
fn form_matrix_places_its_content() {
    let mut b = PdfBuilder::new();
    let form = b.form(
        "0 0 10 10 re f",
        [1.0, 0.0, 0.0, 1.0, 100.0, 50.0],
        [0.0, 0.0, 10.0, 10.0],
        None,
    );
    // After the form the page's own state is back: this square stays at the origin.
    let content = "/Fm1 Do 0 0 10 10 re f";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().xobject("Fm1", form).build()))
        .read();
    let paths = &page(&f).paths;
    assert_eq!(paths.len(), 2, "{paths:#?}");
    assert_rect(paths[0].bbox, [100.0, 50.0, 110.0, 60.0], "form square");
    assert_eq!(paths[0].fill, Some(Paint::Rgb(0, 0, 0)));
    assert_eq!(paths[0].stroke, None);
    assert_rect(
        paths[1].bbox,
        [0.0, 0.0, 10.0, 10.0],
        "page square after the form",
    );
}

#[test]
fn nested_forms_compose_their_matrices_and_clip_to_their_bbox() {
    let mut b = PdfBuilder::new();
    // Inner: scaled 2×, draws 20×20 but its BBox keeps 10×10 (20×20 on the page).
    let inner = b.form(
        "0 0 20 20 re f",
        [2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
        [0.0, 0.0, 10.0, 10.0],
        None,
    );
    let outer_resources = Resources::new().xobject("Inner", inner).build();
    let outer = b.form(
        "/Inner Do",
        [1.0, 0.0, 0.0, 1.0, 100.0, 50.0],
        [0.0, 0.0, 100.0, 100.0],
        Some(outer_resources),
    );
    let f = b
        .page(
            PageSpec::new("/Outer Do").resources(Resources::new().xobject("Outer", outer).build()),
        )
        .read();
    let paths = &page(&f).paths;
    assert_eq!(paths.len(), 1, "{paths:#?}");
    assert_rect(paths[0].bbox, [100.0, 50.0, 120.0, 70.0], "inner square");
}

#[test]
fn a_form_that_draws_itself_terminates() {
    let mut b = PdfBuilder::new();
    let id = b.reserve();
    let own = Resources::new().xobject("Me", id).build();
    let form = form_stream(
        "0 0 10 10 re f /Me Do",
        [1.0, 0.0, 0.0, 1.0, 5.0, 5.0],
        [0.0, 0.0, 500.0, 500.0],
        Some(own),
    );
    b.set(id, form);
    let f = b
        .page(PageSpec::new("/Me Do").resources(Resources::new().xobject("Me", id).build()))
        .read();
    let paths = &page(&f).paths;
    assert_eq!(
        paths.len(),
        1,
        "drawn once, the recursion refused: {paths:#?}"
    );
    assert_rect(paths[0].bbox, [5.0, 5.0, 15.0, 15.0], "square");
}

#[test]
fn two_forms_drawing_each_other_terminate() {
    let mut b = PdfBuilder::new();
    let (a, c) = (b.reserve(), b.reserve());
    let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 0.0];
    let bbox = [0.0, 0.0, 500.0, 500.0];
    b.set(
        a,
        form_stream(
            "0 0 10 10 re f /C Do",
            shift,
            bbox,
            Some(Resources::new().xobject("C", c).build()),
        ),
    );
    b.set(
        c,
        form_stream(
            "0 0 10 10 re f /A Do",
            shift,
            bbox,
            Some(Resources::new().xobject("A", a).build()),
        ),
    );
    let f = b
        .page(PageSpec::new("/A Do").resources(Resources::new().xobject("A", a).build()))
        .read();
    let paths = &page(&f).paths;
    assert_eq!(paths.len(), 2, "{paths:#?}");
    assert_rect(paths[0].bbox, [10.0, 0.0, 20.0, 10.0], "A");
    assert_rect(paths[1].bbox, [20.0, 0.0, 30.0, 10.0], "C inside A");
}

#[test]
fn forms_nested_past_the_depth_limit_stop_with_a_named_limit() {
    let mut b = PdfBuilder::new();
    let unit = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let bbox = [0.0, 0.0, 500.0, 500.0];
    let f3 = b.form("20 0 10 10 re f", unit, bbox, None);
    let f2 = b.form(
        "10 0 10 10 re f /F3 Do",
        unit,
        bbox,
        Some(Resources::new().xobject("F3", f3).build()),
    );
    let f1 = b.form(
        "0 0 10 10 re f /F2 Do",
        unit,
        bbox,
        Some(Resources::new().xobject("F2", f2).build()),
    );
    let bytes = b
        .page(PageSpec::new("/F1 Do").resources(Resources::new().xobject("F1", f1).build()))
        .build();
    let f = pdf::read(
        &bytes,
        &Limits {
            depth: 2,
            ..Limits::default()
        },
    )
    .expect("reads");
    assert_eq!(page(&f).paths.len(), 2, "F1 and F2 drawn, F3 refused");
    assert!(
        f.limits_reached.contains(&(Limit::Depth, Some(1))),
        "{:?}",
        f.limits_reached
    );
}

#[test]
fn a_font_used_in_a_form_is_listed_with_its_glyphs() {
    let mut b = PdfBuilder::new();
    let helvetica = b.std14_font("Helvetica");
    let times = b.std14_font("Times-Roman");
    let form_resources = Resources::new().font("F2", times).build();
    let form = b.form(
        "BT /F2 12 Tf 0 10 Td (abc) Tj ET",
        [1.0, 0.0, 0.0, 1.0, 100.0, 500.0],
        [0.0, 0.0, 200.0, 50.0],
        Some(form_resources),
    );
    let resources = Resources::new()
        .font("F1", helvetica)
        .xobject("Fm1", form)
        .build();
    let f = b
        .page(PageSpec::new("BT /F1 10 Tf 100 700 Td (AB) Tj ET /Fm1 Do").resources(resources))
        .read();
    let names: Vec<(&str, u64)> = f
        .fonts
        .iter()
        .map(|x| (x.name.as_str(), x.glyphs))
        .collect();
    assert_eq!(names, [("Helvetica", 2), ("Times-Roman", 3)]);
    let spans = &page(&f).spans;
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[1].text, "abc");
    assert_eq!(spans[1].font, 1);
    assert_pos(spans[1].origin, (100.0, 510.0), "form text");
    assert_size(spans[1].size_pt, 12.0, "form text size");
    assert_size(spans[1].bbox.width(), 1.388 * 12.0, "form text width");
}

// Images.

#[test]
fn image_is_clipped_to_the_clip_path() {
    let mut b = PdfBuilder::new();
    let im = b.gray_image();
    let content =
        "q 100 100 50 50 re W n 200 0 0 200 0 0 cm /Im1 Do Q q 200 0 0 100 50 300 cm /Im1 Do Q";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().xobject("Im1", im).build()))
        .read();
    let images = &page(&f).images;
    assert_eq!(images.len(), 2, "{images:#?}");
    assert_rect(
        images[0].bbox,
        [100.0, 100.0, 150.0, 150.0],
        "clipped image",
    );
    // The clip ended with Q.
    assert_rect(
        images[1].bbox,
        [50.0, 300.0, 250.0, 400.0],
        "unclipped image",
    );
    assert!(page(&f).paths.is_empty(), "W n paints nothing");
}

#[test]
fn image_outside_the_clip_is_not_placed() {
    let mut b = PdfBuilder::new();
    let im = b.gray_image();
    let content = "q 100 100 50 50 re W n 200 0 0 200 300 300 cm /Im1 Do Q";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().xobject("Im1", im).build()))
        .read();
    assert!(page(&f).images.is_empty(), "{:#?}", page(&f).images);
}

#[test]
fn image_touching_the_clip_edge_only_is_not_placed() {
    let mut b = PdfBuilder::new();
    let im = b.gray_image();
    // The image starts where the clip ends: nothing of it can be seen.
    let content = "q 100 100 50 50 re W n 200 0 0 200 150 100 cm /Im1 Do Q";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().xobject("Im1", im).build()))
        .read();
    assert!(page(&f).images.is_empty(), "{:#?}", page(&f).images);
}

#[test]
fn image_off_the_page_is_not_placed() {
    let mut b = PdfBuilder::new();
    let im = b.gray_image();
    let content = "q 100 0 0 100 700 100 cm /Im1 Do Q q 100 0 0 100 562 100 cm /Im1 Do Q";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().xobject("Im1", im).build()))
        .read();
    let images = &page(&f).images;
    assert_eq!(images.len(), 1, "{images:#?}");
    assert_rect(
        images[0].bbox,
        [562.0, 100.0, 612.0, 200.0],
        "clipped to the page",
    );
}

#[test]
fn inline_image_is_placed_by_the_ctm() {
    let content = "q 20 0 0 30 100 200 cm BI /W 1 /H 1 /CS /G /BPC 8 ID X EI Q 0 0 10 10 re f";
    let f = PdfBuilder::new().page(PageSpec::new(content)).read();
    let p = page(&f);
    assert_eq!(p.images.len(), 1, "{:#?}", p.images);
    assert_rect(
        p.images[0].bbox,
        [100.0, 200.0, 120.0, 230.0],
        "inline image",
    );
    // Reading goes on after EI.
    assert_eq!(p.paths.len(), 1);
    assert_rect(
        p.paths[0].bbox,
        [0.0, 0.0, 10.0, 10.0],
        "square after the image",
    );
}

// Paths and paint.

fn paths_of(content: &str) -> Vec<pdf::PathBox> {
    PdfBuilder::new()
        .page(PageSpec::new(content))
        .read()
        .pages
        .remove(0)
        .paths
}

#[test]
fn white_filled_rectangle_is_white() {
    let paths = paths_of("1 1 1 rg 0 0 612 792 re f");
    assert_eq!(paths.len(), 1);
    assert_rect(
        paths[0].bbox,
        [0.0, 0.0, 612.0, 792.0],
        "page-sized rectangle",
    );
    assert_eq!(paths[0].fill, Some(Paint::Rgb(255, 255, 255)));
    assert_eq!(paths[0].stroke, None);
    assert!(paths[0].is_white());
}

#[test]
fn black_and_default_fills_are_not_white() {
    let paths = paths_of("10 10 20 20 re f 1 g 0 g 50 50 20 20 re f 1 0 0 rg 90 90 20 20 re f");
    assert_eq!(paths.len(), 3);
    assert_eq!(
        paths[0].fill,
        Some(Paint::Rgb(0, 0, 0)),
        "the initial fill is black"
    );
    assert!(!paths[0].is_white());
    assert!(!paths[1].is_white(), "0 g");
    assert!(!paths[2].is_white(), "red");
}

#[test]
fn white_stroke_is_white() {
    let paths = paths_of("1 1 1 RG 2 w 100 100 m 200 200 l S");
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].fill, None);
    assert_eq!(paths[0].stroke, Some(Paint::Rgb(255, 255, 255)));
    assert!(paths[0].is_white());
}

#[test]
fn fill_and_stroke_is_white_only_if_both_are() {
    let paths = paths_of("1 1 1 rg 0 0 0 RG 10 10 20 20 re B 1 1 1 RG 50 50 20 20 re B");
    assert_eq!(paths.len(), 2);
    assert!(!paths[0].is_white(), "black stroke");
    assert!(paths[1].is_white(), "white fill and stroke");
}

#[test]
fn cmyk_and_colour_space_whites_are_white() {
    let paths = paths_of(
        "0 0 0 0 k 10 10 20 20 re f 0 0 0 1 k 50 50 20 20 re f \
         /DeviceRGB cs 1 1 1 sc 90 90 20 20 re f 0 0 0 0 K 130 130 20 20 re S",
    );
    assert_eq!(paths.len(), 4);
    assert!(paths[0].is_white(), "0 0 0 0 k");
    assert!(!paths[1].is_white(), "0 0 0 1 k");
    assert!(paths[2].is_white(), "DeviceRGB 1 1 1 sc");
    assert!(paths[3].is_white(), "0 0 0 0 K stroke");
}

#[test]
fn colour_is_restored_by_q_and_q() {
    let paths = paths_of("1 g q 0 g Q 10 10 20 20 re f");
    assert_eq!(paths.len(), 1);
    assert!(paths[0].is_white());
}

#[test]
fn unpainted_path_leaves_no_box() {
    let paths = paths_of("10 10 20 20 re n 100 100 m 200 200 l n");
    assert!(paths.is_empty(), "{paths:#?}");
}

#[test]
fn stroke_width_widens_the_box() {
    let paths = paths_of("10 w 100 100 m 200 100 l S");
    assert_eq!(paths.len(), 1);
    let r = paths[0].bbox;
    assert_near(r.y0, 95.0, 0.5, "bottom");
    assert_near(r.y1, 105.0, 0.5, "top");
    assert!(r.x0 <= 100.0 && r.x1 >= 200.0, "{r:?}");

    // The width is in user space: doubled by a 2× CTM.
    let paths = paths_of("2 0 0 2 0 0 cm 10 w 50 50 m 100 50 l S");
    assert_near(paths[0].bbox.y0, 90.0, 0.5, "scaled bottom");
    assert_near(paths[0].bbox.y1, 110.0, 0.5, "scaled top");
}

#[test]
fn path_is_clipped_to_the_page() {
    let paths = paths_of("-50 -50 800 1000 re f");
    assert_eq!(paths.len(), 1);
    assert_rect(
        paths[0].bbox,
        [0.0, 0.0, 612.0, 792.0],
        "clipped to the page",
    );
}

// Pages: rotation, boxes, inheritance.

fn rotated_page(rotate: i64, content: &str) -> DocumentFacts {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    b.page(PageSpec::new(content).rotate(rotate).resources(resources))
        .read()
}

#[test]
fn rotate_90_turns_the_page_and_its_text() {
    let f = rotated_page(90, "BT /F1 10 Tf 100 700 Td (A) Tj ET");
    let p = page(&f);
    assert_eq!(p.rotate, 90);
    assert_size(p.width_pt, 792.0, "width");
    assert_size(p.height_pt, 612.0, "height");
    let s = only_span(&f);
    // x' = y, y' = 612 − x.
    assert_pos(s.origin, (700.0, 512.0), "origin");
    assert!(!s.upright, "text along user x runs down the turned page");
    assert!(s.visible);
    assert_size(s.bbox.height(), 6.67, "the advance runs along page y");
    assert_rect(s.bbox, [697.93, 505.33, 707.18, 512.0], "box");
    assert!(p.lines.is_empty(), "only upright text makes lines");
}

#[test]
fn rotate_90_with_a_turned_text_matrix_reads_upright() {
    let f = rotated_page(90, "BT /F1 10 Tf 0 1 -1 0 500 100 Tm (B) Tj ET");
    let s = only_span(&f);
    assert_pos(s.origin, (100.0, 112.0), "origin");
    assert!(s.upright);
    assert_size(s.size_pt, 10.0, "size");
    assert_size(s.bbox.width(), 6.67, "width");
    let p = page(&f);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].text, "B");
}

#[test]
fn rotate_270_and_180_map_user_space() {
    let f = rotated_page(270, "BT /F1 10 Tf 100 700 Td (A) Tj ET");
    let p = page(&f);
    assert_eq!(p.rotate, 270);
    assert_eq!((p.width_pt, p.height_pt), (792.0, 612.0));
    // x' = 792 − y, y' = x.
    assert_pos(only_span(&f).origin, (92.0, 100.0), "270");
    assert!(!only_span(&f).upright);

    let f = rotated_page(180, "BT /F1 10 Tf 100 700 Td (A) Tj ET");
    let p = page(&f);
    assert_eq!(p.rotate, 180);
    assert_eq!((p.width_pt, p.height_pt), (612.0, 792.0));
    // x' = 612 − x, y' = 792 − y.
    assert_pos(only_span(&f).origin, (512.0, 92.0), "180");
    assert!(!only_span(&f).upright, "upside down");
}

#[test]
fn rotate_values_normalise() {
    let f = rotated_page(-90, "BT /F1 10 Tf 100 700 Td (A) Tj ET");
    assert_eq!(page(&f).rotate, 270);
    assert_pos(only_span(&f).origin, (92.0, 100.0), "-90 is 270");
    assert_eq!(page(&rotated_page(450, "")).rotate, 90);
    assert_eq!(page(&rotated_page(-180, "")).rotate, 180);
    assert_eq!(page(&rotated_page(360, "")).rotate, 0);
}

#[test]
fn crop_box_sets_the_visible_box_and_origin() {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let content = "BT /F1 10 Tf 150 200 Td (A) Tj ET 0 0 612 792 re f";
    let spec = PageSpec::new(content).crop_box([50.0, 100.0, 562.0, 692.0]);
    let f = b
        .page(spec.resources(Resources::new().font("F1", f1).build()))
        .read();
    let p = page(&f);
    assert_size(p.width_pt, 512.0, "width");
    assert_size(p.height_pt, 592.0, "height");
    assert_pos(
        only_span(&f).origin,
        (100.0, 100.0),
        "origin from the crop corner",
    );
    assert_eq!(p.paths.len(), 1);
    assert_rect(
        p.paths[0].bbox,
        [0.0, 0.0, 512.0, 592.0],
        "fill clipped to the crop box",
    );
}

#[test]
fn crop_box_is_cut_to_the_media_box() {
    let spec = PageSpec::new("").crop_box([-100.0, -100.0, 300.0, 400.0]);
    let f = PdfBuilder::new().page(spec).read();
    assert_size(page(&f).width_pt, 300.0, "width");
    assert_size(page(&f).height_pt, 400.0, "height");
}

#[test]
fn crop_box_and_rotate_combine() {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let spec = PageSpec::new("BT /F1 10 Tf 150 200 Td (A) Tj ET")
        .crop_box([50.0, 100.0, 562.0, 692.0])
        .rotate(90);
    let f = b
        .page(spec.resources(Resources::new().font("F1", f1).build()))
        .read();
    let p = page(&f);
    assert_eq!((p.width_pt, p.height_pt), (592.0, 512.0));
    // (150, 200) is (100, 100) in the crop box; turned: (100, 512 − 100).
    assert_pos(only_span(&f).origin, (100.0, 412.0), "origin");
}

#[test]
fn media_box_resources_and_rotate_are_inherited_from_the_page_tree() {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    let f = b
        .inherit("MediaBox", nums(&[0.0, 0.0, 300.0, 400.0]))
        .inherit("Resources", resources)
        .inherit("Rotate", 90)
        .page(PageSpec::new("BT /F1 10 Tf 100 200 Td (A) Tj ET").media_box(None))
        .read();
    let p = page(&f);
    assert_eq!(p.rotate, 90);
    assert_size(p.width_pt, 400.0, "width");
    assert_size(p.height_pt, 300.0, "height");
    assert_eq!(
        f.fonts.len(),
        1,
        "the font came from the inherited resources"
    );
    assert_pos(only_span(&f).origin, (200.0, 200.0), "origin");
}

#[test]
fn nested_page_tree_inherits_from_the_nearest_node() {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let node = dictionary! {
        "Resources" => Resources::new().font("F1", f1).build(),
        "Rotate" => 180,
    };
    let text = "BT /F1 10 Tf 100 200 Td (A) Tj ET";
    let f = b
        .inherit("MediaBox", nums(&[0.0, 0.0, 300.0, 400.0]))
        .inherit("Rotate", 90)
        .subtree(
            node,
            vec![PageSpec::new(text).media_box(None), PageSpec::new(text)],
        )
        .page(PageSpec::new(text).media_box(None))
        .read();
    assert_eq!(f.page_count, 3);
    let [p1, p2, p3] = &f.pages[..] else {
        panic!("three pages")
    };
    // Page 1: the root's MediaBox, the node's Rotate and Resources.
    assert_eq!((p1.width_pt, p1.height_pt, p1.rotate), (300.0, 400.0, 180));
    assert_eq!(p1.spans.len(), 1);
    assert_pos(p1.spans[0].origin, (200.0, 200.0), "page 1 origin");
    // Page 2: its own MediaBox.
    assert_eq!((p2.width_pt, p2.height_pt, p2.rotate), (612.0, 792.0, 180));
    assert_pos(p2.spans[0].origin, (512.0, 592.0), "page 2 origin");
    // Page 3, below the root: the root's Rotate, no resources, so no font and no text.
    assert_eq!((p3.width_pt, p3.height_pt, p3.rotate), (400.0, 300.0, 90));
    assert!(p3.spans.is_empty());
}

#[test]
fn parent_cycle_does_not_hang() {
    let builder = PdfBuilder::new().subtree(
        Dictionary::new(),
        vec![PageSpec::new("0 0 10 10 re f").media_box(None)],
    );
    let (mut doc, pages) = builder.build_document();
    let page_id = pages[0];
    let node_id = doc
        .get_dictionary(page_id)
        .unwrap()
        .get(b"Parent")
        .unwrap()
        .as_reference()
        .unwrap();
    // page → node → page → …
    doc.get_dictionary_mut(node_id)
        .unwrap()
        .set("Parent", page_id);
    let f = read(&save(doc));
    let p = page(&f);
    assert_eq!(
        (p.width_pt, p.height_pt, p.rotate),
        (612.0, 792.0, 0),
        "US Letter by default"
    );
    assert_eq!(p.paths.len(), 1);
}

// Visibility.

#[test]
fn render_mode_3_and_7_are_invisible() {
    let f = one_page_helvetica(
        "BT /F1 10 Tf 3 Tr 100 700 Td (A) Tj 0 Tr 0 -20 Td (B) Tj 7 Tr 0 -20 Td (A) Tj ET",
    );
    let spans = &page(&f).spans;
    assert_eq!(spans.len(), 3);
    assert!(!spans[0].visible, "mode 3");
    assert!(spans[1].visible, "mode 0");
    assert!(!spans[2].visible, "mode 7");
    let lines: Vec<&str> = page(&f).lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, ["B"], "invisible text makes no line");
}

#[test]
fn text_clipped_away_is_invisible() {
    let f = one_page_helvetica("q 0 0 50 50 re W n BT /F1 10 Tf 100 700 Td (A) Tj ET Q");
    let s = only_span(&f);
    assert!(!s.visible);
    assert_pos(s.origin, (100.0, 700.0), "origin kept");
    assert!(page(&f).lines.is_empty());
}

#[test]
fn text_partly_clipped_is_visible_and_its_box_clipped() {
    let f = one_page_helvetica("q 0 0 103 800 re W n BT /F1 10 Tf 100 700 Td (A) Tj ET Q");
    let s = only_span(&f);
    assert!(s.visible);
    assert_rect(s.bbox, [100.0, 697.93, 103.0, 707.18], "clipped box");
}

#[test]
fn text_off_the_page_is_invisible() {
    let f = one_page_helvetica("BT /F1 10 Tf 700 700 Td (A) Tj ET");
    assert!(!only_span(&f).visible);
}

// Lines.

#[test]
fn spans_with_a_word_gap_make_one_line_with_a_space() {
    // "world" starts 2.5 pt (a quarter em) after "Hello" ends.
    let f = one_page_helvetica("BT /F1 10 Tf 100 700 Td [(Hello) -250 (world)] TJ ET");
    assert_eq!(span_texts(&f), ["Hello", "world"]);
    let lines = &page(&f).lines;
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    assert_eq!(l.text, "Hello world");
    assert_eq!(l.spans, [0, 1]);
    assert_near(l.baseline_y, 700.0, 0.5, "baseline");
    assert_size(l.size_pt, 10.0, "size");
    assert_eq!(l.font, 0);
    assert_size(l.bbox.width(), 22.78 + 2.5 + 23.89, "line width");
}

#[test]
fn a_wide_gap_makes_two_columns() {
    // "Left" is 16.68 pt wide; "Right" starts 30 pt after it.
    let f = one_page_helvetica("BT /F1 10 Tf 100 700 Td (Left) Tj 46.68 0 Td (Right) Tj ET");
    let lines: Vec<&str> = page(&f).lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, ["Left", "Right"]);
    let spans = &page(&f).spans;
    assert_size(spans[1].bbox.x0 - spans[0].bbox.x1, 30.0, "gap");
}

// Composite and Type 3 fonts.

#[test]
fn type0_font_widths_come_from_w() {
    let mut b = PdfBuilder::new();
    let w = Object::Array(vec![
        1.into(),
        nums(&[500.0, 600.0]),
        10.into(),
        20.into(),
        250.into(),
    ]);
    let descendant = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "TestCID",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "W" => w,
        "DW" => 1000,
    });
    let font = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "TestCID",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
    });
    // CIDs 1, 2 (500, 600), 10 and 20 (the 10–20 range at 250) and 3 (DW 1000).
    let content = "BT /F1 10 Tf 100 700 Td <0001 0002 000A 0014 0003> Tj ET \
                   BT /F1 10 Tf 5 Tw 100 600 Td <0020 0001> Tj ET";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().font("F1", font).build()))
        .read();
    let spans = &page(&f).spans;
    assert_eq!(spans.len(), 2, "{spans:#?}");
    assert_eq!(spans[0].glyphs, 5);
    assert_size(
        spans[0].bbox.width(),
        5.0 + 6.0 + 2.5 + 2.5 + 10.0,
        "widths from /W and /DW",
    );
    // Two-byte code 32 is not a word space: Tw does not apply.
    assert_size(
        spans[1].bbox.width(),
        10.0 + 5.0,
        "no word spacing on <0020>",
    );
    let font = &f.fonts[0];
    assert_eq!(font.name, "TestCID");
    assert_eq!(font.subtype, "Type0");
    assert_eq!(font.descendant.as_deref(), Some("CIDFontType2"));
    assert!(!font.embedded);
    assert_eq!(font.glyphs, 7);
}

/// A Type 3 font with glyphs A and B, `advances` in glyph units, under `font_matrix`.
fn type3_font(
    b: &mut PdfBuilder,
    font_matrix: [f64; 6],
    bbox: [f64; 4],
    advances: [f64; 2],
) -> lopdf::ObjectId {
    let glyph = |b: &mut PdfBuilder, w: f64| {
        let [x0, y0, x1, y1] = bbox;
        let proc_text = format!("{w} 0 {x0} {y0} {x1} {y1} d1 0 0 {w} {y1} re f");
        b.add(Stream::new(Dictionary::new(), proc_text.into_bytes()))
    };
    let (a, c) = (glyph(b, advances[0]), glyph(b, advances[1]));
    b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontBBox" => nums(&bbox),
        "FontMatrix" => nums(&font_matrix),
        "CharProcs" => dictionary! { "A" => a, "B" => c },
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![65.into(), "A".into(), "B".into()],
        },
        "FirstChar" => 65,
        "LastChar" => 66,
        "Widths" => nums(&advances),
        "Resources" => Dictionary::new(),
    })
}

#[test]
fn type3_advances_follow_the_font_matrix() {
    let mut b = PdfBuilder::new();
    // 100 glyph units make one text-space unit: A advances 0.5, B 0.6, the box is -0.2..0.8.
    let font = type3_font(
        &mut b,
        [0.01, 0.0, 0.0, 0.01, 0.0, 0.0],
        [0.0, -20.0, 60.0, 80.0],
        [50.0, 60.0],
    );
    let content = "BT /F1 10 Tf 100 700 Td (AB) Tj ET";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().font("F1", font).build()))
        .read();
    let s = only_span(&f);
    assert_eq!(s.text, "AB");
    assert_eq!(s.glyphs, 2);
    assert_pos(s.origin, (100.0, 700.0), "origin");
    assert_size(s.bbox.width(), 5.0 + 6.0, "advances 0.5 and 0.6 × 10 pt");
    assert_rect(
        s.bbox,
        [100.0, 698.0, 111.0, 708.0],
        "box from the FontBBox",
    );
    let font = &f.fonts[0];
    assert_eq!(font.subtype, "Type3");
    assert!(font.embedded);
    assert_eq!(font.glyphs, 2);
}

#[test]
fn type3_size_is_the_text_size() {
    // pdfTeX writes a 600 dpi PK font as FontMatrix 0.01204 (one pixel, 72/600 pt, per
    // unit of a 9.96 pt font) shown with `9.9626 Tf`; the text is 9.96 pt.
    let mut b = PdfBuilder::new();
    let m = 0.01204;
    let font = type3_font(
        &mut b,
        [m, 0.0, 0.0, m, 0.0, 0.0],
        [-1.0, -19.0, 45.0, 51.0],
        [42.0, 40.0],
    );
    let content = "BT /F1 9.9626 Tf 100 700 Td (AB) Tj ET";
    let f = b
        .page(PageSpec::new(content).resources(Resources::new().font("F1", font).build()))
        .read();
    let s = only_span(&f);
    assert_size(s.bbox.width(), (42.0 + 40.0) * m * 9.9626, "advances");
    assert_size(s.size_pt, 9.9626, "size");
}

// Limits.

#[test]
fn operator_limit_stops_the_page_with_a_named_limit() {
    let content = "0 0 m ".repeat(1000);
    let bytes = PdfBuilder::new().page(PageSpec::new(content)).build();
    let f = pdf::read(
        &bytes,
        &Limits {
            operators_per_page: 100,
            ..Limits::default()
        },
    )
    .expect("reads");
    assert!(
        f.limits_reached
            .contains(&(Limit::OperatorsPerPage, Some(1))),
        "{:?}",
        f.limits_reached
    );
    assert_eq!(f.pages.len(), 1);
}

#[test]
fn glyph_limit_keeps_counting_but_stops_placing() {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    let bytes = b
        .page(PageSpec::new("BT /F1 10 Tf 100 700 Td (ABABA) Tj ET").resources(resources))
        .build();
    let f = pdf::read(
        &bytes,
        &Limits {
            glyphs_per_page: 3,
            ..Limits::default()
        },
    )
    .expect("reads");
    assert!(
        f.limits_reached.contains(&(Limit::GlyphsPerPage, Some(1))),
        "{:?}",
        f.limits_reached
    );
    let s = only_span(&f);
    assert_eq!(s.text, "ABA");
    assert_eq!(f.fonts[0].glyphs, 5);
}

/// acl_influence_2022 paints 92 000 paths on one page: each is kept in 40 bytes
/// (its box and two eight-bit paints), which keeps that check under its memory budget.
#[test]
fn a_path_box_stays_small() {
    assert!(std::mem::size_of::<pdf::PathBox>() <= 40);
    assert_eq!(Paint::rgb(0.999, 1.0, 1.2), Paint::Rgb(255, 255, 255));
    assert!(!Paint::rgb(0.99, 1.0, 1.0).is_white());
}

/// A page whose /Contents is an array of streams, split between two tokens of one
/// operation (§7.8.2): the streams are read as one content, kept apart by a line break.
fn two_part_page(first: &str, second: &str) -> Vec<u8> {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    let (mut doc, pages) = b
        .page(PageSpec::new("").resources(resources))
        .build_document();
    let parts: Vec<Object> = [first, second]
        .iter()
        .map(|c| {
            Object::Reference(doc.add_object(Stream::new(Dictionary::new(), c.as_bytes().to_vec())))
        })
        .collect();
    doc.get_dictionary_mut(pages[0])
        .expect("the page")
        .set("Contents", parts);
    save(doc)
}

#[test]
fn content_streams_of_an_array_read_as_one() {
    let bytes = two_part_page("BT /F1 10 Tf 72", "700 Td (A) Tj ET");
    let f = read(&bytes);
    assert_pos(only_span(&f).origin, (72.0, 700.0), "origin");
    // Each part fits the stream limit, the two joined do not: the page is not read.
    let limits = Limits {
        stream_bytes: 20,
        ..Limits::default()
    };
    let f = pdf::read(&bytes, &limits).expect("the document opens");
    assert!(page(&f).spans.is_empty());
    assert!(
        f.limits_reached.contains(&(Limit::StreamBytes, Some(1))),
        "{:?}",
        f.limits_reached
    );
}
