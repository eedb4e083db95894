//! The parity table `tests/parity/statuses.json` is what the native command line gives
//! on three fixtures. The wasm tests (`tests/wasm_node.rs`, `tests/wasm_browser.rs`)
//! assert the binding gives the same; this test re-runs the real binary so the table
//! cannot drift from it. Regenerate with `python3 tests/parity/gen.py` after
//! `cargo build --release` when a status changes on purpose.

use serde_json::Value;
use std::process::{Command, Stdio};

const TABLE: &str = include_str!("parity/statuses.json");

/// The `[id, status]` pairs of a report, in the report's order.
fn statuses(report: &Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .expect("checks is an array")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().expect("id").to_string(),
                c["status"].as_str().expect("status").to_string(),
            )
        })
        .collect()
}

fn table_statuses(fixture: &Value) -> Vec<(String, String)> {
    fixture["statuses"]
        .as_array()
        .expect("statuses is an array")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().expect("id").to_string(),
                pair[1].as_str().expect("status").to_string(),
            )
        })
        .collect()
}

#[test]
fn parity_table_matches_the_native_cli() {
    let table: Value = serde_json::from_str(TABLE).expect("statuses.json parses");
    let fixtures = table["fixtures"].as_array().expect("fixtures is an array");
    assert_eq!(fixtures.len(), 3);
    for fixture in fixtures {
        let pdf = fixture["pdf"].as_str().expect("pdf");
        let abstract_file = fixture["abstract"].as_str().expect("abstract");
        let out = Command::new(env!("CARGO_BIN_EXE_precheck"))
            .args(["--format", "json", "--abstract"])
            .arg(format!("tests/fixtures/{abstract_file}"))
            .arg(format!("tests/fixtures/{pdf}"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{pdf}: exit {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).expect("the CLI prints JSON");
        assert_eq!(report["profile"], table["profile"], "{pdf}: profile");
        assert_eq!(report["kind"], table["kind"], "{pdf}: kind");
        assert_eq!(
            statuses(&report),
            table_statuses(fixture),
            "{pdf}: statuses differ from tests/parity/statuses.json"
        );
        assert_eq!(report["verdict"], fixture["verdict"], "{pdf}: verdict");
        // Exit status 1 exactly when some check failed (SPEC §6).
        let failed = statuses(&report).iter().any(|(_, s)| s == "fail");
        assert_eq!(code, Some(i32::from(failed)), "{pdf}: exit status");
    }
}
