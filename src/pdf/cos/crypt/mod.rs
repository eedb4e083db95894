//! The standard security handler (ISO 32000-1 §7.6.3–7.6.4; ISO 32000-2 §7.6.4.3.3–4
//! for revision 6) with the empty user password only: RC4 40–128 bit (V1, V2; R2–R4),
//! V4 crypt filters (V2 = RC4, AESV2, Identity; /EncryptMetadata), and V5 AESV3 (R5, R6).
//! A file the empty password does not open needs a password. The ciphers and hashes are
//! RustCrypto's (`primitives`).

mod primitives;

use super::object::{Dictionary, Object, ObjectId};
use primitives::{aes_cbc_decrypt, aes_cbc_encrypt, md5, rc4, sha256, sha384, sha512};

/// The padding string of Algorithm 2, step a: the empty password padded.
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Identity,
    Rc4,
    AesV2,
    AesV3,
}

/// Decrypts a file's strings and streams with the key the empty user password gives.
#[derive(Debug)]
pub struct Handler {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    encrypt_metadata: bool,
}

fn int(dict: &Dictionary, key: &[u8]) -> Option<i64> {
    dict.get(key).and_then(Object::as_i64)
}

fn bytes<'d>(dict: &'d Dictionary, key: &[u8]) -> &'d [u8] {
    match dict.get(key) {
        Some(Object::String(s)) => s,
        _ => &[],
    }
}

/// The method and key length (bytes) of the crypt filter `name` in /CF (§7.6.5).
fn crypt_filter(dict: &Dictionary, name: Option<&[u8]>) -> (Method, Option<usize>) {
    let name = name.unwrap_or(b"Identity");
    if name == b"Identity" {
        return (Method::Identity, None);
    }
    let cf = dict
        .get(b"CF")
        .and_then(Object::as_dict)
        .and_then(|cf| cf.get(name))
        .and_then(Object::as_dict);
    let Some(cf) = cf else {
        return (Method::Identity, None);
    };
    let length = int(cf, b"Length").and_then(|l| usize::try_from(l).ok());
    let method = match cf.name(b"CFM") {
        Some(b"V2") => Method::Rc4,
        Some(b"AESV2") => Method::AesV2,
        Some(b"AESV3") => Method::AesV3,
        _ => Method::Identity,
    };
    (method, length)
}

/// A key length given in bits (40–128) or, as some writers do, in bytes.
fn key_bytes(length: Option<usize>, default: usize) -> usize {
    let n = match length {
        Some(l) if l > 16 => l / 8,
        Some(l) => l,
        None => default,
    };
    n.clamp(5, 16)
}

impl Handler {
    /// The handler for an /Encrypt dictionary and the first /ID string; `None` when the
    /// handler is not the standard one or the empty user password does not open it.
    pub fn new(dict: &Dictionary, id0: &[u8]) -> Option<Handler> {
        if dict.name(b"Filter") != Some(b"Standard") {
            return None;
        }
        let v = int(dict, b"V").unwrap_or(0);
        let r = int(dict, b"R").unwrap_or(if v < 2 { 2 } else { 3 });
        let encrypt_metadata =
            !matches!(dict.get(b"EncryptMetadata"), Some(Object::Boolean(false)));
        let (strings, streams, n) = match v {
            1 => (Method::Rc4, Method::Rc4, 5),
            2 | 3 => {
                let n = key_bytes(
                    int(dict, b"Length").and_then(|l| usize::try_from(l).ok()),
                    5,
                );
                (Method::Rc4, Method::Rc4, n)
            }
            4 | 5 => {
                let (strings, l1) = crypt_filter(dict, dict.name(b"StrF"));
                let (streams, l2) = crypt_filter(dict, dict.name(b"StmF"));
                (strings, streams, key_bytes(l1.or(l2), 16))
            }
            _ => return None,
        };
        let key = match r {
            2..=4 => legacy_key(dict, id0, r, n, encrypt_metadata)?,
            5 | 6 => aes256_key(dict, r)?,
            _ => return None,
        };
        Some(Handler {
            key,
            strings,
            streams,
            encrypt_metadata,
        })
    }

    pub fn encrypt_metadata(&self) -> bool {
        self.encrypt_metadata
    }

