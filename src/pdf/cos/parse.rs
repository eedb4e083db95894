//! Object syntax (ISO 32000-1 §7.3) read from tokens of [`Lexer`]: direct objects,
//! `N G R` references, and indirect objects `N G obj … endobj` with the start of a
//! stream's data (§7.3.8.1). Nesting is bounded, and so is the number of values parsed
//! in all (the document's budget, shared by every object it reads). Malformed syntax
//! makes the object unreadable rather than guessed at, with the leniency of common
//! readers: an integer too long for 64 bits is read as a real (Annex C.1), and a token
//! where a dictionary key belongs is skipped, so one odd entry does not lose a page.

use super::object::{Dictionary, Object, ObjectId};
use crate::pdf::lex::{self, Lexer, Token};
use std::cell::Cell;

/// What one parse may use: arrays and dictionaries nested at most `depth` deep, and
/// values taken from a budget shared by every object of the document.
#[derive(Clone, Copy)]
pub struct Bounds<'b> {
    pub depth: usize,
    /// Values left to parse; at zero every parse fails.
    pub values: &'b Cell<u64>,
}

impl<'b> Bounds<'b> {
    pub fn new(depth: usize, values: &'b Cell<u64>) -> Bounds<'b> {
        Bounds { depth, values }
    }

    /// Takes one value from the budget; false once it is spent.
    fn take(&self) -> bool {
        match self.values.get().checked_sub(1) {
            Some(left) => {
                self.values.set(left);
                true
            }
            None => false,
        }
    }

    fn deeper(&self) -> Option<Bounds<'b>> {
        Some(Bounds {
            depth: self.depth.checked_sub(1)?,
            values: self.values,
        })
    }
}

/// The number `raw` spells is written as PDF writes numbers (§7.3.3): signs, digits and
/// at most one point. `1e308`, `0x10` or `12abc` are not numbers, and the object holding
/// them is unreadable, as it is to strict readers.
fn well_formed_number(raw: &[u8]) -> bool {
    let unsigned = raw.iter().position(|&c| c != b'+' && c != b'-');
    let digits = unsigned.and_then(|at| raw.get(at..)).unwrap_or_default();
    let mut points = 0usize;
    let mut any_digit = false;
    for &c in digits {
        match c {
            b'0'..=b'9' => any_digit = true,
            b'.' => points = points.saturating_add(1),
            _ => return false,
        }
    }
    any_digit && points <= 1
}

/// Reads one direct object at the cursor; `None` when the syntax is broken, nests
/// deeper than the bounds allow or the value budget runs out.
pub fn object(lx: &mut Lexer<'_>, bounds: Bounds<'_>) -> Option<Object> {
    let token = next(lx)?;
    object_from(token, lx, bounds)
}

/// The next token with the offset where it starts.
fn next<'a>(lx: &mut Lexer<'a>) -> Option<(usize, Token<'a>)> {
    lx.skip_whitespace();
    let start = lx.pos();
    lx.next_token().map(|t| (start, t))
}

