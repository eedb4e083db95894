//! Glyph ink bounds from a font's embedded program, so that text is measured by what
//! it paints rather than by its advance box (a TeX radical hangs a whole line below
//! its baseline, and its advance box says nothing of that). FontFile (Type 1,
//! `type1`), FontFile3 /Type1C and /CIDFontType0C (bare CFF, `cff`), FontFile2 and
//! FontFile3 /OpenType (sfnt, `sfnt`, over ttf-parser). Codes find their glyphs as
//! ISO 32000-1 §9.6.6 (simple fonts: by glyph name from the encoding, else the
//! program's built-in encoding; TrueType through its cmap, §9.6.6.4) and §9.7.4
//! (CIDFontType2 through /CIDToGIDMap; CID-keyed CFF through its charset) say. Bounds
//! are in text space (glyph units times the font matrix); a glyph the program gives
//! none for is measured by its advance box, as before.

mod cff;
mod cff_names;
mod sfnt;
mod type1;

use super::cos::{Bytes, DecodeError, Dictionary, Document};
use super::encoding::SimpleEncoding;
use super::geom::Rect;
use super::glyphnames::{self, STANDARD};
use super::lookup::{get_dict, get_name, get_number, get_stream};
use crate::limits::Limit;
use cff::Cff;
use sfnt::Sfnt;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use type1::{Builtin, Type1};

/// Glyph boxes kept per composite font; past it, a glyph is measured again each time
/// it is shown (the outline budget still bounds the work).
const MAX_CACHED_GLYPHS: usize = 8192;
/// What looking a glyph up in an sfnt (its table directory, loca, glyf, cmap) takes
/// from the outline budget, in charstring operators' worth of work.
const SFNT_LOOKUP_COST: u64 = 16;
static EMPTY_NAMES: Names = Names(Vec::new());

/// The document's allowance of font-program operators for measuring glyphs
/// (`Limits::outline_operators`), shared by all its fonts.
#[derive(Clone, Debug)]
pub struct Budget {
    left: u64,
    used: u64,
    spent: bool,
}

impl Budget {
    pub fn new(limit: u64) -> Budget {
        Budget {
            left: limit,
            used: 0,
            spent: false,
        }
    }

    /// Takes `n` operators; false (and spent from then on) when they are not left.
    pub fn take(&mut self, n: u64) -> bool {
        match self.left.checked_sub(n) {
            Some(left) if !self.spent => {
                self.left = left;
                self.used = self.used.saturating_add(n);
                true
            }
            _ => {
                self.spent = true;
                false
            }
        }
    }

    pub fn spent(&self) -> bool {
        self.spent
    }

    pub fn used(&self) -> u64 {
        self.used
    }
}

/// The box of the points a glyph program drew through, in glyph units.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    any: bool,
}

impl Bounds {
    pub fn add(&mut self, x: f64, y: f64) {
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        if self.any {
            self.x0 = self.x0.min(x);
            self.y0 = self.y0.min(y);
            self.x1 = self.x1.max(x);
            self.y1 = self.y1.max(y);
        } else {
            *self = Bounds {
                x0: x,
                y0: y,
                x1: x,
                y1: y,
                any: true,
            };
        }
    }

    /// The box, if anything was drawn.
    pub fn get(&self) -> Option<Bounds> {
        self.any.then_some(*self)
    }

    /// The box in text space under a font matrix `[a b c d e f]`.
    fn to_text_space(self, m: &[f64; 6]) -> Option<Rect> {
        let [a, b, c, d, e, f] = *m;
        let corners = [
            (self.x0, self.y0),
            (self.x1, self.y0),
            (self.x0, self.y1),
            (self.x1, self.y1),
        ];
        Rect::bounding(
            corners
                .iter()
                .map(|&(x, y)| (a * x + c * y + e, b * x + d * y + f)),
        )
    }
}

