//! From codes to text (ISO 32000-1 §9.6.6 simple-font encodings, §9.10.3 ToUnicode
//! CMaps): a font's base encoding with its /Differences, and the bfchar/bfrange
//! mappings of a ToUnicode CMap. Our own reader, with our own glyph-name list: a
//! general-purpose one (lopdf's was 540 KB of WebAssembly) holds far more than text
//! needs.

use super::cos::{DecodeError, Dictionary, Document, Object};
use super::glyphnames::{self, MAC_ROMAN, STANDARD, WIN_ANSI};
use super::lookup::{self, get, get_stream};
use crate::limits::Limit;
use std::collections::BTreeMap;

/// Mappings read from one CMap; more is an attack, not a font.
const MAX_CMAP_ENTRIES: usize = 200_000;

/// A simple font's /Encoding as written (§9.6.6.1): the base encoding it names, if
/// it names one, and the glyph names /Differences gives codes.
#[derive(Clone, Debug, Default)]
pub struct SimpleEncoding {
    /// /Encoding's name or /BaseEncoding; `None` leaves the font's own encoding.
    pub base: Option<&'static [u16; 256]>,
    /// Each code's name (256 entries once any is set).
    differences: Vec<Option<Vec<u8>>>,
}

impl SimpleEncoding {
    /// The glyph name /Differences gives a code.
    pub fn difference(&self, code: u8) -> Option<&[u8]> {
        self.differences.get(usize::from(code))?.as_deref()
    }

    pub fn has_differences(&self) -> bool {
        self.differences.iter().any(Option::is_some)
    }
}

/// A simple font's /Encoding: a base encoding's name, or a dictionary with
/// /BaseEncoding and /Differences.
pub fn simple_encoding(doc: &Document, font: &Dictionary) -> SimpleEncoding {
    let base_of = |name: &[u8]| match name {
        b"WinAnsiEncoding" => Some(&WIN_ANSI),
        b"MacRomanEncoding" => Some(&MAC_ROMAN),
        b"StandardEncoding" => Some(&STANDARD),
        _ => None,
    };
    let (base, differences) = match get(doc, font, b"Encoding") {
        Some(Object::Name(n)) => (base_of(n), None),
        Some(Object::Dictionary(d)) => (
            lookup::get_name(doc, d, b"BaseEncoding").and_then(base_of),
            lookup::get_array(doc, d, b"Differences"),
        ),
        _ => (None, None),
    };
    let mut out = SimpleEncoding {
        base,
        differences: Vec::new(),
    };
    let mut code: Option<usize> = None;
    for item in differences.unwrap_or_default() {
        match lookup::resolve(doc, item) {
            Some(Object::Integer(i)) => code = usize::try_from(*i).ok(),
            Some(Object::Name(name)) => {
                if let Some(c) = code {
                    if c < 256 {
                        out.differences.resize(256, None);
                        if let Some(slot) = out.differences.get_mut(c) {
                            *slot = Some(name.clone());
                        }
                    }
                    code = c.checked_add(1);
                }
            }
            _ => {}
        }
    }
    out
}

/// Each code's text for a simple font, from /Encoding (a base encoding and /Differences).
pub fn simple_table(encoding: &SimpleEncoding) -> Vec<String> {
    simple_table_over(encoding, None)
}

/// [`simple_table`], with the program's built-in encoding (glyph names per code) as
/// the base where /Encoding names none (ISO 32000-1 §9.6.6.1): without it a TeX math
/// font reads by StandardEncoding, and CMEX10's radical is the letter `p`.
pub fn simple_table_over(
    encoding: &SimpleEncoding,
    builtin: Option<&[Option<Vec<u8>>]>,
) -> Vec<String> {
    let mut table = simple_table_of(encoding);
    let Some(builtin) = builtin.filter(|_| encoding.base.is_none()) else {
        return table;
    };
    for (code, slot) in table.iter_mut().enumerate() {
        let differs = u8::try_from(code)
            .ok()
            .and_then(|c| encoding.difference(c))
            .is_some();
        if differs {
            continue;
        }
        if let Some(name) = builtin.get(code).and_then(Option::as_deref) {
            let name = String::from_utf8_lossy(name);
            *slot = glyphnames::to_text(&name)
                .or_else(|| tex_math_text(&name))
                .unwrap_or_default();
        }
    }
    table
}

