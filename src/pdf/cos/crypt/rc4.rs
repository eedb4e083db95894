//! RC4, the stream cipher of the standard security handler's revisions 2–4 (ISO
//! 32000-1 §7.6.2, Algorithm 1). Decryption and encryption are the same operation.

pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let at = |s: &[u8; 256], i: u8| s.get(usize::from(i)).copied().unwrap_or(0);
    if !key.is_empty() {
        let mut j = 0u8;
        for (i, k) in (0..=255u8).zip(key.iter().cycle()) {
            j = j.wrapping_add(at(&s, i)).wrapping_add(*k);
            s.swap(usize::from(i), usize::from(j));
        }
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(at(&s, i));
            s.swap(usize::from(i), usize::from(j));
            b ^ at(&s, at(&s, i).wrapping_add(at(&s, j)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::rc4;

    #[test]
    fn known_vectors() {
        assert_eq!(
            rc4(b"Key", b"Plaintext"),
            [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]
        );
        assert_eq!(rc4(b"Wiki", b"pedia"), [0x10, 0x21, 0xBF, 0x04, 0x20]);
        assert_eq!(rc4(b"Key", &rc4(b"Key", b"round trip")), b"round trip");
    }
}
