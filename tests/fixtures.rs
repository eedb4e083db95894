//! One named test per fixture PDF: its kind and abstract from `expected.json`, and
//! every status listed there (copied from ../shared/fixtures, written for this project).

use precheck::{Kind, Options};
use serde_json::Value;

fn dir() -> String {
    format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> Value {
    let text = std::fs::read_to_string(format!("{}/expected.json", dir())).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

fn check_fixture(pdf: &str) {
    let all = expected();
    let case = &all[pdf];
    assert!(case.is_object(), "{pdf} is not in expected.json");
    let kind = Kind::parse(case["kind"].as_str().unwrap_or("paper")).expect("kind");
    let abstract_text = case["abstract"]
        .as_str()
        .map(|f| std::fs::read_to_string(format!("{}/{f}", dir())).expect("abstract"));
    let bytes = std::fs::read(format!("{}/{pdf}", dir())).expect("pdf");
    let options = Options {
        abstract_text,
        kind,
        ..Options::default()
    };
    let report = precheck::check(Some(&bytes), &options).expect("options are valid");
    let mut wrong = Vec::new();
    for (id, want) in case["expect"].as_object().expect("expect").iter() {
        let got = report
            .check(id)
            .map(|c| (c.status.as_str(), c.message.clone()));
        match got {
            Some((status, _)) if status == want.as_str().unwrap_or("") => {}
            Some((status, message)) => {
                wrong.push(format!("{id}: want {want}, got {status} ({message})"))
            }
            None => wrong.push(format!("{id}: missing")),
        }
    }
    assert!(wrong.is_empty(), "{pdf}:\n  {}", wrong.join("\n  "));
    // Every fixture gets a full report: the twelve checks in the order of SPEC §3.
    let ids: Vec<precheck::CheckId> = report.checks.iter().map(|c| c.id).collect();
    assert_eq!(ids, precheck::CheckId::ALL);
}

macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_fixture(concat!(stringify!($name), ".pdf"));
            }
        )*

        #[test]
        fn every_fixture_in_expected_json_has_a_test() {
            let named: Vec<String> = vec![$(concat!(stringify!($name), ".pdf").to_string()),*];
            let listed: Vec<String> = expected().as_object().expect("object").keys().cloned().collect();
            assert_eq!(named, listed);
        }
    };
}

fixtures!(
    abstract_too_long,
    arxiv_2020,
    arxiv_2022,
    encrypted_owner_only,
    encrypted_password,
    font_9pt,
    font_computer_modern,
    font_not_embedded,
    font_type3,
    long_5_pages,
    long_7_pages,
    lualatex_termes,
    margins_figure_bleed,
    margins_narrow,
    ok_final,
    ok_objstreams,
    ok_preprint_appendix,
    ok_submission_lineno,
    paper_a4,
    poster_a0,
    template_2021,
    truncated,
    twocolumn_other_template,
);
