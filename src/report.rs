//! The report (SPEC §6): what every front end shows, serialised with camelCase keys.
//! Check ids and statuses are stable strings shared by Rust, JSON, the UI and tests.

use crate::pdf::{self, Rect};
use serde::Serialize;

/// The JSON shape's version; bumped only when a key changes meaning or disappears.
pub const SCHEMA: u32 = 1;

/// Every check's stable id, in the order of SPEC §3 (and of a report for a PDF);
/// kebab-case on the wire (`fonts-type3`), the same in Rust, JSON, the TypeScript
/// union (`CheckId` in `src/wasm.rs`, compared in `tests/types.rs`), the UI and docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    FileFormat,
    FileSize,
    PageSize,
    PageLimit,
    Margins,
    FontFamily,
    FontSize,
    FontsEmbedded,
    FontsType3,
    Template,
    AbstractLength,
    Recency,
}

impl CheckId {
    pub const ALL: [CheckId; 12] = [
        CheckId::FileFormat,
        CheckId::FileSize,
        CheckId::PageSize,
        CheckId::PageLimit,
        CheckId::Margins,
        CheckId::FontFamily,
        CheckId::FontSize,
        CheckId::FontsEmbedded,
        CheckId::FontsType3,
        CheckId::Template,
        CheckId::AbstractLength,
        CheckId::Recency,
    ];

    /// The id as written in reports: `fonts-type3`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::FileFormat => "file-format",
            CheckId::FileSize => "file-size",
            CheckId::PageSize => "page-size",
            CheckId::PageLimit => "page-limit",
            CheckId::Margins => "margins",
            CheckId::FontFamily => "font-family",
            CheckId::FontSize => "font-size",
            CheckId::FontsEmbedded => "fonts-embedded",
            CheckId::FontsType3 => "fonts-type3",
            CheckId::Template => "template",
            CheckId::AbstractLength => "abstract-length",
            CheckId::Recency => "recency",
        }
    }

    /// The check's title as authors read it, the one place it is written.
    pub fn title(self) -> &'static str {
        match self {
            CheckId::FileFormat => "Readable PDF",
            CheckId::FileSize => "File size",
            CheckId::PageSize => "Page size",
            CheckId::PageLimit => "Page limit",
            CheckId::Margins => "Margins",
            CheckId::FontFamily => "Body font",
            CheckId::FontSize => "Body font size",
            CheckId::FontsEmbedded => "Fonts embedded",
            CheckId::FontsType3 => "Type 3 fonts",
            CheckId::Template => "Template",
            CheckId::AbstractLength => "Abstract length",
            CheckId::Recency => "Recency",
        }
    }

    pub fn parse(id: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == id)
    }
}

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compared with the id as written, so tests and hosts can say `c.id == "margins"`.
impl PartialEq<&str> for CheckId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

/// What a located finding is on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Object {
    /// Text; the finding's `text` is then the whole line as a reader reads it.
    Text,
    /// A raster image.
    Image,
    /// Vector graphics: a painted path or shading.
    Drawing,
}

/// One located observation behind a check's status.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// 1-based page number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// PDF points, origin at the bottom-left of the page as seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<Rect>,
    /// What the finding points at, when it is something painted on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<Object>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub title: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Findings not listed (past `Limits::findings_per_check`); the last finding then
    /// sums them up in its note ("and 99,896 more pages"), for readers of the findings
    /// alone; a UI can show that line apart.
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted: usize,
}