/// `m` then `n` (row-vector order, as PDF matrices).
fn concat(m: &[f64; 6], n: &[f64; 6]) -> [f64; 6] {
    let [a, b, c, d, e, f] = *m;
    let [a2, b2, c2, d2, e2, f2] = *n;
    [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
}

/// Type 1 eexec and charstring decryption (Type 1 Font Format §7.1): the first
/// `skip` plain bytes are random and dropped.
fn decrypt(data: &[u8], key: u16, skip: usize) -> Vec<u8> {
    let mut r = key;
    data.iter()
        .map(|&c| {
            let p = c ^ (r >> 8) as u8;
            r = u16::from(c)
                .wrapping_add(r)
                .wrapping_mul(52845)
                .wrapping_add(22719);
            p
        })
        .skip(skip)
        .collect()
}

/// The inverse of `decrypt`, with `skip` zero bytes in front (for tests).
#[cfg(test)]
fn encrypt(plain: &[u8], key: u16, skip: usize) -> Vec<u8> {
    let mut r = key;
    let mut out = Vec::with_capacity(plain.len().saturating_add(skip));
    for &p in std::iter::repeat_n(&0u8, skip).chain(plain) {
        let c = p ^ (r >> 8) as u8;
        r = u16::from(c)
            .wrapping_add(r)
            .wrapping_mul(52845)
            .wrapping_add(22719);
        out.push(c);
    }
    out
}

/// A program's glyph names with their glyphs, sorted by name, each name once (the
/// program's last definition of it): sorted vectors rather than maps keep the
/// WebAssembly small.
#[derive(Clone, Debug, Default)]
pub struct Names(Vec<(Vec<u8>, usize)>);

impl Names {
    /// From (name, glyph); of equal names the highest glyph is kept (`last`: a Type 1
    /// program's last definition) or the lowest (a CFF charset's first).
    pub fn new(mut entries: Vec<(Vec<u8>, usize)>, last: bool) -> Names {
        entries.sort_unstable();
        if last {
            entries.reverse();
        }
        entries.dedup_by(|a, b| a.0 == b.0);
        if last {
            entries.reverse();
        }
        Names(entries)
    }

    pub fn get(&self, name: &[u8]) -> Option<usize> {
        let k = self.0.binary_search_by(|e| e.0.as_slice().cmp(name)).ok()?;
        self.0.get(k).map(|e| e.1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], usize)> {
        self.0.iter().map(|(n, g)| (n.as_slice(), *g))
    }
}

/// Glyphs by the Unicode their names stand for, preferring the plainest name (`a`
/// over `a.sc`): how a base encoding's character or a StandardEncoding code (seac)
/// finds a glyph in a program keyed by names. Sorted by character.
fn by_unicode(names: &Names) -> Vec<(char, usize)> {
    // Preference: a name without a suffix, then the shorter, then the first in name
    // order; packed into one integer per name (char, suffix, length, position), so
    // that one sort of integers does it.
    let mut keys: Vec<u64> = names
        .iter()
        .enumerate()
        .filter_map(|(position, (name, _))| {
            let text = glyphnames::to_text(&String::from_utf8_lossy(name))?;
            let mut chars = text.chars();
            let (Some(ch), None) = (chars.next(), chars.next()) else {
                return None;
            };
            let position = u64::try_from(position).ok().filter(|&p| p < 1 << 24)?;
            let len = u64::try_from(name.len()).unwrap_or(u64::MAX).min(0x7fff);
            let suffix = u64::from(name.contains(&b'.'));
            Some((u64::from(ch) << 40) | (suffix << 39) | (len << 24) | position)
        })
        .collect();
    keys.sort_unstable();
    keys.dedup_by_key(|k| *k >> 40);
    keys.into_iter()
        .filter_map(|k| {
            let ch = char::from_u32(u32::try_from(k >> 40).ok()?)?;
            let glyph = names.0.get(usize::try_from(k & 0xff_ffff).ok()?)?.1;
            Some((ch, glyph))
        })
        .collect()
}

fn find_char(table: &[(char, usize)], c: char) -> Option<usize> {
    let k = table.binary_search_by_key(&c, |e| e.0).ok()?;
    table.get(k).map(|e| e.1)
}

fn unicode_of(table: &[u16; 256], code: u8) -> Option<char> {
    table
        .get(usize::from(code))
        .filter(|&&u| u != 0)
        .and_then(|&u| char::from_u32(u32::from(u)))
}

/// Where each code's glyph is, for a program keyed by glyph names (Type 1, CFF):
/// the /Differences name, else the base encoding's character by name, else the
/// program's built-in encoding (also when the base's character is not in it).
fn glyph_by_encoding<G: Copy>(
    code: u8,
    encoding: &SimpleEncoding,
    by_name: &dyn Fn(&[u8]) -> Option<G>,
    unicode: &dyn Fn(char) -> Option<G>,
    builtin: &dyn Fn(u8) -> Option<G>,
) -> Option<G> {
    if let Some(g) = encoding.difference(code).and_then(by_name) {
        return Some(g);
    }
    if let Some(base) = encoding.base
        && let Some(g) = unicode_of(base, code).and_then(unicode)
    {
        return Some(g);
    }
    builtin(code)
}

/// A font's glyph ink boxes, in text space, measured code by code as they are shown
/// (each once).
#[derive(Debug, Default)]
pub enum FontInk {
    /// No usable program: every glyph is measured by its advance box.
    #[default]
    None,
    /// A simple font: codes 0–255 through its encoding.
    Simple(Box<Simple>),
    /// A composite font: CIDs.
    Cids(Box<Cids>),
}

/// A simple font's program, its encoding, and the boxes measured so far.
#[derive(Debug)]
pub struct Simple {
    program: SimpleProgram,
    encoding: SimpleEncoding,
    /// The descriptor's flags say symbolic, not nonsymbolic (TrueType cmap choice).
    symbolic: bool,
    /// Per code: `None` until measured.
    measured: Vec<Option<Option<Rect>>>,
    /// The program's glyphs by the Unicode of their names, built when first needed
    /// (a base encoding, StandardEncoding, seac).
    unicode: OnceCell<Vec<(char, usize)>>,
}

#[derive(Debug)]
enum SimpleProgram {
    Type1(Box<Type1>),
    Cff { cff: Box<Cff>, names: Names },
    Sfnt(Vec<u8>),
}

/// A composite font's program and the boxes measured so far.
#[derive(Debug)]
pub struct Cids {
    program: CidProgram,
    cache: BTreeMap<u32, Option<Rect>>,
}

#[derive(Debug)]
enum CidProgram {
    /// TrueType outlines, with /CIDToGIDMap (`None`: Identity).
    Sfnt {
        data: Vec<u8>,
        cid_to_gid: Option<Vec<u8>>,
    },
    /// CFF: a CID-keyed font's CIDs through its charset, else CID as glyph.
    Cff {
        cff: Box<Cff>,
        cids: Option<Vec<u32>>,
    },
}

/// Which program a descriptor embeds, decoded.
enum Program<'a> {
    Type1(Bytes<'a>),
    Cff(Bytes<'a>),
    Sfnt(Bytes<'a>),
}

/// The embedded program of a font descriptor, decoded through the document (so the
/// decoding budget applies); `Err` when a limit stopped the decoding.
fn program<'a>(
    doc: &Document<'a>,
    descriptor: &Dictionary,
    stream_limit: usize,
) -> Result<Option<Program<'a>>, Limit> {
    let (key, stream) = match [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
        .iter()
        .find_map(|k| get_stream(doc, descriptor, k).map(|s| (*k, s)))
    {
        Some(found) => found,
        None => return Ok(None),
    };
    let data = match doc.decode_with_limit(stream, stream_limit) {
        Ok(data) => data,
        Err(DecodeError::Limit(limit)) => return Err(limit),
        Err(DecodeError::Unsupported) => return Ok(None),
    };
    Ok(Some(match key {
        b"FontFile" => Program::Type1(data),
        b"FontFile2" => Program::Sfnt(data),
        _ => match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"OpenType") => Program::Sfnt(data),
            // /Type1C, /CIDFontType0C, or unlabelled: CFF unless it is an sfnt.
            _ if data.starts_with(b"OTTO") || data.starts_with(&[0, 1, 0, 0]) => {
                Program::Sfnt(data)
            }
            _ => Program::Cff(data),
        },
    }))
}