/// TeX's extension-font names the glyph list lacks: sizes and pieces of one sign
/// (`radicalbigg`, `parenlefttp`, `summationdisplay`) read as that sign.
fn tex_math_text(name: &str) -> Option<String> {
    const SUFFIXES: [&str; 12] = [
        "Bigg", "bigg", "Big", "big", "display", "text", "tp", "bt", "ex", "mid", "vertex",
        "extend",
    ];
    let base = SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name);
    let sign = match base {
        "angbracketleft" => "⟨",
        "angbracketright" => "⟩",
        "floorleft" => "⌊",
        "floorright" => "⌋",
        "ceilingleft" => "⌈",
        "ceilingright" => "⌉",
        "contintegral" => "∮",
        "coproduct" => "∐",
        "unionmulti" => "⊎",
        "unionsq" => "⊔",
        "circledot" => "⊙",
        "hatwide" => "ˆ",
        "tildewide" => "˜",
        "arrow" | "arrowdbl" => "",
        _ => return glyphnames::to_text(base).filter(|_| base != name),
    };
    Some(sign.to_string())
}

fn simple_table_of(encoding: &SimpleEncoding) -> Vec<String> {
    let base = encoding.base.unwrap_or(&STANDARD);
    base.iter()
        .enumerate()
        .map(|(code, &u)| {
            // A name outside the glyph list (pdfTeX's bitmap fonts use `a65`) keeps the
            // base encoding's character, as readers do.
            let named = u8::try_from(code)
                .ok()
                .and_then(|c| encoding.difference(c))
                .and_then(|name| glyphnames::to_text(&String::from_utf8_lossy(name)));
            named.unwrap_or_else(|| {
                char::from_u32(u32::from(u))
                    .filter(|_| u != 0)
                    .map(String::from)
                    .unwrap_or_default()
            })
        })
        .collect()
}

/// Where a bfrange maps its codes.
#[derive(Clone, Debug, PartialEq)]
enum RangeTarget {
    /// The first code's UTF-16; each next code adds one to the last unit.
    Start(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

/// The mappings of a ToUnicode CMap, keyed by code length in bytes and code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ToUnicode {
    chars: BTreeMap<(u8, u32), String>,
    ranges: Vec<(u8, u32, u32, RangeTarget)>,
}

fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|c| (*c as char).to_digit(16))
        .map(|d| d as u8)
        .collect();
    digits
        .chunks(2)
        .map(|p| {
            p.iter()
                .fold(0u8, |acc, d| acc.wrapping_mul(16).wrapping_add(*d))
                << if p.len() == 1 { 4 } else { 0 }
        })
        .collect()
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
    Some((u8::try_from(bytes.len()).ok()?, code))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| match *p {
            [hi, lo] => u16::from_be_bytes([hi, lo]),
            [b] => u16::from(b),
            _ => 0,
        })
        .collect()
}

fn text_of(units: &[u16]) -> String {
    String::from_utf16_lossy(units).replace('\0', "")
}

/// Tokens of a CMap: hex strings, `[`, `]`, and words.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn tokens(data: &[u8]) -> impl Iterator<Item = Token<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let c = *data.get(i)?;
            match c {
                b'%' => {
                    while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                        i = i.saturating_add(1);
                    }
                }
                b'<' if data.get(i.saturating_add(1)) != Some(&b'<') => {
                    let start = i.saturating_add(1);
                    let end = data
                        .get(start..)?
                        .iter()
                        .position(|&c| c == b'>')
                        .map_or(data.len(), |p| start.saturating_add(p));
                    i = end.saturating_add(1);
                    return Some(Token::Hex(hex_bytes(
                        data.get(start..end).unwrap_or_default(),
                    )));
                }
                b'[' => {
                    i = i.saturating_add(1);
                    return Some(Token::Open);
                }
                b']' => {
                    i = i.saturating_add(1);
                    return Some(Token::Close);
                }
                c if c.is_ascii_whitespace() => i = i.saturating_add(1),
                _ => {
                    let start = i;
                    while data.get(i).is_some_and(|&c| {
                        !c.is_ascii_whitespace() && !matches!(c, b'<' | b'[' | b']' | b'%')
                    }) {
                        i = i.saturating_add(1);
                    }
                    if i == start {
                        i = i.saturating_add(1);
                    }
                    return Some(Token::Word(data.get(start..i).unwrap_or_default()));
                }
            }
        }
    })
}

