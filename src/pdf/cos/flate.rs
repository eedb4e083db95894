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

/// Past this size an output is measured first and then inflated once more into a
/// buffer of exactly its length: growing by doubling can hold twice the stream (a 6 MB
/// figure in acl_influence_2022 held a 10 MB buffer), and memory, not time, is what a
/// browser tab runs out of.
const MEASURE_FIRST_BYTES: usize = 1 << 20;
/// miniz_oxide's window: a wrapping output buffer is a power of two at least this big.
const WINDOW_BYTES: usize = 32 * 1024;

fn inflate_with(data: &[u8], limit: usize, header: u32) -> Result<Vec<u8>, ()> {
    let flags = header
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_IGNORE_ADLER32;
    let mut input = data;
    let mut out = vec![0u8; first_capacity(data.len(), limit).min(MEASURE_FIRST_BYTES)];
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
                if out.len() >= MEASURE_FIRST_BYTES {
                    out = vec![0u8; inflated_length(data, limit, header)?];
                    *state = DecompressorOxide::default();
                    let (_, _, produced) = decompress(&mut state, data, &mut out, 0, flags);
                    out.truncate(produced);
                    return Ok(out);
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

/// How many bytes `data` inflates to (up to where it ends or breaks), through a
/// wrapping window; `Err(())` past `limit`.
fn inflated_length(mut data: &[u8], limit: usize, header: u32) -> Result<usize, ()> {
    let flags = header | inflate_flags::TINFL_FLAG_IGNORE_ADLER32;
    let mut window = vec![0u8; WINDOW_BYTES];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut at, mut total) = (0usize, 0usize);
    loop {
        let (status, consumed, produced) = decompress(&mut state, data, &mut window, at, flags);
        total = total.saturating_add(produced);
        if total > limit {
            return Err(());
        }
        at = at.saturating_add(produced) % WINDOW_BYTES;
        data = data.get(consumed..).unwrap_or_default();
        if status != TINFLStatus::HasMoreOutput {
            return Ok(total);
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

    /// Two and a half MiB of varied text, past the size that is measured first.
    fn big_text() -> Vec<u8> {
        (0..400_000u32)
            .flat_map(|i| format!("{i} 0 l\n").into_bytes())
            .take(5 << 19)
            .collect()
    }

    #[test]
    fn large_outputs_come_out_whole_and_exactly_sized() {
        let text = big_text();
        assert!(text.len() > super::MEASURE_FIRST_BYTES * 2);
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        let out = inflate(&packed, 64 << 20).expect("no limit reached");
        assert_eq!(out.len(), text.len());
        assert!(out == text);
        assert_eq!(out.capacity(), text.len());
        // Cut short, the measured pass and the second pass agree on what survives.
        let cut = packed.get(..packed.len() / 2).expect("half");
        let out = inflate(cut, 64 << 20).expect("no limit reached");
        assert!(out.len() > super::MEASURE_FIRST_BYTES && text.starts_with(&out));
        // The limit holds on the measured path too.
        assert_eq!(inflate(&packed, text.len() - 1), Err(()));
        assert_eq!(
            inflate(&packed, text.len()).map(|v| v.len()),
            Ok(text.len())
        );
    }

    #[test]
    fn the_limit_stops_a_bomb() {
        assert_eq!(inflate(&HELLO, 10), Err(()));
        assert_eq!(inflate(&HELLO, 23).map(|v| v.len()), Ok(23));
    }
}
