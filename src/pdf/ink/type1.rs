//! Glyph bounds from an embedded Type 1 font program (FontFile; Adobe Type 1 Font
//! Format, ch. 2–7): the cleartext part (FontMatrix, the built-in /Encoding), eexec
//! decryption (binary or hex), /Subrs and /CharStrings with their charstring
//! encryption, and a charstring interpreter that tracks the box of every point it
//! draws through, control points included (an upper bound on the ink).

use super::super::lex::{self, Lexer, Token};
use super::{Bounds, Budget, Names, decrypt};
use std::borrow::Cow;

/// eexec and charstring encryption keys (Type 1 Font Format §7.2, §7.3).
const EEXEC_KEY: u16 = 55665;
const CHARSTRING_KEY: u16 = 4330;
/// Random bytes in front of an encrypted charstring unless /lenIV says otherwise.
const DEFAULT_LEN_IV: usize = 4;
/// Glyphs and subroutines read from one program; more is an attack, not a font.
const MAX_GLYPHS: usize = 65_536;
const MAX_SUBRS: usize = 65_536;
/// Subroutine nesting (the format allows 10; seac adds one level).
const MAX_SUBR_DEPTH: u8 = 12;
/// Operands the BuildChar stack holds (the format's limit is 24).
const MAX_STACK: usize = 48;
/// Charstring operators (and numbers) interpreted for one glyph, subroutines and
/// seac's two glyphs included: real glyphs take a few hundred.
const MAX_GLYPH_OPERATORS: u32 = 50_000;
/// Tokens read from the cleartext's /Encoding before giving up on it.
const MAX_ENCODING_TOKENS: usize = 20_000;

/// The built-in encoding of the program (its cleartext /Encoding).
#[derive(Clone, Debug, PartialEq)]
pub enum Builtin {
    /// `/Encoding StandardEncoding def`.
    Standard,
    /// An encoding array: each code's glyph name (256 entries).
    Codes(Vec<Option<Vec<u8>>>),
}

/// A parsed Type 1 program: what its glyphs' bounds need.
#[derive(Clone, Debug)]
pub struct Type1 {
    /// The decrypted private part, which holds the charstrings still encrypted: each
    /// is decrypted when its glyph is measured (most glyphs of a full font never are).
    private: Vec<u8>,
    /// Where each glyph's encrypted charstring is in `private`, in name order.
    charstrings: Vec<std::ops::Range<usize>>,
    /// /lenIV: the random bytes in front of each charstring (`None`: not encrypted).
    len_iv: Option<usize>,
    /// Glyph name → index into `charstrings`.
    names: Names,
    /// Decrypted subroutines (shared by the glyphs, so decrypted once).
    subrs: Vec<Vec<u8>>,
    pub builtin: Builtin,
    /// FontMatrix: glyph units to text space.
    pub matrix: [f64; 6],
}

/// A token of the PostScript the program is written in, as far as it matters here.
#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    /// `/name`.
    Name(&'a [u8]),
    Number(f64),
    /// An executable name (`def`, `RD`, `dup`).
    Word(&'a [u8]),
    OpenArray,
    CloseArray,
    OpenProc,
    CloseProc,
    /// A string, hex string or dictionary bracket: skipped.
    Other,
}

/// A PostScript scanner over the PDF tokenizer (the syntax is PostScript's), that can
/// also hand over raw bytes (a charstring after `RD`).
struct Scanner<'a> {
    lx: Lexer<'a>,
}

impl<'a> Scanner<'a> {
    fn new(data: &'a [u8]) -> Self {
        Scanner {
            lx: Lexer::new(data),
        }
    }

