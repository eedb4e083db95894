//! The wasm binding in headless Chromium, driven by wasm-bindgen-test-runner through
//! chromedriver. The bodies live in `tests/wasm_shared/mod.rs`, shared with
//! `tests/wasm_node.rs`. Run with
//!
//!     CHROMEDRIVER=/usr/bin/chromedriver \
//!     CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --test wasm_browser
//!
//! Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod wasm_shared;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_browser() {
    wasm_shared::runs_in("browser");
}

#[wasm_bindgen_test]
fn report_is_plain_camel_case_data() {
    wasm_shared::report_is_plain_camel_case_data();
}

#[wasm_bindgen_test]
fn options_object_is_honoured() {
    wasm_shared::options_object_is_honoured();
}

#[wasm_bindgen_test]
fn undefined_fields_are_absent() {
    wasm_shared::undefined_fields_are_absent();
}

#[wasm_bindgen_test]
fn invalid_options_throw_named_errors() {
    wasm_shared::invalid_options_throw_named_errors();
}

#[wasm_bindgen_test]
fn unknown_option_key_throws() {
    wasm_shared::unknown_option_key_throws();
}

#[wasm_bindgen_test]
fn custom_profile_object_is_honoured() {
    wasm_shared::custom_profile_object_is_honoured();
}

#[wasm_bindgen_test]
fn custom_profile_typo_names_the_key() {
    wasm_shared::custom_profile_typo_names_the_key();
}

#[wasm_bindgen_test]
fn statuses_equal_native_cli() {
    wasm_shared::statuses_equal_native_cli();
}

#[wasm_bindgen_test]
fn counters_and_version() {
    wasm_shared::counters_and_version();
}

#[wasm_bindgen_test]
fn blog_without_pdf() {
    wasm_shared::blog_without_pdf();
}

#[wasm_bindgen_test]
fn not_a_pdf_gives_a_report() {
    wasm_shared::not_a_pdf_gives_a_report();
}
