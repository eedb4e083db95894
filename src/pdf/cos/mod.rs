//! Our own PDF object layer (ISO 32000-1 §7): objects, cross-reference data, object
//! streams, filters, encryption and text strings, read lazily from borrowed bytes and
//! under the named limits. Built on the tokenizer in `super::lex`; nothing here panics.

mod crypt;
mod document;
mod filter;
mod flate;
mod lzw;
mod object;
mod parse;
mod predictor;
pub mod text;
mod xref;

pub use document::{Bytes, Document, OpenError};
pub use filter::DecodeError;
pub use object::{Dictionary, Object, ObjectId, Stream};
