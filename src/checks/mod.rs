//! Checks: facts (and the author's inputs) in, check results out. No lopdf type is
//! seen here, so each check can be tested with hand-built facts.

mod file;

pub use file::{file_format, file_size};
