//! AES (FIPS 197) in CBC mode, for the standard security handler's AESV2 and AESV3
//! crypt filters (ISO 32000-1 §7.6.2; ISO 32000-2 §7.6.3): 128- and 256-bit keys,
//! decryption, and the encryption revision 6's password hash needs. The S-boxes are
//! computed at compile time from the field inverse and affine map of FIPS 197 §5.1.1.

/// Forward and inverse S-boxes. Evaluated at compile time, where an index out of
/// range would stop the build rather than panic at run time.
#[allow(clippy::indexing_slicing)]
const fn sboxes() -> ([u8; 256], [u8; 256]) {
    let mut sbox = [0u8; 256];
    let mut inv = [0u8; 256];
    // p runs over the multiplicative group by powers of 3; q is its inverse.
    let (mut p, mut q) = (1u8, 1u8);
    loop {
        p = p ^ (p << 1) ^ if p & 0x80 != 0 { 0x1B } else { 0 };
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4);
        let s = x ^ 0x63;
        sbox[p as usize] = s;
        inv[s as usize] = p;
        if p == 1 {
            break;
        }
    }
    sbox[0] = 0x63;
    inv[0x63] = 0;
    (sbox, inv)
}

const SBOXES: ([u8; 256], [u8; 256]) = sboxes();
/// ShiftRows as a permutation of the state's bytes (column-major), and its inverse.
const SHIFT: [usize; 16] = [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11];
const UNSHIFT: [usize; 16] = [0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3];

fn sub(b: u8) -> u8 {
    SBOXES.0.get(usize::from(b)).copied().unwrap_or(0)
}

fn inv_sub(b: u8) -> u8 {
    SBOXES.1.get(usize::from(b)).copied().unwrap_or(0)
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1B } else { 0 }
}

/// MixColumns (FIPS 197 §5.1.3), each column times {03}x³ + {01}x² + {01}x + {02}.
fn mix_columns(s: &mut [u8; 16]) {
    for col in s.chunks_exact_mut(4) {
        if let [c0, c1, c2, c3] = col {
            let (a0, a1, a2, a3) = (*c0, *c1, *c2, *c3);
            let all = a0 ^ a1 ^ a2 ^ a3;
            *c0 ^= all ^ xtime(a0 ^ a1);
            *c1 ^= all ^ xtime(a1 ^ a2);
            *c2 ^= all ^ xtime(a2 ^ a3);
            *c3 ^= all ^ xtime(a3 ^ a0);
        }
    }
}

fn permute(state: &[u8; 16], by: &[usize; 16]) -> [u8; 16] {
    std::array::from_fn(|i| by.get(i).and_then(|&j| state.get(j)).copied().unwrap_or(0))
}

/// An expanded key: one 16-byte round key per round, plus the first.
pub struct Aes {
    rounds: Vec<[u8; 16]>,
}