impl Check {
    pub fn new(id: CheckId, status: Status, message: impl Into<String>) -> Check {
        Check {
            id,
            status,
            title: id.title(),
            message: message.into(),
            hint: None,
            findings: Vec::new(),
            unlisted: 0,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Check {
        self.hint = Some(hint.into());
        self
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BodyFont {
    pub name: String,
    pub size: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbstractSummary {
    /// `input` (given by the author) or `pdf` (extracted from the PDF).
    pub source: &'static str,
    pub words: usize,
    pub chars: usize,
}

/// A font the pages use, as the report lists it (`FontFacts` in the TypeScript types).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FontSummary {
    /// The PostScript name without a subset prefix (`ZJFMCW+` removed).
    pub name: String,
    /// /BaseFont as written.
    pub base_font: String,
    /// The font subtype: Type1, MMType1, TrueType, Type3 or Type0.
    #[serde(rename = "type")]
    pub subtype: String,
    /// For Type0 fonts, the descendant's subtype (CIDFontType0 or CIDFontType2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descendant: Option<String>,
    /// A font program is in the file, or the font is Type 3.
    pub embedded: bool,
    pub subset: bool,
    /// Glyphs drawn with it.
    pub glyphs: u64,
}

impl From<&pdf::FontFacts> for FontSummary {
    fn from(f: &pdf::FontFacts) -> FontSummary {
        FontSummary {
            name: f.name.clone(),
            base_font: f.base_font.clone(),
            subtype: f.subtype.clone(),
            descendant: f.descendant.clone(),
            embedded: f.embedded,
            subset: f.subset,
            glyphs: f.glyphs,
        }
    }
}

/// The arXiv stamp or identifier read on page 1 (`ArxivStamp` in the TypeScript types).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArxivSummary {
    /// `YYMM.NNNNN` or old style `archive/YYMMNNN`.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The date of the stamped version, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl From<&pdf::ArxivStamp> for ArxivSummary {
    fn from(a: &pdf::ArxivStamp) -> ArxivSummary {
        ArxivSummary {
            id: a.id.clone(),
            version: a.version,
            category: a.category.clone(),
            date: a.date.clone(),
        }
    }
}

/// The document information dictionary and XMP metadata, XMP preferred where both exist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Creation date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Modification date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

impl From<&pdf::Info> for InfoSummary {
    fn from(i: &pdf::Info) -> InfoSummary {
        InfoSummary {
            title: i.title.clone(),
            producer: i.producer.clone(),
            creator: i.creator.clone(),
            created: i.created.clone(),
            modified: i.modified.clone(),
        }
    }
}

/// What precheck read from the PDF, for the author to see. Its parts are the report's
/// own types, built from the PDF layer's facts (`From<&DocumentFacts>`), so that the
/// JSON shape (SPEC §6) does not follow changes to those facts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_version: Option<String>,
    pub pages: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_pages: Option<usize>,
    /// Width and height of each page as seen, in points.
    pub page_sizes: Vec<[f64; 2]>,
    /// The template's text block on each page, `[x0, y0, x1, y1]` in points (origin
    /// bottom-left), as the margins check placed it: for drawing page maps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_blocks: Vec<Rect>,
    /// The block the running text actually fills, `[x0, y0, x1, y1]` in points on a
    /// page of the paper's size, when it is not the template's (margins changed, or
    /// another template's layout): the cause the `margins` check leads with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_block: Option<Rect>,
    pub fonts: Vec<FontSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_font: Option<BodyFont>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<ArxivSummary>,
    pub info: InfoSummary,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_summary: Option<AbstractSummary>,
}

impl From<&pdf::DocumentFacts> for DocumentSummary {
    /// What the facts alone say; the checks add the rest (content pages, text blocks,
    /// body font, abstract) and the caller the file's size.
    fn from(facts: &pdf::DocumentFacts) -> DocumentSummary {
        DocumentSummary {
            bytes: facts.bytes,
            pdf_version: Some(facts.pdf_version.clone()),
            pages: facts.page_count,
            content_pages: None,
            page_sizes: facts
                .pages
                .iter()
                .map(|p| {
                    [
                        pdf::geom::round2(p.width_pt),
                        pdf::geom::round2(p.height_pt),
                    ]
                })
                .collect(),
            text_blocks: Vec::new(),
            measured_block: None,
            fonts: facts.fonts.iter().map(FontSummary::from).collect(),
            body_font: None,
            notice: facts.notice.clone(),
            arxiv: facts.arxiv.as_ref().map(ArxivSummary::from),
            info: InfoSummary::from(&facts.info),
            abstract_summary: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema: u32,
    pub profile: String,
    pub kind: String,
    pub verdict: Status,
    pub checks: Vec<Check>,
    pub document: DocumentSummary,
    /// Each page's map, when asked for (`layout: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<Vec<crate::page_map::PageMap>>,
}

/// `fail` if any check fails, else `warn` if any warns, else `pass` (SPEC §3).
pub fn verdict(checks: &[Check]) -> Status {
    if checks.iter().any(|c| c.status == Status::Fail) {
        Status::Fail
    } else if checks.iter().any(|c| c.status == Status::Warn) {
        Status::Warn
    } else {
        Status::Pass
    }
}

impl Report {
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id.as_str() == id)
    }
}

/// Keeps a report within the limits whatever the PDF holds: every quoted PDF string
/// (finding texts and notes, font names, the notice, the arXiv fields, the document
/// information) at most `quote_chars` characters, and the whole report as JSON at
/// most `report_bytes`, listing fewer findings per check until it fits. Returns
/// whether findings had to be dropped for the size.
pub fn bound(report: &mut Report, limits: &crate::Limits) -> bool {
    let max = limits.quote_chars;
    for check in &mut report.checks {
        for f in &mut check.findings {
            clip_opt(&mut f.text, max);
            clip_opt(&mut f.note, max);
        }
    }
    let d = &mut report.document;
    for font in &mut d.fonts {
        clip(&mut font.name, max);
        clip(&mut font.base_font, max);
        clip_opt(&mut font.descendant, max);
    }
    if let Some(b) = &mut d.body_font {
        clip(&mut b.name, max);
    }
    clip_opt(&mut d.notice, max);
    clip_opt(&mut d.pdf_version, max);
    if let Some(a) = &mut d.arxiv {
        clip(&mut a.id, max);
        clip_opt(&mut a.category, max);
        clip_opt(&mut a.date, max);
    }
    let i = &mut d.info;
    for field in [
        &mut i.title,
        &mut i.producer,
        &mut i.creator,
        &mut i.created,
        &mut i.modified,
    ] {
        clip_opt(field, max);
    }
    let mut trimmed = false;
    let mut per_check = limits.findings_per_check;
    while json_len(report) > limits.report_bytes && per_check > 0 {
        per_check /= 2;
        for check in &mut report.checks {
            crate::checks::cap_findings(check, per_check);
        }
        trimmed = true;
    }
    trimmed
}

/// The report's size as compact JSON, counted without building the text.
pub fn json_len(report: &Report) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    match serde_json::to_writer(&mut count, report) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}

/// At most `max` characters, an ellipsis marking the cut.
fn clip(s: &mut String, max: usize) {
    if let Some((at, _)) = s.char_indices().nth(max) {
        s.truncate(at);
        s.push('…');
    }
}

fn clip_opt(s: &mut Option<String>, max: usize) {
    if let Some(s) = s {
        clip(s, max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document part as SPEC §6 writes it: camelCase keys in this order, the font
    /// subtype as `type`, absent values left out.
    #[test]
    fn the_document_part_is_built_from_the_facts_in_the_spec_shape() {
        let facts = pdf::DocumentFacts {
            bytes: 105554,
            pdf_version: "1.5".into(),
            page_count: 1,
            pages: vec![pdf::PageFacts {
                width_pt: 612.004,
                height_pt: 792.0,
                ..pdf::PageFacts::default()
            }],
            fonts: vec![pdf::FontFacts {
                name: "NimbusRomNo9L-Regu".into(),
                base_font: "ZJFMCW+NimbusRomNo9L-Regu".into(),
                subtype: "Type1".into(),
                descendant: None,
                embedded: true,
                subset: true,
                glyphs: 12045,
            }],
            info: pdf::Info {
                title: Some("Sparse".into()),
                created: Some("2022-05-01".into()),
                ..pdf::Info::default()
            },
            arxiv: Some(pdf::ArxivStamp {
                id: "2203.01234".into(),
                version: Some(1),
                category: None,
                date: Some("2022-03-02".into()),
            }),
            notice: Some("Preprint. Under review.".into()),
            ..pdf::DocumentFacts::default()
        };
        let json = serde_json::to_string(&DocumentSummary::from(&facts)).expect("serializes");
        assert_eq!(
            json,
            concat!(
                r#"{"bytes":105554,"pdfVersion":"1.5","pages":1,"pageSizes":[[612.0,792.0]],"#,
                r#""fonts":[{"name":"NimbusRomNo9L-Regu","baseFont":"ZJFMCW+NimbusRomNo9L-Regu","#,
                r#""type":"Type1","embedded":true,"subset":true,"glyphs":12045}],"#,
                r#""notice":"Preprint. Under review.","#,
                r#""arxiv":{"id":"2203.01234","version":1,"date":"2022-03-02"},"#,
                r#""info":{"title":"Sparse","created":"2022-05-01"}}"#
            )
        );
    }
}
