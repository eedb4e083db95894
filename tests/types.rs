//! The TypeScript types the package publishes (written next to the binding, in
//! `src/wasm.rs`) say what the Rust types say: the `CheckId` union holds exactly the
//! ids of `CheckId::ALL`, in order, and each id is what serde writes for it.

use precheck::CheckId;

/// The quoted members of `export type <name> = "a" | "b" …;` in the binding's types.
fn union(name: &str) -> Vec<String> {
    let source = include_str!("../src/wasm.rs");
    let start = source
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no `{name}` union in src/wasm.rs"));
    let body = &source[start..];
    let body = &body[..body.find(';').expect("the union ends with `;`")];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_typescript_check_id_union_is_the_rust_enum() {
    let rust: Vec<String> = CheckId::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    assert_eq!(union("CheckId"), rust);
    for id in CheckId::ALL {
        assert_eq!(
            serde_json::to_value(id).expect("serializes"),
            serde_json::Value::String(id.as_str().to_string()),
            "{id:?}"
        );
        assert_eq!(CheckId::parse(id.as_str()), Some(id));
    }
}

#[test]
fn the_typescript_status_and_kind_unions_are_the_rust_enums() {
    let statuses: Vec<String> = [
        precheck::Status::Pass,
        precheck::Status::Warn,
        precheck::Status::Fail,
        precheck::Status::Skip,
    ]
    .iter()
    .map(|s| s.as_str().to_string())
    .collect();
    assert_eq!(union("Status"), statuses);
    let kinds: Vec<String> = precheck::Kind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(union("Kind"), kinds);
}
