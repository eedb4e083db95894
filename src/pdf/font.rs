//! Fonts as the interpreter needs them (ISO 32000-1 §9.5–9.10): how a string splits
//! into codes, each code's advance width (/Widths, /W for CID fonts, the standard-14
//! metrics for non-embedded base fonts), its Unicode text (/ToUnicode, else the
//! encoding), ascent/descent, and each glyph's ink box where the embedded program
//! gives one (`ink`). Also the facts a report lists about each font.

use super::FontFacts;
use super::cos::{Dictionary, Document, Object};
use super::encoding::{self, ToUnicode};
use super::geom::{Matrix, Rect};
use super::ink::{Budget, FontInk};
use super::lookup::{self, get_array, get_dict, get_name, get_number, numbers};
use super::std14::{self, StandardFont};
use crate::limits::Limit;

/// Widths entries read from one font; more is an attack, not a font.
const MAX_WIDTH_ENTRIES: usize = 100_000;
/// Used when a font gives no usable ascent or descent (fractions of the font size).
const FALLBACK_ASCENT: f64 = 0.75;
const FALLBACK_DESCENT: f64 = -0.25;
/// Bounds on ascent and descent (fractions of the font size).
const MIN_ASCENT: f64 = 0.5;
const MAX_ASCENT: f64 = 0.8;
const MIN_DESCENT: f64 = -0.3;
/// Used when a glyph has no width anywhere.
const FALLBACK_WIDTH: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Simple,
    Composite,
    Type3,
}

pub struct LoadedFont {
    kind: Kind,
    first_char: u32,
    /// Simple and Type 3 fonts: widths from FirstChar on, in text-space units.
    widths: Vec<f64>,
    missing_width: f64,
    /// Composite fonts: (first CID, last CID, width), sorted by first CID.
    cid_widths: Vec<(u32, u32, f64)>,
    default_width: f64,
    standard: Option<StandardFont>,
    to_unicode: Option<ToUnicode>,
    /// Simple fonts: each code's text by the font's encoding.
    by_encoding: Vec<String>,
    /// Composite fonts whose CMap is UCS-2/UTF-16: codes are Unicode.
    ucs2: bool,
    /// Ascent and descent in text-space units (× font size gives points).
    pub ascent: f64,
    pub descent: f64,
    /// A limit reached while reading the font (its ToUnicode CMap or its program over
    /// the stream limit).
    pub limit: Option<Limit>,
    /// The glyphs' ink boxes from the embedded program, where it gives them.
    ink: FontInk,
}

/// What a report says about a font, without reading its metrics: subtype, name,
/// embedding (FontFile, FontFile2 or FontFile3; Type 3 glyphs are in the file).
fn describe<'a>(
    doc: &'a Document,
    font: &'a Dictionary,
) -> (Kind, Option<&'a Dictionary>, FontFacts) {
    let subtype = get_name(doc, font, b"Subtype")
        .map(name_string)
        .unwrap_or_else(|| "Type1".into());
    let kind = match subtype.as_str() {
        "Type0" => Kind::Composite,
        "Type3" => Kind::Type3,
        _ => Kind::Simple,
    };
    let base_font = get_name(doc, font, b"BaseFont")
        .map(name_string)
        .or_else(|| get_name(doc, font, b"Name").map(name_string))
        .unwrap_or_else(|| "[none]".into());
    let (name, subset) = strip_subset(&base_font);
    let name = name.to_string();
    let descendant = match kind {
        Kind::Composite => get_array(doc, font, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| lookup::as_dict(doc, o)),
        _ => None,
    };
    let embedded = match kind {
        Kind::Type3 => true,
        Kind::Composite => descendant.is_some_and(|d| has_font_file(doc, d)),
        Kind::Simple => has_font_file(doc, font),
    };
    let facts = FontFacts {
        name,
        base_font,
        subtype,
        descendant: descendant
            .and_then(|d| get_name(doc, d, b"Subtype"))
            .map(name_string),
        embedded,
        subset,
        glyphs: 0,
    };
    (kind, descendant, facts)
}

/// The report's facts about a font dictionary (no metrics read).
pub fn font_facts(doc: &Document, font: &Dictionary) -> FontFacts {
    describe(doc, font).2
}

fn matrix6(v: &[f64]) -> Option<Matrix> {
    match *v {
        [a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)),
        _ => None,
    }
}

fn strip_subset(name: &str) -> (&str, bool) {
    let b = name.as_bytes();
    let subset =
        b.len() > 7 && b.get(6) == Some(&b'+') && b.iter().take(6).all(u8::is_ascii_uppercase);
    if subset {
        (name.get(7..).unwrap_or(name), true)
    } else {
        (name, false)
    }
}

fn name_string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn has_font_file(doc: &Document, font: &Dictionary) -> bool {
    get_dict(doc, font, b"FontDescriptor").is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| d.has(k))
    })
}

