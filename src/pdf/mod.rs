//! The only layer that reads PDF syntax: PDF bytes in, plain facts out (pages and their
//! visible boxes, positioned text, images, painted paths, fonts, metadata, the arXiv
//! stamp and the venue notice). Everything downstream reads these facts alone. Objects
//! come from our own lazy object layer (`cos`: cross-reference data, object streams,
//! filters, decryption), built on the tokenizer (`lex`) content streams share.

mod content;
mod cos;
mod encoding;
mod font;
pub mod geom;
mod glyphnames;
mod ink;
mod interp;
mod lex;
mod load;
mod lookup;
mod meta;
mod page;
pub mod std14;
pub mod text;

use crate::limits::{Limit, Limits};
pub use geom::{Matrix, Rect};

/// Why no facts could be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// No PDF was given where one is needed.
    Missing,
    /// The bytes do not start like a PDF.
    NotPdf,
    /// Opening the file needs a user password.
    NeedsPassword,
    /// The file is a PDF but its structure cannot be read (with the parser's reason).
    Damaged(String),
    /// The file is a PDF but no page could be found in it.
    NoPages,
    /// A named limit stopped the reading before any page could be read.
    LimitReached(Limit),
}

/// Everything the checks know about one PDF.
#[derive(Clone, Debug, Default)]
pub struct DocumentFacts {
    pub bytes: u64,
    pub pdf_version: String,
    /// The number of pages in the page tree (may exceed `pages.len()` past the page limit).
    pub page_count: usize,
    pub pages: Vec<PageFacts>,
    /// Every font the pages use, once per name, sorted by name.
    pub fonts: Vec<FontFacts>,
    pub info: Info,
    pub encrypted: bool,
    /// The arXiv stamp or identifier found on page 1.
    pub arxiv: Option<ArxivStamp>,
    /// Where on page 1 the stamp or identifier was read.
    pub arxiv_bbox: Option<Rect>,
    /// The venue notice at the foot of page 1, as printed.
    pub notice: Option<String>,
    pub notice_bbox: Option<Rect>,
    /// Pages in the page tree whose dictionary could not be read (1-based).
    pub unreadable_pages: Vec<usize>,
    /// Pages whose content could not be read, whole or in part (a part that is not a
    /// decodable stream, or a stream over a limit), 1-based.
    pub unreadable_content: Vec<usize>,
    /// Limits reached while reading, with the page where it happened (1-based) if any.
    pub limits_reached: Vec<(Limit, Option<usize>)>,
    /// What reading the document cost, in the units of the document budgets.
    pub work: WorkDone,
}

/// The document budgets' counts after reading (for measurement: `examples/work.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkDone {
    pub operators: u64,
    pub glyphs: u64,
    pub spans: usize,
    pub shapes: usize,
    pub decoded_bytes: u64,
    pub values: u64,
    /// Font-program operators interpreted to measure glyph ink.
    pub outline_operators: u64,
}

/// One page in its visible box: origin at the box's bottom-left corner, /Rotate applied,
/// so x runs 0..width_pt and y 0..height_pt as a reader sees the page.
#[derive(Clone, Debug, Default)]
pub struct PageFacts {
    /// 1-based page number.
    pub number: usize,
    pub width_pt: f64,
    pub height_pt: f64,
    /// The page's /Rotate, normalised to 0, 90, 180 or 270.
    pub rotate: i64,
    pub spans: Vec<TextSpan>,
    pub images: Vec<ImageBox>,
    pub paths: Vec<PathBox>,
    /// Upright visible text grouped into lines, top to bottom, then left to right.
    pub lines: Vec<TextLine>,
}

/// A run of glyphs in one font and size, on one baseline, with no gap wider than a
/// small fraction of an em: in TeX output roughly a word.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSpan {
    pub text: String,
    /// Index into `DocumentFacts::fonts`.
    pub font: usize,
    /// Effective size: Tf × text matrix × CTM, in points.
    pub size_pt: f64,
    /// Start of the baseline, in page space.
    pub origin: (f64, f64),
    /// The glyphs' advance boxes from descent to ascent, in page space, clipped.
    pub bbox: Rect,
    /// What the span's painted (non-blank) glyphs ink, in page space, clipped: each
    /// glyph's box from its embedded font program, or its advance box where the
    /// program gives none (no program, Type 3, a glyph not found). `bbox` when
    /// nothing of the ink is inside the clip.
    pub ink: Rect,
    /// The baseline runs left to right horizontally (within a degree).
    pub upright: bool,
    /// Painted (text render mode other than 3 or 7, and not clipped away).
    pub visible: bool,
    pub glyphs: u32,
}