    pub fn decrypt_string(&self, id: ObjectId, data: &[u8]) -> Vec<u8> {
        self.decrypt(self.strings, id, data)
    }

    pub fn decrypt_stream(&self, id: ObjectId, data: &[u8]) -> Vec<u8> {
        self.decrypt(self.streams, id, data)
    }

    /// Algorithm 1: the object's key from the file key, its number and generation.
    fn object_key(&self, (num, generation): ObjectId, aes: bool) -> Vec<u8> {
        let n = num.to_le_bytes();
        let g = generation.to_le_bytes();
        let salt: &[u8] = if aes { b"sAlT" } else { b"" };
        let digest = md5(&[&self.key, &n[..3], &g, salt]);
        let len = self.key.len().saturating_add(5).min(16);
        digest.get(..len).unwrap_or_default().to_vec()
    }

    fn decrypt(&self, method: Method, id: ObjectId, data: &[u8]) -> Vec<u8> {
        match method {
            Method::Identity => data.to_vec(),
            Method::Rc4 => rc4(&self.object_key(id, false), data),
            Method::AesV2 => aes_cbc(&self.object_key(id, true), data),
            Method::AesV3 => aes_cbc(&self.key, data),
        }
    }
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#5 padding (§7.6.2), leniently:
/// bad padding is kept, too short data is empty.
fn aes_cbc(key: &[u8], data: &[u8]) -> Vec<u8> {
    let (Some(iv), Some(rest)) = (data.get(..16), data.get(16..)) else {
        return Vec::new();
    };
    let mut iv_block = [0u8; 16];
    iv_block.copy_from_slice(iv);
    let Some(mut out) = aes_cbc_decrypt(key, &iv_block, rest) else {
        return Vec::new();
    };
    if let Some(&pad) = out.last() {
        let n = usize::from(pad);
        if (1..=16).contains(&n) && out.len() >= n && out.iter().rev().take(n).all(|&b| b == pad) {
            out.truncate(out.len().saturating_sub(n));
        }
    }
    out
}

/// Algorithms 2 and 6 (revisions 2–4) with the empty password: the file key, if the
/// password checks against /U.
fn legacy_key(
    dict: &Dictionary,
    id0: &[u8],
    r: i64,
    n: usize,
    encrypt_metadata: bool,
) -> Option<Vec<u8>> {
    let o = bytes(dict, b"O");
    let u = bytes(dict, b"U");
    let p = int(dict, b"P").unwrap_or(0) as i32;
    let no_metadata: &[u8] = if r >= 4 && !encrypt_metadata {
        &[0xFF; 4]
    } else {
        &[]
    };
    let o32 = o.get(..32).unwrap_or(o);
    let mut digest = md5(&[&PAD, o32, &p.to_le_bytes(), id0, no_metadata]);
    let n = if r == 2 { 5 } else { n };
    if r >= 3 {
        for _ in 0..50 {
            digest = md5(&[digest.get(..n)?]);
        }
    }
    let key = digest.get(..n)?.to_vec();
    let check = if r == 2 {
        rc4(&key, &PAD) == u.get(..32)?
    } else {
        let mut x = rc4(&key, &md5(&[&PAD, id0]));
        for i in 1..=19u8 {
            let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
            x = rc4(&k, &x);
        }
        x.get(..16) == u.get(..16)
    };
    check.then_some(key)
}

/// Revision 6's password hash (ISO 32000-2 Algorithm 2.B) for the empty password.
fn hash_r6(salt: &[u8], udata: &[u8]) -> [u8; 32] {
    let mut k: Vec<u8> = sha256(&[salt, udata]).to_vec();
    let mut round = 0usize;
    loop {
        let once: Vec<u8> = [&k[..], udata].concat();
        let k1 = once.repeat(64);
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            break;
        };
        let mut iv_block = [0u8; 16];
        iv_block.copy_from_slice(iv);
        let Some(e) = aes_cbc_encrypt(key, &iv_block, &k1) else {
            break;
        };
        let sum: u32 = e.iter().take(16).map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&[&e]).to_vec(),
            1 => sha384(&[&e]).to_vec(),
            _ => sha512(&[&e]).to_vec(),
        };
        round = round.saturating_add(1);
        let last = usize::from(e.last().copied().unwrap_or(0));
        if round >= 64 && last <= round.saturating_sub(32) {
            break;
        }
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(k.get(..32).unwrap_or(&[0; 32]));
    out
}

