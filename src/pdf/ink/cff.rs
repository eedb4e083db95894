//! Glyph bounds from a CFF font program (FontFile3 /Type1C and /CIDFontType0C, the
//! `CFF ` table of an OpenType font; Adobe Technical Notes #5176 and #5177): INDEX and
//! DICT structures, charset, built-in encoding, FDArray/FDSelect, and a Type 2
//! charstring interpreter that tracks the box of every point drawn, control points
//! included. Our own reader rather than ttf-parser's: that one bounds the nesting of
//! subroutine calls but not their number, so a crafted font costs fanout^10.

use super::cff_names::STANDARD_STRINGS;
use super::{Bounds, Budget};

/// Glyphs in one program (charset entries read); the format's own bound.
const MAX_GLYPHS: usize = 65_535;
/// Entries read from one DICT.
const MAX_DICT_ENTRIES: usize = 512;
/// Font dictionaries in one CID-keyed font's FDArray.
const MAX_FONT_DICTS: usize = 256;
/// Operands on the Type 2 argument stack (the format's limit).
const MAX_STACK: usize = 48;
/// Subroutine nesting (the format's limit is 10; seac adds one level).
const MAX_SUBR_DEPTH: u8 = 11;
/// Charstring operators (and numbers) interpreted for one glyph, subroutines and
/// seac's two glyphs included.
const MAX_GLYPH_OPERATORS: u32 = 50_000;
/// Hint stems counted for hintmask's mask length (the format allows 96).
const MAX_STEMS: usize = 96;

/// A CFF INDEX: `count` objects, located by offsets inside `data`.
#[derive(Clone, Copy, Debug, Default)]
struct Index {
    count: usize,
    off_size: usize,
    /// Where the offset array starts.
    offsets: usize,
    /// The byte before the first object (offsets count from it).
    base: usize,
    /// The first byte after the INDEX.
    end: usize,
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
}

fn read_uint(data: &[u8], at: usize, size: usize) -> Option<usize> {
    let b = data.get(at..at.checked_add(size)?)?;
    b.iter().try_fold(0usize, |acc, &v| {
        acc.checked_mul(256)?.checked_add(usize::from(v))
    })
}

impl Index {
    fn parse(data: &[u8], at: usize) -> Option<Index> {
        let count = usize::from(read_u16(data, at)?);
        let after_count = at.checked_add(2)?;
        if count == 0 {
            return Some(Index {
                end: after_count,
                ..Index::default()
            });
        }
        let off_size = usize::from(*data.get(after_count)?);
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let offsets = after_count.checked_add(1)?;
        let table = count.checked_add(1)?.checked_mul(off_size)?;
        let base = offsets.checked_add(table)?.checked_sub(1)?;
        let last = read_uint(
            data,
            offsets.checked_add(count.checked_mul(off_size)?)?,
            off_size,
        )?;
        let end = base.checked_add(last)?;
        if end > data.len() {
            return None;
        }
        Some(Index {
            count,
            off_size,
            offsets,
            base,
            end,
        })
    }

    fn get<'d>(&self, data: &'d [u8], i: usize) -> Option<&'d [u8]> {
        if i >= self.count {
            return None;
        }
        let at = |k: usize| -> Option<usize> {
            let pos = self.offsets.checked_add(k.checked_mul(self.off_size)?)?;
            self.base.checked_add(read_uint(data, pos, self.off_size)?)
        };
        let start = at(i)?;
        let end = at(i.checked_add(1)?)?;
        // Offsets count from 1: an object cannot start before the data.
        if start <= self.base {
            return None;
        }
        data.get(start..end)
    }
}

