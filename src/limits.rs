//! Named limits on what one check may read or compute, so that no input can exhaust
//! memory or time. Per-item limits (a stream, a page, an object) stop that item; the
//! document budgets bound the work of the whole file however it is split into pages,
//! streams and objects, and reaching one ends that part of the reading at once. Each
//! limit has a name that appears in the `file-format` message when it is reached.

use serde::Serialize;

/// Bounds applied while reading a PDF and writing its report. The defaults sit far
/// above real papers and far below what would exhaust a browser tab or an organizer's
/// batch. The most any of the 61 real files of the shared corpus needs
/// (`examples/work.rs`): 1.0 M operators and 12 MB decoded (ged_neurips2024, 33
/// pages), 0.93 M operators, 0.12 M shapes and 21 MB decoded (acl_influence_2022),
/// 0.14 M glyphs in 28 k spans (a 14-page IEEE paper), 91 k values (attention, 15
/// pages), 35 fonts, 0.25 M outline operators (acmart_sketch_long, 15 pages). The
/// document budgets are 4–20 times those, room for a 300-page thesis (the outline
/// budget 40 times: a CJK font has thousands of distinct glyphs to measure); together
/// they hold a check's memory under about 1 GB whatever the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read at all; bigger files get a `file-format` failure.
    pub file_bytes: u64,
    /// Largest decoded size of any one stream (content, object, font, CMap).
    pub stream_bytes: usize,
    /// Bytes decoded in the whole document, each decoding counted (a stream painted
    /// again is decoded again unless it is small enough to be kept).
    pub decoded_bytes: u64,
    /// Content-stream operators interpreted per page, form XObjects included.
    pub operators_per_page: u64,
    /// Operators interpreted in the whole document.
    pub operators_total: u64,
    /// Pages whose facts are kept (read, measured, drawn); later pages are counted.
    pub pages: usize,
    /// Depth of nested form XObjects, page-tree inheritance and `q` nesting.
    pub depth: usize,
    /// Glyphs positioned per page; later ones are counted, not positioned.
    pub glyphs_per_page: usize,
    /// Glyphs shown in the whole document.
    pub glyphs_total: u64,
    /// Text spans kept for the whole document (a span is a word or less).
    pub spans_total: usize,
    /// Painted paths and images kept for the whole document.
    pub shapes_total: usize,
    /// Objects indexed from the cross-reference data (or a scan); later ones are not read.
    pub objects: usize,
    /// Font-program operators (Type 1 and Type 2 charstrings) interpreted to measure
    /// the ink of glyphs, in the whole document; later glyphs are measured by their
    /// advance boxes.
    pub outline_operators: u64,
    /// Values (numbers, names, strings, array items, dictionary entries) parsed from
    /// the file's objects in all: what the parsed objects hold in memory.
    pub values: u64,
    /// Arrays and dictionaries nested inside one object; a deeper object is unreadable,
    /// as a damaged one is.
    pub nesting: usize,
    /// Fonts listed in the report; the rest are counted.
    pub fonts: usize,
    /// Findings listed per check; the rest are summarised in one line.
    pub findings_per_check: usize,
    /// Characters of PDF text quoted in one finding, notice or font name.
    pub quote_chars: usize,
    /// The report as JSON, its page maps aside; findings are trimmed further to stay
    /// under it.
    pub report_bytes: usize,
    /// Lines, images and drawings drawn on the page maps of one report (`layout:
    /// true`); the rest are counted per page. A 33-page paper needs about 2,500.
    pub map_items: usize,
    /// Characters of text on the page maps of one report; later lines keep their
    /// place and size without their text.
    pub map_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 200_000_000,
            stream_bytes: 64_000_000,
            decoded_bytes: 256_000_000,
            operators_per_page: 4_000_000,
            operators_total: 20_000_000,
            pages: 2_000,
            depth: 32,
            glyphs_per_page: 200_000,
            glyphs_total: 4_000_000,
            spans_total: 500_000,
            shapes_total: 1_000_000,
            objects: 1_000_000,
            outline_operators: 10_000_000,
            values: 2_000_000,
            nesting: 256,
            fonts: 1_000,
            findings_per_check: 100,
            quote_chars: 300,
            report_bytes: 2_000_000,
            map_items: 20_000,
            map_chars: 400_000,
        }
    }
}

/// Which limit was reached, for messages and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    FileBytes,
    StreamBytes,
    DecodedBytes,
    OperatorsPerPage,
    OperatorsTotal,
    Pages,
    Depth,
    GlyphsPerPage,
    GlyphsTotal,
    SpansTotal,
    ShapesTotal,
    Objects,
    OutlineOperators,
    Values,
    Fonts,
    ReportBytes,
}

/// How much of the reading a limit ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One stream or object was left out; the rest was read.
    Item,
    /// The rest of the page where it was reached.
    Page,
    /// The rest of the document, from the page where it was reached.
    Document,
    /// Nothing was left unread, only left out of the report.
    Report,
}

/// `1234567` as `1,234,567`: limits are read by people.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len().saturating_sub(i)) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count in decimal megabytes (kilobytes below one), as file managers and
/// OpenReview state sizes.
pub fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        return format!("{} kB", bytes.div_ceil(1000));
    }
    let mb = bytes as f64 / 1_000_000.0;
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

