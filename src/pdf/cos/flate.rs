//! FlateDecode (ISO 32000-1 §7.4.4): zlib or raw DEFLATE through miniz_oxide, bounded
//! by the decoded-size limit. Damaged or truncated data keeps what inflated before the
//! damage, as pdf.js and poppler do: a paper cut short still shows its first pages.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// The first output buffer for `n` input bytes (grown by doubling).
fn first_capacity(n: usize, limit: usize) -> usize {
    n.saturating_mul(4).max(64).min(limit.max(1))
}

/// Inflates `data`; `Err(())` when the output would pass `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, ()> {
    let zlib = inflate_with(data, limit, inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER)?;
    // A missing or broken zlib header (some writers emit raw DEFLATE): try without it.
    if zlib.is_empty() && !data.is_empty() {
        return inflate_with(data, limit, 0);
    }
    Ok(zlib)
}

fn inflate_with(mut input: &[u8], limit: usize, header: u32) -> Result<Vec<u8>, ()> {
    let flags = header
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_IGNORE_ADLER32;
    let mut out = vec![0u8; first_capacity(input.len(), limit)];
    let mut state = Box::<DecompressorOxide>::default();
    let mut written = 0usize;
    loop {
        let (status, consumed, produced) = decompress(&mut state, input, &mut out, written, flags);
        written = written.saturating_add(produced).min(out.len());
        input = input.get(consumed..).unwrap_or_default();
        match status {
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(());
                }
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            // Done, or the data ends early or breaks: keep what came out.
            _ => {
                out.truncate(written);
                return Ok(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inflate;

    /// `zlib.compress(b"hello hello hello hello")` as Python writes it.
    const HELLO: [u8; 16] = [
        0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x27, 0x01, 0x68, 0x03, 0x08,
        0xb1,
    ];

    #[test]
    fn inflates_zlib_and_raw_deflate() {
        assert_eq!(
            inflate(&HELLO, 1 << 20),
            Ok(b"hello hello hello hello".to_vec())
        );
        // A wrong checksum does not matter.
        let mut bad_sum = HELLO.to_vec();
        bad_sum[15] ^= 0xff;
        assert_eq!(
            inflate(&bad_sum, 1 << 20),
            Ok(b"hello hello hello hello".to_vec())
        );
        let raw = HELLO.get(2..12).expect("deflate body");
        assert_eq!(
            inflate(raw, 1 << 20),
            Ok(b"hello hello hello hello".to_vec())
        );
    }

    #[test]
    fn truncated_data_keeps_what_inflated() {
        let cut = HELLO.get(..9).expect("a prefix");
        let out = inflate(cut, 1 << 20).expect("no limit reached");
        assert!(
            !out.is_empty() && b"hello hello hello hello".starts_with(&out),
            "{out:?}"
        );
        assert_eq!(inflate(b"", 10), Ok(Vec::new()));
        assert_eq!(inflate(b"\xff\xff\xff", 10), Ok(Vec::new()));
    }

    #[test]
    fn the_limit_stops_a_bomb() {
        assert_eq!(inflate(&HELLO, 10), Err(()));
        assert_eq!(inflate(&HELLO, 23).map(|v| v.len()), Ok(23));
    }
}
