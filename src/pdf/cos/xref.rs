//! Cross-reference data (ISO 32000-1 §7.5.4–7.5.8): classic tables and cross-reference
//! streams followed through /Prev (and a hybrid file's /XRefStm), newest entry first,
//! trailers merged; and, when they are missing or lie, an index rebuilt by scanning the
//! file for `N G obj` and `trailer` as pdf.js and poppler do.

use super::filter;
use super::object::{Dictionary, Object};
use super::parse;
use crate::pdf::lex::{Lexer, Token};
use std::collections::{BTreeMap, BTreeSet};

/// Cross-reference sections followed through /Prev and /XRefStm.
const MAX_SECTIONS: usize = 1024;
/// How far from the end `startxref` is looked for.
const STARTXREF_WINDOW: usize = 4096;
/// Bytes after `N G obj` looked at to spot an object or cross-reference stream while
/// scanning.
const PEEK: usize = 512;
/// Trailers (and cross-reference stream dictionaries) a scan parses, the last ones in
/// the file: each parse may run far in a hostile file, so their number is bounded.
const MAX_SCANNED_TRAILERS: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Free,
    /// At a byte offset, with its generation.
    InFile {
        offset: usize,
        generation: u16,
    },
    /// The `index`-th object of object stream `stream`.
    InStream {
        stream: u32,
        index: u32,
    },
}

/// Entries by object number and the merged trailer.
#[derive(Debug, Default)]
pub struct Xref {
    pub entries: BTreeMap<u32, Entry>,
    pub trailer: Dictionary,
    /// Entries left out past the object limit.
    pub over_limit: bool,
}

impl Xref {
    /// Adds an entry unless a newer section already gave one.
    fn add(&mut self, num: u32, entry: Entry, max_objects: usize) {
        if self.entries.contains_key(&num) {
            return;
        }
        if self.entries.len() >= max_objects {
            self.over_limit = true;
            return;
        }
        self.entries.insert(num, entry);
    }

    fn merge_trailer(&mut self, dict: &Dictionary) {
        for (k, v) in dict.iter() {
            self.trailer.insert_if_absent(k.to_vec(), v.clone());
        }
    }
}

/// Values one trailer or cross-reference stream dictionary may hold (a real one has a
/// dozen), and how deep it may nest: these are read before the document's own budget
/// exists.
const TRAILER_VALUES: u64 = 100_000;
const TRAILER_DEPTH: usize = 64;