fn object_from(
    (start, token): (usize, Token<'_>),
    lx: &mut Lexer<'_>,
    bounds: Bounds<'_>,
) -> Option<Object> {
    if !bounds.take() {
        return None;
    }
    Some(match token {
        Token::Integer(i) => {
            if !well_formed_number(lx.data().get(start..lx.pos())?) {
                return None;
            }
            reference_after(i, lx).map_or(Object::Integer(i), Object::Reference)
        }
        Token::Real(r) => {
            let raw = lx.data().get(start..lx.pos())?;
            // Digits too many for an i64 are a real, as Annex C.1 allows; an infinite
            // one is no number.
            if !well_formed_number(raw) || !r.is_finite() {
                return None;
            }
            Object::Real(r)
        }
        Token::Name(raw) => {
            let mut out = Vec::with_capacity(raw.len());
            lex::decode_name(raw, &mut out);
            Object::Name(out)
        }
        Token::Literal(raw) => {
            let mut out = Vec::with_capacity(raw.len());
            lex::decode_literal(raw, &mut out);
            Object::String(out)
        }
        Token::Hex(raw) => {
            let mut out = Vec::with_capacity(raw.len() / 2);
            lex::decode_hex(raw, &mut out);
            Object::String(out)
        }
        Token::Keyword(b"true") => Object::Boolean(true),
        Token::Keyword(b"false") => Object::Boolean(false),
        Token::Keyword(b"null") => Object::Null,
        Token::ArrayOpen => {
            let inner = bounds.deeper()?;
            let mut items = Vec::new();
            loop {
                let t = next(lx)?;
                if t.1 == Token::ArrayClose {
                    break;
                }
                items.push(object_from(t, lx, inner)?);
            }
            Object::Array(items)
        }
        Token::DictOpen => Object::Dictionary(dictionary_body(lx, bounds.deeper()?)?),
        _ => return None,
    })
}

/// The entries after `<<` up to `>>`. A key with no value before `>>` is null; a
/// number or keyword where a key belongs (the `e30` of `/Length 1e30`, a stray `R`) is
/// skipped, as pdf.js and poppler skip it. Strings, arrays and dictionaries there are
/// broken syntax.
fn dictionary_body(lx: &mut Lexer<'_>, bounds: Bounds<'_>) -> Option<Dictionary> {
    let mut entries = Vec::new();
    loop {
        let (_, key) = next(lx)?;
        if !bounds.take() {
            return None;
        }
        let key = match key {
            Token::DictClose => return Some(Dictionary::from_entries(entries)),
            Token::Name(raw) => {
                let mut k = Vec::with_capacity(raw.len());
                lex::decode_name(raw, &mut k);
                k
            }
            Token::Integer(_) | Token::Real(_) | Token::Keyword(_) => continue,
            _ => return None,
        };
        let value = next(lx)?;
        if value.1 == Token::DictClose {
            entries.push((key, Object::Null));
            return Some(Dictionary::from_entries(entries));
        }
        // A value that is no well-formed number (`1e30`, `12abc`) is null, so one odd
        // entry (a harmless key of a content stream) does not hide the whole stream.
        let (start, token) = value;
        if matches!(token, Token::Integer(_) | Token::Real(_))
            && !lx
                .data()
                .get(start..lx.pos())
                .is_some_and(well_formed_number)
        {
            entries.push((key, Object::Null));
            continue;
        }
        entries.push((key, object_from(value, lx, bounds)?));
    }
}

/// After an integer `num`: ` G R` makes it a reference, else the cursor stays put.
fn reference_after(num: i64, lx: &mut Lexer<'_>) -> Option<ObjectId> {
    let mut ahead = lx.clone();
    let Some(Token::Integer(generation)) = ahead.next_token() else {
        return None;
    };
    let Some(Token::Keyword(b"R")) = ahead.next_token() else {
        return None;
    };
    let id = (u32::try_from(num).ok()?, u16::try_from(generation).ok()?);
    *lx = ahead;
    Some(id)
}

/// An indirect object as written in the file.
#[derive(Debug, PartialEq)]
pub struct Indirect {
    pub id: ObjectId,
    pub object: Object,
    /// For a stream, where its data starts (after `stream` and its end of line).
    pub stream_start: Option<usize>,
}

/// Reads `N G obj` at the cursor; the object number and generation.
pub fn object_header(lx: &mut Lexer<'_>) -> Option<ObjectId> {
    let Some(Token::Integer(num)) = lx.next_token() else {
        return None;
    };
    let Some(Token::Integer(generation)) = lx.next_token() else {
        return None;
    };
    let Some(Token::Keyword(b"obj")) = lx.next_token() else {
        return None;
    };
    Some((u32::try_from(num).ok()?, u16::try_from(generation).ok()?))
}

/// Reads `N G obj <object>` at `offset`, and notes where a stream's data starts.
pub fn indirect(data: &[u8], offset: usize, bounds: Bounds<'_>) -> Option<Indirect> {
    let mut lx = Lexer::at(data, offset);
    let id = object_header(&mut lx)?;
    let object = object(&mut lx, bounds)?;
    let mut stream_start = None;
    if let Object::Dictionary(_) = object {
        let mut ahead = lx.clone();
        if let Some(Token::Keyword(b"stream")) = ahead.next_token() {
            stream_start = Some(data_start(data, ahead.pos()));
        }
    }
    Some(Indirect {
        id,
        object,
        stream_start,
    })
}

/// Where stream data starts after the `stream` keyword ending at `at`: past spaces some
/// writers leave, then one end of line (CRLF, LF, or a lone CR as lenient readers take).
fn data_start(data: &[u8], mut at: usize) -> usize {
    while matches!(data.get(at), Some(b' ' | b'\t')) {
        at = at.saturating_add(1);
    }
    match (data.get(at), data.get(at.saturating_add(1))) {
        (Some(b'\r'), Some(b'\n')) => at.saturating_add(2),
        (Some(b'\r' | b'\n'), _) => at.saturating_add(1),
        _ => at,
    }
}

/// Finds the first `needle` at or after an offset.
pub type FindFrom<'f> = dyn FnMut(&'static [u8], usize) -> Option<usize> + 'f;

