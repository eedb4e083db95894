//! The wasm binding in Node (wasm-bindgen-test's default host). The bodies live in
//! `tests/wasm_shared/mod.rs`, shared with `tests/wasm_browser.rs`. Run with
//!
//!     CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --test wasm_node
//!
//! Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod wasm_shared;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn runs_in_node() {
    wasm_shared::runs_in("node");
}

shared_wasm_tests!(
    report_is_plain_camel_case_data,
    options_object_is_honoured,
    undefined_fields_are_absent,
    invalid_options_throw_named_errors,
    unknown_option_key_throws,
    custom_profile_object_is_honoured,
    custom_profile_typo_names_the_key,
    statuses_equal_native_cli,
    counters_and_version,
    blog_without_pdf,
    not_a_pdf_gives_a_report,
);