impl Limit {
    /// What the limit ends when it is reached.
    pub fn scope(self) -> Scope {
        match self {
            Limit::FileBytes
            | Limit::DecodedBytes
            | Limit::OperatorsTotal
            | Limit::Pages
            | Limit::GlyphsTotal
            | Limit::SpansTotal
            | Limit::ShapesTotal
            | Limit::Values => Scope::Document,
            Limit::OperatorsPerPage | Limit::GlyphsPerPage => Scope::Page,
            Limit::StreamBytes
            | Limit::Depth
            | Limit::Objects
            | Limit::Fonts
            | Limit::OutlineOperators => Scope::Item,
            Limit::ReportBytes => Scope::Report,
        }
    }

    /// The limit as a measurement: "a stream decodes to more than 64 MB".
    pub fn describe(self, limits: &Limits) -> String {
        let n = |v: u64| thousands(v);
        match self {
            Limit::FileBytes => format!(
                "the file is larger than the {} precheck reads",
                megabytes(limits.file_bytes)
            ),
            Limit::StreamBytes => format!(
                "a stream decodes to more than {}",
                megabytes(limits.stream_bytes as u64)
            ),
            Limit::DecodedBytes => format!(
                "the document's streams decode to more than {} in all",
                megabytes(limits.decoded_bytes)
            ),
            Limit::OperatorsPerPage => format!(
                "a page has more than {} drawing operators",
                n(limits.operators_per_page)
            ),
            Limit::OperatorsTotal => format!(
                "the document has more than {} drawing operators",
                n(limits.operators_total)
            ),
            Limit::Pages => format!(
                "the document has more than {} pages",
                n(limits.pages as u64)
            ),
            Limit::Depth => format!("objects are nested more than {} deep", limits.depth),
            Limit::GlyphsPerPage => format!(
                "a page shows more than {} glyphs",
                n(limits.glyphs_per_page as u64)
            ),
            Limit::GlyphsTotal => format!(
                "the document shows more than {} glyphs",
                n(limits.glyphs_total)
            ),
            Limit::SpansTotal => format!(
                "the document has more than {} separate pieces of text",
                n(limits.spans_total as u64)
            ),
            Limit::ShapesTotal => format!(
                "the document paints more than {} shapes and images",
                n(limits.shapes_total as u64)
            ),
            Limit::Objects => format!(
                "the file has more than {} objects",
                n(limits.objects as u64)
            ),
            Limit::OutlineOperators => format!(
                "measuring the fonts' glyphs takes more than {} operators",
                n(limits.outline_operators)
            ),
            Limit::Values => format!(
                "the file's objects hold more than {} values",
                n(limits.values)
            ),
            Limit::Fonts => format!(
                "the document uses more than {} fonts",
                n(limits.fonts as u64)
            ),
            Limit::ReportBytes => format!(
                "the report would be larger than {}",
                megabytes(limits.report_bytes as u64)
            ),
        }
    }

    /// The limit with where it was reached and what it left out, for the
    /// `file-format` message: "a page has more than 4,000,000 drawing operators (page 3);
    /// the rest of that page was not read".
    pub fn explain(self, page: Option<usize>, limits: &Limits) -> String {
        let what = self.describe(limits);
        match (self.scope(), page) {
            (Scope::Document, Some(p)) if self == Limit::Pages => {
                format!(
                    "{what}; pages after {} were counted, not read",
                    thousands(p as u64)
                )
            }
            (Scope::Document, Some(p)) => {
                format!("{what} (page {p}); the rest of the document was not read")
            }
            (Scope::Document, None) => format!("{what}; the rest was not read"),
            (Scope::Page, Some(p)) if self == Limit::GlyphsPerPage => {
                format!("{what} (page {p}); the rest of its text was counted, not placed")
            }
            (Scope::Page, Some(p)) => {
                format!("{what} (page {p}); the rest of that page was not read")
            }
            (Scope::Page, None) => what,
            (Scope::Item, Some(p)) if self == Limit::Fonts => {
                format!("{what} (page {p}); text in the others was left out")
            }
            (Scope::Item, Some(p)) if self == Limit::OutlineOperators => {
                format!("{what} (page {p}); later glyphs were measured by their advance widths")
            }
            (Scope::Item, Some(p)) => format!("{what} (page {p}); it was left out"),
            (Scope::Item, None) => format!("{what}; it was left out"),
            (Scope::Report, _) => format!("{what}; fewer findings are listed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4_000_000), "4,000,000");
        assert_eq!(megabytes(200_000_000), "200 MB");
        assert_eq!(megabytes(64_000_000), "64 MB");
        assert_eq!(megabytes(2_500_000), "2.5 MB");
        assert_eq!(megabytes(4_200), "5 kB");
    }

    #[test]
    fn messages_say_what_was_left_out() {
        let l = Limits::default();
        assert_eq!(
            Limit::FileBytes.describe(&l),
            "the file is larger than the 200 MB precheck reads"
        );
        assert_eq!(
            Limit::OperatorsPerPage.explain(Some(3), &l),
            "a page has more than 4,000,000 drawing operators (page 3); the rest of that page was not read"
        );
        assert_eq!(
            Limit::StreamBytes.explain(Some(2), &l),
            "a stream decodes to more than 64 MB (page 2); it was left out"
        );
        assert_eq!(
            Limit::GlyphsTotal.explain(Some(57), &l),
            "the document shows more than 4,000,000 glyphs (page 57); the rest of the document was not read"
        );
        assert_eq!(
            Limit::Pages.explain(Some(2000), &l),
            "the document has more than 2,000 pages; pages after 2,000 were counted, not read"
        );
    }
}
