//! Test bodies shared by `tests/wasm_node.rs` (Node) and `tests/wasm_browser.rs`
//! (headless Chromium): the binding `precheck::wasm` seen from JavaScript. Each public
//! function is one test; the two front files only declare them, so both hosts run the
//! same assertions.
//!
//! What is checked: the report is plain JSON-compatible data (plain objects, real
//! arrays, camelCase keys, no `null`/`undefined`, numbers not BigInts) equal to the
//! native report; options given as a JS object are honoured; wrong options throw an
//! `Error` named `InvalidOptionsError` with a message naming the culprit; the statuses
//! on three fixtures equal the native CLI's (`tests/parity/statuses.json`); the word
//! and character counters; blog posts without a PDF; bytes that are not a PDF.

use js_sys::{Array, JSON, Object, Reflect};
use precheck::wasm;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

const STATUSES: &str = include_str!("../parity/statuses.json");

/// The fixtures of the parity table, with their abstracts (see tests/fixtures/expected.json).
const FIXTURES: [(&str, &[u8], &str); 3] = [
    (
        "ok_submission_lineno.pdf",
        include_bytes!("../fixtures/ok_submission_lineno.pdf"),
        include_str!("../fixtures/ok_submission_lineno.abstract.txt"),
    ),
    (
        "margins_narrow.pdf",
        include_bytes!("../fixtures/margins_narrow.pdf"),
        include_str!("../fixtures/margins_narrow.abstract.txt"),
    ),
    (
        "paper_a4.pdf",
        include_bytes!("../fixtures/paper_a4.pdf"),
        include_str!("../fixtures/paper_a4.abstract.txt"),
    ),
];

fn fixture(name: &str) -> (&'static [u8], &'static str) {
    let (_, pdf, abstract_text) = FIXTURES
        .iter()
        .find(|(n, _, _)| *n == name)
        .expect("a parity fixture");
    (pdf, abstract_text)
}

// ---------------------------------------------------------------- JS helpers

/// A plain JS object `{key: value, …}` built as a page script would build it.
fn js_object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value).expect("set a property");
    }
    object.into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("read `{key}`"))
}

fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is a string"))
}

fn get_f64(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is a number"))
}

fn keys(value: &JsValue) -> Vec<String> {
    Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().expect("a string key"))
        .collect()
}

fn array(value: &JsValue, what: &str) -> Array {
    assert!(
        Array::is_array(value),
        "{what} is a real Array, got {value:?}"
    );
    value.clone().unchecked_into()
}

fn object_prototype() -> JsValue {
    Object::get_prototype_of(&Object::new()).into()
}

fn array_prototype() -> JsValue {
    Object::get_prototype_of(&Array::new()).into()
}

/// `check` that must succeed.
fn check_ok(pdf: Option<&[u8]>, options: JsValue) -> JsValue {
    match wasm::check(pdf.map(<[u8]>::to_vec), options) {
        Ok(report) => report,
        Err(e) => panic!("check threw {:?}", e),
    }
}

/// `check` that must throw: the thrown value as a JS `Error`.
fn check_err(pdf: Option<&[u8]>, options: JsValue) -> js_sys::Error {
    match wasm::check(pdf.map(<[u8]>::to_vec), options.clone()) {
        Ok(report) => panic!(
            "check({}) should have thrown, gave a report with kind {} and profile {}",
            stringify(&options),
            get_str(&report, "kind"),
            get_str(&report, "profile")
        ),
        Err(e) => {
            assert!(
                e.is_instance_of::<js_sys::Error>(),
                "the thrown value is an Error: {e:?}"
            );
            e.unchecked_into()
        }
    }
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("JSON.stringify")
        .as_string()
        .expect("a string")
}

/// The JS value as serde_json sees it, through `JSON.stringify`.
fn to_json(value: &JsValue) -> Value {
    serde_json::from_str(&stringify(value)).expect("JSON.stringify gives JSON")
}

