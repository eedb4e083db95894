//! LZWDecode (ISO 32000-1 §7.4.4.2): 9- to 12-bit codes, most significant bit first,
//! 256 clears the table, 257 ends the data; /EarlyChange 1 (the default) widens the
//! codes one entry early. A code the table cannot yet hold ends the data, keeping what
//! was decoded.

use weezl::{BitOrder, LzwStatus, decode::Decoder};

/// Output decoded per step; the limit is checked after each.
const STEP: usize = 1 << 16;

/// Decodes `data` with `weezl`; `Err(())` when the output would pass `limit` bytes.
/// /EarlyChange 1 is TIFF's size switch; data after a bad code is dropped.
pub fn decode(data: &[u8], early_change: bool, limit: usize) -> Result<Vec<u8>, ()> {
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out: Vec<u8> = Vec::new();
    let mut input = data;
    loop {
        let at = out.len();
        out.resize(at.saturating_add(STEP), 0);
        let r = decoder.decode_bytes(input, out.get_mut(at..).unwrap_or_default());
        out.truncate(at.saturating_add(r.consumed_out));
        input = input.get(r.consumed_in..).unwrap_or_default();
        if out.len() > limit {
            return Err(());
        }
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => {}
            _ => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    /// Packs codes of the widths LZW uses, most significant bit first.
    fn pack(codes: &[(u16, u32)]) -> Vec<u8> {
        let (mut out, mut acc, mut n) = (Vec::new(), 0u64, 0u32);
        for &(c, w) in codes {
            acc = (acc << w) | u64::from(c);
            n += w;
            while n >= 8 {
                n -= 8;
                out.push((acc >> n) as u8);
            }
        }
        if n > 0 {
            out.push((acc << (8 - n)) as u8);
        }
        out
    }

    #[test]
    fn the_example_of_the_standard() {
        // ISO 32000-1 §7.4.4.2's example: 45 45 45 45 45 65 45 45 45 66.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            decode(&data, true, 1 << 20),
            Ok(vec![45, 45, 45, 45, 45, 65, 45, 45, 45, 66])
        );
    }

    #[test]
    fn a_code_defined_by_itself_and_a_clear() {
        // "aaa" as a, 258 (= "aa", defined by its own use), then clear, "b", end.
        let codes = [(97, 9), (258, 9), (256, 9), (98, 9), (257, 9)];
        assert_eq!(decode(&pack(&codes), true, 100), Ok(b"aaab".to_vec()));
        assert_eq!(decode(&pack(&codes), true, 2), Err(()));
    }

    #[test]
    fn codes_widen_early_or_late() {
        // 254 literals define codes 258..=510; the 255th comes in 10 bits with
        // EarlyChange 1 (the table holds 511 entries) and in 9 without it.
        let mut early: Vec<(u16, u32)> = (0..254u16).map(|i| (i % 200, 9)).collect();
        let mut late = early.clone();
        early.push((7, 10));
        late.push((7, 9));
        let want: Vec<u8> = (0..254u16).map(|i| (i % 200) as u8).chain([7]).collect();
        assert_eq!(
            decode(&pack(&early), true, 1 << 20).as_deref(),
            Ok(&want[..])
        );
        assert_eq!(
            decode(&pack(&late), false, 1 << 20).as_deref(),
            Ok(&want[..])
        );
    }

    #[test]
    fn a_code_from_the_future_ends_the_data() {
        let codes = [(65, 9), (66, 9), (300, 9), (67, 9)];
        assert_eq!(decode(&pack(&codes), true, 100), Ok(b"AB".to_vec()));
    }
}