fn cff_names(cff: &Cff) -> Names {
    // The first glyph of a name wins, as charset lookups find it.
    let entries = cff
        .names()
        .into_iter()
        .map(|(n, g)| (n, usize::from(g)))
        .collect();
    Names::new(entries, false)
}

impl FontInk {
    /// A simple font's program (Type 1, MMType1, TrueType with an embedded program).
    pub fn simple(
        doc: &Document,
        font: &Dictionary,
        encoding: SimpleEncoding,
        stream_limit: usize,
    ) -> Result<FontInk, Limit> {
        let Some(descriptor) = get_dict(doc, font, b"FontDescriptor") else {
            return Ok(FontInk::None);
        };
        let program = match program(doc, descriptor, stream_limit)? {
            None => None,
            Some(Program::Type1(data)) => {
                Type1::parse(&data).map(|t| SimpleProgram::Type1(Box::new(t)))
            }
            Some(Program::Cff(data)) => Cff::parse(&data).map(|cff| SimpleProgram::Cff {
                names: cff_names(&cff),
                cff: Box::new(cff),
            }),
            Some(Program::Sfnt(data)) => Sfnt::parse(&data).map(|s| match s.cff() {
                Some(cff) => SimpleProgram::Cff {
                    names: cff_names(&cff),
                    cff: Box::new(cff),
                },
                None => SimpleProgram::Sfnt(data.to_vec()),
            }),
        };
        let Some(program) = program else {
            return Ok(FontInk::None);
        };
        let flags = get_number(doc, descriptor, b"Flags").unwrap_or(0.0) as i64;
        Ok(FontInk::Simple(Box::new(Simple {
            program,
            encoding,
            symbolic: flags & 4 != 0 && flags & 32 == 0,
            measured: vec![None; 256],
            unicode: OnceCell::new(),
        })))
    }

