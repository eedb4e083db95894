//! Stream filters (ISO 32000-1 §7.4, Tables 6 and 8): a /Filter name or array with its
//! /DecodeParms, abbreviations included (§8.9.7, Table 94). Flate, LZW, ASCIIHex,
//! ASCII85 and RunLength are decoded; image filters (DCT, JPX, CCITTFax, JBIG2) never
//! are, since nothing here needs image data.

use super::object::{Dictionary, Object};
use super::predictor::{self, Params};
use super::{flate, lzw};
use crate::limits::Limit;
use crate::pdf::lex;

/// Filters applied in a row; more is an attack, not a stream.
const MAX_FILTERS: usize = 8;

/// Why a stream could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The decoded data would pass a limit: the stream's own, or what the document may
    /// still decode.
    Limit(Limit),
    /// An image filter, an unknown filter or a /Filter that is not a name.
    Unsupported,
}

/// The filter names of a /Filter entry and their parameters, resolved by the caller.
pub fn decode(
    data: &[u8],
    filters: &[(Vec<u8>, Option<Dictionary>)],
    limit: usize,
) -> Result<Vec<u8>, DecodeError> {
    if filters.len() > MAX_FILTERS {
        return Err(DecodeError::Unsupported);
    }
    let mut current: Option<Vec<u8>> = None;
    for (name, params) in filters {
        let input = current.as_deref().unwrap_or(data);
        let out = match name.as_slice() {
            b"FlateDecode" | b"Fl" => predict(
                flate::inflate(input, limit)
                    .map_err(|()| DecodeError::Limit(Limit::StreamBytes))?,
                params.as_ref(),
            ),
            b"LZWDecode" | b"LZW" => {
                let early = params
                    .as_ref()
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    != Some(0);
                predict(
                    lzw::decode(input, early, limit)
                        .map_err(|()| DecodeError::Limit(Limit::StreamBytes))?,
                    params.as_ref(),
                )
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            b"ASCII85Decode" | b"A85" => ascii85(input),
            b"RunLengthDecode" | b"RL" => run_length(input, limit)?,
            // Decryption is the document's (§7.6.5); here the data is already plain.
            b"Crypt" => input.to_vec(),
            _ => return Err(DecodeError::Unsupported),
        };
        if out.len() > limit {
            return Err(DecodeError::Limit(Limit::StreamBytes));
        }
        current = Some(out);
    }
    Ok(current.unwrap_or_else(|| data.to_vec()))
}

/// A stream's filters with their parameters (§7.3.8.2): /Filter a name or an array of
/// names, /DecodeParms a dictionary or an array of dictionaries and nulls. `None` when
/// /Filter is neither.
pub fn filters_of<'o>(
    dict: &'o Dictionary,
    resolve: &dyn Fn(&'o Object) -> Option<&'o Object>,
) -> Option<Vec<(Vec<u8>, Option<Dictionary>)>> {
    let Some(filter) = dict.get(b"Filter").and_then(resolve) else {
        return Some(Vec::new());
    };
    let names: Vec<&[u8]> = match filter {
        Object::Name(n) => vec![n],
        Object::Array(a) => a
            .iter()
            .take(MAX_FILTERS.saturating_add(1))
            .map(|o| resolve(o).and_then(Object::as_name))
            .collect::<Option<_>>()?,
        Object::Null => Vec::new(),
        _ => return None,
    };
    let parms = dict
        .get(b"DecodeParms")
        .or_else(|| dict.get(b"DP"))
        .and_then(resolve);
    let parm_at = |i: usize| -> Option<Dictionary> {
        let p = match parms? {
            Object::Array(a) => resolve(a.get(i)?)?,
            other if i == 0 => other,
            _ => return None,
        };
        p.as_dict().cloned()
    };
    Some(
        names
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n.to_vec(), parm_at(i)))
            .collect(),
    )
}

fn predict(data: Vec<u8>, params: Option<&Dictionary>) -> Vec<u8> {
    let Some(p) = params else { return data };
    let int = |key: &[u8], default: i64| p.get(key).and_then(Object::as_i64).unwrap_or(default);
    let size = |key: &[u8], default: i64| usize::try_from(int(key, default)).unwrap_or(0);
    let params = Params {
        predictor: int(b"Predictor", 1),
        colors: size(b"Colors", 1),
        bits: size(b"BitsPerComponent", 8),
        columns: size(b"Columns", 1),
    };
    predictor::apply(data, &params)
}

/// ASCIIHexDecode: up to `>`, whitespace skipped, an odd last digit padded with 0.
pub fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let body = data.split(|&b| b == b'>').next().unwrap_or_default();
    let mut out = Vec::with_capacity(body.len() / 2);
    lex::decode_hex(body, &mut out);
    out
}