/// Ascent and descent from the descriptor, kept within what the tallest and deepest
/// letters of real text fonts reach: math extension fonts declare a near-zero ascent
/// that says nothing of their glyphs, and OpenType fonts often declare their line gap
/// (TeX Gyre Termes: 1.07 em), which would put every first line above the margin.
fn vertical_metrics(
    doc: &Document,
    font: &Dictionary,
    standard: Option<StandardFont>,
) -> (f64, f64) {
    let desc = get_dict(doc, font, b"FontDescriptor");
    let from_desc = |key: &[u8]| {
        desc.and_then(|d| get_number(doc, d, key))
            .filter(|v| *v != 0.0)
    };
    let ascent = from_desc(b"Ascent")
        .or_else(|| standard.map(|s| f64::from(s.ascent())))
        .map_or(FALLBACK_ASCENT, |a| {
            (a / 1000.0).clamp(MIN_ASCENT, MAX_ASCENT)
        });
    let descent = from_desc(b"Descent")
        .or_else(|| standard.map(|s| f64::from(s.descent())))
        .map_or(FALLBACK_DESCENT, |d| (d / 1000.0).clamp(MIN_DESCENT, 0.0));
    (ascent, descent)
}

fn parse_cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    // The entries not yet read: `c [w1 w2 …]` or `c_first c_last w`.
    let mut rest = w;
    while out.len() < MAX_WIDTH_ENTRIES {
        let first = rest
            .first()
            .and_then(|o| lookup::resolve(doc, o))
            .and_then(lookup::number);
        let next = rest.get(1).and_then(|o| lookup::resolve(doc, o));
        match (first, next) {
            (Some(first), Some(Object::Array(list))) if first >= 0.0 => {
                for (k, v) in list.iter().take(MAX_WIDTH_ENTRIES).enumerate() {
                    if let Some(width) = lookup::resolve(doc, v).and_then(lookup::number) {
                        let cid = (first as u32).saturating_add(k as u32);
                        out.push((cid, cid, width / 1000.0));
                    }
                }
                rest = rest.get(2..).unwrap_or_default();
            }
            (Some(first), Some(last)) => {
                let last = lookup::number(last);
                let width = rest
                    .get(2)
                    .and_then(|o| lookup::resolve(doc, o))
                    .and_then(lookup::number);
                if let (Some(last), Some(width)) = (last, width)
                    && first >= 0.0
                    && last >= first
                {
                    out.push((
                        first as u32,
                        last.min(f64::from(u32::MAX)) as u32,
                        width / 1000.0,
                    ));
                }
                rest = rest.get(3..).unwrap_or_default();
            }
            _ => break,
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

impl LoadedFont {
    /// Reads a font dictionary's metrics and encoding. Never fails: what cannot be
    /// read falls back to defaults.
    pub fn load(doc: &Document, font: &Dictionary, stream_limit: usize) -> LoadedFont {
        let (kind, descendant, facts) = describe(doc, font);
        let embedded = facts.embedded;
        let name = facts.name.as_str();
        let standard = if embedded {
            None
        } else {
            std14::standard_font(name)
        };
        let metrics_dict = descendant.unwrap_or(font);
        let (mut ascent, mut descent) = vertical_metrics(doc, metrics_dict, standard);
        let mut width_scale = 1.0 / 1000.0;
        if kind == Kind::Type3 {
            let fm = get_array(doc, font, b"FontMatrix")
                .and_then(|a| numbers(doc, a))
                .and_then(|v| matrix6(&v))
                .filter(|m| m.is_finite() && m.a != 0.0 && m.d != 0.0)
                .unwrap_or(Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0));
            width_scale = fm.a;
            let bbox = get_array(doc, font, b"FontBBox").and_then(|a| numbers(doc, a));
            let (top, bottom) = match bbox.as_deref() {
                Some(&[_, y0, _, y1]) => (y0.max(y1) * fm.d.abs(), y0.min(y1) * fm.d.abs()),
                _ => (0.0, 0.0),
            };
            // A glyph space flipped by the matrix (negative d) swaps the two.
            let (top, bottom) = if fm.d < 0.0 {
                (-bottom, -top)
            } else {
                (top, bottom)
            };
            ascent = if top > 0.0 && top.is_finite() {
                top.min(MAX_ASCENT)
            } else {
                FALLBACK_ASCENT
            };
            descent = if bottom <= 0.0 && bottom.is_finite() {
                bottom.max(MIN_DESCENT)
            } else {
                FALLBACK_DESCENT
            };
        }
        let first_char = get_number(doc, font, b"FirstChar")
            .filter(|v| (0.0..65536.0).contains(v))
            .unwrap_or(0.0) as u32;
        let widths = get_array(doc, font, b"Widths")
            .map(|a| {
                a.iter()
                    .take(MAX_WIDTH_ENTRIES)
                    .map(|o| {
                        lookup::resolve(doc, o)
                            .and_then(lookup::number)
                            .unwrap_or(0.0)
                            * width_scale
                    })
                    .collect()
            })
            .unwrap_or_default();
        let missing_width = get_dict(doc, metrics_dict, b"FontDescriptor")
            .and_then(|d| get_number(doc, d, b"MissingWidth"))
            .map_or(f64::NAN, |w| w * width_scale);
        let (cid_widths, default_width) = match descendant {
            Some(d) => (
                get_array(doc, d, b"W")
                    .map(|w| parse_cid_widths(doc, w))
                    .unwrap_or_default(),
                get_number(doc, d, b"DW").map_or(1.0, |w| w / 1000.0),
            ),
            None => (Vec::new(), FALLBACK_WIDTH),
        };
        let ucs2 = kind == Kind::Composite
            && get_name(doc, font, b"Encoding").is_some_and(|e| {
                let e = String::from_utf8_lossy(e);
                e.contains("UCS2") || e.contains("UTF16")
            });
        let simple = encoding::simple_encoding(doc, font);
        let by_encoding = if kind == Kind::Composite {
            Vec::new()
        } else {
            encoding::simple_table(&simple)
        };
        let (to_unicode, limit) = match encoding::to_unicode(doc, font, stream_limit) {
            Ok(cmap) => (cmap, None),
            Err(limit) => (None, Some(limit)),
        };
        let ink = match (kind, descendant) {
            (Kind::Simple, _) => FontInk::simple(doc, font, simple.clone(), stream_limit),
            (Kind::Composite, Some(d)) => FontInk::composite(doc, d, stream_limit),
            _ => Ok(FontInk::None),
        };
        let (ink, limit) = match ink {
            Ok(ink) => (ink, limit),
            Err(ink_limit) => (FontInk::None, limit.or(Some(ink_limit))),
        };
        let by_encoding = match ink.builtin_names() {
            Some(builtin) if kind != Kind::Composite => {
                encoding::simple_table_over(&simple, Some(&builtin))
            }
            _ => by_encoding,
        };
        LoadedFont {
            kind,
            first_char,
            widths,
            missing_width,
            cid_widths,
            default_width,
            standard,
            to_unicode,
            limit,
            by_encoding,
            ucs2,
            ascent,
            descent,
            ink,
        }
    }

    /// A code's ink box in text space (× font size gives points), when the embedded
    /// program gives one; measuring a glyph (once) takes from `budget`.
    pub fn ink(&mut self, code: u32, budget: &mut Budget) -> Option<Rect> {
        self.ink.glyph(code, &self.by_encoding, budget)
    }

    /// Splits a shown string into (code, code length in bytes).
    pub fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = (u32, u8)> + 'b {
        let step = if self.kind == Kind::Composite { 2 } else { 1 };
        bytes.chunks(step).map(|c| match *c {
            [hi, lo] => ((u32::from(hi) << 8) | u32::from(lo), 2),
            [b, ..] => (u32::from(b), 1),
            [] => (0, 1),
        })
    }

    /// The Unicode text of one code; empty when unknown.
    pub fn text(&self, code: u32, len: u8) -> String {
        if let Some(text) = self
            .to_unicode
            .as_ref()
            .and_then(|cmap| cmap.get(code, len))
        {
            return text;
        }
        match self.kind {
            Kind::Composite if self.ucs2 => {
                char::from_u32(code).map(String::from).unwrap_or_default()
            }
            Kind::Composite => String::from('\u{FFFD}'),
            _ => self
                .by_encoding
                .get(code as usize)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Advance width of a code in text-space units (to be multiplied by the font size).
    pub fn width(&self, code: u32, text: &str) -> f64 {
        let w = match self.kind {
            Kind::Composite => {
                let idx = self.cid_widths.partition_point(|e| e.0 <= code);
                idx.checked_sub(1)
                    .and_then(|i| self.cid_widths.get(i))
                    .filter(|e| code <= e.1)
                    .map_or(self.default_width, |e| e.2)
            }
            _ => {
                let listed = code
                    .checked_sub(self.first_char)
                    .and_then(|i| self.widths.get(i as usize))
                    .copied();
                match (listed, self.standard) {
                    (Some(w), _) => w,
                    (None, Some(std)) => {
                        let ch = text.chars().next().unwrap_or(' ');
                        f64::from(std.width(ch).unwrap_or_else(|| std.default_width())) / 1000.0
                    }
                    (None, None) if self.missing_width.is_finite() => self.missing_width,
                    (None, None) => FALLBACK_WIDTH,
                }
            }
        };
        if w.is_finite() { w } else { 0.0 }
    }

    /// Whether word spacing (Tw) applies: single-byte code 32 (ISO 32000-1 §9.3.3).
    pub fn is_word_space(&self, code: u32, len: u8) -> bool {
        len == 1 && code == 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefix_is_six_capitals_and_plus() {
        assert_eq!(
            strip_subset("ZJFMCW+NimbusRomNo9L-Regu"),
            ("NimbusRomNo9L-Regu", true)
        );
        assert_eq!(strip_subset("Times-Roman"), ("Times-Roman", false));
        assert_eq!(strip_subset("abcdef+X"), ("abcdef+X", false));
    }
}