    fn next(&mut self) -> Option<Tok<'a>> {
        self.lx.skip_whitespace();
        let start = self.lx.pos();
        let tok = self.lx.next_token()?;
        let raw = self.lx.data().get(start..self.lx.pos()).unwrap_or_default();
        Some(match tok {
            // `-|` and `|-` (Adobe's RD and ND) start like numbers.
            Token::Integer(_) | Token::Real(_)
                if !raw
                    .iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.')) =>
            {
                Tok::Word(raw)
            }
            Token::Integer(i) => Tok::Number(i as f64),
            Token::Real(r) => Tok::Number(r),
            Token::Name(n) => Tok::Name(n),
            Token::ArrayOpen => Tok::OpenArray,
            Token::ArrayClose => Tok::CloseArray,
            Token::Keyword(b"{") => Tok::OpenProc,
            Token::Keyword(b"}") => Tok::CloseProc,
            Token::Keyword(w) => Tok::Word(w),
            Token::Literal(_) | Token::Hex(_) | Token::DictOpen | Token::DictClose => Tok::Other,
        })
    }

    /// Where the `len` bytes after the single space that follows `RD` are.
    fn binary(&mut self, len: usize) -> Option<std::ops::Range<usize>> {
        let start = self.lx.pos().checked_add(1)?;
        let end = start.checked_add(len)?;
        if end > self.lx.data().len() {
            return None;
        }
        self.lx.advance(end.saturating_sub(self.lx.pos()));
        Some(start..end)
    }

    fn pos(&self) -> usize {
        self.lx.pos()
    }

    fn seek(&mut self, pos: usize) {
        self.lx = Lexer::at(self.lx.data(), pos);
    }
}

fn is_space(c: u8) -> bool {
    lex::is_whitespace(c)
}

/// The encrypted part of a program: binary, or hex digits with white space (§7.2).
fn eexec_bytes(data: &[u8]) -> Cow<'_, [u8]> {
    let start = data
        .iter()
        .position(|c| !is_space(*c))
        .unwrap_or(data.len());
    let data = data.get(start..).unwrap_or_default();
    let hex = data.len() >= 4 && data.iter().take(4).all(u8::is_ascii_hexdigit);
    if !hex {
        return Cow::Borrowed(data);
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &c in data {
        let Some(d) = (c as char).to_digit(16) else {
            if is_space(c) {
                continue;
            }
            break;
        };
        let d = d as u8;
        match high.take() {
            Some(h) => out.push((h << 4) | d),
            None => high = Some(d),
        }
    }
    Cow::Owned(out)
}