/// Every number as f64, so `612` from JS equals `612.0` from serde_json.
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().expect("a finite number")),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

fn statuses(report: &JsValue) -> Vec<(String, String)> {
    array(&get(report, "checks"), "checks")
        .iter()
        .map(|c| (get_str(&c, "id"), get_str(&c, "status")))
        .collect()
}

fn ids(report: &JsValue) -> Vec<String> {
    statuses(report).into_iter().map(|(id, _)| id).collect()
}

fn status_of(report: &JsValue, id: &str) -> String {
    statuses(report)
        .into_iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("the report has a `{id}` check"))
        .1
}

/// A key as the JS API promises it: camelCase, so no `_`, `-` or capital first letter.
fn is_camel_case(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// Walks the value and lists every place that is not plain JSON-compatible data with
/// camelCase keys: a key with `_` (or any non-camelCase key), an object whose prototype
/// is not `Object.prototype` (a `Map`, a class instance), an array that is not a real
/// `Array`, `null`, `undefined`, a BigInt, a non-finite number, a function.
fn shape_problems(value: &JsValue, path: &str, problems: &mut Vec<String>) {
    if value.is_undefined() {
        problems.push(format!("{path}: undefined"));
    } else if value.is_null() {
        problems.push(format!(
            "{path}: null (an absent field should be left out, as the TS types say)"
        ));
    } else if value.is_bigint() {
        problems.push(format!("{path}: a BigInt"));
    } else if value.is_function() || value.is_symbol() {
        problems.push(format!("{path}: not data"));
    } else if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            problems.push(format!("{path}: {n}"));
        }
    } else if value.is_string() || value.as_bool().is_some() {
        // Leaves.
    } else if Array::is_array(value) {
        if !Object::is(&Object::get_prototype_of(value).into(), &array_prototype()) {
            problems.push(format!(
                "{path}: an array whose prototype is not Array.prototype"
            ));
        }
        for (i, item) in array(value, path).iter().enumerate() {
            shape_problems(&item, &format!("{path}[{i}]"), problems);
        }
    } else if value.is_object() {
        if !Object::is(&Object::get_prototype_of(value).into(), &object_prototype()) {
            problems.push(format!(
                "{path}: not a plain object (prototype is not Object.prototype)"
            ));
        }
        for key in keys(value) {
            if !is_camel_case(&key) {
                problems.push(format!("{path}.{key}: not a camelCase key"));
            }
            shape_problems(&get(value, &key), &format!("{path}.{key}"), problems);
        }
    } else {
        problems.push(format!("{path}: unexpected value {value:?}"));
    }
}

fn assert_numbers(value: &JsValue, len: usize, what: &str) {
    let items = array(value, what);
    assert_eq!(
        items.length() as usize,
        len,
        "{what} has {len} numbers: {}",
        stringify(value)
    );
    for item in items.iter() {
        let n = item
            .as_f64()
            .unwrap_or_else(|| panic!("{what} holds numbers: {}", stringify(value)));
        assert!(n.is_finite(), "{what}: {n}");
    }
}

