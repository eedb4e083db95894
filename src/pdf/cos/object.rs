//! The PDF object model (ISO 32000-1 §7.3): null, booleans, numbers, names, strings,
//! arrays, dictionaries, streams and indirect references. A stream holds its dictionary
//! and the range of its raw data in the file, never a copy.

use std::ops::Range;

/// An indirect object's number and generation (§7.3.10).
pub type ObjectId = (u32, u16);

#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Null,
    Boolean(bool),
    Integer(i64),
    Real(f64),
    /// The name's bytes, `#xx` escapes decoded.
    Name(Vec<u8>),
    /// The string's bytes, escapes decoded and, in an encrypted file, decrypted.
    String(Vec<u8>),
    Array(Vec<Object>),
    Dictionary(Dictionary),
    Stream(Stream),
    Reference(ObjectId),
}

impl Object {
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Object::Integer(i) => Some(i),
            _ => None,
        }
    }

    /// The dictionary of a dictionary or a stream.
    pub fn as_dict(&self) -> Option<&Dictionary> {
        match self {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

/// A dictionary in the order its keys were written. Lookups are linear: real
/// dictionaries have a handful of keys. A key written twice keeps its last value, as
/// pdf.js and lopdf read it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dictionary {
    entries: Vec<(Vec<u8>, Object)>,
}

impl Dictionary {
    pub fn new() -> Dictionary {
        Dictionary::default()
    }

    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| v)
    }

    pub fn has(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }

    /// The entries as written, a repeated key keeping its last value and its first place.
    /// Sorting keeps a dictionary of a million keys linear-logarithmic to build.
    pub fn from_entries(entries: Vec<(Vec<u8>, Object)>) -> Dictionary {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| entries.get(i).map(|(k, _)| k.as_slice());
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
        // For each key: where it first appears, and which entry (the last) it keeps.
        let mut keep: Vec<(usize, usize)> = Vec::with_capacity(order.len());
        for pair in order
            .chunk_by(|&a, &b| entries.get(a).map(|(k, _)| k) == entries.get(b).map(|(k, _)| k))
        {
            if let (Some(&first), Some(&last)) = (pair.first(), pair.last()) {
                keep.push((first, last));
            }
        }
        keep.sort_unstable();
        let mut slots: Vec<Option<(Vec<u8>, Object)>> = entries.into_iter().map(Some).collect();
        let mut out = Vec::with_capacity(keep.len());
        for (first, last) in keep {
            let key = slots
                .get_mut(first)
                .and_then(|s| s.as_ref().map(|(k, _)| k.clone()));
            let value = slots.get_mut(last).and_then(Option::take).map(|(_, v)| v);
            if let (Some(k), Some(v)) = (key, value) {
                out.push((k, v));
            }
        }
        Dictionary { entries: out }
    }

    /// Adds an entry, replacing the value of a key already there.
    pub fn insert(&mut self, key: Vec<u8>, value: Object) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Adds an entry unless the key is already there (merging an older trailer).
    pub fn insert_if_absent(&mut self, key: Vec<u8>, value: Object) {
        if !self.has(&key) {
            self.entries.push((key, value));
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Object)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }

    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut Object> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// The name stored under `key`, if it is a direct name.
    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Object::as_name)
    }
}

/// A stream: its dictionary and where its raw (still encoded, maybe encrypted) data
/// lies in the file. The data is read through [`super::Document::decode`].
#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    pub dict: Dictionary,
    /// The raw data's byte range in the file.
    pub data: Range<usize>,
    /// The indirect object the stream is (its key for decryption and caching).
    pub id: ObjectId,
}