    /// A composite font's program (its descendant's descriptor).
    pub fn composite(
        doc: &Document,
        descendant: &Dictionary,
        stream_limit: usize,
    ) -> Result<FontInk, Limit> {
        let Some(descriptor) = get_dict(doc, descendant, b"FontDescriptor") else {
            return Ok(FontInk::None);
        };
        let cid_to_gid = || match get_stream(doc, descendant, b"CIDToGIDMap") {
            Some(s) => doc
                .decode_with_limit(s, stream_limit)
                .ok()
                .map(|d| d.to_vec()),
            None => None,
        };
        let cff_program = |cff: Cff| {
            let cids = cff.cid.then(|| cff.cid_table());
            CidProgram::Cff {
                cff: Box::new(cff),
                cids,
            }
        };
        let program = match program(doc, descriptor, stream_limit)? {
            None | Some(Program::Type1(_)) => None,
            Some(Program::Cff(data)) => Cff::parse(&data).map(cff_program),
            Some(Program::Sfnt(data)) => match Sfnt::parse(&data) {
                None => None,
                Some(s) => match s.cff() {
                    Some(c) => Some(cff_program(c)),
                    None => Some(CidProgram::Sfnt {
                        data: data.to_vec(),
                        cid_to_gid: cid_to_gid(),
                    }),
                },
            },
        };
        Ok(match program {
            Some(program) => FontInk::Cids(Box::new(Cids {
                program,
                cache: BTreeMap::new(),
            })),
            None => FontInk::None,
        })
    }