/// The report has every top-level and document key the SPEC names, with the right types.
fn assert_report_shape(report: &JsValue) {
    assert!(report.is_object(), "the report is an object");
    assert!(
        Object::is(
            &Object::get_prototype_of(report).into(),
            &object_prototype()
        ),
        "the report is a plain object: Object.getPrototypeOf(report) === Object.prototype"
    );
    let mut problems = Vec::new();
    shape_problems(report, "report", &mut problems);
    assert!(
        problems.is_empty(),
        "the report is not plain camelCase data:\n{}",
        problems.join("\n")
    );

    assert_eq!(get_f64(report, "schema"), 1.0);
    for key in ["schema", "profile", "kind", "verdict", "checks", "document"] {
        assert!(
            keys(report).iter().any(|k| k == key),
            "the report has `{key}`"
        );
    }
    let checks = array(&get(report, "checks"), "checks");
    assert!(checks.length() > 0, "the report has checks");
    for check in checks.iter() {
        for key in ["id", "status", "title", "message"] {
            assert!(
                get(&check, key).is_string(),
                "check.{key} is a string: {}",
                stringify(&check)
            );
        }
        let findings = get(&check, "findings");
        if !findings.is_undefined() {
            for finding in array(&findings, "findings").iter() {
                let bbox = get(&finding, "bbox");
                if !bbox.is_undefined() {
                    assert_numbers(&bbox, 4, "a finding's bbox");
                }
                let page = get(&finding, "page");
                if !page.is_undefined() {
                    assert!(
                        page.as_f64().is_some_and(|p| p >= 1.0 && p.fract() == 0.0),
                        "page is 1-based"
                    );
                }
            }
        }
    }
    let document = get(report, "document");
    assert!(
        get(&document, "bytes").as_f64().is_some(),
        "document.bytes is a number (not a BigInt)"
    );
    for size in array(&get(&document, "pageSizes"), "pageSizes").iter() {
        assert_numbers(&size, 2, "a page size");
    }
    array(&get(&document, "fonts"), "fonts");
    assert!(
        get(&document, "info").is_object(),
        "document.info is an object"
    );
}

fn parity_table() -> Value {
    serde_json::from_str(STATUSES).expect("tests/parity/statuses.json parses")
}

// ---------------------------------------------------------------- tests

/// (0) The tests run where their file says: Node has `process` and no `document`; the
/// browser has a `document` (a guard against losing `run_in_browser`).
pub fn runs_in(host: &str) {
    let global = js_sys::global();
    let has = |name: &str| Reflect::has(&global, &JsValue::from_str(name)).expect("Reflect.has");
    match host {
        "node" => assert!(has("process") && !has("document"), "running in Node"),
        "browser" => assert!(
            has("document") && has("navigator"),
            "running in a browser page"
        ),
        other => panic!("unknown host {other}"),
    }
}

/// (1) The report is a plain object with camelCase keys everywhere, `checks` a real
/// Array, findings' bboxes arrays of four numbers, and it equals the native report.
pub fn report_is_plain_camel_case_data() {
    // margins_narrow has findings with boxes; ok_submission_lineno has every document key.
    for name in ["ok_submission_lineno.pdf", "margins_narrow.pdf"] {
        let (pdf, abstract_text) = fixture(name);
        let report = check_ok(Some(pdf), js_object(&[("abstract", abstract_text.into())]));
        assert_report_shape(&report);

        let document = get(&report, "document");
        for key in [
            "pdfVersion",
            "pageSizes",
            "contentPages",
            "textBlocks",
            "bodyFont",
            "abstract",
        ] {
            assert!(
                keys(&document).iter().any(|k| k == key),
                "{name}: document has `{key}`: {:?}",
                keys(&document)
            );
        }
        let pages = get_f64(&document, "pages") as u32;
        assert_eq!(
            array(&get(&document, "pageSizes"), "pageSizes").length(),
            pages,
            "{name}: one size a page"
        );
        for block in array(&get(&document, "textBlocks"), "textBlocks").iter() {
            assert_numbers(&block, 4, "a text block");
        }
        assert!(
            get_str(&document, "pdfVersion").starts_with("1."),
            "{name}: pdfVersion"
        );
        let body_font = get(&document, "bodyFont");
        assert!(
            get(&body_font, "name").is_string() && get(&body_font, "size").as_f64().is_some(),
            "{name}: bodyFont"
        );
        for font in array(&get(&document, "fonts"), "fonts").iter() {
            for key in ["name", "baseFont", "type"] {
                assert!(get(&font, key).is_string(), "{name}: font.{key}");
            }
            assert!(
                get(&font, "embedded").as_bool().is_some(),
                "{name}: font.embedded"
            );
        }

        // The same report the native core gives (and so the CLI's JSON), key for key.
        let options = precheck::Options {
            abstract_text: Some(abstract_text.to_string()),
            ..Default::default()
        };
        let native = precheck::check(Some(pdf), &options).expect("native check");
        let native = serde_json::to_value(&native).expect("serialize");
        assert_eq!(
            numbers_as_f64(to_json(&report)),
            numbers_as_f64(native),
            "{name}: the JS report equals the native one"
        );
    }

    let (pdf, abstract_text) = fixture("margins_narrow.pdf");
    let report = check_ok(Some(pdf), js_object(&[("abstract", abstract_text.into())]));
    let margins = array(&get(&report, "checks"), "checks")
        .iter()
        .find(|c| get_str(c, "id") == "margins")
        .expect("a margins check");
    let findings = array(&get(&margins, "findings"), "margins findings");
    assert!(findings.length() > 0, "margins_narrow has margin findings");
    let boxed = findings
        .iter()
        .filter(|f| !get(f, "bbox").is_undefined())
        .count();
    assert!(
        boxed > 0,
        "margin findings carry a bbox: {}",
        stringify(&findings)
    );
}

