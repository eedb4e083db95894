//! Small readers over PDF objects that never fail loudly: a missing, mistyped or
//! non-finite value is `None`, and every chain of references is bounded.

use super::cos::{self, Dictionary, Document, Object, ObjectId, Stream};

/// Follows references until a direct object, a bounded number of hops
/// ([`Document::resolve`]).
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.resolve(obj)
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key)?)
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    number(resolve(doc, dict.get(key)?)?)
}

/// A finite number, integer or real; a real past ±3.403 × 10^38 (ISO 32000-1 Annex C.2,
/// the range of reals a reader must take) is none.
pub fn number(obj: &Object) -> Option<f64> {
    let v = match obj {
        Object::Integer(i) => *i as f64,
        Object::Real(r) if r.abs() <= f64::from(f32::MAX) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// An array of finite numbers, dereferencing each element.
pub fn numbers(doc: &Document, arr: &[Object]) -> Option<Vec<f64>> {
    arr.iter()
        .map(|o| resolve(doc, o).and_then(number))
        .collect()
}

pub fn as_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The object id a value refers to, if it is a reference.
pub fn reference_id(obj: &Object) -> Option<ObjectId> {
    match obj {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// A text string (PDF doc encoding or UTF-16 with BOM) as Rust text, trimmed.
pub fn text_string(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let Object::String(raw) = get(doc, dict, key)? else {
        return None;
    };
    let s = cos::text_string::decode(raw);
    let s = s
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .to_string();
    (!s.is_empty()).then_some(s)
}