    /// The glyph names a simple font's program gives its codes by its own (built-in)
    /// encoding, when that is not StandardEncoding: TeX's math fonts (CMEX10, CMSY10)
    /// carry their encoding only there. 256 entries, `None` where a code has none.
    pub fn builtin_names(&self) -> Option<Vec<Option<Vec<u8>>>> {
        let FontInk::Simple(simple) = self else {
            return None;
        };
        match &simple.program {
            SimpleProgram::Type1(t1) => match &t1.builtin {
                Builtin::Codes(codes) => Some(codes.clone()),
                Builtin::Standard => None,
            },
            SimpleProgram::Cff { cff, names } => {
                if cff.cid || cff.builtin(0).is_err() {
                    return None;
                }
                let mut by_glyph: Vec<(usize, &[u8])> = names.iter().map(|(n, g)| (g, n)).collect();
                by_glyph.sort_unstable();
                let name_of = |g: usize| {
                    by_glyph
                        .binary_search_by(|e| e.0.cmp(&g))
                        .ok()
                        .and_then(|k| by_glyph.get(k))
                        .map(|e| e.1.to_vec())
                };
                Some(
                    (0..=255u8)
                        .map(|c| {
                            cff.builtin(c)
                                .ok()
                                .flatten()
                                .and_then(|g| name_of(usize::from(g)))
                        })
                        .collect(),
                )
            }
            SimpleProgram::Sfnt(_) => None,
        }
    }

    /// A code's ink box in text space, if the program gives one. `text` is a simple
    /// font's text of each code by its encoding (for a TrueType cmap).
    pub fn glyph(&mut self, code: u32, text: &[String], budget: &mut Budget) -> Option<Rect> {
        match self {
            FontInk::None => None,
            FontInk::Simple(simple) => {
                let code = u8::try_from(code).ok()?;
                let slot = simple.measured.get(usize::from(code)).copied().flatten();
                if let Some(known) = slot {
                    return known;
                }
                let measured = simple.measure(code, text, budget);
                if let Some(slot) = simple.measured.get_mut(usize::from(code)) {
                    *slot = Some(measured);
                }
                measured
            }
            FontInk::Cids(cids) => {
                if let Some(hit) = cids.cache.get(&code) {
                    return *hit;
                }
                let measured = cids.program.measure(code, budget);
                if cids.cache.len() < MAX_CACHED_GLYPHS {
                    cids.cache.insert(code, measured);
                }
                measured
            }
        }
    }
}

impl Simple {
    fn measure(&self, code: u8, text: &[String], budget: &mut Budget) -> Option<Rect> {
        let names = match &self.program {
            SimpleProgram::Type1(t1) => t1.names(),
            SimpleProgram::Cff { names, .. } => names,
            SimpleProgram::Sfnt(_) => &EMPTY_NAMES,
        };
        let unicode = |c: char| find_char(self.unicode.get_or_init(|| by_unicode(names)), c);
        let standard = |c: u8| unicode_of(&STANDARD, c).and_then(unicode);
        let by_name = |name: &[u8]| names.get(name);
        match &self.program {
            SimpleProgram::Type1(t1) => {
                let builtin = |c: u8| match &t1.builtin {
                    Builtin::Standard => standard(c),
                    Builtin::Codes(codes) => codes
                        .get(usize::from(c))
                        .and_then(Option::as_deref)
                        .and_then(by_name),
                };
                let g = glyph_by_encoding(code, &self.encoding, &by_name, &unicode, &builtin)?;
                t1.bounds(g, &standard, budget)?.to_text_space(&t1.matrix)
            }
            SimpleProgram::Cff { cff, .. } => {
                let builtin = |c: u8| match cff.builtin(c) {
                    Ok(g) => g.map(usize::from),
                    Err(()) => standard(c),
                };
                // A CID-keyed program in a simple font: codes are glyphs.
                let g = if cff.cid {
                    u16::from(code)
                } else {
                    let g = glyph_by_encoding(code, &self.encoding, &by_name, &unicode, &builtin)?;
                    u16::try_from(g).ok()?
                };
                let standard16 = |c: u8| standard(c).and_then(|g| u16::try_from(g).ok());
                cff.bounds(g, &standard16, budget)?
                    .to_text_space(&cff.matrix(g))
            }
            SimpleProgram::Sfnt(data) => {
                if !budget.take(SFNT_LOOKUP_COST) {
                    return None;
                }
                let s = Sfnt::parse(data)?;
                let named = self.encoding.base.is_some() || self.encoding.has_differences();
                let unicode = text
                    .get(usize::from(code))
                    .and_then(|t| t.chars().next())
                    .map(u32::from);
                s.bbox(truetype_glyph(&s, code, unicode, self.symbolic, named)?)
            }
        }
    }
}