/// (2) Options given as a JS object are honoured; `undefined` and `null` mean defaults.
pub fn options_object_is_honoured() {
    let (pdf, abstract_text) = fixture("ok_submission_lineno.pdf");
    let options = js_object(&[
        ("abstract", abstract_text.into()),
        ("kind", "position".into()),
        ("firstPublic", "2022-01-01".into()),
        ("profile", "neurips-2022".into()),
    ]);
    let report = check_ok(Some(pdf), options);
    assert_report_shape(&report);
    assert_eq!(get_str(&report, "kind"), "position");
    assert_eq!(get_str(&report, "profile"), "neurips-2022");
    let summary = get(&get(&report, "document"), "abstract");
    assert_eq!(get_str(&summary, "source"), "input");
    // The check counts the abstract without its surrounding white space (the fixture
    // file ends in a line break, which a raw countChars would count).
    assert_eq!(
        get_f64(&summary, "words") as usize,
        precheck::count_words(abstract_text.trim())
    );
    assert_eq!(
        get_f64(&summary, "chars") as usize,
        precheck::count_chars(abstract_text.trim())
    );
    // The main track sets no recency rule: the check is skipped, whatever the date.
    assert_eq!(status_of(&report, "recency"), "skip");
    // Under the workshop's rules the date is read: recency passes (it warns when no
    // date is given) and names it; "not-yet" passes too.
    for (first_public, says) in [("2022-01-01", "2022-01-01"), ("not-yet", "not public yet")] {
        let report = check_ok(
            Some(pdf),
            js_object(&[("firstPublic", first_public.into())]),
        );
        assert_eq!(status_of(&report, "recency"), "pass", "{first_public}");
        let recency = array(&get(&report, "checks"), "checks")
            .iter()
            .find(|c| get_str(c, "id") == "recency")
            .unwrap();
        assert!(
            get_str(&recency, "message").contains(says),
            "recency names the date"
        );
    }
    // Position papers: the page limit does not apply under this profile.
    assert_eq!(status_of(&report, "page-limit"), "skip");

    // The same as the Rust options struct gives.
    let native = precheck::check(
        Some(pdf),
        &precheck::Options {
            abstract_text: Some(abstract_text.to_string()),
            kind: precheck::Kind::Position,
            first_public: Some("2022-01-01".into()),
            today: None,
            profile: precheck::ProfileChoice::Builtin("neurips-2022".into()),
            layout: false,
        },
    )
    .expect("native check");
    assert_eq!(
        numbers_as_f64(to_json(&report)),
        numbers_as_f64(serde_json::to_value(&native).unwrap()),
        "JS options and Rust options give the same report"
    );

    // undefined and null options: the defaults (snn-2022, paper, abstract from the PDF).
    for options in [JsValue::UNDEFINED, JsValue::NULL, js_object(&[])] {
        let report = check_ok(Some(pdf), options.clone());
        assert_report_shape(&report);
        assert_eq!(get_str(&report, "kind"), "paper", "{options:?}");
        assert_eq!(get_str(&report, "profile"), "snn-2022", "{options:?}");
        assert_eq!(
            status_of(&report, "recency"),
            "warn",
            "{options:?}: no date given"
        );
    }

    // `today` is an option too (the core reads no clock).
    let report = check_ok(
        Some(pdf),
        js_object(&[
            ("today", "2022-06-01".into()),
            ("firstPublic", "2022-01-01".into()),
        ]),
    );
    assert_report_shape(&report);
}