impl ToUnicode {
    /// Reads the bfchar and bfrange sections of a CMap; what cannot be read is skipped.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        let mut toks = tokens(data);
        let mut entries = 0usize;
        while let Some(tok) = toks.next() {
            if entries > MAX_CMAP_ENTRIES {
                break;
            }
            match tok {
                Token::Word(b"beginbfchar") => {
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (toks.next(), toks.next())
                    {
                        if let Some(key) = code_of(&src) {
                            map.chars.insert(key, text_of(&utf16(&dst)));
                            entries = entries.saturating_add(1);
                        }
                    }
                }
                Token::Word(b"beginbfrange") => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.next(), toks.next())
                    {
                        let target = match toks.next() {
                            Some(Token::Hex(dst)) => RangeTarget::Start(utf16(&dst)),
                            Some(Token::Open) => {
                                let mut list = Vec::new();
                                while let Some(Token::Hex(dst)) = toks.next() {
                                    list.push(text_of(&utf16(&dst)));
                                }
                                RangeTarget::List(list)
                            }
                            _ => break,
                        };
                        if let (Some((len, lo)), Some((_, hi))) = (code_of(&lo), code_of(&hi))
                            && lo <= hi
                        {
                            map.ranges.push((len, lo, hi, target));
                            entries = entries.saturating_add(1);
                        }
                    }
                }
                _ => {}
            }
        }
        map
    }

    /// The text of a code of `len` bytes, if the CMap maps it.
    pub fn get(&self, code: u32, len: u8) -> Option<String> {
        if let Some(t) = self.chars.get(&(len, code)) {
            return Some(t.clone());
        }
        self.ranges
            .iter()
            .rev()
            .find(|(l, lo, hi, _)| *l == len && (*lo..=*hi).contains(&code))
            .and_then(|(_, lo, _, target)| {
                let offset = code.checked_sub(*lo)?;
                match target {
                    RangeTarget::List(list) => list.get(usize::try_from(offset).ok()?).cloned(),
                    RangeTarget::Start(units) => {
                        let mut units = units.clone();
                        let last = units.last_mut()?;
                        *last = last.checked_add(u16::try_from(offset).ok()?)?;
                        Some(text_of(&units))
                    }
                }
            })
    }
}

/// A font's /ToUnicode CMap: `Ok(None)` when it has none or it cannot be read, `Err`
/// when it decodes past the stream limit.
pub fn to_unicode(
    doc: &Document,
    font: &Dictionary,
    stream_limit: usize,
) -> Result<Option<ToUnicode>, Limit> {
    let Some(stream) = get_stream(doc, font, b"ToUnicode") else {
        return Ok(None);
    };
    match doc.decode_with_limit(stream, stream_limit) {
        Ok(data) => Ok(Some(ToUnicode::parse(&data))),
        Err(DecodeError::Limit(limit)) => Err(limit),
        Err(DecodeError::Unsupported) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_bfrange() {
        let cmap = ToUnicode::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <00> <FF> endcodespacerange
            2 beginbfchar <1B> <00660066> <41> <0041> endbfchar
            2 beginbfrange <61> <63> <0061> <70> <71> [<00DF> <D835DC00>] endbfrange
            endcmap",
        );
        assert_eq!(cmap.get(0x1B, 1).as_deref(), Some("ff"));
        assert_eq!(cmap.get(0x41, 1).as_deref(), Some("A"));
        assert_eq!(cmap.get(0x62, 1).as_deref(), Some("b"));
        assert_eq!(cmap.get(0x71, 1).as_deref(), Some("\u{1D400}"));
        assert_eq!(cmap.get(0x62, 2), None);
        assert_eq!(cmap.get(0x64, 1), None);
    }

    #[test]
    fn two_byte_codes() {
        let cmap = ToUnicode::parse(b"1 beginbfrange <0003> <0005> <0020> endbfrange");
        assert_eq!(cmap.get(0x0004, 2).as_deref(), Some("!"));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyphnames::to_text("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(
            glyphnames::to_text("quotedblleft").as_deref(),
            Some("\u{201C}")
        );
        assert_eq!(glyphnames::to_text("uni00410042").as_deref(), Some("AB"));
        assert_eq!(glyphnames::to_text("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(glyphnames::to_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyphnames::to_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyphnames::to_text("notaglyph"), None);
        assert_eq!(glyphnames::to_text(".notdef"), None);
    }

    #[test]
    fn base_encodings() {
        let ch = |t: &[u16; 256], b: usize| t.get(b).and_then(|&u| char::from_u32(u32::from(u)));
        assert_eq!(ch(&WIN_ANSI, 0x93), Some('\u{201C}'));
        assert_eq!(ch(&STANDARD, 0x27), Some('\u{2019}'));
        assert_eq!(ch(&MAC_ROMAN, 0x8E), Some('é'));
    }

    #[test]
    fn hostile_cmaps_end() {
        assert_eq!(
            ToUnicode::parse(b"beginbfrange <FFFFFFFF> <00> <41> endbfrange").get(0, 1),
            None
        );
        assert_eq!(ToUnicode::parse(b"beginbfchar <41").get(0x41, 1), None);
        let _ = ToUnicode::parse(&[b'<'; 1000]);
        let _ = ToUnicode::parse(b"beginbfrange <00> <FFFFFFFF> <FFFF> endbfrange").get(0xFF, 1);
    }
}