/// A simple TrueType font's glyph for a code through its cmap (ISO 32000-1
/// §9.6.6.4): (3,1) by the Unicode of the code's glyph name when the font is
/// nonsymbolic or names an encoding; (3,0) at 0xF000 + code (and the other usual
/// pages); (1,0) by code; a symbolic font's (3,1) by that Unicode; with no cmap, the
/// code as glyph index.
fn truetype_glyph(
    s: &Sfnt<'_>,
    code: u8,
    unicode: Option<u32>,
    symbolic: bool,
    named: bool,
) -> Option<u16> {
    if (!symbolic || named)
        && let Some(g) = unicode.and_then(|u| s.cmap(3, 1, u))
    {
        return Some(g);
    }
    let c = u32::from(code);
    for page in [0xF000, 0xF100, 0xF200, 0] {
        if let Some(g) = s.cmap(3, 0, page | c) {
            return Some(g);
        }
    }
    if let Some(g) = s.cmap(1, 0, c) {
        return Some(g);
    }
    if let Some(g) = unicode.and_then(|u| s.cmap(3, 1, u)) {
        return Some(g);
    }
    (!s.has_cmap() && usize::from(code) < s.glyph_count()).then_some(u16::from(code))
}

impl CidProgram {
    fn measure(&self, cid: u32, budget: &mut Budget) -> Option<Rect> {
        let cid = u16::try_from(cid).ok()?;
        match self {
            CidProgram::Sfnt { data, cid_to_gid } => {
                if !budget.take(SFNT_LOOKUP_COST) {
                    return None;
                }
                let gid = match cid_to_gid {
                    None => cid,
                    Some(map) => {
                        let at = usize::from(cid).checked_mul(2)?;
                        let b = map.get(at..at.checked_add(2)?)?;
                        u16::from_be_bytes([*b.first()?, *b.get(1)?])
                    }
                };
                Sfnt::parse(data)?.bbox(gid)
            }
            CidProgram::Cff { cff, cids } => {
                let gid = match cids {
                    None => cid,
                    Some(table) => cff::lookup(table, cid)?,
                };
                let bounds = cff.bounds(gid, &|_| None, budget)?;
                bounds.to_text_space(&cff.matrix(gid))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_ends_once_spent() {
        let mut b = Budget::new(3);
        assert!(b.take(2));
        assert!(!b.take(2));
        assert!(b.spent());
        assert!(!b.take(1));
        assert_eq!(b.used(), 2);
    }

    #[test]
    fn plainest_name_wins() {
        let names = [
            (b"a.sc".to_vec(), 1),
            (b"a".to_vec(), 2),
            (b"uni0061".to_vec(), 3),
            (b"acute".to_vec(), 4),
            (b"notaname".to_vec(), 5),
        ];
        let map = by_unicode(&Names::new(names.to_vec(), true));
        assert_eq!(find_char(&map, 'a'), Some(2));
        assert_eq!(find_char(&map, '\u{B4}'), Some(4));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn matrices_compose_like_pdf() {
        let m = concat(
            &[2.0, 0.0, 0.0, 2.0, 1.0, 0.0],
            &[0.001, 0.0, 0.0, 0.001, 0.0, 5.0],
        );
        assert_eq!(m, [0.002, 0.0, 0.0, 0.002, 0.001, 5.0]);
        let b = Bounds {
            x0: 0.0,
            y0: -500.0,
            x1: 100.0,
            y1: 40.0,
            any: true,
        };
        let r = b
            .to_text_space(&[0.001, 0.0, 0.0, 0.001, 0.0, 0.0])
            .unwrap();
        assert_eq!((r.x0, r.y0, r.x1, r.y1), (0.0, -0.5, 0.1, 0.04));
    }
}