/// Undoes PFB segment headers (0x80 type length), which some writers leave in FontFile.
fn strip_pfb(data: &[u8]) -> Option<Vec<u8>> {
    if data.first() != Some(&0x80) {
        return None;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0usize;
    while let (Some(&0x80), Some(&kind)) = (data.get(pos), data.get(pos.saturating_add(1))) {
        if kind == 3 {
            break;
        }
        let len_bytes = data.get(pos.checked_add(2)?..pos.checked_add(6)?)?;
        let len = u32::from_le_bytes(len_bytes.try_into().ok()?) as usize;
        let start = pos.checked_add(6)?;
        let end = start.checked_add(len)?.min(data.len());
        out.extend_from_slice(data.get(start..end)?);
        pos = end;
    }
    Some(out)
}

/// A charstring with its encryption undone (/lenIV `None`: stored plain).
fn plain(bytes: &[u8], len_iv: Option<usize>) -> Vec<u8> {
    match len_iv {
        Some(skip) => decrypt(bytes, CHARSTRING_KEY, skip),
        None => bytes.to_vec(),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Type1 {
    /// Reads a program; `None` when it is not one this reader can use.
    pub fn parse(data: &[u8]) -> Option<Type1> {
        let unwrapped = strip_pfb(data);
        let data = unwrapped.as_deref().unwrap_or(data);
        let eexec = find(data, b"eexec")?;
        let (clear, rest) = data.split_at_checked(eexec)?;
        let encrypted = eexec_bytes(rest.get(b"eexec".len()..).unwrap_or_default());
        let private = decrypt(&encrypted, EEXEC_KEY, 4);
        let (matrix, builtin) = read_cleartext(clear);
        let mut font = Type1 {
            private: Vec::new(),
            charstrings: Vec::new(),
            len_iv: Some(DEFAULT_LEN_IV),
            names: Names::default(),
            subrs: Vec::new(),
            builtin,
            matrix,
        };
        font.read_private(&private);
        font.private = private;
        (!font.charstrings.is_empty()).then_some(font)
    }

    /// Reads /lenIV, /Subrs and /CharStrings from the decrypted part.
    fn read_private(&mut self, private: &[u8]) {
        #[derive(Clone, Copy, PartialEq)]
        enum Section {
            None,
            Subrs,
            CharStrings,
        }
        let mut sc = Scanner::new(private);
        let mut len_iv: Option<usize> = Some(DEFAULT_LEN_IV);
        // The procedures that read a charstring: `RD` and `-|` by convention, or
        // whatever name `{string currentfile exch readstring pop}` is bound to.
        let mut readers: Vec<Vec<u8>> = vec![b"RD".to_vec(), b"-|".to_vec()];
        let mut section = Section::None;
        let mut subrs: Vec<Vec<u8>> = Vec::new();
        let mut glyphs: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        // The two tokens before the current one.
        let mut back2: Option<Tok> = None;
        let mut back1: Option<Tok> = None;
        while let Some(tok) = sc.next() {
            match (&back2, &back1, &tok) {
                (_, Some(Tok::Name(b"lenIV")), Tok::Number(n)) => {
                    len_iv = (*n >= 0.0).then_some(*n as usize);
                }
                (_, Some(Tok::Name(name)), Tok::OpenProc) => {
                    // `/RD {string currentfile exch readstring pop} executeonly def`.
                    let name = name.to_vec();
                    let save = sc.pos();
                    if sc.next() == Some(Tok::Word(b"string"))
                        && sc.next() == Some(Tok::Word(b"currentfile"))
                        && !readers.contains(&name)
                    {
                        readers.push(name);
                    }
                    sc.seek(save);
                }
                (_, _, Tok::Name(b"Subrs")) => section = Section::Subrs,
                (_, _, Tok::Name(b"CharStrings")) => section = Section::CharStrings,
                (key, Some(Tok::Number(len)), Tok::Word(w))
                    if readers.iter().any(|r| r.as_slice() == *w) =>
                {
                    let Some(range) = (*len >= 0.0)
                        .then_some(*len as usize)
                        .and_then(|len| sc.binary(len))
                    else {
                        break;
                    };
                    match (section, key) {
                        (Section::Subrs, Some(Tok::Number(i)))
                            if (0.0..MAX_SUBRS as f64).contains(i) =>
                        {
                            let bytes = private.get(range).unwrap_or_default();
                            let i = *i as usize;
                            if subrs.len() <= i {
                                subrs.resize(i.saturating_add(1), Vec::new());
                            }
                            if let Some(slot) = subrs.get_mut(i) {
                                *slot = plain(bytes, len_iv);
                            }
                        }
                        (Section::CharStrings, Some(Tok::Name(name)))
                            if glyphs.len() < MAX_GLYPHS =>
                        {
                            glyphs.push((name.to_vec(), ranges.len()));
                            ranges.push(range);
                        }
                        _ => {}
                    }
                    back2 = None;
                    back1 = None;
                    continue;
                }
                _ => {}
            }
            back2 = back1;
            back1 = Some(tok);
        }
        self.subrs = subrs;
        self.names = Names::new(glyphs, true);
        self.charstrings = ranges;
        self.len_iv = len_iv;
    }

    /// A glyph's charstring, decrypted.
    fn charstring(&self, glyph: usize) -> Option<Vec<u8>> {
        let range = self.charstrings.get(glyph)?.clone();
        Some(plain(self.private.get(range)?, self.len_iv))
    }

    /// Every glyph name with its glyph, in name order.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// A glyph's bounds in glyph units; `None` when it draws nothing or cannot be read.
    /// `standard` finds the glyphs seac names by StandardEncoding code.
    pub fn bounds(
        &self,
        glyph: usize,
        standard: &dyn Fn(u8) -> Option<usize>,
        budget: &mut Budget,
    ) -> Option<Bounds> {
        let code = self.charstring(glyph)?;
        let mut run = Run {
            font: self,
            standard,
            budget,
            stack: Vec::with_capacity(MAX_STACK),
            ps: Vec::new(),
            x: 0.0,
            y: 0.0,
            origin: (0.0, 0.0),
            flex: false,
            ops: 0,
            bounds: Bounds::default(),
            seac: false,
        };
        run.exec(&code, 0).ok()?;
        run.bounds.get()
    }
}

/// FontMatrix and /Encoding from the cleartext part.
fn read_cleartext(clear: &[u8]) -> ([f64; 6], Builtin) {
    let mut matrix = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
    let mut builtin = Builtin::Standard;
    let mut sc = Scanner::new(clear);
    while let Some(tok) = sc.next() {
        match tok {
            Tok::Name(b"FontMatrix") => {
                if sc.next() != Some(Tok::OpenArray) {
                    continue;
                }
                let mut v = [0.0; 6];
                let all = v.iter_mut().all(|slot| match sc.next() {
                    Some(Tok::Number(n)) => {
                        *slot = n;
                        true
                    }
                    _ => false,
                });
                let usable = v.iter().all(|n| n.is_finite()) && v[0] * v[3] - v[1] * v[2] != 0.0;
                if all && usable {
                    matrix = v;
                }
            }
            Tok::Name(b"Encoding") => match sc.next() {
                Some(Tok::Word(b"StandardEncoding")) => builtin = Builtin::Standard,
                Some(Tok::Number(_)) => builtin = Builtin::Codes(read_encoding(&mut sc)),
                _ => {}
            },
            _ => {}
        }
    }
    (matrix, builtin)
}

/// `dup code /name put` entries up to the `def` that ends the encoding array.
fn read_encoding(sc: &mut Scanner<'_>) -> Vec<Option<Vec<u8>>> {
    let mut codes = vec![None; 256];
    let mut last: [Option<Tok>; 3] = [None, None, None];
    for _ in 0..MAX_ENCODING_TOKENS {
        let Some(tok) = sc.next() else { break };
        if tok == Tok::Word(b"def") {
            break;
        }
        if tok == Tok::Word(b"put")
            && let [
                Some(Tok::Word(b"dup")),
                Some(Tok::Number(code)),
                Some(Tok::Name(name)),
            ] = &last
            && (0.0..256.0).contains(code)
            && let Some(slot) = codes.get_mut(*code as usize)
        {
            *slot = Some(name.to_vec());
        }
        last.rotate_left(1);
        if let Some(slot) = last.last_mut() {
            *slot = Some(tok);
        }
    }
    codes
}

/// Why a charstring ended.
enum Flow {
    /// `return` from a subroutine.
    Return,
    /// `endchar` (or `seac`): the glyph is done.
    End,
}

/// The state of one glyph's interpretation.
struct Run<'f, 'b> {
    font: &'f Type1,
    standard: &'f dyn Fn(u8) -> Option<usize>,
    budget: &'b mut Budget,
    stack: Vec<f64>,
    /// The PostScript operand stack `callothersubr` leaves results on for `pop`.
    ps: Vec<f64>,
    x: f64,
    y: f64,
    /// Where this glyph's origin sits (seac's accent is offset).
    origin: (f64, f64),
    /// Between othersubr 1 and 0: the moveto's are the flex's curve points.
    flex: bool,
    ops: u32,
    bounds: Bounds,
    /// Within seac: no further seac.
    seac: bool,
}

/// The interpretation failed (malformed, or a limit).
struct Stop;

impl Run<'_, '_> {
    fn pop(&mut self) -> Result<f64, Stop> {
        self.stack.pop().ok_or(Stop)
    }

    /// The operands an operator takes, bottom first.
    fn args<const N: usize>(&mut self) -> Result<[f64; N], Stop> {
        let at = self.stack.len().checked_sub(N).ok_or(Stop)?;
        let mut out = [0.0; N];
        for (slot, v) in out.iter_mut().zip(self.stack.drain(at..)) {
            *slot = v;
        }
        Ok(out)
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

    fn move_by(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
        if self.flex {
            self.bounds.add(self.x, self.y);
        }
    }

    fn tick(&mut self) -> Result<(), Stop> {
        self.ops = self.ops.saturating_add(1);
        if self.ops > MAX_GLYPH_OPERATORS || !self.budget.take(1) {
            return Err(Stop);
        }
        Ok(())
    }

    fn exec(&mut self, code: &[u8], depth: u8) -> Result<Flow, Stop> {
        if depth > MAX_SUBR_DEPTH {
            return Err(Stop);
        }
        let mut i = 0usize;
        while let Some(&v) = code.get(i) {
            i = i.saturating_add(1);
            self.tick()?;
            if v >= 32 {
                let n = match v {
                    32..=246 => f64::from(v) - 139.0,
                    247..=254 => {
                        let w = f64::from(*code.get(i).ok_or(Stop)?);
                        i = i.saturating_add(1);
                        if v <= 250 {
                            (f64::from(v) - 247.0) * 256.0 + w + 108.0
                        } else {
                            -(f64::from(v) - 251.0) * 256.0 - w - 108.0
                        }
                    }
                    _ => {
                        let end = i.checked_add(4).ok_or(Stop)?;
                        let b = code.get(i..end).ok_or(Stop)?;
                        i = end;
                        f64::from(i32::from_be_bytes(b.try_into().map_err(|_| Stop)?))
                    }
                };
                if self.stack.len() >= MAX_STACK {
                    return Err(Stop);
                }
                self.stack.push(n);
                continue;
            }
            match v {
                // hstem, vstem: hints.
                1 | 3 => self.stack.clear(),
                4 => {
                    let [dy] = self.args()?;
                    self.move_by(0.0, dy);
                }
                5 => {
                    let [dx, dy] = self.args()?;
                    self.line(dx, dy);
                }
                6 => {
                    let [dx] = self.args()?;
                    self.line(dx, 0.0);
                }
                7 => {
                    let [dy] = self.args()?;
                    self.line(0.0, dy);
                }
                8 => {
                    let d = self.args::<6>()?;
                    self.curve(d);
                }
                // closepath: the contour's points are already counted.
                9 => self.stack.clear(),
                10 => {
                    let index = self.pop()?;
                    let subr = (index >= 0.0)
                        .then(|| self.font.subrs.get(index as usize))
                        .flatten()
                        .ok_or(Stop)?;
                    if let Flow::End = self.exec(subr, depth.saturating_add(1))? {
                        return Ok(Flow::End);
                    }
                }
                11 => return Ok(Flow::Return),
                13 => {
                    // hsbw: side bearing x, width.
                    let [sbx, _] = self.args()?;
                    self.x = self.origin.0 + sbx;
                    self.y = self.origin.1;
                }
                14 => return Ok(Flow::End),
                21 => {
                    let [dx, dy] = self.args()?;
                    self.move_by(dx, dy);
                }
                22 => {
                    let [dx] = self.args()?;
                    self.move_by(dx, 0.0);
                }
                30 => {
                    let [dy1, dx2, dy2, dx3] = self.args()?;
                    self.curve([0.0, dy1, dx2, dy2, dx3, 0.0]);
                }
                31 => {
                    let [dx1, dx2, dy2, dy3] = self.args()?;
                    self.curve([dx1, 0.0, dx2, dy2, 0.0, dy3]);
                }
                12 => {
                    let op = *code.get(i).ok_or(Stop)?;
                    i = i.saturating_add(1);
                    if let Some(flow) = self.escape(op, depth)? {
                        return Ok(flow);
                    }
                }
                // Reserved: the charstring is not one this reader understands.
                _ => return Err(Stop),
            }
        }
        // A charstring that runs out without endchar or return ends like return.
        Ok(Flow::Return)
    }

    /// The two-byte operators (`12 op`).
    fn escape(&mut self, op: u8, depth: u8) -> Result<Option<Flow>, Stop> {
        match op {
            // dotsection, vstem3, hstem3: hints.
            0..=2 => self.stack.clear(),
            6 => {
                let [asb, adx, ady, bchar, achar] = self.args()?;
                if self.seac {
                    return Err(Stop);
                }
                self.seac = true;
                let code = |v: f64| (0.0..256.0).contains(&v).then_some(v as u8);
                let base = code(bchar).and_then(self.standard).ok_or(Stop)?;
                let accent = code(achar).and_then(self.standard).ok_or(Stop)?;
                let font = self.font;
                let base = font.charstring(base).ok_or(Stop)?;
                let accent = font.charstring(accent).ok_or(Stop)?;
                let origin = self.origin;
                self.exec(&base, depth.saturating_add(1))?;
                // The accent's own hsbw puts its side bearing at adx from the
                // base's origin (FreeType's reading of the offset).
                self.origin = (origin.0 + adx - asb, origin.1 + ady);
                self.stack.clear();
                self.exec(&accent, depth.saturating_add(1))?;
                return Ok(Some(Flow::End));
            }
            7 => {
                // sbw: side bearing x y, width x y.
                let [sbx, sby, _, _] = self.args()?;
                self.x = self.origin.0 + sbx;
                self.y = self.origin.1 + sby;
            }
            12 => {
                let [a, b] = self.args()?;
                self.stack.push(if b != 0.0 { a / b } else { 0.0 });
            }
            16 => {
                let othersubr = self.pop()?;
                let count = self.pop()?;
                if !(0.0..=MAX_STACK as f64).contains(&count) {
                    return Err(Stop);
                }
                let at = self.stack.len().checked_sub(count as usize).ok_or(Stop)?;
                let args: Vec<f64> = self.stack.drain(at..).collect();
                self.ps.clear();
                match othersubr as i64 {
                    // End of flex: its result is the flex's end point, which
                    // `pop pop setcurrentpoint` makes current.
                    0 => {
                        self.flex = false;
                        self.ps.extend([self.y, self.x]);
                    }
                    1 => self.flex = true,
                    2 => {}
                    // Hint replacement: returns the subroutine number it was given.
                    3 => self.ps.push(args.first().copied().unwrap_or(3.0)),
                    // Others (counter control, multiple master blends) return their
                    // arguments unchanged, top first.
                    _ => self.ps.extend(args),
                }
            }
            17 => {
                let v = self.ps.pop().ok_or(Stop)?;
                if self.stack.len() >= MAX_STACK {
                    return Err(Stop);
                }
                self.stack.push(v);
            }
            33 => {
                let [x, y] = self.args()?;
                self.x = self.origin.0 + x;
                self.y = self.origin.1 + y;
            }
            _ => self.stack.clear(),
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::super::encrypt;
    use super::*;

    /// Type 1 charstring numbers (Type 1 Font Format §6.2).
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
                out.push(255);
                out.extend(v.to_be_bytes());
            }
        }
    }

    /// A charstring from numbers and operators (`"hsbw"`-style names).
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
                "closepath" => &[9],
                "callsubr" => &[10],
                "return" => &[11],
                "hsbw" => &[13],
                "endchar" => &[14],
                "rmoveto" => &[21],
                "hmoveto" => &[22],
                "vhcurveto" => &[30],
                "hvcurveto" => &[31],
                "seac" => &[12, 6],
                "sbw" => &[12, 7],
                "div" => &[12, 12],
                "callothersubr" => &[12, 16],
                "pop" => &[12, 17],
                "setcurrentpoint" => &[12, 33],
                other => panic!("unknown operator {other}"),
            };
            out.extend_from_slice(op);
        }
        out
    }

    /// A whole program: cleartext, then the private part eexec-encrypted.
    fn program(
        encoding: &str,
        subrs: &[Vec<u8>],
        glyphs: &[(&str, Vec<u8>)],
        hex: bool,
    ) -> Vec<u8> {
        let mut clear = format!(
            "%!PS-AdobeFont-1.0: Test 001\n/FontName /Test def\n/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/Encoding {encoding} def\ncurrentdict end\ncurrentfile eexec\n"
        )
        .into_bytes();
        let mut private = b"dup /Private 8 dict dup begin /RD{string currentfile exch readstring pop}executeonly def /ND{noaccess def}executeonly def /NP{noaccess put}executeonly def /lenIV 4 def\n".to_vec();
        private.extend(format!("/Subrs {} array\n", subrs.len()).bytes());
        for (i, s) in subrs.iter().enumerate() {
            let enc = encrypt(s, CHARSTRING_KEY, 4);
            private.extend(format!("dup {i} {} RD ", enc.len()).bytes());
            private.extend(enc);
            private.extend(b" NP\n");
        }
        private
            .extend(format!("ND\n2 index /CharStrings {} dict dup begin\n", glyphs.len()).bytes());
        for (name, g) in glyphs {
            let enc = encrypt(g, CHARSTRING_KEY, 4);
            private.extend(format!("/{name} {} RD ", enc.len()).bytes());
            private.extend(enc);
            private.extend(b" ND\n");
        }
        private.extend(b"end end\nmark currentfile closefile\n");
        let enc = encrypt(&private, EEXEC_KEY, 4);
        if hex {
            for line in enc.chunks(32) {
                for b in line {
                    clear.extend(format!("{b:02x}").bytes());
                }
                clear.push(b'\n');
            }
        } else {
            clear.extend(enc);
        }
        clear.extend(
            b"\n0000000000000000000000000000000000000000000000000000000000000000\ncleartomark\n",
        );
        clear
    }

    fn bounds_of(font: &Type1, name: &str) -> Option<[f64; 4]> {
        let g = font.names().get(name.as_bytes())?;
        let standard = |code: u8| match code {
            b'a' => font.names().get(b"a"),
            0xC2 => font.names().get(b"acute"),
            _ => None,
        };
        let mut budget = Budget::new(1_000_000);
        font.bounds(g, &standard, &mut budget)
            .map(|b| [b.x0, b.y0, b.x1, b.y1])
    }

    /// A radical-like glyph: a stroke from the baseline down to -1000 and up to 40.
    fn radical() -> Vec<u8> {
        cs(&[
            "0",
            "1000",
            "hsbw",
            "100",
            "-960",
            "rmoveto",
            "400",
            "0",
            "rlineto",
            "0",
            "1000",
            "rlineto",
            "closepath",
            "endchar",
        ])
    }

    #[test]
    fn eexec_round_trip_binary_and_hex() {
        let text = b"abcdefghijklmnopqrstuvwxyz /lenIV 4 def";
        let enc = encrypt(text, EEXEC_KEY, 4);
        assert_eq!(decrypt(&enc, EEXEC_KEY, 4), text.to_vec());
        for hex in [false, true] {
            let font = Type1::parse(&program("StandardEncoding", &[], &[("r", radical())], hex))
                .expect("the program parses");
            assert_eq!(bounds_of(&font, "r"), Some([100.0, -960.0, 500.0, 40.0]));
            assert_eq!(font.builtin, Builtin::Standard);
            assert_eq!(font.matrix, [0.001, 0.0, 0.0, 0.001, 0.0, 0.0]);
        }
    }

    #[test]
    fn built_in_encoding_array() {
        let enc = "256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 112 /radicalbig put\ndup 0 /parenleftbig put\nreadonly";
        let font = Type1::parse(&program(enc, &[], &[("radicalbig", radical())], false))
            .expect("the program parses");
        let Builtin::Codes(codes) = &font.builtin else {
            panic!("an encoding array")
        };
        assert_eq!(codes[112].as_deref(), Some(&b"radicalbig"[..]));
        assert_eq!(codes[0].as_deref(), Some(&b"parenleftbig"[..]));
        assert_eq!(codes.iter().flatten().count(), 2);
    }

    #[test]
    fn curves_count_their_control_points() {
        let g = cs(&[
            "50",
            "500",
            "hsbw",
            "0",
            "100",
            "rmoveto",
            "0",
            "300",
            "200",
            "0",
            "0",
            "-300",
            "rrcurveto",
            "100",
            "50",
            "-50",
            "-200",
            "vhcurveto",
            "-20",
            "hlineto",
            "closepath",
            "endchar",
        ]);
        let font = Type1::parse(&program("StandardEncoding", &[], &[("o", g)], false)).unwrap();
        // From (50,100): control points (50,400), (250,400), end (250,100); then
        // vhcurveto through (250,200) and (300,150) to (100,150); the box holds the
        // control points the curves do not reach.
        assert_eq!(bounds_of(&font, "o"), Some([50.0, 100.0, 300.0, 400.0]));
    }

    #[test]
    fn subroutines_and_hint_replacement() {
        let subrs = vec![
            cs(&["return"]),
            cs(&["return"]),
            cs(&["return"]),
            cs(&["return"]),
            // Subr 4: a hint set (only hints).
            cs(&["0", "10", "hstem", "return"]),
            // Subr 5: draws a line.
            cs(&["300", "0", "rlineto", "return"]),
        ];
        let g = cs(&[
            "0",
            "600",
            "hsbw",
            "4",
            "1",
            "3",
            "callothersubr",
            "pop",
            "callsubr",
            "10",
            "20",
            "rmoveto",
            "5",
            "callsubr",
            "0",
            "-30",
            "rlineto",
            "closepath",
            "endchar",
        ]);
        let font = Type1::parse(&program("StandardEncoding", &subrs, &[("l", g)], false)).unwrap();
        assert_eq!(bounds_of(&font, "l"), Some([10.0, -10.0, 310.0, 20.0]));
    }

    #[test]
    fn flex_points_are_curve_points() {
        let subrs = vec![
            // Subr 0: end flex (Type 1 Font Format §8.3).
            cs(&[
                "3",
                "0",
                "callothersubr",
                "pop",
                "pop",
                "setcurrentpoint",
                "return",
            ]),
            // Subr 1: start flex.
            cs(&["0", "1", "callothersubr", "return"]),
            // Subr 2: a flex point.
            cs(&["0", "2", "callothersubr", "return"]),
        ];
        let mut g = vec![
            "0", "1000", "hsbw", "200", "0", "rmoveto", "-100", "0", "rlineto", "100", "0",
            "rlineto", "1", "callsubr", "0", "0", "rmoveto", "2", "callsubr",
        ];
        // Six curve points rising to y = 30 and back.
        for (dx, dy) in [
            ("50", "30"),
            ("50", "0"),
            ("50", "-30"),
            ("50", "-30"),
            ("50", "0"),
            ("50", "30"),
        ] {
            g.extend([dx, dy, "rmoveto", "2", "callsubr"]);
        }
        g.extend([
            "50",
            "400",
            "0",
            "0",
            "callsubr",
            "0",
            "100",
            "rlineto",
            "closepath",
            "endchar",
        ]);
        let font = Type1::parse(&program(
            "StandardEncoding",
            &subrs,
            &[("f", cs(&g))],
            false,
        ))
        .unwrap();
        // The flex runs x 100..500 and y -30..30; the line then goes up from its end,
        // (500, 0), to (500, 100).
        assert_eq!(bounds_of(&font, "f"), Some([100.0, -30.0, 500.0, 100.0]));
    }

    #[test]
    fn seac_unites_base_and_offset_accent() {
        let a = cs(&[
            "20",
            "500",
            "hsbw",
            "0",
            "0",
            "rmoveto",
            "400",
            "0",
            "rlineto",
            "0",
            "450",
            "rlineto",
            "closepath",
            "endchar",
        ]);
        let acute = cs(&[
            "30",
            "300",
            "hsbw",
            "0",
            "500",
            "rmoveto",
            "100",
            "150",
            "rlineto",
            "closepath",
            "endchar",
        ]);
        let aacute = cs(&["20", "500", "hsbw", "30", "130", "20", "97", "194", "seac"]);
        let font = Type1::parse(&program(
            "StandardEncoding",
            &[],
            &[("a", a), ("acute", acute), ("aacute", aacute)],
            false,
        ))
        .unwrap();
        // Accent side bearing at adx = 130 from the base origin, raised by 20.
        assert_eq!(bounds_of(&font, "aacute"), Some([20.0, 0.0, 420.0, 670.0]));
    }

    #[test]
    fn div_and_sbw() {
        let g = cs(&[
            "10", "20", "600", "0", "sbw", "0", "1000", "4", "div", "rlineto", "endchar",
        ]);
        let font = Type1::parse(&program("StandardEncoding", &[], &[("d", g)], false)).unwrap();
        assert_eq!(bounds_of(&font, "d"), Some([10.0, 20.0, 10.0, 270.0]));
    }

    #[test]
    fn hostile_programs_end() {
        // A subroutine that calls itself forever.
        let subrs = vec![cs(&["0", "callsubr", "return"])];
        let g = cs(&["0", "500", "hsbw", "0", "callsubr", "endchar"]);
        // Five levels, each calling the next 200 times: 200^5 calls if unbounded.
        let mut subrs2 = Vec::new();
        for level in 0..5 {
            let next = (level + 1).to_string();
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..200 {
                items.extend([next.as_str(), "callsubr"]);
            }
            items.push("return");
            subrs2.push(cs(&items));
        }
        subrs2.push(cs(&["1", "1", "rlineto", "return"]));
        let g2 = cs(&["0", "500", "hsbw", "0", "callsubr", "endchar"]);
        for (subrs, g) in [(subrs, g), (subrs2, g2)] {
            let font =
                Type1::parse(&program("StandardEncoding", &subrs, &[("x", g)], false)).unwrap();
            assert_eq!(bounds_of(&font, "x"), None);
        }
        // Huge counts, lengths and numbers: no allocation follows them.
        let lies = b"/FontMatrix [1e400 0 0 0.001 0 0] def /Encoding 99999999999 array dup 300 /a put def currentfile eexec ";
        let mut data = lies.to_vec();
        data.extend(encrypt(b"/Subrs 4000000000 array dup 0 99999999999 RD xx NP /CharStrings 99999999 dict /a 999999999999999999999 RD x", EEXEC_KEY, 4));
        assert!(Type1::parse(&data).is_none());
        assert!(Type1::parse(b"").is_none());
        assert!(Type1::parse(b"eexec").is_none());
        assert!(Type1::parse(&[0x80, 0x01, 0xff, 0xff, 0xff, 0xff, b'e']).is_none());
        // A budget spent stops the glyph.
        let font = Type1::parse(&program(
            "StandardEncoding",
            &[],
            &[("r", radical())],
            false,
        ))
        .unwrap();
        let mut budget = Budget::new(3);
        let g = font.names().get(b"r").unwrap();
        assert!(font.bounds(g, &|_| None, &mut budget).is_none());
        assert!(budget.spent());
    }
}