/// A plain search from `from` on.
pub fn find_from(data: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    find(data.get(from..)?, needle).map(|i| from.saturating_add(i))
}

/// Where a stream's data ends: at `start + length` when `endstream` follows there (after
/// an end of line), else just before the next `endstream` (a /Length that lies, is
/// missing or negative, as pdf.js and poppler recover it), else at `endobj` or the end
/// of the data for a file cut short. `find` looks for the keywords.
pub fn stream_end(
    data: &[u8],
    start: usize,
    length: Option<usize>,
    find: &mut FindFrom<'_>,
) -> usize {
    if let Some(end) = length
        .and_then(|l| start.checked_add(l))
        .filter(|&e| e <= data.len())
    {
        let after = data.get(end..).unwrap_or_default().trim_ascii_start();
        if after.starts_with(b"endstream") {
            return end;
        }
    }
    let found = find(b"endstream", start).or_else(|| find(b"endobj", start));
    match found {
        Some(at) => {
            let body = data.get(start..at).unwrap_or_default();
            let trimmed = body
                .strip_suffix(b"\r\n")
                .or_else(|| body.strip_suffix(b"\n"))
                .or_else(|| body.strip_suffix(b"\r"))
                .unwrap_or(body);
            start.saturating_add(trimmed.len())
        }
        None => length
            .and_then(|l| start.checked_add(l))
            .unwrap_or(data.len())
            .min(data.len()),
    }
}

/// First occurrences of a keyword, remembered so that no byte of the file is searched
/// twice however many streams with lying lengths are read: an entry `from -> found`
/// says the first occurrence at or after any offset in `from..=found` is `found`
/// (`None`: there is none to the end).
#[derive(Debug, Default)]
pub struct Occurrences {
    known: std::collections::BTreeMap<usize, Option<usize>>,
}

impl Occurrences {
    pub fn first_from(&mut self, data: &[u8], needle: &[u8], from: usize) -> Option<usize> {
        if let Some((_, &found)) = self.known.range(..=from).next_back()
            && found.is_none_or(|f| from <= f)
        {
            return found;
        }
        // Search up to the next offset already searched from, then take its answer.
        let next = self
            .known
            .range(from.saturating_add(1)..)
            .next()
            .map(|(&a, &f)| (a, f));
        let stop = next.map_or(data.len(), |(a, _)| a);
        let window_end = stop
            .saturating_add(needle.len().saturating_sub(1))
            .min(data.len());
        let hit = data
            .get(from..window_end)
            .and_then(|w| find(w, needle))
            .map(|i| from.saturating_add(i))
            .filter(|&p| p < stop);
        let found = match hit {
            Some(p) => Some(p),
            None => next.and_then(|(_, f)| f),
        };
        self.known.insert(from, found);
        found
    }
}

