//! The ciphers and hashes of the standard security handler (ISO 32000-2 §7.6), from
//! RustCrypto's well-kept crates (`md-5`, `sha2`, `aes` + `cbc`, `rc4`; all `no_std`):
//! thin functions over byte slices, so the handler reads as the standard's algorithms.
//! None of them panics: a key of the wrong length gives `None` or nothing.

use aes::{Aes128, Aes192, Aes256};
use cbc::cipher::{
    Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt,
    BlockSizeUser, KeyInit, KeyIvInit, StreamCipher,
};
use md5::Md5;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// AES's block, in bytes.
pub const BLOCK: usize = 16;

fn digest<D: Digest>(parts: &[&[u8]]) -> D {
    let mut d = D::new();
    for p in parts {
        d.update(p);
    }
    d
}

/// MD5 of the parts, concatenated.
pub fn md5(parts: &[&[u8]]) -> [u8; 16] {
    digest::<Md5>(parts).finalize().into()
}

pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    digest::<Sha256>(parts).finalize().into()
}

pub fn sha384(parts: &[&[u8]]) -> [u8; 48] {
    digest::<Sha384>(parts).finalize().into()
}

pub fn sha512(parts: &[&[u8]]) -> [u8; 64] {
    digest::<Sha512>(parts).finalize().into()
}

/// RC4 of `data` under `key` (1 to 256 bytes; any other key gives the data back empty).
pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let Ok(mut cipher) = rc4::Rc4::new_from_slice(key) else {
        return Vec::new();
    };
    let mut out = data.to_vec();
    cipher.apply_keystream(&mut out);
    out
}

/// The whole blocks of `data`, run through `apply` one block at a time.
fn blocks<M: BlockSizeUser>(data: &[u8], mut apply: impl FnMut(&mut Block<M>)) -> Vec<u8> {
    let whole = data.len().saturating_sub(data.len() % BLOCK);
    let mut out = data.get(..whole).unwrap_or_default().to_vec();
    for chunk in out.chunks_exact_mut(BLOCK) {
        if let Ok(block) = <&mut Block<M>>::try_from(chunk) {
            apply(block);
        }
    }
    out
}

fn decrypt_with<C>(key: &[u8], iv: &[u8; BLOCK], data: &[u8]) -> Option<Vec<u8>>
where
    C: BlockCipherDecrypt,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    let mut mode = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
    Some(blocks::<cbc::Decryptor<C>>(data, |b| mode.decrypt_block(b)))
}

fn encrypt_with<C>(key: &[u8], iv: &[u8; BLOCK], data: &[u8]) -> Option<Vec<u8>>
where
    C: BlockCipherEncrypt,
    cbc::Encryptor<C>: KeyIvInit + BlockModeEncrypt,
{
    let mut mode = cbc::Encryptor::<C>::new_from_slices(key, iv).ok()?;
    Some(blocks::<cbc::Encryptor<C>>(data, |b| mode.encrypt_block(b)))
}

/// AES-CBC decryption of the whole blocks of `data` (a partial last block is dropped),
/// padding left for the caller; `None` for a key that is not 16, 24 or 32 bytes.
pub fn aes_cbc_decrypt(key: &[u8], iv: &[u8; BLOCK], data: &[u8]) -> Option<Vec<u8>> {
    match key.len() {
        16 => decrypt_with::<Aes128>(key, iv, data),
        24 => decrypt_with::<Aes192>(key, iv, data),
        32 => decrypt_with::<Aes256>(key, iv, data),
        _ => None,
    }
}

/// AES-CBC encryption of whole blocks, no padding (revision 6's hash uses it).
pub fn aes_cbc_encrypt(key: &[u8], iv: &[u8; BLOCK], data: &[u8]) -> Option<Vec<u8>> {
    match key.len() {
        16 => encrypt_with::<Aes128>(key, iv, data),
        24 => encrypt_with::<Aes192>(key, iv, data),
        32 => encrypt_with::<Aes256>(key, iv, data),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .filter_map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
            .collect()
    }

    #[test]
    fn digests_of_known_messages() {
        assert_eq!(
            md5(&[b"a", b"bc"]).to_vec(),
            hex("900150983cd24fb0d6963f7d28e17f72")
        );
        assert_eq!(
            sha256(&[b"abc"]).to_vec(),
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            sha384(&[b"abc"]).get(..8).map(<[u8]>::to_vec),
            Some(hex("cb00753f45a35e8b"))
        );
        assert_eq!(
            sha512(&[b"abc"]).get(..8).map(<[u8]>::to_vec),
            Some(hex("ddaf35a193617aba"))
        );
    }

    #[test]
    fn rc4_of_a_known_key() {
        // RFC 6229's first vector: key 0102030405, keystream 0..16.
        assert_eq!(rc4(&hex("0102030405"), &[0; 8]), hex("b2396305f03dc027"));
        assert_eq!(rc4(&[], b"data"), Vec::<u8>::new());
    }

    #[test]
    fn aes_cbc_round_trips_and_refuses_odd_keys() {
        // FIPS-197 C.1: AES-128 of 00112233…ff under 000102…0f, with a zero IV.
        let key = hex("000102030405060708090a0b0c0d0e0f");
        let plain = hex("00112233445566778899aabbccddeeff");
        let sealed = aes_cbc_encrypt(&key, &[0; 16], &plain).expect("a 16-byte key");
        assert_eq!(sealed, hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
        assert_eq!(aes_cbc_decrypt(&key, &[0; 16], &sealed), Some(plain));
        // A partial block is dropped; a 17-byte key is no AES key.
        assert_eq!(
            aes_cbc_decrypt(&key, &[0; 16], &[1, 2, 3]),
            Some(Vec::new())
        );
        assert_eq!(aes_cbc_decrypt(&[0; 17], &[0; 16], &[0; 16]), None);
    }
}