/// (2b) A field set to `undefined` is as if absent, as JS code expects
/// (`{kind: form.kind || undefined}`) and as `kind?: Kind` in the TypeScript types allows.
pub fn undefined_fields_are_absent() {
    let (pdf, _) = fixture("ok_submission_lineno.pdf");
    let options = js_object(&[
        ("abstract", JsValue::UNDEFINED),
        ("kind", JsValue::UNDEFINED),
        ("firstPublic", JsValue::UNDEFINED),
        ("today", JsValue::UNDEFINED),
        ("profile", JsValue::UNDEFINED),
    ]);
    let report = check_ok(Some(pdf), options);
    assert_eq!(get_str(&report, "kind"), "paper");
    assert_eq!(get_str(&report, "profile"), "snn-2022");
}

fn assert_invalid_options(options: JsValue, culprit: &str) {
    let (pdf, _) = fixture("paper_a4.pdf");
    let error = check_err(Some(pdf), options.clone());
    let name = error.name().as_string().unwrap_or_default();
    let message = error.message().as_string().unwrap_or_default();
    assert_eq!(
        name,
        "InvalidOptionsError",
        "options {}: name (message: {message})",
        stringify(&options)
    );
    assert!(
        message.contains(culprit),
        "options {}: the message `{message}` names `{culprit}`",
        stringify(&options)
    );
    assert!(
        !message.starts_with("Error:"),
        "no doubled `Error:` prefix: `{message}`"
    );
    // What a page shows is `String(error)`: the name, then the message.
    let shown = JsValue::from(error.to_string())
        .as_string()
        .unwrap_or_default();
    assert_eq!(shown, format!("InvalidOptionsError: {message}"));
}

/// (3) Wrong options throw an `Error` named `InvalidOptionsError` whose message names
/// what is wrong.
pub fn invalid_options_throw_named_errors() {
    // An unknown profile: the message lists the built-in ones.
    assert_invalid_options(js_object(&[("profile", "nope-2030".into())]), "nope-2030");
    assert_invalid_options(js_object(&[("profile", "nope-2030".into())]), "snn-2022");
    // An unknown kind.
    assert_invalid_options(js_object(&[("kind", "journal".into())]), "journal");
    // Bad dates: not a real day, not the format; the message names the value and the date
    // (in words an author reads on the page: "the first-public date").
    assert_invalid_options(
        js_object(&[("firstPublic", "2022-02-30".into())]),
        "2022-02-30",
    );
    assert_invalid_options(
        js_object(&[("firstPublic", "2022-02-30".into())]),
        "first-public date",
    );
    assert_invalid_options(
        js_object(&[("firstPublic", "March 2022".into())]),
        "March 2022",
    );
    assert_invalid_options(js_object(&[("today", "yesterday".into())]), "today");
    // Wrong types.
    assert_invalid_options(js_object(&[("kind", 3.into())]), "invalid type");
    assert_invalid_options(js_object(&[("abstract", true.into())]), "invalid type");
    assert_invalid_options(JsValue::from_str("paper"), "invalid options");
    // Blog posts check the options too (nothing to read, but a bad date is still wrong).
    let error = check_err(
        None,
        js_object(&[
            ("kind", "blog".into()),
            ("firstPublic", "2022-13-01".into()),
        ]),
    );
    assert_eq!(
        error.name().as_string().as_deref(),
        Some("InvalidOptionsError")
    );
}