/// The offset of the first `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut at = 0usize;
    while let Some(i) = hay.get(at..)?.iter().position(|&b| b == first) {
        let start = at.saturating_add(i);
        let tail = start.saturating_add(1);
        if hay.get(tail..tail.saturating_add(rest.len())) == Some(rest) {
            return Some(start);
        }
        at = tail;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Option<Object> {
        object(&mut Lexer::new(s), Bounds::new(8, &Cell::new(u64::MAX)))
    }

    fn unbounded() -> Bounds<'static> {
        Bounds::new(8, Box::leak(Box::new(Cell::new(u64::MAX))))
    }

    fn name(s: &str) -> Object {
        Object::Name(s.as_bytes().to_vec())
    }

    #[test]
    fn direct_objects() {
        assert_eq!(parse(b"  42"), Some(Object::Integer(42)));
        assert_eq!(parse(b"-.5"), Some(Object::Real(-0.5)));
        assert_eq!(parse(b"/A#20B"), Some(name("A B")));
        assert_eq!(parse(b"(a\\)b)"), Some(Object::String(b"a)b".to_vec())));
        assert_eq!(parse(b"<414>"), Some(Object::String(b"A@".to_vec())));
        assert_eq!(parse(b"true"), Some(Object::Boolean(true)));
        assert_eq!(parse(b"null"), Some(Object::Null));
        assert_eq!(
            parse(b"[1 0 R 2 /N 3 4 R 5]"),
            Some(Object::Array(vec![
                Object::Reference((1, 0)),
                Object::Integer(2),
                name("N"),
                Object::Reference((3, 4)),
                Object::Integer(5),
            ]))
        );
    }

    #[test]
    fn dictionaries_keep_order_and_last_duplicate() {
        let Some(Object::Dictionary(d)) = parse(b"<</B 1/A[2]/B 3/Z>>") else {
            panic!("a dictionary");
        };
        let keys: Vec<&[u8]> = d.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, [&b"B"[..], b"A", b"Z"]);
        assert_eq!(d.get(b"B"), Some(&Object::Integer(3)));
        assert_eq!(d.get(b"Z"), Some(&Object::Null));
    }

    #[test]
    fn malformed_objects_are_unreadable() {
        for bad in [
            &b"[0 0 NaN]"[..],
            b"[1e308]",
            &b"9".repeat(400),
            b"<< /A 1",
            b"[1 2",
            b"<< /A (x) (y) >>",
            b"]",
        ] {
            assert_eq!(parse(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(parse(b"1.5"), Some(Object::Real(1.5)));
    }

    #[test]
    fn the_leniency_of_common_readers() {
        // Digits past i64 are a real (Annex C.1), not a broken object.
        assert_eq!(
            parse(b"99999999999999999999"),
            Some(Object::Real(99999999999999999999.0))
        );
        // A malformed number as a value is null; a number or keyword where a key
        // belongs is skipped: the rest of the dictionary reads.
        let Some(Object::Dictionary(d)) = parse(b"<< /Length 1e30 /A 1 2 /B 3 R /C 4 >>") else {
            panic!("a dictionary");
        };
        assert_eq!(d.get(b"Length"), Some(&Object::Null));
        assert_eq!(d.get(b"A"), Some(&Object::Integer(1)));
        assert_eq!(d.get(b"B"), Some(&Object::Integer(3)));
        assert_eq!(d.get(b"C"), Some(&Object::Integer(4)));
    }

    #[test]
    fn values_come_from_a_budget_shared_by_every_parse() {
        let budget = Cell::new(6);
        let b = Bounds::new(8, &budget);
        // `[1 2 3]` is four values: the array and its items.
        assert!(object(&mut Lexer::new(b"[1 2 3]"), b).is_some());
        assert_eq!(budget.get(), 2);
        assert_eq!(object(&mut Lexer::new(b"[1 2 3]"), b), None);
        assert_eq!(budget.get(), 0);
        assert_eq!(object(&mut Lexer::new(b"7"), b), None);
    }

    #[test]
    fn nesting_is_bounded() {
        assert!(parse(b"[[[[[[[[]]]]]]]]").is_some());
        assert_eq!(parse(b"[[[[[[[[[]]]]]]]]]"), None);
        let deep = "<</A ".repeat(100_000);
        assert_eq!(parse(deep.as_bytes()), None);
    }

    #[test]
    fn indirect_objects_and_stream_starts() {
        let data = b"junk 7 1 obj << /Length 3 >> stream\r\nabc\nendstream endobj";
        let ind = indirect(data, 5, unbounded()).expect("an object");
        assert_eq!(ind.id, (7, 1));
        assert_eq!(ind.stream_start, Some(37));
        assert_eq!(data.get(37..40), Some(&b"abc"[..]));
        let plain = indirect(b"3 0 obj\n(x)\nendobj", 0, unbounded()).expect("an object");
        assert_eq!(plain.object, Object::String(b"x".to_vec()));
        assert_eq!(plain.stream_start, None);
        assert_eq!(indirect(b"3 0 ob (x)", 0, unbounded()), None);
    }

    #[test]
    fn stream_ends_by_length_or_by_endstream() {
        let end = |data: &[u8], start: usize, length: Option<usize>| {
            stream_end(data, start, length, &mut |n, from| find_from(data, n, from))
        };
        let data = b"<<>>stream\nHello\nendstream\nendobj";
        let start = 11;
        // The true length, a lie each way, none, and a file cut short.
        assert_eq!(end(data, start, Some(5)), 16);
        assert_eq!(end(data, start, Some(3)), 16);
        assert_eq!(end(data, start, Some(500)), 16);
        assert_eq!(end(data, start, None), 16);
        assert_eq!(end(b"stream\r\nab\r\nendstream", 8, None), 10);
        assert_eq!(end(b"stream\nabcdef", 7, Some(3)), 10);
        assert_eq!(end(b"stream\nabcdef", 7, None), 13);
        assert_eq!(find(b"aababc", b"abc"), Some(3));
        assert_eq!(find(b"ab", b"abc"), None);
    }

    #[test]
    fn occurrences_answer_as_a_search_would() {
        let data = b"..endstream....endstream..x";
        let mut memo = Occurrences::default();
        for from in [20, 0, 5, 2, 3, 16, 13, 26, 40, 11, 12] {
            assert_eq!(
                memo.first_from(data, b"endstream", from),
                find_from(data, b"endstream", from),
                "from {from}"
            );
        }
    }
}
