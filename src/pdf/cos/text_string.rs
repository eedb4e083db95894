//! Text strings (ISO 32000-1 §7.9.2.2, Annex D.2): UTF-16BE after its byte order mark,
//! else PDFDocEncoding. Leniently also UTF-16LE and UTF-8 after their marks, which some
//! writers use; the language escapes (ESC … ESC) inside UTF-16 are dropped.

/// PDFDocEncoding 0x18–0x1F (spacing accents).
const ACCENTS: [u16; 8] = [
    0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC,
];
/// PDFDocEncoding 0x80–0xA0; 0 is undefined.
const HIGH: [u16; 33] = [
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030,
    0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
    0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0, 0x20AC,
];

fn pdf_doc_char(b: u8) -> Option<char> {
    let code = match b {
        0x18..=0x1F => *ACCENTS.get(usize::from(b.wrapping_sub(0x18)))?,
        0x80..=0xA0 => *HIGH.get(usize::from(b.wrapping_sub(0x80)))?,
        // Undefined in PDFDocEncoding: control codes other than tab and line ends.
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x17 | 0x7F | 0xAD => 0,
        _ => u16::from(b),
    };
    char::from_u32(u32::from(code)).filter(|&c| c != '\0')
}

/// Decodes UTF-16 code units, dropping language escapes and unpaired surrogates.
fn utf16(units: impl Iterator<Item = u16>) -> String {
    let mut in_escape = false;
    let kept = units.filter(|&u| {
        if u == 0x1B {
            in_escape = !in_escape;
            return false;
        }
        !in_escape
    });
    char::decode_utf16(kept).filter_map(Result::ok).collect()
}

/// A text string's bytes as Rust text.
pub fn decode(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|p| u16::from_be_bytes([*p.first().unwrap_or(&0), *p.get(1).unwrap_or(&0)])),
        ),
        [0xFF, 0xFE, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|p| u16::from_le_bytes([*p.first().unwrap_or(&0), *p.get(1).unwrap_or(&0)])),
        ),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => bytes.iter().filter_map(|&b| pdf_doc_char(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn pdf_doc_encoding() {
        assert_eq!(decode(b"Caf\xe9 \x93 \x84 \xa0 \x18"), "Café ﬁ — € ˘");
        // Undefined codes are dropped.
        assert_eq!(decode(b"a\x9fb\x7fc\x01\x00d\te"), "abcd\te");
    }

    #[test]
    fn utf16_with_marks() {
        assert_eq!(decode(b"\xfe\xff\x00S\x00p\xd8\x35\xdc\x00"), "Sp\u{1D400}");
        assert_eq!(decode(b"\xff\xfeS\x00p\x00"), "Sp");
        // A language escape (ESC en ESC) is not text; an odd last byte is dropped.
        assert_eq!(decode(b"\xfe\xff\x00\x1ben\x00\x1b\x00A\x00"), "A");
        assert_eq!(decode("\u{feff}Ünï".as_bytes()), "Ünï");
    }
}