/// A DICT's entries: operator (two-byte ones as `0x0C00 | b1`) and its operands.
fn parse_dict(data: &[u8]) -> Vec<(u16, Vec<f64>)> {
    let mut out = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0usize;
    while let Some(&b0) = data.get(i) {
        if out.len() >= MAX_DICT_ENTRIES {
            break;
        }
        i = i.saturating_add(1);
        let value = match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    let b1 = data.get(i).copied().unwrap_or(0);
                    i = i.saturating_add(1);
                    0x0C00 | u16::from(b1)
                } else {
                    u16::from(b0)
                };
                out.push((op, std::mem::take(&mut operands)));
                continue;
            }
            28 => {
                let v = read_u16(data, i).map(|v| f64::from(v as i16));
                i = i.saturating_add(2);
                v
            }
            29 => {
                let v = data
                    .get(i..i.saturating_add(4))
                    .and_then(|b| b.try_into().ok())
                    .map(|b| f64::from(i32::from_be_bytes(b)));
                i = i.saturating_add(4);
                v
            }
            30 => {
                let (v, len) = real(data.get(i..).unwrap_or_default());
                i = i.saturating_add(len);
                v
            }
            32..=246 => Some(f64::from(b0) - 139.0),
            247..=254 => {
                let b1 = f64::from(data.get(i).copied().unwrap_or(0));
                i = i.saturating_add(1);
                Some(if b0 <= 250 {
                    (f64::from(b0) - 247.0) * 256.0 + b1 + 108.0
                } else {
                    -(f64::from(b0) - 251.0) * 256.0 - b1 - 108.0
                })
            }
            _ => None,
        };
        match value {
            Some(v) if operands.len() < MAX_STACK => operands.push(v),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// A DICT real (nibbles: digits, point, E, E-, minus, end), with the bytes it took.
/// Read by hand, as the PDF tokenizer reads numbers: `str::parse` would bring its
/// tables into the WebAssembly for a FontMatrix.
fn real(data: &[u8]) -> (Option<f64>, usize) {
    let mut mantissa = 0.0f64;
    let mut scale: i32 = 0;
    let mut exponent: i32 = 0;
    let (mut point, mut in_exponent, mut negative, mut exponent_negative) =
        (false, false, false, false);
    for (k, &b) in data.iter().enumerate() {
        for nibble in [b >> 4, b & 0x0f] {
            match nibble {
                0..=9 if in_exponent => {
                    exponent = exponent
                        .saturating_mul(10)
                        .saturating_add(i32::from(nibble))
                        .min(MAX_EXPONENT);
                }
                0..=9 => {
                    mantissa = mantissa * 10.0 + f64::from(nibble);
                    if point {
                        scale = scale.saturating_sub(1);
                    }
                }
                0xa => point = true,
                0xb => in_exponent = true,
                0xc => (in_exponent, exponent_negative) = (true, true),
                0xe => negative = true,
                0xf => {
                    let e = if exponent_negative {
                        exponent.saturating_neg()
                    } else {
                        exponent
                    };
                    let v = mantissa * 10f64.powi(scale.saturating_add(e));
                    let v = if negative { -v } else { v };
                    return (v.is_finite().then_some(v), k.saturating_add(1));
                }
                _ => return (None, k.saturating_add(1)),
            }
        }
    }
    (None, data.len())
}

/// Beyond this power of ten a DICT real is infinite or zero anyway.
const MAX_EXPONENT: i32 = 400;

fn entry(dict: &[(u16, Vec<f64>)], op: u16) -> Option<&[f64]> {
    dict.iter()
        .find(|(o, _)| *o == op)
        .map(|(_, v)| v.as_slice())
}

fn offset(dict: &[(u16, Vec<f64>)], op: u16) -> Option<usize> {
    let v = *entry(dict, op)?.first()?;
    (v >= 0.0 && v < usize::MAX as f64).then_some(v as usize)
}

fn matrix_of(dict: &[(u16, Vec<f64>)]) -> Option<[f64; 6]> {
    match *entry(dict, 0x0C07)? {
        [a, b, c, d, e, f] if a * d - b * c != 0.0 => Some([a, b, c, d, e, f]),
        _ => None,
    }
}

/// A Private DICT's local subroutines (its /Subrs offset counts from the DICT).
fn local_subrs(data: &[u8], private: &[f64]) -> Option<Index> {
    let (size, at) = match *private {
        [size, at] if size >= 0.0 && at >= 0.0 => (size as usize, at as usize),
        _ => return None,
    };
    let dict = parse_dict(data.get(at..at.checked_add(size)?)?);
    let subrs = at.checked_add(offset(&dict, 19)?)?;
    Index::parse(data, subrs)
}

/// Which glyph uses which font dictionary (CID-keyed fonts).
#[derive(Clone, Debug, Default)]
enum FdSelect {
    #[default]
    First,
    /// Format 0: one byte per glyph.
    PerGlyph(Vec<u8>),
    /// Format 3: (first glyph, font dict), sorted.
    Ranges(Vec<(u16, u8)>),
}

impl FdSelect {
    fn parse(data: &[u8], at: usize, glyphs: usize) -> FdSelect {
        let at1 = at.saturating_add(1);
        match data.get(at) {
            Some(0) => FdSelect::PerGlyph(
                data.get(at1..at1.saturating_add(glyphs))
                    .unwrap_or_default()
                    .to_vec(),
            ),
            Some(3) => {
                let n = read_u16(data, at1).map_or(0, usize::from);
                let ranges = (0..n)
                    .map_while(|k| {
                        let pos = at1.checked_add(2)?.checked_add(k.checked_mul(3)?)?;
                        Some((read_u16(data, pos)?, *data.get(pos.checked_add(2)?)?))
                    })
                    .collect();
                FdSelect::Ranges(ranges)
            }
            _ => FdSelect::First,
        }
    }

    fn of(&self, gid: u16) -> usize {
        match self {
            FdSelect::First => 0,
            FdSelect::PerGlyph(fds) => fds.get(usize::from(gid)).map_or(0, |&f| usize::from(f)),
            FdSelect::Ranges(ranges) => {
                let k = ranges.partition_point(|r| r.0 <= gid);
                k.checked_sub(1)
                    .and_then(|k| ranges.get(k))
                    .map_or(0, |r| usize::from(r.1))
            }
        }
    }
}

/// A parsed CFF font (the first of its FontSet), owning its bytes.
#[derive(Clone, Debug)]
pub struct Cff {
    data: Vec<u8>,
    charstrings: Index,
    gsubrs: Index,
    strings: Index,
    /// Local subroutines, per font dictionary (one for a name-keyed font).
    locals: Vec<Option<Index>>,
    /// Per font dictionary: its FontMatrix, if it has one.
    fd_matrices: Vec<Option<[f64; 6]>>,
    fd_select: FdSelect,
    /// Top DICT FontMatrix as written, if written.
    top_matrix: Option<[f64; 6]>,
    /// Glyph → SID (name-keyed) or CID (CID-keyed).
    charset: Vec<u16>,
    /// A CID-keyed font (its Top DICT has ROS).
    pub cid: bool,
    /// The built-in encoding: each code's glyph (0: none); `None` for
    /// StandardEncoding.
    encoding: Option<Vec<u16>>,
}

/// The predefined ISOAdobe charset: glyph i is SID i, up to 228 (zcaron).
const ISO_ADOBE_LAST_SID: u16 = 228;

fn parse_charset(data: &[u8], at: usize, glyphs: usize) -> Vec<u16> {
    let mut out = vec![0u16];
    match at {
        0 => {
            out.extend((1..glyphs.min(usize::from(ISO_ADOBE_LAST_SID) + 1)).map(|g| g as u16));
            return out;
        }
        // Expert and ExpertSubset: names precheck has no table for.
        1 | 2 => return out,
        _ => {}
    }
    let Some(&format) = data.get(at) else {
        return out;
    };
    let mut pos = at.saturating_add(1);
    while out.len() < glyphs {
        match format {
            0 => {
                let Some(sid) = read_u16(data, pos) else {
                    break;
                };
                out.push(sid);
                pos = pos.saturating_add(2);
            }
            1 | 2 => {
                let Some(first) = read_u16(data, pos) else {
                    break;
                };
                let left = if format == 1 {
                    data.get(pos.saturating_add(2)).map(|&v| u16::from(v))
                } else {
                    read_u16(data, pos.saturating_add(2))
                };
                let Some(left) = left else { break };
                pos = pos.saturating_add(if format == 1 { 3 } else { 4 });
                for k in 0..=left {
                    if out.len() >= glyphs {
                        break;
                    }
                    out.push(first.saturating_add(k));
                }
            }
            _ => break,
        }
    }
    out
}

/// A custom built-in encoding (§12): code → glyph, supplements resolved by SID.
fn parse_encoding(data: &[u8], at: usize, charset: &[u16]) -> Option<Vec<u16>> {
    let mut codes = vec![0u16; 256];
    let mut set = |code: u8, gid: u16| {
        if let Some(slot) = codes.get_mut(usize::from(code)) {
            *slot = gid;
        }
    };
    let format = *data.get(at)?;
    let n = usize::from(*data.get(at.checked_add(1)?)?);
    let mut pos = at.checked_add(2)?;
    match format & 0x7f {
        0 => {
            for gid in 1..=n {
                set(*data.get(pos)?, u16::try_from(gid).ok()?);
                pos = pos.checked_add(1)?;
            }
        }
        1 => {
            let mut gid: u16 = 1;
            for _ in 0..n {
                let first = *data.get(pos)?;
                let left = *data.get(pos.checked_add(1)?)?;
                pos = pos.checked_add(2)?;
                for k in 0..=left {
                    set(first.saturating_add(k), gid);
                    gid = gid.saturating_add(1);
                }
            }
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        let sups = usize::from(*data.get(pos)?);
        pos = pos.checked_add(1)?;
        let by_sid = pairs(charset);
        for _ in 0..sups {
            let code = *data.get(pos)?;
            let sid = read_u16(data, pos.checked_add(1)?)?;
            pos = pos.checked_add(3)?;
            if let Some(gid) = lookup(&by_sid, sid) {
                set(code, gid);
            }
        }
    }
    Some(codes)
}

/// A charset read backwards: each SID or CID with its first glyph, packed
/// `value << 16 | glyph` and sorted (one sort of integers, not one per tuple type).
fn pairs(charset: &[u16]) -> Vec<u32> {
    let mut table: Vec<u32> = charset
        .iter()
        .enumerate()
        .filter_map(|(gid, &v)| Some((u32::from(v) << 16) | u32::from(u16::try_from(gid).ok()?)))
        .collect();
    table.sort_unstable();
    table.dedup_by_key(|e| *e >> 16);
    table
}

/// The glyph `pairs` gives a SID or CID.
pub fn lookup(table: &[u32], value: u16) -> Option<u16> {
    let k = table
        .binary_search_by_key(&value, |e| (*e >> 16) as u16)
        .ok()?;
    table.get(k).map(|e| (*e & 0xffff) as u16)
}

fn subr_bias(count: usize) -> usize {
    match count {
        0..1240 => 107,
        1240..33900 => 1131,
        _ => 32768,
    }
}

impl Cff {
    /// Reads the first font of a CFF FontSet; `None` when it is not one this reader
    /// can use.
    pub fn parse(data: &[u8]) -> Option<Cff> {
        let header_size = usize::from(*data.get(2)?);
        let names = Index::parse(data, header_size)?;
        let top = Index::parse(data, names.end)?;
        let strings = Index::parse(data, top.end)?;
        let gsubrs = Index::parse(data, strings.end)?;
        let dict = parse_dict(top.get(data, 0)?);
        if entry(&dict, 0x0C06)
            .and_then(|v| v.first())
            .is_some_and(|&t| t != 2.0)
        {
            return None;
        }
        let charstrings = Index::parse(data, offset(&dict, 17)?)?;
        let glyphs = charstrings.count.min(MAX_GLYPHS);
        let cid = entry(&dict, 0x0C1E).is_some();
        let charset = parse_charset(data, offset(&dict, 15).unwrap_or(0), glyphs);
        let (locals, fd_matrices, fd_select) = if cid {
            let fd_array = Index::parse(data, offset(&dict, 0x0C24)?)?;
            let mut locals = Vec::new();
            let mut matrices = Vec::new();
            for k in 0..fd_array.count.min(MAX_FONT_DICTS) {
                let fd = parse_dict(fd_array.get(data, k).unwrap_or_default());
                locals.push(entry(&fd, 18).and_then(|p| local_subrs(data, p)));
                matrices.push(matrix_of(&fd));
            }
            let select = offset(&dict, 0x0C25)
                .map(|at| FdSelect::parse(data, at, glyphs))
                .unwrap_or_default();
            (locals, matrices, select)
        } else {
            let local = entry(&dict, 18).and_then(|p| local_subrs(data, p));
            (vec![local], vec![None], FdSelect::First)
        };
        let encoding = match offset(&dict, 16).unwrap_or(0) {
            _ if cid => None,
            0 => None,
            1 => Some(vec![0; 256]),
            at => parse_encoding(data, at, &charset),
        };
        Some(Cff {
            data: data.to_vec(),
            charstrings,
            gsubrs,
            strings,
            locals,
            fd_matrices,
            fd_select,
            top_matrix: matrix_of(&dict),
            charset,
            cid,
            encoding,
        })
    }

    /// A name-keyed font's glyph names with their glyphs, in glyph order.
    pub fn names(&self) -> Vec<(Vec<u8>, u16)> {
        if self.cid {
            return Vec::new();
        }
        self.charset
            .iter()
            .enumerate()
            .filter_map(|(gid, &sid)| {
                let sid = usize::from(sid);
                let name = match STANDARD_STRINGS.get(sid) {
                    Some(s) => s.as_bytes().to_vec(),
                    None => self
                        .strings
                        .get(&self.data, sid.checked_sub(STANDARD_STRINGS.len())?)?
                        .to_vec(),
                };
                Some((name, u16::try_from(gid).ok()?))
            })
            .collect()
    }

    /// The glyph the built-in encoding gives a code: `Err(())` when that encoding is
    /// StandardEncoding (to be resolved by name).
    pub fn builtin(&self, code: u8) -> Result<Option<u16>, ()> {
        match &self.encoding {
            None => Err(()),
            Some(codes) => Ok(codes.get(usize::from(code)).copied().filter(|&g| g != 0)),
        }
    }

    /// A CID-keyed font's CID → glyph table ([`lookup`]).
    pub fn cid_table(&self) -> Vec<u32> {
        pairs(&self.charset)
    }

    /// The matrix from a glyph's units to text space: its font dictionary's FontMatrix
    /// (times the Top DICT's, when both are written), else the Top DICT's, else 1/1000.
    pub fn matrix(&self, gid: u16) -> [f64; 6] {
        let fd = self
            .fd_matrices
            .get(self.fd_select.of(gid))
            .copied()
            .flatten();
        match (fd, self.top_matrix) {
            (Some(f), Some(t)) => super::concat(&f, &t),
            (Some(m), None) | (None, Some(m)) => m,
            (None, None) => [0.001, 0.0, 0.0, 0.001, 0.0, 0.0],
        }
    }

    /// A glyph's bounds in glyph units; `None` when it draws nothing or cannot be read.
    /// `standard` finds seac's glyphs by StandardEncoding code.
    pub fn bounds(
        &self,
        gid: u16,
        standard: &dyn Fn(u8) -> Option<u16>,
        budget: &mut Budget,
    ) -> Option<Bounds> {
        let code = self.charstrings.get(&self.data, usize::from(gid))?;
        let local = self.locals.get(self.fd_select.of(gid)).copied().flatten();
        let mut run = Run {
            cff: self,
            local,
            standard,
            budget,
            stack: Vec::with_capacity(MAX_STACK),
            x: 0.0,
            y: 0.0,
            stems: 0,
            width_done: false,
            ops: 0,
            bounds: Bounds::default(),
            seac: false,
        };
        run.exec(code, 0).ok()?;
        run.bounds.get()
    }
}

enum Flow {
    Return,
    End,
}

struct Stop;

struct Run<'f, 'b> {
    cff: &'f Cff,
    local: Option<Index>,
    standard: &'f dyn Fn(u8) -> Option<u16>,
    budget: &'b mut Budget,
    stack: Vec<f64>,
    x: f64,
    y: f64,
    stems: usize,
    /// The first stack-clearing operator has been seen (it may carry the width).
    width_done: bool,
    ops: u32,
    bounds: Bounds,
    seac: bool,
}

impl Run<'_, '_> {
    fn tick(&mut self) -> Result<(), Stop> {
        self.ops = self.ops.saturating_add(1);
        if self.ops > MAX_GLYPH_OPERATORS || !self.budget.take(1) {
            return Err(Stop);
        }
        Ok(())
    }

    /// Drops the width in front of the first stack-clearing operator's operands,
    /// which it carries when the count exceeds what the operator takes.
    fn width(&mut self, extra: bool) {
        if !self.width_done {
            self.width_done = true;
            if extra && !self.stack.is_empty() {
                self.stack.remove(0);
            }
        }
    }

    fn line(&mut self, dx: f64, dy: f64) {
        self.bounds.add(self.x, self.y);
        self.x += dx;
        self.y += dy;
        self.bounds.add(self.x, self.y);
    }

    fn curve(&mut self, d: [f64; 6]) {
        self.bounds.add(self.x, self.y);
        let (x1, y1) = (self.x + d[0], self.y + d[1]);
        let (x2, y2) = (x1 + d[2], y1 + d[3]);
        let (x3, y3) = (x2 + d[4], y2 + d[5]);
        self.bounds.add(x1, y1);
        self.bounds.add(x2, y2);
        self.bounds.add(x3, y3);
        self.x = x3;
        self.y = y3;
    }

    fn arg(&self, k: usize) -> f64 {
        self.stack.get(k).copied().unwrap_or(0.0)
    }

    fn call(&mut self, subrs: Option<Index>, depth: u8) -> Result<Option<Flow>, Stop> {
        let subrs = subrs.ok_or(Stop)?;
        let index = self.stack.pop().ok_or(Stop)?;
        let biased = index + subr_bias(subrs.count) as f64;
        if biased < 0.0 {
            return Err(Stop);
        }
        let code = subrs.get(&self.cff.data, biased as usize).ok_or(Stop)?;
        match self.exec(code, depth.saturating_add(1))? {
            Flow::End => Ok(Some(Flow::End)),
            Flow::Return => Ok(None),
        }
    }

    fn exec(&mut self, code: &[u8], depth: u8) -> Result<Flow, Stop> {
        if depth > MAX_SUBR_DEPTH {
            return Err(Stop);
        }
        let mut i = 0usize;
        while let Some(&v) = code.get(i) {
            i = i.saturating_add(1);
            self.tick()?;
            let number = match v {
                28 => {
                    let n = read_u16(code, i).ok_or(Stop)?;
                    i = i.saturating_add(2);
                    Some(f64::from(n as i16))
                }
                32..=246 => Some(f64::from(v) - 139.0),
                247..=254 => {
                    let w = f64::from(*code.get(i).ok_or(Stop)?);
                    i = i.saturating_add(1);
                    Some(if v <= 250 {
                        (f64::from(v) - 247.0) * 256.0 + w + 108.0
                    } else {
                        -(f64::from(v) - 251.0) * 256.0 - w - 108.0
                    })
                }
                255 => {
                    let b = code.get(i..i.saturating_add(4)).ok_or(Stop)?;
                    i = i.saturating_add(4);
                    let fixed = i32::from_be_bytes(b.try_into().map_err(|_| Stop)?);
                    Some(f64::from(fixed) / 65536.0)
                }
                _ => None,
            };
            if let Some(n) = number {
                if self.stack.len() >= MAX_STACK {
                    return Err(Stop);
                }
                self.stack.push(n);
                continue;
            }
            let n = self.stack.len();
            match v {
                // hstem, vstem, hstemhm, vstemhm.
                1 | 3 | 18 | 23 => {
                    self.width(n % 2 == 1);
                    self.stems = self.stems.saturating_add(self.stack.len() / 2);
                    self.stack.clear();
                }
                // hintmask, cntrmask: operands before them are vstem hints.
                19 | 20 => {
                    self.width(n % 2 == 1);
                    self.stems = self.stems.saturating_add(self.stack.len() / 2);
                    self.stack.clear();
                    if self.stems > MAX_STEMS {
                        return Err(Stop);
                    }
                    i = i.saturating_add(self.stems.div_ceil(8));
                }
                21 => {
                    self.width(n > 2);
                    self.x += self.arg(0);
                    self.y += self.arg(1);
                    self.stack.clear();
                }
                22 | 4 => {
                    self.width(n > 1);
                    if v == 22 {
                        self.x += self.arg(0);
                    } else {
                        self.y += self.arg(0);
                    }
                    self.stack.clear();
                }
                5 => {
                    for k in (0..n.saturating_sub(1)).step_by(2) {
                        self.line(self.arg(k), self.arg(k.saturating_add(1)));
                    }
                    self.stack.clear();
                }
                // hlineto, vlineto: alternating directions.
                6 | 7 => {
                    let mut horizontal = v == 6;
                    for k in 0..n {
                        let d = self.arg(k);
                        if horizontal {
                            self.line(d, 0.0);
                        } else {
                            self.line(0.0, d);
                        }
                        horizontal = !horizontal;
                    }
                    self.stack.clear();
                }
                8 => {
                    for k in (0..n.saturating_sub(5)).step_by(6) {
                        self.curve(self.six(k));
                    }
                    self.stack.clear();
                }
                // rcurveline: curves, then a line.
                24 => {
                    let curves = n.saturating_sub(2) / 6;
                    for c in 0..curves {
                        self.curve(self.six(c.saturating_mul(6)));
                    }
                    let k = curves.saturating_mul(6);
                    self.line(self.arg(k), self.arg(k.saturating_add(1)));
                    self.stack.clear();
                }
                // rlinecurve: lines, then a curve.
                25 => {
                    let lines = n.saturating_sub(6) / 2;
                    for l in 0..lines {
                        let k = l.saturating_mul(2);
                        self.line(self.arg(k), self.arg(k.saturating_add(1)));
                    }
                    self.curve(self.six(lines.saturating_mul(2)));
                    self.stack.clear();
                }
                // vvcurveto, hhcurveto: an optional first cross delta, then fours.
                26 | 27 => {
                    let mut k = n % 4;
                    let mut cross = if k > 0 { self.arg(0) } else { 0.0 };
                    while k.saturating_add(4) <= n {
                        let (a, b, c, d) = (
                            self.arg(k),
                            self.arg(k.saturating_add(1)),
                            self.arg(k.saturating_add(2)),
                            self.arg(k.saturating_add(3)),
                        );
                        if v == 26 {
                            self.curve([cross, a, b, c, 0.0, d]);
                        } else {
                            self.curve([a, cross, b, c, d, 0.0]);
                        }
                        cross = 0.0;
                        k = k.saturating_add(4);
                    }
                    self.stack.clear();
                }
                // vhcurveto, hvcurveto: fours alternating, the last with an optional
                // fifth (its end's cross delta).
                30 | 31 => {
                    let mut vertical = v == 30;
                    let mut k = 0usize;
                    while k.saturating_add(4) <= n {
                        let (a, b, c, d) = (
                            self.arg(k),
                            self.arg(k.saturating_add(1)),
                            self.arg(k.saturating_add(2)),
                            self.arg(k.saturating_add(3)),
                        );
                        let last = n.saturating_sub(k) == 5;
                        let e = if last {
                            self.arg(k.saturating_add(4))
                        } else {
                            0.0
                        };
                        if vertical {
                            self.curve([0.0, a, b, c, d, e]);
                        } else {
                            self.curve([a, 0.0, b, c, e, d]);
                        }
                        vertical = !vertical;
                        k = k.saturating_add(4);
                    }
                    self.stack.clear();
                }
                10 => {
                    let local = self.local;
                    if let Some(flow) = self.call(local, depth)? {
                        return Ok(flow);
                    }
                }
                29 => {
                    let global = Some(self.cff.gsubrs);
                    if let Some(flow) = self.call(global, depth)? {
                        return Ok(flow);
                    }
                }
                11 => return Ok(Flow::Return),
                14 => {
                    self.width(n == 1 || n == 5);
                    if self.stack.len() == 4 {
                        self.seac(depth)?;
                    }
                    return Ok(Flow::End);
                }
                12 => {
                    let op = *code.get(i).ok_or(Stop)?;
                    i = i.saturating_add(1);
                    self.escape(op)?;
                }
                _ => return Err(Stop),
            }
        }
        Ok(Flow::Return)
    }

    fn six(&self, k: usize) -> [f64; 6] {
        let mut d = [0.0; 6];
        for (j, slot) in d.iter_mut().enumerate() {
            *slot = self.arg(k.saturating_add(j));
        }
        d
    }

    /// endchar with four operands: an accented glyph from two StandardEncoding codes.
    fn seac(&mut self, depth: u8) -> Result<(), Stop> {
        let (adx, ady, bchar, achar) = (self.arg(0), self.arg(1), self.arg(2), self.arg(3));
        if self.seac {
            return Err(Stop);
        }
        self.seac = true;
        let code = |v: f64| (0.0..256.0).contains(&v).then_some(v as u8);
        let base = code(bchar).and_then(self.standard).ok_or(Stop)?;
        let accent = code(achar).and_then(self.standard).ok_or(Stop)?;
        let cff = self.cff;
        let base = cff
            .charstrings
            .get(&cff.data, usize::from(base))
            .ok_or(Stop)?;
        let accent = cff
            .charstrings
            .get(&cff.data, usize::from(accent))
            .ok_or(Stop)?;
        // Each component is a whole charstring from its own origin, with its own
        // (ignored) width and hints.
        for (glyph, (ox, oy)) in [(base, (0.0, 0.0)), (accent, (adx, ady))] {
            self.stack.clear();
            self.x = ox;
            self.y = oy;
            self.width_done = false;
            self.stems = 0;
            self.exec(glyph, depth.saturating_add(1))?;
        }
        self.stack.clear();
        Ok(())
    }

    /// The two-byte operators (`12 op`).
    fn escape(&mut self, op: u8) -> Result<(), Stop> {
        let n = self.stack.len();
        let a = |k: usize| self.arg(k);
        match op {
            // dotsection (deprecated): nothing.
            0 => self.stack.clear(),
            // flex: two curves, thirteen operands (the last is the flex depth).
            35 if n >= 12 => {
                let (c1, c2) = (self.six(0), self.six(6));
                self.curve(c1);
                self.curve(c2);
                self.stack.clear();
            }
            // hflex.
            34 if n >= 7 => {
                let c1 = [a(0), 0.0, a(1), a(2), a(3), 0.0];
                let c2 = [a(4), 0.0, a(5), -a(2), a(6), 0.0];
                self.curve(c1);
                self.curve(c2);
                self.stack.clear();
            }
            // hflex1.
            36 if n >= 9 => {
                let c1 = [a(0), a(1), a(2), a(3), a(4), 0.0];
                let c2 = [a(5), 0.0, a(6), a(7), a(8), -(a(1) + a(3) + a(7))];
                self.curve(c1);
                self.curve(c2);
                self.stack.clear();
            }
            // flex1: the last point moves along the larger of the two sums.
            37 if n >= 11 => {
                let dx: f64 = [0, 2, 4, 6, 8].iter().map(|&k| a(k)).sum();
                let dy: f64 = [1, 3, 5, 7, 9].iter().map(|&k| a(k)).sum();
                let (dx6, dy6) = if dx.abs() > dy.abs() {
                    (a(10), -dy)
                } else {
                    (-dx, a(10))
                };
                let c1 = self.six(0);
                let c2 = [a(6), a(7), a(8), a(9), dx6, dy6];
                self.curve(c1);
                self.curve(c2);
                self.stack.clear();
            }
            // The arithmetic operators real fonts use; the rest end the glyph.
            9 | 14 if n >= 1 => {
                if let Some(top) = self.stack.last_mut() {
                    *top = if op == 9 { top.abs() } else { -*top };
                }
            }
            10 | 11 | 12 | 24 if n >= 2 => {
                let b = self.stack.pop().unwrap_or(0.0);
                if let Some(top) = self.stack.last_mut() {
                    *top = match op {
                        10 => *top + b,
                        11 => *top - b,
                        12 if b != 0.0 => *top / b,
                        12 => 0.0,
                        _ => *top * b,
                    };
                }
            }
            18 if n >= 1 => {
                self.stack.pop();
            }
            27 if (1..MAX_STACK).contains(&n) => {
                let top = a(n.saturating_sub(1));
                self.stack.push(top);
            }
            28 if n >= 2 => {
                self.stack.swap(n.saturating_sub(1), n.saturating_sub(2));
            }
            _ => return Err(Stop),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Type 2 charstring number.
    fn num(out: &mut Vec<u8>, v: i32) {
        match v {
            -107..=107 => out.push((v + 139) as u8),
            108..=1131 => {
                let v = v - 108;
                out.extend([(v / 256 + 247) as u8, (v % 256) as u8]);
            }
            -1131..=-108 => {
                let v = -v - 108;
                out.extend([(v / 256 + 251) as u8, (v % 256) as u8]);
            }
            _ => {
                out.push(28);
                out.extend((v as i16).to_be_bytes());
            }
        }
    }

    fn cs(items: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        for item in items {
            if let Ok(v) = item.parse::<i32>() {
                num(&mut out, v);
                continue;
            }
            let op: &[u8] = match *item {
                "hstem" => &[1],
                "vstem" => &[3],
                "vmoveto" => &[4],
                "rlineto" => &[5],
                "hlineto" => &[6],
                "vlineto" => &[7],
                "rrcurveto" => &[8],
                "callsubr" => &[10],
                "return" => &[11],
                "endchar" => &[14],
                "hintmask" => &[19],
                "rmoveto" => &[21],
                "hmoveto" => &[22],
                "vvcurveto" => &[26],
                "hhcurveto" => &[27],
                "callgsubr" => &[29],
                "vhcurveto" => &[30],
                "hvcurveto" => &[31],
                "flex" => &[12, 35],
                other => panic!("unknown operator {other}"),
            };
            out.extend_from_slice(op);
        }
        out
    }

    fn index(items: &[Vec<u8>]) -> Vec<u8> {
        let mut out = (items.len() as u16).to_be_bytes().to_vec();
        if items.is_empty() {
            return out;
        }
        out.push(4);
        let mut off = 1u32;
        out.extend(off.to_be_bytes());
        for it in items {
            off += it.len() as u32;
            out.extend(off.to_be_bytes());
        }
        for it in items {
            out.extend(it);
        }
        out
    }

    /// A DICT integer operand (always the five-byte form, so offsets are fixed-size).
    fn int(v: i32) -> Vec<u8> {
        let mut out = vec![29];
        out.extend(v.to_be_bytes());
        out
    }

    /// A name-keyed CFF: glyphs with SIDs (charset format 0), global and local subrs.
    fn font(glyphs: &[(u16, Vec<u8>)], gsubrs: &[Vec<u8>], lsubrs: &[Vec<u8>]) -> Vec<u8> {
        let header = vec![1, 0, 4, 4];
        let names = index(&[b"Test".to_vec()]);
        let strings = index(&[]);
        let gsub = index(gsubrs);
        let mut charstrings = vec![cs(&["endchar"])];
        charstrings.extend(glyphs.iter().map(|g| g.1.clone()));
        let cs_index = index(&charstrings);
        let mut charset = vec![0u8];
        for (sid, _) in glyphs {
            charset.extend(sid.to_be_bytes());
        }
        let local = index(lsubrs);
        // Private DICT: Subrs right after it (offset = its own size).
        let private_len = 6;
        let mut private = int(private_len);
        private.push(19);
        // Top DICT with fixed-size operands: charset 15, CharStrings 17, Private 18.
        let top_len = 5 + 1 + 5 + 1 + 5 + 5 + 1;
        let top_index_len = 2 + 1 + 8 + top_len;
        let start = header.len() + names.len() + top_index_len + strings.len() + gsub.len();
        let charset_at = start;
        let cs_at = charset_at + charset.len();
        let private_at = cs_at + cs_index.len();
        let mut top = int(charset_at as i32);
        top.push(15);
        top.extend(int(cs_at as i32));
        top.push(17);
        top.extend(int(private_len));
        top.extend(int(private_at as i32));
        top.push(18);
        assert_eq!(top.len(), top_len);
        let mut out = header;
        out.extend(names);
        out.extend(index(&[top]));
        out.extend(strings);
        out.extend(gsub);
        out.extend(charset);
        out.extend(cs_index);
        out.extend(private);
        out.extend(local);
        out
    }

    fn bounds(data: &[u8], gid: u16) -> Option<[f64; 4]> {
        let cff = Cff::parse(data).expect("the font parses");
        let mut budget = Budget::new(1_000_000);
        let names = cff.names();
        let standard = |code: u8| {
            let want: &[u8] = match code {
                b'a' => b"a",
                0xC2 => b"acute",
                _ => return None,
            };
            names
                .iter()
                .find(|(n, _)| n.as_slice() == want)
                .map(|e| e.1)
        };
        cff.bounds(gid, &standard, &mut budget)
            .map(|b| [b.x0, b.y0, b.x1, b.y1])
    }

    #[test]
    fn dict_reals() {
        let v = |bytes: &[u8]| real(bytes).0;
        // 0.001 as "1E-3" and as "0.001"; -2.25; 1e999 is not a number.
        assert!((v(&[0x1c, 0x3f]).unwrap() - 0.001).abs() < 1e-15);
        assert!((v(&[0x0a, 0x00, 0x1f]).unwrap() - 0.001).abs() < 1e-15);
        assert_eq!(v(&[0xe2, 0xa2, 0x5f]), Some(-2.25));
        assert_eq!(v(&[0x1b, 0x99, 0x9f]), None);
        assert_eq!(real(&[0x12, 0x34]), (None, 2));
    }

    #[test]
    fn lines_curves_and_width() {
        // SID 66 is "a", 125 "acute".
        let g = cs(&[
            "500",
            "100",
            "-200",
            "rmoveto",
            "300",
            "hlineto",
            "0",
            "50",
            "100",
            "100",
            "0",
            "200",
            "rrcurveto",
            "-50",
            "vlineto",
            "endchar",
        ]);
        let data = font(&[(66, g)], &[], &[]);
        let cff = Cff::parse(&data).unwrap();
        assert_eq!(cff.names()[1], (b"a".to_vec(), 1));
        assert_eq!(cff.matrix(1), [0.001, 0.0, 0.0, 0.001, 0.0, 0.0]);
        assert_eq!(bounds(&data, 1), Some([100.0, -200.0, 500.0, 150.0]));
    }

    #[test]
    fn hintmask_and_subroutines() {
        let gsubrs = vec![cs(&["0", "100", "rlineto", "return"])];
        let lsubrs = vec![cs(&["100", "0", "rlineto", "return"])];
        let mut g = cs(&[
            "10", "20", "30", "40", "hstem", "5", "6", "vstem", "hintmask",
        ]);
        g.push(0xff);
        g.extend(cs(&[
            "10",
            "10",
            "rmoveto",
            "-107",
            "callsubr",
            "-107",
            "callgsubr",
            "endchar",
        ]));
        let data = font(&[(66, g)], &gsubrs, &lsubrs);
        assert_eq!(bounds(&data, 1), Some([10.0, 10.0, 110.0, 110.0]));
    }

    #[test]
    fn flex_and_alternating_curves() {
        let g = cs(&[
            "0",
            "0",
            "rmoveto",
            "10",
            "20",
            "10",
            "0",
            "10",
            "-20",
            "10",
            "-20",
            "10",
            "0",
            "10",
            "20",
            "50",
            "flex",
            "30",
            "10",
            "10",
            "30",
            "vhcurveto",
            "endchar",
        ]);
        let data = font(&[(66, g)], &[], &[]);
        // The flex dips to -20 and rises to 20 over x 0..60; vhcurveto then goes up
        // 30 and right 10 and 30: to (100, 40) through (60, 30) and (70, 40).
        assert_eq!(bounds(&data, 1), Some([0.0, -20.0, 100.0, 40.0]));
    }

    #[test]
    fn seac_places_the_accent() {
        let a = cs(&[
            "0", "0", "rmoveto", "400", "0", "rlineto", "0", "450", "rlineto", "endchar",
        ]);
        let acute = cs(&["0", "500", "rmoveto", "100", "150", "rlineto", "endchar"]);
        let aacute = cs(&["500", "130", "20", "97", "194", "endchar"]);
        let data = font(&[(66, a), (125, acute), (200, aacute)], &[], &[]);
        assert_eq!(bounds(&data, 3), Some([0.0, 0.0, 400.0, 670.0]));
    }

    #[test]
    fn hostile_programs_end() {
        // A global subroutine calling itself.
        let selfcall = vec![cs(&["-107", "callgsubr", "return"])];
        let data = font(
            &[(66, cs(&["-107", "callgsubr", "endchar"]))],
            &selfcall,
            &[],
        );
        assert_eq!(bounds(&data, 1), None);
        // Five levels, each calling the next 200 times: 200^5 calls if unbounded.
        let mut gs = Vec::new();
        for level in 0..5 {
            let next = (level + 1 - 107).to_string();
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..200 {
                items.extend([next.as_str(), "callgsubr"]);
            }
            items.push("return");
            gs.push(cs(&items));
        }
        gs.push(cs(&["1", "1", "rlineto", "return"]));
        let data = font(
            &[(
                66,
                cs(&["0", "0", "rmoveto", "-107", "callgsubr", "endchar"]),
            )],
            &gs,
            &[],
        );
        assert_eq!(bounds(&data, 1), None);
        // Garbage and truncations.
        assert!(Cff::parse(&[]).is_none());
        assert!(Cff::parse(&[1, 0, 4, 4, 0xff, 0xff, 4]).is_none());
        let good = font(
            &[(
                66,
                cs(&["0", "0", "rmoveto", "1", "1", "rlineto", "endchar"]),
            )],
            &[],
            &[],
        );
        for cut in 0..good.len() {
            if let Some(cff) = Cff::parse(&good[..cut]) {
                let mut budget = Budget::new(10_000);
                let _ = cff.bounds(1, &|_| None, &mut budget);
            }
        }
        let mut flipped = good.clone();
        for k in 0..flipped.len() {
            flipped[k] ^= 0x5a;
            if let Some(cff) = Cff::parse(&flipped) {
                let mut budget = Budget::new(10_000);
                for g in 0..4 {
                    let _ = cff.bounds(g, &|_| Some(1), &mut budget);
                }
                let _ = cff.names();
                let _ = cff.cid_table();
            }
            flipped[k] ^= 0x5a;
        }
    }
}