impl TextSpan {
    pub fn baseline_y(&self) -> f64 {
        self.origin.1
    }
}

/// A raster image as placed on the page (image XObject or inline image), clipped.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageBox {
    pub bbox: Rect,
}

/// A painted path, clipped; stroke width included in the box.
#[derive(Clone, Debug, PartialEq)]
pub struct PathBox {
    pub bbox: Rect,
    pub fill: Option<Paint>,
    pub stroke: Option<Paint>,
}

impl PathBox {
    /// Nothing visible on white paper: every paint used is white.
    pub fn is_white(&self) -> bool {
        let white = |p: &Option<Paint>| p.as_ref().is_none_or(Paint::is_white);
        (self.fill.is_some() || self.stroke.is_some()) && white(&self.fill) && white(&self.stroke)
    }
}

/// The colour a path is painted with, as far as it matters here: whether it shows on
/// white paper. Eight bits a component, as a screen shows it, so that a page painting a
/// hundred thousand paths (acl_influence_2022's figures) keeps them in 40 bytes each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// A device colour converted to RGB, components 0..=255.
    Rgb(u8, u8, u8),
    /// A pattern, separation or other colour space precheck does not evaluate.
    Other,
}

impl Paint {
    /// A colour from components in 0..1 (clamped), each rounded to eight bits.
    pub fn rgb(r: f64, g: f64, b: f64) -> Paint {
        let byte = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        Paint::Rgb(byte(r), byte(g), byte(b))
    }

    pub fn is_white(&self) -> bool {
        *self == Paint::Rgb(255, 255, 255)
    }
}

/// One line of upright text in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub bbox: Rect,
    pub baseline_y: f64,
    /// The size most of the line's glyphs have.
    pub size_pt: f64,
    /// The font most of the line's glyphs use (index into `DocumentFacts::fonts`).
    pub font: usize,
    /// Indices into `PageFacts::spans`.
    pub spans: Vec<usize>,
}

/// A font as the pages use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontFacts {
    /// The PostScript name without a subset prefix (`ZJFMCW+` removed).
    pub name: String,
    /// /BaseFont as written.
    pub base_font: String,
    /// The font subtype: Type1, MMType1, TrueType, Type3 or Type0.
    pub subtype: String,
    /// For Type0 fonts, the descendant's subtype (CIDFontType0 or CIDFontType2).
    pub descendant: Option<String>,
    /// A font program is in the file (FontFile, FontFile2, FontFile3), or the font is Type 3.
    pub embedded: bool,
    pub subset: bool,
    /// Glyphs drawn with it.
    pub glyphs: u64,
}

/// The document information dictionary and XMP metadata, XMP preferred where both exist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Info {
    pub title: Option<String>,
    pub producer: Option<String>,
    pub creator: Option<String>,
    /// Creation date, `YYYY-MM-DD`.
    pub created: Option<String>,
    /// Modification date, `YYYY-MM-DD`.
    pub modified: Option<String>,
}

/// An arXiv identifier as stamped on page 1 (SPEC §4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArxivStamp {
    /// `YYMM.NNNNN` or old style `archive/YYMMNNN`.
    pub id: String,
    pub version: Option<u32>,
    pub category: Option<String>,
    /// The date of the stamped version, `YYYY-MM-DD`.
    pub date: Option<String>,
}

impl ArxivStamp {
    /// The year and month the first version was posted, read from the identifier.
    pub fn first_month(&self) -> Option<(i32, u32)> {
        text::arxiv_id_month(&self.id)
    }
}

/// Reads the facts of a PDF. `Err` only when nothing at all can be read; limits reached
/// part way are recorded in `limits_reached` and the facts read so far are kept.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<DocumentFacts, ReadError> {
    load::read_document(bytes, limits)
}
