//! What reading each PDF cost, in the units of the document budgets (`src/limits.rs`):
//! `cargo run --release --example work FILE...`. One line of JSON per file, then the
//! maximum of each count, to set the budgets against real papers.
fn main() {
    let mut max = precheck::pdf::WorkDone::default();
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let Ok(facts) = precheck::pdf::read(&bytes, &precheck::Limits::default()) else {
            continue;
        };
        let w = facts.work;
        println!(
            "{{\"file\": {path:?}, \"pages\": {}, \"operators\": {}, \"glyphs\": {}, \"spans\": {}, \"shapes\": {}, \"decodedBytes\": {}, \"values\": {}, \"outlineOperators\": {}, \"fonts\": {}, \"limits\": \"{:?}\"}}",
            facts.page_count,
            w.operators,
            w.glyphs,
            w.spans,
            w.shapes,
            w.decoded_bytes,
            w.values,
            w.outline_operators,
            facts.fonts.len(),
            facts.limits_reached
        );
        max.operators = max.operators.max(w.operators);
        max.glyphs = max.glyphs.max(w.glyphs);
        max.spans = max.spans.max(w.spans);
        max.shapes = max.shapes.max(w.shapes);
        max.decoded_bytes = max.decoded_bytes.max(w.decoded_bytes);
        max.values = max.values.max(w.values);
        max.outline_operators = max.outline_operators.max(w.outline_operators);
    }
    eprintln!("max: {max:?}");
}