/// Algorithm 2.A (revisions 5 and 6) with the empty password: the file key from /UE,
/// if the password checks against /U.
fn aes256_key(dict: &Dictionary, r: i64) -> Option<Vec<u8>> {
    let u = bytes(dict, b"U");
    let ue = bytes(dict, b"UE");
    let (hash, validation, key_salt) = (u.get(..32)?, u.get(32..40)?, u.get(40..48)?);
    let hash_of = |salt: &[u8]| {
        if r == 5 {
            sha256(&[salt])
        } else {
            hash_r6(salt, &[])
        }
    };
    if hash_of(validation).as_slice() != hash {
        return None;
    }
    let intermediate = hash_of(key_salt);
    let key = aes_cbc_decrypt(&intermediate, &[0; 16], ue.get(..32)?)?;
    (key.len() == 32).then_some(key)
}

#[cfg(test)]
mod tests {
    //! Vectors written by qpdf 11.3 (`qpdf --encrypt "" owner …`, `--allow-weak-crypto`
    //! for RC4) over a file whose /Info (object 2) has /Title (Hello world) and whose
    //! first /ID is 00112233445566778899aabbccddeeff.

    use super::*;
    use crate::pdf::cos::parse;
    use crate::pdf::lex::{self, Lexer};

    const ID0: &str = "00112233445566778899aabbccddeeff";

    fn hex(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        lex::decode_hex(s.as_bytes(), &mut out);
        out
    }

    fn handler(encrypt: &str) -> Option<Handler> {
        let Some(Object::Dictionary(dict)) = parse::object(
            &mut Lexer::new(encrypt.as_bytes()),
            parse::Bounds::new(8, &std::cell::Cell::new(u64::MAX)),
        ) else {
            panic!("an /Encrypt dictionary");
        };
        Handler::new(&dict, &hex(ID0))
    }

    fn title(encrypt: &str, title: &str) -> Vec<u8> {
        let h = handler(encrypt).expect("the empty user password opens it");
        h.decrypt_string((2, 0), &hex(title))
    }

    #[test]
    fn revision_2_rc4_40_bit() {
        let e = "<< /Filter /Standard /Length 40 /O <c92422687facee686e373f10b5c7d04738053152f7e2ee30e11c69ec442576ab> /P -4 /R 2 /U <adb43c8d5c0a904ecd6878928abf0a1ef65fa75e1632b2134005fa3b1d844c68> /V 1 >>";
        assert_eq!(title(e, "9403b3b1812f9566dfc4f3"), b"Hello world");
    }

    const R3: &str = "<< /Filter /Standard /Length 128 /O <566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5> /P -4 /R 3 /U <60cb14e897d58381f951427876a780410122456a91bae5134273a6db134c87c4> /V 2 >>";

    #[test]
    fn revision_3_rc4_128_bit() {
        assert_eq!(title(R3, "7b8436716d239024d61e29"), b"Hello world");
        // Another object's key gives other bytes.
        let h = handler(R3).expect("opens");
        assert_ne!(
            h.decrypt_string((3, 0), &hex("7b8436716d239024d61e29")),
            b"Hello world"
        );
    }

    #[test]
    fn revision_4_crypt_filters_rc4_and_aes() {
        let rc4 = "<< /CF << /StdCF << /AuthEvent /DocOpen /CFM /V2 /Length 16 >> >> /Filter /Standard /Length 128 /O <566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5> /P -4 /R 4 /StmF /StdCF /StrF /StdCF /U <60cb14e897d58381f951427876a780410122456a91bae5134273a6db134c87c4> /V 4 >>";
        assert_eq!(title(rc4, "7b8436716d239024d61e29"), b"Hello world");
        let aes = rc4.replace("/CFM /V2", "/CFM /AESV2");
        assert_eq!(
            title(
                &aes,
                "5f0e0d3820cbc83a84cf341a16466f1ea2b3b0ec0a15b53c2cbf37cfb7b28760"
            ),
            b"Hello world"
        );
        // Identity string filter: strings are stored in the clear.
        let identity = aes.replace("/StrF /StdCF", "/StrF /Identity");
        assert_eq!(title(&identity, "48656c6c6f"), b"Hello");
        // /EncryptMetadata false changes the key: qpdf's /U no longer matches it.
        let no_metadata = rc4.replace("/V 4", "/V 4 /EncryptMetadata false");
        assert!(handler(&no_metadata).is_none());
    }