/// ASCII85Decode: groups of five in `!`..`u`, `z` for four zeros, up to `~>`; a
/// final partial group of n characters gives n − 1 bytes. Other bytes end the data.
pub fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity((data.len() / 5).saturating_mul(4).saturating_add(4));
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let data = data.trim_ascii_start();
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = c.wrapping_sub(b'!');
                }
                n = n.saturating_add(1);
                if n == 5 {
                    out.extend_from_slice(&group_value(&group).to_be_bytes());
                    n = 0;
                }
            }
            c if lex::is_whitespace(c) => {}
            _ => break,
        }
    }
    if n > 1 {
        // Pad with the largest digit so the kept bytes round correctly.
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let bytes = group_value(&group).to_be_bytes();
        out.extend(bytes.iter().take(n.saturating_sub(1)));
    }
    out
}

fn group_value(group: &[u8; 5]) -> u32 {
    group
        .iter()
        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)))
}

/// RunLengthDecode: a length byte 0–127 copies that many plus one bytes, 129–255
/// repeats the next byte 257 − length times, 128 ends the data.
pub fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0usize;
    while let Some(&len) = data.get(i) {
        i = i.saturating_add(1);
        match len {
            128 => break,
            0..=127 => {
                let end = i.saturating_add(usize::from(len)).saturating_add(1);
                let run = data.get(i..end.min(data.len())).unwrap_or_default();
                out.extend_from_slice(run);
                i = end;
            }
            _ => {
                let Some(&b) = data.get(i) else { break };
                i = i.saturating_add(1);
                let count = 257usize.saturating_sub(usize::from(len));
                out.resize(out.len().saturating_add(count), b);
            }
        }
        if out.len() > limit {
            return Err(DecodeError::Limit(Limit::StreamBytes));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<(Vec<u8>, Option<Dictionary>)> {
        names
            .iter()
            .map(|n| (n.as_bytes().to_vec(), None))
            .collect()
    }

    #[test]
    fn ascii_hex_and_ascii85() {
        assert_eq!(ascii_hex(b"48 65\n6c6C6f7>00"), b"Hellop");
        assert_eq!(ascii85(b"87cURD]j7BEbo7~>"), b"Hello world");
        assert_eq!(ascii85(b"z!!!$$~>"), [0, 0, 0, 0, 0, 0, 1, 2]);
        // A partial last group of two characters gives one byte; `<~` is tolerated.
        assert_eq!(ascii85(b"87cURDZ"), b"Hello");
        assert_eq!(ascii85(b"<~87cUR\n~>"), b"Hell");
    }

    #[test]
    fn run_length_runs_copies_and_limit() {
        let data = [2, b'a', b'b', b'c', 254, b'x', 128, b'z'];
        assert_eq!(run_length(&data, 100), Ok(b"abcxxx".to_vec()));
        assert_eq!(run_length(&[129, b'y'], 200).map(|v| v.len()), Ok(128));
        assert_eq!(
            run_length(&[129, b'y'], 100),
            Err(DecodeError::Limit(Limit::StreamBytes))
        );
        // Truncated: what is there is kept.
        assert_eq!(run_length(&[5, b'a'], 100), Ok(b"a".to_vec()));
    }

    #[test]
    fn chains_abbreviations_and_unsupported_filters() {
        let data = b"78 9c cb 48 cd c9 c9 57 c8 40 27 01 68 03 08 b1>";
        assert_eq!(
            decode(data, &named(&["AHx", "Fl"]), 1 << 20),
            Ok(b"hello hello hello hello".to_vec())
        );
        assert_eq!(
            decode(data, &named(&["AHx", "Fl"]), 10),
            Err(DecodeError::Limit(Limit::StreamBytes))
        );
        assert_eq!(
            decode(b"x", &named(&["DCTDecode"]), 10),
            Err(DecodeError::Unsupported)
        );
        assert_eq!(decode(b"raw", &[], 10), Ok(b"raw".to_vec()));
        assert_eq!(
            decode(b"4142", &named(&["ASCIIHexDecode"]), 10),
            Ok(b"AB".to_vec())
        );
        assert_eq!(
            decode(b"", &named(&["AHx"; 9]), 10),
            Err(DecodeError::Unsupported)
        );
    }

    #[test]
    fn a_predictor_after_flate() {
        // zlib of PNG Up rows [2, 1, 2] [2, 1, 1]: decodes to 1 2 / 2 3.
        let zlib = [
            0x78, 0x9c, 0x63, 0x62, 0x64, 0x62, 0x62, 0x64, 0x04, 0x00, 0x00, 0x28, 0x00, 0x0a,
        ];
        let mut parms = Dictionary::new();
        parms.insert(b"Predictor".to_vec(), Object::Integer(12));
        parms.insert(b"Columns".to_vec(), Object::Integer(2));
        let filters = vec![(b"FlateDecode".to_vec(), Some(parms))];
        assert_eq!(decode(&zlib, &filters, 100), Ok(vec![1, 2, 2, 3]));
    }
}