fn trailer_bounds<T>(parse: impl FnOnce(parse::Bounds<'_>) -> T) -> T {
    let budget = std::cell::Cell::new(TRAILER_VALUES);
    parse(parse::Bounds::new(TRAILER_DEPTH, &budget))
}

/// The offset `startxref` gives, looked for near the end of the file.
pub fn startxref(data: &[u8]) -> Option<usize> {
    let from = data.len().saturating_sub(STARTXREF_WINDOW);
    let tail = data.get(from..)?;
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let mut lx = Lexer::at(tail, at.saturating_add(9));
    match lx.next_token()? {
        Token::Integer(i) => usize::try_from(i).ok(),
        _ => None,
    }
}

/// Reads the sections from `start` back through /Prev. `None` when the first one
/// cannot be read at all.
pub fn read(data: &[u8], start: usize, max_objects: usize, limit: usize) -> Option<Xref> {
    let mut xref = Xref::default();
    let mut seen = BTreeSet::new();
    let mut next = Some(start);
    let mut first = true;
    while let Some(offset) = next.take() {
        if seen.len() >= MAX_SECTIONS || !seen.insert(offset) {
            break;
        }
        let mut this = Xref::default();
        let Some(trailer) = section(data, offset, &mut this, max_objects, limit) else {
            if first {
                return None;
            }
            break;
        };
        first = false;
        // A hybrid file (§7.5.8.4): the table's objects, then its stream's (which also
        // fill the entries the table leaves free), then the table's free entries.
        let mut hidden = Xref::default();
        if let Some(stm) = trailer.get(b"XRefStm").and_then(offset_of)
            && seen.insert(stm)
        {
            let _ = stream_section(data, stm, &mut hidden, max_objects, limit);
        }
        let (free, used): (Vec<_>, Vec<_>) = this
            .entries
            .into_iter()
            .partition(|(_, e)| *e == Entry::Free);
        for (num, entry) in used.into_iter().chain(hidden.entries).chain(free) {
            xref.add(num, entry, max_objects);
        }
        xref.over_limit |= this.over_limit || hidden.over_limit;
        xref.merge_trailer(&trailer);
        next = trailer.get(b"Prev").and_then(offset_of);
    }
    Some(xref)
}

fn offset_of(o: &Object) -> Option<usize> {
    match *o {
        Object::Integer(i) => usize::try_from(i).ok(),
        Object::Real(r) if r >= 0.0 && r.fract() == 0.0 => Some(r as usize),
        _ => None,
    }
}

/// One section at `offset`, table or stream; its trailer dictionary.
fn section(
    data: &[u8],
    offset: usize,
    xref: &mut Xref,
    max_objects: usize,
    limit: usize,
) -> Option<Dictionary> {
    let mut lx = Lexer::at(data, offset);
    if lx.next_token() == Some(Token::Keyword(b"xref")) {
        table_section(&mut lx, xref, max_objects)
    } else {
        stream_section(data, offset, xref, max_objects, limit)
    }
}

/// A classic table after `xref`: subsections of `start count` and rows of
/// `offset generation n|f`, then `trailer << … >>`.
fn table_section(lx: &mut Lexer<'_>, xref: &mut Xref, max_objects: usize) -> Option<Dictionary> {
    loop {
        match lx.next_token()? {
            Token::Keyword(b"trailer") => break,
            Token::Integer(start) => {
                let Some(Token::Integer(count)) = lx.next_token() else {
                    return None;
                };
                let mut num = u32::try_from(start).ok()?;
                for row in 0..count.max(0) {
                    let mut ahead = lx.clone();
                    // Fewer rows than the subsection claims: the table goes on.
                    if matches!(
                        ahead.clone().next_token(),
                        Some(Token::Keyword(b"trailer")) | None
                    ) {
                        break;
                    }
                    let (Some(offset), Some(generation)) = (digits(&mut ahead), digits(&mut ahead))
                    else {
                        // A row that is no row: the table cannot be believed.
                        return None;
                    };
                    let kind = match ahead.next_token() {
                        Some(Token::Keyword(k @ (b"n" | b"f"))) => k,
                        _ => return None,
                    };
                    *lx = ahead;
                    // A subsection numbered from 1 whose first row is the free head of
                    // the list (`0000000000 65535 f`) really starts at 0.
                    if row == 0 && num == 1 && kind == b"f" && offset == 0 && generation == 65535 {
                        num = 0;
                    }
                    let entry = match kind {
                        b"n" => match (usize::try_from(offset), u16::try_from(generation)) {
                            (Ok(offset), Ok(generation)) if offset > 0 => {
                                Entry::InFile { offset, generation }
                            }
                            _ => Entry::Free,
                        },
                        _ => Entry::Free,
                    };
                    if num > 0 {
                        xref.add(num, entry, max_objects);
                    }
                    num = num.checked_add(1)?;
                }
            }
            _ => return None,
        }
    }
    match trailer_bounds(|b| parse::object(lx, b))? {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// A token of digits only (a table's offsets and generations), as a number.
fn digits(lx: &mut Lexer<'_>) -> Option<i64> {
    lx.skip_whitespace();
    let start = lx.pos();
    let Some(Token::Integer(v)) = lx.next_token() else {
        return None;
    };
    let raw = lx.data().get(start..lx.pos())?;
    raw.iter().all(u8::is_ascii_digit).then_some(v)
}

/// The fields of a cross-reference stream row, most significant byte first; an empty
/// field is its default.
fn field(row: &[u8], default: u64) -> u64 {
    if row.is_empty() {
        return default;
    }
    row.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b))
}

/// A cross-reference stream at `offset` (§7.5.8): its rows added, its dictionary the
/// section's trailer.
fn stream_section(
    data: &[u8],
    offset: usize,
    xref: &mut Xref,
    max_objects: usize,
    limit: usize,
) -> Option<Dictionary> {
    let ind = trailer_bounds(|b| parse::indirect(data, offset, b))?;
    let Object::Dictionary(dict) = ind.object else {
        return None;
    };
    let start = ind.stream_start?;
    if dict.name(b"Type") != Some(b"XRef") && !dict.has(b"W") {
        return None;
    }
    let length = dict.get(b"Length").and_then(offset_of);
    let end = parse::stream_end(data, start, length, &mut |n, from| {
        parse::find_from(data, n, from)
    });
    let raw = data.get(start..end)?;
    let filters = filter::filters_of(&dict, &|o: &Object| Some(o))?;
    let rows = filter::decode(raw, &filters, limit).ok()?;
    let widths: Vec<usize> = match dict.get(b"W")? {
        Object::Array(w) => w
            .iter()
            .map(|o| {
                o.as_i64()
                    .and_then(|v| usize::try_from(v).ok())
                    .filter(|&v| v <= 8)
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let [w0, w1, w2] = widths.as_slice() else {
        return None;
    };
    let row_len = w0.saturating_add(*w1).saturating_add(*w2);
    if row_len == 0 {
        return None;
    }
    let size = dict.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
    let index: Vec<i64> = match dict.get(b"Index") {
        Some(Object::Array(a)) => a.iter().map(|o| o.as_i64().unwrap_or(-1)).collect(),
        _ => vec![0, size],
    };
    if !index.len().is_multiple_of(2) || index.iter().any(|&v| v < 0) {
        return None;
    }
    let mut rows_left = rows.chunks_exact(row_len);
    for pair in index.chunks_exact(2) {
        let (Some(&first), Some(&count)) = (pair.first(), pair.get(1)) else {
            break;
        };
        let Ok(mut num) = u32::try_from(first) else {
            break;
        };
        for _ in 0..count {
            let Some(row) = rows_left.next() else { break };
            let (a, rest) = row.split_at(*w0);
            let (b, c) = rest.split_at(*w1);
            let entry = match field(a, 1) {
                0 => Entry::Free,
                1 => match (usize::try_from(field(b, 0)), u16::try_from(field(c, 0))) {
                    (Ok(offset), Ok(generation)) if offset > 0 => {
                        Entry::InFile { offset, generation }
                    }
                    _ => Entry::Free,
                },
                2 => match (u32::try_from(field(b, 0)), u32::try_from(field(c, 0))) {
                    (Ok(stream), Ok(index)) => Entry::InStream { stream, index },
                    _ => Entry::Free,
                },
                // Other types are to be read as null references.
                _ => Entry::Free,
            };
            if num > 0 {
                xref.add(num, entry, max_objects);
            }
            let Some(n) = num.checked_add(1) else { break };
            num = n;
        }
    }
    Some(dict)
}

/// What a scan of the whole file finds.
#[derive(Debug, Default)]
pub struct Scan {
    /// The last `N G obj` of each number: its offset and generation.
    pub objects: BTreeMap<u32, (usize, u16)>,
    /// Earlier `N G obj` of numbers found again later, in file order.
    pub earlier: Vec<(u32, usize, u16)>,
    /// Trailer dictionaries (after `trailer`, or of cross-reference streams), in file order.
    pub trailers: Vec<Dictionary>,
    /// Objects whose dictionary says /ObjStm.
    pub object_streams: Vec<u32>,
}

fn is_digit(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_digit)
}

/// Finds every `N G obj` and `trailer` in the file.
pub fn scan(data: &[u8], max_objects: usize) -> Scan {
    let mut out = Scan::default();
    let mut xref_streams = Vec::new();
    let mut trailers = Vec::new();
    let mut at = 0usize;
    while let Some(i) = data
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'o' || b == b't'))
    {
        let pos = at.saturating_add(i);
        at = pos.saturating_add(1);
        let rest = data.get(pos..).unwrap_or_default();
        if rest.starts_with(b"trailer") {
            trailers.push(pos.saturating_add(7));
            continue;
        }
        if !rest.starts_with(b"obj")
            || data
                .get(pos.saturating_add(3))
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        let Some((offset, num, generation)) = header_before(data, pos) else {
            continue;
        };
        if out.objects.len() >= max_objects && !out.objects.contains_key(&num) {
            continue;
        }
        if let Some((old_offset, old_generation)) = out.objects.insert(num, (offset, generation)) {
            out.earlier.push((num, old_offset, old_generation));
        }
        // The object's own dictionary: up to its `stream` or `endobj`.
        let window = data
            .get(pos..pos.saturating_add(PEEK).min(data.len()))
            .unwrap_or_default();
        let own = [&b"stream"[..], b"endobj"]
            .iter()
            .filter_map(|k| parse::find(window, k))
            .min()
            .unwrap_or(window.len());
        let peek = window.get(..own).unwrap_or_default();
        if parse::find(peek, b"/ObjStm").is_some() {
            out.object_streams.push(num);
        }
        if parse::find(peek, b"/XRef").is_some() {
            xref_streams.push(offset);
        }
    }
    let last = |v: &Vec<usize>| v.len().saturating_sub(MAX_SCANNED_TRAILERS);
    for &at in trailers.iter().skip(last(&trailers)) {
        if let Some(Object::Dictionary(d)) =
            trailer_bounds(|b| parse::object(&mut Lexer::at(data, at), b))
        {
            out.trailers.push(d);
        }
    }
    for &offset in xref_streams.iter().skip(last(&xref_streams)) {
        if let Some(ind) = trailer_bounds(|b| parse::indirect(data, offset, b))
            && let Object::Dictionary(d) = ind.object
        {
            out.trailers.push(d);
        }
    }
    out.object_streams.sort_unstable();
    out.object_streams.dedup();
    out
}

/// For `obj` at `pos`: the `N G` before it, as (offset of N, N, G).
fn header_before(data: &[u8], pos: usize) -> Option<(usize, u32, u16)> {
    let mut i = pos;
    let back = |i: &mut usize, digits: bool| -> Option<usize> {
        let end = *i;
        loop {
            let j = i.checked_sub(1)?;
            let b = data.get(j);
            let take = if digits {
                is_digit(b)
            } else {
                b.is_some_and(|&c| crate::pdf::lex::is_whitespace(c))
            };
            if !take {
                break;
            }
            *i = j;
        }
        (end > *i).then_some(end)
    };
    back(&mut i, false)?;
    let gen_end = back(&mut i, true)?;
    let gen_start = i;
    back(&mut i, false)?;
    let num_end = back(&mut i, true)?;
    let num_start = i;
    if let Some(j) = num_start.checked_sub(1)
        && data
            .get(j)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'.')
    {
        return None;
    }
    let text = |a: usize, b: usize| std::str::from_utf8(data.get(a..b)?).ok();
    let num: u32 = text(num_start, num_end)?.parse().ok()?;
    let generation: u16 = text(gen_start, gen_end)?.parse().ok()?;
    Some((num_start, num, generation))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n2 0 obj\n(two)\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000029 00001 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n50\n%%EOF\n";

    #[test]
    fn a_classic_table() {
        assert_eq!(startxref(TABLE), Some(50));
        let x = read(TABLE, 50, 100, 1 << 20).expect("a table");
        assert_eq!(
            x.entries.get(&1),
            Some(&Entry::InFile {
                offset: 9,
                generation: 0
            })
        );
        assert_eq!(
            x.entries.get(&2),
            Some(&Entry::InFile {
                offset: 29,
                generation: 1
            })
        );
        assert_eq!(x.trailer.get(b"Root"), Some(&Object::Reference((1, 0))));
        // The object limit keeps the first entries and says so.
        let small = read(TABLE, 50, 1, 1 << 20).expect("a table");
        assert_eq!((small.entries.len(), small.over_limit), (1, true));
        assert!(read(TABLE, 9, 100, 1 << 20).is_none());
    }

    #[test]
    fn a_table_numbered_from_one_and_a_prev_chain_with_a_cycle() {
        // The newer section (at 0) lists object 1 anew and points back to the older
        // one (at 100), which points back to the newer: the cycle ends the chain.
        let newer = b"xref\n1 2\n0000000000 65535 f \n0000000500 00000 n \ntrailer\n<< /Prev 100 /Root 9 0 R >>\n";
        let mut data = newer.to_vec();
        data.resize(100, b' ');
        data.extend_from_slice(b"xref\n0 3\n0000000000 65535 f \n0000000100 00000 n \n0000000200 00000 n \ntrailer\n<< /Prev 0 /Size 3 /Root 1 0 R /Info 5 0 R >>\n");
        let x = read(&data, 0, 100, 1 << 20).expect("two sections");
        assert_eq!(
            x.entries.get(&1),
            Some(&Entry::InFile {
                offset: 500,
                generation: 0
            })
        );
        assert_eq!(
            x.entries.get(&2),
            Some(&Entry::InFile {
                offset: 200,
                generation: 0
            })
        );
        // The newer trailer's /Root wins; the older adds what the newer lacks.
        assert_eq!(x.trailer.get(b"Root"), Some(&Object::Reference((9, 0))));
        assert_eq!(x.trailer.get(b"Info"), Some(&Object::Reference((5, 0))));
    }

    /// A cross-reference stream with /W [1 2 1], rows given, PNG Up predicted or not.
    fn xref_stream(rows: &[u8], extra: &str) -> Vec<u8> {
        let mut data = format!(
            "7 0 obj\n<< /Type /XRef /W [1 2 1] /Size 4 /Root 1 0 R {extra} /Length {} >>\nstream\n",
            rows.len()
        )
        .into_bytes();
        data.extend_from_slice(rows);
        data.extend_from_slice(b"\nendstream\nendobj\n");
        data
    }

    #[test]
    fn a_cross_reference_stream() {
        let rows = [0, 0, 0, 255, 1, 0, 10, 0, 2, 0, 7, 3, 1, 1, 0, 2];
        let data = xref_stream(&rows, "/Index [0 4]");
        let x = read(&data, 0, 100, 1 << 20).expect("a stream");
        assert_eq!(
            x.entries.get(&1),
            Some(&Entry::InFile {
                offset: 10,
                generation: 0
            })
        );
        assert_eq!(
            x.entries.get(&2),
            Some(&Entry::InStream {
                stream: 7,
                index: 3
            })
        );
        assert_eq!(
            x.entries.get(&3),
            Some(&Entry::InFile {
                offset: 256,
                generation: 2
            })
        );
        assert_eq!(x.trailer.get(b"Root"), Some(&Object::Reference((1, 0))));
        // Absurd widths are not believed.
        let data =
            String::from_utf8_lossy(&xref_stream(&rows, "")).replace("/W [1 2 1]", "/W [1 9 1]");
        assert!(read(data.as_bytes(), 0, 100, 1 << 20).is_none());
    }

    #[test]
    fn a_predicted_cross_reference_stream_with_sections() {
        // Rows for objects 5 and 9 in PNG Up ([2 1 0 20 0] [2 0 0 10 0]: the second
        // row is the difference), deflated.
        let rows = [
            120, 156, 99, 98, 100, 16, 97, 96, 98, 96, 224, 98, 0, 0, 0, 209, 0, 36,
        ];
        let data = xref_stream(
            &rows,
            "/Index [5 1 9 1] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        );
        let x = read(&data, 0, 100, 1 << 20).expect("a stream");
        assert_eq!(
            x.entries.get(&5),
            Some(&Entry::InFile {
                offset: 20,
                generation: 0
            })
        );
        assert_eq!(
            x.entries.get(&9),
            Some(&Entry::InFile {
                offset: 30,
                generation: 0
            })
        );
        assert_eq!(x.entries.len(), 2);
    }

    #[test]
    fn a_hybrid_file_reads_table_then_stream() {
        let stream = xref_stream(&[2, 0, 7, 0, 1, 0, 50, 0], "/Index [2 2]");
        let mut data = stream.clone();
        let table_at = data.len();
        data.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n0000000100 00000 n \n0000000000 65535 f \n0000000300 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R /XRefStm 0 >>\n");
        let x = read(&data, table_at, 100, 1 << 20).expect("hybrid");
        assert_eq!(
            x.entries.get(&1),
            Some(&Entry::InFile {
                offset: 100,
                generation: 0
            })
        );
        // Object 2 is free in the table and compressed in the stream: the stream's entry
        // is the one a reader of PDF 1.5 takes.
        assert_eq!(
            x.entries.get(&2),
            Some(&Entry::InStream {
                stream: 7,
                index: 0
            })
        );
        assert_eq!(
            x.entries.get(&3),
            Some(&Entry::InFile {
                offset: 300,
                generation: 0
            })
        );
    }

    #[test]
    fn a_scan_finds_objects_and_trailers() {
        let data = b"%PDF-1.4\n1 0 obj <<>> endobj\n12 3 obj\n(a) endobj 1 0 obj (newer) endobj x1 0 obj 4 0 obj<</Type/ObjStm>>stream\nendstream endobj trailer << /Root 1 0 R >>";
        let s = scan(data, 100);
        assert_eq!(s.objects.get(&1), Some(&(49, 0)));
        assert_eq!(s.objects.get(&12), Some(&(29, 3)));
        assert_eq!(s.objects.len(), 3);
        assert_eq!(s.object_streams, [4]);
        assert_eq!(s.trailers.len(), 1);
        assert_eq!(scan(data, 1).objects.len(), 1);
    }
}
