//! Named limits on what one check may read or compute, so that no input can exhaust
//! memory or time. Each limit has a name that appears in the message when it is reached.

use serde::Serialize;

/// Bounds applied while reading a PDF. The defaults sit far above real papers
/// (a 30-page NeurIPS paper decodes to a few MB and ~200k operators, though one page of
/// plotted points can hold a million) and far below what would hang a browser tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read at all; bigger files get a `file-format` failure.
    pub file_bytes: u64,
    /// Largest decoded size of any one stream (content, object, font, CMap).
    pub stream_bytes: usize,
    /// Content-stream operators interpreted per page, form XObjects included.
    pub operators_per_page: u64,
    /// Operators interpreted in the whole document.
    pub operators_total: u64,
    /// Pages read; later pages are counted but not interpreted.
    pub pages: usize,
    /// Depth of nested form XObjects, page-tree inheritance and `q` nesting.
    pub depth: usize,
    /// Glyphs recorded per page; later ones are counted, not positioned.
    pub glyphs_per_page: usize,
    /// Objects indexed from the cross-reference data (or a scan); later ones are not read.
    pub objects: usize,
    /// Arrays and dictionaries nested inside one object; a deeper object is unreadable,
    /// as a damaged one is.
    pub nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 200_000_000,
            stream_bytes: 64 * 1024 * 1024,
            operators_per_page: 4_000_000,
            operators_total: 20_000_000,
            pages: 2_000,
            depth: 32,
            glyphs_per_page: 200_000,
            objects: 1_000_000,
            nesting: 256,
        }
    }
}

/// Which limit was reached, for messages and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    FileBytes,
    StreamBytes,
    OperatorsPerPage,
    OperatorsTotal,
    Pages,
    Depth,
    GlyphsPerPage,
    Objects,
}

impl Limit {
    pub fn describe(self, limits: &Limits) -> String {
        match self {
            Limit::FileBytes => format!(
                "the file is larger than the {} MB precheck reads",
                limits.file_bytes / 1_000_000
            ),
            Limit::StreamBytes => format!(
                "a stream decodes to more than {} MB",
                limits.stream_bytes / 1_000_000
            ),
            Limit::OperatorsPerPage => format!(
                "a page has more than {} drawing operators",
                limits.operators_per_page
            ),
            Limit::OperatorsTotal => format!(
                "the document has more than {} drawing operators",
                limits.operators_total
            ),
            Limit::Pages => format!("the document has more than {} pages", limits.pages),
            Limit::Depth => format!("objects are nested more than {} deep", limits.depth),
            Limit::GlyphsPerPage => {
                format!("a page shows more than {} glyphs", limits.glyphs_per_page)
            }
            Limit::Objects => format!("the file has more than {} objects", limits.objects),
        }
    }
}
