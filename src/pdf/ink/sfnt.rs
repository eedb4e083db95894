//! Glyph bounds from an sfnt font program (FontFile2, FontFile3 /OpenType), over
//! ttf-parser: the bounding box each `glyf` entry records (read, not recomputed from
//! the outline, so composite glyphs cost nothing however they nest), scaled by
//! 1/unitsPerEm; the cmap subtables for code → glyph; the `CFF ` table handed to our
//! own CFF reader. Only `head`, `maxp`, `loca` and `glyf` are needed: fonts embedded in
//! PDFs are often stripped of the rest (`hhea`, `name`, `post`).

use super::super::geom::Rect;
use super::cff::Cff;
use ttf_parser::{RawFace, Tag, cmap, glyf, head, loca, maxp, name::PlatformId};

/// Table records and cmap subtables searched; real fonts have fewer than 30 tables
/// and a handful of subtables.
const MAX_TABLES: usize = 64;

pub struct Sfnt<'d> {
    raw: RawFace<'d>,
    glyf: Option<glyf::Table<'d>>,
    cmap: Option<cmap::Table<'d>>,
    glyphs: usize,
    /// Text-space units per font unit.
    scale: f64,
}

/// A table by tag, searched in order: some embedded subsets list their tables unsorted.
fn table<'d>(raw: &RawFace<'d>, tag: &[u8; 4]) -> Option<&'d [u8]> {
    let tag = Tag::from_bytes(tag);
    let record = raw
        .table_records
        .into_iter()
        .take(MAX_TABLES)
        .find(|r| r.tag == tag)?;
    let start = usize::try_from(record.offset).ok()?;
    let end = start.checked_add(usize::try_from(record.length).ok()?)?;
    raw.data.get(start..end)
}

impl<'d> Sfnt<'d> {
    pub fn parse(data: &'d [u8]) -> Option<Sfnt<'d>> {
        let raw = RawFace::parse(data, 0).ok()?;
        let head = table(&raw, b"head").and_then(head::Table::parse);
        let maxp = table(&raw, b"maxp").and_then(maxp::Table::parse);
        let glyf = match (head, maxp) {
            (Some(h), Some(m)) => table(&raw, b"loca")
                .and_then(|l| loca::Table::parse(m.number_of_glyphs, h.index_to_location_format, l))
                .and_then(|loca| glyf::Table::parse(loca, table(&raw, b"glyf")?)),
            _ => None,
        };
        let cmap = table(&raw, b"cmap").and_then(cmap::Table::parse);
        Some(Sfnt {
            raw,
            glyf,
            cmap,
            glyphs: maxp.map_or(0, |m| usize::from(m.number_of_glyphs.get())),
            scale: 1.0 / f64::from(head.map_or(1000, |h| h.units_per_em)),
        })
    }

    /// The program's CFF outlines (an OpenType font with a `CFF ` table).
    pub fn cff(&self) -> Option<Cff> {
        Cff::parse(table(&self.raw, b"CFF ")?)
    }

    pub fn glyph_count(&self) -> usize {
        self.glyphs
    }

    /// A glyph's recorded box in text space; `None` for an empty glyph.
    pub fn bbox(&self, gid: u16) -> Option<Rect> {
        let r = self.glyf.as_ref()?.bbox(ttf_parser::GlyphId(gid))?;
        if r.x_min > r.x_max || r.y_min > r.y_max {
            return None;
        }
        let s = self.scale;
        Some(Rect::new(
            f64::from(r.x_min) * s,
            f64::from(r.y_min) * s,
            f64::from(r.x_max) * s,
            f64::from(r.y_max) * s,
        ))
    }

    pub fn has_cmap(&self) -> bool {
        self.cmap.is_some_and(|c| !c.subtables.is_empty())
    }

    /// The glyph a (platform, encoding) subtable maps `code` to (not .notdef).
    pub fn cmap(&self, platform: u16, encoding: u16, code: u32) -> Option<u16> {
        let platform = match platform {
            0 => PlatformId::Unicode,
            1 => PlatformId::Macintosh,
            3 => PlatformId::Windows,
            _ => return None,
        };
        let sub = self
            .cmap?
            .subtables
            .into_iter()
            .take(MAX_TABLES)
            .find(|s| s.platform_id == platform && s.encoding_id == encoding)?;
        sub.glyph_index(code).map(|g| g.0).filter(|&g| g != 0)
    }
}
