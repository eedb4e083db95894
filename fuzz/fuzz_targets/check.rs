//! Fuzzes the whole core: any bytes as a PDF, with the first byte choosing the kind,
//! under limits a little tighter than the defaults so each input stays quick. Any
//! panic (an abort under libFuzzer) is a bug: it becomes a fixture, then a fix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precheck::{Kind, Limits, Options};

fuzz_target!(|data: &[u8]| {
    let kind = match data.first().map(|b| b % 4) {
        Some(1) => Kind::Position,
        Some(2) => Kind::Published,
        Some(3) => Kind::Poster,
        _ => Kind::Paper,
    };
    let options = Options {
        kind,
        abstract_text: None,
        ..Options::default()
    };
    let limits = Limits {
        stream_bytes: 16 << 20,
        operators_per_page: 200_000,
        operators_total: 2_000_000,
        outline_operators: 1_000_000,
        ..Limits::default()
    };
    let report = precheck::check_with_limits(Some(data), &options, &limits);
    assert!(report.is_ok(), "default options are always valid");
});
