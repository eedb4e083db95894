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
