//! LZWDecode (ISO 32000-1 §7.4.4.2): 9- to 12-bit codes, most significant bit first,
//! 256 clears the table, 257 ends the data; /EarlyChange 1 (the default) widens the
//! codes one entry early. A code the table cannot yet hold ends the data, keeping what
//! was decoded.

const CLEAR: u16 = 256;
const END: u16 = 257;
const FIRST_FREE: usize = 258;
const MAX_CODES: usize = 4096;

/// One table entry: the code it extends, its last byte, its first byte, its length.
#[derive(Clone, Copy)]
struct Entry {
    prefix: u16,
    last: u8,
    first: u8,
    len: u16,
}

struct Bits<'a> {
    data: &'a [u8],
    at: usize,
    acc: u32,
    held: u32,
}

impl Bits<'_> {
    fn read(&mut self, width: u32) -> Option<u16> {
        while self.held < width {
            let b = *self.data.get(self.at)?;
            self.at = self.at.saturating_add(1);
            self.acc = (self.acc << 8) | u32::from(b);
            self.held = self.held.saturating_add(8);
        }
        self.held = self.held.saturating_sub(width);
        let code = (self.acc >> self.held) & ((1u32 << width).wrapping_sub(1));
        self.acc &= (1u32 << self.held).wrapping_sub(1);
        u16::try_from(code).ok()
    }
}

/// Decodes `data`; `Err(())` when the output would pass `limit` bytes.
pub fn decode(data: &[u8], early_change: bool, limit: usize) -> Result<Vec<u8>, ()> {
    let mut table: Vec<Entry> = (0..=255u8)
        .map(|b| Entry {
            prefix: 0,
            last: b,
            first: b,
            len: 1,
        })
        .collect();
    // The clear and end codes hold no string.
    table.resize(
        FIRST_FREE,
        Entry {
            prefix: 0,
            last: 0,
            first: 0,
            len: 0,
        },
    );
    let early = usize::from(early_change);
    let mut bits = Bits {
        data,
        at: 0,
        acc: 0,
        held: 0,
    };
    let mut out = Vec::with_capacity(data.len().saturating_mul(2).min(limit));
    let mut prev: Option<u16> = None;
    loop {
        let width = match table.len().saturating_add(early) {
            0..512 => 9,
            512..1024 => 10,
            1024..2048 => 11,
            _ => 12,
        };
        let Some(code) = bits.read(width) else { break };
        if code == CLEAR {
            table.truncate(FIRST_FREE);
            prev = None;
            continue;
        }
        if code == END {
            break;
        }
        let c = usize::from(code);
        let prev_entry = prev.and_then(|p| Some((p, *table.get(usize::from(p))?)));
        let known = table.get(c).is_some_and(|e| e.len > 0);
        // A known code extends the previous string by its first byte; the code being
        // defined right now is the previous string plus the previous string's first byte.
        let first = match (known, prev_entry) {
            (true, _) => table.get(c).map(|e| e.first),
            (false, Some((_, p))) if c == table.len() => Some(p.first),
            _ => None,
        };
        let Some(first) = first else { break };
        if let Some((p, pe)) = prev_entry
            && table.len() < MAX_CODES
        {
            table.push(Entry {
                prefix: p,
                last: first,
                first: pe.first,
                len: pe.len.saturating_add(1),
            });
        }
        let Some(len) = table.get(c).map(|e| e.len) else {
            break;
        };
        write_string(&table, c, len, &mut out);
        if out.len() > limit {
            return Err(());
        }
        prev = Some(code);
    }
    Ok(out)
}

/// Appends entry `code`'s string (`len` bytes), written from its end back.
fn write_string(table: &[Entry], code: usize, len: u16, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start.saturating_add(usize::from(len)), 0);
    let mut at = out.len();
    let mut cur = table.get(code).copied();
    while let Some(e) = cur {
        let Some(i) = at.checked_sub(1).filter(|&i| i >= start) else {
            break;
        };
        at = i;
        if let Some(slot) = out.get_mut(at) {
            *slot = e.last;
        }
        if e.len <= 1 {
            break;
        }
        cur = table.get(usize::from(e.prefix)).copied();
    }
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