    #[test]
    fn revision_5_aes_256() {
        let e = "<< /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /Filter /Standard /Length 256 /O <e70179d93890de16a41f61930e374f914e950a12a238d44bc99bbdb939b6210646e6f564e2f04f314cc47227c337605e> /OE <6ca873214afd6a45ebc20b2d621c6fc77e60e13e67d449b35445cf45d1640d5c> /P -4 /Perms <0f1bc10dc9674c868097aa0844fc67f2> /R 5 /StmF /StdCF /StrF /StdCF /U <15af9b51e3d19dbaf6d851bdb2f56b806f40e8170f4abb048a2f7ef46d9797723e1ff6c19fb79aeb78a0a198a9958f9a> /UE <c60344bb795e0ee890b7c10153225239af0c7fac005890af6c92d842629174bf> /V 5 >>";
        assert_eq!(
            title(
                e,
                "09e9bb1fd9101764cb8eb981279de06437cb6646db0ddf104fb9d4520ae3edbb"
            ),
            b"Hello world"
        );
    }

    #[test]
    fn revision_6_aes_256_with_its_hash() {
        let e = "<< /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /Filter /Standard /Length 256 /O <aa419822c68f0f3b08572e156b2cf89cae224964909cb0a681dbced155ab3a84a17fc93fd612c13a22d265f6781f1336> /OE <086951ad8f52f5ca091a6169e615fa7f246b58e7b60d07df86ad1878a5860e8b> /P -4 /Perms <95e8447ca1a87b5854622db4a80334e5> /R 6 /StmF /StdCF /StrF /StdCF /U <85d1a59321c1c7228bc4289ea58774a95df3f4074aafc3d1fb87a4ae08b8d1faf05279de28ff6db1c95d4d6013de912a> /UE <fa4291e63a809801e24b748ec318cbac913b092ee8162cce3748ee54d6d3d99d> /V 5 >>";
        assert_eq!(
            title(
                e,
                "67e6ab8202f034b397b8b2ebfb5bcd842768902f4bd42db4105322fa850f9120"
            ),
            b"Hello world"
        );
    }

    #[test]
    fn a_user_password_is_needed() {
        let r6 = "<< /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /Filter /Standard /Length 256 /O <cb106e33e2b82cb2cfca1c919ef4b564fb12e6e7c751131e1bc7376401159285e6be231041ac401d19487874bc3b3ce4> /OE <35d8659bba120ee509b47cd22cc8c7c01cf52404ec825f28b1b33a15720ed2db> /P -4 /Perms <0e0b462a89a9091a9c959c3cc56044ec> /R 6 /StmF /StdCF /StrF /StdCF /U <34e282791b4431efa2da26108838944afc996b78848cff4ca86e9ea43c92bd94d2cd3113c88ae725e89be5005610866c> /UE <b0be62433f3bb66b16951eba0ed280950516bced3bfb30f517050de0bf8986c5> /V 5 >>";
        assert!(handler(r6).is_none());
        let r3 = "<< /Filter /Standard /Length 128 /O <0ba3835f88f90388e74e54584125ce142be0de24c6b0d37746e075b891756671> /P -4 /R 3 /U <d798239dd347dc3afe3dd10515bb58430122456a91bae5134273a6db134c87c4> /V 2 >>";
        assert!(handler(r3).is_none());
        // Another handler than the standard one cannot be opened either.
        assert!(handler(&R3.replace("/Standard", "/Adobe.PubSec")).is_none());
    }

    #[test]
    fn aes_data_too_short_or_badly_padded() {
        let key = [7u8; 16];
        assert_eq!(aes_cbc(&key, &[1, 2, 3]), Vec::<u8>::new());
        // Zero-length data after the IV decrypts to nothing.
        assert_eq!(aes_cbc(&key, &[0; 16]), Vec::<u8>::new());
        // A block whose last byte is no padding is kept whole.
        let mut data = vec![0u8; 16];
        data.extend(aes_cbc_encrypt(&key, &[0; 16], &[b'x'; 16]).expect("a key"));
        assert_eq!(aes_cbc(&key, &data), vec![b'x'; 16]);
    }
}