impl Aes {
    /// A 16-, 24- or 32-byte key; `None` for any other length.
    pub fn new(key: &[u8]) -> Option<Aes> {
        // Words in the key, and words in the expanded key: 4 per round key, Nk + 7 keys.
        let (nk, total): (usize, usize) = match key.len() {
            16 => (4, 44),
            24 => (6, 52),
            32 => (8, 60),
            _ => return None,
        };
        let mut w: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|c| <[u8; 4]>::try_from(c).unwrap_or_default())
            .collect();
        let mut rcon = 1u8;
        for i in nk..total {
            let mut t = *w.get(i.checked_sub(1)?)?;
            let phase = i.checked_rem(nk)?;
            if phase == 0 {
                t = [sub(t[1]) ^ rcon, sub(t[2]), sub(t[3]), sub(t[0])];
                rcon = xtime(rcon);
            } else if nk > 6 && phase == 4 {
                t = t.map(sub);
            }
            let mut next = *w.get(i.checked_sub(nk)?)?;
            next.iter_mut().zip(t).for_each(|(a, b)| *a ^= b);
            w.push(next);
        }
        let rounds = w
            .chunks_exact(4)
            .map(|words| {
                let mut r = [0u8; 16];
                for (dst, word) in r.chunks_exact_mut(4).zip(words) {
                    dst.copy_from_slice(word);
                }
                r
            })
            .collect();
        Some(Aes { rounds })
    }

    fn add_round_key(state: &mut [u8; 16], key: Option<&[u8; 16]>) {
        if let Some(key) = key {
            state.iter_mut().zip(key).for_each(|(s, k)| *s ^= k);
        }
    }

    pub fn encrypt_block(&self, block: &[u8; 16]) -> [u8; 16] {
        let mut s = *block;
        let last = self.rounds.len().saturating_sub(1);
        Aes::add_round_key(&mut s, self.rounds.first());
        for r in 1..=last {
            s = permute(&s.map(sub), &SHIFT);
            if r != last {
                mix_columns(&mut s);
            }
            Aes::add_round_key(&mut s, self.rounds.get(r));
        }
        s
    }

    pub fn decrypt_block(&self, block: &[u8; 16]) -> [u8; 16] {
        let mut s = *block;
        let last = self.rounds.len().saturating_sub(1);
        Aes::add_round_key(&mut s, self.rounds.get(last));
        for r in (0..last).rev() {
            s = permute(&s, &UNSHIFT).map(inv_sub);
            Aes::add_round_key(&mut s, self.rounds.get(r));
            if r != 0 {
                // InvMixColumns as a cheap premultiplication followed by MixColumns
                // (the AES proposal, §4.1.3): no general field multiplication.
                for col in s.chunks_exact_mut(4) {
                    if let [c0, c1, c2, c3] = col {
                        let u = xtime(xtime(*c0 ^ *c2));
                        let v = xtime(xtime(*c1 ^ *c3));
                        *c0 ^= u;
                        *c1 ^= v;
                        *c2 ^= u;
                        *c3 ^= v;
                    }
                }
                mix_columns(&mut s);
            }
        }
        s
    }

    /// CBC decryption of whole blocks (a partial last block is dropped); padding is
    /// left for the caller.
    pub fn cbc_decrypt(&self, iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
        let mut prev = *iv;
        let mut out = Vec::with_capacity(data.len());
        for chunk in data.chunks_exact(16) {
            let mut block = [0u8; 16];
            block.copy_from_slice(chunk);
            let plain = self.decrypt_block(&block);
            out.extend(plain.iter().zip(prev).map(|(p, v)| p ^ v));
            prev = block;
        }
        out
    }

    /// CBC encryption of whole blocks, no padding (revision 6's hash uses it).
    pub fn cbc_encrypt(&self, iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
        let mut prev = *iv;
        let mut out = Vec::with_capacity(data.len());
        for chunk in data.chunks_exact(16) {
            let mut block = [0u8; 16];
            block
                .iter_mut()
                .zip(chunk.iter().zip(prev))
                .for_each(|(b, (c, p))| *b = c ^ p);
            prev = self.encrypt_block(&block);
            out.extend_from_slice(&prev);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    fn block(hex: &str) -> [u8; 16] {
        bytes(hex).try_into().unwrap()
    }

    #[test]
    fn the_s_box_of_fips_197() {
        assert_eq!(
            (sub(0x00), sub(0x01), sub(0x53), sub(0xff)),
            (0x63, 0x7c, 0xed, 0x16)
        );
        assert!((0..=255u8).all(|b| inv_sub(sub(b)) == b));
    }

    #[test]
    fn the_examples_of_fips_197_appendix_c() {
        let plain = block("00112233445566778899aabbccddeeff");
        let aes128 = Aes::new(&bytes("000102030405060708090a0b0c0d0e0f")).unwrap();
        let c128 = block("69c4e0d86a7b0430d8cdb78070b4c55a");
        assert_eq!(aes128.encrypt_block(&plain), c128);
        assert_eq!(aes128.decrypt_block(&c128), plain);
        let aes256 = Aes::new(&bytes(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        ))
        .unwrap();
        let c256 = block("8ea2b7ca516745bfeafc49904b496089");
        assert_eq!(aes256.encrypt_block(&plain), c256);
        assert_eq!(aes256.decrypt_block(&c256), plain);
        assert!(Aes::new(&[0; 15]).is_none());
    }

    #[test]
    fn cbc_round_trip_and_a_known_vector() {
        // NIST SP 800-38A F.2.1, first block.
        let aes = Aes::new(&bytes("2b7e151628aed2a6abf7158809cf4f3c")).unwrap();
        let iv = block("000102030405060708090a0b0c0d0e0f");
        let plain = bytes("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let cipher = aes.cbc_encrypt(&iv, &plain);
        assert_eq!(cipher[..16], bytes("7649abac8119b246cee98e9b12e9197d")[..]);
        assert_eq!(aes.cbc_decrypt(&iv, &cipher), plain);
    }
}