/// (3b) An unknown option key throws, as the Rust `Options` (deny_unknown_fields) and
/// the TypeScript `CheckOptions` promise: a typo must not be ignored silently.
pub fn unknown_option_key_throws() {
    assert_invalid_options(js_object(&[("abstrct", "text".into())]), "abstrct");
    // A snake_case key is unknown too: the JS API is camelCase.
    assert_invalid_options(
        js_object(&[("first_public", "2022-01-01".into())]),
        "first_public",
    );
}

/// A built-in profile as a JS object (what `precheck --show-profile` prints), renamed.
fn custom_profile(id: &str, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> JsValue {
    let profile = precheck::profile::builtin("snn-2022").expect("a built-in profile");
    let mut value = serde_json::to_value(&profile).expect("serialize the profile");
    let map = value.as_object_mut().expect("a profile is an object");
    map.insert("id".into(), id.into());
    edit(map);
    JSON::parse(&value.to_string()).expect("JSON.parse")
}

/// (3c) A whole profile given as a JS object is honoured.
pub fn custom_profile_object_is_honoured() {
    let (pdf, abstract_text) = fixture("paper_a4.pdf");
    let profile = custom_profile("my-venue", |p| {
        p.insert("abstractMaxWords".into(), 5.into());
    });
    let report = check_ok(
        Some(pdf),
        js_object(&[("abstract", abstract_text.into()), ("profile", profile)]),
    );
    assert_report_shape(&report);
    assert_eq!(get_str(&report, "profile"), "my-venue");
    assert_eq!(
        status_of(&report, "abstract-length"),
        "fail",
        "the 5-word limit applies"
    );
}

/// (3d) A custom profile with a misspelt key throws `InvalidOptionsError` naming the
/// key, as the command line does for a profile file (`unknown field `abstractMaxWordz``).
pub fn custom_profile_typo_names_the_key() {
    let (pdf, _) = fixture("paper_a4.pdf");
    let profile = custom_profile("my-venue", |p| {
        p.insert("abstractMaxWordz".into(), 5.into());
    });
    assert_invalid_options(js_object(&[("profile", profile)]), "abstractMaxWordz");
    // A profile object missing its rules names what is missing.
    let error = check_err(
        Some(pdf),
        js_object(&[("profile", js_object(&[("id", "x".into())]))]),
    );
    assert_eq!(
        error.name().as_string().as_deref(),
        Some("InvalidOptionsError")
    );
    let message = error.message().as_string().unwrap_or_default();
    assert!(
        message.contains("missing field"),
        "the message `{message}` says which field is missing"
    );
}

/// (4) The statuses on the three parity fixtures equal the native CLI's.
pub fn statuses_equal_native_cli() {
    let table = parity_table();
    let fixtures = table["fixtures"].as_array().expect("fixtures");
    assert_eq!(fixtures.len(), FIXTURES.len());
    for entry in fixtures {
        let name = entry["pdf"].as_str().expect("pdf");
        let (pdf, abstract_text) = fixture(name);
        let report = check_ok(Some(pdf), js_object(&[("abstract", abstract_text.into())]));
        assert_eq!(
            get_str(&report, "profile"),
            table["profile"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            get_str(&report, "kind"),
            table["kind"].as_str().unwrap(),
            "{name}"
        );
        let expected: Vec<(String, String)> = entry["statuses"]
            .as_array()
            .expect("statuses")
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            statuses(&report),
            expected,
            "{name}: wasm statuses differ from the native CLI's"
        );
        assert_eq!(
            get_str(&report, "verdict"),
            entry["verdict"].as_str().unwrap(),
            "{name}: verdict"
        );
    }
}

/// (5) The word and character counters (SPEC §5) and the version.
pub fn counters_and_version() {
    let words = [
        ("Sparse-to-dense training works.", 3),
        ("We prune 90% of weights — and it works.", 8),
        ("$\\ell_1$ and $\\|w\\|_0 \\le k$ penalties", 4),
        ("稀疏网络 works", 5),
        ("and/or don't e.g. 3.5% https://example.org/a-b", 5),
        ("— - & •", 0),
        ("", 0),
    ];
    for (text, n) in words {
        assert_eq!(wasm::count_words(text), n, "count_words({text:?})");
        assert_eq!(
            wasm::count_words(text),
            precheck::count_words(text),
            "{text:?}: binding equals core"
        );
    }
    // Characters as the browser counts a textarea: UTF-16 units, a line break as one.
    let chars = [
        ("稀疏网络 works", 10),
        ("a\r\nb", 3),
        ("a\nb", 3),
        ("a\rb", 3),
        ("😀", 2),
        ("é", 1),
        ("", 0),
    ];
    for (text, n) in chars {
        assert_eq!(wasm::count_chars(text), n, "count_chars({text:?})");
    }
    // And as JS itself counts: String.prototype.length of the same text, no CR.
    let text = "Sparse 稀疏 😀 net\nworks";
    assert_eq!(
        wasm::count_chars(text),
        JsValue::from_str(text)
            .unchecked_into::<js_sys::JsString>()
            .length() as usize
    );
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

/// (6) A blog post has no PDF: exactly the abstract-length and recency checks.
pub fn blog_without_pdf() {
    let (_, abstract_text) = fixture("ok_submission_lineno.pdf");
    let report = check_ok(
        None,
        js_object(&[("kind", "blog".into()), ("abstract", abstract_text.into())]),
    );
    assert_report_shape(&report);
    assert_eq!(get_str(&report, "kind"), "blog");
    assert_eq!(ids(&report), ["abstract-length", "recency"]);
    assert_eq!(status_of(&report, "abstract-length"), "pass");
    assert_eq!(status_of(&report, "recency"), "warn", "no date given");
    let document = get(&report, "document");
    assert_eq!(get_f64(&document, "bytes"), 0.0);
    assert_eq!(get_f64(&document, "pages"), 0.0);

    // With a date the recency check reads it.
    let report = check_ok(
        None,
        js_object(&[
            ("kind", "blog".into()),
            ("abstract", abstract_text.into()),
            ("firstPublic", "2022-01-01".into()),
        ]),
    );
    assert_eq!(ids(&report), ["abstract-length", "recency"]);
    assert_ne!(status_of(&report, "recency"), "skip");
}

/// (7) Bytes that are not a PDF give a report whose file-format check fails; no throw.
pub fn not_a_pdf_gives_a_report() {
    let cases: [(&str, Option<&[u8]>); 5] = [
        ("text", Some(b"hello, this is not a PDF")),
        ("empty", Some(b"")),
        ("truncated header", Some(b"%PDF-1.7\n")),
        (
            "truncated fixture",
            Some(&fixture("paper_a4.pdf").0[..4096]),
        ),
        ("no PDF for a paper", None),
    ];
    for (what, bytes) in cases {
        let report = check_ok(bytes, JsValue::UNDEFINED);
        assert_report_shape(&report);
        assert_eq!(status_of(&report, "file-format"), "fail", "{what}");
        assert_eq!(get_str(&report, "verdict"), "fail", "{what}");
        assert_eq!(
            get_f64(&get(&report, "document"), "bytes") as usize,
            bytes.map_or(0, <[u8]>::len),
            "{what}"
        );
    }
}

/// Declares every shared test as a `#[wasm_bindgen_test]` in the including file, so
/// the Node and browser suites cannot drift apart.
#[macro_export]
macro_rules! shared_wasm_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $name() {
                wasm_shared::$name();
            }
        )*
    };
}
